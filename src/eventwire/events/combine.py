"""Ordered passes over a sentence's candidates: control verbs absorb the clause they govern, purposes,
demands, what is not asserted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .context import Cand, CoderBase
from .reduce import inner_mode
from .syntax import dobj, passive_subj, to_clause
from .vocab import (
    ACCUSATION_VERBS,
    AID_PURPOSE,
    CALL_VERBS,
    CONFLICT,
    CONTROL,
    MATERIAL_CONFLICT,
    NO_ENTRY,
    NON_ADDRESSEES,
    ORDER_VERBS,
    PURPOSE_EVENTS,
    REQUEST_NOUNS,
    SPEECH,
    TOPIC_PREPS,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


class Combine(CoderBase):
    def sentence(self, sent: Span) -> list[Cand]:
        """The sentence's event candidates after the ordered passes; each pass may rewrite candidates or mark
        some consumed (part of another event, or not reported as happening)."""
        cands, consumed = self.candidates(sent)
        self.control(cands, consumed)
        self.reported(cands, consumed)
        self.requested(sent, cands, consumed)
        self.aid_purpose(sent, cands, consumed)
        self.call_purpose(sent, cands, consumed)
        self.not_asserted(sent, cands, consumed)
        self.convictions(cands)
        self.demands(sent, cands, consumed)
        return [c for i, c in sorted(cands.items()) if i not in consumed]

    def candidates(self, sent: Span) -> tuple[dict[int, Cand], set[int]]:
        """Verb candidates, then noun candidates (verbs first, so that they consume the nouns they govern)."""
        cands: dict[int, Cand] = {}
        consumed: set[int] = set()
        # verbs first, so that they can consume the nouns they govern (``verb_like``: a noun)
        for t in self.words(sent, self.where_pos("VERB", "AUX", "NOUN")):
            if t.pos_ in ("VERB", "AUX") or self.verb_like(t):
                c = self.verb(t, consumed)
                if c is not None:
                    cands[t.i] = c
        for t in self.words(sent, self.where_pos("NOUN", "PROPN")):
            if t.i in consumed or t.i in cands:
                continue
            if (t.pos_ in ("NOUN", "PROPN") and t.is_lower) or t.pos_ == "NOUN":
                c = self.noun(t)
                if c is not None:
                    cands[t.i] = c
                    consumed.update(x.i for x in c.tokens[1:])  # "suspension of aid": the inner noun
        return cands, consumed

    def control(self, cands: dict[int, Cand], consumed: set[int]) -> None:
        """Control verbs (and accusations) absorb the event clause they govern ("agreed to withdraw")."""
        for i, c in sorted(cands.items()):
            if c.event not in CONTROL and c.event != "ACCUSE":
                continue
            head = c.clause
            for ch in head.children:
                target = None
                if ch.dep_ in ("xcomp", "ccomp") and ch.i in cands:
                    target = ch
                elif c.event == "REQUEST" and ch.i in cands and to_clause(ch):
                    target = ch  # "called on X to crack down": the infinitive is what is asked for
                elif ch.dep_ == "prep" and ch.lower_ in ("of", "for", "to", "on", "over", "from", "against"):
                    for p in ch.children:
                        if p.dep_ in ("pcomp", "pobj") and p.i in cands:
                            target = p
                if target is None or target.i == i:
                    continue
                inner = cands[target.i]
                if c.event == "ACCUSE" and ch.dep_ == "ccomp" and self.lemma(head) not in ACCUSATION_VERBS:
                    continue
                self.absorb(c, inner)
                consumed.add(target.i)

    def reported(self, cands: dict[int, Cand], consumed: set[int]) -> None:
        """Event nouns inside a reporting verb's object ("conveyed the results of the talks to X") are what it
        reports on, not events of their own."""
        for c in list(cands.values()):
            o = dobj(c.clause) if c.reports else None
            if o is None:
                continue
            for x in o.subtree:
                if x.i in cands and cands[x.i] is not c and cands[x.i].nominal:
                    consumed.add(x.i)

    def convictions(self, cands: dict[int, Cand]) -> None:
        for c in cands.values():
            if (
                c.event == "ACCUSE"
                and c.cameo == "116"
                and any(
                    x.i in cands and cands[x.i].event == "COERCE" and "arrest" in cands[x.i].mode
                    for x in c.clause.conjuncts
                )
            ):
                # convicted and sentenced to prison: COERCE arrest (manual, SANCTION ambiguities)
                c.event, c.cameo, c.mode = "COERCE", "173", ["arrest"]

    def not_asserted(self, sent: Span, cands: dict[int, Cand], consumed: set[int]) -> None:
        """Events the sentence does not report as happening: the topic of a comment or feeling ("expressed
        concern about the escalation of hostilities", "is skeptical of the announcement that it had opened
        corridors", "hoped for more talks"; CAMEO 01 statements), and the content of an accusation that is
        reported, not asserted ("denied charges that it tortured the priest")."""
        topic = self.lex.topic
        assert self.cols is not None
        maybe = self.where_lemma(topic) | self.cols.where("lower", topic) | self.where_pos("NOUN")
        for t in self.words(sent, maybe):
            if self.lemma(t) in topic or t.lower_ in topic:
                roots = [
                    ch
                    for ch in t.children
                    if ch.dep_ in ("ccomp", "xcomp", "acl")
                    or (ch.dep_ == "prep" and ch.lower_ in TOPIC_PREPS)
                ]
            elif t.pos_ == "NOUN" and (self.match(t, "N") or NO_ENTRY).event == "ACCUSE":
                # the content clause, on the noun or on a noun inside its phrase ("charges by X that ...")
                roots = [
                    ch
                    for n in t.subtree
                    if n.pos_ in ("NOUN", "PROPN") and (n is t or n.dep_ == "pobj")
                    for ch in n.children
                    if ch.pos_ in ("VERB", "AUX") and self.content_clause(ch)
                ]
            else:
                continue
            for r in roots:
                for x in r.subtree:
                    if x.i in cands and x.i != t.i:
                        consumed.add(x.i)

    @staticmethod
    def content_clause(ch: Token) -> bool:
        """A noun's complement clause ("the allegation that he ..."), not a relative clause ("the allegation
        that reached the court": there "that" is the subject, not a marker)."""
        marked = any(m.dep_ == "mark" for m in ch.children)
        return ch.dep_ in ("acl", "ccomp") or (ch.dep_ == "relcl" and marked)

    def requested(self, sent: Span, cands: dict[int, Cand], consumed: set[int]) -> None:
        """ "a request / an appeal / pressure from X to step down": the infinitive is what is asked for, not
        an event that happened (the request itself is coded where its verb or noun is a trigger)."""
        for t in self.words(sent, self.where_pos("NOUN")):
            entry = self.match(t, "N")
            if self.lemma(t) not in REQUEST_NOUNS and (entry is None or entry.event != "REQUEST"):
                continue
            for ch in t.children:
                if (
                    ch.dep_ in ("acl", "relcl")
                    and ch.i in cands
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
                ):
                    consumed.add(ch.i)

    def aid_purpose(self, sent: Span, cands: dict[int, Cand], consumed: set[int]) -> None:
        """ "X provided $2 billion in aid to support / help Y": the purpose names who the aid goes to; the
        support is the aid itself, not a separate (verbal) SUPPORT event."""
        for i, c in list(cands.items()):
            if c.event != "AID" or i in consumed or c.clause.pos_ not in ("VERB", "AUX"):
                continue
            for ch in c.clause.children:
                p = cands.get(ch.i)
                if (
                    p is None
                    or ch.i in consumed
                    or ch.dep_ not in ("advcl", "xcomp")
                    or p.event not in ("SUPPORT", "AID")
                    or self.lemma(ch) not in AID_PURPOSE
                    or not any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
                ):
                    continue
                if not c.recipient_heads:
                    c.recipient_heads = p.recipient_heads
                if p.event == "SUPPORT":
                    c.extra.append(ch)
                    consumed.add(ch.i)
                break

    def call_purpose(self, sent: Span, cands: dict[int, Cand], consumed: set[int]) -> None:
        """ "X called Y to congratulate him / to express support": the call's purpose is the event, on the
        call's dyad (the phone call is its medium, as a letter or a statement would be)."""
        for t in self.words(sent, self.where_lemma(CALL_VERBS)):
            own = cands.get(t.i)
            if self.lemma(t) not in CALL_VERBS or t.i in consumed:
                continue
            if own is not None and own.event != "CONSULT":
                continue
            for ch in t.children:
                p = cands.get(ch.i)
                if (
                    p is None
                    or ch.i in consumed
                    or ch.dep_ not in ("advcl", "xcomp")
                    or p.event not in PURPOSE_EVENTS
                    or not any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
                ):
                    continue
                callee = [x for x in t.children if x.dep_ in ("dobj", "oprd")]
                subj = self.verb_subject(t)
                if subj:
                    p.actor_heads = subj
                if callee and all(r.pos_ == "PRON" for r in p.recipient_heads):
                    p.recipient_heads = callee
                p.extra.append(t)
                if own is not None:
                    consumed.add(t.i)
                break

    def demands(self, sent: Span, cands: dict[int, Cand], consumed: set[int]) -> None:
        """ "X said Y must/should ..." is a demand by X on Y (CAMEO 10 / 02, PLOVER REQUEST)."""
        for t in self.words(sent, self.where_pos("VERB") & self.where_lemma(SPEECH)):
            if t.pos_ != "VERB" or self.lemma(t) not in SPEECH or t.i in cands:
                continue
            for clause in t.children:
                if clause.dep_ != "ccomp":
                    continue
                modal = [a for a in clause.children if a.dep_ == "aux" and a.lower_ in ("must", "should")]
                subj = self.subject_token(clause) or passive_subj(clause)
                if not modal or subj is None or subj.lower_ in NON_ADDRESSEES:
                    continue
                c = Cand([t], "REQUEST", [], "100" if modal[0].lower_ == "must" else "020", set(), 0.6, t)
                c.actor_heads = self.verb_subject(t)
                c.recipient_heads = [subj]
                c.extra.extend(clause.subtree)
                inner = cands.get(clause.i)
                if inner is not None and clause.i not in consumed:
                    c.mode = inner_mode("REQUEST", inner)
                    consumed.add(clause.i)
                cands[t.i] = c

    def absorb(self, outer: Cand, inner: Cand) -> None:
        outer.inner = inner
        outer.extra.extend(inner.tokens)
        addressee = bool(outer.recipient_heads)
        if not outer.recipient_heads and outer.event != "ACCUSE":
            outer.recipient_heads = list(inner.recipient_heads)
        if outer.event == "AGREE":
            if inner.event in CONFLICT and inner.event != "MOBILIZE" and "negated" not in inner.aux:
                outer.event, outer.cameo = "THREATEN", "138" if inner.event == "ASSAULT" else "130"
                outer.mode = inner_mode("THREATEN", inner)
            elif inner.event in ("REJECT", "ACCUSE") or (inner.event == "SUPPORT" and inner.nominal):
                outer.event, outer.cameo, outer.mode = inner.event, inner.cameo, list(inner.mode)
            elif inner.event in ("RETREAT", "CONCEDE"):
                # agreeing / promising to yield is AGREE (CAMEO 035 "express intent to yield", CAMEO2PLOVER)
                outer.cameo = "035"
            return
        hostile = inner.event in MATERIAL_CONFLICT or inner.event == "ACCUSE"
        if outer.event == "REQUEST" and hostile and "negated" not in inner.aux:
            if self.lemma(outer.tokens[0]) in ORDER_VERBS and inner.event != "ACCUSE":
                # an authority's order to arrest / strike / ban is that act, by the one who orders it
                outer.event, outer.cameo, outer.mode = inner.event, inner.cameo, list(inner.mode)
                outer.context |= inner.context
                if inner.recipient_heads:
                    outer.recipient_heads = list(inner.recipient_heads)
                return
            if not addressee and inner.nominal and inner.recipient_heads:
                # a call for sanctions / arrests / an inquiry against X, addressed to no one: disapproval of X
                outer.event, outer.cameo = "ACCUSE", "111"
                outer.mode = ["investigate"] if "investigate" in inner.mode else ["disapprove"]
                return
        m = inner_mode(outer.event, inner)
        if m and not outer.mode:
            outer.mode = m
