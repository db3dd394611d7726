"""Scoring actor resolution against a dated test set (``tests/data/actors_dated.tsv``).

The file has sentence rows ``S id date text`` and mention rows ``M id mention code sector [name]``;
``-`` means "none" and ``*`` "not checked".  A gold mention is matched to the entity overlapping it most.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document, Entity


@dataclass
class GoldMention:
    text: str
    start: int
    end: int
    code: str
    sector: str
    name: str | None


@dataclass
class GoldSentence:
    id: str
    date: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


def load_dated_set(path: Path) -> list[GoldSentence]:
    sents: dict[str, GoldSentence] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "S":
            sents[cols[1]] = GoldSentence(cols[1], cols[2], cols[3])
        elif cols[0] == "M":
            s = sents[cols[1]]
            mention, occ = cols[2], 1
            if "#" in mention:
                mention, num = mention.rsplit("#", 1)
                occ = int(num)
            hits = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", s.text)]
            pos = hits[occ - 1] if len(hits) >= occ else -1
            if pos < 0:
                raise ValueError(f"{path}:{n}: {mention!r} not in sentence {s.id}")
            name = cols[5] if len(cols) > 5 and cols[5] else None
            s.mentions.append(GoldMention(mention, pos, pos + len(mention), cols[3], cols[4], name))
        else:
            raise ValueError(f"{path}:{n}: bad row type {cols[0]!r}")
    return list(sents.values())


def match(entities: list[Entity], g: GoldMention) -> Entity | None:
    best, best_overlap = None, 0
    for e in entities:
        overlap = min(e.end, g.end) - max(e.start, g.start)
        if overlap > best_overlap or (
            overlap == best_overlap and best is not None and e.kind != "pronoun" and best.kind == "pronoun"
        ):
            best, best_overlap = e, overlap
    return best


def judge(e: Entity | None, g: GoldMention) -> dict[str, bool]:
    def same(value: str | None, gold: str) -> bool:
        return gold == "*" or (value or "-") == gold

    return {
        "found": e is not None,
        "code": e is not None and same(e.code, g.code),
        "sector": e is not None and same(e.sector, g.sector),
        "name": e is not None and (g.name is None or e.name == g.name),
    }


def score(
    sents: list[GoldSentence], code: Callable[[str, str], Document]
) -> tuple[dict[str, float], list[str]]:
    """``code(text, date) -> Document``; returns accuracies and a list of error lines."""
    totals = {"found": 0, "code": 0, "sector": 0, "name": 0, "all": 0}
    errors = []
    n = 0
    for s in sents:
        doc = code(s.text, s.date)
        for g in s.mentions:
            n += 1
            e = match(doc.entities, g)
            j = judge(e, g)
            ok = all(j.values())
            for k, v in j.items():
                totals[k] += int(v)
            totals["all"] += int(ok)
            if not ok:
                got = f"{e.entity_text!r} {e.code} {e.sector} {e.name} [{e.role}]" if e else "nothing"
                errors.append(
                    f"{s.id} {s.date} {g.text!r}: want {g.code} {g.sector} {g.name or ''} got {got}"
                )
    acc = {k: v / n if n else 0.0 for k, v in totals.items()}
    acc["n"] = n
    return acc, errors
