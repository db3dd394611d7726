"""Stage ``events``: PLOVER events with actor, recipient, mode, context, CAMEO root and Goldstein score.

The coder (``coder.py``) reads the parse and the records of the earlier stages (entities, times,
places) and emits ``Event`` records; its knowledge is in ``eventwire/data/events/``.
"""

from __future__ import annotations

from ..config import PipelineConfig
from ..model import Document
from ..registry import Stage, stages
from .coder import Coder


class EventStage:
    name = "events"

    def __init__(self) -> None:
        self.coder = Coder()

    def __call__(self, doc: Document) -> None:
        if doc.spacy is None:
            return
        doc.events.extend(self.coder.code(doc))


@stages.register("events")
def make_events(config: PipelineConfig) -> Stage:
    return EventStage()
