"""Train the learned argument chooser (``src/eventwire/events/chooser.py``) and write its weights.

    .venv/bin/python scripts/train_argument_model.py [--folds 5] [--C 0.5] [--out PATH] [--with-tune]

Training data (never shipped; only the weights are):
- ``training/news-events.jsonl``: news-corpus articles outside the exhaustive development set, annotated
  sentence by sentence (offsets into the corpus texts, which are read from ``shared/`` here);
- with ``--with-tune`` also the ``tune`` half of ``shared/data/events-dev/news-exhaustive`` (the ``check``
  half is never read here).

Every annotated event whose trigger lies on a parsed word is a query: its options are the parties of its
sentence (``chooser.options``, with the quotation's speaker, the reporter and the rule heuristics' picks
tagged).  An option is right for a side when its words or its resolved name share a content word with the
annotated party (or the annotator's name for it), as the reference scorer's ``party_ok`` counts; "no party" is
right when the annotation has none.  One binary logistic regression per side is fitted on all options; the
k-fold (by article) accuracy of the best-scoring option per event is printed beside the heuristics' own.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
EXH = SHARED / "data" / "events-dev" / "news-exhaustive"
CORPUS = SHARED / "data" / "news" / "allsides-2019-2020" / "articles.jsonl"
EXTRA = ROOT / "training" / "news-events.jsonl"
OUT = ROOT / "src" / "eventwire" / "data" / "events" / "model" / "argument_model.json"

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventwire.config import PipelineConfig  # noqa: E402
from eventwire.events.chooser import SIDES, Query, head_token, option_rows  # noqa: E402
from eventwire.events.context import entities_by_token  # noqa: E402
from eventwire.events.learned import Candidate  # noqa: E402
from eventwire.events.statements import ArgumentFinder, known_parties  # noqa: E402
from eventwire.model import Document  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402
from train_event_model import code, gold_triggers, load_exhaustive, read_lines, reference_scorer  # noqa: E402

#: an annotated event: (sentence start, trigger start, trigger end, type, {side: (text, ref)})
Gold = tuple[int, int, int, str, dict[str, tuple[str, str]]]


def load_extra_offsets() -> list[tuple[dict[str, Any], list[Gold]]]:
    corpus = {a["id"]: a for a in map(json.loads, read_lines(CORPUS))}
    by_art: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in map(json.loads, read_lines(EXTRA)):
        by_art[r["article"]].append(r)
    out = []
    for aid, rows in by_art.items():
        src = corpus[aid]
        text = src["text"]
        art = {"id": aid, "date": src["date"], "title": src.get("title"), "text": text}
        golds: list[Gold] = []
        for r in rows:
            for e in r["events"]:
                if not e.get("trigger"):
                    continue
                parts = {}
                for side in SIDES:
                    span = e.get(side)
                    parts[side] = (text[span[0] : span[1]] if span else "", e.get(f"{side}_ref") or "")
                golds.append((r["start"], e["trigger"][0], e["trigger"][1], e["type"], parts))
        out.append((art, golds))
    return out


def tune_offsets() -> list[tuple[dict[str, Any], list[Gold]]]:
    out = []
    for art, gold in load_exhaustive("tune"):
        golds: list[Gold] = []
        for _n, s0, g, i in gold_triggers(art, gold):
            if i < 0:
                continue
            parts = {side: (g.get(side) or "", g.get(f"{side}_ref") or "") for side in SIDES}
            t0 = s0 + i
            golds.append((s0, t0, t0 + len(g.get("trigger") or ""), g["type"], parts))
        out.append((art, golds))
    return out


def queries_for(doc: Document, golds: list[Gold]) -> list[tuple[Query, dict[str, tuple[str, str]]]]:
    sdoc = doc.spacy
    assert sdoc is not None
    args = ArgumentFinder(doc, entities_by_token(doc))
    rules: dict[int, list[Any]] = defaultdict(list)
    for ev in doc.events:
        if ev.trigger_start is not None:
            rules[ev.trigger_start].append(ev)
    out = []
    for _s0, t0, t1, etype, parts in golds:
        span = sdoc.char_span(t0, t1, alignment_mode="expand")
        if span is None or not len(span):
            continue
        tok = head_token(span, t0, t1) or span[0]
        if not tok.dep_:
            continue
        cand = Candidate(tok, doc.sentence_at(tok.idx), {}, [])
        same = [e for e in rules.get(tok.idx, []) if e.event == etype] or rules.get(tok.idx, [])
        q = known_parties(doc, cand, etype, args, same[0] if same else None)
        out.append((q, parts))
    return out


def extract(sets: list[tuple[dict[str, Any], list[Gold]]], words: Any) -> tuple[Any, Any, Any, Any]:
    """Code the training articles: every query's option rows, the labels per side, the article of each row,
    and per query (first row, end row, has an actor, has a recipient, heuristic actor and recipient rows)."""
    pipe = Pipeline(PipelineConfig(options={"events": {"learned": False}}))
    docs = code(pipe, [a for a, _ in sets])
    rows: dict[str, list[dict[str, float]]] = {s: [] for s in SIDES}
    ys: dict[str, list[int]] = {s: [] for s in SIDES}
    groups: list[int] = []
    spans: list[tuple[int, int, bool, bool, list[int], list[int]]] = []
    n_rows = 0
    for gi, ((_art, golds), doc) in enumerate(zip(sets, docs, strict=True)):
        finder = ArgumentFinder(doc, entities_by_token(doc))
        for q, parts in queries_for(doc, golds):
            feats = option_rows(doc, [q], finder)
            for side in SIDES:
                text, ref = parts[side]
                gw = [w for w in (words(text), words(ref)) if w]
                lab = []
                for o in q.opts:
                    if o.entity is None:
                        lab.append(int(not (text or ref)))
                    else:
                        have = words(o.entity.entity_text) | words(o.entity.name)
                        lab.append(int(any(have & g for g in gw)))
                rows[side] += feats
                ys[side] += lab
            spans.append(
                (
                    n_rows,
                    n_rows + len(feats),
                    bool(parts["actor"][0] or parts["actor"][1]),
                    bool(parts["recipient"][0] or parts["recipient"][1]),
                    [k for k, o in enumerate(q.opts) if "ha" in o.tags],
                    [k for k, o in enumerate(q.opts) if "hr" in o.tags],
                )
            )
            n_rows += len(feats)
            groups += [gi] * len(feats)
    return rows, ys, groups, spans


def fit_listwise(
    X: Any, y: np.ndarray, starts: np.ndarray, l2: float, none_weight: float = 1.0, iters: int = 300
) -> np.ndarray:
    """Weights of a conditional logit over each query's options (rows ``starts[k]`` to ``starts[k+1]``):
    maximise the log of the probability mass the softmax of each query gives its right options (queries
    with none right teach nothing and are left out), with an L2 penalty ``l2``; a query whose right option is
    "no party" (each query's last row) weighs ``none_weight``."""
    from scipy.optimize import minimize

    n = X.shape[0]
    lens = np.diff(np.append(starts, n))
    qid = np.repeat(np.arange(len(starts)), lens)
    pos = y.astype(bool)
    has = np.add.reduceat(pos.astype(np.int64), starts) > 0
    keep = has[qid]
    Xk, posk = X[keep], pos[keep]
    lk = lens[has]
    sk = np.concatenate([[0], np.cumsum(lk)[:-1]])
    qk = np.repeat(np.arange(len(lk)), lk)
    ends = sk + lk - 1
    wq = np.where(posk[ends], none_weight, 1.0)

    def seg_lse(v: np.ndarray) -> np.ndarray:
        m = np.maximum.reduceat(v, sk)
        return m + np.log(np.add.reduceat(np.exp(v - m[qk]), sk))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = Xk @ w
        lz = seg_lse(z)
        zp = np.where(posk, z, -np.inf)
        lp = seg_lse(zp)
        p = np.exp(z - lz[qk])
        r = np.where(posk, np.exp(zp - lp[qk]), 0.0)
        val = float(-(wq * (lp - lz)).sum() + 0.5 * l2 * (w @ w))
        return val, Xk.T @ (wq[qk] * (p - r)) + l2 * w

    res = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": iters})
    return res.x


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=0.5, help="inverse L2 penalty (pointwise objective)")
    ap.add_argument("--l2", type=float, default=1.0, help="L2 penalty (listwise objective)")
    ap.add_argument(
        "--objective",
        nargs=2,
        choices=("listwise", "pointwise"),
        default=("listwise", "pointwise"),
        metavar=("ACTOR", "RECIPIENT"),
        help="per side: a softmax over each event's options (listwise) or one logistic regression over all "
        "options (pointwise); default listwise for the actor, pointwise for the recipient (the better k-fold "
        "accuracy on events with an annotated party, and on the tune half)",
    )
    ap.add_argument(
        "--none-weight",
        type=float,
        default=0.5,
        help="weight of the events whose right option is no party (the scorer accepts any actor there)",
    )
    ap.add_argument("--cache", type=Path, help="keep the extracted options here (re-fitting skips coding)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--with-tune", action="store_true", help="also train on the tune half")
    ap.add_argument("--min-count", type=int, default=3, help="features seen fewer times are left out")
    ap.add_argument("--min-weight", type=float, default=0.01, help="smaller weights are not written")
    ap.add_argument("--limit", type=int, default=0, help="only the first N training articles (quick runs)")
    args = ap.parse_args()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    words = reference_scorer().words
    sets = load_extra_offsets()
    if args.limit:
        sets = sets[: args.limit]
    if args.with_tune:
        sets = tune_offsets() + sets
    print(f"training articles: {len(sets)}, annotated events: {sum(len(g) for _, g in sets)}")
    if args.cache is not None and args.cache.exists():
        with args.cache.open("rb") as fh:
            rows, ys, groups, spans = pickle.load(fh)
    else:
        rows, ys, groups, spans = extract(sets, words)
        if args.cache is not None:
            with args.cache.open("wb") as fh:
                pickle.dump((rows, ys, groups, spans), fh)
    n_rows = len(groups)
    print(f"queries: {len(spans)}, options: {n_rows} ({n_rows / max(len(spans), 1):.1f} per query)")
    g = np.asarray(groups)
    result: dict[str, Any] = {"version": 1}
    summary: dict[str, Any] = {}
    for side, objective in zip(SIDES, args.objective, strict=True):
        seen = Counter(k for f in rows[side] for k in f)
        feats = [{k: v for k, v in f.items() if seen[k] >= args.min_count} for f in rows[side]]
        vec = DictVectorizer()
        X = vec.fit_transform(feats).tocsr()
        y = np.asarray(ys[side])
        oof = np.zeros(len(y))
        qstart = np.asarray([sp[0] for sp in spans])
        is_none = np.zeros(len(y), dtype=bool)
        is_none[[sp[1] - 1 for sp in spans]] = True

        def fit(
            rows_idx: np.ndarray,
            X: Any = X,
            y: np.ndarray = y,
            qstart: np.ndarray = qstart,
            objective: str = objective,
            is_none: np.ndarray = is_none,
        ) -> tuple[np.ndarray, float]:
            if objective == "pointwise":
                sw = np.where(is_none[rows_idx] & (y[rows_idx] == 1), args.none_weight, 1.0)
                clf = LogisticRegression(C=args.C, max_iter=3000).fit(
                    X[rows_idx], y[rows_idx], sample_weight=sw
                )
                return clf.coef_[0], float(clf.intercept_[0])
            sub = np.zeros(len(y), dtype=bool)
            sub[rows_idx] = True
            starts = np.flatnonzero(sub[qstart])  # queries wholly in the fold (folds split by article)
            first = np.cumsum(sub) - 1
            return fit_listwise(X[sub], y[sub], first[qstart[starts]], args.l2, args.none_weight), 0.0

        for tr, te in GroupKFold(n_splits=args.folds).split(X, y, g):
            w, b = fit(tr)
            oof[te] = X[te] @ w + b
        has_i = 2 if side == "actor" else 3
        heur_i = 4 if side == "actor" else 5
        right = heur_right = oracle = n = 0
        right_all = heur_all = 0
        for sp in spans:
            a, b = sp[0], sp[1]
            best = a + int(np.argmax(oof[a:b]))
            ok = bool(y[best])
            hk = sp[heur_i]
            hok = bool(hk) and bool(y[a + hk[0]])
            right_all += ok
            heur_all += hok
            if sp[has_i]:
                n += 1
                right += ok
                heur_right += hok
                oracle += bool(y[a:b].any())
        summary[side] = {
            "events_with_party": n,
            "chooser": round(right / n, 4),
            "heuristics": round(heur_right / n, 4),
            "oracle": round(oracle / n, 4),
            "chooser_incl_empty": round(right_all / len(spans), 4),
            "heuristics_incl_empty": round(heur_all / len(spans), 4),
        }
        print(
            f"{side}: {args.folds}-fold by article, events with an annotated {side} ({n}): chooser "
            f"{right / n:.3f}, heuristics {heur_right / n:.3f}, best option present {oracle / n:.3f}; all "
            f"events ({len(spans)}, empty needs none): chooser {right_all / len(spans):.3f}, heuristics "
            f"{heur_all / len(spans):.3f}"
        )
        coef, intercept = fit(np.arange(len(y)))
        names = vec.get_feature_names_out()
        weights = {
            str(k): round(float(w), 3) for k, w in zip(names, coef, strict=True) if abs(w) >= args.min_weight
        }
        result[side] = {"weights": weights, "intercept": round(intercept, 4)}
    result["trained_on"] = {
        "articles": len(sets),
        "queries": len(spans),
        "with_tune": bool(args.with_tune),
        "C": args.C,
        "l2": args.l2,
        "none_weight": args.none_weight,
        "objective": dict(zip(SIDES, args.objective, strict=True)),
        "kfold": summary,
    }
    args.out.write_text(json.dumps(result, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
