"""Lexicon matching and sense disambiguation: which lexicon entry a token is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp.deps import subject
from .context import CoderBase
from .lexicon import Entry, inner_matches, senses
from .syntax import dobj, has_prep, particles, passive_subj, prep_objects, to_clause
from .vocab import CONTAINER_NOUNS, GENERIC_HEADS, MULTI_ACTOR_PREPS, PLURAL_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


class Triggers(CoderBase):
    def match(self, t: Token, pos: str) -> Entry | None:
        lemma = self.lemma(t)
        if pos == "N" and lemma == "fire" and any(c.lower_ == "cease" for c in t.lefts):
            lemma = "ceasefire"  # "cease-fire" split by the tokenizer
        if pos == "N" and t.lower_ in PLURAL_NOUNS:
            lemma = {"talks": "talk", "sanctions": "sanction"}.get(t.lower_, lemma)
        for e in self.lex.entries(lemma, pos):
            if self.cond_ok(e, t):
                return e
        return None

    def names_meeting(self, t: Token) -> bool:
        """``t`` is a noun for a meeting ("the summit", "talks"), never a party to one."""
        if t.pos_ != "NOUN":
            return False
        entry = self.match(t, "N")
        return entry is not None and entry.event == "CONSULT"

    def object_of(self, t: Token) -> Token | None:
        return dobj(t) or passive_subj(t)

    def subject_token(self, t: Token) -> Token | None:
        return subject(t)

    # complexity over 15: one independent test per lexicon condition key (lexicon.Cond), in one place
    def cond_ok(self, e: Entry, t: Token) -> bool:  # noqa: C901
        c = e.cond
        obj = self.object_of(t) if e.pos == "V" else None
        obj_lemmas: set[str] = set()
        if obj is not None:
            obj_lemmas = {obj.lower_, self.lemma(obj)}
            obj_lemmas |= {x.lower_ for x in obj.children if x.dep_ == "compound"}
            obj_lemmas |= {self.lemma(x) for x in obj.conjuncts}  # "fired 122mm and 82mm mortars"
            if self.lemma(obj) in CONTAINER_NOUNS:
                # "lifted the state of emergency": the object named inside the container
                obj_lemmas |= {self.lemma(po) for po in prep_objects(obj, frozenset({"of"}))}
        elif e.pos == "V":
            # "withdraw from the treaty", "walked out of talks"
            for p in t.children:
                if p.dep_ == "prep":
                    for po in p.children:
                        if po.dep_ == "pobj":
                            obj_lemmas |= {po.lower_, self.lemma(po)}
        if c.obj is not None and not (obj_lemmas & c.obj):
            return False
        if c.noobj is not None and obj_lemmas & c.noobj:
            return False
        if c.prep is not None and not has_prep(t, c.prep):
            return False
        if c.prt is not None and not (particles(t) & c.prt):
            return False
        if c.intrans and dobj(t) is not None:
            return False
        if c.trans and self.object_of(t) is None:  # "was returned by X": the passive subject is the object
            return False
        if c.nocomp and (
            any(x.dep_ in ("xcomp",) for x in t.children) or has_prep(t, frozenset({"on", "to", "upon"}))
        ):
            return False
        if c.kid is not None and not any(
            x.lower_ in c.kid
            # "let free activists": the word after the verb misparsed as a modifier of the object
            or (
                x.dep_ == "dobj"
                and any(m.dep_ == "amod" and m.i == t.i + 1 and m.lower_ in c.kid for m in x.children)
            )
            for x in t.children
        ):
            return False
        if c.dep is not None and not any(x.dep_ in c.dep for x in t.children):
            return False
        if c.dep and "oprd" in c.dep and any(x.dep_ == "oprd" and x.pos_ == "PROPN" for x in t.children):
            return False  # "called President X to ...": a misparsed object, not "called X a liar"
        if c.nokid is not None and any(x.lower_ in c.nokid for x in t.children):
            return False
        if c.nodep is not None and any(x.dep_ in c.nodep for x in t.children):
            return False
        if c.head is not None:
            h = t.head.head if t.dep_ == "pobj" else t.head  # "a state of siege": through the preposition
            if h is t or self.lemma(h) not in c.head:
                return False
        if c.comp and not (
            any(x.dep_ in ("xcomp", "ccomp") or to_clause(x) for x in t.children)
            or has_prep(t, frozenset({"for", "on", "upon"}))
        ):
            return False
        if c.pobj is not None and not self.pobj_match(t, c.pobj):
            return False
        if c.toent and not self.to_entities(t):
            return False
        if c.objent:
            o = dobj(t)
            if o is None or not (
                o.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") or o.pos_ == "PROPN" or self.ctx.is_entity(o)
            ):
                return False
        if c.subj is not None or c.nosubj is not None:
            s = self.subject_token(t)
            sl = {s.lower_, self.lemma(s)} if s is not None else set()
            if s is not None:
                sl |= {x.lower_ for x in s.children if x.dep_ in ("compound", "amod")}
                # "thousands of teachers", "units of peacekeeping troops"
                for x in prep_objects(s, frozenset({"of"})):
                    sl |= {self.lemma(x)} | {m.lower_ for m in x.children if m.dep_ in ("compound", "amod")}
            if c.subj is not None and not (sl & c.subj):
                return False
            if c.nosubj is not None and sl & c.nosubj:
                return False
        return True

    def pobj_match(self, t: Token, lemmas: frozenset[str]) -> list[Token]:
        """Objects of ``t``'s prepositions named by one of ``lemmas`` (or with such a modifier)."""
        out = []
        for p in t.children:
            if p.dep_ != "prep":
                continue
            for po in p.children:
                if po.dep_ != "pobj":
                    continue
                words = {po.lower_, self.lemma(po)}
                words |= {m.lower_ for m in po.children if m.dep_ in ("amod", "compound")}
                if words & lemmas:
                    out.append(po)
        return out

    def disambiguate_noun(self, n: Token, e: Entry) -> Entry | None:
        """The sense of an ambiguous event noun (``data/events/senses.json``): a strike is military (the
        entry), a hunger strike or a labour strike (PROTEST); an exercise is joint (COOPERATE), military (the
        entry) or no event; a call "for" something is a REQUEST.  None when the noun names no event here."""
        lemma = self.lemma(n)
        mods = {c.lower_ for c in n.children if c.dep_ in ("compound", "amod", "nmod")}
        if lemma == "strike":
            strike = senses().strike
            if mods & strike.hunger_mods:
                return strike.hunger.entry("strike", e)
            words = {t.lower_ for t in n.sent}
            military, labour = strike.military_words, strike.labour_words
            if mods & military or (words & military and not words & labour):
                return e
            on_strike = any(
                x.lower_ == "strike" and x.i > 0 and x.doc[x.i - 1].lower_ == "on" for x in n.sent
            )
            if mods & labour or words & labour or on_strike or self.lemma(n.head) in strike.protest_verbs:
                return strike.labour.entry("strike", e)
            return None
        exercise = senses().exercise
        if lemma in exercise.lemmas and (
            exercise.joint_mods & mods or prep_objects(n, MULTI_ACTOR_PREPS | frozenset({"with"}))
        ):
            return exercise.joint.entry(lemma, e)
        if lemma in exercise.lemmas and not mods & exercise.military_mods:
            return None
        if lemma == "call" and (
            has_prep(n, frozenset({"for"}))
            or any(c.dep_ in ("acl", "relcl") and c.tag_ == "VB" for c in n.children)
        ):
            return senses().call.request.entry("call", e)
        return e

    def nominal_turn(self, n: Token) -> tuple[Entry, Token] | None:
        """A noun of a turn verb over an event noun ("a suspension of aid" = "suspend aid", "the lifting of
        sanctions"): the turned event as a lexicon entry, and the inner event noun."""
        verb = self.lex.nominal.get(self.lemma(n))
        if verb is None:
            return None
        for po in prep_objects(n, frozenset({"of", "to", "in", "on"})):
            ie = self.match(po, "N") if po.pos_ == "NOUN" else None
            if ie is None:
                continue
            for turn in self.lex.turns:
                if verb in turn.verbs and inner_matches(turn.inner, ie.event, ie.cameo):
                    if turn.event == ie.event and turn.mode is None:
                        return None
                    lemma = self.lemma(n)
                    return Entry(lemma, "N", turn.event, turn.mode, turn.cameo, ie.context, 0.7, ie.cond), po
        return None

    def event_modifier(self, head: Token) -> Token | None:
        """The event noun modifying a generic head ("a mediation effort", "peacekeeping operations")."""
        if self.lemma(head) not in GENERIC_HEADS:
            return None
        for ch in head.children:
            if ch.dep_ in ("compound", "amod", "nmod") and ch.i < head.i and self.match(ch, "N") is not None:
                return ch
        return None

    @staticmethod
    def verb_like(t: Token) -> bool:
        """A word the tagger called a noun but the parse uses as a verb ("offered to host talks")."""
        if t.pos_ != "NOUN":
            return False
        if t.dep_ == "ROOT" and t.tag_.startswith("VB"):
            return True
        return t.dep_ in ("xcomp", "ccomp", "advcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children
        )
