"""Train the learned event model (``src/eventwire/events/learned.py``) and write its weights.

    .venv/bin/python scripts/train_event_model.py [--folds 5] [--out PATH]

Training data (never shipped; only the weights are):
- the ``tune`` half of ``shared/data/events-dev/news-exhaustive`` (the ``check`` half is never read here);
- ``training/news-events.jsonl``: news-corpus articles outside that set, annotated sentence by sentence with
  ``GUIDE.md`` by annotators who never saw eventwire's output (offsets only; the texts stay in shared/).

Each candidate word of each coded sentence (see ``learned.candidates``) is labelled with the PLOVER type of
the annotated event it carries, else NONE: a rule event takes the annotated event of its type in its sentence
(greedy, as the reference scorer matches), every other annotated event labels the head word of its trigger.
A multinomial logistic regression (scikit-learn) is fitted; out-of-fold predictions (folds by article) give
the k-fold scores printed here, the calibration map (Platt scaling fitted on the tune half's out-of-fold
events; ``--calibration isotonic`` and ``--calibrate-on all`` for the alternatives, compared in the printed
calibration check), and the proposal and default thresholds, chosen
for precision: the lowest confidence threshold at which out-of-fold type-level precision reaches the target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
EXH = SHARED / "data" / "events-dev" / "news-exhaustive"
CORPUS = SHARED / "data" / "news" / "allsides-2019-2020" / "articles.jsonl"
EXTRA = ROOT / "training" / "news-events.jsonl"
OUT = ROOT / "src" / "eventwire" / "data" / "events" / "model" / "event_model.json"

sys.path.insert(0, str(ROOT / "src"))

from eventwire.config import PipelineConfig  # noqa: E402
from eventwire.events.exhaustive import Tally, match_article, reliability  # noqa: E402
from eventwire.events.learned import NONE, apply, candidates, vector_names  # noqa: E402
from eventwire.events.sentences import sentence_rows  # noqa: E402
from eventwire.model import Article, Document  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402


def read_lines(path: str | Path, encoding: str = "utf-8") -> list[str]:
    """The lines of a text file (JSON lines here)."""
    return Path(path).read_text(encoding=encoding).splitlines()


def reference_scorer() -> Any:
    spec = importlib.util.spec_from_file_location(
        "score_ref", SHARED / "tools" / "score_events_exhaustive.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_exhaustive(split: str) -> list[tuple[dict[str, Any], dict[int, list[dict[str, Any]]]]]:
    arts = {a["id"]: a for a in map(json.loads, read_lines(EXH / "articles.jsonl", encoding="utf-8"))}
    gold: dict[str, dict[int, list[dict[str, Any]]]] = defaultdict(dict)
    for r in map(json.loads, read_lines(EXH / "gold.jsonl", encoding="utf-8")):
        gold[r["article"]][r["sentence"]] = r["events"]
    return [(a, gold[i]) for i, a in arts.items() if a.get("split") == split]


def load_extra() -> list[tuple[dict[str, Any], dict[int, list[dict[str, Any]]]]]:
    """Our own annotations: offsets into corpus articles, turned back into the gold format."""
    if not EXTRA.exists():
        return []
    corpus = {a["id"]: a for a in map(json.loads, read_lines(CORPUS, encoding="utf-8"))}
    by_art: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in map(json.loads, read_lines(EXTRA, encoding="utf-8")):
        by_art[r["article"]].append(r)
    out = []
    for aid, rows in by_art.items():
        src = corpus[aid]
        text = src["text"]
        art = {
            "id": aid,
            "date": src["date"],
            "title": src.get("title"),
            "text": text,
            "sentences": [{"n": r["sentence"], "start": r["start"], "end": r["end"]} for r in rows],
        }
        gold: dict[int, list[dict[str, Any]]] = {}
        for r in rows:
            evs = []
            for e in r["events"]:
                g = {k: e.get(k, "") for k in ("type", "mode", "status", "actor_ref", "recipient_ref")}
                for part in ("actor", "recipient", "trigger"):
                    span = e.get(part)
                    g[part] = text[span[0] : span[1]] if span else ""
                evs.append(g)
            gold[r["sentence"]] = evs
        out.append((art, gold))
    return out


def code(pipe: Pipeline, arts: list[dict[str, Any]]) -> list[Document]:
    recs = [
        Article(
            id=a["id"],
            text=a["text"],
            date=dt.date.fromisoformat(a["date"]) if a.get("date") else None,
            title=a.get("title"),
        )
        for a in arts
    ]
    pipe.keep_parse = True
    docs = [d for d in pipe.run(recs) if isinstance(d, Document)]
    assert len(docs) == len(arts)
    return docs


def sentence_of(art: dict[str, Any], pos: int) -> int | None:
    return next((s["n"] for s in art["sentences"] if s["start"] <= pos < s["end"]), None)


def gold_triggers(
    art: dict[str, Any], gold: dict[int, list[dict[str, Any]]], ignore_case: bool = False
) -> Iterator[tuple[int, int, dict[str, Any], int]]:
    """Each annotated event of ``gold`` with its sentence number, the sentence's start in the article text and
    its trigger's offset in the sentence (-1 when the trigger is empty or not found; ``ignore_case``: found
    without regard to case when the exact words are not there).  Sentences the article lacks are skipped."""
    starts = {s["n"]: s for s in art["sentences"]}
    for n, gs in gold.items():
        s = starts.get(n)
        if s is None:
            continue
        stext = art["text"][s["start"] : s["end"]]
        for g in gs:
            trig = g.get("trigger") or ""
            i = stext.find(trig) if trig else -1
            if i < 0 and ignore_case and trig:
                i = stext.lower().find(trig.lower())
            yield n, s["start"], g, i


def label(
    doc: Document, art: dict[str, Any], gold: dict[int, list[dict[str, Any]]], cands: list[Any]
) -> list[str]:
    labs = [NONE] * len(cands)
    left = {n: [g for g in gs if g.get("status") != "negated"] for n, gs in gold.items()}
    for k, c in enumerate(cands):
        for ev in c.rules:
            if "negated" in ev.mode:
                continue
            n = sentence_of(art, ev.trigger_start if ev.trigger_start is not None else ev.start)
            hit = next((g for g in left.get(n, []) if g["type"] == ev.event), None) if n is not None else None
            if hit is not None:
                left[n].remove(hit)
                labs[k] = ev.event
    at = {c.token.i: k for k, c in enumerate(cands)}
    sdoc = doc.spacy
    assert sdoc is not None
    for _n, s0, g, i in gold_triggers(art, left, ignore_case=True):
        if i < 0:
            continue
        trig = g.get("trigger") or ""
        span = sdoc.char_span(s0 + i, s0 + i + len(trig), alignment_mode="expand")
        if span is None:
            continue
        toks = sorted(span, key=lambda t: (t.head.i in range(span.start, span.end), t.i))
        for t in toks:
            k = at.get(t.i)
            if k is not None and labs[k] == NONE:
                labs[k] = g["type"]
                break
    return labs


def sentence_labels(
    doc: Document, art: dict[str, Any], gold: dict[int, list[dict[str, Any]]]
) -> dict[int, set[str]]:
    """Our sentence index -> the types of the (not negated) annotated events whose trigger lies in it."""
    out: dict[int, set[str]] = defaultdict(set)
    for _n, s0, g, i in gold_triggers(art, gold):
        if g.get("status") != "negated":
            out[doc.sentence_at(s0 + max(i, 0))].add(g["type"])
    return out


def isotonic_points(p: np.ndarray, y: np.ndarray, w: np.ndarray) -> list[list[float]]:
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(p, y, sample_weight=w)
    xs = np.unique(np.concatenate([[0.0, 1.0], np.quantile(p, np.linspace(0, 1, 41))]))
    return [[round(float(x), 4), round(float(v), 4)] for x, v in zip(xs, iso.predict(xs), strict=True)]


def _logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(q / (1 - q))


def platt_points(p: np.ndarray, y: np.ndarray) -> list[list[float]]:
    """A logistic map of the score's log-odds (Platt scaling), written as points for ``np.interp`` like the
    isotonic map: two parameters, so it does not follow the noise of a few hundred calibration events."""
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=1e6).fit(_logit(p).reshape(-1, 1), y)
    xs = np.unique(np.concatenate([np.linspace(0, 1, 101), np.quantile(p, np.linspace(0, 1, 41))]))
    ys = m.predict_proba(_logit(xs).reshape(-1, 1))[:, 1]
    return [[round(float(x), 4), round(float(v), 4)] for x, v in zip(xs, ys, strict=True)]


def calibration_check(p: np.ndarray, y: np.ndarray, groups: np.ndarray, folds: int = 6) -> None:
    """Expected calibration error of the isotonic and the Platt map, each fitted on all but one fold of
    articles and applied to it (the tune half's out-of-fold events)."""
    from sklearn.linear_model import LogisticRegression

    pred = {"isotonic": np.zeros(len(p)), "platt": np.zeros(len(p))}
    for k in range(folds):
        te = groups % folds == k
        tr = ~te
        if not te.any() or not tr.any():
            continue
        pts = isotonic_points(p[tr], y[tr], np.ones(int(tr.sum())))
        pred["isotonic"][te] = np.interp(p[te], [q[0] for q in pts], [q[1] for q in pts])
        m = LogisticRegression(C=1e6).fit(_logit(p[tr]).reshape(-1, 1), y[tr])
        pred["platt"][te] = m.predict_proba(_logit(p[te]).reshape(-1, 1))[:, 1]
    for name, q in pred.items():
        bins = np.minimum((q * 10).astype(int), 9)
        gaps = (abs(q[bins == b].mean() - y[bins == b].mean()) * (bins == b).sum() for b in set(bins))
        ece = sum(gaps) / len(q)
        print(f"  {name:9s} expected calibration error {ece:.3f}, Brier {((q - y) ** 2).mean():.4f}")


# the training procedure step by step, in the order the module docstring gives
def main() -> None:  # noqa: C901
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument(
        "--precision",
        type=float,
        default=0.80,
        help="precision the default threshold aims at (with recall at least 0.25)",
    )
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tune-weight", type=float, default=3.0, help="sample weight of the tune half's words")
    ap.add_argument("--none-weight", type=float, default=1.0, help="weight of the NONE class (others 1)")
    ap.add_argument("--dump", type=Path, help="write the out-of-fold events and missed annotations here")
    ap.add_argument("--no-sentence", action="store_true", help="train the token half alone")
    ap.add_argument("--no-extra", action="store_true", help="train on the tune half alone")
    ap.add_argument(
        "--calibrate-on",
        choices=("tune", "all"),
        default="tune",
        help="events whose out-of-fold outcome fits the calibration map: the tune half's (default) or all",
    )
    ap.add_argument(
        "--calibration",
        choices=("platt", "isotonic"),
        default="platt",
        help="the map fitted on the tune half's events (on all events it is always isotonic): Platt scaling "
        "(default: a smaller calibration error than isotonic's on the tune half's few hundred out-of-fold "
        "events, as the printed calibration check shows) or isotonic",
    )
    args = ap.parse_args()
    from scipy import sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    ref = reference_scorer()
    tune = load_exhaustive("tune")
    n_tune = len(tune)
    sets = tune + ([] if args.no_extra else load_extra())
    print(
        f"training articles: {len(sets)} ({sum(len(g) for _, g in sets)} sentences, "
        f"{sum(len(e) for _, g in sets for e in g.values())} annotated events)"
    )
    pipe = Pipeline(PipelineConfig(options={"events": {"learned": False}}))
    docs = code(pipe, [a for a, _ in sets])
    feats: list[dict[str, float]] = []
    ys: list[str] = []
    groups: list[int] = []
    per_doc: list[tuple[int, int, list[Any]]] = []
    for gi, ((art, gold), doc) in enumerate(zip(sets, docs, strict=True)):
        cands = candidates(doc, list(doc.events))
        labs = label(doc, art, gold, cands)
        per_doc.append((len(feats), len(feats) + len(cands), cands))
        feats += [c.features for c in cands]
        ys += labs
        groups += [gi] * len(cands)
    counts = Counter(ys)
    print("candidate words:", len(ys), "labels:", dict(counts.most_common()))
    srows: list[Any] = []
    slabels: list[set[str]] = []
    sgroups: list[int] = []
    sdoc_rows: list[tuple[int, int]] = []
    for gi, ((art, gold), doc) in enumerate(zip(sets, docs, strict=True)):
        rows = sentence_rows(doc, list(doc.events))
        labs_s = sentence_labels(doc, art, gold)
        sdoc_rows.append((len(srows), len(srows) + len(rows)))
        srows += rows
        slabels += [labs_s.get(r.index, set()) for r in rows]
        sgroups += [gi] * len(rows)
    print("sentences:", len(srows), "with events:", sum(1 for x in slabels if x))
    # features seen at least twice
    seen = Counter(k for f in feats for k in f)
    feats = [{k: v for k, v in f.items() if seen[k] >= 2} for f in feats]
    vec = DictVectorizer()
    nv = next((len(c.vector) for _, _, cs in per_doc for c in cs if c.vector is not None), 0)
    dense = np.asarray(
        [c.vector if c.vector is not None else np.zeros(nv) for _, _, cs in per_doc for c in cs]
    )
    X = sparse.hstack([vec.fit_transform(feats), sparse.csr_matrix(dense)]).tocsr()
    y = np.asarray(ys)
    classes = sorted(set(ys))
    oof = np.zeros((len(ys), len(classes)))
    cw = {c: (args.none_weight if c == NONE else 1.0) for c in classes}
    # the tune half was annotated by the same team as the check half: its conventions weigh more
    sw = np.where(np.asarray(groups) < n_tune, args.tune_weight, 1.0)
    for tr, te in GroupKFold(n_splits=args.folds).split(X, y, groups):
        clf = LogisticRegression(C=args.C, max_iter=3000, class_weight=cw)
        clf.fit(X[tr], y[tr], sample_weight=sw[tr])
        cols = [classes.index(c) for c in clf.classes_]
        oof[np.ix_(te, cols)] = clf.predict_proba(X[te])

    # the sentence half: one-vs-rest over the sentence features
    sseen = Counter(k for r in srows for k in r.features)
    svec = DictVectorizer()
    sdense = np.asarray([r.vector if r.vector is not None else np.zeros(nv) for r in srows])
    SX = sparse.hstack(
        [
            svec.fit_transform([{k: v for k, v in r.features.items() if sseen[k] >= 2} for r in srows]),
            sparse.csr_matrix(sdense),
        ]
    ).tocsr()
    stypes = sorted({t for x in slabels for t in x})
    SY = np.asarray([[t in x for t in stypes] for x in slabels], dtype=int)
    ssw = np.where(np.asarray(sgroups) < n_tune, args.tune_weight, 1.0)
    soof = np.zeros(SY.shape)
    for tr, te in GroupKFold(n_splits=args.folds).split(SX, SY, sgroups):
        for k in range(len(stypes)):
            if SY[tr, k].sum() == 0:
                continue
            m = LogisticRegression(C=args.C, max_iter=3000).fit(SX[tr], SY[tr, k], sample_weight=ssw[tr])
            soof[te, k] = m.predict_proba(SX[te])[:, 1]

    def sent_probs(gi: int) -> dict[int, dict[str, float]]:
        a, b = sdoc_rows[gi]
        return {srows[i].index: dict(zip(stypes, map(float, soof[i]), strict=True)) for i in range(a, b)}

    use_sent = not args.no_sentence

    def oof_events(gi: int, propose_min: float, again: float, ps: float, cal: Any) -> list[Any]:
        """One training article's events from its out-of-fold probabilities (``learned.apply``)."""
        a, b, cands = per_doc[gi]
        sp = sent_probs(gi) if use_sent else None
        return apply(docs[gi], cands, oof[a:b], classes, propose_min, cal, again, sp, ps)

    def run(
        propose_min: float, again: float, ps: float = 1.01
    ) -> list[tuple[float, bool, dict[str, Any], int]]:
        out = []
        for gi, (art, gold) in enumerate(sets):
            events = oof_events(gi, propose_min, again, ps, lambda p: p)
            dicts = [e.to_dict() for e in events]
            for e, ok in match_article(art, gold, dicts, "type", None):
                out.append((e["confidence"], ok, e, gi))
        return out

    def prf_at(
        propose_min: float, again: float, thr: float, cal: Any, ps: float
    ) -> tuple[float, float, float, float]:
        """Out-of-fold scores on the tune half (the thresholds are chosen on it)."""
        t_type, t_strict = Tally(), Tally()
        for gi, (art, gold) in enumerate(sets[:n_tune]):
            events = oof_events(gi, propose_min, again, ps, cal)
            dicts = [e.to_dict() for e in events if e.confidence >= thr]
            match_article(art, gold, dicts, "type", None, t_type)
            match_article(art, gold, dicts, "strict", ref.strict_ok, t_strict)
        return (*t_type.prf(), t_strict.prf()[2])

    best = None
    print("\nout-of-fold on the tune half, by proposal thresholds and confidence threshold")
    print(f"{'propose':>7} {'again':>5} {'sent':>5} {'thr':>5} {'P':>6} {'R':>6} {'F1':>6} {'strictF1':>8}")
    results = {}
    grid = [
        (pm, ag, ps)
        for pm in (0.2, 0.3, 0.4)
        for ag in (pm, 0.8)
        for ps in ((0.4, 0.6, 1.01) if use_sent else (1.01,))
    ]
    for pm, ag, ps in grid:
        pairs = run(pm, ag, ps)
        p = np.asarray([x[0] for x in pairs])
        yy = np.asarray([x[1] for x in pairs], dtype=float)
        if args.calibrate_on == "tune":
            # the tune half's annotators are the check half's: confidence is the chance that they would count
            # the event right (out of fold, the other annotators marked fewer events right at every score)
            keep = np.asarray([x[3] < n_tune for x in pairs])
            if args.calibration == "platt":
                pts = platt_points(p[keep], yy[keep])
            else:
                pts = isotonic_points(p[keep], yy[keep], np.ones(int(keep.sum())))
        else:
            ww = np.asarray([args.tune_weight if x[3] < n_tune else 1.0 for x in pairs])
            pts = isotonic_points(p, yy, ww)
        xs, vs = np.asarray([q[0] for q in pts]), np.asarray([q[1] for q in pts])

        def cal(v: float, xs: np.ndarray = xs, vs: np.ndarray = vs) -> float:
            return round(float(np.interp(v, xs, vs)), 3)

        for thr in (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            P, R, F, SF = prf_at(pm, ag, thr, cal, ps)
            results[(pm, ag, ps, thr)] = (P, R, F, SF, pts)
            print(f"{pm:7.2f} {ag:5.2f} {ps:5.2f} {thr:5.2f} {P:6.3f} {R:6.3f} {F:6.3f} {SF:8.3f}")
            if args.precision <= P and R >= 0.25 and (best is None or results[best][1] < R):
                best = (pm, ag, ps, thr)
    if best is None:  # the precision target is out of reach at a useful recall: favour precision (F0.5)

        def f05(k: tuple[float, float, float, float]) -> float:
            P, R = results[k][0], results[k][1]
            return 1.25 * P * R / (0.25 * P + R) if P + R else 0.0

        best = max(results, key=f05)
        print(
            f"precision {args.precision} not reached out of fold at recall >= 0.25: thresholds chosen for "
            f"the best F0.5 (precision weighted twice as much as recall)"
        )
    pm, ag, ps, thr = best
    P, R, F, SF, pts = results[best]
    print(
        f"\nchosen: propose_min {pm}, propose_again {ag}, propose_sent {ps}, default threshold {thr}: "
        f"OOF type P {P:.3f} R {R:.3f} F1 {F:.3f}, strict F1 {SF:.3f}"
    )
    # reliability out of fold at the chosen proposal threshold
    pairs = run(pm, ag, ps)
    tune_pairs = [x for x in pairs if x[3] < n_tune]
    print(f"\ncalibration check, tune half's out-of-fold events ({len(tune_pairs)}, 6 folds by article):")
    calibration_check(
        np.asarray([x[0] for x in tune_pairs]),
        np.asarray([x[1] for x in tune_pairs], dtype=float),
        np.asarray([x[3] for x in tune_pairs]),
    )
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for c, ok, e, gi in pairs:
                fh.write(
                    json.dumps(
                        {
                            "article": sets[gi][0]["id"],
                            "sentence": sentence_of(sets[gi][0], e["trigger_start"]),
                            "ok": ok,
                            "p": c,
                            "event": e["event"],
                            "trigger": e["trigger"],
                            "mode": e["mode"],
                            "text": e["event_text"],
                        }
                    )
                    + "\n"
                )
            t = Tally()
            for gi, (art, gold) in enumerate(sets):
                events = oof_events(gi, pm, ag, ps, lambda p: p)
                kept = [e.to_dict() for e in events]
                matched = match_article(art, gold, kept, "type", None, t)
                got = Counter((sentence_of(art, e["trigger_start"]), e["event"]) for e, ok in matched if ok)
                for n, gs in gold.items():
                    for g in gs:
                        if g.get("status") == "negated":
                            continue
                        if got[(n, g["type"])] > 0:
                            got[(n, g["type"])] -= 1
                            continue
                        fh.write(
                            json.dumps(
                                {
                                    "article": art["id"],
                                    "sentence": n,
                                    "missed": g["type"],
                                    "trigger": g["trigger"],
                                    "status": g["status"],
                                }
                            )
                            + "\n"
                        )
    xs, vs = np.asarray([q[0] for q in pts]), np.asarray([q[1] for q in pts])
    shown = [x for x in pairs if x[3] < n_tune] if args.calibrate_on == "tune" else pairs
    rel = reliability((float(np.interp(c, xs, vs)), ok) for c, ok, _, _ in shown)
    print(f"\nreliability (out of fold, {args.calibrate_on}): range, events, predicted, observed")
    for row in rel:
        print(f"  {row[0]}  {row[1]:5d}  {row[2]:.3f}  {row[3]:.3f}")

    clf = LogisticRegression(C=args.C, max_iter=3000, class_weight=cw).fit(X, y, sample_weight=sw)
    names = [*vec.get_feature_names_out(), *vector_names(nv)]
    W = clf.coef_.T  # features x classes
    keep = np.abs(W).max(axis=1) >= 0.01
    weights = {str(n): [round(float(v), 4) for v in W[i]] for i, n in enumerate(names) if keep[i]}
    model = {
        "version": 1,
        "trained_on": {
            "articles": len(sets),
            "candidate_words": len(ys),
            "labels": dict(counts.most_common()),
            "date": dt.date.today().isoformat(),
            "oof": {
                "type_precision": round(P, 3),
                "type_recall": round(R, 3),
                "type_f1": round(F, 3),
                "strict_f1": round(SF, 3),
                "folds": args.folds,
            },
        },
        "classes": [str(c) for c in clf.classes_],
        "intercept": [round(float(v), 4) for v in clf.intercept_],
        "weights": weights,
        "calibration": pts,
        "propose_min": pm,
        "propose_again": ag,
        "propose_sent": ps,
        "threshold": thr,
    }
    if use_sent:
        sw_final = {}
        snames = [*svec.get_feature_names_out(), *vector_names(nv)]
        coefs = np.zeros((len(snames), len(stypes)))
        icpt = np.zeros(len(stypes))
        for k in range(len(stypes)):
            m = LogisticRegression(C=args.C, max_iter=3000).fit(SX, SY[:, k], sample_weight=ssw)
            coefs[:, k], icpt[k] = m.coef_[0], m.intercept_[0]
        skeep = np.abs(coefs).max(axis=1) >= 0.01
        sw_final = {str(n): [round(float(v), 4) for v in coefs[i]] for i, n in enumerate(snames) if skeep[i]}
        model["sentence"] = {
            "classes": stypes,
            "weights": sw_final,
            "intercept": [round(float(v), 4) for v in icpt],
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {len(weights)} features)")
    if args.out.resolve() == OUT.resolve():  # the shipped model: the default threshold follows it
        path = ROOT / "src" / "eventwire" / "events" / "threshold.py"
        text = re.sub(
            r"(?m)^DEFAULT_MIN_CONFIDENCE: float = .*$",
            f"DEFAULT_MIN_CONFIDENCE: float = {thr}",
            path.read_text(encoding="utf-8"),
        )
        path.write_text(text, encoding="utf-8")
        print(f"set DEFAULT_MIN_CONFIDENCE = {thr} in {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
