"""Exports: events, quotes and actors as Parquet, CSV, JSONL, PLOVER JSONL or GDELT-like CSV.

- ``plover``: one JSON object per deduplicated event with the field names of the PLOVER
  manual's "Data Fields" chapter (``id``, ``date``, ``actor``/``recipient`` as entity
  objects with ``code``, ``sector``, ``entity_text``, ``identifier_id`` (Wikidata),
  ``identifier_text`` (name); ``event`` as a list; ``event_loc`` as the location object
  (``extracted_place``, ``resolved_place``, ``geonameid``, ``lat``, ``lon``, ``province``,
  ``country_code`` as ISO alpha-3 to match actor codes, ``feature_code``); ``event_text``
  as the list of every mention's text; ``quad_code``, ``event_scale``, ``mode``,
  ``context``, ``text_info`` (``sequence``, ``start``, ``end``), ``cite_info``, ``coder``,
  ``coded_date``), plus the manual-sanctioned extra fields ``goldstein``, ``cameo_root``,
  ``article_id``, ``num_mentions``, ``num_sources``, ``num_articles``.
- ``gdelt``: a flat CSV with GDELT 1.0 event column names where they apply (``GLOBALEVENTID``,
  ``SQLDATE``, ``Actor1Code``..., ``QuadClass``, ``GoldsteinScale``, ``NumMentions``,
  ``NumSources``, ``NumArticles``, ``ActionGeo_*``, ``SOURCEURL``) and PLOVER columns added.
  Differences from GDELT: ``Actor1Code`` is code+sector ("USAGOV"), ``EventRootCode`` is
  the CAMEO root when the coder gave one, country codes are ISO (alpha-3 for actors,
  alpha-2 for places), not FIPS.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from .db import Store
from .queries import (
    ACTOR_COLUMNS,
    EVENT_FLAT_COLUMNS,
    QUOTE_COLUMNS,
    EventFilter,
    QuoteFilter,
    event_flat,
    event_record,
    find_actors,
    find_events,
    find_quotes,
)

TABLES = ("events", "quotes", "actors")
FORMATS = ("parquet", "csv", "jsonl", "plover", "gdelt")


class ExportError(ValueError):
    pass


@lru_cache(maxsize=512)
def alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=alpha2.upper())
    return c.alpha_3 if c else None


def _plover_entity(e: dict[str, Any]) -> dict[str, Any]:
    out = {
        "code": e.get("code"),
        "sector": e.get("sector"),
        "entity_text": e.get("entity_text"),
        "identifier_id": e.get("wikidata_id"),
        "identifier_text": e.get("name"),
    }
    return {k: v for k, v in out.items() if v is not None}


def plover_record(r: dict[str, Any], coded_date: str | None = None) -> dict[str, Any]:
    """One deduplicated event in the PLOVER manual's JSON field names."""
    rec = event_record(r)
    loc = rec["event_loc"]
    out: dict[str, Any] = {
        "id": rec["id"],
        "has_event": True,
        "date": rec["day"],
        "actor": [_plover_entity(e) for e in rec["actor"]],
        "recipient": [_plover_entity(e) for e in rec["recipient"]],
        "event": [rec["event"]],
        "event_loc": None
        if loc is None
        else {
            k: v
            for k, v in {
                "extracted_place": loc["text"],
                "resolved_place": loc["name"],
                "geonameid": loc["geonameid"],
                "lat": loc["lat"],
                "lon": loc["lon"],
                "province": loc["admin1"],
                "country_code": alpha3(loc["country_code"]),
                "feature_code": loc["feature_code"],
            }.items()
            if v is not None
        },
        "event_text": [m["event_text"] for m in rec["mentions"]] or [rec["event_text"]],
        "quad_code": rec["quad_code"],
        "event_scale": rec["event_scale"],
        "mode": rec["mode"] or None,
        "context": rec["context"] or None,
        "text_info": {"sequence": rec["sentence"], "start": rec["start"], "end": rec["end"]},
        "cite_info": {
            k: v
            for k, v in {
                "url": r.get("url"),
                "publication": r.get("source"),
                "language": "en",
                "coder": f"eventwire {__version__}",
            }.items()
            if v is not None
        },
        "coder": f"eventwire {__version__}",
        "coded_date": coded_date or dt.date.today().isoformat(),
        "goldstein": rec["goldstein"],
        "cameo_root": rec["cameo_root"],
        "article_id": rec["article_id"],
        "num_mentions": rec["num_mentions"],
        "num_sources": rec["num_sources"],
        "num_articles": rec["num_articles"],
    }
    return out


GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "SOURCEURL",
    "PloverEvent",
    "PloverMode",
    "PloverContext",
    "PloverScale",
    "ArticleId",
    "EventText",
)


def gdelt_row(r: dict[str, Any]) -> dict[str, Any]:
    def first(ents: list[dict[str, Any]]) -> dict[str, Any]:
        return ents[0] if ents else {}

    a, b = first(r["actor"]), first(r["recipient"])
    day: dt.date | None = r["cluster_day"]
    return {
        "GLOBALEVENTID": r["cluster_id"],
        "SQLDATE": day.strftime("%Y%m%d") if day else None,
        "MonthYear": day.strftime("%Y%m") if day else None,
        "Year": day.year if day else None,
        "Actor1Code": "".join(x for x in (a.get("code"), a.get("sector")) if x) or None,
        "Actor1Name": a.get("name") or a.get("entity_text"),
        "Actor1CountryCode": a.get("code"),
        "Actor1Type1Code": a.get("sector"),
        "Actor2Code": "".join(x for x in (b.get("code"), b.get("sector")) if x) or None,
        "Actor2Name": b.get("name") or b.get("entity_text"),
        "Actor2CountryCode": b.get("code"),
        "Actor2Type1Code": b.get("sector"),
        "EventRootCode": r["cameo_root"],
        "QuadClass": r["quad_code"],
        "GoldsteinScale": r["mean_goldstein"],
        "NumMentions": r["num_mentions"],
        "NumSources": r["num_sources"],
        "NumArticles": r["num_articles"],
        "ActionGeo_FullName": r["loc_name"],
        "ActionGeo_CountryCode": r["loc_country_code"],
        "ActionGeo_ADM1Code": r["loc_admin1"],
        "ActionGeo_Lat": r["loc_lat"],
        "ActionGeo_Long": r["loc_lon"],
        "ActionGeo_FeatureID": r["loc_geonameid"],
        "SOURCEURL": r["url"],
        "PloverEvent": r["event"],
        "PloverMode": ";".join(r["mode"] or []),
        "PloverContext": ";".join(r["context"] or []),
        "PloverScale": r["mean_event_scale"],
        "ArticleId": r["article_id"],
        "EventText": r["event_text"],
    }


def _jsonable(v: Any) -> Any:
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    return v


def write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False, default=_jsonable) + "\n")
            n += 1
    return n


def write_csv(records: list[dict[str, Any]], columns: Iterable[str], path: Path) -> int:
    cols = list(columns)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for rec in records:
            w.writerow({k: _jsonable(rec.get(k)) for k in cols})
    return len(records)


def write_parquet(records: list[dict[str, Any]], columns: Iterable[str], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = list(columns)
    if records:
        table = pa.Table.from_pylist([{k: rec.get(k) for k in cols} for rec in records])
    else:
        table = pa.table({k: pa.array([], pa.string()) for k in cols})
    pq.write_table(table, path)
    return len(records)


def export(
    store: Store,
    table: str,
    fmt: str,
    path: str | Path,
    flt: EventFilter | None = None,
) -> int:
    """Write ``table`` in ``fmt`` to ``path``; returns the number of records written."""
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt in ("plover", "gdelt") and table != "events":
        raise ExportError(f"--format {fmt} is for events only")
    out = Path(path)
    if table == "events":
        rows = find_events(store, flt or EventFilter(), limit=0)
        if fmt == "jsonl":
            return write_jsonl((event_record(r) for r in rows), out)
        if fmt == "plover":
            today = dt.date.today().isoformat()
            return write_jsonl((plover_record(r, today) for r in rows), out)
        if fmt == "gdelt":
            return write_csv([gdelt_row(r) for r in rows], GDELT_COLUMNS, out)
        flat = [event_flat(r) for r in rows]
        cols: tuple[str, ...] = EVENT_FLAT_COLUMNS
    elif table == "quotes":
        flat = find_quotes(store, QuoteFilter(), limit=0)
        cols = QUOTE_COLUMNS
    else:
        flat = find_actors(store, limit=0)
        cols = ACTOR_COLUMNS
    if fmt == "jsonl":
        return write_jsonl(({k: r.get(k) for k in cols} for r in flat), out)
    if fmt == "csv":
        return write_csv(flat, cols, out)
    return write_parquet(flat, cols, out)


# --------------------------------------------------------------------------- a view, in memory

#: what ``view_bytes`` writes: format -> (media type, file extension)
VIEW_FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "plover": ("application/json", "json"),
}


def table_bytes(
    rows: list[dict[str, Any]], columns: Iterable[str], filter_: dict[str, Any], fmt: str
) -> bytes:
    """Rows as CSV (first line ``# filter: <query string>``) or Parquet (the filter as JSON in
    the key-value metadata ``eventwire.filter``)."""
    import io
    from urllib.parse import urlencode

    cols = list(columns)
    if fmt == "csv":
        buf = io.StringIO()
        buf.write(f"# filter: {urlencode(filter_, doseq=True)}\n")
        w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for rec in rows:
            w.writerow({k: _jsonable(rec.get(k)) for k in cols})
        return buf.getvalue().encode("utf-8")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        data = [{k: _jsonable(rec.get(k)) for k in cols} for rec in rows]
        table = pa.Table.from_pylist(data) if data else pa.table({k: pa.array([], pa.string()) for k in cols})
        meta = {
            b"eventwire.filter": json.dumps(filter_, default=_jsonable).encode("utf-8"),
            b"eventwire.version": __version__.encode("utf-8"),
        }
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), **meta})
        out = io.BytesIO()
        pq.write_table(table, out)
        return out.getvalue()
    raise ExportError(f"format must be csv or parquet for this view; got {fmt!r}")


def events_bytes(rows: list[dict[str, Any]], filter_: dict[str, Any], fmt: str) -> bytes:
    """Events (``find_events`` rows) as CSV or Parquet (``EVENT_FLAT_COLUMNS``) or PLOVER JSON:
    ``{"filter": {...}, "exported": ..., "events": [PLOVER records]}``."""
    if fmt == "plover":
        today = dt.date.today().isoformat()
        doc = {
            "filter": filter_,
            "exported": today,
            "coder": f"eventwire {__version__}",
            "count": len(rows),
            "events": [plover_record(r, today) for r in rows],
        }
        return json.dumps(doc, ensure_ascii=False, default=_jsonable).encode("utf-8")
    return table_bytes([event_flat(r) for r in rows], EVENT_FLAT_COLUMNS, filter_, fmt)
