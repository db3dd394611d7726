"""Checks applied to every coded event after the coder and the learned model: words that look like events but
are not, and events whose clause says they did not (yet) happen.

- A violent or coercive verb whose subject or passive agent is a natural force, an accident or an illness
  ("struck by lightning", "the storm hit", "the virus killed") is no event: the list is
  ``data/events/natural_forces.txt``.
  A participle clause without a subject of its own takes its governing clause's ("the storm hit the coast,
  killing three").
- In a sentence holding a web address, an event with neither actor nor recipient ("please visit: <url>") is
  the page's furniture, not an event.
- Poll figures and standings are no acts: an attitude (support, opposition, disapproval) measured in percent
  or points ("has 41 percent support"), or held by such a figure ("60 percent back the plan").
- A game's score on a violent verb ("beat the Celtics 110-102") makes it a sports result.
- Asking a question is no request: an asking verb with a "whether" / wh- clause or an "about" phrase and no
  infinitive ("was asked whether he would resign", "asked about the deal").
- An event inside a clause governed by a modal ("would have final signoff on any operation to kill X",
  "could face sanctions") or introduced by "any" is marked ``hypothetical`` when it carries no status yet;
  reported speech ("said it would ...") is the speaker's statement and keeps its own status.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Document, Event
from .vocab import POLL_TYPES, QUESTION_MARKS, QUESTION_VERBS, STANDING_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

STATUS = frozenset({"future", "hypothetical", "negated"})
MODALS = frozenset({"would", "could", "might", "may", "should", "must"})
#: relations a clause inherits its modality through (not ccomp: reported speech keeps the speaker's own)
CLIMB = frozenset(
    {"xcomp", "acl", "prep", "pobj", "dobj", "pcomp", "advcl", "nsubj", "nsubjpass", "conj", "relcl"}
)
#: types whose content is already about what has not happened (a threat, a demand, a promise)
OWN_STATUS = frozenset({"THREATEN", "REQUEST", "AGREE"})
FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "RETREAT"})
#: types a sports result is mistaken for ("beat", "crushed", "routed")
SCORE_TYPES = frozenset({"ASSAULT", "COERCE"})
SCORE = re.compile(r"^\d{1,3}\s*[-\u2013]\s*\d{1,3}$")
#: clauses whose missing subject is their governing clause's ("..., killing three")
SUBJECTLESS = frozenset({"advcl", "xcomp", "conj"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})
#: modifiers that measure a noun ("41 percent support")
MEASURES = frozenset({"compound", "nmod", "amod", "nummod", "quantmod"})
#: relations of the word that opens a question clause ("whether", "what", "who")
QUESTION_DEPS = frozenset({"mark", "advmod", "nsubj", "dobj", "attr"})


@functools.lru_cache(maxsize=1)
def natural_forces() -> frozenset[str]:
    path = Path(str(resources.files("eventwire"))) / "data" / "events" / "natural_forces.txt"
    words = (line.split("#", 1)[0].strip().lower() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w)


def _trigger(doc: Document, ev: Event) -> Token | None:
    sdoc = doc.spacy
    if sdoc is None or ev.trigger_start is None or ev.trigger_end is None:
        return None
    span = sdoc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _forced(tok: Token, forces: frozenset[str]) -> bool:
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj") and c.lemma_.lower() in forces:
            return True
        if c.dep_ == "agent" and any(g.dep_ == "pobj" and g.lemma_.lower() in forces for g in c.children):
            return True
    return False


def by_natural_force(tok: Token) -> bool:
    forces = natural_forces()
    node = tok
    for _ in range(3):
        if _forced(node, forces):
            return True
        if any(c.dep_ in SUBJECTS for c in node.children):
            return False
        if node.dep_ == "acl":  # "a storm killing three": the noun is the subject
            return node.head.lemma_.lower() in forces
        if node.dep_ not in SUBJECTLESS or node.head.i == node.i:
            return False
        node = node.head
    return False


def _standing_word(tok: Token) -> bool:
    return tok.lower_ in STANDING_WORDS or tok.lemma_.lower() in STANDING_WORDS


def _measured(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") and any(
        _standing_word(c) for c in tok.children if c.dep_ in MEASURES
    )


def standing(tok: Token) -> bool:
    """A poll figure or a standing, not an act: "41 percent support", "60 percent of voters back X"; ``tok``
    is the root of the trigger (a light verb's trigger "has 41 percent support" is read through its
    object)."""
    if _measured(tok) or any(c.dep_ == "dobj" and _measured(c) for c in tok.children if tok.pos_ != "NOUN"):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and _standing_word(c) for c in tok.children)


def sports_score(tok: Token) -> bool:
    """A game's score hangs on the verb or its object ("beat the Celtics 110-102")."""
    near = [*tok.children, *(g for c in tok.children for g in c.children)]
    if any(SCORE.match(t.text) for t in near):
        return True
    # a score split into three tokens: "110", "-", "102"
    doc = tok.doc
    return any(
        t.like_num and t.i + 2 < len(doc) and doc[t.i + 1].text in "-\u2013" and doc[t.i + 2].like_num
        for t in near
    )


def question(tok: Token) -> bool:
    """Asking a question: an asking verb with a "whether" / wh- clause or an "about" phrase, no infinitive."""
    if tok.lemma_.lower() not in QUESTION_VERBS:
        return False
    kids = list(tok.children)
    if any(c.dep_ == "xcomp" for c in kids):
        return False  # "asked him to resign"
    for c in kids:
        if c.dep_ == "prep" and c.lower_ == "about":
            return True
        if c.dep_ in ("ccomp", "advcl", "dobj") and any(
            g.lower_ in QUESTION_MARKS and g.i <= c.i and g.dep_ in QUESTION_DEPS for g in c.subtree
        ):
            return True
    return False


def modal_clause(tok: Token) -> bool:
    node = tok
    for _ in range(8):
        for c in node.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS:
                return True
            if c.dep_ == "det" and c.lower_ == "any" and node.pos_ == "NOUN":
                return True
            if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
                return True
        if node.dep_ not in CLIMB or node.head.i == node.i:
            return False
        node = node.head
    return False


def check(doc: Document, events: list[Event]) -> list[Event]:
    text = doc.text
    out: list[Event] = []
    for ev in events:
        tok = _trigger(doc, ev)
        if tok is not None and ev.event in FORCE_TYPES and by_natural_force(tok):
            continue
        if tok is not None and (
            (ev.event in POLL_TYPES and standing(tok))
            or (ev.event in SCORE_TYPES and sports_score(tok))
            or (ev.event == "REQUEST" and question(tok))
        ):
            continue
        if not ev.actor and not ev.recipient:
            sent = tok.sent if tok is not None else None
            s = text[sent.start_char : sent.end_char] if sent is not None else ev.event_text
            if "http://" in s or "https://" in s or "www." in s:
                continue
        if (
            tok is not None
            and ev.event not in OWN_STATUS
            and not (STATUS & set(ev.mode))
            and modal_clause(tok)
        ):
            ev.mode = [*ev.mode, "hypothetical"]
        out.append(ev)
    return out
