"""Load test of the HTTP API: N requests at concurrency C from this process against
``eventwire serve`` running in a second process on loopback.

Database, in order of preference:
  --db FILE                 an existing store (copied to a temp file first: never modified);
  /tmp/ewbench/news.duckdb  when present (the news corpus ingested by `eventwire ingest`; copied);
  else the news corpus (default ../shared/data/news/allsides-2019-2020/articles.jsonl) is ingested
  into a temp store, --limit N articles of it (default 200).

The request mix is built from the data (event ids, article ids, actors and dyads found in it)
and spread over the read endpoints.  Any status other than 200, or a connection error, counts
as an error.  Prints markdown tables; writes them to benchmarks/results/load.md (--out).

  .venv/bin/python benchmarks/load.py --requests 5000 --concurrency 20
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, shared_dir, table

PREBUILT = Path("/tmp/ewbench/news.duckdb")


def eventwire_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "eventwire"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "eventwire.cli"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare_db(args: argparse.Namespace, work: Path) -> tuple[Path, str]:
    db = work / "load.duckdb"
    src = Path(args.db) if args.db else (PREBUILT if PREBUILT.exists() and not args.corpus else None)
    if src is not None:
        if not src.exists():
            sys.exit(f"no database at {src}")
        shutil.copyfile(src, db)
        return db, f"copy of {src}"
    default = shared_dir() / "data/news/allsides-2019-2020/articles.jsonl"
    corpus = Path(args.corpus) if args.corpus else default
    if not corpus.exists():
        print(f"skipped: no database given and no corpus at {corpus} (set EVENTWIRE_SHARED or pass --db)")
        sys.exit(0)
    subset = work / "subset.jsonl"
    with corpus.open(encoding="utf-8") as fin, subset.open("w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if args.limit and i >= args.limit:
                break
            fout.write(line)
    print(f"ingesting {subset} ({args.limit or 'all'} articles of {corpus}) ...", flush=True)
    cmd = [*eventwire_cmd(), "ingest", str(subset), "--db", str(db), "--no-progress"]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode not in (0, 1):
        sys.exit(f"ingest failed ({res.returncode}): {res.stderr[-2000:]}")
    return db, f"{corpus.name}, first {args.limit} articles" if args.limit else corpus.name


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "EVENTWIRE_TOKEN"}  # read-only server
    cmd = [*eventwire_cmd(), "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode() if proc.stderr else ""
            sys.exit(f"the server exited ({proc.returncode}): {err[-2000:]}")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit("the server did not start")


def request_mix(base: str, n: int, seed: int) -> list[tuple[str, str]]:
    """(endpoint label, url) pairs, built from what the database holds."""
    import httpx

    with httpx.Client(base_url=base, timeout=30) as c:

        def items(url: str, limit: int) -> list[dict[str, Any]]:
            r = c.get(url, params={"limit": limit})
            if r.status_code != 200:
                sys.exit(f"cannot build the request mix: GET {url} answered {r.status_code}: {r.text[:300]}")
            return list(r.json()["items"])

        events = items("/api/events", 200)
        arts = items("/api/articles", 200)
        actors = items("/api/actors", 50)
    ev_ids = [e["id"] for e in events if e.get("id") is not None] or []
    art_ids = [a["id"] for a in arts]
    codes = [a.get("code") for a in actors if a.get("code")] or ["USA"]
    words = ["said", "police", "president", "talks", "attack", "government"]
    rng = random.Random(seed)
    q = httpx.QueryParams

    def pick() -> tuple[str, str]:
        r = rng.random()
        if r < 0.25:
            params = {"limit": rng.choice([10, 25, 50])}
            f = rng.random()
            if f < 0.3:
                params["actor"] = rng.choice(codes)
            elif f < 0.5:
                params["text"] = rng.choice(words)
            elif f < 0.6:
                params["offset"] = rng.randint(0, 200)
            return "GET /api/events", f"/api/events?{q(params)}"
        if r < 0.40 and ev_ids:
            return "GET /api/events/{id}", f"/api/events/{rng.choice(ev_ids)}"
        if r < 0.55 and art_ids:
            aid = quote(rng.choice(art_ids), safe="")
            return "GET /api/articles/{id}", f"/api/articles/{aid}"
        if r < 0.62:
            return "GET /api/articles", f"/api/articles?{q({'text': rng.choice(words), 'limit': 20})}"
        if r < 0.72:
            a, b = rng.choice(codes), rng.choice([*codes, "anyone"])
            freq = rng.choice(["day", "week", "month"])
            return "GET /api/timeline", f"/api/timeline?{q({'dyad': f'{a}-{b}', 'freq': freq})}"
        if r < 0.80:
            return "GET /api/quotes", f"/api/quotes?{q({'limit': 25})}"
        if r < 0.87:
            return "GET /api/actors", f"/api/actors?{q({'limit': 50})}"
        if r < 0.92:
            return "GET /api/network", "/api/network"
        if r < 0.96:
            return "GET /api/locations", "/api/locations"
        return "GET /api/stats", "/api/stats"

    return [pick() for _ in range(n)]


async def fire(base: str, mix: list[tuple[str, str]], concurrency: int) -> list[tuple[str, float, str]]:
    import httpx

    out: list[tuple[str, float, str]] = []
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for item in mix:
        queue.put_nowait(item)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def worker() -> None:
            while True:
                try:
                    label, url = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t0 = time.perf_counter()
                try:
                    r = await client.get(url)
                    await r.aread()
                    status = str(r.status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                out.append((label, time.perf_counter() - t0, status))

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return out


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))
    return xs[k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="an eventwire store to serve (copied first)")
    ap.add_argument("--corpus", help="JSON lines corpus to ingest instead of a prebuilt store")
    ap.add_argument("--limit", type=int, default=200, help="articles of the corpus to ingest (0: all)")
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=str(RESULTS / "load.md"), help="markdown results file")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="ewload-") as tmp:
        db, what = prepare_db(args, Path(tmp))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port)
        try:
            wait_ready(base, server)
            mix = request_mix(base, args.requests, args.seed)
            t0 = time.perf_counter()
            results = asyncio.run(fire(base, mix, args.concurrency))
            wall = time.perf_counter() - t0
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    lat = [d for _, d, _ in results]
    errors = [(lbl, s) for lbl, _, s in results if s != "200"]
    ms = 1000.0
    summary = table(
        ["requests", "concurrency", "errors", "wall s", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms"],
        [[len(results), args.concurrency, len(errors), round(wall, 2), round(len(results) / wall, 1),
          pct(lat, 50) * ms, pct(lat, 95) * ms, pct(lat, 99) * ms, max(lat) * ms]],
    )
    by: dict[str, list[float]] = defaultdict(list)
    for lbl, d, _ in results:
        by[lbl].append(d)
    per = table(
        ["endpoint", "requests", "errors", "p50 ms", "p95 ms", "p99 ms"],
        [[lbl, len(ds), sum(1 for e, _ in errors if e == lbl), pct(ds, 50) * ms, pct(ds, 95) * ms,
          pct(ds, 99) * ms] for lbl, ds in sorted(by.items())],
    )
    err_kinds = Counter(errors)
    cmd = "python benchmarks/load.py " + " ".join(sys.argv[1:])
    text = (
        f"# Load test\n\nDatabase: {what}. Server: `eventwire serve` (uvicorn, one process) on 127.0.0.1; "
        f"client: httpx.AsyncClient in a second process. Machine: {os.cpu_count()} CPU cores "
        f"(shared).\n\nCommand: `{cmd.strip()}`\n\n{summary}\n\nPer endpoint:\n\n{per}\n"
    )
    if err_kinds:
        text += "\nErrors:\n\n" + table(["endpoint", "status", "count"],
                                        [[k[0], k[1], v] for k, v in err_kinds.most_common()]) + "\n"
    print(text)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"written to {out}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
