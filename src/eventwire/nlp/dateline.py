"""The dateline at the start of an article body ("LISBON, March 4 (Reuters) -", "KYIV, Ukraine (AP) —",
"MOSCOW —"): where the story was filed.  Shared by the stages that must treat it apart (geo records it as a
place; actors and events never take it for an actor)."""

from __future__ import annotations

import re

# dateline at the very start of the body: PLACE[, REGION] then a date and ":", or "(Agency) -", or a dash
_NAME = r"[A-Z][A-Za-z\u00C0-\u024F'\u2019.]*(?:[ -][A-Z][A-Za-z\u00C0-\u024F'\u2019.]*){0,3}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATELINE = re.compile(
    rf"\A\s*(?P<place>{_NAME})(?:\s*,\s*(?P<region>{_NAME}))?\s*"
    rf"(?:,\s*(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:\s*,?\s*\d{{4}})?\s*(?:\([^)\n]{{1,40}}\))?\s*[:\u2014\u2013-]"
    rf"|\([^)\n]{{1,40}}\)\s*[:\u2014\u2013-]|[\u2014\u2013]|--|\s-\s)"
)

__all__ = ["dateline_names", "find_dateline"]


def find_dateline(text: str) -> tuple[int, int, str | None] | None:
    """(start, end, region text) of the dateline place at the start of ``text``, else None."""
    m = _DATELINE.match(text[:200])
    if not m:
        return None
    return m.start("place"), m.end("place"), m.group("region")


def dateline_names(text: str) -> list[tuple[int, int]]:
    """Character spans of the dateline's place and region ("KYIV", "Ukraine"), empty when there is none."""
    m = _DATELINE.match(text[:200])
    if not m:
        return []
    out = [(m.start("place"), m.end("place"))]
    if m.group("region"):
        out.append((m.start("region"), m.end("region")))
    return out
