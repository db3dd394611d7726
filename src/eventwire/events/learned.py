"""The learned event model: which words of a sentence are PLOVER events, and of which type.

A small multinomial logistic regression over sparse features of each candidate word (its lemma, part of
speech, dependency relation, governor, arguments, modality, quotation context) and of the rule coder's own
decision for that word (``rule=ASSAULT`` ...).  It does two jobs on every coded sentence:

- **scores** every event the rule coder proposes: ``confidence`` becomes the calibrated probability that the
  sentence really holds an event of that type (``score``);
- **proposes** events the rules missed (statement acts such as accusing, denying, demanding, praising), where
  the model is confident enough (``propose``; arguments are built by ``events.statements``).

The weights are trained by ``scripts/train_event_model.py`` on annotated news sentences (see
``data/events/model/SOURCE.md``) and shipped as JSON: feature -> one weight per class, plus an isotonic
calibration map estimated on held-out folds.  Inference is pure Python/NumPy over a few dozen words per
sentence; no scikit-learn at run time.
"""

from __future__ import annotations

import bisect
import copy
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..cache import fingerprint, load_or_build, paused_gc
from ..model import Document, Entity, Event
from .columns import Columns, columns
from .context import coded_spans, entities_by_token
from .linear import LinearScores

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from .sentences import SentenceModel

MODEL_FILE = "model/event_model.json"
CLUSTERS_FILE = "model/word_clusters.tsv"
#: parts of speech that can carry an event (the rule coder's triggers are candidates whatever their tag)
CANDIDATE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
MODALS_FUTURE = frozenset({"will", "shall", "'ll"})
MODALS_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should", "must", "can", "'d"})
CONDITIONAL_MARKS = ("if", "unless", "whether")
PERCENT_WORDS = ("percent", "%")
POLL_WORDS = ("poll", "polls", "survey", "percent", "%")
SPEECH_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "state",
        "add",
        "note",
        "write",
        "claim",
        "announce",
        "declare",
        "insist",
        "argue",
        "suggest",
        "warn",
        "accuse",
        "call",
        "tweet",
        "post",
        "ask",
        "urge",
        "charge",
        "allege",
        "deny",
    }
)
NONE = "NONE"
#: the smallest confidence an event can carry (confidences are printed with three decimals)
MIN_CONFIDENCE = 0.001
#: the tok2vec values are about +-3; scaled so that they weigh like the 0/1 indicator features
VECTOR_SCALE = 0.25


@dataclass(slots=True)
class Candidate:
    """One word of a sentence that may carry an event, with the rule events anchored on it."""

    token: Token
    sentence: int
    features: dict[str, float]
    rules: list[Event]
    #: the parser's own context vector of the word (tok2vec, 96 values; empty when the model has none)
    vector: np.ndarray | None = None


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


@lru_cache(maxsize=1)
def word_clusters() -> dict[str, str]:
    """Word -> distributional cluster id (``data/events/model/word_clusters.tsv``; empty when absent)."""
    path = Path(str(resources.files("eventwire"))) / "data" / "events" / CLUSTERS_FILE
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, cluster = line.partition("\t")
            out[word] = cluster
    return out


def _quote_spans(doc: Document) -> list[tuple[int, int, Entity | None]]:
    return [(q.content_start, q.content_end, q.speaker) for q in doc.quotes]


def _arg_features(prefix: str, tok: Token, ent_at: dict[int, Entity], f: dict[str, float]) -> None:
    f[f"{prefix}"] = 1.0
    ent = ent_at.get(tok.i)
    if ent is None:
        for x in tok.subtree:
            ent = ent_at.get(x.i)
            if ent is not None:
                break
    if ent is None:
        f[f"{prefix}_noent"] = 1.0
        f[f"{prefix}_pos={tok.pos_}"] = 1.0
        return
    f[f"{prefix}_kind={ent.kind}"] = 1.0
    if ent.code:
        f[f"{prefix}_code"] = 1.0
    if ent.sector:
        f[f"{prefix}_sector={ent.sector}"] = 1.0


def token_features(
    tok: Token,
    sent: Span,
    ent_at: dict[int, Entity],
    quotes: list[tuple[int, int, Entity | None]],
    sent_feats: dict[str, float],
    marked: frozenset[int] | None = None,
) -> dict[str, float]:
    """Sparse features of one candidate word (``marked``: ``_conditional_heads`` of its document, when the
    caller has it)."""
    cols = columns(tok.doc)
    lemmas = cols.lemma_lower()
    i, h = tok.i, cols.heads()[tok.i]
    lem, head_lem = lemmas[i], lemmas[h]
    pos, dep = tok.pos_, tok.dep_
    f: dict[str, float] = dict(sent_feats)
    f["bias"] = 1.0
    f[f"l={lem}"] = 1.0
    f[f"lp={lem}|{pos}"] = 1.0
    f[f"p={pos}"] = 1.0
    f[f"t={tok.tag_}"] = 1.0
    f[f"d={dep}"] = 1.0
    f[f"hl={head_lem}"] = 1.0
    f[f"dh={dep}|{head_lem}"] = 1.0
    f[f"pd={pos}|{dep}"] = 1.0
    clusters = word_clusters()
    wc = clusters.get(tok.lower_) or clusters.get(lem)
    if wc is not None:
        f[f"wc={wc}"] = 1.0
        f[f"wcp={wc}|{pos}"] = 1.0
    if h != i:
        hc = clusters.get(tok.doc[h].lower_) or clusters.get(head_lem)
        if hc is not None:
            f[f"hwc={hc}"] = 1.0
    if tok.is_title and i > sent.start:
        f["title_case"] = 1.0
    if h != i and head_lem in SPEECH_LEMMAS:
        f["under_speech"] = 1.0
    for c in cols.children()[i]:
        _child_features(f, lem, c, tok.doc, cols, ent_at)
    if dep in ("xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp"):
        f[f"gov={dep}|{head_lem}"] = 1.0
    # a word governed by (or itself governing) "if", "unless" or "whether"
    conditional = _conditional_heads(tok.doc) if marked is None else marked
    if i in conditional or _governed_by(i, cols.heads(), conditional):
        f["cond"] = 1.0
    at = tok.idx
    for qs, qe, spk in quotes:
        if qs <= at < qe:
            f["in_quote"] = 1.0
            if spk is not None and spk.code:
                f["quote_speaker_coded"] = 1.0
            break
    return f


# one branch per dependency of the child, in one place so that the feature list reads as a whole
def _child_features(  # noqa: C901
    f: dict[str, float], lem: str, c: int, sdoc: Doc, cols: Columns, ent_at: dict[int, Entity]
) -> None:
    """The features the child at token index ``c`` of a candidate word (lemma ``lem``) adds."""
    dep = cols.dep_strings()[c]
    f[f"cd={dep}"] = 1.0
    if dep == "neg":
        f["neg"] = 1.0
    elif dep in ("aux", "auxpass"):
        cl = cols.lower_strings()[c]
        if cl in MODALS_FUTURE:
            f["aux_future"] = 1.0
        elif cl in MODALS_HYPOTHETICAL:
            f["aux_hyp"] = 1.0
            f[f"aux={cl}"] = 1.0
    elif dep == "prt":
        f[f"prt={lem}_{cols.lower_strings()[c]}"] = 1.0
    elif dep in ("nsubj", "nsubjpass", "csubj"):
        _arg_features("subj", sdoc[c], ent_at, f)
    elif dep in ("dobj", "attr", "oprd"):
        _arg_features("obj", sdoc[c], ent_at, f)
        f[f"ol={lem}|{cols.lemma_lower()[c]}"] = 1.0
    elif dep == "prep":
        prep = cols.lower_strings()[c]
        f[f"prep={lem}|{prep}"] = 1.0
        for g in cols.children()[c]:
            if cols.dep_strings()[g] == "pobj":
                _arg_features("pobj", sdoc[g], ent_at, f)
                f[f"pl={prep}|{cols.lemma_lower()[g]}"] = 1.0
    elif dep == "poss":
        _arg_features("poss", sdoc[c], ent_at, f)
    elif dep == "compound":
        f[f"cmp={cols.lemma_lower()[c]}|{lem}"] = 1.0
    elif dep in ("ccomp", "xcomp") and lem in SPEECH_LEMMAS:
        for x in sdoc[c].subtree:
            if x.pos_ in ("VERB", "NOUN", "ADJ") and not x.is_stop:
                f[f"cc={_lemma(x)}"] = 0.5
    elif dep == "xcomp":
        f[f"xl={lem}|{cols.lemma_lower()[c]}"] = 1.0


def _governed_by(i: int, heads: list[int], marked: frozenset[int]) -> bool:
    """One of the ancestors of token ``i`` (``Token.ancestors``: up the heads, at most one step per token)
    is in ``marked``."""
    for _ in range(len(heads)):
        h = heads[i]
        if h == i:
            return False
        if h in marked:
            return True
        i = h
    return False


def _conditional_heads(sdoc: Doc) -> frozenset[int]:
    """Indices of the words with a child "if", "unless" or "whether" marking their clause."""
    cols = columns(sdoc)
    marks = cols.where("dep", ("mark",)) & cols.where("lower", CONDITIONAL_MARKS)
    heads = cols.head[marks & (cols.head != np.arange(len(sdoc)))]
    return frozenset(heads.tolist())


class SentenceShape:
    """Per-document counts behind ``sentence_features``, as running sums over the tokens: the words (not
    punctuation), the numbers among them, the poll words among them."""

    __slots__ = ("numbers", "polls", "words")

    def __init__(self, sdoc: Doc) -> None:
        cols = columns(sdoc)
        words = ~cols.is_punct
        numbers = words & (cols.like_num | cols.where("lower", PERCENT_WORDS))
        polls = words & cols.where("lower", POLL_WORDS)
        self.words, self.numbers, self.polls = (_running(m) for m in (words, numbers, polls))

    def features(self, start: int, end: int, text: str, index: int) -> dict[str, float]:
        """The features of the sentence of tokens ``start..end-1``, whose text is ``text``."""
        f: dict[str, float] = {}
        if index == 0:
            f["s_first"] = 1.0
        if self.numbers[end] > self.numbers[start]:
            f["s_number"] = 1.0
        if self.polls[end] > self.polls[start]:
            f["s_poll"] = 1.0
        n = self.words[end] - self.words[start]
        f["s_len=" + ("short" if n < 8 else "mid" if n < 25 else "long")] = 1.0
        if text.rstrip().endswith("?"):
            f["s_question"] = 1.0
        if "http" in text or "www." in text:
            f["s_url"] = 1.0
        return f


def _running(mask: np.ndarray) -> list[int]:
    """``out[i]``: how many of ``mask[:i]`` are true."""
    return [0, *np.cumsum(mask, dtype=np.int64).tolist()]


def sentence_features(sent: Span, index: int, shape: SentenceShape | None = None) -> dict[str, float]:
    """The sentence's shape: first, numbers, poll words, length, question, web address (``shape``: its
    document's ``SentenceShape``, when the caller has it)."""
    shape = shape or SentenceShape(sent.doc)
    return shape.features(sent.start, sent.end, sent.text, index)


def rule_features(f: dict[str, float], rules: Iterable[Event]) -> None:
    for ev in rules:
        f[f"rule={ev.event}"] = 1.0
        for m in ev.mode:
            f[f"rule_m={ev.event}|{m}"] = 1.0
        f[f"rule_nact={min(len(ev.actor), 2)}"] = 1.0
        f[f"rule_nrec={min(len(ev.recipient), 2)}"] = 1.0
        if ev.actor and all(a.code is None for a in ev.actor):
            f["rule_actor_uncoded"] = 1.0
        f[f"rule_conf={round(ev.confidence * 10)}"] = 1.0


def _vector(tok: Token) -> np.ndarray | None:
    vec = tok.tensor
    return np.asarray(vec, dtype=np.float64) * VECTOR_SCALE if vec is not None and len(vec) else None


def _vectors(sdoc: Doc, rows: list[int]) -> list[np.ndarray | None]:
    """``_vector`` of the tokens at ``rows``, scaled in one step."""
    tensor = sdoc.tensor
    if tensor is None or not len(rows) or tensor.ndim != 2 or not tensor.shape[1]:
        return [_vector(sdoc[i]) for i in rows]
    return list(np.asarray(tensor[rows], dtype=np.float64) * VECTOR_SCALE)


def _candidate_words(sdoc: Doc, rule_at: set[int]) -> np.ndarray:
    """Whether each token is a candidate word: one a rule event is anchored on, or a word of three letters
    or more of a part of speech that can carry an event (not a stop-word auxiliary)."""
    cols = columns(sdoc)
    aux = cols.where("pos", ("AUX",))
    keep = cols.where("pos", CANDIDATE_POS) & ~(cols.is_stop & aux) & (cols.length >= 3) & cols.is_alpha
    if rule_at:
        keep[sorted(rule_at)] = True
    return keep


def vector_names(n: int) -> list[str]:
    return [f"v{i}" for i in range(n)]


def candidates(
    doc: Document, rule_events: list[Event], sent_feats: dict[int, dict[str, float]] | None = None
) -> list[Candidate]:
    """Every candidate word of every coded sentence, with the rule events anchored on it.  ``sent_feats``,
    when given, receives each coded sentence's ``sentence_features`` by sentence index (the sentence half
    reuses them)."""
    sdoc = doc.spacy
    if sdoc is None:
        return []
    ent_at = entities_by_token(doc)
    quotes = _quote_spans(doc)
    by_tok: dict[int, list[Event]] = {}
    for ev in rule_events:
        pos = ev.trigger_start if ev.trigger_start is not None else ev.start
        by_tok.setdefault(pos, []).append(ev)
    out: list[Candidate] = []
    marked = _conditional_heads(sdoc)
    shape = SentenceShape(sdoc)
    at = columns(sdoc).token_at_offset(by_tok)
    keep = np.flatnonzero(_candidate_words(sdoc, set(at.values()))).tolist()
    starts = columns(sdoc).idx.tolist()
    rows: list[int] = []
    for s, span in coded_spans(doc):
        sf = shape.features(span.start, span.end, doc.text[span.start_char : span.end_char], s.index)
        if sent_feats is not None:
            sent_feats[s.index] = sf
        k = bisect.bisect_left(keep, span.start)
        while k < len(keep) and keep[k] < span.end:
            i = keep[k]
            k += 1
            tok = sdoc[i]
            rules = by_tok.get(starts[i], [])
            f = token_features(tok, span, ent_at, quotes, sf, marked)
            rule_features(f, rules)
            out.append(Candidate(tok, s.index, f, rules))
            rows.append(i)
    for cand, vec in zip(out, _vectors(sdoc, rows), strict=True):
        cand.vector = vec
    # rule events whose trigger start is on no token start (rare): anchor on the token holding it
    seen = {id(e) for c in out for e in c.rules}
    for ev in rule_events:
        if id(ev) in seen:
            continue
        pos = ev.trigger_start if ev.trigger_start is not None else ev.start
        span = sdoc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is None or not len(span):
            continue
        tok = span[0]
        sent = tok.sent
        f = token_features(tok, sent, ent_at, quotes, sentence_features(sent, ev.sentence), marked)
        rule_features(f, [ev])
        out.append(Candidate(tok, ev.sentence, f, [ev], _vector(tok)))
    return out


class EventModel:
    """Multinomial logistic regression over sparse features, with an isotonic calibration map."""

    def __init__(self, data: dict[str, object]) -> None:
        unknown = set(data) - {
            "classes",
            "weights",
            "intercept",
            "calibration",
            "propose_min",
            "propose_again",
            "propose_sent",
            "sentence",
            "threshold",
            "trained_on",
            "version",
        }
        if unknown:
            raise ValueError(f"event model: unknown keys {sorted(unknown)}")
        self.classes: list[str] = list(data["classes"])  # type: ignore[call-overload]
        self.none = self.classes.index(NONE)
        weights: dict[str, list[float]] = data["weights"]  # type: ignore[assignment]
        self.linear = LinearScores(weights, data["intercept"], len(self.classes))  # type: ignore[arg-type]
        cal = data["calibration"]
        self.cal_x = np.asarray([p[0] for p in cal], dtype=np.float64)  # type: ignore[union-attr]
        self.cal_y = np.asarray([p[1] for p in cal], dtype=np.float64)  # type: ignore[union-attr]
        #: a word whose best non-NONE class has at least this probability is proposed as an event
        self.propose_min = float(data["propose_min"])  # type: ignore[arg-type]
        #: a second event of a type its sentence already has needs this probability
        self.propose_again = float(data.get("propose_again", self.propose_min))  # type: ignore[arg-type]
        #: a sentence this probable to hold a type, with no event of it yet, gets one
        self.propose_sent = float(data.get("propose_sent", 1.01))  # type: ignore[arg-type]
        sent = data.get("sentence")
        self.sentence: SentenceModel | None = None
        if sent is not None:
            from .sentences import SentenceModel

            self.sentence = SentenceModel(sent)  # type: ignore[arg-type]
        #: the default --min-confidence, chosen on the tune half for precision
        self.threshold = float(data["threshold"])  # type: ignore[arg-type]

    def probabilities(self, cands: list[Candidate]) -> np.ndarray:
        z = self.linear.scores([(c.features, c.vector) for c in cands])
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def calibrate(self, p: float) -> float:
        """The calibrated confidence, in (0, 1] as the output contract says: a map that reaches 0 (an isotonic
        step) still leaves the event its smallest printable confidence, 0.001."""
        return max(MIN_CONFIDENCE, round(float(np.interp(p, self.cal_x, self.cal_y)), 3))


def model_path() -> Path:
    return Path(str(resources.files("eventwire"))) / "data" / "events" / MODEL_FILE


def build_model(path: Path | None = None) -> EventModel:
    """The model read from its JSON file (about 0.3 s: the weights become arrays)."""
    with paused_gc():
        return EventModel(json.loads((path or model_path()).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def load_model() -> EventModel | None:
    """The shipped model, or None when there is no weight file.  Read from a cached copy (``eventwire.cache``)
    named by a fingerprint of the JSON file and of the modules that turn it into arrays, so a retrained file
    (or changed code) is read afresh, once."""
    path = model_path()
    if not path.is_file():
        return None
    here = Path(__file__).resolve().parent
    key = fingerprint([path, here / "learned.py", here / "sentences.py", here / "linear.py"])
    return load_or_build("event-model", key, lambda: build_model(path))


def best_other(p: np.ndarray, none: int) -> int:
    """Index of the most probable class that is not NONE."""
    q = p.copy()
    q[none] = -1.0
    return int(q.argmax())


# the three kinds of event (scored rule events, word proposals, sentence proposals) in one pass
def apply(  # noqa: C901
    doc: Document,
    cands: list[Candidate],
    probs: np.ndarray,
    classes: list[str],
    propose_min: float,
    calibrate: Callable[[float], float],
    propose_again: float | None = None,
    sent_probs: dict[int, dict[str, float]] | None = None,
    propose_sent: float = 1.01,
) -> list[Event]:
    """Rule events re-scored, plus the proposals the model is confident of, in text order.

    A word's score for a type is its own probability (token half), averaged with its sentence's probability
    of holding that type (sentence half, when given).  A rule event's confidence is the calibrated score of
    its type on its trigger word; the model never changes a rule event's type (where the news annotation and
    the development sets' CAMEO2PLOVER labels disagree, the lexicon's choice stands).  A word without a rule
    event is proposed as its most probable type when that probability reaches ``propose_min``; a second
    event of a type its sentence already has needs ``propose_again``.  A sentence whose probability of a type
    reaches ``propose_sent`` and that has no event of it yet gets one, on the word most probable for it.
    """
    from .statements import ArgumentFinder, proposal_event, rechoose

    again = propose_min if propose_again is None else propose_again
    none = classes.index(NONE)
    col = {c: i for i, c in enumerate(classes)}
    sp = sent_probs or {}

    def score(cand: Candidate, p: np.ndarray, event: str) -> float:
        pt = float(p[col[event]]) if event in col else 0.0
        ps = sp.get(cand.sentence, {}).get(event)
        return pt if ps is None else (pt + ps) / 2

    out: list[Event] = []
    have: set[tuple[int, str]] = set()
    wanted: list[tuple[float, float, Candidate, str]] = []
    #: the events whose parties the argument chooser reviews: (word, event), rule events and proposals
    scored: list[tuple[Candidate, Event]] = []
    proposed: list[tuple[Candidate, Event]] = []
    others = probs.copy()
    others[:, none] = -1.0
    best_js = others.argmax(axis=1).tolist() if len(cands) else []  # ``best_other`` of every row
    for cand, p, j in zip(cands, probs, best_js, strict=True):
        if cand.rules:
            for rule in cand.rules:
                ev = copy.copy(rule)  # the candidates stay as the rules made them (training re-applies them)
                ev.confidence = calibrate(score(cand, p, ev.event))
                have.add((cand.sentence, ev.event))
                out.append(ev)
                scored.append((cand, ev))
        elif p[j] >= propose_min and not cand.token.ent_type_:  # a word of a name is no event word
            wanted.append((float(p[j]), score(cand, p, classes[j]), cand, classes[j]))
    if sp:
        best: dict[tuple[int, str], tuple[float, Candidate, np.ndarray]] = {}
        for cand, p in zip(cands, probs, strict=True):
            if cand.rules or cand.token.ent_type_:
                continue
            for event, ps in sp.get(cand.sentence, {}).items():
                if ps >= propose_sent and event in col:
                    key = (cand.sentence, event)
                    if key not in best or best[key][0] < p[col[event]]:
                        best[key] = (float(p[col[event]]), cand, p)
        for (_, event), (pt, cand, p) in best.items():
            wanted.append((max(pt, propose_min), score(cand, p, event), cand, event))
    args = ArgumentFinder(doc, entities_by_token(doc))
    if wanted:
        quotes = [(q.content_start, q.content_end, q.speaker) for q in doc.quotes]
        done: set[int] = set()
        for pt, raw, cand, event in sorted(wanted, key=lambda w: -w[1]):
            key = (cand.sentence, event)
            if cand.token.i in done or (key in have and pt < again):
                continue
            pos = cand.token.idx
            speaker = next((s for qs, qe, s in quotes if qs <= pos < qe), None)
            ev = proposal_event(doc, cand, event, calibrate(raw), args, speaker)
            if ev is not None:
                have.add(key)
                done.add(cand.token.i)
                out.append(ev)
                proposed.append((cand, ev))
    rechoose(doc, args, proposed, scored)
    out.sort(key=lambda e: (e.start, e.trigger_start or 0))
    return out


def sentence_probabilities(
    doc: Document,
    rule_events: list[Event],
    model: EventModel,
    sent_feats: dict[int, dict[str, float]] | None = None,
) -> dict[int, dict[str, float]]:
    """Sentence index -> PLOVER type -> probability that the sentence holds such an event (``sent_feats``: the
    sentences' ``sentence_features`` where already computed)."""
    if model.sentence is None:
        return {}
    from .sentences import sentence_rows

    rows = sentence_rows(doc, rule_events, sent_feats)
    if not rows:
        return {}
    probs = model.sentence.probabilities(rows)
    names = model.sentence.classes
    return {
        row.index: dict(zip(names, map(float, p), strict=True)) for row, p in zip(rows, probs, strict=True)
    }


def rescore(doc: Document, rule_events: list[Event], model: EventModel) -> list[Event]:
    """The events of a document after the learned model: scored rule events and proposals."""
    sent_feats: dict[int, dict[str, float]] = {}
    cands = candidates(doc, rule_events, sent_feats)
    if not cands:
        return rule_events
    probs = model.probabilities(cands)
    return apply(
        doc,
        cands,
        probs,
        model.classes,
        model.propose_min,
        model.calibrate,
        model.propose_again,
        sentence_probabilities(doc, rule_events, model, sent_feats),
        model.propose_sent,
    )
