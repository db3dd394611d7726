"""Dependency-tree helpers of the event coder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .vocab import MONTHS, TIME_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def dobj(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


def passive_subj(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ in ("nsubjpass", "csubjpass"):
            return c
    return None


def prep_objects(t: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of ``t``'s prepositions in ``preps``; never a time ("on Monday", "in March")."""
    out = []
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out.extend(
                p
                for p in c.children
                if p.dep_ in ("pobj", "pcomp")
                and p.pos_ != "VERB"
                and not (p.ent_type_ in ("DATE", "TIME") and time_like(p))
                and p.lower_ not in TIME_WORDS
            )
    return out


def has_prep(t: Token, preps: frozenset[str]) -> bool:
    return any(
        c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps and not time_phrase(c) for c in t.children
    )


def to_clause(x: Token) -> bool:
    """An infinitival clause the parser hung as an adverbial ("asked X to end ...", "called on Friday for X
    to stay")."""
    marks = {a.lower_ for a in x.children if a.dep_ in ("aux", "mark")}
    return x.dep_ == "advcl" and bool(marks & {"to", "for"})


def time_phrase(prep: Token) -> bool:
    """A prepositional phrase that is a date ("on Saturday", "in May"): no argument of a trigger frame."""
    objs = [p for p in prep.children if p.dep_ == "pobj"]
    return bool(objs) and all(p.ent_type_ in ("DATE", "TIME") or p.lower_ in TIME_WORDS for p in objs)


def particles(t: Token) -> set[str]:
    return {c.lower_ for c in t.children if c.dep_ == "prt"} | {
        c.lower_ for c in t.children if c.dep_ in ("advmod", "prep") and c.i == t.i + 1
    }


def time_like(t: Token) -> bool:
    """A word of a time expression (a number, a month or day name, "week"...), as opposed to a noun the NER
    swept into a DATE entity ("March 4 - Farmers")."""
    return (
        t.like_num
        or t.is_punct
        or t.lower_ in TIME_WORDS
        or t.lower_ in MONTHS
        or t.pos_ not in ("NOUN", "PROPN")
    )
