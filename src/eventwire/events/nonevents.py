"""Checks applied to every coded event after the coder and the learned model: words that look like events but
are not, and events whose clause says they did not (yet) happen.

- A violent or coercive verb whose subject or passive agent is a natural force, an accident or an illness
  ("struck by lightning", "the storm hit", "the virus killed") is no event: the list is
  ``data/events/natural_forces.txt``.
- In a sentence holding a web address, an event with neither actor nor recipient ("please visit: <url>") is
  the page's furniture, not an event.
- An event inside a clause governed by a modal ("would have final signoff on any operation to kill X",
  "could face sanctions") or introduced by "any" is marked ``hypothetical`` when it carries no status yet;
  reported speech ("said it would ...") is the speaker's statement and keeps its own status.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Document, Event

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


def by_natural_force(tok: Token) -> bool:
    forces = natural_forces()
    for c in tok.children:
        if c.dep_ in ("nsubj", "csubj") and c.lemma_.lower() in forces:
            return True
        if c.dep_ == "agent" and any(g.dep_ == "pobj" and g.lemma_.lower() in forces for g in c.children):
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
