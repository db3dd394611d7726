"""One act, one event (``events/outcomes.py``): a clause telling what another event of its type did is merged
into it; coordinated acts stay apart."""

from __future__ import annotations

import pytest

from eventwire.events.outcomes import tells_of


@pytest.mark.parametrize(
    "text",
    [
        "A drone strike that killed a militia commander hit the convoy on Sunday.",
        "Rebels attacked the army checkpoint, killing four soldiers.",
        "Six soldiers were killed in the attack on the base.",
        "A car bombing in the capital killed 12 police officers.",
    ],
)
def test_an_attack_and_its_killing_are_one_event(code, text: str) -> None:
    doc = code(text)
    assert [e.event for e in doc.events].count("ASSAULT") == 1, [(e.event, e.trigger) for e in doc.events]


def test_coordinated_acts_stay_two_events(code) -> None:
    doc = code("Police beat the organizers and shot a protester in the leg.")
    assert sorted(e.trigger for e in doc.events if e.event == "ASSAULT") == ["beat", "shot"]


def test_the_event_word_is_no_party_of_its_own_act(code) -> None:
    doc = code("A car bombing in the capital killed 12 police officers.")
    (ev,) = [e for e in doc.events if e.event == "ASSAULT"]
    assert all("bombing" not in x.entity_text for x in ev.actor + ev.recipient)
    assert [x.entity_text for x in ev.recipient] == ["12 police officers"]


@pytest.mark.parametrize(
    ("text", "outcome", "event", "expected"),
    [
        ("The strike that killed the general was ordered by the president.", "killed", "strike", True),
        ("The militants stormed the hotel, taking dozens of hostages.", "taking", "stormed", True),
        ("A bombing killed 40 soldiers.", "killed", "bombing", True),
        ("Three guards were wounded by the blast.", "wounded", "blast", True),
        ("The army shelled the town and attacked the checkpoint.", "attacked", "shelled", False),
        ("The minister said the strike killed civilians.", "said", "strike", False),
    ],
)
def test_tells_of(nlp, text: str, outcome: str, event: str, expected: bool) -> None:
    doc = nlp(text)
    b = next(t for t in doc if t.text == outcome)
    a = next(t for t in doc if t.text == event)
    assert tells_of(b, a) is expected
