"""The FastAPI application: JSON endpoints over a corpus store and the dashboard at ``/``.

``create_app(db_path)`` builds it.  The database is opened once, read-only unless an ingest
token is configured (``EVENTWIRE_TOKEN`` or ``token=``), in which case ``POST /api/ingest``
may write to it.  ``POST /api/code`` codes posted text with a pipeline loaded once per
process, on first use.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from .. import __version__
from ..model import PLOVER_EVENTS, Article, Document, Reject
from ..store import queries as q
from . import service
from .service import Database

STATIC = Path(__file__).parent / "static"

#: largest body ``POST /api/code`` accepts (bytes); beyond it: 413
CODE_MAX_BYTES = 200_000
#: largest body ``POST /api/ingest`` accepts (bytes)
INGEST_MAX_BYTES = 20_000_000

TOKEN_ENV = "EVENTWIRE_TOKEN"

#: the dashboard loads nothing from anywhere but this server
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

DESCRIPTION = """
JSON over an eventwire corpus store (a DuckDB file written by `eventwire ingest`), and the
dashboard at `/`.

* Events are the **deduplicated** events (one per cluster of mentions); a filter on an actor,
  recipient, mode, place or text holds when any mention of the event matches.
* Lists are paginated: `limit` (at most 500) and `offset`; the reply gives `total`.
* `POST /api/code` codes posted text (at most 200 kB) and returns the output contract of
  `eventwire code` (see docs/output.md).
* `POST /api/ingest` writes to the store and needs the token the server was started with
  (`EVENTWIRE_TOKEN`), sent as `Authorization: Bearer <token>`; without a configured token the
  server is read-only.
"""


class CodeRequest(BaseModel):
    """An article to code: the body text and its metadata (as a JSON line of `eventwire code`)."""

    text: str = Field(description="the article body; all offsets in the reply index it")
    date: str | None = Field(None, description="the article's date, YYYY-MM-DD")
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


def _types(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out += [t.strip().upper() for t in v.split(",") if t.strip()]
    bad = [t for t in out if t not in PLOVER_EVENTS]
    if bad:
        raise HTTPException(
            422, f"unknown event type(s) {', '.join(bad)}; PLOVER types: {', '.join(PLOVER_EVENTS)}"
        )
    return out


def _dyad(dyad: str | None) -> tuple[str | None, str | None] | None:
    if not dyad:
        return None
    try:
        return q.parse_dyad(dyad)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing (413) anything over ``limit`` bytes without reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise HTTPException(413, f"body of {int(declared):,} bytes is over the limit of {limit:,}")
        except ValueError as exc:
            raise HTTPException(400, "bad Content-Length") from exc
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _check_token(request: Request, expected: str | None) -> None:
    """401 without credentials, 403 with wrong ones or when ingest is not enabled."""
    if not expected:
        raise HTTPException(
            403, f"this server is read-only: start it with {TOKEN_ENV} set to enable POST /api/ingest"
        )
    auth = request.headers.get("authorization", "")
    given = (
        auth[7:].strip()
        if auth.lower().startswith("bearer ")
        else request.headers.get("x-eventwire-token", "")
    )
    if not given:
        raise HTTPException(
            401, "a token is needed: Authorization: Bearer <token>", {"WWW-Authenticate": "Bearer"}
        )
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(403, "wrong token")


def _code_article(article: Article) -> dict[str, Any]:
    with service.pipeline() as pipe:
        (out,) = list(pipe.run([article]))
    if isinstance(out, Reject):
        raise HTTPException(422, f"the article could not be coded: {out.reason}")
    assert isinstance(out, Document)
    return out.to_dict(include_text=True)


def create_app(
    db_path: str | Path,
    token: str | None = None,
    code_max_bytes: int = CODE_MAX_BYTES,
) -> FastAPI:
    """The API and dashboard over the store at ``db_path``.

    ``token`` (default: the ``EVENTWIRE_TOKEN`` environment variable) enables ``POST
    /api/ingest`` and opens the database writable; without it the database is opened
    read-only.
    """
    token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)
    db = Database(db_path, writable=bool(token))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        title="eventwire",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.db = db

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        path = request.url.path
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if path == "/" or path.startswith("/static/"):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="eventwire API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
            # no validator badge: it would be fetched from validator.swagger.io
            swagger_ui_parameters={"validatorUrl": None},
        )

    # ------------------------------------------------------------------ corpus

    @app.get("/api/health", tags=["corpus"])
    def health() -> dict[str, Any]:
        """The server's state: database, whether it accepts ingest, whether the pipeline is loaded."""
        return {
            "status": "ok",
            "eventwire": __version__,
            "db": db.path,
            "writable": db.writable,
            "ingest_enabled": bool(token),
            "pipeline_loaded": service.pipeline_loaded(),
        }

    @app.get("/api/stats", tags=["corpus"])
    def stats() -> dict[str, Any]:
        """Corpus statistics: rows per table, date range, events by type and quad class, sources."""
        with db.view() as st:
            return service.stats(st)

    @app.get("/api/events", tags=["events"])
    def events(
        actor: Annotated[str | None, Query(description="code (USA), Wikidata id or part of a name")] = None,
        recipient: Annotated[str | None, Query(description="as actor, for the recipient side")] = None,
        type: Annotated[  # noqa: A002 - the query parameter's name
            list[str] | None, Query(description="PLOVER event type(s), repeated or comma-separated")
        ] = None,
        mode: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        place: Annotated[str | None, Query(description="place name, admin1 or ISO country code")] = None,
        text: Annotated[str | None, Query(description="words in the event's text")] = None,
        dyad: Annotated[
            str | None, Query(description="two sides like RUS-UKR (or RUS-anyone); see /api/timeline")
        ] = None,
        directed: bool = False,
        sort: Annotated[str, Query(pattern="^(day|-day|mentions|goldstein)$")] = "-day",
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = service.DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
    ) -> dict[str, Any]:
        """Deduplicated events matching the filters, a page at a time (newest first by default)."""
        flt = q.EventFilter(
            actor=actor,
            recipient=recipient,
            types=_types(type),
            mode=mode,
            since=since,
            until=until,
            place=place,
            text=text,
        )
        d = _dyad(dyad)
        with db.view() as st:
            page = service.events_page(st, flt, limit, offset, sort, q.Dyad(*d, directed) if d else None)
        return page.to_dict()

    @app.get("/api/events/{event_id}", tags=["events"])
    def event(
        event_id: str,
        limit: Annotated[
            int, Query(ge=1, le=service.MAX_EVENT_MENTIONS, description="mentions to return (earliest first)")
        ] = service.EVENT_MENTIONS,
    ) -> dict[str, Any]:
        """One deduplicated event with its mentions (``num_mentions`` counts them all): article,
        source sentence(s) and the spans of actor, recipient, trigger, times and place in each."""
        with db.view() as st:
            out = service.event_detail(st, event_id, limit)
        if out is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return out

    @app.get("/api/timeline", tags=["events"])
    def timeline(
        dyad: Annotated[
            str, Query(description="RUS-UKR, RUS-anyone, anyone-UKR (split at ':' when there is one)")
        ] = "anyone-anyone",
        freq: Annotated[str, Query(pattern="^(day|week|month)$")] = "week",
        directed: Annotated[bool, Query(description="first side acts on the second")] = False,
        type: list[str] | None = None,  # noqa: A002
        mode: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        place: str | None = None,
        text: str | None = None,
    ) -> dict[str, Any]:
        """Events of a dyad per day, week or month: counts per PLOVER quad class, mean PLOVER
        event scale and mean Goldstein."""
        a, b = _dyad(dyad) or (None, None)
        flt = q.EventFilter(types=_types(type), mode=mode, since=since, until=until, place=place, text=text)
        with db.view() as st:
            tl = q.timeline(st, a, b, freq, directed, flt)
        return {
            "dyad": {"a": a, "b": b, "directed": directed},
            "freq": tl.freq,
            "quads": {str(k): v for k, v in service.QUADS.items()},
            "rows": service.jsonable(tl.rows),
        }

    @app.get("/api/network", tags=["events"])
    def network(
        level: Annotated[str, Query(pattern="^(code|name)$")] = "code",
        type: list[str] | None = None,  # noqa: A002
        since: dt.date | None = None,
        until: dt.date | None = None,
        place: str | None = None,
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 200,
    ) -> dict[str, Any]:
        """Who acts on whom: nodes and directed edges with counts of cooperation and conflict."""
        flt = q.EventFilter(types=_types(type), since=since, until=until, place=place)
        with db.view() as st:
            return service.network(st, flt, level, limit)

    @app.get("/api/locations", tags=["events"])
    def locations(
        what: Annotated[str, Query(pattern="^(events|places)$")] = "events",
        type: list[str] | None = None,  # noqa: A002
        actor: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 500,
    ) -> dict[str, Any]:
        """Points for the map: where events happened, or every geocoded place mentioned."""
        flt = q.EventFilter(actor=actor, types=_types(type), since=since, until=until)
        with db.view() as st:
            return {"what": what, "items": service.locations(st, flt, what, limit)}

    @app.get("/api/actors", tags=["actors"])
    def actors(
        by: Annotated[str, Query(pattern="^(code|name)$")] = "code",
        match: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 100,
    ) -> dict[str, Any]:
        """Actors with their counts: mentions, articles, events as actor / recipient, quotes
        (``by=code``: with ``label``, the country or organisation the code stands for)."""
        with db.view() as st:
            items = service.actors(st, by, since, until, match, limit)
        return {"by": by, "items": items}

    @app.get("/api/quotes", tags=["quotes"])
    def quotes(
        speaker: Annotated[str | None, Query(description="code, Wikidata id, or part of a name")] = None,
        text: str | None = None,
        kind: Annotated[str | None, Query(pattern="^(direct|indirect|mixed)$")] = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        article: str | None = None,
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = service.DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
    ) -> dict[str, Any]:
        """Attributed quotes, newest first."""
        flt = q.QuoteFilter(speaker=speaker, text=text, kind=kind, since=since, until=until, article=article)
        with db.view() as st:
            return service.quotes_page(st, flt, limit, offset).to_dict()

    @app.get("/api/speakers", tags=["quotes"])
    def speakers(
        match: str | None = None, limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 100
    ) -> dict[str, Any]:
        """Speakers by number of quotes."""
        with db.view() as st:
            return {"items": service.speakers(st, match, limit)}

    @app.get("/api/articles", tags=["articles"])
    def articles(
        text: str | None = None,
        source: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = service.DEFAULT_PAGE,
        offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
    ) -> dict[str, Any]:
        """Stored articles (without their text), newest first."""
        with db.view() as st:
            return service.articles_page(st, text, source, since, until, limit, offset).to_dict()

    @app.get("/api/articles/{article_id:path}", tags=["articles"])
    def article(article_id: str) -> dict[str, Any]:
        """One article as coded (the output contract, with its text), plus ``spans``: every
        actor, trigger, time, place and quote with its offsets into the text."""
        with db.view() as st:
            out = service.article_view(st, article_id)
        if out is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return out

    @app.get("/api/examples", tags=["coding"])
    def examples() -> dict[str, Any]:
        """The example articles bundled with eventwire (for the paste-an-article page)."""
        return {"items": service.examples()}

    # ------------------------------------------------------------------ coding and writing

    code_body_doc = {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": CodeRequest.model_json_schema()},
                "text/plain": {
                    "schema": {"type": "string"},
                    "example": "date 2025-05-20\nWASHINGTON: The two ministers met on Monday.",
                },
            },
        }
    }

    @app.post("/api/code", tags=["coding"], openapi_extra=code_body_doc)
    async def code(
        request: Request,
        spans: Annotated[bool, Query(description="add the highlightable spans")] = False,
    ) -> JSONResponse:
        """Code one article posted as JSON (``{"text", "date", ...}``) or as plain text (the text
        file format: an optional ``date YYYY-MM-DD`` line, then the body).  Returns the output
        contract of ``eventwire code``.  Bodies over 200 kB get 413."""
        body = await read_body(request, code_max_bytes)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/json":
            try:
                payload = CodeRequest.model_validate(json.loads(body))
            except (ValueError, TypeError) as exc:
                raise HTTPException(422, f"expected a JSON object with a 'text' string: {exc}") from exc
            from ..ingest import make_article

            art: Article | Reject = make_article(
                payload.text,
                payload.date,
                payload.id,
                payload.title,
                payload.url,
                payload.source,
                origin="api",
            )
        else:
            from ..ingest import read_bytes

            recs = list(read_bytes(body, "api", "text"))
            if len(recs) != 1:
                raise HTTPException(422, "expected one article")
            art = recs[0]
        if isinstance(art, Reject):
            raise HTTPException(422, f"the article could not be read: {art.reason}")
        out = await run_in_threadpool(_code_article, art)
        if spans:
            out["spans"] = service.spans_of(out)
        return JSONResponse(out)

    @app.post(
        "/api/ingest",
        tags=["coding"],
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-ndjson": {"schema": {"type": "string"}},
                    "text/plain": {"schema": {"type": "string"}},
                },
            }
        },
        responses={
            401: {"description": "no token"},
            403: {"description": "wrong token, or read-only server"},
        },
    )
    async def ingest(
        request: Request,
        format: Annotated[  # noqa: A002 - as the command line's --format
            str, Query(pattern="^(auto|text|jsonl|csv|html)$")
        ] = "auto",
        replace: bool = False,
    ) -> dict[str, Any]:
        """Code and store posted articles (JSON lines, CSV, text or HTML, as ``eventwire ingest``
        reads them), then recompute the deduplication.  Needs ``Authorization: Bearer <token>``."""
        _check_token(request, token)
        body = await read_body(request, INGEST_MAX_BYTES)
        return await run_in_threadpool(_ingest, body, format, replace)

    def _ingest(body: bytes, fmt: str, replace: bool) -> dict[str, Any]:
        from ..dedup import DEFAULT_METHOD
        from ..ingest import read_bytes
        from ..store.ingest import ingest as store_ingest

        rejects: list[dict[str, Any]] = []
        with db.write_lock, service.pipeline() as pipe:
            method = db.store.get_meta("dedup_method") or DEFAULT_METHOD
            st = store_ingest(
                db.store,
                read_bytes(body, "api", fmt),
                pipe,
                replace=replace,
                dedup=method,
                on_reject=lambda r: rejects.append(r.to_dict()),
            )
        return {
            "coded": st.coded,
            "rejected": st.rejected,
            "skipped": st.skipped,
            "duplicates": st.duplicates,
            "events": st.dedup.events if st.dedup else None,
            "rejects": rejects,
        }

    return app
