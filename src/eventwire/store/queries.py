"""Queries over the store: events, quotes, actors, timelines.

Every value a user gives reaches DuckDB as a ``?`` parameter; the SQL text is built only
from fixed fragments chosen by which filters are set.  Text filters are case-insensitive
substring tests (``contains(lower(col), lower(?))``), so ``%`` and ``_`` in a user value
are ordinary characters, not wildcards.

Events are the deduplicated events (``events`` table, one row per cluster); a filter on
an actor, recipient, mode, place or text holds when *any* mention of the event matches.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, Protocol

from ..model import Event
from .db import Store
from .filters import SORTS
from .rows import _entity_dict, _place_dict

# an entity (participant row ``p``) matches a user value by code, Wikidata id, coreference
# ref (exact, case-insensitive) or name (substring)
_ENTITY_MATCH = (
    "(upper(p.code) = upper(?) OR upper(p.wikidata_id) = upper(?) OR p.ref = ? "
    "OR contains(lower(p.name), lower(?)))"
)


def _entity_params(value: str) -> list[Any]:
    return [value, value, value, value]


def _side_exists(side: str | None) -> str:
    cond = "" if side is None else "AND p.side = ? "
    return (
        "EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id = m2.article_id "
        f"AND p.event_idx = m2.idx {cond}AND {_ENTITY_MATCH})"
    )


def _date_range(
    col: str, since: dt.date | None, until: dt.date | None, conds: list[str], params: list[Any]
) -> None:
    """Add ``col`` between ``since`` and ``until`` (inclusive, either may be None) to ``conds``."""
    if since:
        conds.append(f"{col} >= ?")
        params.append(since)
    if until:
        conds.append(f"{col} <= ?")
        params.append(until)


class Filter(Protocol):
    """What the event queries take: ``EventFilter`` (lenient, for Python callers) or
    ``filters.EventQuery`` (validated, exact codes: the API's and the commands')."""

    def where(self) -> tuple[str, list[Any]]: ...


@dataclass
class EventFilter:
    """A lenient filter for Python callers: an actor matches by code, Wikidata id, ref or part of
    a name.  The API, the dashboard and the commands use ``filters.EventQuery``."""

    actor: str | None = None
    recipient: str | None = None
    types: Sequence[str] = ()
    mode: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    place: str | None = None
    text: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on ``events e`` and their parameters."""
        conds: list[str] = []
        params: list[Any] = []
        if self.types:
            conds.append("e.event IN (SELECT unnest(?::VARCHAR[]))")
            params.append([t.strip().upper() for t in self.types])
        _date_range("e.day", self.since, self.until, conds, params)
        mention_conds: list[str] = []
        mention_params: list[Any] = []
        if self.actor:
            mention_conds.append(_side_exists("actor"))
            mention_params += ["actor", *_entity_params(self.actor)]
        if self.recipient:
            mention_conds.append(_side_exists("recipient"))
            mention_params += ["recipient", *_entity_params(self.recipient)]
        if self.mode:
            mention_conds.append("list_contains(m2.mode, lower(?))")
            mention_params.append(self.mode)
        if self.place:
            mention_conds.append(
                "(contains(lower(m2.loc_name), lower(?)) OR contains(lower(m2.loc_text), lower(?)) "
                "OR upper(m2.loc_country_code) = upper(?) OR contains(lower(m2.loc_admin1), lower(?)))"
            )
            mention_params += [self.place] * 4
        if self.text:
            mention_conds.append("contains(lower(m2.event_text), lower(?))")
            mention_params.append(self.text)
        if mention_conds:
            conds.append(
                "EXISTS (SELECT 1 FROM event_mentions m2 WHERE m2.cluster_id = e.id AND "
                + " AND ".join(mention_conds)
                + ")"
            )
            params += mention_params
        return (" AND ".join(conds) or "TRUE"), params


def _limit(limit: int, offset: int = 0) -> tuple[str, list[Any]]:
    """``LIMIT``/``OFFSET`` clauses (a limit of 0 or less is no limit)."""
    sql, params = ("LIMIT ?", [limit]) if limit and limit > 0 else ("", [])
    if offset and offset > 0:
        return f"{sql} OFFSET ?", [*params, offset]
    return sql, params


@dataclass(frozen=True)
class Dyad:
    """Two sides of an event (code, Wikidata id, ref or name part; None is anyone).

    Undirected (default): both sides take part in one mention of the event, on either side
    (including both among the actors, PLOVER's reciprocal form), as different entities.
    Directed: ``side_a`` among the actors and ``side_b`` among the recipients.
    """

    side_a: str | None
    side_b: str | None
    directed: bool = False

    def where(self) -> tuple[str, list[Any]]:
        """An SQL condition on ``events e`` and its parameters (``TRUE`` when both sides are anyone)."""
        conds: list[str] = []
        params: list[Any] = []
        if self.directed:
            for value, side in ((self.side_a, "actor"), (self.side_b, "recipient")):
                if value is not None:
                    conds.append(_side_exists(side))
                    params += [side, *_entity_params(value)]
        else:
            for value in (self.side_a, self.side_b):
                if value is not None:
                    conds.append(_side_exists(None))
                    params += _entity_params(value)
            if self.side_a is not None and self.side_b is not None:
                # two different participants: one matching a, another matching b
                conds.append(
                    "EXISTS (SELECT 1 FROM event_participants p1 JOIN event_participants p2 "
                    "ON p1.article_id = p2.article_id AND p1.event_idx = p2.event_idx "
                    "AND NOT (p1.side = p2.side AND p1.pos = p2.pos) "
                    "WHERE p1.article_id = m2.article_id AND p1.event_idx = m2.idx AND "
                    + _ENTITY_MATCH.replace("p.", "p1.")
                    + " AND "
                    + _ENTITY_MATCH.replace("p.", "p2.")
                    + ")"
                )
                params += _entity_params(self.side_a) + _entity_params(self.side_b)
        if not conds:
            return "TRUE", []
        sql = "EXISTS (SELECT 1 FROM event_mentions m2 WHERE m2.cluster_id = e.id AND " + " AND ".join(conds)
        return sql + ")", params


def event_where(flt: Filter, dyad: Dyad | None = None) -> tuple[str, list[Any]]:
    """SQL conditions on ``events e`` for a filter and, optionally, a dyad."""
    where, params = flt.where()
    if dyad is None or (dyad.side_a is None and dyad.side_b is None):
        return where, params
    dsql, dparams = dyad.where()
    return f"{where} AND {dsql}", params + dparams


#: orders of ``find_events`` (``date``/``day``: oldest first; ``-date``: newest first; ``-x``: descending)
EVENT_SORTS: dict[str, str] = {**SORTS, "mentions": SORTS["-mentions"]}

_EVENT_FROM = (
    "FROM events e JOIN event_mentions m ON m.article_id = e.rep_article_id AND m.idx = e.rep_idx "
    "JOIN articles a ON a.id = m.article_id "
)


def count_events(store: Store, flt: Filter, dyad: Dyad | None = None) -> int:
    """How many deduplicated events ``find_events`` would give without a limit."""
    where, params = event_where(flt, dyad)
    return int(store.con.execute(f"SELECT count(*) {_EVENT_FROM} WHERE {where}", params).fetchone()[0])


def find_events(
    store: Store,
    flt: Filter,
    limit: int = 50,
    offset: int = 0,
    sort: str = "day",
    dyad: Dyad | None = None,
    mentions: int = 0,
) -> list[dict[str, Any]]:
    """Deduplicated events matching ``flt`` (and ``dyad``), in the ``EVENT_SORTS`` order ``sort``.

    Each is a dict: the representative mention's columns, the event's counts and means, the
    article's ``source``, ``url``, ``article_date``, ``article_title``, the representative
    mention's ``actor`` and ``recipient`` entities, and ``mentions`` (every mention, or the
    first ``mentions`` when that is above 0); ``event_record`` gives the output contract's form.
    ``limit`` 0 is no limit.
    """
    if sort not in EVENT_SORTS:
        raise ValueError(f"sort must be one of {', '.join(EVENT_SORTS)}")
    where, params = event_where(flt, dyad)
    lim, lparams = _limit(limit, offset)
    sql = (
        "SELECT e.id AS cluster_id, e.day AS cluster_day, e.num_mentions, e.num_sources, e.num_articles, "
        "e.event_scale AS mean_event_scale, e.goldstein AS mean_goldstein, e.actor_key, e.recipient_key, "
        "a.source, a.url, a.date AS article_date, a.title AS article_title, m.* "
        f"{_EVENT_FROM} WHERE {where} ORDER BY {EVENT_SORTS[sort]} {lim}"
    )
    reps = store.rows(sql, params + lparams)
    if reps:
        _attach(store, reps, mentions)
    return reps


def _attach(store: Store, reps: list[dict[str, Any]], max_mentions: int = 0) -> None:
    """Add participants of the representative mention, and the list of (the first
    ``max_mentions``, if above 0) mentions."""
    import pyarrow as pa

    ids = [r["cluster_id"] for r in reps]
    first = (
        "QUALIFY row_number() OVER (PARTITION BY m.cluster_id ORDER BY m.day, m.article_id, m.idx) <= ? "
        if max_mentions > 0
        else ""
    )
    store.con.register("_ew_q", pa.table({"cid": pa.array(ids, pa.string())}))
    try:
        parts = store.rows(
            "SELECT p.* FROM event_participants p JOIN events e "
            "ON p.article_id = e.rep_article_id AND p.event_idx = e.rep_idx "
            "WHERE e.id IN (SELECT cid FROM _ew_q) ORDER BY p.article_id, p.event_idx, p.side, p.pos"
        )
        ments = store.rows(
            'SELECT m.cluster_id, m.event_id, m.article_id, m.idx, m.sentence, m.start, m."end", '
            "m.event_text, m.day, a.source, a.url "
            "FROM event_mentions m JOIN articles a ON a.id = m.article_id "
            f"WHERE m.cluster_id IN (SELECT cid FROM _ew_q) {first}ORDER BY m.day, m.article_id, m.idx",
            [max_mentions] if first else None,
        )
    finally:
        store.con.unregister("_ew_q")
    by_mention: dict[tuple[str, int], dict[str, list[dict[str, Any]]]] = {}
    for p in parts:
        by_mention.setdefault((p["article_id"], p["event_idx"]), {"actor": [], "recipient": []})[
            p["side"]
        ].append(_entity_dict(p))
    by_cluster: dict[str, list[dict[str, Any]]] = {}
    for m in ments:
        by_cluster.setdefault(m.pop("cluster_id"), []).append(
            {**m, "day": m["day"].isoformat() if m["day"] else None}
        )
    for r in reps:
        who = by_mention.get((r["article_id"], r["idx"]), {"actor": [], "recipient": []})
        r["actor"] = who["actor"]
        r["recipient"] = who["recipient"]
        r["mentions"] = by_cluster.get(r["cluster_id"], [])


# --------------------------------------------------------------------------- one event


@dataclass
class EventMention:
    """One mention of an event, as ``get_event`` gives it.

    ``row``: the ``event_mentions`` columns plus the article's ``title``, ``article_date``,
    ``source`` and ``url``; ``actor``/``recipient``: entity dicts; ``place``: the event's
    place dict or None; ``window``: the sentences around the evidence (``start``, ``end``
    into the article body, and ``text``); ``times``: the time expressions inside the window.
    """

    row: dict[str, Any]
    actor: list[dict[str, Any]]
    recipient: list[dict[str, Any]]
    place: dict[str, Any] | None
    window: dict[str, Any]
    times: list[dict[str, Any]]
    #: the quotation the event is stated in (``quotes`` row: content, offsets, speaker, cue), or None
    stated_in: dict[str, Any] | None = None


@dataclass
class EventWithMentions:
    """A deduplicated event (its ``events`` row) and its mentions, earliest first."""

    event: dict[str, Any]
    mentions: list[EventMention]


def _window(text: str, sentences: list[dict[str, Any]], start: int, end: int) -> tuple[int, int]:
    """The span of the sentences overlapping ``[start, end)`` (the evidence itself if none)."""
    lo, hi = start, end
    for s in sentences:
        if s["start"] < end and s["end"] > start:
            lo, hi = min(lo, s["start"]), max(hi, s["end"])
    return max(0, lo), min(len(text), hi)


def get_event(store: Store, event_id: str, mentions: int = 0) -> EventWithMentions | None:
    """One deduplicated event with its mentions (the first ``mentions`` if above 0), or None."""
    head = store.rows("SELECT e.* FROM events e WHERE e.id = ?", [event_id])
    if not head:
        return None
    lim, lparams = _limit(mentions)
    rows = store.rows(
        "SELECT m.*, a.title, a.date AS article_date, a.source, a.url FROM event_mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.cluster_id = ? "
        f"ORDER BY m.day NULLS LAST, m.article_id, m.idx {lim}",
        [event_id, *lparams],
    )
    out: list[EventMention] = []
    texts: dict[str, str] = {}
    for m in rows:
        aid = m["article_id"]
        if aid not in texts:
            texts[aid] = store.con.execute("SELECT text FROM articles WHERE id = ?", [aid]).fetchone()[0]
        text = texts[aid]
        sents = store.rows(
            'SELECT idx, start, "end", boilerplate FROM sentences '
            'WHERE article_id = ? AND start < ? AND "end" > ? ORDER BY idx',
            [aid, m["end"], m["start"]],
        )
        w0, w1 = _window(text, sents, m["start"], m["end"])
        parts = store.rows(
            "SELECT * FROM event_participants WHERE article_id = ? AND event_idx = ? ORDER BY side, pos",
            [aid, m["idx"]],
        )
        who: dict[str, list[dict[str, Any]]] = {"actor": [], "recipient": []}
        for p in parts:
            who[p["side"]].append(_entity_dict(p))
        times = store.rows(
            'SELECT text, start, "end", type, value FROM times '
            'WHERE article_id = ? AND start >= ? AND "end" <= ? ORDER BY start',
            [aid, w0, w1],
        )
        stated = None
        if m.get("quote") is not None:
            found = store.rows(
                'SELECT content, content_start, content_end, speaker_text, spk_name, cue, kind FROM quotes '
                "WHERE article_id = ? AND idx = ?",
                [aid, m["quote"]],
            )
            stated = found[0] if found else None
        out.append(
            EventMention(
                row=m,
                actor=who["actor"],
                recipient=who["recipient"],
                place=_place_dict(m, "loc_") if m["has_loc"] else None,
                window={"start": w0, "end": w1, "text": text[w0:w1]},
                times=times,
                stated_in=stated,
            )
        )
    return EventWithMentions(head[0], out)


#: ``Event``'s fields, declared once by the model: the lists, the entity sides and the place
#: are built from other tables/columns; every other field is an ``event_mentions`` column
EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event))
EVENT_SCALAR_FIELDS: tuple[str, ...] = tuple(
    n for n in EVENT_FIELDS if n not in ("id", "mode", "context", "actor", "recipient", "event_loc")
)


def mention_fields(r: dict[str, Any]) -> dict[str, Any]:
    """``Event``'s fields of an ``event_mentions`` row (``id``: the mention's event id; ``actor``,
    ``recipient`` from the row when it carries them), in the model's order."""
    out: dict[str, Any] = {}
    for name in EVENT_FIELDS:
        if name == "id":
            out[name] = r["event_id"]
        elif name in ("mode", "context"):
            out[name] = list(r[name] or [])
        elif name in ("actor", "recipient"):
            out[name] = r.get(name, [])
        elif name == "event_loc":
            out[name] = _place_dict(r, "loc_") if r["has_loc"] else None
        else:
            out[name] = r.get(name)  # a column added by a later schema may be absent from an old store
    return out


def event_record(r: dict[str, Any]) -> dict[str, Any]:
    """The output contract's event fields (``id`` = the deduplicated event, ``mention_id`` the
    representative mention's), plus ``article_id``, ``mentions`` (every mention: article,
    sentence, offsets, text) and GDELT's counts."""
    return {
        **mention_fields(r),
        "id": r["cluster_id"],
        "date": r["date"] if r["date"] else (r["day"].isoformat() if r["day"] else None),
        "article_id": r["article_id"],
        "mention_id": r["event_id"],
        "day": r["cluster_day"].isoformat() if r["cluster_day"] else None,
        "num_mentions": r["num_mentions"],
        "num_sources": r["num_sources"],
        "num_articles": r["num_articles"],
        "mentions": [
            {
                "id": m["event_id"],
                "article_id": m["article_id"],
                "source": m["source"],
                "day": m["day"],
                "sentence": m["sentence"],
                "start": m["start"],
                "end": m["end"],
                "event_text": m["event_text"],
            }
            for m in r["mentions"]
        ],
    }


def _names(ents: list[dict[str, Any]], attr: str) -> str:
    return "; ".join(str(e[attr]) for e in ents if e.get(attr))


def _who(ents: list[dict[str, Any]]) -> str:
    out = []
    for e in ents:
        code = " ".join(x for x in (e.get("code"), e.get("sector")) if x)
        label = e.get("name") or e.get("entity_text")
        out.append(f"{label} ({code})" if code else str(label))
    return "; ".join(out)


EVENT_FLAT_COLUMNS: tuple[str, ...] = (
    "id",
    "day",
    "date",
    "event",
    "mode",
    "context",
    "actor_code",
    "actor_sector",
    "actor_name",
    "actor_text",
    "recipient_code",
    "recipient_sector",
    "recipient_name",
    "recipient_text",
    "quad_code",
    "event_scale",
    "goldstein",
    "cameo_root",
    "confidence",
    "loc_name",
    "loc_country_code",
    "loc_lat",
    "loc_lon",
    "num_mentions",
    "num_sources",
    "num_articles",
    "article_id",
    "source",
    "url",
    "sentence",
    "start",
    "end",
    "event_text",
)


def event_flat(r: dict[str, Any]) -> dict[str, Any]:
    """One flat row per event (lists joined with ``;``), for CSV and Parquet."""
    a, rc = r["actor"], r["recipient"]
    return {
        "id": r["cluster_id"],
        "day": r["cluster_day"],
        "date": r["date"],
        "event": r["event"],
        "mode": ";".join(r["mode"] or []),
        "context": ";".join(r["context"] or []),
        "actor_code": _names(a, "code"),
        "actor_sector": _names(a, "sector"),
        "actor_name": _names(a, "name"),
        "actor_text": _names(a, "entity_text"),
        "recipient_code": _names(rc, "code"),
        "recipient_sector": _names(rc, "sector"),
        "recipient_name": _names(rc, "name"),
        "recipient_text": _names(rc, "entity_text"),
        "quad_code": r["quad_code"],
        "event_scale": r["event_scale"],
        "goldstein": r["goldstein"],
        "cameo_root": r["cameo_root"],
        "confidence": r["confidence"],
        "loc_name": r["loc_name"],
        "loc_country_code": r["loc_country_code"],
        "loc_lat": r["loc_lat"],
        "loc_lon": r["loc_lon"],
        "num_mentions": r["num_mentions"],
        "num_sources": r["num_sources"],
        "num_articles": r["num_articles"],
        "article_id": r["article_id"],
        "source": r["source"],
        "url": r["url"],
        "sentence": r["sentence"],
        "start": r["start"],
        "end": r["end"],
        "event_text": r["event_text"],
    }


def event_table_row(r: dict[str, Any]) -> dict[str, Any]:
    """A short row for a person (the ``table`` format)."""
    return {
        "day": r["cluster_day"].isoformat() if r["cluster_day"] else "",
        "event": r["event"] + (f" ({', '.join(r['mode'])})" if r["mode"] else ""),
        "actor": _who(r["actor"]),
        "recipient": _who(r["recipient"]),
        "ment/art/src": f"{r['num_mentions']}/{r['num_articles']}/{r['num_sources']}",
        "text": r["event_text"],
    }


# --------------------------------------------------------------------------- quotes


@dataclass
class QuoteFilter:
    speaker: str | None = None
    text: str | None = None
    kind: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    article: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if self.speaker:
            conds.append(
                "(upper(q.spk_code) = upper(?) OR upper(q.spk_wikidata_id) = upper(?) OR q.spk_ref = ? "
                "OR contains(lower(q.spk_name), lower(?)) OR contains(lower(q.speaker_text), lower(?)))"
            )
            params += [self.speaker] * 5
        if self.text:
            conds.append("contains(lower(q.content), lower(?))")
            params.append(self.text)
        if self.kind:
            conds.append("q.kind = lower(?)")
            params.append(self.kind)
        _date_range("a.date", self.since, self.until, conds, params)
        if self.article:
            conds.append("q.article_id = ?")
            params.append(self.article)
        return (" AND ".join(conds) or "TRUE"), params


#: (output name, SQL expression, only with ``spans``) of ``find_quotes``'s columns, in order
_QUOTE_SELECT: tuple[tuple[str, str, bool], ...] = (
    ("article_id", "q.article_id", False),
    ("idx", "q.idx", False),
    ("date", "a.date", False),
    ("title", "a.title", True),
    ("source", "a.source", False),
    ("speaker_text", "q.speaker_text", False),
    ("speaker_start", "q.speaker_start", True),
    ("speaker_end", "q.speaker_end", True),
    ("speaker_name", "q.spk_name", False),
    ("speaker_code", "q.spk_code", False),
    ("speaker_sector", "q.spk_sector", False),
    ("speaker_wikidata_id", "q.spk_wikidata_id", False),
    ("cue", "q.cue", False),
    ("cue_start", "q.cue_start", True),
    ("cue_end", "q.cue_end", True),
    ("kind", "q.kind", False),
    ("content", "q.content", False),
    ("content_start", "q.content_start", False),
    ("content_end", "q.content_end", False),
    ("sentence", "q.sentence", False),
    ("confidence", "q.confidence", False),
)

#: the columns of ``find_quotes`` (without ``spans``)
QUOTE_COLUMNS: tuple[str, ...] = tuple(name for name, _, extra in _QUOTE_SELECT if not extra)

_QUOTE_FROM = "FROM quotes q JOIN articles a ON a.id = q.article_id "


def count_quotes(store: Store, flt: QuoteFilter) -> int:
    """How many quotes ``find_quotes`` would give without a limit."""
    where, params = flt.where()
    return int(store.con.execute(f"SELECT count(*) {_QUOTE_FROM} WHERE {where}", params).fetchone()[0])


def find_quotes(
    store: Store,
    flt: QuoteFilter,
    limit: int = 50,
    offset: int = 0,
    newest_first: bool = False,
    spans: bool = False,
) -> list[dict[str, Any]]:
    """Quotes matching ``flt`` by article date (oldest first unless ``newest_first``), with the
    ``QUOTE_COLUMNS``; ``spans`` adds the article title and the speaker's and cue's offsets.
    ``limit`` 0 is no limit."""
    where, params = flt.where()
    lim, lparams = _limit(limit, offset)
    cols = ", ".join(
        expr if expr.endswith("." + name) else f"{expr} AS {name}"
        for name, expr, extra in _QUOTE_SELECT
        if spans or not extra
    )
    order = "a.date DESC NULLS LAST" if newest_first else "a.date NULLS LAST"
    sql = f"SELECT {cols} {_QUOTE_FROM} WHERE {where} ORDER BY {order}, q.article_id, q.idx {lim}"
    return store.rows(sql, params + lparams)


# --------------------------------------------------------------------------- articles


@dataclass
class ArticleFilter:
    text: str | None = None
    source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on ``articles a``: words in the title or text, a source name part,
        a date range."""
        conds: list[str] = []
        params: list[Any] = []
        if self.text:
            conds.append("(contains(lower(a.title), lower(?)) OR contains(lower(a.text), lower(?)))")
            params += [self.text, self.text]
        if self.source:
            conds.append("contains(lower(a.source), lower(?))")
            params.append(self.source)
        _date_range("a.date", self.since, self.until, conds, params)
        return (" AND ".join(conds) or "TRUE"), params


def count_articles(store: Store, flt: ArticleFilter) -> int:
    """How many articles ``find_articles`` would give without a limit."""
    where, params = flt.where()
    return int(store.con.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0])


def find_articles(store: Store, flt: ArticleFilter, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Articles (without their text), newest first, with their sizes and numbers of events and quotes."""
    where, params = flt.where()
    lim, lparams = _limit(limit, offset)
    return store.rows(
        "SELECT a.id, a.date, a.title, a.source, a.url, a.n_chars, a.n_sentences, a.n_events, a.n_quotes "
        f"FROM articles a WHERE {where} ORDER BY a.date DESC NULLS LAST, a.id {lim}",
        params + lparams,
    )


# --------------------------------------------------------------------------- actors

ACTOR_COLUMNS: tuple[str, ...] = (
    "code",
    "sector",
    "name",
    "wikidata_id",
    "mentions",
    "articles",
    "as_actor",
    "as_recipient",
    "quotes",
)


def find_actors(
    store: Store,
    by: str = "name",
    since: dt.date | None = None,
    until: dt.date | None = None,
    match: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Counts per actor: entity mentions, articles, event mentions as actor/recipient, quotes.

    ``by="name"`` groups by resolved name (with code and sector); ``by="code"`` by code+sector
    (the CAMEO/PLOVER level; mentions without a code are left out, and ``name`` is the most
    frequent name, the alphabetically first of equally frequent ones).  Unresolved mentions (no
    code and no name) are left out.
    """
    if by not in ("name", "code"):
        raise ValueError("by must be 'name' or 'code'")
    key = "coalesce(x.code, ''), coalesce(x.sector, '')"
    if by == "name":
        key += ", coalesce(x.name, ''), coalesce(x.wikidata_id, '')"
    conds = ["x.code IS NOT NULL" if by == "code" else "(x.code IS NOT NULL OR x.name IS NOT NULL)"]
    params: list[Any] = []
    _date_range("a.date", since, until, conds, params)
    if match:
        conds.append(
            "(upper(x.code) = upper(?) OR upper(x.wikidata_id) = upper(?) "
            "OR contains(lower(x.name), lower(?)))"
        )
        params += [match] * 3
    where = " AND ".join(conds)
    # by code: the most frequent name of the group, ties broken alphabetically (mode() picks any)
    name_cols = "any_value(nm.name) AS name, NULL::VARCHAR AS wikidata_id"
    names = (
        ", nm AS (SELECT code, coalesce(sector, '') AS sector, arg_min(name, (-n, name)) AS name "
        "FROM (SELECT code, sector, name, count(*) AS n FROM x WHERE name IS NOT NULL GROUP BY ALL) "
        "GROUP BY ALL) "
    )
    join = "LEFT JOIN nm ON nm.code = x.code AND nm.sector = coalesce(x.sector, '') "
    if by == "name":
        name_cols = (
            "nullif(coalesce(x.name, ''), '') AS name, nullif(coalesce(x.wikidata_id, ''), '') AS wikidata_id"
        )
        names = join = ""
    union = (
        "SELECT x.code, x.sector, x.name, x.wikidata_id, x.article_id, 'entity' AS what FROM entities x "
        "UNION ALL SELECT x.code, x.sector, x.name, x.wikidata_id, x.article_id, x.side "
        "FROM event_participants x "
        "UNION ALL SELECT x.spk_code, x.spk_sector, x.spk_name, x.spk_wikidata_id, x.article_id, 'quote' "
        "FROM quotes x WHERE x.has_speaker"
    )
    lim, lparams = _limit(limit)
    sql = (
        f"WITH x AS (SELECT x.* FROM ({union}) x JOIN articles a ON a.id = x.article_id WHERE {where}) "
        f"{names}"
        "SELECT nullif(coalesce(x.code, ''), '') AS code, nullif(coalesce(x.sector, ''), '') AS sector, "
        f"{name_cols}, "
        "count(*) FILTER (WHERE what = 'entity') AS mentions, "
        "count(DISTINCT x.article_id) FILTER (WHERE what = 'entity') AS articles, "
        "count(*) FILTER (WHERE what = 'actor') AS as_actor, "
        "count(*) FILTER (WHERE what = 'recipient') AS as_recipient, "
        "count(*) FILTER (WHERE what = 'quote') AS quotes "
        f"FROM x {join}GROUP BY {key} ORDER BY mentions DESC, as_actor DESC, code, name {lim}"
    )
    return store.rows(sql, params + lparams)


# --------------------------------------------------------------------------- timeline

#: what ``store.timeline`` defines, importable from here as before
_TIMELINE_NAMES = ("ANYONE", "FREQS", "TL_COLUMNS", "Timeline", "parse_dyad", "timeline")


def __getattr__(name: str) -> Any:
    if name in _TIMELINE_NAMES:
        from . import timeline as _tl

        return getattr(_tl, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
