"""Throughput: eventwire end to end against a bare spaCy parse of the same texts.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--workers 1,2] [--repeat K] [--memory-limit M]
                                              [--memory-only]

Both runs are single-process and use the same model.  The bare parse is the ceiling of a
design that parses everything with the full pipeline; eventwire's time includes reading
the JSON lines, parsing, every stage and writing JSON lines.  Each measurement runs in a
fresh subprocess so that peak memory (ru_maxrss) is its own.

The Dask rows (``--workers``, default 1,2) run ``eventwire.scale.ingest_dask`` on a
``LocalCluster`` of N single-threaded worker processes into a fresh DuckDB file: read,
partition, code on the workers, Parquet, DuckDB load and deduplication.  The workers'
models are loaded before the clock starts (as for the single-process rows); the load time
is reported apart.  Peak RSS is the driver's and the largest worker's.

The memory rows (``--repeat K``, with ``--memory-limit M`` for the first M articles) run the
local ``eventwire ingest`` (``store.ingest.ingest``: read, parse, all stages, DuckDB writes
in 64-article transactions, deduplication) into a fresh database, once on the corpus and once
on the corpus repeated K times (the repeats get new ids, so they are coded and stored again),
each in a fresh process: peak RSS (ru_maxrss) and the RSS after each quarter of the articles.
Streaming with bounded batches means the K-times run peaks where the single run does.
``--memory-only`` measures just these and writes ``results/throughput-memory.md``; the
table ends with the acceptance check (the K-times peak within 10% of the single run's).
The whole corpus 1x vs 4x (long on a small machine):
``benchmarks/throughput.py --memory-only --repeat 4``.

Start-up included (``--startup``; writes ``results/throughput-startup.md``): wall time from
process start to exit of ``eventwire code FILE`` (JSON lines to /dev/null) against a process
that loads the same spaCy model and runs ``nlp.pipe`` over the same texts, on the first 60
articles (``--startup-sizes``; ``--full`` adds the whole corpus, many minutes), and the
start-up alone: ``eventwire code`` on one sentence against a process that only loads the
model.  Per-table load times: ``benchmarks/tables.py``.  The subprocesses run this
checkout's ``src`` (PYTHONPATH), not an installed eventwire; ``EVENTWIRE_BENCH_SRC=DIR``
measures another source tree instead (``git archive BASE src | tar -x -C /tmp/base``, then
``EVENTWIRE_BENCH_SRC=/tmp/base/src``: the same rows before a change).
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import require, shared_dir, table, write_result

NEWS = "data/news/allsides-2019-2020/articles.jsonl"


def _corpus(limit: int, repeat: int) -> Path:
    src = require(shared_dir() / NEWS, "the news corpus")
    lines = [line for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        lines = lines[:limit]
    tmp = Path(tempfile.mkdtemp(prefix="ew-tp-"))
    atexit.register(shutil.rmtree, tmp, True)
    out = tmp / "corpus.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for k in range(repeat):
            for line in lines:
                rec = json.loads(line)
                if k:
                    rec["id"] = f"{rec.get('id')}-r{k}"
                f.write(json.dumps(rec) + "\n")
    return out


def run_bare(path: str) -> dict[str, float]:
    """Bare spaCy parse (all pipes of the model), texts read from the JSON lines."""
    import spacy

    from eventwire.config import DEFAULT_MODEL

    t0 = time.perf_counter()
    nlp = spacy.load(DEFAULT_MODEL)
    load = time.perf_counter() - t0
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    words = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=32):
        words += sum(1 for t in doc if not t.is_space and not t.is_punct)
    dt = time.perf_counter() - t0
    return {"seconds": dt, "load": load, "articles": len(texts), "words": words}


def run_eventwire(path: str) -> dict[str, float]:
    """eventwire end to end: read, parse, all stages, write JSON lines."""
    from eventwire.ingest import read_paths
    from eventwire.model import Document
    from eventwire.pipeline import Pipeline

    t0 = time.perf_counter()
    pipe = Pipeline()
    load = time.perf_counter() - t0
    n = events = 0
    t0 = time.perf_counter()
    with open("/dev/null", "w", encoding="utf-8") as sink:
        for item in pipe.run(read_paths([path], "jsonl")):
            if isinstance(item, Document):
                n += 1
                events += len(item.events)
                sink.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    dt = time.perf_counter() - t0
    return {"seconds": dt, "load": load, "articles": n, "events": events}


def _rss_now_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def run_ingest(path: str) -> dict[str, object]:
    """The local ``eventwire ingest`` into a fresh DuckDB file; RSS after each quarter of the input."""
    from eventwire.ingest import read_paths
    from eventwire.pipeline import Pipeline
    from eventwire.store import Store
    from eventwire.store.ingest import ingest

    with open(path, encoding="utf-8") as f:
        total = sum(1 for line in f if line.strip())
    marks = {max(1, round(total * q / 4)) for q in (1, 2, 3, 4)}
    samples: list[tuple[int, float]] = []
    n = 0

    def on_document(_doc: object) -> None:
        nonlocal n
        n += 1
        if n in marks:
            samples.append((n, _rss_now_mb()))

    t0 = time.perf_counter()
    pipe = Pipeline()
    load = time.perf_counter() - t0
    tmp = Path(tempfile.mkdtemp(prefix="ew-tp-ingest-"))
    try:
        with Store(tmp / "bench.duckdb") as st:
            t0 = time.perf_counter()
            stats = ingest(st, read_paths([path], "jsonl"), pipe, batch=64, dedup="cluster",
                           on_document=on_document)
            dt = time.perf_counter() - t0
            mentions = st.count("event_mentions")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"seconds": dt, "load": load, "articles": stats.coded, "event_mentions": mentions,
            "samples": samples}


def _warm(config: object) -> float:
    from eventwire.scale.engine import worker_pipeline

    return worker_pipeline(config)[1]  # type: ignore[arg-type]


def run_dask(path: str, workers: int) -> dict[str, float]:
    """eventwire's Dask engine on a LocalCluster of ``workers`` processes, into DuckDB."""
    import logging

    from distributed import Client, LocalCluster

    from eventwire.config import PipelineConfig
    from eventwire.scale.engine import ingest_dask

    cfg = PipelineConfig()
    t0 = time.perf_counter()
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    start = time.perf_counter() - t0
    loads = client.run(_warm, cfg)
    load = time.perf_counter() - t0 - start
    tmp = Path(tempfile.mkdtemp(prefix="ew-tp-dask-"))
    try:
        t0 = time.perf_counter()
        stats = ingest_dask([path], tmp / "bench.duckdb", "jsonl", client=client, config=cfg, dedup="cluster")
        dt = time.perf_counter() - t0
    finally:
        client.close()
        cluster.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "seconds": dt,
        "load": load,
        "cluster_start": start,
        "model_load_max": max(loads.values()),
        "articles": stats.coded,
        "partitions": stats.partitions,
        "worker_max_rss_mb": stats.worker_max_rss_mb,
        "worker_rss_mb": max(stats.workers.values()) if stats.workers else 0.0,
    }


def _child(kind: str, path: str) -> None:
    res: dict[str, object]
    if kind.startswith("dask"):
        res = run_dask(path, int(kind[4:]))
    elif kind == "ingest":
        res = run_ingest(path)
    else:
        res = run_bare(path) if kind == "bare" else run_eventwire(path)
    res["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(res))


def measure(kind: str, path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def memory_section(limit: int, repeat: int) -> list[str]:
    """Peak memory of the local ``eventwire ingest`` on the corpus and on it repeated ``repeat`` times."""
    small = _corpus(limit, 1)
    big = _corpus(limit, repeat)
    runs = [("corpus x1", measure("ingest", small)), (f"corpus x{repeat}", measure("ingest", big))]
    rows = []
    for name, r in runs:
        quarters = [f"{mb:,.0f} ({n:,})" for n, mb in r["samples"]]
        rows.append([name, r["articles"], r["seconds"], r["articles"] / r["seconds"], r["max_rss_mb"],
                     " / ".join(quarters)])
    what = f"the first {limit} articles of the corpus" if limit else "the corpus"
    one, many = runs[0][1]["max_rss_mb"], runs[1][1]["max_rss_mb"]
    verdict = "yes" if many <= 1.10 * one else "NO"
    return [
        f"Peak memory, single process: the local `eventwire ingest` (read, parse, all stages, DuckDB "
        f"writes in 64-article transactions, dedup) into a fresh database, on {what} and on it "
        f"repeated {repeat} times (new ids, so every copy is coded and stored); each run in a fresh "
        "process.  Seconds exclude the model load.",
        "",
        table(["input", "articles", "seconds", "articles/s", "peak RSS MB",
               "RSS MB after each quarter (articles done)"], rows),
        "",
        f"Peak RSS x{repeat} / x1: {many / one:.3f} (acceptance, within 10%: {verdict}).  The peak "
        "includes the final deduplication (`dedup.recompute`, streamed in date windows).",
    ]


def _src_env() -> dict[str, str]:
    env = dict(os.environ)
    # EVENTWIRE_BENCH_SRC: another source tree to measure (a checkout of the base, to compare)
    src = env.get("EVENTWIRE_BENCH_SRC") or str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH", "")) if p)
    return env


_CLI = "from eventwire.cli import main; main()"
_BARE = """
import json, sys
import spacy
from eventwire.config import DEFAULT_MODEL
nlp = spacy.load(DEFAULT_MODEL)
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
n = sum(1 for doc in nlp.pipe(texts, batch_size=32) for t in doc if not t.is_space and not t.is_punct)
print(n)
"""
_LOAD = "import spacy\nfrom eventwire.config import DEFAULT_MODEL\nspacy.load(DEFAULT_MODEL)\n"


def timed_process(cmd: list[str], stdin: str | None = None) -> tuple[float, float, float]:
    """Wall seconds from spawning ``cmd`` to its exit, its own peak RSS (MB) and its CPU seconds
    (user + system; from wait4: less disturbed than wall time by other load on the machine)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err, env=_src_env())
        if proc.stdin is not None:
            proc.stdin.write((stdin or "").encode())
            proc.stdin.close()
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            raise RuntimeError(f"{cmd[:4]} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def startup_section(sizes: list[int], repeat: int) -> list[str]:
    """End to end with start-up included, and start-up alone; the minimum of ``repeat`` runs."""
    py = sys.executable
    warm = subprocess.run(  # the compact gazetteer is built once per install: not part of a start-up
        [py, "-c", "import importlib; importlib.import_module('eventwire.geo.gazetteer').gazetteer()"],
        env=_src_env(), check=True)
    del warm

    def best(cmd: list[str], stdin: str | None = None) -> tuple[float, float, float]:
        runs = [timed_process(cmd, stdin) for _ in range(repeat)]
        return min(r[0] for r in runs), max(r[1] for r in runs), min(r[2] for r in runs)

    rows = []
    for n in sizes:
        corpus = _corpus(n, 1)
        arts = sum(1 for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())
        bare = best([py, "-c", _BARE, str(corpus)])
        ew = best([py, "-c", _CLI, "code", str(corpus), "-o", "jsonl"])
        rows.append([f"{arts} articles: bare nlp.pipe process", bare[0], bare[2], bare[1], 1.0, 1.0])
        rows.append(
            [f"{arts} articles: `eventwire code` process", ew[0], ew[2], ew[1],
             ew[0] / bare[0], ew[2] / bare[2]]
        )
    load = best([py, "-c", _LOAD])
    one = best([py, "-c", _CLI, "code", "-f", "text", "-o", "jsonl"], "Russia accused Ukraine of shelling.\n")
    rows.append(["start-up: load the spaCy model only", load[0], load[2], load[1], 1.0, 1.0])
    rows.append(
        ["start-up: `eventwire code` one sentence", one[0], one[2], one[1],
         one[0] / load[0], one[2] / load[2]]
    )
    return [
        "End to end with start-up included: wall seconds from process start to exit (interpreter "
        "start, imports, model and knowledge loads, reading, coding, JSON lines to /dev/null); "
        f"the minimum of {repeat} run(s); CPU s is the process's user + system time.  The ratios "
        "are against the bare row above.",
        "",
        table(["process", "wall s", "CPU s", "peak RSS MB", "x bare (wall)", "x bare (CPU)"], rows),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0: all)")
    ap.add_argument(
        "--repeat", type=int, default=1, help="also measure memory on the corpus repeated K times"
    )
    ap.add_argument("--memory-limit", "--repeat-limit", dest="memory_limit", type=int, default=0,
                    help="first M articles for the memory runs (0: same as --limit)")
    ap.add_argument("--memory-only", action="store_true",
                    help="only the memory runs (needs --repeat); writes results/throughput-memory.md")
    ap.add_argument("--workers", default="1,2", help="Dask LocalCluster sizes to measure ('' for none)")
    ap.add_argument("--startup", action="store_true",
                    help="only the start-up-included runs; writes results/throughput-startup.md")
    ap.add_argument("--startup-sizes", default="60", help="article counts for --startup (0: all)")
    ap.add_argument("--full", action="store_true", help="--startup also on the whole corpus (minutes)")
    ap.add_argument("--startup-repeat", type=int, default=1, help="runs per --startup row (minimum shown)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(*args.child)
        return
    cmd = "`.venv/bin/python benchmarks/throughput.py " + " ".join(sys.argv[1:]) + "`"
    if args.startup:
        sizes = [int(x) for x in args.startup_sizes.split(",") if x.strip()]
        if os.environ.get("EVENTWIRE_BENCH_SRC"):
            cmd += f" (EVENTWIRE_BENCH_SRC={os.environ['EVENTWIRE_BENCH_SRC']})"
        if args.full:
            sizes.append(0)
        text = "\n".join([f"Command: {cmd}", "", *startup_section(sizes, args.startup_repeat)])
        print(text)
        print(f"\nwritten to {write_result('throughput-startup', text)}")
        return
    mem_limit = args.memory_limit or args.limit
    if args.memory_only:
        if args.repeat < 2:
            ap.error("--memory-only needs --repeat K (K >= 2)")
        text = "\n".join([f"Command: {cmd}", "", *memory_section(mem_limit, args.repeat)])
        print(text)
        print(f"\nwritten to {write_result('throughput-memory', text)}")
        return
    corpus = _corpus(args.limit, 1)
    bare = measure("bare", corpus)
    ew = measure("eventwire", corpus)
    words = bare["words"]
    rows = [
        ["bare spaCy parse", bare["articles"], bare["seconds"], words / bare["seconds"],
         bare["articles"] / bare["seconds"], bare["max_rss_mb"], 1.0],
        ["eventwire end to end", ew["articles"], ew["seconds"], words / ew["seconds"],
         ew["articles"] / ew["seconds"], ew["max_rss_mb"], ew["seconds"] / bare["seconds"]],
    ]
    out = [
        f"Command: {cmd}",
        "",
        f"Corpus: {NEWS} ({bare['articles']} articles, {words:,} words); "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, single process.",
        "",
        table(["run", "articles", "seconds", "words/s", "articles/s", "peak RSS MB", "x parse time"], rows),
    ]
    sizes = [int(w) for w in args.workers.split(",") if w.strip()]
    if sizes:
        drows = []
        for n in sizes:
            d = measure(f"dask{n}", corpus)
            drows.append(
                [f"dask, {n} local worker(s)", d["articles"], d["partitions"], d["seconds"],
                 words / d["seconds"], d["articles"] / d["seconds"], d["cluster_start"], d["model_load_max"],
                 d["max_rss_mb"], d["worker_max_rss_mb"], d["worker_rss_mb"]]
            )
        out += [
            "",
            "Dask engine (`eventwire.scale.ingest_dask`, LocalCluster, one single-threaded process per "
            "worker): read, partition (64 articles), code on the workers, Parquet, DuckDB load, dedup. "
            "Seconds exclude the cluster start and the workers' model loads (shown apart, as the "
            "single-process rows exclude the model load).",
            "",
            table(["run", "articles", "partitions", "seconds", "words/s", "articles/s", "cluster start s",
                   "model load s", "driver peak RSS MB", "worker peak RSS MB", "worker RSS MB after"], drows),
        ]
    if args.repeat > 1:
        out += ["", *memory_section(mem_limit, args.repeat)]
    text = "\n".join(out)
    print(text)
    print(f"\nwritten to {write_result('throughput', text)}")


if __name__ == "__main__":
    main()
