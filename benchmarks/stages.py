"""Where the time after the parse goes: CPU seconds per stage on cached parses of news articles.

The first N news articles (``../shared/data/news/allsides-2019-2020/articles.jsonl``) are parsed once
with the pipeline's own parse step and kept in a cache file (``Doc.to_bytes``: tokens, parse and the
tok2vec tensor the event model reads), so that repeated measurements pay only for the stages.  Each
repeat rebuilds the documents from the cache and runs every stage in order, timing each with
``time.process_time`` (CPU of this process: less disturbed than wall time by other jobs on the machine).

    benchmarks/stages.py --articles 200 --repeat 3          # table: per-stage CPU, minimum of the repeats
    benchmarks/stages.py --articles 200 --profile events    # cProfile of one stage, top functions
    benchmarks/stages.py --articles 200 --digest            # sha256 of every document's JSON (identity)

Writes ``benchmarks/results/stages.md`` with ``--write``.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import pickle
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import table, write_result
from eventwire.model import Article, Document
from eventwire.pipeline import Pipeline
from parse_modes import load_articles


def cached_parses(pipe: Pipeline, arts: list[Article], cache: Path) -> tuple[list[bytes], float]:
    """Each article's parse as ``Doc.to_bytes``, from ``cache`` when it holds these articles; the parse's
    CPU seconds (as measured when the cache was made)."""
    key = hashlib.sha256("".join(a.text for a in arts).encode() + pipe.config.model.encode()).hexdigest()
    if cache.exists():
        saved = pickle.loads(cache.read_bytes())
        if saved["key"] == key:
            return saved["docs"], saved["parse_cpu"]
    docs = [Document(a) for a in arts]
    t0 = time.process_time()
    pipe._parse(docs)
    parse_cpu = time.process_time() - t0
    blobs = [d.spacy.to_bytes() for d in docs]  # type: ignore[union-attr]
    cache.write_bytes(pickle.dumps({"key": key, "docs": blobs, "parse_cpu": parse_cpu}))
    return blobs, parse_cpu


def fresh_documents(pipe: Pipeline, arts: list[Article], blobs: list[bytes]) -> list[Document]:
    """Documents as the parse step leaves them (parse and sentences), rebuilt from the cache."""
    from spacy.tokens import Doc

    from eventwire.nlp import sentences_of

    out = []
    for art, blob in zip(arts, blobs, strict=True):
        d = Document(art)
        d.spacy = Doc(pipe.nlp.vocab).from_bytes(blob)
        d.sentences = list(sentences_of(d.spacy))
        out.append(d)
    return out


def run_stages(pipe: Pipeline, docs: list[Document], profile: str | None = None) -> dict[str, float]:
    """Every stage on every document in order; CPU seconds per stage."""
    spent = {s.name: 0.0 for s in pipe.stages}
    names = [s.name for s in pipe.stages] if profile == "all" else [profile] if profile else []
    profs = {n: cProfile.Profile() for n in names}
    for d in docs:
        for stage in pipe.stages:
            prof = profs.get(stage.name)
            if prof is not None:
                prof.enable()
            t0 = time.process_time()
            stage(d)
            spent[stage.name] += time.process_time() - t0
            if prof is not None:
                prof.disable()
    for name, prof in profs.items():
        path = f"/tmp/eventwire-stages-{name}.prof"
        prof.dump_stats(path)
        print(f"== {name}: {spent[name]:.2f} s CPU with the profiler; stats in {path}")
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
    return spent


def digest(docs: list[Document]) -> str:
    h = hashlib.sha256()
    for d in docs:
        h.update(json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True).encode())
        h.update(b"\n")
    return h.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200, help="first N news articles")
    ap.add_argument("--repeat", type=int, default=3, help="runs over the cached parses (minimum shown)")
    ap.add_argument("--cache", type=Path, default=None, help="parse cache file (default /tmp/...)")
    ap.add_argument("--profile", default=None, help="cProfile this stage, or all (one run; stats in /tmp)")
    ap.add_argument("--digest", action="store_true", help="print a sha256 of the documents' JSON")
    ap.add_argument("--dump", type=Path, default=None, help="write the documents' JSON lines here")
    ap.add_argument("--write", action="store_true", help="write benchmarks/results/stages.md")
    args = ap.parse_args()
    pipe = Pipeline()
    arts = load_articles(args.articles)
    cache = args.cache or Path(f"/tmp/eventwire-stages-{args.articles}.pkl")
    blobs, parse_cpu = cached_parses(pipe, arts, cache)
    if args.profile:
        run_stages(pipe, fresh_documents(pipe, arts, blobs), args.profile)
        return
    runs = []
    for _ in range(args.repeat):
        docs = fresh_documents(pipe, arts, blobs)
        runs.append(run_stages(pipe, docs))
    if args.digest:
        print("digest", digest(docs))
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
    names = list(runs[0])
    best = {n: min(r[n] for r in runs) for n in names}
    total = sum(best.values())
    rows = [[n, best[n], f"{100 * best[n] / parse_cpu:.1f}%"] for n in names]
    rows.append(["all stages", total, f"{100 * total / parse_cpu:.1f}%"])
    rows.append(["the parse (pipeline parse step, when the cache was made)", parse_cpu, "100%"])
    cmd = "`benchmarks/stages.py " + " ".join(sys.argv[1:]) + "`"
    text = "\n".join([
        f"Command: {cmd}",
        "",
        f"CPU seconds per stage on the first {len(arts)} news articles, cached parses, the minimum of "
        f"{args.repeat} run(s) in one process (caches warm after the first).",
        "",
        table(["stage", "CPU s", "x parse"], rows),
    ])
    print(text)
    if args.write:
        print(f"\nwritten to {write_result('stages', text)}")


if __name__ == "__main__":
    main()
