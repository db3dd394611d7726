"""One document's token attributes as columns, read once (``Doc.to_array``), for the event stage's scans
over every word of every sentence.

Iterating a sentence builds a spaCy ``Token`` per word and each attribute access goes back through the
``Doc``; the event stage scans every sentence several times (the rule coder's passes, the learned model's
candidate filter, its sentence features).  The scans read these columns instead and build a ``Token`` only
for the words they keep.  Values are spaCy's own (the same lexeme flags and string ids ``Token`` reads), so
every decision is the one the ``Token`` version makes.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_STOP,
    LEMMA,
    LENGTH,
    LIKE_NUM,
    LOWER,
    POS,
)
from spacy.strings import get_string_id

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable

    from spacy.tokens import Doc

_ATTRS = [POS, DEP, HEAD, LOWER, LEMMA, IS_STOP, IS_ALPHA, IS_PUNCT, LIKE_NUM, IDX, LENGTH, ENT_TYPE]
#: where a document keeps its columns (as ``geo`` keeps its own)
_KEY = "eventwire_event_cols"


def ids(strings: Iterable[str]) -> np.ndarray:
    """The ids spaCy stores for ``strings`` (symbols such as parts of speech and labels, else hashes)."""
    return np.asarray(sorted(get_string_id(s) for s in strings), dtype=np.uint64)


class Columns:
    """Token attributes of one parse: integer columns (``pos``, ``dep``, ``lower``, ``lemma``, ``ent_type``:
    spaCy ids; ``head``: absolute index; ``idx``, ``length``), boolean flags, lower-cased lemmas."""

    __slots__ = (
        "_children",
        "_dep_strings",
        "_heads",
        "_lemma_lower",
        "_lower_strings",
        "_starts",
        "_where",
        "dep",
        "ent_type",
        "head",
        "idx",
        "is_alpha",
        "is_punct",
        "is_stop",
        "lemma",
        "length",
        "like_num",
        "lower",
        "pos",
        "strings",
    )

    def __init__(self, sdoc: Doc) -> None:
        # the parse itself is not kept: the columns live in its ``user_data``, and a cycle between the two
        # would keep every parse (and its tensor) until the cyclic collector's next full pass
        self.strings = sdoc.vocab.strings
        arr = sdoc.to_array(_ATTRS).reshape(len(sdoc), len(_ATTRS))
        self.pos, self.dep = arr[:, 0], arr[:, 1]
        self.head = arr[:, 2].astype(np.int64) + np.arange(len(sdoc), dtype=np.int64)  # stored relative
        self.lower, self.lemma = arr[:, 3], arr[:, 4]
        self.is_stop, self.is_alpha = arr[:, 5] != 0, arr[:, 6] != 0
        self.is_punct, self.like_num = arr[:, 7] != 0, arr[:, 8] != 0
        self.idx, self.length = arr[:, 9].astype(np.int64), arr[:, 10].astype(np.int64)
        self.ent_type = arr[:, 11]
        self._lemma_lower: list[str] | None = None
        self._heads: list[int] | None = None
        self._children: list[list[int]] | None = None
        self._dep_strings: list[str] | None = None
        self._lower_strings: list[str] | None = None
        self._starts: list[int] | None = None
        self._where: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}

    def heads(self) -> list[int]:
        """Index of every token's head (a root is its own head), as a list."""
        if self._heads is None:
            self._heads = self.head.tolist()
        return self._heads

    def children(self) -> list[list[int]]:
        """Indices of every token's children in text order (``Token.children``)."""
        if self._children is None:
            kids: list[list[int]] = [[] for _ in range(len(self.pos))]
            for i, h in enumerate(self.heads()):
                if h != i:
                    kids[h].append(i)
            self._children = kids
        return self._children

    def dep_strings(self) -> list[str]:
        """``token.dep_`` of every token."""
        if self._dep_strings is None:
            strings = self.strings
            self._dep_strings = [strings[h] for h in self.dep.tolist()]
        return self._dep_strings

    def starts(self) -> list[int]:
        """Character offset of every token, as a list."""
        if self._starts is None:
            self._starts = self.idx.tolist()
        return self._starts

    def lower_strings(self) -> list[str]:
        """``token.lower_`` of every token."""
        if self._lower_strings is None:
            strings = self.strings
            self._lower_strings = [strings[h] for h in self.lower.tolist()]
        return self._lower_strings

    def starting_in(self, first: int, last: int, start: int, end: int) -> range:
        """Indices of the tokens among ``first..last-1`` whose first character is in ``start..end-1``."""
        starts = self.starts()
        return range(bisect_left(starts, start, first, last), bisect_left(starts, end, first, last))

    def lemma_lower(self) -> list[str]:
        """``token.lemma_.lower()`` of every token."""
        if self._lemma_lower is None:
            strings = self.strings
            self._lemma_lower = [_lower(strings, h) for h in self.lemma.tolist()]
        return self._lemma_lower

    def where(self, column: str, strings: frozenset[str] | tuple[str, ...]) -> np.ndarray:
        """Where the column named ``column`` (``lower``, ``pos``, ``dep``...) holds one of ``strings``
        (remembered: the passes ask the same questions of every sentence)."""
        key = (column, tuple(sorted(strings)))
        found = self._where.get(key)
        if found is None:
            found = self._where[key] = np.isin(getattr(self, column), _ids(key[1]))
        return found

    def token_at_offset(self, offsets: Iterable[int]) -> dict[int, int]:
        """Character offset -> index of the token that starts there, for the offsets where one does."""
        out: dict[int, int] = {}
        starts = self.idx
        for off in offsets:
            i = int(np.searchsorted(starts, off))
            if i < len(starts) and starts[i] == off:
                out[off] = i
        return out


@lru_cache(maxsize=256)
def _ids(strings: tuple[str, ...]) -> np.ndarray:
    return ids(strings)


_LOWER: dict[int, str] = {}
#: the remembered lower-case strings are forgotten past this many (a long run meets new words forever)
_LOWER_MAX = 200_000


def _lower(strings: object, h: int) -> str:
    """``strings[h].lower()``, remembered by id (ids name the same string in every document)."""
    s = _LOWER.get(h)
    if s is None:
        if len(_LOWER) >= _LOWER_MAX:
            _LOWER.clear()
        s = _LOWER[h] = strings[h].lower()  # type: ignore[index]
    return s


def columns(sdoc: Doc) -> Columns:
    """The columns of ``sdoc``, read on first use and kept with the parse."""
    cols = sdoc.user_data.get(_KEY)
    if cols is None or len(cols.pos) != len(sdoc):
        cols = Columns(sdoc)
        sdoc.user_data[_KEY] = cols
    return cols
