"""Verb triggers: the event a verb (with its object) names, and its actor, recipient and modes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp.deps import SUBJ, passive_agents
from ..resources import english
from .context import Cand, CoderBase
from .lexicon import Entry, inner_matches
from .syntax import dobj, passive_subj, prep_objects
from .vocab import (
    BEFORE_ADVERBS,
    CONDITION_MARKS,
    CONTAINER_NOUNS,
    CONTROL,
    DEFAULT_PREPS,
    EVENT_PREPS,
    EXPECTATION,
    MATERIAL_KINDS,
    NO_COMMENT,
    NOUN_ACTOR_PREPS,
    OBJECT_LOCATES,
    READY,
    RECEIVED_EVENTS,
    SPEECH,
    TO,
    WH,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


FUTURE_MODALS = english("future_modals")
HYPOTHETICAL_MODALS = english("hypothetical_modals")


class Verbs(CoderBase):
    def verb(self, t: Token, consumed: set[int]) -> Cand | None:
        """A verb trigger: the event its noun object names (through a turn, third-party, control, light or
        transfer verb), the goods it transfers, or its own lexicon entry; None when it is no event."""
        if t.dep_ in ("amod", "compound") and t.i > 0 and t.doc[t.i - 1].text == "-":
            return None  # "Russia-backed rebels", "Saudi-led coalition": a descriptor, not an event
        lemma = self.lemma(t)
        own = self.match(t, "V")
        obj = self.object_of(t)
        noun_obj, container, also = self.noun_object(t, obj)
        if lemma in self.lex.receive:
            got = self.received(t, consumed)
            if got is not None:
                return got
        inner_entry = None
        if noun_obj is not None:
            nt = self.nominal_turn(noun_obj)
            if nt is not None:
                inner_entry, also = nt[0], [nt[1]]
            else:
                inner_entry = self.match(noun_obj, "N")
        if inner_entry is not None and noun_obj is not None:
            inner_entry = self.disambiguate_noun(noun_obj, inner_entry)
        if inner_entry is not None and noun_obj is not None:
            c = self.verb_over_noun(t, own, noun_obj, inner_entry, container, also, consumed)
            if c is not None:
                return c
        if lemma in self.lex.transfer and obj is not None:
            c = self.transfer(t, own, obj)
            if c is not None:
                return c
        if own is None:
            return None
        return self.own_event(t, own, consumed)

    def noun_object(self, t: Token, obj: Token | None) -> tuple[Token | None, Token | None, list[Token]]:
        """The noun that may name the verb's event: its object or the object of its preposition ("took
        part in talks", "a round of talks", "a mediation effort"); with the container noun it was found in
        and the further nouns whose arguments and span belong to the event."""
        noun_obj: Token | None = None
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            noun_obj = obj
        elif obj is None:
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ in ("in", "on", "for", "to", "into", "of"):
                    for po in p.children:
                        if po.dep_ == "pobj" and po.pos_ == "NOUN":
                            noun_obj = po
        if noun_obj is not None and self.lemma(noun_obj) == "part":
            # "took part in talks": the event is what the subject takes part in
            noun_obj = next((po for po in prep_objects(t, frozenset({"in"})) if po.pos_ == "NOUN"), None)
        container = None
        if noun_obj is not None and self.lemma(noun_obj) in CONTAINER_NOUNS:
            for po in prep_objects(noun_obj, frozenset({"of"})):
                if po.pos_ == "NOUN":
                    container, noun_obj = noun_obj, po
                    break
        also: list[Token] = []  # further nouns whose arguments and span belong to the event
        if noun_obj is not None and self.match(noun_obj, "N") is None:
            mod = self.event_modifier(noun_obj)
            if mod is not None:
                also, noun_obj = [noun_obj], mod
        return noun_obj, container, also

    def verb_over_noun(
        self,
        t: Token,
        own: Entry | None,
        noun_obj: Token,
        inner_entry: Entry,
        container: Token | None,
        also: list[Token],
        consumed: set[int],
    ) -> Cand | None:
        """The verb coded as (or over) the event its noun object names ("held talks", "lifted the
        sanctions", "agreed to a ceasefire"); None when the verb does not govern the noun's event."""
        lemma = self.lemma(t)
        lex = self.lex
        entry, nobj = inner_entry, noun_obj

        def governed(event: str, mode: str | None, cameo: str, bonus: float) -> Cand:
            """The verb coded as the event its noun object names ("held talks")."""
            c = self.make_verb_cand(
                t, event, [mode] if mode else [], cameo, entry.context, min(0.9, entry.conf + bonus)
            )
            c.tokens.append(nobj)
            if container is not None:
                # "declared a state of emergency": the container is no participant
                c.recipient_heads = [r for r in c.recipient_heads if r.i != container.i]
            self.noun_args_into(c, nobj, entry)
            consumed.add(nobj.i)
            for x in also:
                self.noun_args_into(c, x, entry)
                consumed.add(x.i)
                c.extra.append(x)
            return c

        # verbs that turn the noun's event into another
        for turn in lex.turns:
            if lemma in turn.verbs and inner_matches(turn.inner, inner_entry.event, inner_entry.cameo):
                if turn.event == inner_entry.event and turn.mode is None:
                    break
                return governed(turn.event, turn.mode, turn.cameo, 0.05)
        if lemma in lex.third and inner_entry.event == "CONSULT":
            c = self.make_verb_cand(t, "CONSULT", ["third-party"], "045", "diplomatic", 0.75)
            c.tokens.append(noun_obj)
            c.recipient_heads = []
            self.noun_args_into(c, noun_obj, inner_entry, participants_as_recipients=True)
            consumed.add(noun_obj.i)
            return c
        own_specific = own is not None and own.cond.obj is not None
        if own is not None and own.event in CONTROL and not own_specific:
            c = self.verb_cand_from_entry(t, own)
            inner = self.noun_cand(noun_obj, inner_entry, allow_bare=True)
            if inner is not None:
                self.absorb(c, inner)
            consumed.add(noun_obj.i)
            return c
        if lemma in lex.transfer and inner_entry.event == "SUPPORT" and self.material(noun_obj):
            # "gave financial support": material support is AID (manual, SUPPORT: non-material only)
            return governed("AID", None, "070", 0.1)
        if (lemma in lex.light or lemma in lex.transfer) and not own_specific:
            return governed(inner_entry.event, inner_entry.mode, inner_entry.cameo, 0.1)
        return None

    def transfer(self, t: Token, own: Entry | None, obj: Token) -> Cand | None:
        """A transfer verb and its goods ("sent tons of medicine"): the event the goods name (objects.tsv)."""
        lex = self.lex
        names = {self.lemma(obj), obj.lower_} | {
            x.lower_ for x in obj.children if x.dep_ in ("compound", "amod")
        }
        # "sent tons of medicine", "$4 million worth of equipment", "a team of doctors, equipment and
        # drugs": the goods named after a quantity / in a list
        inner = [*prep_objects(obj, frozenset({"of"})), *obj.conjuncts]
        inner += [c for x in list(inner) for c in x.conjuncts if c not in inner]
        later = [n for x in inner for n in (self.lemma(x), x.lower_)]
        for n in [self.lemma(obj), obj.lower_, *sorted(names), *later]:
            rule = lex.objects.get(n)
            if rule is not None and rule.event == "MOBILIZE" and own is not None and own.event != "MOBILIZE":
                break  # "handed over the captured soldiers": the verb's own event (a release)
            if rule is not None:
                c = self.make_verb_cand(
                    t, rule.event, [rule.mode] if rule.mode else [], rule.cameo, rule.context, 0.7
                )
                c.tokens.append(obj)
                c.recipient_heads = self.recipients_of_transfer(t)
                return c
        return None

    def own_event(self, t: Token, own: Entry, consumed: set[int]) -> Cand | None:
        """The verb's own lexicon entry."""
        if own.event in ("SUPPORT", "AID"):
            s = self.subject_token(t)
            se = self.match(s, "N") if s is not None and s.pos_ == "NOUN" else None
            if s is not None and se is not None and se.event == "AID":
                # "Australian aid supported two million girls", "Japan's funding helped the clinic": the aid
                # is what supports; its giver (the noun's possessor or nationality) is the actor
                c = self.make_verb_cand(t, "AID", [], se.cameo, se.context, max(own.conf, se.conf))
                c.actor_heads = []
                c.tokens.append(s)
                self.noun_args_into(c, s, se)
                consumed.add(s.i)
                return c
        if own.event == "REJECT" and any(
            x.dep_ == "xcomp"
            and self.lemma(x) in NO_COMMENT
            and not any(self.match(po, "N") for po in prep_objects(x, frozenset({"to"})))
            for x in t.children
        ):
            return None  # "declined to comment" is CAMEO 011, a statement, not a PLOVER event
        return self.verb_cand_from_entry(t, own)

    def received(self, t: Token, consumed: set[int]) -> Cand | None:
        """ "X received weapons / $5 million in aid from Y": Y's AID to X, the transfer seen from X (also
        assurances and apologies: Y's AGREE / CONCEDE to X)."""
        goods = [x for x in (dobj(t), *prep_objects(t, frozenset({"in"}))) if x is not None]
        givers = [
            p
            for x in (t, *goods)  # the "from" phrase hangs from the verb or, as often parsed, the goods
            for p in prep_objects(x, frozenset({"from"}))
            if p.i in self.ctx.ent_at or p.pos_ == "PROPN" or self.actorish(p)
        ]
        if not givers:
            return None
        for g in goods:
            heads = [g, *prep_objects(g, frozenset({"of"})), *g.conjuncts]
            for h in heads:
                names = [self.lemma(h), h.lower_]
                names += sorted(x.lower_ for x in h.children if x.dep_ == "compound")
                rule = next((self.lex.objects[n] for n in names if n in self.lex.objects), None)
                entry = self.match(h, "N")
                event = "AID"
                if rule is not None and rule.event == "AID":
                    cameo, context = rule.cameo, rule.context
                elif entry is not None and entry.event in RECEIVED_EVENTS:
                    # "received assurances / an apology from X": X's commitment / concession to the subject
                    event, cameo, context = entry.event, entry.cameo, entry.context
                else:
                    continue
                c = self.make_verb_cand(t, event, [], cameo, context, 0.65)
                c.actor_heads = givers[:1]
                c.recipient_heads = self.verb_subject(t)
                c.tokens.append(h)
                consumed.update(x.i for x in goods)
                consumed.add(h.i)
                return c
        return None

    @staticmethod
    def material(n: Token) -> bool:
        """A noun qualified as material: an amount of money or a material kind ("€45m support", "financial
        support", "military support")."""
        return any(
            ch.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
            and (
                ch.ent_type_ == "MONEY"
                or ch.like_num
                or ch.lower_ in MATERIAL_KINDS
                or ch.tag_ == "$"
                # "€45m support": the amount as a compound ("m") carrying the number and the currency
                or (ch.dep_ == "compound" and any(g.like_num or g.tag_ == "$" for g in ch.children))
            )
            for ch in n.children
        )

    def recipients_of_transfer(self, t: Token) -> list[Token]:
        out = [c for c in t.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        out += prep_objects(t, frozenset({"to", "for", "into"}))  # "flew medicine into X"
        for c in t.children:
            if c.dep_ == "dative" and c.pos_ == "ADP":
                out += [p for p in c.children if p.dep_ == "pobj"]
        return out

    def verb_cand_from_entry(self, t: Token, e: Entry) -> Cand:
        c = self.make_verb_cand(t, e.event, [e.mode] if e.mode else [], e.cameo, e.context, e.conf)
        if e.cond.pobj is not None:
            c.recipient_heads = self.pobj_match(t, e.cond.pobj)[:1]  # "opened its borders to refugees"
        if e.cond.toent:
            c.reports = True
            c.recipient_heads = self.to_entities(t)
            o = dobj(t)
            if o is not None and o not in c.recipient_heads:
                c.extra.append(o)
        return c

    def to_entities(self, t: Token) -> list[Token]:
        """Actor entities (with their conjuncts) in a "to" phrase of ``t`` or, when the parser hung the
        phrase inside the direct object ("conveyed the results of the meeting to X"), of that object."""
        heads = [t]
        o = dobj(t)
        if o is not None:
            heads += [x for x in o.subtree if x.pos_ in ("NOUN", "PROPN")]
        for h in heads:
            for po in prep_objects(h, frozenset({"to"})):
                group = [po, *[x for x in po.conjuncts if x.i > po.i]]
                found = [x for x in group if self.ctx.is_entity(x)]
                if found:
                    return found
        return self.to_slip(t)

    def make_verb_cand(
        self, t: Token, event: str, mode: list[str], cameo: str, context: str | None, conf: float
    ) -> Cand:
        c = Cand([t], event, mode, cameo, {context} if context else set(), conf, t)
        actor, recipient = self.verb_args(t, event)
        c.actor_heads, c.recipient_heads = actor, recipient
        c.aux = self.verb_aux(t)
        # protests by states are diplomatic protests (ACCUSE disapprove), per the manual
        if self.lemma(t) in ("host", "receive", "welcome") and event == "CONSULT":
            c.actor_heads, c.recipient_heads = c.recipient_heads, c.actor_heads
        return c

    # complexity over 15: one case per dependency relation the subject is inherited through
    def verb_subject(self, t: Token, depth: int = 0) -> list[Token]:  # noqa: C901
        if depth > 4:
            return []
        for c in t.children:
            if c.dep_ in SUBJ and self.ctx.in_dateline(c):
                # "LISBON, March 4 - Farmers protested": the parser may hang the subject from the dateline
                ap = [x for x in c.children if x.dep_ == "appos" and not self.ctx.in_dateline(x)]
                if ap:
                    return ap[:1]
            if c.dep_ in SUBJ and not self.ctx.in_dateline(c):
                if c.tag_ in WH and t.dep_ == "relcl":
                    return [t.head]
                speaker = self.reported_speaker(t, c)
                if speaker is not None:
                    return [speaker]
                # a coordination the parser split into two subjects ("A, B, and C agreed" with C as a
                # second nsubj): all of them
                more = [x for x in t.children if x.dep_ == c.dep_ and x.i > c.i and x.i < t.i]
                return [c, *more]
        agents = passive_agents(t)
        if agents is not None:
            return agents
        if passive_subj(t) is not None:
            return []
        h = t.head
        if h.i == t.i:
            return []
        if t.dep_ == "xcomp" and h.pos_ == "ADJ" and h.head.i != h.i:
            return self.verb_subject(h.head, depth + 1)
        if t.dep_ == "xcomp":
            if self.lemma(h) in self.lex.objctl:
                o = dobj(h)
                if o is not None:
                    return [o]
            return self.verb_subject(h, depth + 1)
        if t.dep_ == "conj":
            return self.verb_subject(h, depth + 1)
        if t.dep_ == "relcl":
            return [h]
        if t.dep_ == "advcl" and t.tag_ == "VBG":
            if self.lemma(h) in SPEECH and self.subject_token(t) is None:
                # "X overran the base, officials said, killing 17": the participle continues the reported
                # clause, not the speaker's
                for cc in h.children:
                    if cc.dep_ == "ccomp" and cc.i < t.i:
                        return self.verb_subject(cc, depth + 1)
            return self.verb_subject(h, depth + 1)
        purpose = t.dep_ == "advcl" and t.tag_ == "VB"
        if purpose and any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children):
            # a purpose clause ("X sent a team to investigate"): the main clause's subject acts
            return self.verb_subject(h, depth + 1)
        if t.dep_ == "pcomp" and h.lower_ in ("of", "for") and h.head.i != h.i:
            # "accused X of attacking", "blamed X for shelling": X is who did it
            g = h.head
            o = g if g.pos_ in ("NOUN", "PROPN", "PRON") and g.dep_ in ("dobj", "obj") else dobj(g)
            if o is not None and o.i != t.i and self.actorish(o):
                return [o]
        if t.dep_ == "acomp":
            # "X is committed to ...": the copula's subject
            return self.verb_subject(h, depth + 1)
        if t.dep_ == "acl" and t.tag_ == "VBG":
            if (
                h.pos_ == "NOUN"
                and not self.actorish(h)
                and h.dep_ in ("dobj", "obj")
                and self.lemma(h.head) in self.lex.light | self.lex.transfer
            ):
                # "X issued a statement calling on Y": the statement speaks for whoever issued it
                return self.verb_subject(h.head, depth + 1)
            return [h]
        if t.dep_ in ("acl", "relcl") and t.tag_ == "VB":
            by = prep_objects(h, NOUN_ACTOR_PREPS)
            poss = [x for x in h.children if x.dep_ == "poss"]
            return by or poss
        return []

    def reported_speaker(self, t: Token, pron: Token) -> Token | None:
        """In "X said it/he/they will ...", the pronoun subject of the reported clause is X (the subject of
        the reporting verb) when their person and number agree; None otherwise."""
        p = pron.lower_
        if pron.pos_ != "PRON" or p not in ("he", "she", "it", "they", "we"):
            return None
        if self.in_direct_quote(pron) and p != "we":
            return None  # quoted words: their speaker is "I", so "he" is someone else
        node = t
        while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
            node = node.head
        if node.dep_ != "ccomp" or node.head.i == node.i:
            return None
        s = self.subject_token(node.head)
        if s is None or s.pos_ not in ("NOUN", "PROPN") or self.non_agent(s):
            return None  # whoever says something is an agent, unless it is a quantity ("figures show")
        plural = s.tag_ in ("NNS", "NNPS") or any(x.dep_ == "conj" for x in s.children)
        person = s.ent_type_ == "PERSON" or (s.i in self.ctx.ent_at and self.ctx.ent_at[s.i].kind == "title")
        if p in ("he", "she"):
            ok = person and not plural
        elif p == "it":
            ok = not person and not plural
        else:
            ok = plural or not person
        return s if ok else None

    def in_direct_quote(self, tok: Token) -> bool:
        return any(
            q.kind == "direct" and q.content_start <= tok.idx < q.content_end for q in self.ctx.doc.quotes
        )

    def object_antecedent(self, r: Token, c: Cand) -> Token:
        """An object pronoun whose antecedent is named earlier in the sentence ("X called Y and urged him
        to...", "filed a lawsuit against Y, accusing him of..."): the nearest preceding person (for "him",
        "her") or plural actor (for "them") that is not the clause's own actor; else the pronoun itself."""
        p = r.lower_
        if r.tag_ != "PRP" or p not in ("him", "her", "them"):
            return r
        own = {a.i for a in c.actor_heads} | {x.i for x in r.head.children if x.dep_ in SUBJ}
        for x in reversed(list(r.sent)[: r.i - r.sent.start]):
            if x.i in own or x.pos_ not in ("NOUN", "PROPN") or x.i not in self.ctx.ent_at:
                continue
            if x.dep_ in ("compound", "amod", "poss") or any(x.i == a.i for a in c.actor_heads):
                continue
            ent = self.ctx.ent_at[x.i]
            if p == "them":
                ok = x.tag_ in ("NNS", "NNPS")
            else:
                ok = ent.label == "PERSON" or (ent.kind == "title" and x.tag_ in ("NN", "NNP"))
            if ok:
                return x
        return r

    def verb_args(self, t: Token, event: str) -> tuple[list[Token], list[Token]]:
        actor = self.verb_subject(t)
        recipient: list[Token] = []
        ps = passive_subj(t)
        if ps is not None:
            recipient = [ps] if ps.tag_ not in WH else [t.head]
            if event in ("RETREAT", "AID") and not (
                ps.i in self.ctx.ent_at or ps.pos_ == "PROPN" or ps.tag_ in ("PRP", *WH)
            ):
                # "the statues were returned to X", "aid was sent to X": the thing passes to X
                to = [p for p in prep_objects(t, TO) if p.i in self.ctx.ent_at or p.pos_ == "PROPN"]
                recipient = to[:1] or recipient
        elif t.dep_ == "acl" and t.tag_ == "VBN":
            recipient = [t.head]
        else:
            o = dobj(t)
            if o is not None:
                recipient = [t.head] if (o.tag_ in WH and t.dep_ == "relcl") else [o]
                names_actor = (
                    o.i in self.ctx.ent_at
                    or o.pos_ == "PROPN"
                    or o.tag_ == "PRP"
                    or any(x.dep_ == "poss" for x in o.children)
                    or self.inner_actor(o) is not None
                )
                if o.tag_ not in WH and not names_actor:
                    # "restored diplomatic ties with X", "returned six looted statues to X": the object is a
                    # thing, the party is X
                    preps = EVENT_PREPS.get(event, DEFAULT_PREPS)
                    # the party hangs from the verb or, as often parsed, from the object ("lifted
                    # restrictions on X", "withdrew some of its troops from X")
                    holders = [t, o, *[p for p in prep_objects(o, frozenset({"of"}))]]
                    alt = [
                        p
                        for x in holders
                        for p in prep_objects(x, preps)
                        if (p.i in self.ctx.ent_at or p.pos_ == "PROPN")
                        and not (event in OBJECT_LOCATES and self.ctx.is_locality(p))
                    ]
                    if alt:
                        recipient = alt[:1]
            if not recipient:
                for c in t.children:
                    if c.dep_ == "dative":
                        recipient = [c] if c.pos_ != "ADP" else [p for p in c.children if p.dep_ == "pobj"]
                        break
            if not recipient:
                recipient = prep_objects(t, EVENT_PREPS.get(event, DEFAULT_PREPS))[:1]
            if not recipient:
                # tagging slip: "expressed gratitude to Trump" parsed as an infinitive "to trump"
                recipient = self.to_slip(t)
            if (
                not recipient
                and t.dep_ == "relcl"
                and any(c.tag_ in WH and c.dep_ in ("dobj", "pobj") for c in t.subtree)
            ):
                recipient = [t.head]
        return actor, recipient

    # complexity over 15: one case per kind of auxiliary-mode marker, on a walk up the governing clauses
    def verb_aux(self, t: Token) -> list[str]:  # noqa: C901
        aux: list[str] = []
        node = t
        for _ in range(4):
            for c in node.children:
                if c.dep_ in ("aux", "auxpass"):
                    w = c.lower_
                    if w in FUTURE_MODALS or self.lemma(c) in ("will", "shall"):
                        aux.append("future")
                    elif w in HYPOTHETICAL_MODALS:
                        aux.append("hypothetical")
                if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)):
                    aux.append("negated")
                if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                    aux.append("hypothetical")
                if (
                    c.dep_ == "mark"
                    and c.lower_ in CONDITION_MARKS
                    # "arrested days before protested": a time adverb misparsed as a clause marker
                    and not (c.i > 0 and self.lemma(c.doc[c.i - 1]) in BEFORE_ADVERBS)
                    and node.tag_ != "VBD"
                    and not any(a.dep_ in ("aux", "auxpass") and a.tag_ == "VBD" for a in node.children)
                ):
                    # "will not end the strike until their demands are met", "before they disarm": a
                    # condition still to be fulfilled (in past narration, "until the rebels withdrew", it
                    # happened)
                    aux.append("hypothetical")
            if node.dep_ == "xcomp" and node.head.i != node.i:
                hl = self.lemma(node.head)
                if hl in self.lex.negated:
                    aux.append("negated")
                elif hl in self.lex.hypothetical:
                    aux.append("hypothetical")
                elif hl in self.lex.expected or node.head.lower_ in EXPECTATION:
                    aux.append("expected")
                elif hl in self.lex.future or node.head.lower_ in READY:
                    aux.append("future")
                node = node.head
                if self.match(node, "V") is not None:
                    break
                continue
            if node.dep_ == "conj" and node.head.i != node.i and self.subject_token(node) is None:
                node = node.head
                continue
            break
        seen: list[str] = []
        for a in aux:
            if a not in seen:
                seen.append(a)
        return seen
