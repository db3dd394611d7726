"""Event endpoints: the filtered list (sortable, paginated), its export, one event."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from ...store import queries as q
from ...store.export import VIEW_FORMATS, events_bytes
from ...store.filters import SORTS
from .. import service, views
from ..deps import QueryDep, StoreDep

router = APIRouter(tags=["events"])

_SORT_HELP = "one of " + ", ".join(SORTS) + " (a leading '-': descending)"


def _sort(sort: str) -> str:
    if sort not in SORTS:
        raise HTTPException(422, f"sort must be {_SORT_HELP}; got {sort!r}")
    return sort


@router.get("/api/events")
def events(
    st: StoreDep,
    flt: QueryDep,
    sort: Annotated[str, Query(description=_SORT_HELP)] = "-date",
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = service.DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
) -> dict[str, Any]:
    """Deduplicated events matching the filter, a page at a time (newest first by default).
    ``hidden``: how many more there are with every status, and below the confidence threshold;
    ``filter``: the filter as understood."""
    page = service.events_page(st, flt, limit, offset, _sort(sort))
    out = page.to_dict()
    out["hidden"] = views.hidden(st, flt, page.total)
    out["filter"] = flt.params()
    return out


@router.get("/api/events/export", response_class=Response)
def export(
    st: StoreDep,
    flt: QueryDep,
    format: Annotated[str, Query(description="csv, parquet or plover (JSON)")] = "csv",  # noqa: A002
    sort: Annotated[str, Query(description=_SORT_HELP)] = "-date",
) -> Response:
    """Every event matching the filter as a file, the filter recorded in it: CSV (first line
    ``# filter: ...``), Parquet (key-value metadata ``eventwire.filter``), PLOVER JSON (a
    top-level ``filter`` object and ``events``)."""
    if format not in VIEW_FORMATS:
        raise HTTPException(422, f"format must be one of {', '.join(VIEW_FORMATS)}; got {format!r}")
    rows = q.find_events(st, flt, limit=0, sort=_sort(sort))
    body = events_bytes(rows, flt.params(), format)
    media, ext = VIEW_FORMATS[format]
    return Response(
        body, media_type=media, headers={"Content-Disposition": f'attachment; filename="events.{ext}"'}
    )


@router.get("/api/events/{event_id}")
def event(
    st: StoreDep,
    event_id: str,
    limit: Annotated[
        int, Query(ge=1, le=service.MAX_EVENT_MENTIONS, description="mentions to return (earliest first)")
    ] = service.EVENT_MENTIONS,
) -> dict[str, Any]:
    """One deduplicated event with its mentions (``num_mentions`` counts them all): article,
    source sentence(s) and the spans of actor, recipient, trigger, times and place in each."""
    out = service.event_detail(st, event_id, limit)
    if out is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return out
