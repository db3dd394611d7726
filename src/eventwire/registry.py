"""Stage registry, in the spirit of spaCy's ``registry``, and the ``Stage`` protocol.

A stage is a callable ``stage(doc: Document) -> None`` that reads what earlier stages
put on the document and adds its own records.  Stages never call each other: they talk
through the data model only.  Each stage says which document fields it reads (``requires``)
and which it fills (``assigns``); the pipeline orders the configured stages from that and
refuses a configuration where a stage requires a field nothing assigns.  Each stage module
registers a factory under a name::

    @stages.register("time")
    def make_time_stage(config: PipelineConfig) -> Stage:
        return TimeStage(stage_options(config, "time", TimeStage.OPTIONS))

and ``PipelineConfig.stages`` lists the names to run.

Document fields (the names used in ``requires`` / ``assigns``): ``text``, ``parse`` and
``sentences`` come from the pipeline itself; ``boilerplate`` (sentence flags), ``entities``,
``times``, ``places``, ``quotes`` and ``events`` from the stages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:  # pragma: no cover
    from .config import PipelineConfig
    from .model import Document
    from .nlp.selective import SentenceView

#: what the pipeline puts on every document before the stages run
PIPELINE_ASSIGNS: tuple[str, ...] = ("text", "parse", "sentences")


class Stage(Protocol):
    """A pipeline stage.

    ``warm()`` loads the stage's knowledge at pipeline start (as the model is loaded) rather than on
    the first article; ``wants_parse(view)`` says whether the stage reads the parse of a sentence
    (selective parsing parses a sentence when any stage wants it).  ``BaseStage`` gives both a default.
    """

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> None: ...

    def warm(self) -> None: ...

    def wants_parse(self, sent: SentenceView) -> bool: ...


class BaseStage:
    """Defaults for a stage: no knowledge to warm, reads the parse of every sentence, no options."""

    name: str = ""
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    #: the stage's options and their defaults (``PipelineConfig.options[name]``; other keys are errors)
    OPTIONS: ClassVar[Mapping[str, Any]] = {}

    def __call__(self, doc: Document) -> None:  # pragma: no cover - every stage defines it
        raise NotImplementedError

    def warm(self) -> None:
        return None

    def wants_parse(self, sent: SentenceView) -> bool:
        return True


StageFactory = Callable[["PipelineConfig"], Stage]


def stage_options(config: PipelineConfig, name: str, defaults: Mapping[str, Any]) -> dict[str, Any]:
    """The stage's options: ``defaults`` updated from ``config.options[name]``; an unknown key is an error."""
    given = config.options.get(name, {})
    unknown = sorted(set(given) - set(defaults))
    if unknown:
        known = ", ".join(sorted(defaults)) or "none"
        raise ValueError(f"stage {name!r} has no option {', '.join(unknown)} (known: {known})")
    return {**defaults, **given}


def order_stages(chosen: list[Stage]) -> list[Stage]:
    """The stages in an order where each runs after the stages that assign what it requires (among
    equals, the configured order).  Raises ``ValueError`` when a stage requires a field that neither the
    pipeline nor any chosen stage assigns, or when the requirements form a cycle."""
    assigned = set(PIPELINE_ASSIGNS)
    for s in chosen:
        assigned.update(s.assigns)
    for s in chosen:
        missing = [r for r in s.requires if r not in assigned]
        if missing:
            raise ValueError(
                f"stage {s.name!r} requires {', '.join(missing)}, which no stage of "
                f"{', '.join(x.name for x in chosen)} assigns"
            )
    done = set(PIPELINE_ASSIGNS)
    todo = list(chosen)
    out: list[Stage] = []
    while todo:
        ready = next((s for s in todo if _ready(s, done, todo)), None)
        if ready is None:
            raise ValueError(f"stages {', '.join(s.name for s in todo)} require each other's fields")
        todo.remove(ready)
        out.append(ready)
        done.update(ready.assigns)
    return out


def _ready(stage: Stage, done: set[str], pending: list[Stage]) -> bool:
    """Every field the stage requires is assigned already, or by no other pending stage."""
    return all(
        r in done or not any(r in s.assigns for s in pending if s is not stage) for r in stage.requires
    )


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
