"""The dashboard's aggregate views: timeline, network, map (countries and places), actor picker,
each also as a file (``/export``: CSV or Parquet, the filter recorded in it)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from ...store.export import VIEW_FORMATS, table_bytes
from ...store.timeline import TL_COLUMNS
from .. import service, views
from ..deps import QueryDep, StoreDep

router = APIRouter(tags=["views"])

Freq = Annotated[str, Query(pattern="^(day|week|month)$", description="day, week (from Monday) or month")]
Level = Annotated[str, Query(pattern="^(code|name)$", description="actors by code+sector, or by Wikidata id")]


def _file(rows: list[dict[str, Any]], cols: list[str], flt: dict[str, Any], fmt: str, name: str) -> Response:
    if fmt not in ("csv", "parquet"):
        raise HTTPException(422, f"format must be csv or parquet; got {fmt!r}")
    media, ext = VIEW_FORMATS[fmt]
    return Response(
        table_bytes(rows, cols, flt, fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{ext}"'},
    )


@router.get("/api/timeline")
def timeline(st: StoreDep, flt: QueryDep, freq: Freq = "week") -> dict[str, Any]:
    """Events (of a ``dyad``, or all) per day, week or month within the date range (default:
    the articles' date span; ``outside`` counts matching events dated outside it): counts per
    PLOVER quad class, mean PLOVER event scale and mean Goldstein.  A bar's count is what
    ``/api/events`` lists with the same filter and ``from``/``to`` the period."""
    out = views.timeline(st, flt, freq)
    out["filter"] = flt.params()
    return out


@router.get("/api/timeline/export", response_class=Response)
def timeline_export(st: StoreDep, flt: QueryDep, freq: Freq = "week", format: str = "csv") -> Response:  # noqa: A002
    """The timeline's rows as CSV or Parquet."""
    tl = views.timeline(st, flt, freq)
    meta = {**flt.params(), "freq": freq, "from": tl["range"]["from"], "to": tl["range"]["to"]}
    return _file(tl["rows"], list(TL_COLUMNS), meta, format, "timeline")


@router.get("/api/network")
def network(
    st: StoreDep,
    flt: QueryDep,
    level: Level = "code",
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 200,
) -> dict[str, Any]:
    """Who acts on whom: nodes (``events``: the events each takes part in) and directed edges
    with counts of cooperation and conflict.  An edge's count is what ``/api/events`` lists
    with ``actor=source&recipient=target&sector_exact=true`` (``level=name``: Wikidata ids or
    ``name:...``)."""
    out = views.network(st, flt, level, limit)
    out["filter"] = flt.params()
    return out


_EDGE_COLS = ["source", "target", "events", "cooperation", "conflict", "mean_goldstein"]


@router.get("/api/network/export", response_class=Response)
def network_export(
    st: StoreDep,
    flt: QueryDep,
    level: Level = "code",
    limit: int = 200,
    format: str = "csv",  # noqa: A002
) -> Response:
    """The network's edges as CSV or Parquet."""
    net = views.network(st, flt, level, max(1, min(limit, service.MAX_PAGE)))
    return _file(net["edges"], _EDGE_COLS, {**flt.params(), "level": level}, format, "network")


@router.get("/api/countries")
def countries(
    st: StoreDep, flt: QueryDep, limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 300
) -> dict[str, Any]:
    """Events per country of the event's place (``code``: ISO alpha-3, as actor codes); a
    country's count is what ``/api/events`` lists with ``place=<code>``."""
    return {"items": views.countries(st, flt, limit), "filter": flt.params()}


_COUNTRY_COLS = ["code", "alpha2", "name", "events", "conflict", "mean_goldstein", "lat", "lon"]


@router.get("/api/countries/export", response_class=Response)
def countries_export(st: StoreDep, flt: QueryDep, format: str = "csv") -> Response:  # noqa: A002
    """Events per country as CSV or Parquet."""
    return _file(views.countries(st, flt), _COUNTRY_COLS, flt.params(), format, "countries")


@router.get("/api/locations")
def locations(
    st: StoreDep,
    flt: QueryDep,
    what: Annotated[str, Query(pattern="^(events|places)$")] = "events",
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 500,
) -> dict[str, Any]:
    """Points: where events happened (with the filter), or every geocoded place mentioned."""
    return {"what": what, "items": service.locations(st, flt, what, limit)}


@router.get("/api/picker")
def picker(
    st: StoreDep,
    flt: QueryDep,
    match: Annotated[str | None, Query(description="part of the code or of what it stands for")] = None,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 500,
) -> dict[str, Any]:
    """Actor codes for the dyad picker with the events each takes part in (meeting the filter):
    the count ``/api/events?dyad=CODE-anyone`` lists."""
    return {"items": views.picker(st, flt, match, limit)}
