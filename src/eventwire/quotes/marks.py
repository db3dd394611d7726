"""Quotation-mark pairing: find quoted spans in raw text.

Handles straight double quotes (``"``), curly double quotes (“ ” „), guillemets (« » and
the reversed » « convention), and single quotes (‘ ’ and straight ``'``) without being
confused by apostrophes inside or at the end of words (don't, Russia's, leaders', '90s).

Journalistic convention for quotes running over several paragraphs: the closing mark is left
off at the end of every paragraph but the last, and each new paragraph opens with a mark.  An
opening mark still pending at a paragraph break is therefore continued when the next
paragraph opens with a mark of the same family; otherwise it is dropped as unmatched.

Nothing here raises on unbalanced input: unmatched marks are simply not paired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: open/close characters by family
_DOUBLE_OPEN = "“„«‹"
_DOUBLE_CLOSE = "”»›"
_SINGLE_OPEN = "‘‚"
_SINGLE_CLOSE = "’"
_STRAIGHT = {'"': "dq", "'": "sq"}
_PARA = re.compile(r"\n")
_OPEN_CONTEXT = set(" \t\n([{—–/") | {""}
_WORDCHAR = re.compile(r"\w")


@dataclass(slots=True)
class QuoteSpan:
    """A paired quotation: ``open`` is the offset of the opening mark, ``close`` that of the
    closing mark (``close + 1`` ends the span).  ``parts`` lists the (inner_start, inner_end)
    pieces when the quote runs over several paragraphs, else a single piece."""

    open: int
    close: int
    family: str
    parts: list[tuple[int, int]] = field(default_factory=list)
    #: length of the opening and closing marks (2 for the doubled apostrophes '' some archives use)
    open_len: int = 1
    close_len: int = 1

    @property
    def inner_start(self) -> int:
        return self.open + self.open_len

    @property
    def inner_end(self) -> int:
        return self.close

    @property
    def end(self) -> int:
        return self.close + self.close_len


def _family(ch: str) -> str:
    if ch in "«»":
        return "guil"
    if ch in "‹›":
        return "sguil"
    if ch in _DOUBLE_OPEN or ch in _DOUBLE_CLOSE or ch == '"':
        return "dq"
    return "sq"


def _is_word(ch: str) -> bool:
    return bool(ch) and bool(_WORDCHAR.match(ch))


def _classify(text: str, i: int) -> str | None:
    """'open', 'close', 'either' or None (an apostrophe / not a quote mark)."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch in "“„‘‚":
        if ch == "‘" and _is_word(prev) and _is_word(nxt):
            return None  # used as an apostrophe inside a word
        return "open"
    if ch == "”":
        return "close"
    if ch in "«»‹›":
        return "either"  # direction decided by pairing (both conventions exist)
    if ch in "’'":
        if _is_word(prev) and _is_word(nxt):
            return None  # don't, Russia's
        if ch == "'" or ch == "’":
            if prev in _OPEN_CONTEXT or prev in '"“':
                # 'tis, '90s, 'em are apostrophes; an opening single quote precedes a word
                if re.match(r"(?:\d0s|em\b|tis\b|cause\b|til\b|n\b)", text[i + 1 : i + 5]):
                    return None
                return "open" if (_is_word(nxt) or nxt in '"“‘.') else None
            if _is_word(prev) or prev in '.,!?;:)]…—-"”':
                return "close"
        return None
    if ch == '"':
        if prev in _OPEN_CONTEXT or prev in "'‘“(":
            return "open"
        if nxt == "" or not _is_word(nxt):
            return "close"
        return "either"
    return None


_MARKS = re.compile(r"[\"'“”„‘’‚«»‹›]")


def find_quotes(text: str) -> list[QuoteSpan]:
    """All paired quotations in ``text``, outermost first, in text order.

    Only the outermost pairs are returned (a quote inside a quote belongs to its container).
    Two apostrophes in a row ('') stand for a double quotation mark, as in some news archives.
    """
    if "''" not in text:
        return _find_quotes(text)
    # pair on a copy where each '' is one double mark followed by a neutral filler (same length)
    work = _DOUBLED.sub('"\x01', text)
    out = _find_quotes(work)
    for q in out:
        if text.startswith("''", q.open):
            q.open_len = 2
        if text.startswith("''", q.close):
            q.close_len = 2
        q.parts = [(a + 1 if work[a : a + 1] == "\x01" else a, b) for a, b in q.parts]
    return out


_DOUBLED = re.compile(r"(?<!')''(?!')")


def _find_quotes(text: str) -> list[QuoteSpan]:
    stack: list[tuple[int, str, str]] = []  # (offset, family, char)
    #: multi-paragraph quotes in progress: first opening offset -> finished pieces
    continued: dict[int, list[tuple[int, int]]] = {}
    last_open: dict[int, int] = {}  # first opening offset -> inner start of the current piece
    skip: set[int] = set()
    out: list[QuoteSpan] = []
    para_breaks = [m.start() for m in _PARA.finditer(text)]
    bi = 0

    def flush_paragraph(at: int) -> None:
        if not stack:
            return
        outer = stack[0]
        j = at
        while j < len(text) and text[j] in " \t\n\r":
            j += 1
        nxt = text[j] if j < len(text) else ""
        if nxt and outer[1] != "sq" and _family(nxt) == outer[1] and _classify(text, j) in ("open", "either"):
            first = outer[0]
            end = at
            while end > 0 and text[end - 1] in " \t\r":
                end -= 1
            continued.setdefault(first, []).append((last_open.get(first, first + 1), end))
            last_open[first] = j + 1
            skip.add(j)
            del stack[1:]
            return
        continued.pop(stack[0][0], None)
        stack.clear()

    for m in _MARKS.finditer(text):
        i = m.start()
        while bi < len(para_breaks) and para_breaks[bi] < i:
            at = para_breaks[bi]
            bi += 1
            while (
                bi < len(para_breaks)
                and para_breaks[bi] < i
                and text[para_breaks[bi - 1] : para_breaks[bi]].strip() == ""
            ):
                bi += 1
            flush_paragraph(at)
        if i in skip:
            continue
        kind = _classify(text, i)
        if kind is None:
            continue
        ch = text[i]
        fam = _family(ch)
        top = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == fam), None)
        if fam in ("guil", "sguil") and top is not None and ch == stack[top][2]:
            kind = "open"  # the same guillemet again cannot close a pair opened with it
        if kind in ("close", "either") and top is not None and not (fam == "sq" and kind == "either"):
            o = stack[top][0]
            below = stack[:top]
            del stack[top:]
            if fam == "sq":
                outermost = not below
            else:
                outermost = not any(b[1] != "sq" for b in below)
                # stray single marks below an outer double quote were apostrophes
                if outermost:
                    stack.clear()
            if outermost:
                parts = continued.pop(o, None)
                if parts is not None:
                    parts.append((last_open.pop(o), i))
                else:
                    parts = [(o + 1, i)]
                out.append(QuoteSpan(o, i, fam, parts))
            continue
        if kind in ("open", "either"):
            stack.append((i, fam, ch))
    out.sort(key=lambda q: q.open)
    return out
