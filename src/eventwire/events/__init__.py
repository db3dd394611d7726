"""Stage ``events``: PLOVER events with actor, recipient, mode, context, CAMEO root and Goldstein score.

The coder (``coder.py``) reads the parse and the records of the earlier stages (entities, times,
places) and emits ``Event`` records; its knowledge is in ``eventwire/data/events/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from ..config import PipelineConfig
from ..model import Document
from ..nlp.selective import SentenceView
from ..registry import BaseStage, Stage, stage_options, stages
from .chooser import load_argument_model
from .coder import SPEECH, Coder
from .learned import EventModel, load_model, rescore
from .nonevents import check
from .outcomes import merge_outcomes
from .parties import drop_things
from .stated import link_quotes
from .status import StatusModel, load_status_model, restate


class EventStage(BaseStage):
    name = "events"
    requires = ("parse", "sentences", "boilerplate", "entities", "times", "places", "quotes")
    assigns = ("events",)
    #: ``drop_repeats``: drop a bare later mention of an event already coded (see ``coder.drop_repeats``);
    #: ``learned``: score the events with the learned model and add its proposals (``learned.py``)
    OPTIONS: ClassVar[Mapping[str, Any]] = {"drop_repeats": True, "learned": True}

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options = {**self.OPTIONS, **(options or {})}
        self.coder = Coder(drop_repeats=bool(self.options["drop_repeats"]))
        #: score the rule events and add the learned model's proposals (``learned.py``); off, the rule
        #: coder's events come out as they are (the training script reads them so)
        self.learned = bool(self.options["learned"])
        self.model: EventModel | None = None
        self.status: StatusModel | None = None

    def warm(self) -> None:
        if self.learned:
            self.model = load_model()
            self.status = load_status_model()
            load_argument_model()  # the argument chooser (``chooser.py``), read here, not on a first event

    def __call__(self, doc: Document) -> None:
        if doc.spacy is None:
            return
        events = self.coder.code(doc)
        if self.learned:
            if self.model is None:
                self.model = load_model()
            if self.model is not None:
                events = rescore(doc, events, self.model)
                drop_things(doc, events)
                events = merge_outcomes(doc, events)
                events = check(doc, events)
                if self.status is None:
                    self.status = load_status_model()
                if self.status is not None:
                    restate(doc, events, self.status)
                for n, ev in enumerate(events, 1):
                    ev.id = f"{doc.article.id}:e{n}"
        link_quotes(doc, events)
        doc.events.extend(events)

    def wants_parse(self, sent: SentenceView) -> bool:
        """Selective parsing: an event needs a word that may be a trigger (verb or noun), a noun an
        event verb takes as object, or a speech verb with "must"/"should" (a demand)."""
        if self._parse_lemmas is None:
            lex = self.coder.lex
            keys = {k[0] for k in lex.triggers} | set(lex.objects)
            if "ceasefire" in keys:
                keys.add("fire")  # "cease-fire" is three tokens
            self._parse_lemmas = frozenset(keys)
        if not self._parse_lemmas.isdisjoint(sent.lemmas):
            return True
        return not SPEECH.isdisjoint(sent.lemmas) and ("must" in sent.words or "should" in sent.words)

    _parse_lemmas: frozenset[str] | None = None


@stages.register("events")
def make_events(config: PipelineConfig) -> Stage:
    return EventStage(stage_options(config, "events", EventStage.OPTIONS))
