"""Scoring coded events against sentence-by-sentence (exhaustive) annotation, as the reference scorer does.

The reference scorer (``shared/tools/score_events_exhaustive.py``) prints totals; training and calibration
need to know, for each coded event, whether it matched.  ``match_article`` reproduces the scorer's matching
exactly (per sentence of the annotation, in coded order, greedy, one-to-one; negated events dropped on both
sides) and uses the scorer's own ``strict_ok`` for the strict level, passed in by the caller.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

NEGATED = frozenset({"negated", "negation"})


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    by_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def sentence_of(article: dict[str, Any], pos: int) -> int | None:
    return next((s["n"] for s in article["sentences"] if s["start"] <= pos < s["end"]), None)


def match_article(
    article: dict[str, Any],
    gold: dict[int, list[dict[str, Any]]],
    events: Iterable[dict[str, Any]],
    level: str,
    strict_ok: Callable[[dict[str, Any], dict[str, Any]], bool] | None,
    tally: Tally | None = None,
) -> list[tuple[dict[str, Any], bool]]:
    """Each kept (not negated) coded event with whether it matched a gold event at ``level``."""
    by_sent: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        if set(e.get("mode") or []) & NEGATED:
            continue
        pos = e.get("trigger_start", e.get("start"))
        if pos is None:
            pos = e.get("start")
        by_sent[sentence_of(article, pos)].append(e)
    out: list[tuple[dict[str, Any], bool]] = []
    for n in {s["n"] for s in article["sentences"]} | set(by_sent):
        left = [g for g in gold.get(n, []) if g.get("status") != "negated"] if n is not None else []
        for e in by_sent.get(n, []):
            hit = next(
                (
                    g
                    for g in left
                    if g["type"] == e["event"] and (level == "type" or (strict_ok and strict_ok(e, g)))
                ),
                None,
            )
            if hit is not None:
                left.remove(hit)
            out.append((e, hit is not None))
            if tally is not None:
                t = tally.by_type[e["event"]]
                if hit is not None:
                    tally.tp += 1
                    t[0] += 1
                else:
                    tally.fp += 1
                    t[1] += 1
        if tally is not None:
            for g in left:
                tally.fn += 1
                tally.by_type[g["type"]][2] += 1
    return out


def reliability(pairs: Iterable[tuple[float, bool]], bins: int = 10) -> list[tuple[str, int, float, float]]:
    """Per decile of confidence: (range, events, mean predicted, observed share correct)."""
    rows: list[tuple[str, int, float, float]] = []
    groups: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for p, ok in pairs:
        groups[min(int(p * bins), bins - 1)].append((p, ok))
    for b in range(bins):
        g = groups.get(b, [])
        if not g:
            continue
        rows.append(
            (
                f"{b / bins:.1f}-{(b + 1) / bins:.1f}",
                len(g),
                sum(p for p, _ in g) / len(g),
                sum(ok for _, ok in g) / len(g),
            )
        )
    return rows
