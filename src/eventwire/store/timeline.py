"""Timelines: events between two sides per day, week or month (``eventwire timeline``, the
dashboard's dyad chart through ``api.views.timeline``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .db import Store
from .queries import Dyad, EventFilter, Filter, event_where

ANYONE = frozenset({"*", "any", "anyone", ""})
FREQS = ("day", "week", "month")


def parse_dyad(dyad: str) -> tuple[str | None, str | None]:
    """``"RUS-UKR"`` -> ("RUS", "UKR"); ``"*"``/``any``/``anyone`` for a side -> None.

    The sides are split at ``:`` when there is one (``"Guinea-Bissau:SEN"``), else at the
    first ``-``.
    """
    sep = ":" if ":" in dyad else "-"
    if sep not in dyad:
        raise ValueError(f"a dyad is two sides joined by '-' or ':' (like RUS-UKR), not {dyad!r}")
    a, b = dyad.split(sep, 1)
    a, b = a.strip(), b.strip()
    return (None if a.lower() in ANYONE else a, None if b.lower() in ANYONE else b)


#: the columns of a timeline row
TL_COLUMNS = (
    "period",
    "events",
    "q1_verbal_coop",
    "q2_material_coop",
    "q3_verbal_conflict",
    "q4_material_conflict",
    "mean_event_scale",
    "mean_goldstein",
    "mentions",
)


@dataclass
class Timeline:
    freq: str
    rows: list[dict[str, Any]] = field(default_factory=list)


def _period_start(d: dt.date, freq: str) -> dt.date:
    if freq == "week":
        return d - dt.timedelta(days=d.weekday())
    if freq == "month":
        return d.replace(day=1)
    return d


def _next_period(d: dt.date, freq: str) -> dt.date:
    if freq == "week":
        return d + dt.timedelta(days=7)
    if freq == "month":
        return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return d + dt.timedelta(days=1)


def timeline(
    store: Store,
    side_a: str | None,
    side_b: str | None,
    freq: str = "week",
    directed: bool = False,
    flt: Filter | None = None,
    fill: bool = True,
) -> Timeline:
    """Events between two sides per period: counts per PLOVER quad class, mean event_scale,
    mean Goldstein, and the mentions behind them.

    The sides are a ``Dyad``'s (undirected by default; ``directed``: ``side_a`` among the actors
    and ``side_b`` among the recipients).  A side that is None is anyone (undirected:
    ``side_a`` takes part at all; directed: ``side_a`` acts, or ``side_b`` receives).  Weeks
    start on Monday.  Periods without events are filled with
    zeros between the first and the last period when ``fill`` is set.
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}")
    where, params = event_where(flt or EventFilter(), Dyad(side_a, side_b, directed))
    trunc = {
        "day": "e.day",
        "week": "date_trunc('week', e.day)::DATE",
        "month": "date_trunc('month', e.day)::DATE",
    }[freq]
    sql = (
        f"SELECT {trunc} AS period, count(*) AS events, "
        "count(*) FILTER (WHERE e.quad_code = 1) AS q1_verbal_coop, "
        "count(*) FILTER (WHERE e.quad_code = 2) AS q2_material_coop, "
        "count(*) FILTER (WHERE e.quad_code = 3) AS q3_verbal_conflict, "
        "count(*) FILTER (WHERE e.quad_code = 4) AS q4_material_conflict, "
        "avg(e.event_scale) AS mean_event_scale, avg(e.goldstein) AS mean_goldstein, "
        "sum(e.num_mentions) AS mentions "
        f"FROM events e WHERE e.day IS NOT NULL AND {where} GROUP BY period ORDER BY period"
    )
    rows = store.rows(sql, params)
    for r in rows:
        r["mentions"] = int(r["mentions"] or 0)
    if fill and rows:
        have = {r["period"]: r for r in rows}
        out = []
        d = _period_start(rows[0]["period"], freq)
        last = rows[-1]["period"]
        while d <= last:
            out.append(
                have.get(d)
                or {c: d if c == "period" else (None if c.startswith("mean_") else 0) for c in TL_COLUMNS}
            )
            d = _next_period(d, freq)
        rows = out
    return Timeline(freq, rows)
