"""Stage ``events``: registered and wired; finds nothing yet (an empty list is honest)."""

from __future__ import annotations

from ..config import PipelineConfig
from ..model import Document
from ..registry import Stage, stages


class _Stage:
    name = "events"

    def __call__(self, doc: Document) -> None:
        return None


@stages.register("events")
def make_events(config: PipelineConfig) -> Stage:
    return _Stage()
