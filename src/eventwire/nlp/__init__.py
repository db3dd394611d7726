"""Parsing: spaCy model loading, chunked parsing of long bodies, sentence records."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from ..model import Document, Sentence
from .selective import ParseStats, ParseWant, SentenceView, parse_selective

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = [
    "ParseStats",
    "ParseWant",
    "SentenceView",
    "chunks",
    "governed_by",
    "iter_batches",
    "load_model",
    "parse_documents",
    "pipe_full",
    "sentences_of",
    "split_long_runs",
]

T = TypeVar("T")


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load a spaCy pipeline by the name ``spacy.load`` takes (cached per process)."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:  # model package missing
        raise RuntimeError(
            f"spaCy model {name!r} is not installed; install the pinned requirements "
            f"(make demo) or choose another with --model"
        ) from exc
    # Long articles are parsed in pieces (see ``chunks``); the limit here is only a guard.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


def chunks(text: str, size: int) -> list[tuple[int, int]]:
    """Cut ``text`` into contiguous ``(start, end)`` pieces of at most ``size`` characters.

    Cuts fall after a line break where one exists in the window, else after the last
    whitespace, else at ``size``.  The pieces cover the text exactly, in order.
    """
    if len(text) <= size:
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(start + size, n)
        if end < n:
            window = text[start:end]
            cut = window.rfind("\n")
            if cut <= 0:
                spaces = [m.start() for m in re.finditer(r"\s", window)]
                cut = spaces[-1] if spaces and spaces[-1] > 0 else -1
            if cut > 0:
                end = start + cut + 1
        out.append((start, end))
        start = end
    return out


#: longest run of non-space characters given to the tokenizer in one piece: spaCy's affix
#: splitting is quadratic in the length of a whitespace-free run (50,000 emoji took minutes)
MAX_RUN = 1000
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def split_long_runs(text: str, start: int, end: int, max_run: int = MAX_RUN) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` inside non-space runs longer than ``max_run`` (every ``max_run``
    characters); the pieces cover ``start..end`` exactly, in order."""
    cuts = [start]
    pattern = _LONG_RUN if max_run == MAX_RUN else re.compile(rf"\S{{{max_run + 1},}}")
    for m in pattern.finditer(text, start, end):
        cuts.extend(range(m.start() + max_run, m.end(), max_run))
    cuts.append(end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def parse_documents(
    nlp: Language,
    docs: Sequence[Document],
    chunk_chars: int,
    batch_size: int = 32,
    want: ParseWant | None = None,
    stats: ParseStats | None = None,
) -> None:
    """Parse each document's body in place (``doc.spacy``) and fill ``doc.sentences``.

    With ``want`` (selective mode, see ``selective.py``) the dependency parser runs only on the
    sentences ``want`` accepts; without it every pipe runs on everything (``nlp.pipe``).
    """
    from spacy.tokens import Doc as SpacyDoc

    pieces: list[str] = []
    owners: list[int] = []
    for i, d in enumerate(docs):
        for s, e in chunks(d.text, chunk_chars):
            for s2, e2 in split_long_runs(d.text, s, e):
                pieces.append(d.text[s2:e2])
                owners.append(i)
    parsed: list[list[Doc]] = [[] for _ in docs]
    if want is None:
        parsed_pieces: Iterable[Doc] = pipe_full(nlp, pieces, batch_size)
    else:
        parsed_pieces = parse_selective(nlp, pieces, want, batch_size, stats)
    for owner, sdoc in zip(owners, parsed_pieces, strict=True):
        parsed[owner].append(sdoc)
    for d, parts in zip(docs, parsed, strict=True):
        if len(parts) == 1:
            sdoc = parts[0]
        else:
            sdoc = SpacyDoc.from_docs(parts, ensure_whitespace=False)
        if sdoc.text != d.text:  # pragma: no cover - guards the offset contract
            raise RuntimeError("parsed text differs from the article body")
        d.spacy = sdoc
        d.sentences = list(sentences_of(sdoc))


def pipe_full(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """``nlp.pipe(texts)`` with every pipe, the attribute ruler's matching vectorised and the lemmatizer
    run once per distinct word form.

    ``attrs.FastAttributeRuler`` finds exactly the matches of spaCy's Matcher and sets the same
    attributes (tested token by token against spaCy's own component); it is used only when every
    pattern of the model's ruler is one it understands, else spaCy's component runs.
    ``lemmas.FastLemmatizer`` gives spaCy's rule lemmas (a function of the word, its part of speech and
    its morphology), asking spaCy's component once per distinct triple; other lemmatizers run as they are.
    """
    from .selective import fast_pipes

    procs = fast_pipes(nlp)
    docs: Iterable[Doc] = (nlp.make_doc(t) for t in texts)
    for name in nlp.pipe_names:
        docs = procs[name].pipe(docs, batch_size=batch_size)  # type: ignore[attr-defined]
    yield from docs


def sentences_of(sdoc: Doc) -> Iterator[Sentence]:
    """Sentence records with whitespace trimmed; empty (whitespace-only) sentences dropped."""
    text = sdoc.text
    i = 0
    for sent in sdoc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        yield Sentence(index=i, start=start, end=end)
        i += 1


def governed_by(tok: Token, anchors: set[int] | frozenset[int], steps: int = 5) -> bool:
    """``tok`` or one of its heads, climbing at most ``steps`` times and stopping at a verb or the
    root, is one of the token indices in ``anchors`` (a place phrase inside an event's clause)."""
    for _ in range(steps):
        if tok.i in anchors:
            return True
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):
            return False
        tok = tok.head
    return False


def iter_batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
