"""The dashboard's aggregate views over one ``EventQuery``: timeline, network, map, actor picker.

Every count here is a number of deduplicated events that the events list gives for the filter
the view links to (the same ``EventQuery`` plus the bar's period, the edge's two sides, the
country...), because both are computed from the same conditions on one mention of the event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..store import queries as q
from ..store.db import Store
from ..store.filters import STATUSES, EventQuery, country_alpha3
from ..store.timeline import timeline as store_timeline
from .service import QUADS, clamp_page, code_label, jsonable

_CODE_KEY = "({p}.code || coalesce(' ' || {p}.sector, ''))"
#: a named actor: its Wikidata id, else its resolved name (``name:...``, as filters take it)
_NAME_KEY = "coalesce({p}.wikidata_id, 'name:' || {p}.name)"


def count(st: Store, flt: EventQuery) -> int:
    return q.count_events(st, flt)


def hidden(st: Store, flt: EventQuery, shown: int) -> dict[str, int]:
    """How many more events the filter would give with every status (future, hypothetical,
    negated) and without the confidence threshold; zeros when nothing is left out."""
    if not flt.hides_some:
        return {"status": 0, "low_confidence": 0}
    by_status = count(st, flt.replace(statuses=STATUSES)) - shown if flt.statuses != STATUSES else 0
    low = count(st, flt.replace(min_confidence=0.0)) - shown if flt.min_confidence > 0 else 0
    return {"status": by_status, "low_confidence": low}


# --------------------------------------------------------------------------- timeline


def default_range(st: Store) -> tuple[dt.date | None, dt.date | None]:
    """The articles' date span: events dated outside it (a history recalled in the text,
    a wrong year) do not stretch the timeline unless asked for."""
    lo, hi = st.con.execute("SELECT min(date), max(date) FROM articles").fetchone()
    return lo, hi


def timeline(st: Store, flt: EventQuery, freq: str) -> dict[str, Any]:
    """Events per period within the filter's date range (default: the articles' span), with
    ``outside``: matching events dated outside it, and ``undated``."""
    lo, hi = flt.since, flt.until
    chosen = bool(lo or hi)
    if not chosen:
        lo, hi = default_range(st)
    ranged = flt.replace(since=lo, until=hi)
    tl = store_timeline(st, None, None, freq, False, ranged)
    every = count(st, flt.replace(since=None, until=None))
    inside = sum(r["events"] for r in tl.rows)
    undated = st.con.execute(
        *_where_sql(
            "SELECT count(*) FROM events e WHERE e.day IS NULL AND ", flt.replace(since=None, until=None)
        )
    ).fetchone()[0]
    dyad = flt.dyad or (None, None)
    return jsonable(
        {
            "dyad": {
                "a": str(dyad[0]) if dyad[0] else None,
                "b": str(dyad[1]) if dyad[1] else None,
                "directed": flt.directed,
            },
            "freq": tl.freq,
            "range": {"from": lo, "to": hi, "chosen": chosen},
            "events": inside,
            "outside": every - inside - int(undated),
            "undated": int(undated),
            "quads": {str(k): v for k, v in QUADS.items()},
            "rows": tl.rows,
        }
    )


def _where_sql(prefix: str, flt: EventQuery) -> tuple[str, list[Any]]:
    where, params = flt.where()
    return prefix + where, params


# --------------------------------------------------------------------------- network


def network(st: Store, flt: EventQuery, level: str = "code", limit: int = 200) -> dict[str, Any]:
    """Who acts on whom: an edge per (actor, recipient) pair of one mention, counting the
    deduplicated events with such a mention (and meeting the filter on that mention); nodes
    with the events they take part in (on either side, with the filter)."""
    if level not in ("code", "name"):
        raise ValueError("level must be 'code' or 'name'")
    limit, _ = clamp_page(limit, 0)
    if level == "code":
        ka, kr = _CODE_KEY.format(p="pa"), _CODE_KEY.format(p="pr")
    else:
        ka, kr = _NAME_KEY.format(p="pa"), _NAME_KEY.format(p="pr")
    econds, eparams = flt.event_conds("e")
    mconds, mparams = flt.mention_conds("m")
    where = " AND ".join([*econds, *mconds, f"{ka} IS NOT NULL", f"{kr} IS NOT NULL", f"{ka} <> {kr}"])
    label = (
        ", any_value(pa.name) AS source_name, any_value(pr.name) AS target_name" if level == "name" else ""
    )
    edges = st.rows(
        f"SELECT {ka} AS source, {kr} AS target, count(DISTINCT e.id) AS events, "
        "count(DISTINCT e.id) FILTER (WHERE e.quad_code IN (1, 2)) AS cooperation, "
        "count(DISTINCT e.id) FILTER (WHERE e.quad_code IN (3, 4)) AS conflict, "
        f"avg(e.goldstein) AS mean_goldstein{label} "
        "FROM events e JOIN event_mentions m ON m.cluster_id = e.id "
        "JOIN event_participants pa ON pa.article_id = m.article_id AND pa.event_idx = m.idx "
        "AND pa.side = 'actor' "
        "JOIN event_participants pr ON pr.article_id = m.article_id AND pr.event_idx = m.idx "
        "AND pr.side = 'recipient' "
        f"WHERE {where} GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?",
        [*eparams, *mparams, limit],
    )
    keys = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    kp = (_CODE_KEY if level == "code" else _NAME_KEY).format(p="p")
    where_n = " AND ".join([*econds, *mconds, f"{kp} IN (SELECT unnest(?::VARCHAR[]))"])
    per_node = {
        r["key"]: r["events"]
        for r in st.rows(
            f"SELECT {kp} AS key, count(DISTINCT e.id) AS events "
            "FROM events e JOIN event_mentions m ON m.cluster_id = e.id "
            "JOIN event_participants p ON p.article_id = m.article_id AND p.event_idx = m.idx "
            f"WHERE {where_n} GROUP BY 1",
            [*eparams, *mparams, keys],
        )
    }
    names: dict[str, str] = {}
    for e in edges:
        names.setdefault(e["source"], e.get("source_name") or "")
        names.setdefault(e["target"], e.get("target_name") or "")
    nodes = [
        {
            "id": key,
            "label": names.get(key) or (code_label(key.split()[0]) or "" if level == "code" else key),
            "events": per_node.get(key, 0),
            "out": sum(e["events"] for e in edges if e["source"] == key),
            "in": sum(e["events"] for e in edges if e["target"] == key),
        }
        for key in keys
    ]
    return jsonable({"level": level, "nodes": nodes, "edges": edges})


def node_filter(key: str, level: str) -> dict[str, Any]:
    """The filter changes that list the events of a network node (exact code and sector)."""
    from ..store.filters import Side

    side = Side.parse(key)
    return {"dyad": (side, None), "directed": False, "sector_exact": True}


# --------------------------------------------------------------------------- map


def countries(st: Store, flt: EventQuery, limit: int = 300) -> list[dict[str, Any]]:
    """Events per country of the event's place (one mention placed there meeting the filter):
    ISO alpha-3 (as actor codes), alpha-2, numeric (the world map's shape ids), a centroid of
    the places, events, conflict events, mean Goldstein."""
    import pycountry

    econds, eparams = flt.event_conds("e")
    mconds, mparams = flt.mention_conds("m")
    where = " AND ".join([*econds, *mconds, "m.has_loc", "m.loc_country_code IS NOT NULL"])
    rows = st.rows(
        "SELECT upper(m.loc_country_code) AS alpha2, count(DISTINCT e.id) AS events, "
        "count(DISTINCT e.id) FILTER (WHERE e.quad_code IN (3, 4)) AS conflict, "
        "avg(e.goldstein) AS mean_goldstein, avg(m.loc_lat) AS lat, avg(m.loc_lon) AS lon "
        f"FROM events e JOIN event_mentions m ON m.cluster_id = e.id WHERE {where} "
        "GROUP BY 1 ORDER BY events DESC, alpha2 LIMIT ?",
        [*eparams, *mparams, clamp_page(limit, 0)[0]],
    )
    for r in rows:
        c = pycountry.countries.get(alpha_2=r["alpha2"])
        r["code"] = country_alpha3(r["alpha2"]) or r["alpha2"]
        r["numeric"] = c.numeric if c else None
        r["name"] = c.name if c else r["alpha2"]
    return jsonable(rows)


# --------------------------------------------------------------------------- actor picker


def picker(st: Store, flt: EventQuery, match: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Actor codes with the number of events (meeting the filter) they take part in, on either
    side: the count ``dyad=CODE-anyone`` lists.  ``match``: part of the code or of its label."""
    econds, eparams = flt.event_conds("e")
    mconds, mparams = flt.mention_conds("m")
    where = " AND ".join([*econds, *mconds, "p.code IS NOT NULL"])
    rows = st.rows(
        "SELECT upper(p.code) AS code, count(DISTINCT e.id) AS events "
        "FROM events e JOIN event_mentions m ON m.cluster_id = e.id "
        "JOIN event_participants p ON p.article_id = m.article_id AND p.event_idx = m.idx "
        f"WHERE {where} GROUP BY 1 ORDER BY events DESC, code",
        [*eparams, *mparams],
    )
    out = []
    for r in rows:
        r["label"] = code_label(r["code"]) or ""
        if match and match.lower() not in f"{r['code']} {r['label']}".lower():
            continue
        out.append(r)
    return out[: clamp_page(limit, 0)[0]]
