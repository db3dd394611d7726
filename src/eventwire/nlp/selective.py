"""Selective parsing: run the dependency parser only on the sentences a stage needs it for.

The full parse (``nlp.pipe``) runs every pipe on every token.  In selective mode:

1. every pipe that does not read the dependency parse runs on the whole text as usual (tok2vec,
   tagger, ner), plus the model's ``senter`` for sentence boundaries (and a break after every line
   break, where the parser nearly always puts one and the senter often does not);
2. each sentence is shown to the stages as a ``SentenceView`` (its lower-case words, every lemma
   the lemmatizer could give its words, its tags and entity labels); a sentence goes to the parser
   when one stage's ``wants_parse(view)`` says so (see ``registry.Stage``);
3. the wanted sentences are parsed one sentence per ``Doc`` (with the tok2vec output of the full
   text, so the parser sees the same features) and their heads and labels are written back;
4. the pipes that read the parse (attribute_ruler, lemmatizer) then run on the whole text, so a
   parsed sentence gets exactly the attributes a full parse gives it, given the same sentence
   boundaries and tree (the attribute ruler's patterns are matched by ``attrs.py``, vectorised,
   with the same matches and attributes as spaCy's Matcher);
5. an unparsed sentence gets a flat tree (every token attached with ``dep`` to one root, its
   first verb or else its first word), so ``sent.root``, ``.children`` and ``.subtree`` stay valid.

Sentence boundaries are the senter's (the parser is told not to move them); they can differ from
the ones a full parse draws, so selective output is close to, not identical with, full output:
``benchmarks/parse_modes.py`` measures by how much.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .forms import lemma_candidates

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

#: pipes that read the dependency parse: they run after it
AFTER_PARSE = ("attribute_ruler", "lemmatizer")


@dataclass(frozen=True, slots=True)
class SentenceView:
    """What a stage sees of an unparsed sentence when it decides whether it needs the parse."""

    text: str
    #: lower-case token texts
    words: frozenset[str]
    #: every lemma the lemmatizer could give one of the words, under any part of speech (a superset
    #: of the lemmas the parsed sentence will have), plus the words themselves
    lemmas: frozenset[str]
    #: fine-grained tags (``NNP``, ``VBD``, ...)
    tags: frozenset[str]
    #: labels of the named entities in the sentence
    labels: frozenset[str]


ParseWant = Callable[[SentenceView], bool]


@dataclass
class ParseStats:
    """How much of the text went through the parser (accumulates over calls)."""

    sentences: int = 0
    parsed_sentences: int = 0
    tokens: int = 0
    parsed_tokens: int = 0

    @property
    def skipped_share(self) -> float:
        return 1 - self.parsed_sentences / self.sentences if self.sentences else 0.0

    @property
    def skipped_token_share(self) -> float:
        return 1 - self.parsed_tokens / self.tokens if self.tokens else 0.0


class LemmaCandidates:
    """Every lemma the model's lemmatizer (and attribute ruler) could give a word, any POS.

    Built from the lemmatizer's own tables (exceptions and suffix rules, each part of speech) and the
    lemmas the attribute ruler assigns, plus the plain suffix stripping of -s/-es/-ies/-ed/-ing, so
    that the set covers the lemma the word gets once it is tagged and parsed.
    """

    def __init__(self, nlp: Language) -> None:
        self.exc: dict[str, dict[str, list[str]]] = {}
        self.rules: dict[str, list[tuple[str, str]]] = {}
        if "lemmatizer" in nlp.component_names:
            lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
            if lookups.has_table("lemma_exc"):
                self.exc = {pos: dict(t) for pos, t in lookups.get_table("lemma_exc").items()}
            if lookups.has_table("lemma_rules"):
                rules = lookups.get_table("lemma_rules")
                self.rules = {pos: [(r[0], r[1]) for r in t] for pos, t in rules.items()}
        self.fixed: dict[str, set[str]] = {}
        self.fixed_rx: list[tuple[re.Pattern[str], str]] = []
        if "attribute_ruler" in nlp.component_names:
            for p in nlp.get_pipe("attribute_ruler").patterns:  # type: ignore[attr-defined]
                lemma = p["attrs"].get("LEMMA")
                if not isinstance(lemma, str):
                    continue
                for pattern in p["patterns"]:
                    for spec in pattern:
                        low = spec.get("LOWER") if isinstance(spec, dict) else None
                        if isinstance(low, str):
                            self.fixed.setdefault(low, set()).add(lemma.lower())
                        elif isinstance(low, dict) and isinstance(low.get("IN"), list):
                            for w in low["IN"]:
                                self.fixed.setdefault(str(w), set()).add(lemma.lower())
                        elif isinstance(low, dict) and isinstance(low.get("REGEX"), str):
                            self.fixed_rx.append((re.compile(low["REGEX"]), lemma.lower()))
        self.cached = functools.lru_cache(maxsize=200_000)(self._compute)

    def __call__(self, lower: str) -> frozenset[str]:
        return self.cached(lower)

    def _compute(self, w: str) -> frozenset[str]:
        out = {w}
        for table in self.exc.values():
            out.update(x.lower() for x in table.get(w, ()))
        for rules in self.rules.values():
            for old, new in rules:
                if w.endswith(old) and len(w) > len(old):
                    out.add(w[: len(w) - len(old)] + new)
        out |= self.fixed.get(w, set())
        out.update(lemma for rx, lemma in self.fixed_rx if rx.search(w))
        out.update(lemma_candidates(w))  # the stems the events coder also tries
        return frozenset(out)


@functools.lru_cache(maxsize=4)
def _candidates_for(nlp: Language) -> LemmaCandidates:
    return LemmaCandidates(nlp)


@functools.lru_cache(maxsize=4)
def fast_ruler(nlp: Language) -> object | None:
    from .attrs import compile_ruler

    if "attribute_ruler" not in nlp.component_names:
        return None
    return compile_ruler(nlp.get_pipe("attribute_ruler"))


@functools.lru_cache(maxsize=4)
def fast_lemmatizer(nlp: Language) -> object | None:
    from .lemmas import compile_lemmatizer

    if "lemmatizer" not in nlp.component_names:
        return None
    return compile_lemmatizer(nlp.get_pipe("lemmatizer"))


def fast_pipes(nlp: Language) -> dict[str, object]:
    """The model's components by name, with the vectorised attribute ruler and the remembering lemmatizer in
    place of spaCy's where they apply (same output: see ``attrs.py`` and ``lemmas.py``)."""
    procs: dict[str, object] = dict(nlp.components)
    for name, fast in (("attribute_ruler", fast_ruler(nlp)), ("lemmatizer", fast_lemmatizer(nlp))):
        if fast is not None:
            procs[name] = fast
    return procs


def check_model(nlp: Language) -> None:
    """Selective parsing needs a parser, a senter and the parse-reading pipes in the usual order."""
    missing = [p for p in ("parser", "senter") if p not in nlp.component_names]
    if missing:
        raise RuntimeError(
            f"--parse selective needs a model with {' and '.join(missing)} "
            f"(it has {', '.join(nlp.component_names)}); use --parse full"
        )


def parse_selective(
    nlp: Language,
    texts: Iterable[str],
    want: ParseWant,
    batch_size: int = 32,
    stats: ParseStats | None = None,
) -> Iterator[Doc]:
    """Parse ``texts`` like ``nlp.pipe`` but run the dependency parser only where ``want`` says."""
    check_model(nlp)
    procs = fast_pipes(nlp)  # same output as spaCy's components, faster (attrs.py, lemmas.py)
    before = [n for n in nlp.pipe_names if n != "parser" and n not in AFTER_PARSE]
    # sentence boundaries before the entity recognizer (entities never cross them)
    before.insert(before.index("tagger") + 1 if "tagger" in before else len(before), "senter")
    after = [n for n in nlp.pipe_names if n in AFTER_PARSE]
    docs: Iterable[Doc] = (nlp.make_doc(t) for t in texts)
    for name in before:
        docs = procs[name].pipe(docs, batch_size=batch_size)  # type: ignore[attr-defined]
        if name == "senter":
            docs = map(_break_at_newlines, docs)
    cands = _candidates_for(nlp)
    batch: list[Doc] = []
    for d in docs:
        batch.append(d)
        if len(batch) >= batch_size:
            yield from _finish(nlp, procs, after, batch, want, cands, batch_size, stats)
            batch = []
    if batch:
        yield from _finish(nlp, procs, after, batch, want, cands, batch_size, stats)


def _break_at_newlines(d: Doc) -> Doc:
    """A line break ends a sentence (the senter, unlike the parser, runs on across paragraphs)."""
    import numpy as np
    from spacy.attrs import IS_SPACE

    for i in np.flatnonzero(d.to_array(IS_SPACE)).tolist():
        if i + 1 < len(d) and "\n" in d[i].text and not d[i + 1].is_space:
            d[i + 1].is_sent_start = True
    return d


def _sentences(d: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences (as ``doc.sents``, from the sentence starts)."""
    import numpy as np
    from spacy.attrs import SENT_START

    if not len(d):
        return []
    starts = np.flatnonzero(d.to_array(SENT_START).astype("int64") == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return list(zip(starts, [*starts[1:], len(d)], strict=True))


def _views(d: Doc, sents: list[tuple[int, int]], cands: LemmaCandidates) -> list[SentenceView]:
    """One ``SentenceView`` per sentence of ``d`` (a single pass over tokens and entities)."""
    import bisect

    from spacy.attrs import LOWER, NORM, TAG

    strings = d.vocab.strings
    arr = d.to_array([LOWER, TAG, NORM]).tolist()
    labels: list[set[str]] = [set() for _ in sents]
    starts = [s for s, _ in sents]
    for ent in d.ents:
        labels[bisect.bisect_right(starts, ent.start) - 1].add(ent.label_)
    out: list[SentenceView] = []
    text = d.text
    for k, (s, e) in enumerate(sents):
        words: set[str] = set()
        tags: set[str] = set()
        lemmas: set[str] = set()
        seen: set[int] = set()
        for low_h, tag_h, norm_h in arr[s:e]:
            tags.add(strings[tag_h])
            if low_h not in seen:
                seen.add(low_h)
                low = strings[low_h]
                words.add(low)
                lemmas |= cands(low)
                lemmas.add(strings[norm_h])  # punctuation lemmas are norms (curly quotes -> ")
        last = d[e - 1]
        sent_text = text[d[s].idx : last.idx + len(last)]
        ents = frozenset(labels[k])
        out.append(SentenceView(sent_text, frozenset(words), frozenset(lemmas), frozenset(tags), ents))
    return out


def _sub_doc(d: Doc, s: int, e: int, sent_starts: object) -> Doc:
    """Tokens ``s:e`` of ``d`` as a Doc with their tok2vec output and sentence starts (what the parser
    reads; ``Span.as_doc`` would copy every attribute of the whole document for each sentence)."""
    from spacy.attrs import SENT_START
    from spacy.tokens import Doc as SpacyDoc

    toks = d[s:e]
    sub = SpacyDoc(d.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks])
    sub.from_array([SENT_START], sent_starts[s:e])  # type: ignore[index]
    sub.tensor = d.tensor[s:e]
    return sub


def _finish(
    nlp: Language,
    procs: dict[str, object],
    after: list[str],
    batch: list[Doc],
    want: ParseWant,
    cands: LemmaCandidates,
    batch_size: int,
    stats: ParseStats | None,
) -> list[Doc]:
    import numpy as np
    from spacy.attrs import DEP, HEAD, SENT_START

    wanted: list[tuple[int, int, int]] = []  # (doc, start token, end token)
    flat: list[list[tuple[int, int]]] = [[] for _ in batch]
    subs: list[Doc] = []
    for di, d in enumerate(batch):
        sents = _sentences(d)
        sent_starts = d.to_array([SENT_START]).reshape(-1, 1)
        for (s, e), view in zip(sents, _views(d, sents, cands), strict=True):
            if not view.text.strip():
                flat[di].append((s, e))
                continue
            keep = want(view)
            if stats is not None:
                stats.sentences += 1
                stats.tokens += e - s
                if keep:
                    stats.parsed_sentences += 1
                    stats.parsed_tokens += e - s
            if keep:
                wanted.append((di, s, e))
                subs.append(_sub_doc(d, s, e, sent_starts))
            else:
                flat[di].append((s, e))
    parser = procs["parser"]
    parsed = list(parser.pipe(subs, batch_size=batch_size))  # type: ignore[attr-defined]
    arrays = [np.zeros((len(d), 2), dtype="uint64") for d in batch]
    for (di, s, e), sub in zip(wanted, parsed, strict=True):
        arrays[di][s:e] = sub.to_array([HEAD, DEP])
    for d, arr in zip(batch, arrays, strict=True):
        d.from_array([HEAD, DEP], arr)
    for name in after:
        batch = list(procs[name].pipe(batch, batch_size=batch_size))  # type: ignore[attr-defined]
    dep_id = nlp.vocab.strings.add("dep")
    root_id = nlp.vocab.strings.add("ROOT")
    for d, spans in zip(batch, flat, strict=True):
        if not spans:
            continue
        arr = np.ascontiguousarray(d.to_array([HEAD, DEP]), dtype="uint64")
        heads = arr[:, 0].copy().view("int64")  # relative offsets, stored two's complement
        for s, e in spans:
            root = _flat_root(d, s, e)
            heads[s:e] = root - np.arange(s, e)
            arr[s:e, 1] = dep_id
            arr[root, 1] = root_id
        arr[:, 0] = heads.view("uint64")
        d.from_array([HEAD, DEP], arr)
    return batch


def _flat_root(d: Doc, s: int, e: int) -> int:
    """The root of an unparsed sentence's flat tree: its first verb, else its first word."""
    first = None
    for t in d[s:e]:
        if t.is_space or t.is_punct:
            continue
        if t.tag_.startswith("VB") or t.tag_ == "MD":
            return t.i
        if first is None:
            first = t.i
    return s if first is None else first
