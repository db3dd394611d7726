"""PLOVER reductions: the manual's rules that turn one coding into another ("Auxiliary modes" and the
AGREE / CONCEDE / REJECT / THREATEN notes; the ambiguity notes of ASSAULT, PROTEST and MOBILIZE).

Each rule reads and rewrites a ``Coding`` (event, mode, CAMEO code, auxiliary modes); the tables say
which code each reduction gives.  Rules are applied by ``Finish.finish`` in this order: auxiliary modes
(``reduce_aux``), then the sentence-level reclassifications (``reclassify``), then, once the evidence
span is known, the cue reclassifications (``reclassify_by_cues``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Entity
from .context import Cand
from .syntax import has_prep
from .vocab import (
    COOPERATIVE,
    EXERCISES,
    MATERIAL_CONFLICT,
    ORDER_VERBS,
    TABLES,
    VIOLENCE_CUES,
    WITH,
    WORDS,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: the actor's own future cooperation is a commitment: AGREE with CAMEO's "express intent to" code
FUTURE_AGREE: dict[str, str] = TABLES["future_agree"]
#: announced force, sanctions, protests: THREATEN, with the CAMEO code of the announced event (else 130)
THREAT_CAMEO: dict[str, str] = TABLES["threat_cameo"]
#: words of a cyber operation: an "attack" among them is COERCE cyber (CAMEO 170)
CYBER_WORDS = WORDS["cyber_words"]
PEACEKEEPING = WORDS["peacekeeping_words"]


@dataclass
class Coding:
    """The coding of a candidate as the reductions rewrite it."""

    event: str
    mode: list[str]
    cameo: str
    aux: list[str]

    def set(self, event: str, mode: list[str], cameo: str) -> None:
        self.event, self.mode, self.cameo = event, mode, cameo

    def drop_aux(self, aux: str) -> None:
        self.aux = [a for a in self.aux if a != aux]


def inner_mode(event: str, inner: Cand) -> list[str]:
    ie, im = inner.event, set(inner.mode)
    if event in ("REQUEST", "REJECT"):
        if ie in ("CONSULT", "AGREE"):
            return ["meet"]
        if ie in ("AID", "COOPERATE", "SUPPORT"):
            return ["assist"]
        if ie in ("RETREAT", "CONCEDE"):
            return ["yield"]
        return []
    if event == "THREATEN":
        if ie in ("ASSAULT", "MOBILIZE"):
            return ["territory"] if inner.cameo == "192" else ["violence"]
        if ie == "SANCTION":
            return ["expel"] if "expel" in im else (["relations"] if "withdraw" in im else ["restrict"])
        if ie == "COERCE":
            if "arrest" in im:
                return ["arrest"]
            if "deport" in im:
                return ["expel"]
            if inner.cameo == "192":
                return ["territory"]
            return ["restrict"]
    return []


def reduce_aux(c: Cand, k: Coding, actors: list[Entity], recips: list[Entity]) -> bool:
    """Negated cooperation is REJECT; the actor's own future cooperation is AGREE, its announced force a
    THREATEN.  False when the candidate is no event ("did not reject", a condition with no one acting)."""
    if "negated" in k.aux:
        if k.event in COOPERATIVE and actors:
            inner = Cand(c.tokens, k.event, k.mode, k.cameo, set(), 0, c.clause)
            event, cameo = "REJECT", "12" + ("5" if k.event in ("CONSULT", "AGREE") else "0")
            k.set(event, inner_mode("REJECT", inner), cameo)
            k.drop_aux("negated")
        elif k.event == "REJECT":
            return False  # "did not reject" is not a rejection
    elif "future" in k.aux and "hypothetical" not in k.aux:
        # the actor's own future ("will meet", "plans to send"), not an expectation reported by others
        reduce_future(c, k, actors, recips)
    if "expected" in k.aux:
        k.aux = list(dict.fromkeys("future" if a == "expected" else a for a in k.aux))
    # "should agreements be reached": a condition with no one acting is no event
    return not ("hypothetical" in k.aux and not actors and not recips)


def reduce_future(c: Cand, k: Coding, actors: list[Entity], recips: list[Entity]) -> None:
    if k.event in FUTURE_AGREE:
        k.set("AGREE", [], FUTURE_AGREE[k.event])
    elif k.event == "RETREAT" and not c.nominal:
        # announced intent to yield: CAMEO 035, which CAMEO2PLOVER codes AGREE
        k.set("AGREE", [], "035")
    elif k.event == "MOBILIZE" and recips:
        # "ready to send troops to X": intent to provide military assistance (CAMEO 0332)
        k.set("AGREE", [], "033")
    elif actors and (k.event in MATERIAL_CONFLICT or k.event == "PROTEST" or k.cameo == "125"):
        # announced force, sanctions, protests or boycotts: THREATEN (manual: THREATEN = ASSAULT +
        # hypothetical, coded as the single category); the mode is the content of the threat
        inner = Cand(c.tokens, k.event, k.mode, k.cameo, set(), 0, c.clause)
        tmode = inner_mode("THREATEN", inner)
        if k.event == "PROTEST" or k.cameo == "125":
            tmode = ["relations"]
        cameo = "134" if c.cameo == "125" else THREAT_CAMEO.get(c.event, "130")
        k.set("THREATEN", tmode, cameo)
    else:
        return
    k.drop_aux("future")


def reclassify(
    c: Cand, k: Coding, actors: list[Entity], words: set[str], lemma: Callable[[Token], str]
) -> None:
    """Reclassifications by the sentence's words (``words``: its lower-case tokens) and the actors."""
    if (
        k.event == "ASSAULT"
        and lemma(c.tokens[-1]) == "attack"
        and lemma(c.tokens[0]) not in ORDER_VERBS
        and c.actor_heads
        and all(h.ent_type_ == "PERSON" for h in c.actor_heads)
        and not (words & VIOLENCE_CUES)
    ):
        # a named person "launching an attack on" someone, with no sign of violence: a verbal attack
        k.set("ACCUSE", ["disapprove"], "111")
    if k.event == "ASSAULT" and CYBER_WORDS & words:
        k.set("COERCE", ["cyber"], "170")
    if (
        k.event == "PROTEST"
        and actors
        and all((a.sector in ("GOV", "MIL") or (a.label == "GPE" and a.kind == "ner")) for a in actors)
        and c.tokens[0].pos_ != "NOUN"
    ):
        # protests by states are diplomatic protests (ACCUSE disapprove), per the manual
        k.set("ACCUSE", ["disapprove"], "111")


def reclassify_by_cues(
    c: Cand, k: Coding, actors: list[Entity], lemmas: set[str], lemma: Callable[[Token], str]
) -> None:
    """Reclassifications by the words of the evidence span (``lemmas``)."""
    if k.event == "MOBILIZE" and lemmas & PEACEKEEPING:
        # deploying peacekeepers is providing military protection (CAMEO 074, PLOVER AID)
        k.set("AID", [], "074")
    if (
        k.event == "MOBILIZE"
        and k.cameo == "152"
        and {lemma(t) for t in c.tokens} & EXERCISES
        and (
            "joint" in lemmas
            or len({a.code or a.entity_text for a in actors}) > 1
            or any(has_prep(t, WITH) for t in c.tokens)
        )
    ):
        # joint military exercises / war games are COOPERATE (CAMEO 062); only single-country exercises
        # are MOBILIZE (manual, MOBILIZE ambiguities)
        k.set("COOPERATE", [], "062")
