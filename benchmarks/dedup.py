"""Deduplication on the news corpus: events before and after, and 30 clusters to judge by hand.

    .venv/bin/python benchmarks/dedup.py [--db PATH] [--limit N] [--sample 30] [--seed 7]

Ingests ``$EVENTWIRE_SHARED/data/news/allsides-2019-2020/articles.jsonl`` (987 articles from
several outlets covering the same stories) into a DuckDB store (default under /tmp; an
existing store is resumed, so a second run only re-clusters), then clusters the event
mentions with each method (``none``, ``one-a-day``, ``cluster``) and reports the counts.
It prints ``--sample`` randomly chosen multi-mention clusters with each mention's
sentence so that a person can judge whether every mention reports the same event.

``--streaming`` instead compares the streaming ``recompute`` (date windows, a query per
window) with the all-in-memory reference ``recompute_in_memory`` on the store: identical
``events`` and ``event_mentions`` tables (yes/no), the most mentions held at once, and the
peak of Python allocations (tracemalloc; deterministic for a given store, unlike RSS) of
each; writes benchmarks/results/dedup-streaming.md.

The result file (benchmarks/results/dedup.md) gets the tables and the ids of the sampled
clusters, never the corpus text; a hand judgement written below the line
``<!-- judgement -->`` in that file is kept when the benchmark is run again.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import require, shared_dir, table, write_result
from eventwire.dedup import (
    METHODS,
    Cluster,
    DedupStats,
    cluster_mentions,
    load_mentions,
    recompute,
    recompute_in_memory,
)
from eventwire.dedup.keys import display
from eventwire.store import Store

MARK = "<!-- judgement -->"


def ingest_corpus(path: Path, db: Path, limit: int | None) -> Store:
    from itertools import islice

    from eventwire.cli import with_progress
    from eventwire.ingest import read_paths
    from eventwire.pipeline import Pipeline
    from eventwire.store.ingest import ingest

    store = Store(db)
    have = store.count("articles")
    want = limit or sum(1 for line in path.open(encoding="utf-8") if line.strip())
    if have < want:
        print(f"ingesting {want - have} article(s) into {db} (resumable) ...", file=sys.stderr)
        records = islice(read_paths([str(path)]), limit) if limit else read_paths([str(path)])
        t0 = time.perf_counter()
        stats = ingest(
            store,
            records,
            Pipeline(),
            dedup=None,
            progress=lambda it: with_progress(it, sys.stderr.isatty(), "ingesting"),
        )
        took = time.perf_counter() - t0
        print(f"  coded {stats.coded}, rejected {stats.rejected} in {took:.0f} s", file=sys.stderr)
    return store


def describe(clusters: list[Cluster]) -> dict[str, object]:
    sizes = [c.num_mentions for c in clusters]
    multi = [c for c in clusters if c.num_mentions > 1]
    return {
        "events": len(clusters),
        "multi": len(multi),
        "cross_article": sum(1 for c in multi if c.num_articles > 1),
        "cross_source": sum(1 for c in multi if c.num_sources > 1),
        "max": max(sizes) if sizes else 0,
        "mean_multi": (sum(c.num_mentions for c in multi) / len(multi)) if multi else 0.0,
    }


def sentence_of(store: Store, article_id: str, idx: int) -> tuple[str, str, str]:
    row = store.rows(
        'SELECT a.source, a.date, substr(a.text, s.start + 1, s."end" - s.start) AS sent '
        "FROM event_mentions m JOIN articles a ON a.id = m.article_id "
        "JOIN sentences s ON s.article_id = m.article_id AND s.idx = m.sentence "
        "WHERE m.article_id = ? AND m.idx = ?",
        [article_id, idx],
    )[0]
    return str(row["source"]), str(row["date"]), " ".join(str(row["sent"]).split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, default=None, help="store to (re)use; default under /tmp")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (iteration)")
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--window", type=int, default=1, help="cluster window in days")
    ap.add_argument("--no-ingest", action="store_true", help="use what the store holds; code nothing")
    ap.add_argument("--streaming", action="store_true", help="streaming recompute vs the in-memory one")
    ap.add_argument("--chunk", type=int, default=1000, help="--streaming: mentions read per query, about")
    args = ap.parse_args()

    corpus = require(shared_dir() / "data" / "news" / "allsides-2019-2020" / "articles.jsonl", "news corpus")
    name = f"news-{args.limit}.duckdb" if args.limit else "news.duckdb"
    db = args.db or Path("/tmp/eventwire-bench") / name
    db.parent.mkdir(parents=True, exist_ok=True)
    store = Store(db) if args.no_ingest else ingest_corpus(corpus, db, args.limit)
    if args.streaming:
        text = (
            "# Streaming deduplication against the in-memory reference\n\n"
            "Command: `.venv/bin/python benchmarks/dedup.py --streaming"
            f"{f' --limit {args.limit}' if args.limit else ''}"
            f"{' --no-ingest' if args.no_ingest else ''}{f' --db {args.db}' if args.db else ''}"
            f" --chunk {args.chunk}`\n\n"
            + streaming(store, args.window, args.chunk)
        )
        store.close()
        print(text)
        print(f"wrote {write_result('dedup-streaming', text)}")
        return
    mentions = load_mentions(store)
    n_articles = store.count("articles")
    n_sources = store.rows("SELECT count(DISTINCT source) AS n FROM articles")[0]["n"]

    rows = []
    results: dict[str, list[Cluster]] = {}
    for method in METHODS:
        t0 = time.perf_counter()
        clusters = cluster_mentions(mentions, method, window_days=args.window)
        dt_ms = (time.perf_counter() - t0) * 1000
        results[method] = clusters
        d = describe(clusters)
        rows.append(
            [
                method,
                len(mentions),
                d["events"],
                f"{(1 - d['events'] / len(mentions)) * 100:.1f}%" if mentions else "-",
                d["multi"],
                d["cross_article"],
                d["cross_source"],
                d["mean_multi"],
                d["max"],
                f"{dt_ms:.0f}",
            ]
        )
    headers = [
        "method",
        "mentions",
        "events",
        "reduction",
        "multi-mention events",
        "spanning >1 article",
        "spanning >1 source",
        "mean size (multi)",
        "max size",
        "time (ms)",
    ]
    by_type = Counter(c.first.event for c in results["cluster"] if c.num_mentions > 1)
    type_rows = [[t, n] for t, n in by_type.most_common()]

    recompute(store, "cluster", args.window)
    multi = sorted((c for c in results["cluster"] if c.num_mentions > 1), key=lambda c: c.id)
    # stratified: half the sample from clusters spanning several articles (the hard case),
    # the rest from clusters inside one article
    rng = random.Random(args.seed)
    cross = [c for c in multi if c.num_articles > 1]
    within = [c for c in multi if c.num_articles == 1]
    n_cross = min(len(cross), args.sample // 2 + args.sample % 2)
    n_within = min(len(within), args.sample - n_cross)
    n_cross = min(len(cross), args.sample - n_within)
    sample = rng.sample(cross, n_cross) + rng.sample(within, n_within)
    print(f"\n## {len(sample)} sampled multi-mention clusters (cluster, window {args.window} day(s))\n")
    for i, c in enumerate(sample, 1):
        print(
            f"[{i}] {c.id} {c.first.event} actor={display(c.first.actor_key) or '-'} "
            f"recipient={display(c.first.recipient_key) or '-'} days={c.first_day}..{c.last_day} "
            f"mentions={c.num_mentions} articles={c.num_articles} sources={c.num_sources}"
        )
        for mm in c.members:
            src, date, sent = sentence_of(store, mm.article_id, mm.idx)
            print(f"    - {date} {src} [{mm.article_id}#{mm.idx}] «{mm.text}»\n        {sent}")
    store.close()

    header = (
        f"# Deduplication on the news corpus\n\n"
        f"Command: `.venv/bin/python benchmarks/dedup.py"
        f"{f' --limit {args.limit}' if args.limit else ''}{' --no-ingest' if args.no_ingest else ''}`  \n"
        f"Corpus: allsides-2019-2020, {n_articles} articles stored from {n_sources} sources; "
        f"{len(mentions)} event mentions from the event coder as it stood at ingest time.  \n"
        f"Cluster window: {args.window} day(s).\n\n"
    )
    body = (
        header
        + table(headers, rows)
        + "\n\nMulti-mention events by type (method cluster):\n\n"
        + table(["event", "multi-mention events"], type_rows)
        + f"\n\nSampled clusters (seed {args.seed}; {n_cross} spanning several articles, then {n_within} "
        "inside one article), in the order printed by the benchmark: "
        + ", ".join(c.id for c in sample)
        + "\n"
    )
    print("\n" + body)
    subset = bool(args.limit)
    out = Path(__file__).resolve().parent / "results" / ("dedup-subset.md" if subset else "dedup.md")
    keep = ""
    if out.exists():
        old = out.read_text(encoding="utf-8")
        if MARK in old:
            keep = old[old.index(MARK) :]
    write_result(out.stem, body + ("\n" + keep if keep else ""))
    print(f"wrote {out}")
    if args.no_ingest:
        print(f"note: --no-ingest, measured on the {n_articles} article(s) stored in {db}")


def streaming(store: Store, window: int, chunk: int) -> str:
    """The streaming recompute against the in-memory reference, on ``store``."""
    import tracemalloc

    n = store.count("event_mentions")
    days = store.rows("SELECT count(DISTINCT day) AS n FROM event_mentions")[0]["n"]
    rows = []
    for method in METHODS:
        runs: list[tuple[str, DedupStats, float, float]] = []
        snaps = []
        for name, fn in (
            ("in memory (reference)", lambda m=method: recompute_in_memory(store, m, window)),
            (
                f"streaming, ~{chunk:,} mentions a query",
                lambda m=method: recompute(store, m, window, chunk=chunk),
            ),
        ):
            tracemalloc.start()
            t0 = time.perf_counter()
            st = fn()
            took = time.perf_counter() - t0
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            snap = store.snapshot()
            snaps.append({t: snap[t] for t in ("events", "event_mentions")})
            runs.append((name, st, peak / 2**20, took))
        same = "yes" if snaps[0] == snaps[1] else "NO"
        for name, st, mb, took in runs:
            rows.append(
                [method, name, st.events, st.peak_held, mb, mb * 2**20 / max(1, st.peak_held), took, same]
            )
    return (
        f"Store: {n:,} event mentions on {days} distinct days; window {window} day(s).  "
        "Peak Python allocations by tracemalloc (DuckDB's own memory not included); seconds are "
        "noisy floors on a shared machine.\n\n"
        + table(
            [
                "method",
                "run",
                "events",
                "mentions held (max)",
                "peak py MB",
                "bytes / held mention",
                "seconds",
                "identical tables",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
