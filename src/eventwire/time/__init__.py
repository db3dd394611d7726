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
from ..nlp.selective import SentenceView
from ..registry import BaseStage, Stage, stages
from .rules import (
    Match,
    Norm,
    candidates,
    find,
    normalise,
    resolve_bare_month,
    resolve_story,
    select,
)
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


_ANY_DAY = dt.date(2000, 1, 1)


def _keep(m: Match, tense: str | None) -> Match | None:
    return m


class TimeStage(BaseStage):
    name = "time"
    requires = ("parse", "sentences", "boilerplate")
    assigns = ("times",)

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

        context: list[str] = []  # the last quarter named so far, for "a year earlier"
        story: list[str] = []  # the dates the story has named so far, for "the following day"
        for sent in doc.coded_sentences():
            text = doc.text[sent.start : sent.end]
            cands = candidates(text, anchor, tense, offset=sent.start, check=check)
            chosen = select(cands)
            chosen = _year_context(doc.text, chosen, context)
            chosen = resolve_story(chosen, story)
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

    def wants_parse(self, sent: SentenceView) -> bool:
        """Selective parsing: a sentence where a time rule matches (the tense of a relative date and
        the bare-month check read the parse).  The date is a placeholder: only "any match" counts."""
        return bool(candidates(sent.text, _ANY_DAY, None, check=_keep))


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
        if tok.ent_type_ in ("MONEY", "QUANTITY", "PERCENT") and m.end - m.start == 4:
            return None
        if tok.i > 0 and sdoc[tok.i - 1].text in ("$", "#", "No.", "no.", "£", "€"):
            return None
    return m


def _year_context(text: str, chosen: list[Match], context: list[str]) -> list[Match]:
    """ "a year earlier", "the year-ago quarter" compare with the quarter under discussion.

    The reference is the nearest quarter named in the same sentence, else the last one named
    earlier in the story (``context`` carries it from sentence to sentence); with none, the
    values stay at year grain.
    """
    quarters = [m for m in chosen if m.norm.value and _QUARTER.match(m.norm.value)]
    out: list[Match] = []
    for m in chosen:
        surface = text[m.start : m.end]
        if m.rule == "year" and re.search(r"(?i)(?:period|quarter)$", surface) and (quarters or context):
            # "the 1988 period": that year's quarter under discussion
            q = (quarters[0].norm.value if quarters else context[-1]) or ""
            value = f"{(m.norm.value or '')[:4]}-Q{q[-1]}"
            out.append(Match(m.start, m.end, Norm(m.norm.type, value, m.norm.mod), m.rule))
            continue
        mm = _YEAR_SHIFT.search(surface) if m.rule in ("ago", "year_ago") else None
        if mm is None or m.norm.value is None or not (quarters or context):
            out.append(m)
            continue
        n = _NUMS.get((mm.group("n") or "a").lower()) or int(mm.group("n"))
        if quarters:
            ref = min(quarters, key=lambda q: abs(q.start - m.start)).norm.value or ""
        else:
            ref = context[-1]
        qm = _QUARTER.match(ref)
        assert qm is not None
        value = f"{int(qm.group(1)) - n:04d}-Q{qm.group(2)}"
        out.append(Match(m.start, m.end, Norm(m.norm.type, value, m.norm.mod), m.rule))
    for q in quarters:
        context.append(q.norm.value or "")
    return out


@stages.register("time")
def make_time(config: PipelineConfig) -> Stage:
    return TimeStage()
