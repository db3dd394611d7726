"""Arguments of a word in the dependency parse: subject, object, passive subject, passive agent,
prepositional objects.  One implementation, typed with spaCy's ``Token``, for the stages that read
the parse (events, quotes; actors has its own copy in ``actors/antecedents.py`` and
``actors/pronouns.py`` that can move here).

These are the parse's own arguments, nothing inherited: a stage that wants the subject of a clause
through conjunction or control ("agreed to meet": who meets) builds that on top of them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: active subjects (a noun or a clause)
SUBJ = ("nsubj", "csubj")
#: passive subjects
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
#: direct objects (ClearNLP and UD labels)
OBJ = ("dobj", "obj")


def first_child(t: Token, deps: Collection[str]) -> Token | None:
    """The first child of ``t`` whose dependency label is in ``deps``."""
    for c in t.children:
        if c.dep_ in deps:
            return c
    return None


def subject(t: Token) -> Token | None:
    """The active subject of ``t`` ("X met Y": X)."""
    return first_child(t, SUBJ)


def dobj(t: Token) -> Token | None:
    """The direct object of ``t`` ("X met Y": Y)."""
    return first_child(t, OBJ)


def passive_subj(t: Token) -> Token | None:
    """The passive subject of ``t`` ("Y was attacked": Y)."""
    return first_child(t, PASSIVE_SUBJ)


def passive_agents(t: Token) -> list[Token] | None:
    """The objects of ``t``'s passive agent phrase ("was attacked by X": [X]); None when it has none."""
    for c in t.children:
        if c.dep_ == "agent":
            return [p for p in c.children if p.dep_ == "pobj"]
    return None


def prep_objects(
    t: Token,
    preps: Collection[str],
    deps: Collection[str] = ("pobj", "pcomp"),
    keep: Callable[[Token], bool] | None = None,
) -> list[Token]:
    """Objects (labels ``deps``) of ``t``'s prepositions whose word is in ``preps``, in order; with
    ``keep``, only those it accepts."""
    out = []
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ in deps and (keep is None or keep(p)))
    return out
