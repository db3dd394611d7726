"""Helpers the test modules share (imported by them; not a test module).

``check_offsets`` checks every offset a document reports; ``case`` / ``check_case`` are the table
rows of the event tests: a sentence and what must (not) be coded from it; ``parsed`` codes a text through
the session pipeline keeping its parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from eventwire.model import Document, Entity, Event


def check_offsets(doc: Document) -> None:
    """Every record's offsets slice the body to exactly the text it reports; events are well formed."""
    text = doc.text
    d = doc.to_dict()

    def ent(e: dict[str, Any]) -> None:
        assert text[e["start"] : e["end"]] == e["entity_text"]

    for e in d["entities"]:
        ent(e)
    for t in d["times"]:
        assert text[t["start"] : t["end"]] == t["text"]
    for p in d["places"]:
        assert text[p["start"] : p["end"]] == p["text"]
    for q in d["quotes"]:
        assert text[q["content_start"] : q["content_end"]] == q["content"]
        if q["speaker_start"] is not None:
            assert text[q["speaker_start"] : q["speaker_end"]] == q["speaker_text"]
        if q["cue_start"] is not None:
            assert text[q["cue_start"] : q["cue_end"]] == q["cue"]
        if q["speaker"]:
            ent(q["speaker"])
    for ev in d["events"]:
        assert text[ev["start"] : ev["end"]] == ev["event_text"]
        assert ev["trigger_start"] is not None and ev["trigger_end"] is not None
        assert text[ev["trigger_start"] : ev["trigger_end"]] == ev["trigger"]
        for e in ev["actor"] + ev["recipient"]:
            ent(e)
        if ev["event_loc"]:
            p = ev["event_loc"]
            assert text[p["start"] : p["end"]] == p["text"]
        assert ev["cameo_root"] is not None and len(ev["cameo_root"]) == 2
        assert 0 < ev["confidence"] <= 1
    for s in d["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(text)
        assert text[s["start"] : s["end"]].strip() == text[s["start"] : s["end"]]


# ------------------------------------------------------------------ event tests
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


@dataclass(frozen=True)
class Case:
    """A sentence and what the coder must make of it.  ``event`` (or ``trigger``) picks the event the
    other fields describe: the first event of that type (or the one with that trigger text)."""

    text: str
    event: str | None = None
    trigger: str | None = None
    #: event types that must be coded / must not be
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    #: nothing at all is coded
    none: bool = False
    cameo_root: str | None = None
    mode: list[str] | None = None
    first_mode: str | None = None
    #: modes the event must have (among others)
    modes: tuple[str, ...] = ()
    actor: list[str] | None = None
    recipient: list[str] | None = None
    #: names that must be among the actors / recipients
    actor_has: tuple[str, ...] = ()
    recipient_has: tuple[str, ...] = ()
    date: str | None = None
    date_source: str | None = None


def case(text: str, id: str, **fields: Any) -> Any:  # noqa: A002 - pytest's name for it
    return pytest.param(Case(text, **fields), id=id)


# complexity over 15: one independent check per field of Case
def check_case(doc: Document, c: Case) -> None:  # noqa: C901
    check_offsets(doc)
    coded = [(e.event, e.trigger, e.mode) for e in doc.events]
    if c.none:
        assert doc.events == [], coded
    for t in c.present:
        assert t in types(doc), coded
    for t in c.absent:
        assert t not in types(doc), coded
    if c.trigger is not None:
        e = next((e for e in doc.events if e.trigger == c.trigger), None)
        assert e is not None, coded
    elif c.event is not None:
        e = only(doc, c.event)
    else:
        return
    if c.event is not None:
        assert e.event == c.event, coded
    if c.cameo_root is not None:
        assert e.cameo_root == c.cameo_root
    if c.mode is not None:
        assert e.mode == c.mode
    if c.first_mode is not None:
        assert e.mode[0] == c.first_mode
    for m in c.modes:
        assert m in e.mode
    if c.actor is not None:
        assert names(e.actor) == c.actor
    if c.recipient is not None:
        assert names(e.recipient) == c.recipient
    for n in c.actor_has:
        assert n in names(e.actor)
    for n in c.recipient_has:
        assert n in names(e.recipient)
    if c.date is not None:
        assert e.date == c.date
    if c.date_source is not None:
        assert e.date_source == c.date_source


def parsed(pipeline: Any, text: str, date: str = "2024-02-01") -> Document:
    """Code a text you wrote through the session pipeline, keeping the parse (``doc.spacy``)."""
    from eventwire.ingest import make_article

    pipeline.keep_parse = True
    try:
        return pipeline.code(make_article(text=text, date=date))
    finally:
        pipeline.keep_parse = False
