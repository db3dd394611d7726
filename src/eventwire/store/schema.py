"""The corpus store's tables, declared once.

Each table is a list of ``(column, type)`` pairs.  The same declaration gives the DuckDB
DDL (``ddl()``) and the Arrow schema (``arrow_schema()``) that the row builder's output is
loaded through, so a later engine writing partitioned Parquet (Dask) produces files that
DuckDB can load into exactly these tables.

Layout (every offset indexes ``articles.text``; ``(article_id, idx)`` keys a record):

- ``articles``: one row per coded article, with its body text, so spans can be highlighted.
- ``sentences``, ``entities``, ``times``, ``places``, ``quotes``: one row per record, in
  the order of ``Document`` lists (``idx``), flat columns.
- ``event_mentions``: one row per coded event (one sentence's evidence), all of
  ``Event``'s fields; ``event_loc`` flattened into ``loc_*``; ``cluster_id`` names the
  deduplicated event it belongs to.
- ``quotes``: the speaker entity flattened into ``spk_*`` columns.
- ``event_participants``: the actors and recipients of each mention (``side``, ``pos``),
  each a full ``Entity``; ``entity_idx`` points into ``entities`` when the participant is
  one of the article's entity records (same span and text).
- ``events``: deduplicated events (clusters of mentions) with GDELT's counts.
- ``rejects``: records that could not be coded, with the reason and the head of the raw record.
- ``meta``: key/value facts about the store (schema version, dedup method).
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = "4"

#: columns added since an older schema version: ``{old_version: [(table, column, type), ...]}``;
#: a writable ``Store`` adds them to an older database (readers tolerate their absence)
MIGRATIONS: dict[str, list[tuple[str, str, str]]] = {
    "1": [
        ("places", "head", "INTEGER"),
        ("places", "attachment", "VARCHAR"),
        ("event_mentions", "loc_head", "INTEGER"),
        ("event_mentions", "loc_attachment", "VARCHAR"),
    ],
    "2": [
        ("entities", "basis", "VARCHAR"),
        ("quotes", "spk_basis", "VARCHAR"),
        ("event_participants", "basis", "VARCHAR"),
    ],
    "3": [("event_mentions", "quote", "INTEGER")],
}

Column = tuple[str, str]

_ENTITY_COLS: list[Column] = [
    ("entity_text", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("sentence", "INTEGER"),
    ("name", "VARCHAR"),
    ("code", "VARCHAR"),
    ("sector", "VARCHAR"),
    ("wikidata_id", "VARCHAR"),
    ("role", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("label", "VARCHAR"),
    ("ref", "VARCHAR"),
    ("confidence", "DOUBLE"),
    ("notes", "VARCHAR[]"),
    ("basis", "VARCHAR"),
]

#: entity fields as they appear on ``Entity`` (same order as ``_ENTITY_COLS``)
ENTITY_FIELDS: tuple[str, ...] = tuple(c for c, _ in _ENTITY_COLS)

PLACE_FIELDS: tuple[str, ...] = (
    "text",
    "start",
    "end",
    "sentence",
    "name",
    "geonameid",
    "country_code",
    "admin1",
    "lat",
    "lon",
    "feature_code",
    "role",
    "from_dateline",
    "confidence",
    "head",
    "attachment",
)
_PLACE_TYPES = {
    "start": "INTEGER",
    "end": "INTEGER",
    "sentence": "INTEGER",
    "geonameid": "BIGINT",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "from_dateline": "BOOLEAN",
    "confidence": "DOUBLE",
    "head": "INTEGER",
}
_PLACE_COLS: list[Column] = [(f, _PLACE_TYPES.get(f, "VARCHAR")) for f in PLACE_FIELDS]

TABLES: dict[str, list[Column]] = {
    "articles": [
        ("id", "VARCHAR"),
        ("date", "DATE"),
        ("title", "VARCHAR"),
        ("url", "VARCHAR"),
        ("source", "VARCHAR"),
        ("origin", "VARCHAR"),
        ("text", "VARCHAR"),
        ("n_chars", "INTEGER"),
        ("n_sentences", "INTEGER"),
        ("n_events", "INTEGER"),
        ("n_quotes", "INTEGER"),
        ("warnings", "VARCHAR"),  # JSON list of {"code", "message"}
        ("coded_at", "TIMESTAMP"),
        ("eventwire_version", "VARCHAR"),
    ],
    "sentences": [
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("boilerplate", "VARCHAR"),
    ],
    "entities": [("article_id", "VARCHAR"), ("idx", "INTEGER"), *_ENTITY_COLS],
    "times": [
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("text", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("sentence", "INTEGER"),
        ("type", "VARCHAR"),
        ("value", "VARCHAR"),
        ("mod", "VARCHAR"),
    ],
    "places": [("article_id", "VARCHAR"), ("idx", "INTEGER"), *_PLACE_COLS],
    "quotes": [
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("content", "VARCHAR"),
        ("content_start", "INTEGER"),
        ("content_end", "INTEGER"),
        ("sentence", "INTEGER"),
        ("kind", "VARCHAR"),
        ("speaker_text", "VARCHAR"),
        ("speaker_start", "INTEGER"),
        ("speaker_end", "INTEGER"),
        ("cue", "VARCHAR"),
        ("cue_start", "INTEGER"),
        ("cue_end", "INTEGER"),
        ("confidence", "DOUBLE"),
        ("has_speaker", "BOOLEAN"),
        ("spk_entity_idx", "INTEGER"),
        *[(f"spk_{c}", t) for c, t in _ENTITY_COLS],
    ],
    "event_mentions": [
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("event_id", "VARCHAR"),
        ("event", "VARCHAR"),
        ("date", "VARCHAR"),  # as coded (TIMEX3 value or YYYY-MM-DD), may be partial
        ("day", "DATE"),  # the event's day: ``date`` when a full date, else the article's date
        ("mode", "VARCHAR[]"),
        ("context", "VARCHAR[]"),
        ("event_text", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("sentence", "INTEGER"),
        ("quad_code", "INTEGER"),
        ("event_scale", "DOUBLE"),
        ("cameo_root", "VARCHAR"),
        ("goldstein", "DOUBLE"),
        ("confidence", "DOUBLE"),
        ("trigger", "VARCHAR"),
        ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"),
        ("date_source", "VARCHAR"),
        ("quote", "INTEGER"),  # the quote the event is stated in (``quotes.idx``), if any
        ("has_loc", "BOOLEAN"),
        *[(f"loc_{c}", t) for c, t in _PLACE_COLS],
        ("actor_key", "VARCHAR"),  # identity of the actor side used by dedup ("USA GOV|RUS GOV")
        ("recipient_key", "VARCHAR"),
        ("cluster_id", "VARCHAR"),
    ],
    "event_participants": [
        ("article_id", "VARCHAR"),
        ("event_idx", "INTEGER"),
        ("side", "VARCHAR"),  # actor | recipient
        ("pos", "INTEGER"),
        ("entity_idx", "INTEGER"),
        *_ENTITY_COLS,
    ],
    "events": [
        ("id", "VARCHAR"),
        ("method", "VARCHAR"),
        ("event", "VARCHAR"),
        ("day", "DATE"),
        ("first_day", "DATE"),
        ("last_day", "DATE"),
        ("actor_key", "VARCHAR"),
        ("recipient_key", "VARCHAR"),
        ("rep_article_id", "VARCHAR"),  # the representative mention (earliest, then most confident)
        ("rep_idx", "INTEGER"),
        ("quad_code", "INTEGER"),
        ("event_scale", "DOUBLE"),
        ("goldstein", "DOUBLE"),
        ("num_mentions", "INTEGER"),
        ("num_sources", "INTEGER"),
        ("num_articles", "INTEGER"),
    ],
    "rejects": [
        ("origin", "VARCHAR"),
        ("code", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("raw", "VARCHAR"),
        ("rejected_at", "TIMESTAMP"),
    ],
    "meta": [("key", "VARCHAR"), ("value", "VARCHAR")],
}

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "sentences": ("article_id", "idx"),
    "entities": ("article_id", "idx"),
    "times": ("article_id", "idx"),
    "places": ("article_id", "idx"),
    "quotes": ("article_id", "idx"),
    "event_mentions": ("article_id", "idx"),
    "event_participants": ("article_id", "event_idx", "side", "pos"),
    "events": ("id",),
    "meta": ("key",),
}

#: tables holding one article's coded records (deleted and rewritten together)
ARTICLE_TABLES: tuple[str, ...] = (
    "sentences",
    "entities",
    "times",
    "places",
    "quotes",
    "event_mentions",
    "event_participants",
)

#: columns whose value is the time of writing (left out when comparing two stores)
VOLATILE_COLUMNS: dict[str, tuple[str, ...]] = {"articles": ("coded_at",), "rejects": ("rejected_at",)}

INDEXES: tuple[str, ...] = ("CREATE INDEX IF NOT EXISTS rejects_origin ON rejects (origin)",)


def columns(table: str) -> list[str]:
    return [c for c, _ in TABLES[table]]


def _q(name: str) -> str:
    return f'"{name}"'


def ddl() -> list[str]:
    """``CREATE TABLE IF NOT EXISTS`` statements for every table."""
    out = []
    for table, cols in TABLES.items():
        parts = [f"{_q(c)} {t}" for c, t in cols]
        pk = PRIMARY_KEYS.get(table)
        if pk:
            parts.append(f"PRIMARY KEY ({', '.join(_q(c) for c in pk)})")
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(parts)})")
    out.extend(INDEXES)
    return out


def _arrow_type(sql: str) -> Any:
    import pyarrow as pa

    base = {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
        "TIMESTAMP": pa.timestamp("us"),
    }
    if sql.endswith("[]"):
        return pa.list_(base[sql[:-2]])
    return base[sql]


def arrow_schema(table: str) -> Any:
    """The ``pyarrow.Schema`` of a table (what a Parquet writer for this table should use)."""
    import pyarrow as pa

    return pa.schema([pa.field(c, _arrow_type(t)) for c, t in TABLES[table]])
