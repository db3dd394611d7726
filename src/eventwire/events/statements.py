"""Events the learned model proposes where no lexicon trigger fired, with their arguments from the parse.

Most are statement acts ("X said Y lied", "X denied ...", "X urged ..."): the actor is the speaker (the
subject of the reporting verb, or the speaker of the quotation holding the word), the recipient the party
the statement is about (the object, a prepositional object, or the subject of the reported clause).
The status comes from the clause: a negation, a future or hypothetical auxiliary, a condition.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Document, Entity, Event
from .learned import MODALS_FUTURE, MODALS_HYPOTHETICAL, SPEECH_LEMMAS, Candidate
from .lexicon import load as load_lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
RECIPIENT_PREPS = frozenset({"against", "on", "to", "with", "at", "of", "toward", "towards", "from", "over"})
#: verbs whose complement is wished for, proposed or asked for, not asserted
IRREALIS = frozenset({"want", "hope", "propose", "seek", "try", "ask", "urge", "plan", "consider", "wish"})
PRONOUN_POS = "PRON"
CONDITIONS = ("if", "unless")


@functools.lru_cache(maxsize=1)
def cameo_roots() -> dict[str, str]:
    path = Path(str(resources.files("eventwire"))) / "data" / "events" / "plover_roots.tsv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            event, root = line.split("\t")
            out[event] = root
    return out


def _subject(tok: Token) -> Token | None:
    node = tok
    for _ in range(4):
        for c in node.children:
            if c.dep_ in SUBJECT_DEPS:
                return c
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head.i != node.i:
            node = node.head
            continue
        break
    return None


def _noun_actor(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        return _subject(tok.head)
    return None


def _recipient(tok: Token, speech: bool) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "dative") and c.pos_ in ("PROPN", "NOUN", "PRON"):
            return c
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS:
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN", "PRON"):
                    return g
    if speech:
        for c in tok.children:
            if c.dep_ == "ccomp":
                return _subject(c)
    return None


def _status(tok: Token) -> list[str]:
    node = tok
    for depth in range(3):
        for c in node.children:
            if c.dep_ == "neg" and depth == 0:
                return ["negated"]
            if c.dep_ in ("aux", "auxpass"):
                if c.lower_ in MODALS_FUTURE:
                    return ["future"]
                if c.lower_ in MODALS_HYPOTHETICAL:
                    return ["hypothetical"]
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return ["hypothetical"]
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children):
                return ["hypothetical"]  # the main clause of a condition ("if X fails, Y criticizes it")
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in IRREALIS:
            return ["hypothetical"]
        if node.dep_ not in ("xcomp", "conj", "ccomp") or node.head.i == node.i:
            break
        node = node.head
    return []


class ArgumentFinder:
    """Turns argument tokens into the article's entity records (or a noun phrase when none covers them)."""

    def __init__(self, doc: Document, ent_at: dict[int, Entity]) -> None:
        self.doc = doc
        self.ent_at = ent_at

    def entity(self, tok: Token | None) -> Entity | None:
        if tok is None:
            return None
        ent = self.ent_at.get(tok.i)
        if ent is not None:
            return ent
        for x in tok.subtree:
            ent = self.ent_at.get(x.i)
            if ent is not None:
                return ent
        if tok.pos_ == PRONOUN_POS or tok.pos_ not in ("NOUN", "PROPN"):
            return None  # an unresolved pronoun or a clause: no party we can name
        left = min(x.idx for x in tok.subtree if x.i <= tok.i and x.dep_ not in ("punct", "cc", "prep"))
        ends = [x.idx + len(x.text) for x in tok.subtree if x.i <= tok.i or x.dep_ in ("compound", "amod")]
        right = max(ends)
        return Entity(
            entity_text=self.doc.text[left:right],
            start=left,
            end=right,
            sentence=self.doc.sentence_at(left),
            kind="noun_phrase",
        )


def proposal_event(
    doc: Document,
    cand: Candidate,
    event: str,
    confidence: float,
    args: ArgumentFinder,
    speaker: Entity | None,
) -> Event | None:
    """An Event for a word the model proposes as ``event``, or None when it has no actor at all."""
    tok = cand.token
    lem = tok.lemma_.lower()
    speech = lem in SPEECH_LEMMAS
    if tok.pos_ in ("NOUN", "PROPN"):
        actor_tok = _noun_actor(tok)
    else:
        actor_tok = _subject(tok)
    actor = args.entity(actor_tok)
    if actor is None and speaker is not None:
        actor = speaker
    recip = args.entity(_recipient(tok, speech))
    if recip is not None and actor is not None and (recip.start, recip.end) == (actor.start, actor.end):
        recip = None
    if actor is None and recip is None:
        return None
    lex = load_lexicon()
    root = cameo_roots()[event]
    t_start, t_end = tok.idx, tok.idx + len(tok.text)
    sent = tok.sent
    parts = [t_start, t_end] + [e.start for e in (actor, recip) if e] + [e.end for e in (actor, recip) if e]
    start = max(min(parts), sent.start_char)
    end = min(max(parts), sent.end_char)
    return Event(
        id="",
        event=event,
        start=start,
        end=end,
        event_text=doc.text[start:end],
        sentence=cand.sentence,
        date=doc.article.date.isoformat() if doc.article.date else None,
        mode=_status(tok),
        context=[],
        actor=[actor] if actor else [],
        recipient=[recip] if recip else [],
        quad_code=lex.quad.get(event),
        event_scale=lex.scale(event, []),
        cameo_root=root,
        goldstein=lex.goldstein_root.get(root),
        confidence=confidence,
        trigger=tok.text,
        trigger_start=t_start,
        trigger_end=t_end,
        date_source="article" if doc.article.date else None,
    )
