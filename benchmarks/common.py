"""Shared helpers for the benchmarks: where ../shared is, tables, result files."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def shared_dir() -> Path:
    """The development data: $EVENTWIRE_SHARED, else the ``shared`` folder beside the repo."""
    return Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))


def require(path: Path, what: str) -> Path:
    """Return ``path``, or exit 0 with a clear message when the data is absent."""
    if not path.exists():
        print(f"skipped: {what} not found at {path} (set EVENTWIRE_SHARED to the shared/ folder)")
        sys.exit(0)
    return path


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A markdown table."""

    def fmt(v: object) -> str:
        if isinstance(v, float):
            return f"{v:.3f}" if abs(v) < 100 else f"{v:,.0f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v)

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def write_result(name: str, text: str) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.md"
    path.write_text(text.rstrip() + "\n", encoding="utf-8")
    return path
