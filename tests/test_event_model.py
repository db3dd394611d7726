"""The learned event model: its file, its probabilities and calibration, the default threshold, the
arguments and status of the events it proposes, and ``--min-confidence``."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.events.learned import MODEL_FILE, NONE, EventModel, candidates, load_model, word_clusters
from eventwire.events.parties import drop_things
from eventwire.events.statements import ArgumentFinder, _status, cameo_roots, proposal_event
from eventwire.events.threshold import DEFAULT_MIN_CONFIDENCE
from eventwire.model import PLOVER_EVENTS
from helpers import parsed

MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data" / "events" / MODEL_FILE


@pytest.fixture(scope="module")
def model() -> EventModel:
    m = load_model()
    assert m is not None, "the shipped event model is missing"
    return m


def test_default_threshold_is_the_models(model: EventModel) -> None:
    assert model.threshold == DEFAULT_MIN_CONFIDENCE


def test_model_classes_are_plover_types_and_none(model: EventModel) -> None:
    assert NONE in model.classes
    assert set(model.classes) - {NONE} <= set(PLOVER_EVENTS)
    assert set(cameo_roots()) == set(PLOVER_EVENTS)


def test_model_file_rejects_unknown_keys() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["surprise"] = 1
    with pytest.raises(ValueError, match="surprise"):
        EventModel(data)


def test_word_clusters_group_words_used_alike() -> None:
    table = word_clusters()
    assert len(table) > 10_000 and all(v.isdigit() for v in table.values())
    # what the model learns for one word carries to words used like it; a killing is elsewhere
    assert table["slammed"] == table["denounced"]
    assert table["killed"] not in {table["slammed"], table["criticized"], table["condemned"]}


def test_candidate_words_carry_their_cluster(pipeline) -> None:
    d = parsed(pipeline, "The senator slammed the governor over the budget.")
    cands = candidates(d, list(d.events))
    slammed = next(c for c in cands if c.token.lower_ == "slammed")
    assert f"wc={word_clusters()['slammed']}" in slammed.features


def test_calibration_is_monotone_and_in_range(model: EventModel) -> None:
    xs = np.linspace(0, 1, 101)
    ys = [model.calibrate(float(x)) for x in xs]
    assert all(0.0 < y <= 1.0 for y in ys)
    assert all(b >= a for a, b in itertools.pairwise(ys))


def test_a_calibration_step_at_zero_still_gives_a_positive_confidence() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["calibration"] = [[0.0, 0.0], [0.3, 0.0], [0.6, 0.5], [1.0, 1.0]]
    m = EventModel(data)
    assert m.calibrate(0.1) == 0.001 and m.calibrate(1.0) == 1.0


def test_probabilities_sum_to_one(pipeline, model: EventModel) -> None:
    d = parsed(pipeline, "The minister accused the rebels of shelling the town, and the rebels denied it.")
    assert d.events
    cands = candidates(d, list(d.events))
    probs = model.probabilities(cands)
    assert probs.shape == (len(cands), len(model.classes))
    assert np.allclose(probs.sum(axis=1), 1.0)


@pytest.mark.parametrize(
    ("sentence", "word", "status"),
    [
        ("The governor will criticize the agency on Friday.", "criticize", ["future"]),
        ("The governor would criticize the agency if asked.", "criticize", ["hypothetical"]),
        ("The governor did not criticize the agency.", "criticize", ["negated"]),
        ("If the agency fails, the governor criticizes it.", "criticizes", ["hypothetical"]),
        ("The governor criticized the agency.", "criticized", []),
        ("The governor wants to criticize the agency.", "criticize", ["hypothetical"]),
    ],
)
def test_status_of_a_proposed_event(nlp, sentence: str, word: str, status: list[str]) -> None:
    tok = next(t for t in nlp(sentence) if t.text == word)
    assert _status(tok) == status


@pytest.mark.parametrize(
    ("sentence", "word", "event", "actor", "recipient"),
    [
        (
            "Senator Clara Diaz blasted the Pentagon over the contract.",
            "blasted",
            "ACCUSE",
            "Clara Diaz",
            "the Pentagon",
        ),
        ("The mayor said the police had lied about the raid.", "said", "ACCUSE", "The mayor", "the police"),
        ("The union's rejection of the offer surprised nobody.", "rejection", "REJECT", "The union", None),
        # reported deeds: the accusation is the speaker's, against the doer
        (
            "Senator Clara Diaz said Governor Tom Reyes had undermined the state courts.",
            "undermined",
            "ACCUSE",
            "Clara Diaz",
            "Governor Tom Reyes",
        ),
        # ... but a plan or a statement of the doer's own stays the doer's
        (
            "Senator Clara Diaz said Governor Tom Reyes would investigate the state courts.",
            "investigate",
            "ACCUSE",
            "Tom Reyes",
            "the state courts",
        ),
        (
            "Senator Clara Diaz said Governor Tom Reyes criticized the state courts.",
            "criticized",
            "ACCUSE",
            "Tom Reyes",
            "the state courts",
        ),
        # passives: the subject is done to, the agent acts
        (
            "Governor Tom Reyes was dismissed by the state assembly.",
            "dismissed",
            "SANCTION",
            "assembly",
            "Governor Tom Reyes",
        ),
        ("Governor Tom Reyes was dismissed on Monday.", "dismissed", "SANCTION", None, "Governor Tom Reyes"),
        # a raising verb's subject is its complement's
        ("Governor Tom Reyes is set to meet the rebels.", "set", "CONSULT", "Tom Reyes", "the rebels"),
        # the object's own party, never the actor's possessive
        (
            "Governor Tom Reyes touted his close relationship with Senator Clara Diaz.",
            "touted",
            "SUPPORT",
            "Tom Reyes",
            "Senator Clara Diaz",
        ),
        # a named party beats a thing
        ("The rebels cast doubt on the government's promises.", "cast", "REJECT", "rebels", "the government"),
        # the subject of a complement clause is the addressee of a demand
        (
            "The rebels want the government to lift the blockade.",
            "want",
            "REQUEST",
            "rebels",
            "the government",
        ),
        # an event noun that is the goal of its clause's act is the subject's
        (
            "Governor Tom Reyes flew to Hanoi for talks with the rebels.",
            "talks",
            "CONSULT",
            "Tom Reyes",
            "the rebels",
        ),
        ("The rebels fled after the attack on the village.", "attack", "ASSAULT", None, "the village"),
        # the subject's own act toward someone: the someone
        (
            "Governor Tom Reyes declared his love for the rebels.",
            "declared",
            "SUPPORT",
            "Tom Reyes",
            "the rebels",
        ),
        # a time is no recipient
        ("The rebels attacked on Sunday.", "attacked", "ASSAULT", "rebels", None),
        # an act that names no party acts through its owner
        (
            "Governor Tom Reyes arrived, and his decision punished the rebels.",
            "punished",
            "SANCTION",
            "Tom Reyes",
            "the rebels",
        ),
        # the party of a control verb's complement, and the topic of a statement
        (
            "Governor Tom Reyes tried to open talks with the rebels.",
            "tried",
            "CONSULT",
            "Tom Reyes",
            "the rebels",
        ),
        ("Governor Tom Reyes spoke angrily about the rebels.", "spoke", "ACCUSE", "Tom Reyes", "the rebels"),
        # the "of" object of a withdrawal or resignation is who withdraws
        (
            "The unions called for the resignation of Governor Tom Reyes.",
            "resignation",
            "RETREAT",
            "Tom Reyes",
            None,
        ),
        # the owner of what the act is about ("many of his proposals"): him
        (
            "Senator Clara Diaz met Governor Tom Reyes. She rejected many of his proposals.",
            "rejected",
            "REJECT",
            "Clara Diaz",
            "his",
        ),
        # an unresolved personal pronoun is kept as the text says it (no name, no country)
        ("They condemned the governor on Monday.", "condemned", "ACCUSE", "They", "the governor"),
    ],
)
def test_arguments_of_a_proposed_event(
    pipeline, sentence: str, word: str, event: str, actor: str | None, recipient: str | None
) -> None:
    from eventwire.events.context import entities_by_token
    from eventwire.events.learned import Candidate

    d = parsed(pipeline, sentence)

    tok = next(t for t in d.spacy if t.text == word)
    cand = Candidate(tok, 0, {}, [])
    ev = proposal_event(d, cand, event, 0.5, ArgumentFinder(d, entities_by_token(d)), None)
    assert ev is not None
    drop_things(d, [ev])
    assert ev.event == event and ev.cameo_root == cameo_roots()[event]
    assert ev.trigger == word and d.text[ev.trigger_start : ev.trigger_end] == word
    assert d.text[ev.start : ev.end] == ev.event_text
    if actor is None:
        assert not ev.actor
    else:
        assert any(actor in (a.entity_text or "") or actor in (a.name or "") for a in ev.actor)
    if recipient is None:
        assert not ev.recipient
    else:
        assert [r.entity_text for r in ev.recipient] == [recipient]


def test_min_confidence_filters_the_output(tmp_path: Path) -> None:
    p = tmp_path / "story.txt"
    p.write_text(
        "date 2024-03-12\nThe defence minister accused the rebels of shelling the village. "
        "Rebel leaders denied the charge and threatened to attack the capital. "
        "Protesters marched in the capital on Sunday.\n",
        encoding="utf-8",
    )
    runner = CliRunner()

    def confidences(*extra: str) -> list[float]:
        res = runner.invoke(app, ["code", str(p), "--output", "jsonl", *extra])
        assert res.exit_code == 0, res.stderr
        return [e["confidence"] for e in json.loads(res.stdout)["events"]]

    every = confidences("--min-confidence", "0")
    default = confidences()
    assert every and all(0.0 <= c <= 1.0 for c in every)
    assert default == [c for c in every if c >= DEFAULT_MIN_CONFIDENCE]
    assert confidences("--min-confidence", "1") == [c for c in every if c >= 1.0]
    res = runner.invoke(app, ["code", str(p), "--min-confidence", "1.5"])
    assert res.exit_code == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "The farmer was struck by lightning during the storm.",
        "A tornado hit the school gym on Sunday.",
        "Please visit: https://example.org/form to register.",
        # a participle clause takes its governing clause's natural-force subject
        "The hurricane swept across the island on Friday, killing twelve residents.",
        # poll figures and standings
        "Johnson has 38 percent support among Conservative members, the survey found.",
        "Fifty-five percent of voters back the senator's plan.",
        # a game's score
        "The Rangers crushed the Bruins 5-1 at home on Saturday.",
        # asking a question is no request
        "The governor was asked whether she would veto the budget.",
        "Reporters asked the minister about the deal.",
    ],
)
def test_non_events_stop_at_the_source(code, sentence: str) -> None:
    assert [(e.event, e.trigger) for e in code(sentence).events] == []


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("The president asked Congress to approve the aid package.", "REQUEST"),
        ("Rebels killed twelve soldiers in an ambush on Friday.", "ASSAULT"),
        ("The United States imposed 25 percent tariffs on Chinese steel.", "COERCE"),
        ("Opposition supporters cheered the candidate at a rally in Caracas.", "SUPPORT"),
    ],
)
def test_the_non_event_checks_keep_real_events(code, sentence: str, event: str) -> None:
    assert event in {e.event for e in code(sentence).events}


def test_event_in_a_modal_clause_is_hypothetical(code) -> None:
    doc = code("The general would have approval over any operation to bomb the depot.")
    assaults = [e for e in doc.events if e.event == "ASSAULT"]
    assert assaults and all("hypothetical" in e.mode for e in assaults)


@pytest.mark.parametrize(
    ("sentence", "event", "kept"),
    [
        ("The minister rejected the deal on Monday.", "REJECT", []),
        ("Rebels attacked the convoy near the border.", "ASSAULT", ["the convoy"]),
    ],
)
def test_things_are_no_recipients(code, sentence: str, event: str, kept: list[str]) -> None:
    evs = [e for e in code(sentence).events if e.event == event]
    assert evs and [r.entity_text for r in evs[0].recipient] == kept


@pytest.mark.parametrize(
    ("sentence", "word", "event", "speaker_acts"),
    [
        ('"We will cut the funding of the clinics," said Kofi Mensah.', "cut", "SANCTION", True),
        ('"The funding of the clinics must be cut," said Kofi Mensah.', "cut", "SANCTION", True),
        ('"Either he resigns or the strikes go on," said Kofi Mensah.', "resigns", "RETREAT", False),
        ('"The minister must resign," said Kofi Mensah.', "resign", "RETREAT", False),
    ],
)
def test_quote_speaker_acts_only_for_first_person_or_no_subject(
    pipeline, sentence: str, word: str, event: str, speaker_acts: bool
) -> None:
    from eventwire.events.context import entities_by_token
    from eventwire.events.learned import Candidate
    from eventwire.model import Entity

    d = parsed(pipeline, sentence)
    tok = next(t for t in d.spacy if t.text == word)
    start = d.text.index("Kofi Mensah")
    speaker = Entity(
        entity_text="Kofi Mensah", start=start, end=start + 11, sentence=0, name="Kofi Mensah", kind="person"
    )
    ev = proposal_event(
        d, Candidate(tok, 0, {}, []), event, 0.5, ArgumentFinder(d, entities_by_token(d)), speaker
    )
    acts = ev is not None and any(a.name == "Kofi Mensah" for a in ev.actor)
    assert acts == speaker_acts


def test_third_person_pronoun_in_a_quotation_is_not_its_speaker(code_rules) -> None:
    doc = code_rules('"Either he resigns or the strikes go on," said Kofi Mensah, a union leader.')
    for e in doc.events:
        if e.event == "RETREAT":
            assert all(a.name != "Kofi Mensah" for a in e.actor)
