"""Stage ``time``: time expressions normalised to TimeML TIMEX3 values.

Every story sentence (boilerplate sentences are skipped) is run through the rule grammar
in ``rules``; relative expressions are anchored on the article date, with the tense of
the governing verb (from the parse) choosing past or future readings: "on Monday" in a
past-tense story dated Tuesday 2025-05-20 is 2025-05-19, in a future-tense clause the
next Monday.  Without an article date only absolute expressions get a value.

Other code can normalise a single expression with ``normalise(text, anchor, tense)``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..config import PipelineConfig
from ..model import Document, Timex
from ..registry import Stage, stages
from .rules import Match, Norm, candidates, find, normalise, resolve_bare_month, select
from .tense import tense_at

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["TimeStage", "find", "normalise", "tense_at"]

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_SHIFT = re.compile(
    r"(?i)\b(?:(?P<n>a|an|one|two|three|four|five|\d+)\s+years?\s+(?:ago|earlier|before)|"
    r"year[\s-](?:ago|earlier))\b"
)
_NUMS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_COUNT_DEPS = frozenset({"nummod", "quantmod"})
_NOT_YEAR_ENTS = frozenset({"MONEY", "QUANTITY", "PERCENT", "CARDINAL", "ORDINAL"})


class TimeStage:
    name = "time"

    def __call__(self, doc: Document) -> None:
        anchor = doc.article.date
        sdoc = doc.spacy
        cache: dict[tuple[int, int], str | None] = {}

        def tense(start: int, end: int) -> str | None:
            if sdoc is None:
                return None
            k = (start, end)
            if k not in cache:
                cache[k] = tense_at(sdoc, start, end)
            return cache[k]

        def check(m: Match, tn: str | None) -> Match | None:
            return _check(sdoc, m, anchor, tn)

        for sent in doc.coded_sentences():
            text = doc.text[sent.start : sent.end]
            chosen = select(candidates(text, anchor, tense, offset=sent.start, check=check))
            chosen = _year_context(doc.text, chosen)
            for m in chosen:
                doc.times.append(
                    Timex(
                        text=doc.text[m.start : m.end],
                        start=m.start,
                        end=m.end,
                        sentence=sent.index,
                        type=m.norm.type,  # type: ignore[arg-type]
                        value=m.norm.value,
                        mod=m.norm.mod,
                    )
                )


def _check(sdoc: Doc | None, m: Match, anchor: dt.date | None, tn: str | None) -> Match | None:
    """Veto or revise a match with the parse: bare "May" must be a proper noun, a year not a count."""
    if sdoc is None:
        return None if (m.norm.value or "").startswith("?") else m
    if (m.norm.value or "").startswith("?"):
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.tag_ != "NNP" or span.root.dep_ in ("aux", "ROOT"):
            return None
        return resolve_bare_month(m, anchor, tn)
    if m.rule == "year":
        span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return m
        tok = span[-1]
        if (
            tok.ent_type_ in _NOT_YEAR_ENTS
            and m.end - m.start == 4
            and (tok.ent_type_ != "CARDINAL" or tok.dep_ in _COUNT_DEPS)
        ):
            return None
        if tok.dep_ in _COUNT_DEPS and tok.head.i > tok.i and tok.head.pos_ == "NOUN":
            return None
        if tok.i > 0 and sdoc[tok.i - 1].text in ("$", "#", "No.", "no.", "£", "€"):
            return None
    return m


def _year_context(text: str, chosen: list[Match]) -> list[Match]:
    """ "a year earlier" / "year-ago" take the grain of a quarter named in the same sentence."""
    quarters = [m for m in chosen if m.norm.value and _QUARTER.match(m.norm.value)]
    if not quarters:
        return chosen
    out: list[Match] = []
    for m in chosen:
        mm = _YEAR_SHIFT.search(text[m.start : m.end]) if m.rule in ("ago", "year_ago") else None
        if mm is None or m.norm.value is None:
            out.append(m)
            continue
        n = _NUMS.get((mm.group("n") or "a").lower()) or int(mm.group("n"))
        ref = min(quarters, key=lambda q: abs(q.start - m.start))
        qm = _QUARTER.match(ref.norm.value or "")
        assert qm is not None
        value = f"{int(qm.group(1)) - n:04d}-Q{qm.group(2)}"
        out.append(Match(m.start, m.end, Norm(m.norm.type, value, m.norm.mod), m.rule))
    return out


@stages.register("time")
def make_time(config: PipelineConfig) -> Stage:
    return TimeStage()
