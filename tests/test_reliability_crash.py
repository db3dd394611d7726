"""Crash safety of ``eventwire ingest`` as a real process.

- kill -9 from outside at three random points (seeded, so a failure can be replayed), one
  after another on the same database, then a last run: the database equals a clean run's;
- two ingests on one database at once: the second stops at once with a clear message and
  exit code 2, the first finishes, and the database equals a clean run's.

The processes run the real ``eventwire ingest`` command; only the coder is replaced by the
store tests' ``StubCoder`` (tests/test_store.py), slowed down so that kills land mid-ingest.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from eventwire.model import Article
from eventwire.store import Store
from test_store import corpus_records

TESTS = Path(__file__).resolve().parent
N = 60

RUNNER = """
import sys, time
sys.path.insert(0, {tests!r})
from test_store import StubCoder
from eventwire.store import commands

class Slow(StubCoder):
    def run(self, records):
        print("coding", flush=True)
        for n, item in enumerate(super().run(records), 1):
            time.sleep({delay})
            print(n, flush=True)
            yield item

commands.make_coder = lambda *a: Slow()
from eventwire.cli import _register_commands, app
_register_commands()
app(["ingest", {src!r}, "--db", {db!r}, "--batch", "4", "--no-progress", "--dedup", "cluster"])
"""


def _corpus(path: Path) -> Path:
    lines = []
    for r in corpus_records(N):
        if isinstance(r, Article):
            rec = {"id": r.id, "text": r.text, "date": r.date.isoformat(), "source": r.source}
            lines.append(json.dumps(rec))
        else:
            lines.append('{"text": "broken')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _start(src: Path, db: Path, delay: float = 0.02) -> subprocess.Popen[str]:
    script = textwrap.dedent(RUNNER).format(tests=str(TESTS), src=str(src), db=str(db), delay=delay)
    return subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _run(src: Path, db: Path, delay: float = 0.0) -> subprocess.CompletedProcess[str]:
    p = _start(src, db, delay)
    out, err = p.communicate(timeout=120)
    return subprocess.CompletedProcess(p.args, p.returncode, out, err)


def _snapshot(db: Path) -> dict:
    with Store(db, read_only=True) as st:
        return st.snapshot()


def test_kill_9_at_three_random_points_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "corpus.jsonl")
    clean = tmp_path / "clean.duckdb"
    res = _run(src, clean)
    assert res.returncode == 1, res.stderr  # 1: the corpus holds rejects
    expected = _snapshot(clean)
    assert len(expected["articles"]) == N and expected["rejects"]

    db = tmp_path / "killed.duckdb"
    rng = random.Random(int(os.environ.get("EVENTWIRE_KILL_SEED", "20251124")))
    stored = []
    for _ in range(3):
        p = _start(src, db)
        assert p.stdout is not None and p.stdout.readline().strip() == "coding"
        # a random point: when the coder hands over its k-th record (batches of 4 are written
        # before the 5th is asked for), wherever the process is then
        k = rng.randint(5, 15)
        while p.stdout.readline().strip() != str(k):
            assert p.poll() is None, "the ingest finished before the kill"
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
        assert p.returncode == -signal.SIGKILL
        with Store(db, read_only=True) as st:
            n = st.count("articles")
            # whole articles only: every stored article has all its rows
            orphans = st.rows(
                "SELECT count(*) AS n FROM sentences s WHERE NOT EXISTS "
                "(SELECT 1 FROM articles a WHERE a.id = s.article_id)"
            )[0]["n"]
            assert orphans == 0
        stored.append(n)
    assert stored[0] > 0 and stored == sorted(set(stored)) and stored[-1] < N, stored  # progress kept
    res = _run(src, db)
    assert res.returncode == 1, res.stderr
    assert f"skipped {stored[-1]} already stored" in " ".join(res.stderr.split())
    assert _snapshot(db) == expected


def test_two_ingests_at_once_second_stops_with_clear_message(tmp_path: Path) -> None:
    src = _corpus(tmp_path / "corpus.jsonl")
    clean = tmp_path / "clean.duckdb"
    _run(src, clean)
    db = tmp_path / "shared.duckdb"
    first = _start(src, db, delay=0.1)  # ~6 s of coding: the second starts well within it
    assert first.stdout is not None and first.stdout.readline().strip() == "coding"
    second = _run(src, db)
    assert second.returncode == 2, (second.returncode, second.stderr)
    assert "in use by another process" in " ".join(second.stderr.split())
    assert "Traceback" not in second.stderr
    assert first.poll() is None, "the first ingest should still be running"
    first.communicate(timeout=120)
    assert first.returncode == 1
    assert _snapshot(db) == _snapshot(clean)
