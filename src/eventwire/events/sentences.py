"""The sentence half of the learned event model: which PLOVER types a sentence holds at all.

The token half (``learned.py``) reads one word and its neighbourhood; whether a sentence reports an attack, an
accusation or a poll is often clearer from the whole sentence (its words, the rule coder's findings in it, its
quotation marks and reporting verbs).  One logistic regression per type (one-vs-rest) over the sentence's
lemmas and lemma pairs, the rule events in it, a few shape features and the mean of its tok2vec vectors gives
``P(sentence holds an event of type T)``; ``learned.apply`` combines it with the word's own probability.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..model import Document, Event
from .columns import columns
from .context import coded_spans
from .learned import SPEECH_LEMMAS, VECTOR_SCALE, sentence_features
from .linear import LinearScores

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span


@dataclass(slots=True)
class SentenceRow:
    """One coded sentence: its index in the document, its features and its mean context vector."""

    index: int
    features: dict[str, float]
    vector: np.ndarray | None


def row_features(
    span: Span, index: int, rules: list[Event], quoted: bool, base: dict[str, float] | None = None
) -> dict[str, float]:
    """The sentence's features (``base``: its ``sentence_features``, when the caller has them)."""
    f = sentence_features(span, index) if base is None else dict(base)
    f["bias"] = 1.0
    cols = columns(span.doc)
    lower = cols.lemma_lower()
    a, b = span.start, span.end
    lemmas = [lower[i] for i in (np.flatnonzero(cols.is_alpha[a:b] & ~cols.is_stop[a:b]) + a).tolist()]
    for lem in lemmas:
        f[f"sl={lem}"] = 1.0
    for x, y in itertools.pairwise(lemmas):
        f[f"sb={x}_{y}"] = 1.0
    verbs = cols.where("pos", ("VERB",))[a:b]
    negs = cols.where("dep", ("neg",))[a:b]
    named = cols.ent_type[a:b] != 0
    strings = span.doc.vocab.strings
    # only the words that add one of these features, in text order (the features' order in ``f``)
    for i in (np.flatnonzero(verbs | negs | named) + a).tolist():
        if verbs[i - a] and lower[i] in SPEECH_LEMMAS:
            f["s_speech"] = 1.0
        if negs[i - a]:
            f["s_neg"] = 1.0
        if named[i - a]:
            f[f"s_ent={strings[int(cols.ent_type[i])]}"] = 1.0
    if quoted:
        f["s_quoted"] = 1.0
    for ev in rules:
        f[f"sr={ev.event}"] = 1.0
        if ev.trigger:
            f[f"srt={ev.event}|{ev.trigger.lower()}"] = 1.0
        for m in ev.mode:
            f[f"srm={ev.event}|{m}"] = 1.0
    return f


def sentence_rows(
    doc: Document, rule_events: list[Event], sent_feats: dict[int, dict[str, float]] | None = None
) -> list[SentenceRow]:
    sdoc = doc.spacy
    if sdoc is None:
        return []
    by_sent: dict[int, list[Event]] = {}
    for ev in rule_events:
        by_sent.setdefault(ev.sentence, []).append(ev)
    quotes = [(q.content_start, q.content_end) for q in doc.quotes]
    out: list[SentenceRow] = []
    for s, span in coded_spans(doc):
        quoted = any(qs < s.end and s.start < qe for qs, qe in quotes)
        vec = span.tensor if sdoc.tensor is not None and len(sdoc.tensor) else None
        mean = (
            np.asarray(vec, dtype=np.float64).mean(axis=0) * VECTOR_SCALE
            if vec is not None and len(vec)
            else None
        )
        base = sent_feats.get(s.index) if sent_feats else None
        feats = row_features(span, s.index, by_sent.get(s.index, []), quoted, base)
        out.append(SentenceRow(s.index, feats, mean))
    return out


class SentenceModel:
    """One-vs-rest logistic regressions, one per PLOVER type, over sparse sentence features and a vector."""

    def __init__(self, data: dict[str, object]) -> None:
        unknown = set(data) - {"classes", "weights", "intercept"}
        if unknown:
            raise ValueError(f"sentence model: unknown keys {sorted(unknown)}")
        self.classes: list[str] = list(data["classes"])  # type: ignore[call-overload]
        weights: dict[str, list[float]] = data["weights"]  # type: ignore[assignment]
        self.linear = LinearScores(weights, data["intercept"], len(self.classes))  # type: ignore[arg-type]

    def probabilities(self, rows: list[SentenceRow]) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.linear.scores([(r.features, r.vector) for r in rows])))
