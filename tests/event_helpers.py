"""Small helpers the event tests share (imported by the test modules; not a test module)."""

from __future__ import annotations

from eventwire.model import Document, Entity, Event


def types(doc: Document) -> list[str]:
    return [e.event for e in doc.events]


def names(ents: list[Entity]) -> list[str]:
    return [e.entity_text for e in ents]


def events_of(doc: Document, event: str) -> list[Event]:
    return [e for e in doc.events if e.event == event]


def only(doc: Document, event: str) -> Event:
    """The first event of type ``event``; fails, listing what was coded, when there is none."""
    evs = events_of(doc, event)
    assert evs, f"no {event} in {[(e.event, e.trigger, e.mode) for e in doc.events]}"
    return evs[0]
