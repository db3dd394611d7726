"""The tense of the clause a time expression sits in, read off the spaCy parse."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..resources import english
from .rules import lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: modals that place an event ahead ("will meet", "said it would meet"); the others
#: ("could", "may", "must"...) say nothing of when, and give the tense "MODAL" (``data/english.json``)
FUTURE_MODALS = english("future_modals")
MODALS = FUTURE_MODALS | english("hypothetical_modals") | {"can", "ca"}
PERFECT = frozenset({"has", "have", "'ve", "had", "'d"})


def _future_verbs() -> frozenset[str]:
    return _lex_set("future_verbs")


@functools.lru_cache(maxsize=8)
def _lex_set(key: str) -> frozenset[str]:
    return frozenset(lexicon()[key])


def verb_tense(v: Token, depth: int = 0) -> str | None:
    """ "PAST", "PRESENT", "FUTURE" or "MODAL" for a verb token, from its tag and auxiliaries.

    "will" and "would" and infinitives ("plans to meet") count as future,
    the present progressive ("is meeting Monday") as future too (its usual reading with a
    date); the present perfect ("has met") as past.
    """
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    lowers = [a.lower_ for a in auxes]
    if any(a in MODALS for a in lowers):
        if "have" in lowers and v.tag_ == "VBN":  # "would have met"
            return "PAST"
        return "FUTURE" if any(a in FUTURE_MODALS for a in lowers) else "MODAL"
    if "to" in lowers or (v.tag_ == "VB" and v.dep_ in ("xcomp", "advcl") and not auxes):
        # an infinitive looks forward from a verb of planning ("plans to meet Monday"),
        # else it takes the tense of the verb it depends on ("was allowed to inspect since")
        head = v.head
        if head.i == v.i or depth > 4 or head.lemma_.lower() in _future_verbs():
            return "FUTURE"
        if head.pos_ in ("VERB", "AUX", "ADJ"):
            return verb_tense(head, depth + 1) if head.pos_ != "ADJ" else "FUTURE"
        return "FUTURE"
    if v.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "PAST"
    if v.tag_ == "VBN":
        if not auxes or any(a in PERFECT for a in lowers):
            return "PAST"
        return "PRESENT"
    if v.tag_ == "VBG":
        if any(a.lemma_ == "be" for a in auxes):
            going = v.lower_ == "going" and any(c.dep_ == "xcomp" for c in v.children)
            return "FUTURE" if going or auxes[0].tag_ != "VBD" else "PAST"
        return None
    if v.tag_ in ("VBZ", "VBP"):
        return "PRESENT"
    if v.tag_ == "MD":
        return "FUTURE" if v.lower_ in FUTURE_MODALS else "MODAL" if v.lower_ in MODALS else None
    return None


def tense_at(sdoc: Doc, start: int, end: int) -> str | None:
    """Tense of the nearest verb governing the characters ``[start, end)`` of ``sdoc``."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    # "since May 20": the preposition fixes the direction whatever the verb
    if tok.dep_ == "pobj" and tok.head.lower_ in _lex_set("past_prepositions"):
        return "PAST"
    for _ in range(10):
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ != "MD":
            t = verb_tense(tok)
            if t is not None:
                return t
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None
