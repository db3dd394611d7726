"""Noun triggers: the event a noun names, and its arguments from the noun phrase or the clause around it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .context import Cand, CoderBase
from .lexicon import Entry
from .syntax import dobj, passive_subj, prep_objects
from .vocab import (
    CONTAINER_NOUNS,
    DEFAULT_PREPS,
    EVENT_PREPS,
    FUTURE_AMOD,
    HARM_VERBS,
    HYPO_AMOD,
    MULTI_ACTOR_PREPS,
    NOUN_ACTOR_PREPS,
    NOUN_OBJECT_PREPS,
    NOUN_SUBJ_OF,
    VISIT_NOUNS,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


class Nouns(CoderBase):
    def noun(self, n: Token) -> Cand | None:
        if n.dep_ == "compound" and n.head.pos_ in ("NOUN", "PROPN") and self.match(n.head, "N") is not None:
            return None
        nt = self.nominal_turn(n)
        if nt is not None:
            # "Denmark's suspension of aid to Egypt": the noun of a turn verb over an event noun
            c = self.noun_cand(n, nt[0], allow_bare=True)
            if c is not None:
                self.noun_args_into(c, nt[1], nt[0])
                c.tokens.append(nt[1])
                if c.actor_heads or c.recipient_heads:
                    return c
            return None
        e = self.match(n, "N")
        if e is None:
            return None
        e2 = self.disambiguate_noun(n, e)
        if e2 is None:
            return None
        c = self.noun_cand(n, e2)
        if c is None and n.dep_ in ("compound", "amod", "nmod") and self.event_modifier(n.head) is n:
            # "Russia's mediation effort between X and Y": the arguments hang on the generic head
            c = self.noun_cand(n, e2, allow_bare=True)
            if c is not None:
                self.noun_args_into(c, n.head, e2)
                c.extra.append(n.head)
                if not (c.actor_heads or c.recipient_heads):
                    return None
        return c

    def noun_cand(self, n: Token, e: Entry, allow_bare: bool = False) -> Cand | None:
        c = Cand(
            [n],
            e.event,
            [e.mode] if e.mode else [],
            e.cameo,
            {e.context} if e.context else set(),
            e.conf - 0.1,
            n,
            nominal=True,
        )
        self.noun_args_into(c, n, e)
        c.aux = self.noun_aux(n)
        v = n.head
        for _ in range(3):
            if v.pos_ in ("VERB", "AUX") or v.head.i == v.i:
                break
            v = v.head
        if v.pos_ in ("VERB", "AUX") and v.i != n.i:
            va = self.verb_aux(v)
            if self.lemma(v) in self.lex.expected:
                va.append("expected")
            elif self.lemma(v) in self.lex.future or any(
                x.dep_ == "xcomp" and self.lemma(x) in ("resume", "begin", "start") for x in v.children
            ):
                va.append("future")
            c.aux = list(dict.fromkeys(c.aux + va))
        if allow_bare:
            return c
        possessive_only = (
            c.actor_heads
            and not c.recipient_heads
            and all(a.dep_ == "poss" and a.head.i == n.i for a in c.actor_heads)
        )
        if possessive_only and not (n.dep_ in ("nsubj", "nsubjpass") and self.lemma(n.head) in NOUN_SUBJ_OF):
            # "Mueller's investigation has weighed on...", "the United States' support": a possessive names
            # whose process it is; no new event happens in the clause
            return None
        if c.actor_heads or c.recipient_heads:
            return c
        # "clashes broke out between X and Y", "a clash ensued between X and Y": the participants hang
        # from the verb the noun is the subject of, or from a participle on the noun
        verbs = [x for x in n.children if x.dep_ == "acl"]
        if n.dep_ in ("nsubj", "nsubjpass"):
            verbs.append(n.head)
        for v in verbs:
            multi = prep_objects(v, MULTI_ACTOR_PREPS)
            if multi:
                c.actor_heads = multi
                c.actor_reciprocal = True
                c.extra.append(v)
                return c
        # "the attack killed five soldiers", "clashes erupted": the noun is the subject of an event verb
        h = n.head
        if (
            n.dep_ in ("nsubj", "nsubjpass")
            and self.lemma(h) in NOUN_SUBJ_OF
            and (self.lemma(h) != "take" or any(x.lower_ == "place" for x in h.children))
        ):
            o = dobj(h)
            if o is not None and self.lemma(h) in HARM_VERBS:
                c.recipient_heads = [o]
            c.conf -= 0.1
            c.aux = self.noun_aux(n) or self.verb_aux(h)
            c.extra.append(h)
            return c
        return self.noun_frame(c, n)

    def noun_frame(self, c: Cand, n: Token) -> Cand | None:
        """Arguments of a bare event noun from the clause around it: "held civilians as human shields"
        (the verb's subject and object), "troops remained on alert" (the subject), "X is responsible for the
        killings" (X is the actor; a claim of responsibility is a statement, CAMEO 015), "the prisoner died
        after torture" (the one who died is the recipient)."""
        if n.dep_ != "pobj" or n.head.head is n.head:
            return None
        prep, gov = n.head, n.head.head
        quantity = self.lemma(gov) in CONTAINER_NOUNS or self.lemma(gov) in ("dozen", "hundred", "thousand")
        if prep.lower_ == "of" and gov.dep_ == "pobj" and quantity:
            prep, gov = gov.head, gov.head.head  # "responsible for dozens of killings"
        if gov.pos_ in ("VERB", "AUX") and (
            prep.lower_ == "as" or (prep.lower_ == "in" and self.lemma(gov) in ("engage", "involve"))
        ):
            # "engaged X in a firefight", "were engaged in ethnic cleansing": the (passive) subject acts
            c.actor_heads, o = self.verb_subject(gov) or [x for x in [passive_subj(gov)] if x], dobj(gov)
            c.recipient_heads = [o] if o is not None else []
        elif prep.lower_ == "on" and self.lemma(n) == "alert" and gov.pos_ in ("VERB", "AUX"):
            o = dobj(gov)
            c.actor_heads = [o] if o is not None and self.lemma(gov) != "remain" else self.verb_subject(gov)
        elif prep.lower_ == "for" and self.lemma(gov) == "responsible":
            v = gov.head if gov.head is not gov else gov
            c.actor_heads = [v] if gov.dep_ == "amod" else self.verb_subject(v)
        else:
            # "died after / from / as a result of torture"
            node, steps = gov, 0
            while node.pos_ not in ("VERB", "AUX") and node.head is not node and steps < 3:
                node, steps = node.head, steps + 1
            if self.lemma(node) not in ("die", "succumb", "perish") or c.event != "ASSAULT":
                return None
            c.recipient_heads = self.verb_subject(node)
            c.extra.append(node)
        if not (c.actor_heads or c.recipient_heads):
            return None
        c.extra.append(gov)
        return c

    @staticmethod
    def dative_objects(t: Token) -> list[Token]:
        """ "granted asylum to X", "gave X aid": the verb's dative, as a noun or a "to" phrase."""
        out: list[Token] = []
        for c in t.children:
            if c.dep_ == "dative":
                out += [c] if c.pos_ != "ADP" else [p for p in c.children if p.dep_ == "pobj"]
        return out

    def to_slip(self, t: Token) -> list[Token]:
        """A "to" object the tagger read as an infinitive ("expressed gratitude to Trump", with "Trump"
        as a verb in an xcomp/advcl/relcl clause of the verb or of its object): the name is the
        recipient when the actors stage found an entity there and the "clause" has no subject or
        object of its own."""
        kids = list(t.children)
        kids += [g for ch in kids if ch.dep_ == "dobj" for g in ch.children]
        for ch in kids:
            if (
                ch.dep_ in ("xcomp", "advcl", "relcl", "acl")
                and ch.text[:1].isupper()
                and ch.i in self.ctx.ent_at
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
                and not any(a.dep_ in ("nsubj", "dobj") for a in ch.children)
            ):
                return [ch]
            if ch.dep_ == "xcomp" and ch.text[:1].isupper() and ch.i in self.ctx.ent_at:
                return [ch]
        return []

    # complexity over 15: one noun frame: actor, recipient and participant rules read in order
    def noun_args_into(self, c: Cand, n: Token, e: Entry, participants_as_recipients: bool = False) -> None:  # noqa: C901
        if n in c.recipient_heads:
            c.recipient_heads = (
                prep_objects(c.clause, EVENT_PREPS.get(e.event, DEFAULT_PREPS))[:1]
                or self.dative_objects(c.clause)[:1]
                or self.to_slip(c.clause)
            )
        actors: list[Token] = []
        recips: list[Token] = []
        for ch in n.children:
            if (
                (ch.dep_ == "poss" and ch.tag_ != "PRP$")
                or ch.dep_ == "poss"
                or (
                    ch.dep_ in ("compound", "amod", "nmod")
                    and (self.ctx.is_entity(ch) or ch.ent_type_ in ("NORP", "GPE", "ORG"))
                    and not self.ctx.is_place(ch)
                )
            ):
                actors.append(ch)
        by = prep_objects(n, NOUN_ACTOR_PREPS)
        actors.extend(by)
        multi = prep_objects(n, MULTI_ACTOR_PREPS)
        if self.lemma(n) in VISIT_NOUNS:
            actors.extend(prep_objects(n, frozenset({"of"})))
        recips.extend(prep_objects(n, EVENT_PREPS.get(e.event, DEFAULT_PREPS))[:1])
        if not recips:
            # "an attack by X on Y": the parser often hangs "on Y" from X
            for a in by:
                recips.extend(prep_objects(a, EVENT_PREPS.get(e.event, DEFAULT_PREPS))[:1])
        if not recips and self.lemma(n) == "warrant":
            # "an arrest warrant for X": the one to be arrested
            recips.extend(p for p in prep_objects(n, frozenset({"for", "against"})) if self.actorish(p))
            recips[1:] = []
        if not recips and not multi:
            # "the blockade of X", "an investigation into X": the noun's object, when it names an actor and
            # is not the noun's own actor ("the visit of X")
            keys = {x.i for x in actors}
            recips.extend(
                p for p in prep_objects(n, NOUN_OBJECT_PREPS) if p.i not in keys and self.actorish(p)
            )
            recips[1:] = []
        if multi:
            if participants_as_recipients:
                recips = multi + recips
            else:
                actors.extend(multi)
                c.actor_reciprocal = True
        elif participants_as_recipients:
            recips = recips or prep_objects(n, frozenset({"with"}))
        if not c.actor_heads:
            c.actor_heads = actors
        elif actors and not participants_as_recipients and c.actor_heads != actors:
            # "held talks between X and Y": keep the verb's subject, add the named participants
            for a in actors:
                if a not in c.actor_heads and a.tag_ != "PRP$":
                    # "lifted its blockade": the possessive pronoun is the subject again
                    c.actor_heads.append(a)
        if (recips and (not c.recipient_heads or participants_as_recipients)) or not c.recipient_heads:
            c.recipient_heads = recips
        c.aux = list(dict.fromkeys(c.aux + self.noun_aux(n)))

    def noun_aux(self, n: Token) -> list[str]:
        out = []
        for ch in n.children:
            lw = ch.lower_
            if ch.dep_ == "det" and lw == "no":
                out.append("negated")
            elif ch.dep_ in ("amod", "compound") and lw in FUTURE_AMOD:
                out.append("expected")  # "the planned talks": a future event, nobody's commitment here
            elif ch.dep_ == "amod" and lw in HYPO_AMOD:
                out.append("hypothetical")
        return out
