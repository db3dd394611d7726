"""The FastAPI application: JSON endpoints over a corpus store and the dashboard at ``/``.

``create_app(db_path)`` builds it.  The database is opened once, read-only unless an ingest
token is configured (``EVENTWIRE_TOKEN`` or ``token=``), in which case ``POST /api/ingest``
may write to it.  ``POST /api/code`` codes posted text with a pipeline loaded once per
process, on first use.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from .deps import validation_error
from .routers import coding, corpus, events, library, views
from .routers.coding import INGEST_MAX_BYTES, TOKEN_ENV
from .service import Database

STATIC = Path(__file__).parent / "static"

#: largest body ``POST /api/code`` accepts (bytes); beyond it: 413
CODE_MAX_BYTES = 200_000
__all__ = ["CODE_MAX_BYTES", "INGEST_MAX_BYTES", "STATIC", "TOKEN_ENV", "create_app"]

#: the dashboard loads nothing from anywhere but this server
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

DESCRIPTION = """
JSON over an eventwire corpus store (a DuckDB file written by `eventwire ingest`), and the
dashboard at `/`.

* Events are the **deduplicated** events (one per cluster of mentions).  Every event endpoint
  takes the same filter (`type`, `quad`, `actor`, `recipient`, `dyad`, `directed`, `mode`,
  `exclude_mode`, `status`, `min_confidence`, `from`, `to`, `place`, `source`, `text`, `q`),
  whose conditions all hold on one mention of the event; repeated parameters keep every
  value.  By default only **real** (asserted: not future, hypothetical or negated) events at
  or above the calibrated confidence threshold count; `status=all&min_confidence=0` shows all.
* Every count (a timeline bar, a network edge or node, a country) is the number of events
  `/api/events` lists for the filter it links to.
* Errors are 422 with `detail`: a sentence saying what to change.
* Lists are paginated: `limit` (at most 500) and `offset`; the reply gives `total`.
* `POST /api/code` codes posted text (at most 200 kB) and returns the output contract of
  `eventwire code` (see docs/output.md).
* `POST /api/ingest` writes to the store and needs the token the server was started with
  (`EVENTWIRE_TOKEN`), sent as `Authorization: Bearer <token>`; without a configured token the
  server is read-only.
"""


def create_app(
    db_path: str | Path,
    token: str | None = None,
    code_max_bytes: int = CODE_MAX_BYTES,
) -> FastAPI:
    """The API and dashboard over the store at ``db_path``.

    ``token`` (default: the ``EVENTWIRE_TOKEN`` environment variable) enables ``POST
    /api/ingest`` and opens the database writable; without it the database is opened
    read-only.  The routers (``routers/``) reach the database through ``deps.database``.
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
    app.state.token = token
    app.state.code_max_bytes = code_max_bytes
    app.add_exception_handler(RequestValidationError, validation_error)

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

    for module in (corpus, events, views, library, coding):
        app.include_router(module.router)
    return app
