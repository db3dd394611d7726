"""From a candidate to an Event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Event
from .context import Cand, CoderBase
from .syntax import has_prep
from .vocab import COOPERATIVE, EXERCISES, MATERIAL_CONFLICT, ORDER_VERBS, SPEECH, VIOLENCE_CUES, WITH

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token


class Finish(CoderBase):
    def finish(self, c: Cand, sent_index: int, sent: Span) -> Event | None:
        lex = self.lex
        event, mode, cameo, aux = c.event, list(c.mode), c.cameo, list(c.aux)
        if c.actor_heads and all(self.non_agent(h) for h in c.actor_heads):
            return None  # "auto sales are declining": no political actor, no PLOVER event
        if self.under_consider(c):
            return None  # "is considering sending aid": weighing an option is a statement (CAMEO 014)
        if event in ("CONSULT", "AGREE"):
            # "visit the summit": a meeting is where the actor goes, not a participant
            c.recipient_heads = [r for r in c.recipient_heads if not self.names_meeting(r)]
        actors = self.entities_for(c.actor_heads, set())
        rheads = [self.object_antecedent(r, c) for r in c.recipient_heads]
        recips = self.entities_for([r for r in rheads if r not in c.actor_heads], set())
        akeys = {(a.start, a.end) for a in actors}
        recips = [r for r in recips if (r.start, r.end) not in akeys]
        # PLOVER reductions (manual, "Auxiliary modes" and the AGREE / CONCEDE / REJECT notes)
        if "negated" in aux:
            if event in COOPERATIVE and actors:
                inner = Cand(c.tokens, event, mode, cameo, set(), 0, c.clause)
                event, cameo = "REJECT", "12" + ("5" if event in ("CONSULT", "AGREE") else "0")
                mode = self.inner_mode("REJECT", inner)
                aux = [a for a in aux if a != "negated"]
            elif event == "REJECT":
                return None  # "did not reject" is not a rejection
        elif "future" in aux and not {"hypothetical"} & set(aux):
            # the actor's own future ("will meet", "plans to send"), not an expectation reported by others
            if event in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
                event, cameo, mode = (
                    "AGREE",
                    {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}[event],
                    [],
                )
                aux = [a for a in aux if a != "future"]
            elif event == "RETREAT" and not c.nominal:
                # announced intent to yield: CAMEO 035, which CAMEO2PLOVER codes AGREE
                event, cameo, mode = "AGREE", "035", []
                aux = [a for a in aux if a != "future"]
            elif event == "MOBILIZE" and recips:
                # "ready to send troops to X": intent to provide military assistance (CAMEO 0332)
                event, cameo, mode = "AGREE", "033", []
                aux = [a for a in aux if a != "future"]
            elif actors and (event in MATERIAL_CONFLICT or event == "PROTEST" or cameo == "125"):
                # announced force, sanctions, protests or boycotts: THREATEN (manual: THREATEN = ASSAULT +
                # hypothetical, coded as the single category); the mode is the content of the threat
                inner = Cand(c.tokens, event, mode, cameo, set(), 0, c.clause)
                tmode = self.inner_mode("THREATEN", inner)
                if event == "PROTEST" or cameo == "125":
                    tmode = ["relations"]
                event, mode = "THREATEN", tmode
                cameo = {"ASSAULT": "138", "MOBILIZE": "138", "PROTEST": "133"}.get(c.event, "130")
                if c.cameo == "125":
                    cameo = "134"
                aux = [a for a in aux if a != "future"]
        if "expected" in aux:
            aux = list(dict.fromkeys("future" if a == "expected" else a for a in aux))
        if "hypothetical" in aux and not actors and not recips:
            return None  # "should agreements be reached": a condition with no one acting is no event
        if (
            event == "ASSAULT"
            and self.lemma(c.tokens[-1]) == "attack"
            and self.lemma(c.tokens[0]) not in ORDER_VERBS
            and c.actor_heads
            and all(h.ent_type_ == "PERSON" for h in c.actor_heads)
            and not ({t.lower_ for t in sent} & VIOLENCE_CUES)
        ):
            # a named person "launching an attack on" someone, with no sign of violence: a verbal attack
            event, mode, cameo = "ACCUSE", ["disapprove"], "111"
        if event == "ASSAULT" and {"cyber", "cyberattack", "hacker", "hackers", "hacking"} & {
            t.lower_ for t in sent
        }:
            event, mode, cameo = "COERCE", ["cyber"], "170"
        if (
            event == "PROTEST"
            and actors
            and all((a.sector in ("GOV", "MIL") or (a.label == "GPE" and a.kind == "ner")) for a in actors)
            and c.tokens[0].pos_ != "NOUN"
        ):
            event, mode, cameo = "ACCUSE", ["disapprove"], "111"
        # evidence span
        toks = set(c.tokens) | set(c.extra)
        for h in c.actor_heads + c.recipient_heads:
            toks.add(h)
        starts = [t.idx for t in toks] + [e.start for e in actors + recips]
        ends = [t.idx + len(t.text) for t in toks] + [e.end for e in actors + recips]
        for t in self.clause_tokens(c):
            starts.append(t.idx)
            ends.append(t.idx + len(t.text))
        start = max(min(starts), sent.start_char)
        end = min(max(ends), sent.end_char)
        text = self.ctx.doc.text
        while end > start and text[end - 1] in " ,;:.\n\t\"'”’":
            end -= 1
        while start < end and text[start] in " ,;:\n\t\"'“‘":
            start += 1
        if end <= start:
            return None
        span_toks = [t for t in sent if t.idx >= start and t.idx + len(t.text) <= end]
        # modes and contexts from cues inside the evidence
        lemmas = {t.lower_ for t in span_toks} | {self.lemma(t) for t in span_toks}
        if c.nominal:
            lemmas |= {x.lower_ for x in c.tokens[0].children}
        if not mode and event in lex.mode_cues:
            for value, cue in lex.mode_cues[event]:
                if lemmas & cue:
                    mode = [value]
                    break
        if event == "ASSAULT" and (not mode or mode[0] in ("explosives", "heavy-weapons")):
            for value in ("drone", "aerial"):
                cue = dict(lex.mode_cues.get("ASSAULT", [])).get(value, frozenset())
                if lemmas & cue:
                    mode = [value]
                    break
        if event == "CONSULT" and "phone" not in mode and lemmas & {"phone", "telephone", "videoconference"}:
            mode = ["phone", *[m for m in mode if m != "visit"]]
        if event == "MOBILIZE" and lemmas & {"peacekeeping", "peacekeeper", "peacekeepers"}:
            # deploying peacekeepers is providing military protection (CAMEO 074, PLOVER AID)
            event, mode, cameo = "AID", [], "074"
        if (
            event == "MOBILIZE"
            and cameo == "152"
            and {self.lemma(t) for t in c.tokens} & EXERCISES
            and (
                "joint" in lemmas
                or len({a.code or a.entity_text for a in actors}) > 1
                or any(has_prep(t, WITH) for t in c.tokens)
            )
        ):
            # joint military exercises / war games are COOPERATE (CAMEO 062); only single-country exercises
            # are MOBILIZE (manual, MOBILIZE ambiguities)
            event, mode, cameo = "COOPERATE", [], "062"
        context = set(c.context)
        for value, cue in lex.context_cues:
            if lemmas & cue:
                context.add(value)
        if "cyber" in mode:
            context.add("cyber")
        if "human" in lemmas and "rights" in lemmas:
            context.add("human_rights")
        context.discard("human_rights") if not ({"human"} & lemmas) else None
        # trigger text
        trig = sorted(c.tokens, key=lambda t: t.i)
        t_start = trig[0].idx
        t_end = trig[-1].idx + len(trig[-1].text)
        if t_start < start or t_end > end:
            start, end = min(start, t_start), max(end, t_end)
        # confidence
        conf = c.conf
        if not actors:
            conf -= 0.2
        elif all(a.kind == "noun_phrase" and a.code is None for a in actors):
            conf -= 0.1
        else:
            conf += 0.05
        if aux:
            conf -= 0.05
        if c.clause.dep_ == "ccomp" and self.lemma(c.clause.head) in SPEECH:
            conf -= 0.05
        if c.clause.dep_ in ("relcl", "acl") and not c.nominal:
            conf -= 0.1  # background in a relative clause ("a journalist who was arrested last year")
        conf = round(max(0.05, min(0.99, conf)), 2)
        date, source = self.event_date(c, sent)
        root = cameo[:2]
        return Event(
            id="",
            event=event,
            start=start,
            end=end,
            event_text=text[start:end],
            sentence=sent_index,
            date=date,
            mode=[*dict.fromkeys(m for m in mode if m), *aux],
            context=sorted(context),
            actor=actors,
            recipient=recips,
            event_loc=self.event_place(c, sent, actors, start, end),
            quad_code=lex.quad.get(event),
            event_scale=lex.scale(event, mode),
            cameo_root=root,
            goldstein=lex.goldstein_root.get(root),
            confidence=conf,
            trigger=text[t_start:t_end],
            trigger_start=t_start,
            trigger_end=t_end,
            date_source=source,
        )

    def under_consider(self, c: Cand) -> bool:
        """The event is an option that its governing verb weighs ("is considering sending aid")."""
        node = c.clause
        for _ in range(4):
            if node.head is node or node.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj"):
                return False
            node = node.head
            if self.lemma(node) in self.lex.consider:
                return True
        return False

    def clause_tokens(self, c: Cand) -> list[Token]:
        head = c.clause
        out = [head]
        skip = {
            "conj",
            "cc",
            "parataxis",
            "advcl",
            "relcl",
            "punct",
            "mark",
            "discourse",
            "ccomp",
            "appos",
            "nsubj",
            "nsubjpass",
            "csubj",
            "meta",
            "dep",
            "acl",
        }
        if c.inner is not None:
            skip.discard("ccomp")
        for ch in head.children:
            if ch.dep_ in skip:
                continue
            out.extend(ch.subtree)
        return out
