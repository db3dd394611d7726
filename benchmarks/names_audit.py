"""Names audit: a seeded random sample of actor entities from coding news articles, for checking by hand.

Run: ``.venv/bin/python benchmarks/names_audit.py sample [--articles 100] [--entities 300] [--seed 17]
[--kind pronoun] [--out /tmp/names-audit.tsv]``, fill the ``verdict`` and ``kind`` columns (see
``docs/names-audit.md``), then ``.venv/bin/python benchmarks/names_audit.py score /tmp/names-audit.tsv``.

The sample holds sentences of the news corpus: keep it outside the repository (the default ``--out`` is in
``/tmp``); only the counts go into the docs.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import require, shared_dir

COLUMNS = ["n", "article", "date", "entity_text", "name", "code", "sector", "basis", "role", "context",
           "verdict", "kind"]  # fmt: skip


def sample(n_articles: int, n_entities: int, seed: int, out: Path, kind: str | None = None) -> None:
    """Sample ``n_entities`` of the entities of ``n_articles`` random articles (only those of ``kind``, e.g.
    ``pronoun``, when given)."""
    path = shared_dir() / "data" / "news" / "allsides-2019-2020" / "articles.jsonl"
    corpus = require(path, "the news corpus")
    articles = [json.loads(x) for x in corpus.open(encoding="utf-8")]
    rng = random.Random(seed)
    chosen = rng.sample(articles, min(n_articles, len(articles)))

    from eventwire.config import PipelineConfig
    from eventwire.ingest import make_article
    from eventwire.pipeline import Pipeline

    pipe = Pipeline(PipelineConfig())
    pool = []
    for a in chosen:
        doc = pipe.code(make_article(text=a["text"], date=a.get("date"), id=a["id"], title=a.get("title")))
        for e in doc.entities:
            if kind is not None and e.kind != kind:
                continue
            sent = doc.sentences[e.sentence] if 0 <= e.sentence < len(doc.sentences) else None
            s0, s1 = (sent.start, sent.end) if sent else (max(0, e.start - 150), e.end + 150)
            ctx = doc.text[s0 : e.start] + "[[" + doc.text[e.start : e.end] + "]]" + doc.text[e.end : s1]
            pool.append((a["id"], a.get("date"), e, " ".join(ctx.split())))
    picked = rng.sample(pool, min(n_entities, len(pool)))
    if kind is not None:
        resolved = sum(e.name is not None and e.name != "" for _a, _d, e, _c in pool)
        print(f"{kind}: {resolved} of {len(pool)} resolved in the pool")
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(COLUMNS)
        for i, (aid, date, e, ctx) in enumerate(picked, 1):
            w.writerow([i, aid, date, e.entity_text.replace("\n", " "), e.name, e.code, e.sector, e.basis,
                        e.role, ctx, "", ""])  # fmt: skip
    print(f"{len(picked)} of {len(pool)} entities from {len(chosen)} articles -> {out}")


def counts(n_articles: int) -> None:
    """Counts over the first ``n_articles`` of the news corpus of the failure signs issue #17 names."""
    import re

    path = shared_dir() / "data" / "news" / "allsides-2019-2020" / "articles.jsonl"
    articles = [json.loads(x) for x in require(path, "the news corpus").open(encoding="utf-8")][:n_articles]

    from eventwire.config import PipelineConfig
    from eventwire.ingest import make_article
    from eventwire.pipeline import Pipeline

    pipe = Pipeline(PipelineConfig())
    c: Counter[str] = Counter()
    for a in articles:
        doc = pipe.code(make_article(text=a["text"], date=a.get("date"), id=a["id"]))
        for e in doc.entities:
            role = e.role or ""
            c["entities"] += 1
            c["country from elsewhere in the sentence or article"] += "context-country" in role
            c["unresolved person with a country"] += role.startswith("unresolved-person") and bool(e.code)
            c["name glued, across a line break or possessive"] += bool(
                e.name and re.search(r"[a-z]{3}[A-Z]|\n|’s$|'s$", e.name)
            )
            c["name 'Trump X' other than Donald Trump / Trump Tower"] += bool(
                e.name and e.name.startswith("Trump ") and e.name != "Trump Tower"
            )
            c["resolved pronouns"] += e.kind == "pronoun" and e.name is not None
    print(f"first {len(articles)} articles of the news corpus")
    for k, v in c.items():
        print(f"  {k}: {v}")


def score(path: Path) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    done = [r for r in rows if r["verdict"] in ("ok", "error")]
    errors = [r for r in done if r["verdict"] == "error"]
    kinds = Counter(k.strip() for r in errors for k in (r["kind"] or "unspecified").split(","))
    print(f"checked {len(done)} of {len(rows)}; errors {len(errors)} ({len(errors) / max(1, len(done)):.1%})")
    for k, v in kinds.most_common():
        print(f"  {k}: {v}")


def main() -> int:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--articles", type=int, default=100)
    s.add_argument("--entities", type=int, default=300)
    s.add_argument("--seed", type=int, default=17)
    s.add_argument("--out", type=Path, default=Path("/tmp/names-audit.tsv"))
    s.add_argument("--kind", default=None, help="only entities of this kind (e.g. pronoun)")
    c = sub.add_parser("score")
    c.add_argument("path", type=Path)
    n = sub.add_parser("counts", help="failure-sign counts over the first N news articles")
    n.add_argument("--articles", type=int, default=300)
    args = ap.parse_args()
    if args.cmd == "sample":
        sample(args.articles, args.entities, args.seed, args.out, args.kind)
    elif args.cmd == "counts":
        counts(args.articles)
    else:
        score(args.path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
