"""Rule-based PLOVER event coder over the spaCy parse.

For each story sentence: find trigger words (verbs and event nouns from the lexicon), combine
them with the verbs that govern them (light verbs, verbs that turn an event into another,
control verbs such as "agreed to" / "threatened to" / "called for"), read the actor and
recipient from the parse, set auxiliary modes (future / hypothetical / negated) and apply the
PLOVER manual's reductions (future cooperation -> AGREE, announced retreat -> CONCEDE, refused
cooperation -> REJECT).  Nothing matched -> nothing emitted.

This module is the orchestrator; each part lives in its own module (see ``docs/architecture.md``):
``triggers`` (lexicon matching), ``verbs`` and ``nouns`` (candidates), ``combine`` (sentence passes),
``arguments`` (actor records), ``finish`` (reductions, evidence, confidence), ``anchor`` (date, place).
"""

from __future__ import annotations

from ..model import Document, Event
from .anchor import Anchors, norm_value
from .arguments import Arguments
from .columns import columns
from .combine import Combine
from .context import Cand, DocContext, coded_spans, document_lemmas, known_lemmas
from .finish import Finish
from .lexicon import Lexicon, load
from .nouns import Nouns
from .syntax import time_like
from .triggers import Triggers
from .verbs import Verbs
from .vocab import SPEECH

#: ``norm_value`` and ``time_like`` were module functions of the single-file coder: still importable here
__all__ = ["SPEECH", "Cand", "Coder", "DocumentCoder", "norm_value", "time_like"]


class DocumentCoder(Combine, Triggers, Verbs, Nouns, Arguments, Finish, Anchors):
    """Codes one document: made by ``Coder.code`` for each document and dropped after it."""

    def __init__(
        self,
        lex: Lexicon,
        known: frozenset[str],
        ctx: DocContext,
        memo: dict[tuple[int, int], str] | None = None,
    ) -> None:
        self.lex = lex
        self.known = known
        self.ctx = ctx
        sdoc = ctx.doc.spacy
        if sdoc is not None:
            self.cols = columns(sdoc)
            self.lemmas = document_lemmas(self.cols, known, {} if memo is None else memo)


class Coder:
    """The event coder: holds the lexicon (loaded once); ``code(doc)`` codes one document."""

    def __init__(self, lex: Lexicon | None = None, drop_repeats: bool = True) -> None:
        self.lex = lex or load()
        self.drop_repeats = drop_repeats
        #: per coder, not per process: a second ``Coder(lex=...)`` uses its own lexicon's lemmas
        self.known = known_lemmas(self.lex)
        #: (lemma id, word id) -> ``lemma``, across documents (``context.document_lemmas``)
        self.lemma_memo: dict[tuple[int, int], str] = {}

    def code(self, doc: Document) -> list[Event]:
        coder = DocumentCoder(self.lex, self.known, DocContext.build(doc), self.lemma_memo)
        events: list[Event] = []
        for s, span in coded_spans(doc):
            for cand in coder.sentence(span):
                ev = coder.finish(cand, s.index, span)
                if ev is not None:
                    events.append(ev)
        events.sort(key=lambda e: (e.start, e.trigger_start or 0))
        if self.drop_repeats:
            events = drop_repeats(events)
        for n, ev in enumerate(events, 1):
            ev.id = f"{doc.article.id}:e{n}"
        return events


def drop_repeats(events: list[Event]) -> list[Event]:
    """A bare later mention of an event already coded ("the conversation ... took place") is the same
    event: an event with no actor and no recipient whose event type and trigger head word were seen."""
    kept: list[Event] = []
    for ev in events:
        if (
            not ev.actor
            and not ev.recipient
            and any(
                k.event == ev.event
                and (k.trigger or "").lower().split()[-1:] == (ev.trigger or "").lower().split()[-1:]
                for k in kept
            )
        ):
            continue
        kept.append(ev)
    return kept
