"""From a candidate to an ``Event``: argument records, PLOVER reductions (``reduce``), evidence and cues
(``evidence``), confidence (``confidence``), date and place (``anchor``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Event
from .columns import columns
from .confidence import confidence
from .context import Cand, CoderBase
from .evidence import cue_contexts, cue_modes, evidence_span, span_lemmas, trigger_span
from .reduce import Coding, reclassify, reclassify_by_cues, reduce_aux

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span


class Finish(CoderBase):
    def finish(self, c: Cand, sent_index: int, sent: Span) -> Event | None:
        lex = self.lex
        if c.actor_heads and all(self.non_agent(h) for h in c.actor_heads):
            return None  # "auto sales are declining": no political actor, no PLOVER event
        if self.under_consider(c):
            return None  # "is considering sending aid": weighing an option is a statement (CAMEO 014)
        if c.event in ("CONSULT", "AGREE"):
            # "visit the summit": a meeting is where the actor goes, not a participant
            c.recipient_heads = [r for r in c.recipient_heads if not self.names_meeting(r)]
        actors = self.entities_for(c.actor_heads, set())
        rheads = [self.object_antecedent(r, c) for r in c.recipient_heads]
        recips = self.entities_for([r for r in rheads if r not in c.actor_heads], set())
        akeys = {(a.start, a.end) for a in actors}
        recips = [r for r in recips if (r.start, r.end) not in akeys]
        k = Coding(c.event, list(c.mode), c.cameo, list(c.aux))
        if not reduce_aux(c, k, actors, recips):
            return None
        reclassify(c, k, actors, set(columns(sent.doc).lower_strings()[sent.start : sent.end]), self.lemma)
        text = self.ctx.doc.text
        span = evidence_span(c, actors, recips, sent, text)
        if span is None:
            return None
        start, end = span
        lemmas = span_lemmas(c, sent, start, end, self.lemma)
        cue_modes(lex, k, lemmas)
        reclassify_by_cues(c, k, actors, lemmas, self.lemma)
        context = cue_contexts(lex, c, k.mode, lemmas)
        t_start, t_end = trigger_span(c)
        if t_start < start or t_end > end:
            start, end = min(start, t_start), max(end, t_end)
        date, source = self.event_date(c, sent)
        root = k.cameo[:2]
        return Event(
            id="",
            event=k.event,
            start=start,
            end=end,
            event_text=text[start:end],
            sentence=sent_index,
            date=date,
            mode=[*dict.fromkeys(m for m in k.mode if m), *k.aux],
            context=sorted(context),
            actor=actors,
            recipient=recips,
            event_loc=self.event_place(c, sent, actors, start, end),
            quad_code=lex.quad.get(k.event),
            event_scale=lex.scale(k.event, k.mode),
            cameo_root=root,
            goldstein=lex.goldstein_root.get(root),
            confidence=confidence(c, actors, k.aux, self.lemma),
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
