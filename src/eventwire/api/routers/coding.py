"""Coding and writing: ``POST /api/code`` codes posted text with the process's one pipeline,
``POST /api/ingest`` stores posted articles (with the server's token)."""

from __future__ import annotations

import hmac
import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ...model import Article, Document, Reject
from .. import service
from ..service import Database

router = APIRouter(tags=["coding"])

#: largest body ``POST /api/ingest`` accepts (bytes)
INGEST_MAX_BYTES = 20_000_000
TOKEN_ENV = "EVENTWIRE_TOKEN"


class CodeRequest(BaseModel):
    """An article to code: the body text and its metadata (as a JSON line of `eventwire code`)."""

    text: str = Field(description="the article body; all offsets in the reply index it")
    date: str | None = Field(None, description="the article's date, YYYY-MM-DD")
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


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


@router.post("/api/code", tags=["coding"], openapi_extra=code_body_doc)
async def code(
    request: Request,
    spans: Annotated[bool, Query(description="add the highlightable spans")] = False,
) -> JSONResponse:
    """Code one article posted as JSON (``{"text", "date", ...}``) or as plain text (the text
    file format: an optional ``date YYYY-MM-DD`` line, then the body).  Returns the output
    contract of ``eventwire code``.  Bodies over 200 kB get 413."""
    body = await read_body(request, request.app.state.code_max_bytes)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            payload = CodeRequest.model_validate(json.loads(body))
        except (ValueError, TypeError) as exc:
            raise HTTPException(422, f"expected a JSON object with a 'text' string: {exc}") from exc
        from ...ingest import make_article

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
        from ...ingest import read_bytes

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


@router.post(
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
    _check_token(request, request.app.state.token)
    body = await read_body(request, INGEST_MAX_BYTES)
    return await run_in_threadpool(_ingest, request.app.state.db, body, format, replace)


def _ingest(db: Database, body: bytes, fmt: str, replace: bool) -> dict[str, Any]:
    from ...dedup import DEFAULT_METHOD
    from ...ingest import read_bytes
    from ...store.ingest import ingest as store_ingest

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
