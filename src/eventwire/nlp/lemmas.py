"""The lemmatizer, remembered: spaCy's rule lemmatizer run once per distinct word form, not once per token.

spaCy's English ``lemmatizer`` is a Python component: for every token it reads the part of speech and the
morphology, decides whether the word is a base form and otherwise applies the suffix rules, caching only the
rule results.  That is about a tenth of the model's time on news text.  A rule lemma is a function of the
token's text, its part of speech and its morphology alone (``Lemmatizer.rule_lemmatize`` keys its own cache on
exactly ``(orth, pos, morph)``), so ``FastLemmatizer`` asks spaCy's component once per such triple, keeps the
answer, and writes a document's lemmas as one array.  The lemmas are spaCy's own, token for token (tested
against the component on news articles); a lemmatizer that is not the English rule lemmatizer is left to
spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: distinct (word, part of speech, morphology) triples remembered before the memo starts again
MAX_MEMO = 500_000


class FastLemmatizer:
    """Drop-in for spaCy's ``lemmatizer`` in a pipeline: ``__call__`` and ``pipe`` as a component."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.name = "lemmatizer"
        #: (orth, pos, morph) hashes -> the lemma's hash in the vocabulary's strings
        self.memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        n = len(doc)
        if n == 0:
            return doc
        lem = self.lemmatizer
        if not lem._validated:  # as the component does on its first document
            from spacy.errors import Errors

            lem._validate_tables(Errors.E1004)
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        memo = self.memo
        if len(memo) > MAX_MEMO:
            memo.clear()
        strings = doc.vocab.strings
        overwrite = lem.overwrite
        out = arr[:, 3].copy()
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if not overwrite and lemma != 0:
                continue
            key = (orth, pos, morph)
            h = memo.get(key)
            if h is None:
                h = memo[key] = strings.add(lem.lemmatize(doc[i])[0])
            if h != lemma:
                out[i] = h
                changed = True
        if changed:
            doc.from_array([LEMMA], out)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def compile_lemmatizer(lemmatizer: Any) -> FastLemmatizer | None:
    """A ``FastLemmatizer`` for spaCy's English rule lemmatizer, or None for any other lemmatizer (whose
    lemma may depend on more than the word, its part of speech and its morphology)."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    if type(lemmatizer) is not EnglishLemmatizer or lemmatizer.mode != "rule":
        return None
    return FastLemmatizer(lemmatizer)
