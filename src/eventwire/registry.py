"""Stage registry, in the spirit of spaCy's ``registry``.

A stage is a callable ``stage(doc: Document) -> None`` that reads what earlier stages
put on the document and adds its own records.  Stages never call each other: they talk
through the data model only.  Each stage module registers a factory under a name::

    @stages.register("time")
    def make_time_stage(config: PipelineConfig) -> Stage: ...

and ``PipelineConfig.stages`` lists the names to run, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from .config import PipelineConfig
    from .model import Document


class Stage(Protocol):
    """A pipeline stage.  Optional methods the pipeline uses when a stage has them:
    ``warm()`` loads the stage's knowledge at pipeline start (as the model is loaded) rather than
    on the first article; ``wants_parse(view)`` says which sentences it reads the parse of."""

    name: str

    def __call__(self, doc: Document) -> None: ...


StageFactory = Callable[["PipelineConfig"], Stage]


class Registry:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, StageFactory] = {}

    def register(self, name: str) -> Callable[[StageFactory], StageFactory]:
        def deco(fn: StageFactory) -> StageFactory:
            self._items[name] = fn
            return fn

        return deco

    def get(self, name: str) -> StageFactory:
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise KeyError(f"no {self.kind} named {name!r} (known: {known})") from None

    def names(self) -> list[str]:
        return sorted(self._items)


stages = Registry("stage")
