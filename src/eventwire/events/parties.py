"""Parties that are not parties: an event's actor or recipient must name someone who can act.

The rule coder and the learned proposals fall back to the noun phrase of a subject or an object when no actor
record covers it.  A phrase headed by a noun that names a thing, a plan, a document or a situation
(``data/events/nonparties.txt``: "the deal", "the merits", "a peaceful settlement of the crisis", "this
senseless act of violence") is no actor or recipient, and is dropped from the event (the event itself stays).
A web address is no party either.  Proper names, pronouns and every other noun ("armed men", "a convoy", "the
committee") are left alone.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from ..model import Document, Entity, Event


@functools.lru_cache(maxsize=1)
def nonparty_nouns() -> frozenset[str]:
    path = Path(str(resources.files("eventwire"))) / "data" / "events" / "nonparties.txt"
    words = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w)


def can_be_party(doc: Document, ent: Entity) -> bool:
    if "://" in ent.entity_text or ent.entity_text.lower().startswith("www."):
        return False  # a web address
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
    return head.lemma_.lower() not in nonparty_nouns()


def drop_things(doc: Document, events: list[Event]) -> None:
    for ev in events:
        ev.actor = [a for a in ev.actor if can_be_party(doc, a)]
        ev.recipient = [r for r in ev.recipient if can_be_party(doc, r)]
