"""Parity: the local engine and the Dask engine give the same store for the same corpus.

    .venv/bin/python benchmarks/parity.py [--limit N] [--workers 2] [--batch 64] [--keep DIR]

The corpus (default: the whole news corpus, ``--limit N`` for its first N lines) is ingested
twice into fresh DuckDB files, each time by the real command in its own process:

    eventwire ingest CORPUS --db local.duckdb --engine local --dedup cluster
    eventwire ingest CORPUS --db dask.duckdb  --engine dask --workers 2 --dedup cluster

then both stores are compared table by table with ``Store.snapshot`` (every column but the
time-of-writing ones, rows sorted): articles and their ids, sentences, entities, times,
places, quotes, event mentions, participants, deduplicated events, rejects and meta.  Prints
a markdown table (rows local, rows dask, identical) and the first differing rows of any
table that differs; writes ``benchmarks/results/parity.md``; exits 1 when the stores differ.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, require, shared_dir, table, write_result

NEWS = "data/news/allsides-2019-2020/articles.jsonl"
#: the ``eventwire`` command, run with this interpreter (and the caller's PYTHONPATH)
EVENTWIRE = [sys.executable, "-c", "from eventwire.cli import main; main()"]
SHOW = 3  # differing rows shown per side and table
WIDTH = 240  # characters of a row shown


def corpus(limit: int, tmp: Path) -> tuple[Path, int]:
    """The news corpus, or its first ``limit`` lines in a temporary copy; and its line count."""
    src = require(shared_dir() / NEWS, "the news corpus")
    lines = [ln for ln in src.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if not limit or limit >= len(lines):
        return src, len(lines)
    out = tmp / "corpus.jsonl"
    out.write_text("\n".join(lines[:limit]) + "\n", encoding="utf-8")
    return out, limit


def run_ingest(path: Path, db: Path, engine: str, workers: int, batch: int) -> dict[str, Any]:
    """``eventwire ingest`` in a subprocess; exit code, seconds and its summary line."""
    cmd = [*EVENTWIRE, "ingest", str(path), "--db", str(db), "--engine", engine, "--dedup", "cluster",
           "--batch", str(batch), "--no-progress"]
    if engine == "dask":
        cmd += ["--workers", str(workers)]
    t0 = time.perf_counter()
    env = {**os.environ, "COLUMNS": "1000"}  # the summary line on one line
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env)
    seconds = time.perf_counter() - t0
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    summary = next((ln for ln in reversed(lines) if ln.startswith("stored ")), lines[-1] if lines else "")
    if proc.returncode not in (0, 1):  # 1: some records rejected (stored with their reasons)
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"{engine} ingest failed with exit code {proc.returncode}")
    summary = summary.rsplit(f" in {db}", 1)[0]  # the temporary path says nothing
    return {"rc": proc.returncode, "seconds": seconds, "summary": summary}


def _short(row: tuple[Any, ...]) -> str:
    s = repr(row)
    return s if len(s) <= WIDTH else s[: WIDTH - 3] + "..."


def compare(local: dict[str, list[tuple[Any, ...]]], dask: dict[str, list[tuple[Any, ...]]]) -> tuple[
    list[list[object]], list[str]
]:
    """Table rows (name, rows local, rows dask, identical) and notes on the first differences."""
    rows: list[list[object]] = []
    notes: list[str] = []
    for name in local:
        a, b = local[name], dask.get(name, [])
        same = a == b
        rows.append([name, len(a), len(b), "yes" if same else "**no**"])
        if same:
            continue
        ca, cb = Counter(map(repr, a)), Counter(map(repr, b))
        only_a = [r for r in a if ca[repr(r)] > cb.get(repr(r), 0)]
        only_b = [r for r in b if cb[repr(r)] > ca.get(repr(r), 0)]
        notes.append(f"- `{name}`: {len(only_a)} row(s) only in local, {len(only_b)} only in dask")
        notes += [f"  - local only: `{_short(r)}`" for r in only_a[:SHOW]]
        notes += [f"  - dask only: `{_short(r)}`" for r in only_b[:SHOW]]
    ids_a = {r[0] for r in local["articles"]}
    ids_b = {r[0] for r in dask["articles"]}
    rows.insert(1, ["article ids", len(ids_a), len(ids_b), "yes" if ids_a == ids_b else "**no**"])
    return rows, notes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0: the whole corpus)")
    ap.add_argument("--workers", type=int, default=2, help="Dask LocalCluster worker processes")
    ap.add_argument("--batch", type=int, default=64, help="articles per transaction / Dask partition")
    ap.add_argument("--keep", type=Path, help="keep the two databases in this folder")
    args = ap.parse_args()

    from eventwire.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="ew-parity-"))
    try:
        path, n = corpus(args.limit, tmp)
        out_dir = args.keep or tmp
        out_dir.mkdir(parents=True, exist_ok=True)
        dbs = {e: out_dir / f"{e}.duckdb" for e in ("local", "dask")}
        for db in dbs.values():
            for p in (db, Path(str(db) + ".wal")):
                p.unlink(missing_ok=True)
        runs = {"local": run_ingest(path, dbs["local"], "local", args.workers, args.batch)}
        local_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        runs["dask"] = run_ingest(path, dbs["dask"], "dask", args.workers, args.batch)
        leftover = sorted(p.name for p in out_dir.glob("dask.parquet/*"))
        snaps = {}
        for e, db in dbs.items():
            with Store(db, read_only=True) as st:
                snaps[e] = st.snapshot()
        rows, notes = compare(snaps["local"], snaps["dask"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the corpus copy (and the databases, unless --keep)

    same = not notes
    where = NEWS if path == shared_dir() / NEWS else f"first {n} lines of {NEWS}"
    limit = f" --limit {args.limit}" if args.limit else ""
    text = [
        "# Parity: local engine and Dask engine",
        "",
        f"Command: `.venv/bin/python benchmarks/parity.py{limit} --workers {args.workers}` "
        f"(corpus: {where}, {n} records; batch/partition {args.batch}).",
        "",
        table(
            ["engine", "exit code", "seconds", "summary"],
            [[e, r["rc"], r["seconds"], r["summary"]] for e, r in runs.items()],
        ),
        "",
        f"Seconds include each process's model loads; load average at the end: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores.  "
        f"Local ingest peak RSS: {local_rss:,.0f} MB.  Parquet left beside the Dask database after the "
        f"load: {', '.join(leftover) if leftover else 'none'}.",
        "",
        table(["table", "rows local", "rows dask", "identical"], rows),
        "",
        "**The two stores are identical.**" if same else "**The stores differ.** First differences:",
    ]
    if notes:
        text += ["", *notes]
    out = "\n".join(text)
    print(out)
    print(f"\nwritten to {write_result('parity', out)}")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
