"""Train the event status model (``eventwire/events/status.py``): asserted / future / hypothetical / negated.

    EVENTWIRE_SHARED=../shared .venv/bin/python scripts/train_status_model.py [--C 0.5] [--out PATH]

Data: every annotated event of ``training/news-events.jsonl`` (news-corpus articles annotated with the
exhaustive set's ``GUIDE.md``; texts read from ``shared/data/news/``) and of the exhaustive set's ``tune``
half; never its ``check`` half.  Each event's trigger (the annotators' trigger words, found in their
sentence) is parsed with the pipeline's spaCy model; its head word gives the features and the annotators'
status the label.

Prints, out of fold (folds by article), the accuracy of the cue rules alone and of the model at several
margins (below its margin the model leaves the rules' status), overall and for "real vs not real" (the
distinction the reference scorer's strict level makes: future and hypothetical against asserted, negated
events dropped), then fits on everything and writes the weights with the chosen margin.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eventwire.config import PipelineConfig
from eventwire.events.status import STATUSES, features, model_path
from eventwire.nlp import load_model, pipe_full
from train_event_model import gold_triggers, load_exhaustive, load_extra

UNREAL = {"future", "hypothetical"}


def examples() -> tuple[list[dict[str, float]], list[str], list[str], list[str]]:
    """Features, labels, article ids and cue-rule statuses of every locatable annotated event."""
    data = load_extra() + load_exhaustive("tune")
    nlp = load_model(PipelineConfig().model)
    rows: list[dict[str, float]] = []
    labels: list[str] = []
    groups: list[str] = []
    rules: list[str] = []
    lost = 0
    t0 = time.time()
    for (art, gold), sdoc in zip(data, pipe_full(nlp, (a["text"] for a, _ in data)), strict=True):
        for _n, s0, e, k in gold_triggers(art, gold):
            status = e.get("status") or "asserted"
            if status not in STATUSES or k < 0:
                lost += 1
                continue
            a = s0 + k
            span = sdoc.char_span(a, a + len(e.get("trigger") or ""), alignment_mode="expand")
            if span is None or not len(span):
                lost += 1
                continue
            f = features(span.root, e["type"])
            rows.append(f)
            labels.append(status)
            groups.append(art["id"])
            rules.append(next(k.split("=", 1)[1] for k in f if k.startswith("rule=")))
    print(
        f"{len(rows)} events from {len(data)} articles ({lost} without a locatable trigger), "
        f"parsed in {time.time() - t0:.0f} s; labels {dict(Counter(labels))}"
    )
    return rows, labels, groups, rules


def fit(x: Any, y: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=2000).fit(x, y)


def report(name: str, pred: list[str], gold: list[str]) -> None:
    acc = np.mean([p == g for p, g in zip(pred, gold, strict=True)])
    real = np.mean(
        [(p in UNREAL) == (g in UNREAL) for p, g in zip(pred, gold, strict=True) if g != "negated"]
    )
    neg_p = [g == "negated" for p, g in zip(pred, gold, strict=True) if p == "negated"]
    neg_r = [p == "negated" for p, g in zip(pred, gold, strict=True) if g == "negated"]
    print(
        f"| {name} | {acc:.3f} | {real:.3f} | {np.mean(neg_p) if neg_p else 0:.3f} | "
        f"{np.mean(neg_r) if neg_r else 0:.3f} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--margin", type=float, default=None, help="fix the margin (default: best out of fold)")
    ap.add_argument("--out", type=Path, default=model_path())
    args = ap.parse_args()
    rows, labels, groups, rules = examples()
    y = np.asarray(labels)
    arts = sorted(set(groups))
    fold_of = {a: i % args.folds for i, a in enumerate(np.random.default_rng(7).permutation(arts))}
    g = np.asarray([fold_of[a] for a in groups])
    probs = np.zeros((len(rows), len(STATUSES)))
    for k in range(args.folds):
        vec = DictVectorizer()
        xtr = vec.fit_transform([r for r, gi in zip(rows, g, strict=True) if gi != k])
        m = fit(xtr, y[g != k], args.C)
        p = m.predict_proba(vec.transform([r for r, gi in zip(rows, g, strict=True) if gi == k]))
        cols = [list(m.classes_).index(s) if s in m.classes_ else None for s in STATUSES]
        probs[g == k] = np.stack([p[:, c] if c is not None else np.zeros(len(p)) for c in cols], axis=1)
    print(f"\nOut of fold ({args.folds} folds by article, C={args.C}), {len(rows)} events\n")
    print("| status from | accuracy (4 statuses) | real vs not real | negated precision | negated recall |")
    print("|---|---|---|---|---|")
    report("cue rules alone", rules, labels)
    best = (-1.0, 0.0)
    for margin in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9):
        pred = [
            STATUSES[int(p.argmax())] if p.max() >= margin else r for p, r in zip(probs, rules, strict=True)
        ]
        report(f"model, margin {margin}", pred, labels)
        acc = float(np.mean([a == b for a, b in zip(pred, labels, strict=True)]))
        if acc > best[0] + 0.002:
            best = (acc, margin)
    margin = args.margin if args.margin is not None else best[1]
    vec = DictVectorizer()
    m = fit(vec.fit_transform(rows), y, args.C)
    order = [list(m.classes_).index(s) for s in STATUSES]
    coef = m.coef_[order]
    weights = {
        name: [round(float(v), 6) for v in coef[:, j]]
        for name, j in vec.vocabulary_.items()
        if np.any(np.abs(coef[:, j]) > 1e-6)
    }
    out = {
        "classes": list(STATUSES),
        "margin": margin,
        "intercept": [round(float(v), 6) for v in m.intercept_[order]],
        "weights": dict(sorted(weights.items())),
        "trained_on": "training/news-events.jsonl and the exhaustive set's tune half",
        "events": len(rows),
        "C": args.C,
    }
    args.out.write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"\nmargin {margin}; {len(weights)} features; wrote {args.out}")


if __name__ == "__main__":
    main()
