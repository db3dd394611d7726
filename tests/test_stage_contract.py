"""The Stage protocol: requires/assigns checked and ordered when the pipeline is built, stage options."""

from __future__ import annotations

import pytest

from eventwire.config import DEFAULT_STAGES, PipelineConfig
from eventwire.pipeline import _import_stages, as_stage
from eventwire.registry import BaseStage, order_stages, stage_options, stages


class Fake(BaseStage):
    def __init__(self, name: str, requires: tuple[str, ...] = (), assigns: tuple[str, ...] = ()) -> None:
        self.name, self.requires, self.assigns = name, requires, assigns

    def __call__(self, doc: object) -> None:
        return None


def names(chosen: list) -> list[str]:
    return [s.name for s in chosen]


def test_order_follows_requires_and_keeps_the_configured_order_among_equals() -> None:
    a = Fake("a", ("parse",), ("x",))
    b = Fake("b", ("x", "y"), ("z",))
    c = Fake("c", (), ("y",))
    d = Fake("d", ("parse",), ())
    assert names(order_stages([b, a, d, c])) == ["a", "d", "c", "b"]


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ([Fake("a", ("entities",))], "stage 'a' requires entities"),
        ([Fake("a", ("y",), ("x",)), Fake("b", ("x",), ("y",))], "require each other"),
    ],
)
def test_order_refuses_what_cannot_run(chosen: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        order_stages(chosen)


def test_the_default_stages_run_in_the_configured_order() -> None:
    _import_stages()
    config = PipelineConfig()
    chosen = [as_stage(stages.get(n)(config)) for n in config.stages]
    assert names(order_stages(chosen)) == list(DEFAULT_STAGES)
    assert all(s.assigns for s in chosen)
    # listed backwards, each stage still runs after the stages whose fields it reads
    done = {"text", "parse", "sentences"}
    for s in order_stages(chosen[::-1]):
        assert set(s.requires) <= done, s.name
        done.update(s.assigns)


def test_stage_options_reject_unknown_keys() -> None:
    config = PipelineConfig(options={"events": {"drop_repeats": False}})
    assert stage_options(config, "events", {"drop_repeats": True}) == {"drop_repeats": False}
    assert stage_options(PipelineConfig(), "events", {"drop_repeats": True}) == {"drop_repeats": True}
    with pytest.raises(ValueError, match="no option colour"):
        stage_options(PipelineConfig(options={"events": {"colour": 1}}), "events", {"drop_repeats": True})


def test_the_events_stage_reads_its_options() -> None:
    _import_stages()
    stage = stages.get("events")(PipelineConfig(options={"events": {"drop_repeats": False}}))
    assert stage.coder.drop_repeats is False  # type: ignore[attr-defined]
