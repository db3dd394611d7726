"""Throughput: eventwire end to end against a bare spaCy parse of the same texts.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--repeat K]

Both runs are single-process and use the same model.  The bare parse is the ceiling of a
design that parses everything with the full pipeline; eventwire's time includes reading
the JSON lines, parsing, every stage and writing JSON lines.  Each measurement runs in a
fresh subprocess so that peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import require, shared_dir, table, write_result  # noqa: E402

NEWS = "data/news/allsides-2019-2020/articles.jsonl"


def _corpus(limit: int, repeat: int) -> Path:
    src = require(shared_dir() / NEWS, "the news corpus")
    lines = [line for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        lines = lines[:limit]
    out = Path(tempfile.mkdtemp(prefix="ew-tp-")) / "corpus.jsonl"
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
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
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


def _child(kind: str, path: str) -> None:
    res = run_bare(path) if kind == "bare" else run_eventwire(path)
    res["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(res))


def measure(kind: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0: all)")
    ap.add_argument("--repeat", type=int, default=1, help="also measure memory on the corpus repeated K times")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(*args.child)
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
        f"Corpus: {NEWS} ({bare['articles']} articles, {words:,} words); "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, single process.",
        "",
        table(["run", "articles", "seconds", "words/s", "articles/s", "peak RSS MB", "x parse time"], rows),
    ]
    if args.repeat > 1:
        big = _corpus(args.limit, args.repeat)
        ew4 = measure("eventwire", big)
        out += [
            "",
            table(
                ["input", "articles", "seconds", "peak RSS MB"],
                [["corpus x1", ew["articles"], ew["seconds"], ew["max_rss_mb"]],
                 [f"corpus x{args.repeat}", ew4["articles"], ew4["seconds"], ew4["max_rss_mb"]]],
            ),
        ]
    text = "\n".join(out)
    print(text)
    print(f"\nwritten to {write_result('throughput', text)}")


if __name__ == "__main__":
    main()
