"""Document -> rows per table: a pure function, separate from any database.

``document_rows(doc)`` returns ``{table: [row tuple, ...]}`` with tuples in the column
order of ``schema.TABLES``; ``reject_rows(rej)`` does the same for a rejected record.
Nothing here touches DuckDB, so another engine (a Dask job writing partitioned Parquet
with ``schema.arrow_schema``) can reuse it unchanged.

``document_dict(rows)`` is the inverse: it rebuilds ``Document.to_dict()`` from the rows
of one article (the store reads them back with ``Store.document``).
"""

from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Mapping, Sequence
from typing import Any

from .. import __version__
from ..dedup.keys import article_identities, side_key
from ..model import Document, Entity, Place, Reject
from . import schema

Rows = dict[str, list[tuple[Any, ...]]]


def event_day(value: str | None, article_date: dt.date | None) -> dt.date | None:
    """The day of an event: its own date when it is a full ``YYYY-MM-DD``, else the article's."""
    if value and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    return article_date


_ENTITY_GET = operator.attrgetter(*schema.ENTITY_FIELDS)
_NOTES_AT = schema.ENTITY_FIELDS.index("notes")
_PLACE_GET = operator.attrgetter(*schema.PLACE_FIELDS)


def _entity_values(e: Entity | None) -> tuple[Any, ...]:
    if e is None:
        return (None,) * len(schema.ENTITY_FIELDS)
    values = list(_ENTITY_GET(e))
    values[_NOTES_AT] = list(e.notes)
    return tuple(values)


def _place_values(p: Place | None) -> tuple[Any, ...]:
    if p is None:
        return (None,) * len(schema.PLACE_FIELDS)
    return tuple(_PLACE_GET(p))


def _entity_index(doc: Document) -> dict[tuple[int, int, str], int]:
    return {(e.start, e.end, e.entity_text): i for i, e in enumerate(doc.entities)}


def document_rows(doc: Document, coded_at: dt.datetime | None = None) -> Rows:
    """All rows one coded document adds to the store."""
    a = doc.article
    aid = a.id
    when = coded_at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows: Rows = {t: [] for t in ("articles", *schema.ARTICLE_TABLES)}
    rows["articles"].append(
        (
            aid,
            a.date,
            a.title,
            a.url,
            a.source,
            a.origin,
            a.text,
            len(a.text),
            len(doc.sentences),
            len(doc.events),
            len(doc.quotes),
            json.dumps([w.to_dict() for w in doc.warnings], ensure_ascii=False),
            when,
            __version__,
        )
    )
    for s in doc.sentences:
        rows["sentences"].append((aid, s.index, s.start, s.end, s.boilerplate))
    for i, e in enumerate(doc.entities):
        rows["entities"].append((aid, i, *_entity_values(e)))
    for i, t in enumerate(doc.times):
        rows["times"].append((aid, i, t.text, t.start, t.end, t.sentence, t.type, t.value, t.mod))
    for i, p in enumerate(doc.places):
        rows["places"].append((aid, i, *_place_values(p)))
    ent_idx = _entity_index(doc)

    def idx_of(e: Entity | None) -> int | None:
        return None if e is None else ent_idx.get((e.start, e.end, e.entity_text))

    for i, q in enumerate(doc.quotes):
        rows["quotes"].append(
            (
                aid,
                i,
                q.content,
                q.content_start,
                q.content_end,
                q.sentence,
                q.kind,
                q.speaker_text,
                q.speaker_start,
                q.speaker_end,
                q.cue,
                q.cue_start,
                q.cue_end,
                q.confidence,
                q.speaker is not None,
                idx_of(q.speaker),
                *_entity_values(q.speaker),
            )
        )
    by_ref = article_identities(doc.entities)
    for i, ev in enumerate(doc.events):
        rows["event_mentions"].append(
            (
                aid,
                i,
                ev.id,
                ev.event,
                ev.date,
                event_day(ev.date, a.date),
                list(ev.mode),
                list(ev.context),
                ev.event_text,
                ev.start,
                ev.end,
                ev.sentence,
                ev.quad_code,
                ev.event_scale,
                ev.cameo_root,
                ev.goldstein,
                ev.confidence,
                ev.trigger,
                ev.trigger_start,
                ev.trigger_end,
                ev.date_source,
                ev.quote,
                ev.event_loc is not None,
                *_place_values(ev.event_loc),
                side_key(ev.actor, by_ref),
                side_key(ev.recipient, by_ref),
                None,  # cluster_id: set by deduplication
            )
        )
        for role, ents in (("actor", ev.actor), ("recipient", ev.recipient)):
            for pos, e in enumerate(ents):
                rows["event_participants"].append((aid, i, role, pos, idx_of(e), *_entity_values(e)))
    return rows


def reject_rows(rej: Reject, at: dt.datetime | None = None) -> Rows:
    when = at or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    raw = rej.raw[:1000] if rej.raw else None
    return {"rejects": [(rej.origin, rej.code, rej.reason, rej.article_id, raw, when)]}


# --------------------------------------------------------------------------- the inverse


def _entity_dict(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    # .get: a database written before a field was added has no column for it
    d = {f: row.get(prefix + f) for f in schema.ENTITY_FIELDS}
    d["notes"] = list(d["notes"] or [])
    return {k: d[k] for k in Entity("", 0, 0, 0).to_dict()}


def _place_dict(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    # .get: a database written before a field was added has no column for it
    d = {f: row.get(prefix + f) for f in schema.PLACE_FIELDS}
    return {k: d.get(k) for k in Place("", 0, 0, 0).to_dict()}


def document_dict(
    article: Mapping[str, Any],
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    include_text: bool = True,
) -> dict[str, Any]:
    """Rebuild ``Document.to_dict()`` from one article's rows (each row a column->value mapping)."""
    header = {
        "id": article["id"],
        "date": article["date"].isoformat() if article["date"] else None,
        "title": article["title"],
        "url": article["url"],
        "source": article["source"],
    }
    if include_text:
        header["text"] = article["text"]
    parts: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for p in sorted(
        tables.get("event_participants", []), key=lambda r: (r["event_idx"], r["side"], r["pos"])
    ):
        parts.setdefault(p["event_idx"], {"actor": [], "recipient": []})[p["side"]].append(_entity_dict(p))
    events = []
    for m in sorted(tables.get("event_mentions", []), key=lambda r: r["idx"]):
        who = parts.get(m["idx"], {"actor": [], "recipient": []})
        events.append(
            {
                "id": m["event_id"],
                "date": m["date"],
                "event": m["event"],
                "mode": list(m["mode"] or []),
                "context": list(m["context"] or []),
                "actor": who["actor"],
                "recipient": who["recipient"],
                "event_text": m["event_text"],
                "event_loc": _place_dict(m, "loc_") if m["has_loc"] else None,
                "quad_code": m["quad_code"],
                "event_scale": m["event_scale"],
                "cameo_root": m["cameo_root"],
                "goldstein": m["goldstein"],
                "confidence": m["confidence"],
                "sentence": m["sentence"],
                "start": m["start"],
                "end": m["end"],
                "trigger": m["trigger"],
                "trigger_start": m["trigger_start"],
                "trigger_end": m["trigger_end"],
                "date_source": m["date_source"],
                "quote": m.get("quote"),
            }
        )
    quotes = []
    for q in sorted(tables.get("quotes", []), key=lambda r: r["idx"]):
        quotes.append(
            {
                "speaker": _entity_dict(q, "spk_") if q["has_speaker"] else None,
                "speaker_text": q["speaker_text"],
                "speaker_start": q["speaker_start"],
                "speaker_end": q["speaker_end"],
                "cue": q["cue"],
                "cue_start": q["cue_start"],
                "cue_end": q["cue_end"],
                "content": q["content"],
                "content_start": q["content_start"],
                "content_end": q["content_end"],
                "kind": q["kind"],
                "sentence": q["sentence"],
                "confidence": q["confidence"],
            }
        )

    def ordered(name: str) -> list[Mapping[str, Any]]:
        return sorted(tables.get(name, []), key=lambda r: r["idx"])

    return {
        "article": header,
        "events": events,
        "quotes": quotes,
        "entities": [_entity_dict(e) for e in ordered("entities")],
        "times": [
            {k: t[k] for k in ("text", "start", "end", "type", "value", "mod", "sentence")}
            for t in ordered("times")
        ],
        "places": [_place_dict(p) for p in ordered("places")],
        "sentences": [
            {"index": s["idx"], "start": s["start"], "end": s["end"], "boilerplate": s["boilerplate"]}
            for s in ordered("sentences")
        ],
        "warnings": json.loads(article["warnings"] or "[]"),
    }
