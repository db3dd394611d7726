"""The rule confidence of an event: the trigger entry's confidence adjusted by how well its actors are
known and how the clause reports it.  (The lead's learned scorer lives in ``score*.py``.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Entity
from .context import Cand
from .vocab import SPEECH

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def confidence(c: Cand, actors: list[Entity], aux: list[str], lemma: Callable[[Token], str]) -> float:
    conf = c.conf
    if not actors:
        conf -= 0.2
    elif all(a.kind == "noun_phrase" and a.code is None for a in actors):
        conf -= 0.1
    else:
        conf += 0.05
    if aux:
        conf -= 0.05
    if c.clause.dep_ == "ccomp" and lemma(c.clause.head) in SPEECH:
        conf -= 0.05
    if c.clause.dep_ in ("relcl", "acl") and not c.nominal:
        conf -= 0.1  # background in a relative clause ("a journalist who was arrested last year")
    return round(max(0.05, min(0.99, conf)), 2)
