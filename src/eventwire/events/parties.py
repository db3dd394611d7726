"""Parties that are not parties: an event's actor or recipient must name someone who can act.

The rule coder and the learned proposals fall back to the noun phrase of a subject or an object when no actor
record covers it.  Such a phrase is kept only when it can name a party: a proper name, a known agent noun
(the actor knowledge base's generic agents: "protesters", "officials", "the company"), a pronoun, or a phrase
whose head is such a word.  "the deal", "the merits", "a peaceful settlement of the crisis" or "this senseless
act of violence" are things, not recipients or actors, and are dropped from the event (the event stays).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path

from ..model import Document, Entity, Event


@functools.lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    """Single-word agent nouns of the actor knowledge base (lower case)."""
    path = Path(str(resources.files("eventwire"))) / "data" / "actors" / "agents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(k.lower() for k in data["agents"] if " " not in k)


def can_be_party(doc: Document, ent: Entity) -> bool:
    if ent.kind != "noun_phrase" or ent.code is not None or ent.name is not None:
        return True
    sdoc = doc.spacy
    if sdoc is None:
        return True
    span = sdoc.char_span(ent.start, ent.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    head = span.root
    if head.pos_ in ("PROPN", "PRON") or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    nouns = agent_nouns()
    return head.lemma_.lower() in nouns or head.lower_ in nouns


def drop_things(doc: Document, events: list[Event]) -> None:
    for ev in events:
        ev.actor = [a for a in ev.actor if can_be_party(doc, a)]
        ev.recipient = [r for r in ev.recipient if can_be_party(doc, r)]
