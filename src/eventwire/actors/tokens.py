"""Small token helpers of the actors stage: a parse's token attributes as plain lists, the first word of
a lookup key, line breaks, the document entities inside a span.  No knowledge base here."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Doc, Span

from ..nlp.doctext import text_of
from .kb import norm

#: dependency labels of a subject (the parser's label set, not words)
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
#: a word glued to the next by a lost space ("TrumpGOP")
GLUED = re.compile(r"[a-z]{3}[A-Z]")
_WS = re.compile(r"\s")
_NON_WS = re.compile(r"\S")


class Toks:
    """Token attributes as plain lists, read once per parse (each spaCy attribute access builds a Token)."""

    __slots__ = ("ent_type", "idx", "is_punct", "lemma_low", "lower", "orth", "pos", "tag", "text")

    def __init__(self, sdoc: Doc) -> None:
        from spacy.attrs import ENT_TYPE, IDX, IS_PUNCT, LEMMA, LOWER, ORTH, POS, TAG

        self.text: str = text_of(sdoc)
        strings = sdoc.vocab.strings
        cols = sdoc.to_array([IDX, ORTH, POS, TAG, LEMMA, LOWER, IS_PUNCT, ENT_TYPE]).T.tolist()
        self.idx: list[int] = cols[0]
        self.orth: list[str] = [strings[h] for h in cols[1]]
        self.pos: list[str] = [strings[h] for h in cols[2]]
        self.tag: list[str] = [strings[h] for h in cols[3]]
        self.lemma_low: list[str] = [strings[h].lower() for h in cols[4]]
        self.lower: list[str] = [strings[h] for h in cols[5]]
        self.is_punct: list[bool] = [bool(v) for v in cols[6]]
        self.ent_type: list[str] = [strings[h] for h in cols[7]]


def toks(sdoc: Doc) -> Toks:
    """The parse's ``Toks``, built once and kept in its ``user_data``."""
    tk = sdoc.user_data.get("eventwire_toks")
    if tk is None:
        tk = Toks(sdoc)
        sdoc.user_data["eventwire_toks"] = tk
    return tk


def first_word(text: str, start: int, end: int) -> tuple[str, int] | None:
    """``(word, cut)``: every slice ``text[start:e]`` with ``e > cut`` has a ``norm`` key whose first
    word is ``word``.  ``cut`` is the first whitespace in ``text[start:end]``; it must be ASCII.
    Normalising works character by character and a whitespace character is a starter that nothing
    reorders across, so the key's first word is ``norm`` of the text before ``cut``, provided that
    is one non-empty word.  None when there is no such word."""
    m = _WS.search(text, start, end)
    if m is None or m.start() == start:
        return None
    cut = m.start()
    if not text[cut].isascii():
        return None
    word = text[start:cut]
    if word.isascii():
        return word.lower(), cut
    word = norm(word)
    if not word or " " in word:
        return None
    return word, cut


def next_word(text: str, cut: int, end: int) -> tuple[str, int] | None:
    """``first_word`` of the word after the ASCII whitespace run at ``cut`` (the word after "the")."""
    m = _NON_WS.search(text, cut, end)
    if m is None or not text[cut : m.start()].isascii():
        return None
    return first_word(text, m.start(), end)


def span_ents(ents: list[Span], starts: list[int], start: int, end: int) -> list[Span]:
    """``Span.ents`` from the document's entities (sorted, non-overlapping): those starting at or after
    ``start``, up to the first that ends after ``end``."""
    out = []
    for k in range(bisect_left(starts, start), len(ents)):
        if ents[k].end > end:
            break
        out.append(ents[k])
    return out


def line_break(sdoc: Doc, a: int, b: int) -> bool:
    """A line break between token ``a`` and token ``b`` (``a < b``)."""
    return any("\n" in t.whitespace_ or t.is_space for t in sdoc[a:b])
