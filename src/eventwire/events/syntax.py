"""Dependency-tree helpers of the event coder, over the shared ``nlp.deps``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp import deps
from ..nlp.deps import dobj, passive_subj
from .vocab import MONTHS, TIME_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

__all__ = [
    "dobj",
    "has_prep",
    "particles",
    "passive_subj",
    "prep_objects",
    "time_like",
    "time_phrase",
    "to_clause",
]


def prep_objects(t: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of ``t``'s prepositions in ``preps``; never a time ("on Monday", "in March")."""
    return deps.prep_objects(t, preps, keep=not_time)


def not_time(p: Token) -> bool:
    """A prepositional object that is an argument, not a verb or a time."""
    return (
        p.pos_ != "VERB"
        and not (p.ent_type_ in ("DATE", "TIME") and time_like(p))
        and p.lower_ not in TIME_WORDS
    )


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
