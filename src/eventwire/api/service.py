"""What the HTTP API needs around the corpus store: per-request connections, one lazily
loaded pipeline, and the dashboard's own read queries (network, map, stats, event and
article views).

The event, quote, actor and timeline queries are ``eventwire.store.queries``'s; this module
adds only what the command line does not have.  Every user value reaches DuckDB as a ``?``
parameter; SQL text is assembled from fixed fragments only.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..store import queries as q
from ..store import schema
from ..store.db import Store, StoreError

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Pipeline

#: PLOVER quad classes as the store's timeline counts them
QUADS: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

MAX_PAGE = 500
DEFAULT_PAGE = 50
#: mentions listed with each event of a page (``num_mentions`` gives how many there are)
LIST_MENTIONS = 10
#: mentions the event view returns by default, and at most
EVENT_MENTIONS = 200
MAX_EVENT_MENTIONS = 2000


class Database:
    """One DuckDB file opened once per server process.

    Read-only unless ``writable`` (the server opens it writable only when an ingest token
    is configured).  Each request works on its own cursor (``view()``), so concurrent
    requests never share a DuckDB connection; writes are serialised by a lock.
    """

    def __init__(self, path: str | Path, writable: bool = False) -> None:
        self.path = str(path)
        self.writable = writable
        self.store = Store(self.path, read_only=not writable)
        self.write_lock = threading.Lock()
        try:
            have = self.store.get_meta("schema_version")
        except duckdb.Error as exc:
            self.store.close()
            raise StoreError(f"{self.path} is not an eventwire store ({exc})") from exc
        if have != schema.SCHEMA_VERSION and have not in schema.MIGRATIONS:
            # older versions only lack columns added since, which readers tolerate
            self.store.close()
            raise StoreError(
                f"{self.path} has store schema {have}, this eventwire reads {schema.SCHEMA_VERSION}; "
                "re-create it with `eventwire ingest`"
            )

    @contextmanager
    def view(self) -> Iterator[Store]:
        """A ``Store`` over a fresh cursor of the shared connection (closed afterwards)."""
        cur = self.store.con.cursor()
        st = copy.copy(self.store)  # the same store, its queries on this cursor
        st.con = cur
        try:
            yield st
        finally:
            cur.close()

    def close(self) -> None:
        self.store.close()


# --------------------------------------------------------------------------- the pipeline

_PIPELINE_LOCK = threading.Lock()
_PIPELINE: Pipeline | None = None


def use_pipeline(pipe: Pipeline | None) -> None:
    """Set the process's pipeline (tests and embedding code pass one they already loaded)."""
    global _PIPELINE
    with _PIPELINE_LOCK:
        _PIPELINE = pipe


@contextmanager
def pipeline() -> Iterator[Pipeline]:
    """The process's one pipeline, loaded on first use and held exclusively while coding
    (spaCy pipelines are not shared between threads)."""
    global _PIPELINE
    with _PIPELINE_LOCK:
        if _PIPELINE is None:
            from ..pipeline import Pipeline

            _PIPELINE = Pipeline()
        yield _PIPELINE


def pipeline_loaded() -> bool:
    return _PIPELINE is not None


# --------------------------------------------------------------------------- helpers


def jsonable(value: Any) -> Any:
    """Dates to ISO strings, recursively (DuckDB gives ``datetime.date`` objects)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def clamp_page(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_PAGE)), max(0, int(offset))


@dataclass
class Page:
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "items": jsonable(self.items),
        }


# --------------------------------------------------------------------------- events


def events_page(
    st: Store,
    flt: q.Filter,
    limit: int,
    offset: int,
    sort: str = "-date",
    dyad: q.Dyad | None = None,
) -> Page:
    """A page of deduplicated events (records as ``queries.event_record`` gives them, with the
    article's title and source, the trigger, the event's means and its first mentions)."""
    limit, offset = clamp_page(limit, offset)
    total = q.count_events(st, flt, dyad)
    reps = q.find_events(st, flt, limit, offset, sort, dyad, mentions=LIST_MENTIONS)
    items: list[dict[str, Any]] = []
    for r in reps:
        rec = q.event_record(r)
        rec["title"] = r["article_title"]
        rec["source"] = r["source"]
        rec["trigger"] = r["trigger"]
        rec["mean_goldstein"] = r["mean_goldstein"]
        rec["mean_event_scale"] = r["mean_event_scale"]
        items.append(rec)
    return Page(total, limit, offset, items)


def _mention_json(mn: q.EventMention) -> dict[str, Any]:
    """One mention of the event view, with its highlightable spans inside the window."""
    m = mn.row
    spans: list[dict[str, Any]] = [
        {"kind": "evidence", "start": m["start"], "end": m["end"], "label": m["event"]}
    ]
    for side, ents in (("actor", mn.actor), ("recipient", mn.recipient)):
        spans += [
            {"kind": side, "start": e["start"], "end": e["end"], "label": entity_label(e)} for e in ents
        ]
    if m["trigger_start"] is not None and m["trigger_end"] is not None:
        spans.append(
            {"kind": "trigger", "start": m["trigger_start"], "end": m["trigger_end"], "label": m["event"]}
        )
    place = mn.place
    if place and place["start"] is not None:
        spans.append(
            {"kind": "place", "start": place["start"], "end": place["end"], "label": place_label(place)}
        )
    for t in mn.times:
        label = f"{t['type']} {t['value'] or ''}".strip()
        spans.append({"kind": "time", "start": t["start"], "end": t["end"], "label": label})
    if mn.stated_in is not None:
        qt = mn.stated_in
        who = qt["spk_name"] or qt["speaker_text"] or "unknown speaker"
        spans.append({"kind": "quote", "start": qt["content_start"], "end": qt["content_end"], "label": who})
    w0, w1 = mn.window["start"], mn.window["end"]
    return {
        **q.mention_fields({**m, "actor": mn.actor, "recipient": mn.recipient}),
        "article_id": m["article_id"],
        "idx": m["idx"],
        "title": m["title"],
        "article_date": m["article_date"],
        "source": m["source"],
        "url": m["url"],
        "day": m["day"],
        "actor": mn.actor,
        "recipient": mn.recipient,
        "event_loc": place,
        "window": mn.window,
        "stated_in": mn.stated_in,
        "spans": [s for s in spans if s["start"] is not None and w0 <= s["start"] and s["end"] <= w1],
    }


def event_detail(st: Store, event_id: str, limit: int = EVENT_MENTIONS) -> dict[str, Any] | None:
    """One deduplicated event with every mention: article, source sentence(s) and the spans
    of its actors, recipients, trigger, times and place (offsets into the article body)."""
    found = q.get_event(st, event_id, max(1, min(limit, MAX_EVENT_MENTIONS)))
    if found is None:
        return None
    ev = found.event
    return jsonable(
        {
            "id": ev["id"],
            "method": ev["method"],
            "event": ev["event"],
            "day": ev["day"],
            "first_day": ev["first_day"],
            "last_day": ev["last_day"],
            "quad_code": ev["quad_code"],
            "quad": QUADS.get(ev["quad_code"]) if ev["quad_code"] is not None else None,
            "event_scale": ev["event_scale"],
            "goldstein": ev["goldstein"],
            "num_mentions": ev["num_mentions"],
            "num_sources": ev["num_sources"],
            "num_articles": ev["num_articles"],
            "actor_key": ev["actor_key"],
            "recipient_key": ev["recipient_key"],
            "representative": {"article_id": ev["rep_article_id"], "idx": ev["rep_idx"]},
            "mentions": [_mention_json(mn) for mn in found.mentions],
        }
    )


# --------------------------------------------------------------------------- articles and spans


def entity_label(e: dict[str, Any]) -> str:
    code = " ".join(x for x in (e.get("code"), e.get("sector")) if x)
    name = e.get("name") or ""
    return " · ".join(x for x in (name, code) if x) or "unresolved"


def place_label(p: dict[str, Any]) -> str:
    bits = [p.get("name") or p.get("text") or "", p.get("admin1") or "", p.get("country_code") or ""]
    return ", ".join(b for b in bits if b)


def spans_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Highlightable spans of a coded document (the output contract's dict): entities
    (actors and recipients of events marked as such), event triggers, times, places and
    quotes (content, speaker, cue).  Offsets index the article body."""
    spans: list[dict[str, Any]] = []
    roles: dict[tuple[int, int], str] = {}
    for i, ev in enumerate(doc.get("events", [])):
        for side in ("actor", "recipient"):
            for e in ev.get(side, []):
                roles.setdefault((e["start"], e["end"]), side)
        if ev.get("trigger_start") is not None and ev.get("trigger_end") is not None:
            spans.append(
                {
                    "kind": "trigger",
                    "start": ev["trigger_start"],
                    "end": ev["trigger_end"],
                    "label": f"{ev['event']} (event {i + 1})",
                    "event": i,
                }
            )
    for qt in doc.get("quotes", []):
        if qt.get("speaker_start") is not None and qt.get("speaker_end") is not None:
            roles.setdefault((qt["speaker_start"], qt["speaker_end"]), "speaker")
    seen: set[tuple[int, int]] = set()
    for e in doc.get("entities", []):
        key = (e["start"], e["end"])
        seen.add(key)
        spans.append(
            {"kind": roles.get(key, "entity"), "start": e["start"], "end": e["end"], "label": entity_label(e)}
        )
    for i, ev in enumerate(doc.get("events", [])):
        for side in ("actor", "recipient"):
            for e in ev.get(side, []):
                key = (e["start"], e["end"])
                if key not in seen:
                    seen.add(key)
                    spans.append(
                        {
                            "kind": side,
                            "start": e["start"],
                            "end": e["end"],
                            "label": entity_label(e),
                            "event": i,
                        }
                    )
    for qt in doc.get("quotes", []):
        key = (qt.get("speaker_start"), qt.get("speaker_end"))
        if key[0] is not None and key[1] is not None and key not in seen:
            seen.add(key)  # type: ignore[arg-type]
            spans.append(
                {"kind": "speaker", "start": key[0], "end": key[1], "label": qt.get("speaker_text") or ""}
            )
    for t in doc.get("times", []):
        spans.append(
            {
                "kind": "time",
                "start": t["start"],
                "end": t["end"],
                "label": f"{t['type']} {t.get('value') or ''}".strip(),
            }
        )
    for p in doc.get("places", []):
        spans.append({"kind": "place", "start": p["start"], "end": p["end"], "label": place_label(p)})
    for qt in doc.get("quotes", []):
        who = qt.get("speaker_text") or "unattributed"
        spans.append(
            {
                "kind": "quote",
                "start": qt["content_start"],
                "end": qt["content_end"],
                "label": f"{qt['kind']} quote: {who}",
            }
        )
        if qt.get("cue_start") is not None and qt.get("cue_end") is not None:
            spans.append(
                {"kind": "cue", "start": qt["cue_start"], "end": qt["cue_end"], "label": qt.get("cue") or ""}
            )
    spans.sort(key=lambda s: (s["start"], -s["end"]))
    return spans


def article_view(st: Store, article_id: str) -> dict[str, Any] | None:
    doc = st.document(article_id, include_text=True)
    if doc is None:
        return None
    doc = jsonable(doc)
    row = st.rows(
        "SELECT origin, n_chars, n_sentences, n_events, n_quotes, coded_at, eventwire_version "
        "FROM articles WHERE id = ?",
        [article_id],
    )[0]
    clusters = st.rows(
        "SELECT idx, cluster_id FROM event_mentions WHERE article_id = ? ORDER BY idx", [article_id]
    )
    by_idx = {c["idx"]: c["cluster_id"] for c in clusters}
    for i, ev in enumerate(doc["events"]):
        ev["cluster_id"] = by_idx.get(i)
    doc["meta"] = jsonable(row)
    doc["spans"] = spans_of(doc)
    return doc


def articles_page(
    st: Store,
    text: str | None,
    source: str | None,
    since: dt.date | None,
    until: dt.date | None,
    limit: int,
    offset: int,
) -> Page:
    limit, offset = clamp_page(limit, offset)
    flt = q.ArticleFilter(text, source, since, until)
    return Page(q.count_articles(st, flt), limit, offset, q.find_articles(st, flt, limit, offset))


# --------------------------------------------------------------------------- quotes


def quotes_page(st: Store, flt: q.QuoteFilter, limit: int, offset: int) -> Page:
    """A page of quotes, newest first, with the speaker's and cue's offsets."""
    limit, offset = clamp_page(limit, offset)
    items = q.find_quotes(st, flt, limit, offset, newest_first=True, spans=True)
    return Page(q.count_quotes(st, flt), limit, offset, items)


#: speakers that are not names: pronouns, and mentions with no resolved name and no code
_UNRESOLVED = "(q.spk_kind = 'pronoun' OR (q.spk_name IS NULL AND q.spk_code IS NULL))"


def speakers(st: Store, match: str | None, limit: int) -> dict[str, Any]:
    """Speakers ranked by number of quotes: resolved ones (a name or a code; grouped by name,
    else by code), never pronouns or unresolved mentions, which are counted together as
    ``unresolved`` (with their most frequent texts, for a look)."""
    limit, _ = clamp_page(limit, 0)
    conds = ["q.has_speaker OR q.speaker_text IS NOT NULL", f"NOT {_UNRESOLVED}"]
    params: list[Any] = []
    if match:
        conds.append("(contains(lower(q.spk_name), lower(?)) OR upper(q.spk_code) = upper(?))")
        params += [match, match]
    where = " AND ".join(f"({c})" for c in conds)
    items = st.rows(
        "SELECT coalesce(q.spk_name, q.spk_code || coalesce(' ' || q.spk_sector, '')) AS speaker, "
        "any_value(q.spk_code) AS code, any_value(q.spk_sector) AS sector, "
        "any_value(q.spk_wikidata_id) AS wikidata_id, count(*) AS quotes, "
        "count(DISTINCT q.article_id) AS articles, max(a.date) AS last_date "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where} "
        "GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT ?",
        [*params, limit],
    )
    unresolved = st.con.execute(
        f"SELECT count(*) FROM quotes q WHERE q.speaker_text IS NOT NULL AND {_UNRESOLVED}"
    ).fetchone()[0]
    texts = st.rows(
        "SELECT lower(q.speaker_text) AS text, count(*) AS quotes FROM quotes q "
        f"WHERE q.speaker_text IS NOT NULL AND {_UNRESOLVED} GROUP BY 1 ORDER BY quotes DESC, text LIMIT 10"
    )
    return jsonable({"items": items, "unresolved": {"quotes": int(unresolved), "texts": texts}})


# --------------------------------------------------------------------------- actors


@lru_cache(maxsize=1)
def _nonstate_codes() -> dict[str, str]:
    from importlib import resources

    path = resources.files("eventwire") / "data" / "api" / "nonstate_codes.json"
    return dict(json.loads(path.read_text(encoding="utf-8")))


def code_label(code: str | None) -> str | None:
    """What an actor code stands for: the state's name ("RUS" -> "Russia") or the PLOVER name
    of an international non-state code ("UNO" -> "United Nations"); None when unknown."""
    if not code:
        return None
    code = code.upper()
    if code in _nonstate_codes():
        return _nonstate_codes()[code]
    from ..actors.kb import load_kb

    state = load_kb().states.get(code)
    return state.name if state else None


def actors(
    st: Store, by: str, since: dt.date | None, until: dt.date | None, match: str | None, limit: int
) -> list[dict[str, Any]]:
    """``queries.find_actors``; grouped by code, each row also has ``label``: what its code
    stands for (the country or organisation, not one of the people coded with it)."""
    items = q.find_actors(st, by, since, until, match, limit)
    if by == "code":
        for r in items:
            r["label"] = code_label(r["code"])
    return jsonable(items)


# --------------------------------------------------------------------------- network and map


def locations(st: Store, flt: q.EventFilter, what: str = "events", limit: int = 500) -> list[dict[str, Any]]:
    """Points for the map: event locations (``what="events"``: deduplicated events per place,
    mean Goldstein) or every geocoded place mention (``"places"``)."""
    limit, _ = clamp_page(limit, 0)
    if what == "places":
        return jsonable(
            st.rows(
                "SELECT coalesce(p.name, p.text) AS name, p.geonameid, p.country_code, p.lat, p.lon, "
                "count(*) AS mentions, count(DISTINCT p.article_id) AS articles "
                "FROM places p WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL AND p.role = 'place' "
                "GROUP BY 1, 2, 3, 4, 5 ORDER BY mentions DESC LIMIT ?",
                [limit],
            )
        )
    if what != "events":
        raise ValueError("what must be 'events' or 'places'")
    where, params = flt.where()
    return jsonable(
        st.rows(
            "SELECT coalesce(m.loc_name, m.loc_text) AS name, m.loc_geonameid AS geonameid, "
            "m.loc_country_code AS country_code, m.loc_lat AS lat, m.loc_lon AS lon, "
            "count(DISTINCT e.id) AS events, count(*) AS mentions, avg(e.goldstein) AS mean_goldstein, "
            "count(DISTINCT e.id) FILTER (WHERE e.quad_code IN (3, 4)) AS conflict "
            "FROM events e JOIN event_mentions m ON m.cluster_id = e.id "
            f"WHERE m.has_loc AND m.loc_lat IS NOT NULL AND m.loc_lon IS NOT NULL AND {where} "
            "GROUP BY 1, 2, 3, 4, 5 ORDER BY events DESC LIMIT ?",
            [*params, limit],
        )
    )


# --------------------------------------------------------------------------- stats


def stats(st: Store) -> dict[str, Any]:
    counts = {t: st.count(t) for t in schema.TABLES if t != "meta"}
    rng = st.con.execute("SELECT min(date), max(date), count(DISTINCT source) FROM articles").fetchone()
    by_type = st.rows(
        "SELECT event, count(*) AS events FROM events GROUP BY event ORDER BY events DESC, event"
    )
    by_quad = st.rows(
        "SELECT quad_code, count(*) AS events FROM events GROUP BY quad_code ORDER BY quad_code"
    )
    for r in by_quad:
        r["quad"] = QUADS.get(r["quad_code"]) if r["quad_code"] is not None else None
    sources = st.rows(
        "SELECT source, count(*) AS articles FROM articles "
        "GROUP BY source ORDER BY articles DESC, source LIMIT 20"
    )
    meta = {r["key"]: r["value"] for r in st.rows("SELECT key, value FROM meta ORDER BY key")}
    return jsonable(
        {
            "counts": counts,
            "first_date": rng[0],
            "last_date": rng[1],
            "sources": rng[2],
            "events_by_type": by_type,
            "events_by_quad": by_quad,
            "top_sources": sources,
            "meta": meta,
        }
    )


# --------------------------------------------------------------------------- bundled examples


def examples_dir() -> Path | None:
    """The repository's ``examples/`` folder (articles written for the project), when present."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent / "examples"
        if cand.is_dir() and (parent / "pyproject.toml").exists():
            return cand
    return None


def examples() -> list[dict[str, Any]]:
    """The bundled example articles (text files and JSON lines), for the paste-an-article page."""
    from ..ingest import read_paths
    from ..model import Article

    root = examples_dir()
    if root is None:
        return []
    paths = sorted(str(p) for p in root.iterdir() if p.suffix in (".txt", ".jsonl"))
    out: list[dict[str, Any]] = []
    recs: Iterable[Any] = read_paths(paths, "auto")
    for rec in recs:
        if isinstance(rec, Article):
            label = rec.title or (Path(rec.origin or "").name if rec.origin else rec.id)
            out.append(
                {
                    "id": rec.id,
                    "label": label,
                    "date": rec.date.isoformat() if rec.date else None,
                    "title": rec.title,
                    "text": rec.text,
                }
            )
    return out
