"""Events on whole articles: every sentence of 36 annotated news articles, so false events count.

    .venv/bin/python benchmarks/events_exhaustive.py [--min-confidence X]

Codes ``shared/data/events-dev/news-exhaustive/articles.jsonl`` and scores it with the reference scorer
(``shared/tools/score_events_exhaustive.py``, run as it is) on the ``tune`` half (which the learned model
and its thresholds were fitted on) and the ``check`` half (never used for training or tuning: the number to
quote).  Rows: the rule coder alone, and the full coder (rules scored by the learned model plus its
proposals) at the default confidence threshold and at 0.  The reliability table compares each event's
confidence with the share of events of that confidence that are right at the type level, on the check half.
Writes ``benchmarks/results/events_exhaustive.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import io
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from common import require, shared_dir, table, write_result
from eventwire.config import PipelineConfig
from eventwire.events.exhaustive import Tally, match_article, reliability
from eventwire.events.learned import load_model
from eventwire.model import Article, Document
from eventwire.pipeline import Pipeline


def read_lines(path: str | Path, encoding: str = "utf-8") -> list[str]:
    """The lines of a text file (JSON lines here)."""
    return Path(path).read_text(encoding=encoding).splitlines()


def reference() -> Any:
    path = require(shared_dir() / "tools" / "score_events_exhaustive.py", "the reference scorer")
    spec = importlib.util.spec_from_file_location("score_ref", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def code(arts: list[dict[str, Any]], learned: bool) -> list[dict[str, Any]]:
    pipe = Pipeline(PipelineConfig(options={"events": {"learned": learned}}))
    recs = [
        Article(
            id=a["id"],
            text=a["text"],
            title=a.get("title"),
            date=dt.date.fromisoformat(a["date"]) if a.get("date") else None,
        )
        for a in arts
    ]
    return [d.to_dict(include_text=False) for d in pipe.run(recs) if isinstance(d, Document)]


def score(ref: Any, ex: Path, coded: list[dict[str, Any]], split: str, min_conf: float) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for o in coded:
            o = dict(o, events=[e for e in o["events"] if e["confidence"] >= min_conf])
            fh.write(json.dumps(o) + "\n")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        ref.main([str(ex / "articles.jsonl"), str(ex / "gold.jsonl"), fh.name, "--split", split])
    Path(fh.name).unlink()
    return out.getvalue()


def summary(line: str) -> list[float]:
    """P R F1 at type level and P R F1 strict from the scorer's last line."""
    nums = [float(w) for w in line.replace(";", " ").split() if w.replace(".", "", 1).isdigit() and "." in w]
    return nums[-6:]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        help="threshold for the full coder (default: the model's)",
    )
    args = ap.parse_args()
    ex = require(shared_dir() / "data" / "events-dev" / "news-exhaustive", "the exhaustive news set")
    ref = reference()
    model = load_model()
    thr = args.min_confidence if args.min_confidence is not None else (model.threshold if model else 0.0)
    arts = [json.loads(line) for line in read_lines(ex / "articles.jsonl")]
    gold: dict[str, dict[int, list[dict[str, Any]]]] = defaultdict(dict)
    for r in map(json.loads, read_lines(ex / "gold.jsonl", encoding="utf-8")):
        gold[r["article"]][r["sentence"]] = r["events"]
    rules = code(arts, learned=False)
    full = code(arts, learned=True)
    rows = []
    per_type = ""
    for name, coded, t in (
        ("rule coder alone", rules, 0.0),
        (f"full coder, confidence >= {thr}", full, thr),
        ("full coder, every event (confidence >= 0)", full, 0.0),
    ):
        for split in ("tune", "check"):
            text = score(ref, ex, coded, split, t)
            last = text.strip().splitlines()[-1]
            label = "tune (trained on: in-sample)" if split == "tune" and name.startswith("full") else split
            rows.append([name, label, *summary(last)])
            if split == "check" and t == thr and name.startswith("full"):
                per_type = text
    by_id = {a["id"]: a for a in arts}
    pairs = []
    for o in full:
        a = by_id[o["article"]["id"]]
        if a["split"] != "check":
            continue
        for e, ok in match_article(a, gold[a["id"]], o["events"], "type", None, Tally()):
            pairs.append((e["confidence"], ok))
    rel = reliability(pairs)
    t1 = table(["coder", "split", "type P", "type R", "type F1", "strict P", "strict R", "strict F1"], rows)
    t2 = table(
        ["confidence", "events", "mean confidence", "observed share right (type level)"],
        [list(r) for r in rel],
    )
    text = (
        "# Events on whole articles (exhaustive news set)\n\n"
        "`.venv/bin/python benchmarks/events_exhaustive.py` — the reference scorer on each half; `check` was "
        "never used for training or tuning.\n\n"
        + t1
        + f"\n\n## Reliability on the check half (every event, {len(pairs)} events)\n\n"
        + t2
        + "\n\n## Per type, check half, default threshold (reference scorer output)\n\n```\n"
        + per_type.strip()
        + "\n```\n"
    )
    print(text)
    print("wrote", write_result("events_exhaustive", text))


if __name__ == "__main__":
    sys.exit(main())
