"""Actors, quotes, speakers and articles."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from ...store import queries as q
from .. import service
from ..deps import StoreDep

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=service.MAX_PAGE)]
Offset = Annotated[int, Query(ge=0, le=2**62)]


@router.get("/api/actors", tags=["actors"])
def actors(
    st: StoreDep,
    by: Annotated[str, Query(pattern="^(code|name)$")] = "code",
    match: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: Limit = 100,
) -> dict[str, Any]:
    """Actors with their counts: mentions, articles, events as actor / recipient, quotes
    (``by=code``: with ``label``, the country or organisation the code stands for)."""
    return {"by": by, "items": service.actors(st, by, since, until, match, limit)}


@router.get("/api/quotes", tags=["quotes"])
def quotes(
    st: StoreDep,
    speaker: Annotated[str | None, Query(description="code, Wikidata id, or part of a name")] = None,
    text: str | None = None,
    kind: Annotated[str | None, Query(pattern="^(direct|indirect|mixed)$")] = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    article: str | None = None,
    limit: Limit = service.DEFAULT_PAGE,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Attributed quotes, newest first."""
    flt = q.QuoteFilter(speaker=speaker, text=text, kind=kind, since=since, until=until, article=article)
    return service.quotes_page(st, flt, limit, offset).to_dict()


@router.get("/api/speakers", tags=["quotes"])
def speakers(st: StoreDep, match: str | None = None, limit: Limit = 100) -> dict[str, Any]:
    """Resolved speakers by number of quotes; pronouns and unresolved speakers are not ranked,
    they are counted in ``unresolved``."""
    return service.speakers(st, match, limit)


@router.get("/api/articles", tags=["articles"])
def articles(
    st: StoreDep,
    text: str | None = None,
    source: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: Limit = service.DEFAULT_PAGE,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored articles (without their text), newest first."""
    return service.articles_page(st, text, source, since, until, limit, offset).to_dict()


@router.get("/api/articles/{article_id:path}", tags=["articles"])
def article(st: StoreDep, article_id: str) -> dict[str, Any]:
    """One article as coded (the output contract, with its text), plus ``spans``: every
    actor, trigger, time, place and quote with its offsets into the text."""
    out = service.article_view(st, article_id)
    if out is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return out
