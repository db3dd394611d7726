"""What the event coder's passes share: the candidate record, the per-document context and the base
class of the coder's parts.

``DocContext`` is built once per document by ``Coder.code`` and handed to a fresh ``DocumentCoder``;
nothing about a document is kept on the long-lived ``Coder``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..model import Document, Entity, Sentence
from ..nlp.forms import lemma_candidates
from .columns import Columns
from .lexicon import Lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


@dataclass
class Cand:
    tokens: list[Token]  # trigger tokens (first = head of the clause)
    event: str
    mode: list[str]
    cameo: str
    context: set[str]
    conf: float
    clause: Token  # token whose clause the event lives in (verb or noun)
    actor_heads: list[Token] = field(default_factory=list)
    recipient_heads: list[Token] = field(default_factory=list)
    actor_reciprocal: bool = False
    aux: list[str] = field(default_factory=list)
    nominal: bool = False
    extra: list[Token] = field(default_factory=list)  # further tokens inside the evidence span
    inner: Cand | None = None
    #: a reporting verb ("conveyed the results of the talks to X"): events named inside its object
    #: are what it reports on, not events of their own
    reports: bool = False


@dataclass
class DocContext:
    """Per-document state: the document, the actor records by token, and the dateline spans."""

    doc: Document
    #: token index -> the (shortest) actor record covering it
    ent_at: dict[int, Entity]
    #: several records on one span ("both leaders" -> two people): all of them are the argument
    group: dict[tuple[int, int], list[Entity]]
    #: the dateline ("LISBON, March 4 -") is never an argument, even where the parser makes it a subject
    dateline: list[tuple[int, int]]

    @classmethod
    def build(cls, doc: Document) -> DocContext:
        ent_at = entities_by_token(doc)
        group: dict[tuple[int, int], list[Entity]] = {}
        for ent in doc.entities:
            group.setdefault((ent.start, ent.end), []).append(ent)
        dateline = [(p.start, p.end) for p in doc.places if p.from_dateline]
        return cls(doc, ent_at, group, dateline)

    def is_entity(self, t: Token) -> bool:
        return t.i in self.ent_at

    def is_locality(self, t: Token) -> bool:
        """A town, district or region named as a location ("attacked a convoy at X"), not a country."""
        return any(
            p.role == "place" and p.start <= t.idx < p.end and not (p.feature_code or "").startswith("PCL")
            for p in self.doc.places
        )

    def is_place(self, t: Token) -> bool:
        """A mention the geo stage reads as a location (not a capital used as an actor)."""
        return (
            any(p.role == "place" and p.start <= t.idx < p.end for p in self.doc.places)
            and t.ent_type_ != "NORP"
        )

    def in_dateline(self, t: Token) -> bool:
        return any(s <= t.idx < e for s, e in self.dateline)


def known_lemmas(lex: Lexicon) -> frozenset[str]:
    """Every lemma the lexicon names: a token whose lemmatizer lemma is not among them is tried with the
    suffix-stripped forms of its word (``lemma_candidates``)."""
    known = {k[0] for k in lex.triggers}
    known.update(
        lex.light | lex.transfer | lex.third | lex.future | lex.hypothetical | lex.negated | lex.objctl
    )
    for turn in lex.turns:
        known.update(turn.verbs)
    return frozenset(known)


class CoderBase:
    """The parts of ``DocumentCoder`` (triggers, verbs, nouns, combine, arguments, finish, anchor) are mixins
    over this base: the lexicon, its known lemmas and one document's context."""

    lex: Lexicon
    known: frozenset[str]
    ctx: DocContext

    #: ``lemma`` of every token of the document being coded (a token's lemma is asked for many times by the
    #: passes); made by the per-document coder
    lemmas: list[str] | None = None
    #: the document's token columns (made with ``lemmas``)
    cols: Columns | None = None

    def lemma(self, t: Token) -> str:
        """The token's lower-case lemma, or a suffix-stripped form of its word the lexicon knows."""
        lemmas = self.lemmas
        if lemmas is not None and t.doc is self.ctx.doc.spacy:
            return lemmas[t.i]
        return self._lemma(t)

    def _lemma(self, t: Token) -> str:
        return known_lemma(t.lemma_.lower(), t.lower_, self.known)

    def words(self, sent: Span, keep: np.ndarray) -> Iterator[Token]:
        """The tokens of ``sent`` where ``keep`` (a mask over the document's tokens) is true, in order: the
        passes that test every word build a ``Token`` only for the words that can pass their test."""
        sdoc = sent.doc
        for i in (np.flatnonzero(keep[sent.start : sent.end]) + sent.start).tolist():
            yield sdoc[i]

    def where_pos(self, *pos: str) -> np.ndarray:
        assert self.cols is not None
        return self.cols.where("pos", pos)

    def where_lemma(self, lemmas: frozenset[str]) -> np.ndarray:
        """Tokens whose ``lemma`` is one of ``lemmas`` (remembered for the document)."""
        assert self.lemmas is not None
        if self._lemma_masks is None:
            self._lemma_masks = {}
        found = self._lemma_masks.get(lemmas)
        if found is None:
            found = np.fromiter((x in lemmas for x in self.lemmas), dtype=bool, count=len(self.lemmas))
            self._lemma_masks[lemmas] = found
        return found

    _lemma_masks: dict[frozenset[str], np.ndarray] | None = None


def known_lemma(lemma: str, lower: str, known: frozenset[str]) -> str:
    """``lemma``, or the first suffix-stripped form of the word ``lower`` that ``known`` holds."""
    if lemma in known or not known:
        return lemma
    for cand in lemma_candidates(lower):
        if cand in known:
            return cand
    return lemma


def document_lemmas(cols: Columns, known: frozenset[str], memo: dict[tuple[int, int], str]) -> list[str]:
    """``known_lemma`` of every token of a parse; ``memo`` keeps them by (lemma id, word id) across
    documents (the same pair always gives the same lemma)."""
    strings = cols.strings
    lemma_lower = cols.lemma_lower()
    out = []
    for i, key in enumerate(zip(cols.lemma.tolist(), cols.lower.tolist(), strict=True)):
        found = memo.get(key)
        if found is None:
            if len(memo) >= MEMO_MAX:
                memo.clear()
            found = memo[key] = known_lemma(lemma_lower[i], strings[key[1]], known)
        out.append(found)
    return out


#: ``document_lemmas`` forgets its memo past this many pairs (a long run meets new words forever)
MEMO_MAX = 200_000


def entities_by_token(doc: Document) -> dict[int, Entity]:
    """Token index -> the shortest actor record covering that token."""
    sdoc = doc.spacy
    assert sdoc is not None
    ent_at: dict[int, Entity] = {}
    for ent in sorted(doc.entities, key=lambda e: e.end - e.start):
        span = sdoc.char_span(ent.start, ent.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            ent_at.setdefault(tok.i, ent)
    return ent_at


def coded_spans(doc: Document) -> Iterator[tuple[Sentence, Span]]:
    """The sentences events are coded in (story text, parsed, three tokens or more), with their spans."""
    sdoc = doc.spacy
    assert sdoc is not None
    for s in doc.sentences:
        if s.boilerplate is not None:
            continue
        span = sdoc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None or len(span) < 3:
            continue
        yield s, span
