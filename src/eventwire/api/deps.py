"""What the routers share: the database of the app, the one event filter, human error messages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ..store.db import Store
from ..store.filters import EventQuery, FilterError
from .service import Database


def database(request: Request) -> Database:
    """The app's one ``Database`` (opened by ``create_app``)."""
    db: Database = request.app.state.db
    return db


def store(db: Annotated[Database, Depends(database)]) -> Iterator[Store]:
    """A ``Store`` on a cursor of its own for this request."""
    with db.view() as st:
        yield st


StoreDep = Annotated[Store, Depends(store)]
DatabaseDep = Annotated[Database, Depends(database)]

_REPEAT = "repeat it or separate values with commas"


def event_query(
    type: Annotated[list[str] | None, Query(description=f"PLOVER event type(s); {_REPEAT}")] = None,  # noqa: A002
    quad: Annotated[list[str] | None, Query(description="PLOVER quad class(es) 1-4")] = None,
    actor: Annotated[
        list[str] | None,
        Query(description="actor code with optional sector (USA, USA GOV) or Wikidata id; exact"),
    ] = None,
    recipient: Annotated[list[str] | None, Query(description="as actor, for the recipient side")] = None,
    dyad: Annotated[
        str | None, Query(description="two sides joined by '-', e.g. USA-IRN or USA GOV-anyone")
    ] = None,
    directed: Annotated[str | None, Query(description="dyad: the first side acts on the second")] = None,
    sector_exact: Annotated[
        str | None, Query(description="a code without sector matches only participants without one")
    ] = None,
    mode: Annotated[list[str] | None, Query(description="PLOVER mode(s) required; -mode excludes")] = None,
    exclude_mode: Annotated[list[str] | None, Query(description="PLOVER mode(s) excluded")] = None,
    status: Annotated[
        list[str] | None, Query(description="real (default), future, hypothetical, negated or all")
    ] = None,
    min_confidence: Annotated[str | None, Query(description="0-1; default: the calibrated threshold")] = None,
    from_: Annotated[str | None, Query(alias="from", description="first day, YYYY-MM-DD")] = None,
    to: Annotated[str | None, Query(description="last day, inclusive")] = None,
    since: Annotated[str | None, Query(description="as from")] = None,
    until: Annotated[str | None, Query(description="as to")] = None,
    place: Annotated[list[str] | None, Query(description="country code (IRN or IR) or a place name")] = None,
    source: Annotated[list[str] | None, Query(description="article source, exact")] = None,
    text: Annotated[str | None, Query(description="words in the event text")] = None,
    q: Annotated[str | None, Query(description="part of an actor's or recipient's name")] = None,
) -> EventQuery:
    """The event filter of every event endpoint, validated once (422 with a sentence)."""
    raw: dict[str, Any] = {
        "type": type, "quad": quad, "actor": actor, "recipient": recipient, "dyad": dyad,
        "directed": directed, "sector_exact": sector_exact, "mode": mode, "exclude_mode": exclude_mode,
        "status": status, "min_confidence": min_confidence, "from": from_, "to": to, "since": since,
        "until": until, "place": place, "source": source, "text": text, "q": q,
    }  # fmt: skip
    try:
        return EventQuery.parse({k: v for k, v in raw.items() if v is not None})
    except FilterError as exc:
        raise HTTPException(422, str(exc)) from exc


QueryDep = Annotated[EventQuery, Depends(event_query)]


def _sentence(err: dict[str, Any]) -> str:
    loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path")]
    name = ".".join(loc) or "the request"
    got = err.get("input")
    msg = str(err.get("msg", "is not valid")).rstrip(".")
    pattern = str((err.get("ctx") or {}).get("pattern", ""))
    choices = re.fullmatch(r"\^\(([\w|-]+)\)\$", pattern)
    if choices:
        msg = "must be one of " + ", ".join(choices.group(1).split("|"))
    msg = msg[0].lower() + msg[1:] if msg else msg
    shown = f"; got {got!r}" if got is not None and not isinstance(got, dict | list) else ""
    return f"{name}: {msg}{shown}"


async def validation_error(_: Request, exc: Exception) -> JSONResponse:
    """FastAPI's validation errors as sentences (``detail`` a string, ``errors`` the details)."""
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    text = "; ".join(_sentence(e) for e in errors) or "the request is not valid"
    return JSONResponse({"detail": text, "errors": [_sentence(e) for e in errors]}, status_code=422)
