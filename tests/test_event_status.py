"""The learned event status (``events/status.py``): asserted, future, hypothetical or negated."""

from __future__ import annotations

import json

import pytest

from eventwire.events.linear import LinearScores
from eventwire.events.status import (
    STATUSES,
    StatusModel,
    features,
    load_status_model,
    model_path,
    restate,
    rule_status,
    trigger_token,
)
from helpers import parsed

UNREAL = {"future", "hypothetical"}


@pytest.mark.parametrize(
    ("mode", "status"),
    [
        ([], "asserted"),
        (["visit"], "asserted"),
        (["future"], "future"),
        (["resign", "hypothetical"], "hypothetical"),
        (["future", "hypothetical"], "hypothetical"),
        (["negated", "future"], "negated"),
    ],
)
def test_rule_status_reads_the_mode(mode: list[str], status: str) -> None:
    assert rule_status(mode) == status


def test_shipped_model_file() -> None:
    raw = json.loads(model_path().read_text(encoding="utf-8"))
    assert raw["classes"] == list(STATUSES)
    assert 0.0 <= raw["margin"] < 1.0
    assert len(raw["intercept"]) == len(STATUSES)
    assert all(len(w) == len(STATUSES) for w in raw["weights"].values())
    assert load_status_model() is not None


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        (
            "The Danish foreign minister will meet her Chinese counterpart in Oslo next month.",
            "meet",
            "unreal",
        ),
        # an expected or planned meeting is a future AGREE (the guide's convention); the cue rules read none
        ("The two leaders are expected to meet in Geneva next week.", "meet", "unreal"),
        ("The White House said a meeting between the presidents is planned for March.", "planned", "unreal"),
        ("Parliament could impose new sanctions on the junta if the talks collapse.", "impose", "unreal"),
        ("The governor plans to sue the federal agency over the new rule.", "sue", "unreal"),
        ("Soldiers arrested four protesters outside the ministry on Monday.", "arrested", "asserted"),
        ("The senator criticized the Pentagon for the delay.", "criticized", "asserted"),
        ("The general has not ordered any strikes against the rebels.", "ordered", "negated"),
    ],
)
def test_status_of_coded_events(code, text: str, trigger: str, status: str) -> None:
    doc = code(text)
    evs = [e for e in doc.events if trigger in (e.trigger or "")]
    assert evs, [(e.event, e.trigger) for e in doc.events]
    got = rule_status(evs[0].mode)
    assert got in UNREAL if status == "unreal" else got == status, (evs[0].event, evs[0].mode)


def _always(status: str, margin: float = 0.0, strength: float = 5.0) -> StatusModel:
    """A model whose every answer is ``status`` with the probability ``strength`` gives it."""
    intercept = [strength if s == status else 0.0 for s in STATUSES]
    return StatusModel(LinearScores({}, intercept, len(STATUSES)), list(STATUSES), margin)


def test_restate_changes_only_status_words(pipeline) -> None:
    doc = parsed(pipeline, "The prime minister resigned after the vote.")
    ev = next(e for e in doc.events if e.trigger and "resign" in e.trigger)
    ev.mode = ["resign", "negated"]
    restate(doc, [ev], _always("future"))
    assert ev.mode == ["resign", "future"]
    restate(doc, [ev], _always("asserted"))
    assert ev.mode == ["resign"]


def test_below_the_margin_the_rules_status_stands(pipeline) -> None:
    doc = parsed(pipeline, "The prime minister resigned after the vote.")
    ev = next(e for e in doc.events if e.trigger and "resign" in e.trigger)
    ev.mode = ["hypothetical"]
    # four classes, one favoured by 1.0 in the scores: its probability is about 0.48, under a 0.9 margin
    restate(doc, [ev], _always("future", margin=0.9, strength=1.0))
    assert ev.mode == ["hypothetical"]
    restate(doc, [ev], _always("future", margin=0.4, strength=1.0))
    assert ev.mode == ["future"]


def test_features_read_the_clause(pipeline) -> None:
    doc = parsed(pipeline, "The minister would not sign the treaty.")
    ev = next(e for e in doc.events if e.trigger and "sign" in e.trigger)
    assert doc.spacy is not None
    tok = trigger_token(doc.spacy, ev)
    assert tok is not None and tok.lower_ == "sign"
    f = features(tok, ev.event)
    assert "c:aux:would" in f and "c:neg:not" in f
    assert f"ev={ev.event}" in f
