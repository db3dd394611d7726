"""Corpus endpoints: health, statistics, bundled examples."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ... import __version__
from .. import service
from ..deps import DatabaseDep, StoreDep

router = APIRouter(tags=["corpus"])


@router.get("/api/health")
def health(request: Request, db: DatabaseDep) -> dict[str, Any]:
    """The server's state: database, whether it accepts ingest, whether the pipeline is loaded."""
    return {
        "status": "ok",
        "eventwire": __version__,
        "db": db.path,
        "writable": db.writable,
        "ingest_enabled": bool(request.app.state.token),
        "pipeline_loaded": service.pipeline_loaded(),
    }


@router.get("/api/stats")
def stats(st: StoreDep) -> dict[str, Any]:
    """Corpus statistics: rows per table, date range, events by type and quad class, sources."""
    return service.stats(st)


@router.get("/api/examples", tags=["coding"])
def examples() -> dict[str, Any]:
    """The example articles bundled with eventwire (for the paste-an-article page)."""
    return {"items": service.examples()}
