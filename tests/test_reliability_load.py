"""The load test in short form: 300 API requests at concurrency 10, from a second process on
loopback, against a store ingested from the bundled examples: zero errors.

The full run (5,000 requests at concurrency 20 on the news corpus) is the benchmark
``benchmarks/load.py``; speed is reported there, never asserted here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.ingest import read_paths
from eventwire.pipeline import Pipeline
from eventwire.store import Store
from eventwire.store.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_short_load_run_has_no_errors(tmp_path: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "examples.duckdb"
    with Store(db) as st:
        stats = ingest(st, read_paths([ROOT / "examples"]), pipeline)
    assert stats.coded >= 15
    out = tmp_path / "load.md"
    res = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--db", str(db), "--requests", "300",
         "--concurrency", "10", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    report = out.read_text()
    assert "| 300 | 10 | 0 |" in report, report  # requests, concurrency, errors
    for endpoint in ("/api/events", "/api/events/{id}", "/api/articles/{id}", "/api/timeline"):
        assert f"GET {endpoint} |" in report, report
