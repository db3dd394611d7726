"""Event status (asserted, future, hypothetical, negated) from a small learned model over the trigger clause.

The rule coder and the learned proposals each set a status from a few cues (a modal auxiliary, "not", "if",
a wanting verb above the trigger).  News states plans, conditions, demands and denials in many more ways
("is expected to", "plans call for", "has yet to", "a possible meeting", "threatened to"), so the status
of every event is re-read by a multinomial logistic model over the clause around its trigger word: the
trigger's own form and children (auxiliaries, negation, markers), the chain of words above it (the verbs
that govern it, their auxiliaries and negation), the words just before it, the event type, and the rules'
own status as one feature among the others.  Trained by ``scripts/train_status_model.py`` on the news
annotations (``training/news-events.jsonl``) and the tune half of the exhaustive set; the weights are
``data/events/model/status_model.json`` (see ``SOURCE.md`` there).

Only the status words of ``Event.mode`` change ("future", "hypothetical", "negated"); the other mode words
(``"resign"``, ``"visit"`` ...) stay.  The model changes a status only when its probability for the new one
reaches ``margin`` (in the weight file), so where it is unsure the rules' reading stands.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..cache import fingerprint, load_or_build
from .linear import LinearScores

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from ..model import Document, Event

#: the statuses of the annotation guide, in the order the model's classes are written
STATUSES = ("asserted", "future", "hypothetical", "negated")
#: mode words that are statuses (replaced by the model's reading); every other mode word is kept
STATUS_WORDS = frozenset(STATUSES[1:])
#: child relations whose words say something of status ("will", "not", "if", "yet", "never", "to")
_CHILD_DEPS = frozenset({"aux", "auxpass", "neg", "mark", "advmod", "prep", "agent"})
_FUTURE_WORDS = frozenset(
    {"tomorrow", "next", "upcoming", "later", "soon", "planned", "proposed", "possible"}
)


def model_path() -> Path:
    return Path(str(resources.files("eventwire"))) / "data" / "events" / "model" / "status_model.json"


def rule_status(mode: list[str] | None) -> str:
    """The status the rules gave (a mode list): negated before hypothetical before future."""
    have = set(mode or [])
    for s in ("negated", "hypothetical", "future"):
        if s in have:
            return s
    return "asserted"


def _word(t: Token) -> str:
    return t.lower_ if t.pos_ in ("AUX", "PART", "ADP", "SCONJ", "ADV", "PRON", "DET") else t.lemma_.lower()


def cue_status(tok: Token) -> str:
    """The status the proposals' cue rules read at ``tok`` (``statements._status``), as one word."""
    from .statements import _status

    return rule_status(_status(tok))


def features(tok: Token, event: str) -> dict[str, float]:
    """Sparse named features of the trigger word ``tok`` of an event of type ``event``."""
    f: dict[str, float] = {}
    rule = cue_status(tok)
    morph = tok.morph
    tense = ",".join(morph.get("Tense")) or "-"
    form = ",".join(morph.get("VerbForm")) or "-"
    f[f"rule={rule}"] = 1.0
    f[f"ev={event}"] = 1.0
    f[f"ev={event}|rule={rule}"] = 1.0
    f[f"pos={tok.pos_}"] = 1.0
    f[f"tag={tok.tag_}"] = 1.0
    f[f"dep={tok.dep_}"] = 1.0
    f[f"lem={tok.lemma_.lower()}"] = 1.0
    f[f"form={form}|tense={tense}"] = 1.0
    f[f"ev={event}|pos={tok.pos_}"] = 1.0
    for c in tok.children:
        if c.dep_ in _CHILD_DEPS:
            f[f"c:{c.dep_}:{_word(c)}"] = 1.0
        elif c.dep_ in ("amod", "compound", "poss", "det", "nummod"):
            f[f"m:{c.dep_}:{c.lemma_.lower()}"] = 1.0
        elif c.dep_ in ("xcomp", "ccomp", "advcl"):
            f[f"c:{c.dep_}"] = 1.0
    node = tok
    for k in range(4):
        head = node.head
        if head.i == node.i:
            f[f"root@{k}"] = 1.0
            break
        f[f"up{k}:{node.dep_}:{head.lemma_.lower()}"] = 1.0
        f[f"up:{node.dep_}:{head.lemma_.lower()}"] = 1.0
        f[f"upd:{node.dep_}"] = 1.0
        for c in head.children:
            if c.i != node.i and c.dep_ in ("aux", "auxpass", "neg", "mark"):
                f[f"uc:{c.dep_}:{_word(c)}"] = 1.0
        if head.pos_ in ("VERB", "AUX"):
            htense = ",".join(head.morph.get("Tense")) or "-"
            f[f"uform{k}={','.join(head.morph.get('VerbForm')) or '-'}|{htense}"] = 1.0
        node = head
    sent = tok.sent
    for t in tok.doc[max(sent.start, tok.i - 3) : tok.i]:
        f[f"l:{t.lower_}"] = 1.0
    words = {t.lower_ for t in sent}
    if "?" in words:
        f["question"] = 1.0
    for w in words & _FUTURE_WORDS:
        f[f"s:{w}"] = 1.0
    return f


@dataclass
class StatusModel:
    scores: LinearScores
    classes: list[str]
    margin: float

    def probabilities(self, rows: list[dict[str, float]]) -> np.ndarray:
        z = self.scores.scores([(r, None) for r in rows])
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, rows: list[dict[str, float]], rules: list[str]) -> list[str]:
        """The status of each row: the model's when it is at least ``margin`` sure, else the rules'."""
        if not rows:
            return []
        probs = self.probabilities(rows)
        out = []
        for p, rule in zip(probs, rules, strict=True):
            j = int(p.argmax())
            out.append(self.classes[j] if p[j] >= self.margin else rule)
        return out


def build_model(path: Path) -> StatusModel:
    raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    classes = list(raw["classes"])
    return StatusModel(
        LinearScores(raw["weights"], raw["intercept"], len(classes)), classes, float(raw["margin"])
    )


@lru_cache(maxsize=1)
def load_status_model() -> StatusModel | None:
    """The shipped status model (from a cached copy, like the event model), or None without a weight file."""
    path = model_path()
    if not path.is_file():
        return None
    here = Path(__file__).resolve().parent
    key = fingerprint([path, here / "status.py", here / "linear.py"])
    return load_or_build("status-model", key, lambda: build_model(path))


def trigger_token(sdoc: Doc, ev: Event) -> Token | None:
    """The word of the parse where the event's trigger starts (its head word for a multi-word trigger)."""
    if ev.trigger_start is None or ev.trigger_end is None:
        return None
    span = sdoc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def restate(doc: Document, events: list[Event], model: StatusModel) -> None:
    """Set the status words of each event's mode from the model (in place)."""
    sdoc = doc.spacy
    if sdoc is None or not events:
        return
    todo: list[tuple[Event, str]] = []
    rows: list[dict[str, float]] = []
    for ev in events:
        tok = trigger_token(sdoc, ev)
        if tok is None:
            continue
        rule = rule_status(ev.mode)
        todo.append((ev, rule))
        rows.append(features(tok, ev.event))
    for (ev, rule), status in zip(todo, model.predict(rows, [r for _, r in todo]), strict=True):
        if status == rule:
            continue
        kept = [m for m in ev.mode or [] if m not in STATUS_WORDS]
        ev.mode = kept if status == "asserted" else [*kept, status]
