"""Actor and recipient agreement on the exhaustive news set (every sentence of 36 articles annotated).

Run: ``.venv/bin/python benchmarks/actors_exhaustive.py [--split tune|check|both] [--show N]``

Data: ``$EVENTWIRE_SHARED/data/events-dev/news-exhaustive/`` (``articles.jsonl``, ``gold.jsonl``) and the
reference scorer ``$EVENTWIRE_SHARED/tools/score_events_exhaustive.py``, whose matching this reuses: per
sentence, coded events (negated ones dropped) are matched one-to-one and greedily to gold events of the same
type (type level).  On the matched pairs:

* actor agreement: the reference scorer's ``party_ok`` for the actor (content-word overlap of any coded
  actor's text or name with the gold actor or ``actor_ref``; an empty gold actor accepts anything; for
  CONSULT/COOPERATE actor and recipient are pooled), over pairs whose gold event names an actor;
* recipient agreement: the same for the recipient over pairs whose gold event names a recipient, and, as the
  reference scorer counts it, over all pairs (an empty gold recipient needs an empty coded recipient).

Tune on ``tune``; report ``check``.  Results go to ``benchmarks/results/actors_exhaustive.md``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import require, shared_dir, table, write_result


def load_scorer(shared: Path) -> Any:
    path = require(shared / "tools" / "score_events_exhaustive.py", "the reference scorer")
    spec = importlib.util.spec_from_file_location("score_events_exhaustive", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def agreement(
    arts: dict[str, dict[str, Any]],
    gold: dict[tuple[str, int], list[dict[str, Any]]],
    coded: dict[str, Any],
    sc: Any,
) -> tuple[Counter[str], list[str]]:
    stats: Counter[str] = Counter()
    misses: list[str] = []
    for aid, a in arts.items():
        by_sent: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
        for e in coded[aid].get("events") or []:
            if set(e.get("mode") or []) & {"negated", "negation"}:
                continue
            pos = e.get("trigger_start", e.get("start"))
            n = next((s["n"] for s in a["sentences"] if s["start"] <= pos < s["end"]), None)
            by_sent[n].append(e)
        for n, events in by_sent.items():
            left = list(gold.get((aid, n), [])) if n is not None else []
            for e in events:
                g = next((g for g in left if g["type"] == e["event"]), None)
                if g is None:
                    continue
                left.remove(g)
                stats["pairs"] += 1
                if g["type"] in sc.RECIPROCAL:
                    actors = recips = (e.get("actor") or []) + (e.get("recipient") or [])
                else:
                    actors, recips = e.get("actor") or [], e.get("recipient") or []
                for side, parties, is_recipient in (("actor", actors, False), ("recipient", recips, True)):
                    if not (g.get(side) or g.get(f"{side}_ref")):
                        continue
                    stats[f"{side}_n"] += 1
                    ok = sc.party_ok(parties, g.get(side), g.get(f"{side}_ref"), is_recipient)
                    stats[side] += ok
                    if not ok:
                        got = [x.get("entity_text") for x in parties]
                        misses.append(f"{side} {aid} s{n} {g['type']}: gold {g.get(side)!r} got {got}")
                empty_ok = g["type"] in sc.RECIPROCAL or sc.party_ok(
                    recips, g.get("recipient"), g.get("recipient_ref"), True
                )
                stats["recipient_all"] += empty_ok
    return stats, misses


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", choices=["tune", "check", "both"], default="both")
    ap.add_argument("--show", type=int, default=0, help="print N disagreements per split")
    args = ap.parse_args()
    shared = shared_dir()
    base = shared / "data" / "events-dev" / "news-exhaustive"
    articles = [json.loads(x) for x in require(base / "articles.jsonl", "the exhaustive set").open()]
    gold: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for r in map(json.loads, (base / "gold.jsonl").open()):
        gold[(r["article"], r["sentence"])] += [g for g in r["events"] if g.get("status") != "negated"]
    sc = load_scorer(shared)

    from eventwire.config import PipelineConfig
    from eventwire.ingest import make_article
    from eventwire.pipeline import Pipeline

    pipe = Pipeline(PipelineConfig())
    t0 = time.time()
    coded = {
        a["id"]: pipe.code(
            make_article(text=a["text"], date=a["date"], id=a["id"], title=a.get("title"))
        ).to_dict()
        for a in articles
    }
    secs = time.time() - t0
    splits = ["tune", "check"] if args.split == "both" else [args.split]
    rows = []
    for split in splits:
        arts = {a["id"]: a for a in articles if a.get("split") == split}
        st, misses = agreement(arts, gold, coded, sc)

        def frac(k: str, n: str, st: Counter[str] = st) -> str:
            return f"{st[k] / st[n]:.3f} ({st[n]})" if st[n] else "-"

        rows.append(
            [
                split,
                len(arts),
                st["pairs"],
                frac("actor", "actor_n"),
                frac("recipient", "recipient_n"),
                frac("recipient_all", "pairs"),
            ]
        )
        for m in misses[: args.show]:
            print(split, m)
    out = "\n".join(
        [
            "# actors on the exhaustive news set",
            "",
            "Command: `.venv/bin/python benchmarks/actors_exhaustive.py` (tune on `tune`, report `check`)",
            "",
            table(
                [
                    "split",
                    "articles",
                    "type-matched events",
                    "actor agreement (n)",
                    "recipient agreement (n)",
                    "recipient incl. empty (n)",
                ],
                rows,
            ),
            "",
            f"_{secs:.0f} s to code {len(articles)} articles_",
        ]
    )
    print(out)
    write_result("actors_exhaustive", out + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
