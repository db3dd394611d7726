"""The learned argument chooser (``events/chooser.py``): its file, its options and the parties it picks for
an event word, on sentences written for these tests."""

from __future__ import annotations

import json

import pytest

from eventwire.events.chooser import ArgumentModel, choose, dep_path, load_argument_model, model_path, options
from eventwire.events.context import entities_by_token
from eventwire.events.learned import Candidate
from eventwire.events.statements import ArgumentFinder, known_parties
from helpers import parsed


@pytest.fixture(scope="module")
def chooser() -> ArgumentModel:
    m = load_argument_model()
    assert m is not None, "the shipped argument model is missing"
    return m


def _choose(pipeline, chooser: ArgumentModel, sentence: str, word: str, event: str):
    d = parsed(pipeline, sentence)
    tok = next(t for t in d.spacy if t.text == word)
    args = ArgumentFinder(d, entities_by_token(d))
    q = known_parties(d, Candidate(tok, d.sentence_at(tok.idx), {}, []), event, args)
    return d, q, choose(d, [q], args, chooser)[0]


def test_model_file_rejects_unknown_keys() -> None:
    data = json.loads(model_path().read_text(encoding="utf-8"))
    data["surprise"] = 1
    with pytest.raises(ValueError, match="surprise"):
        ArgumentModel(data)


def test_model_file_holds_weights_only() -> None:
    data = json.loads(model_path().read_text(encoding="utf-8"))
    assert set(data) == {"actor", "recipient", "trained_on", "version"}
    for side in ("actor", "recipient"):
        assert all(isinstance(w, float) for w in data[side]["weights"].values())


def test_dependency_path_names_prepositions(pipeline) -> None:
    d = parsed(pipeline, "The envoy was expelled by the military council.")
    toks = {t.text: t for t in d.spacy}
    ups, downs = dep_path(toks["expelled"], toks["council"])
    assert ups == [] and downs == ["vagent:by", "vpobj"]
    ups, downs = dep_path(toks["envoy"], toks["council"])
    assert ups == ["^nsubjpass"] and downs == ["vagent:by", "vpobj"]


def test_options_hold_the_sentence_parties_and_no_party(pipeline) -> None:
    d = parsed(pipeline, "The senator accused the governor of fraud.")
    tok = next(t for t in d.spacy if t.text == "accused")
    opts = options(d, tok, ArgumentFinder(d, entities_by_token(d)), [])
    texts = [o.entity.entity_text if o.entity else None for o in opts]
    assert texts[-1] is None
    assert any(t and "senator" in t for t in texts) and any(t and "governor" in t for t in texts)


@pytest.mark.parametrize(
    ("sentence", "word", "event", "actor", "recipient"),
    [
        # "X accused Y": X acts, Y is the recipient
        ("The senator accused the governor of fraud.", "accused", "ACCUSE", "senator", "governor"),
        (
            "Senator Clara Diaz criticized Governor Tom Reyes on Monday.",
            "criticized",
            "ACCUSE",
            "Diaz",
            "Reyes",
        ),
        # a passive: the "by" agent acts, the subject is done to
        pytest.param(
            "The envoy was expelled by the military council.",
            "expelled",
            "SANCTION",
            "council",
            "envoy",
        ),
        pytest.param(
            "Governor Tom Reyes was dismissed by the state assembly.",
            "dismissed",
            "SANCTION",
            "assembly",
            "Reyes",
        ),
        # an event noun: its possessor acts, its "against"/"with" object is the recipient
        pytest.param(
            "The union's protest against the ministry lasted a week.",
            "protest",
            "PROTEST",
            "union",
            "ministry",
            marks=pytest.mark.xfail(
                reason="no party scores above a bare-noun-phrase possessor", strict=False
            ),
        ),
        # no recipient in the sentence: none
        ("The rebels attacked on Sunday.", "attacked", "ASSAULT", "rebels", None),
    ],
)
def test_chooser_picks(
    pipeline,
    chooser: ArgumentModel,
    sentence: str,
    word: str,
    event: str,
    actor: str | None,
    recipient: str | None,
) -> None:
    _d, _q, ch = _choose(pipeline, chooser, sentence, word, event)
    got_actor = ch.actor.entity_text if ch.actor else None
    got_recipient = ch.recipient.entity_text if ch.recipient else None
    if actor is None:
        assert got_actor is None
    else:
        assert got_actor is not None and actor in got_actor
    if recipient is None:
        assert got_recipient is None
    else:
        assert got_recipient is not None and recipient in got_recipient


def test_quote_speaker_is_the_actor_of_a_demand_in_the_quotation(pipeline, chooser: ArgumentModel) -> None:
    text = '"Release the prisoners before the talks," said Kofi Mensah, the union leader.'
    _d, q, ch = _choose(pipeline, chooser, text, "Release", "REQUEST")
    spk = next(e for t, e in q.tagged if t == "spk")
    assert spk is not None
    assert ch.actor is not None and "Mensah" in (ch.actor.entity_text + " " + (ch.actor.name or ""))
    assert ch.recipient is None or "Mensah" not in ch.recipient.entity_text


def test_a_chosen_noun_phrase_gets_no_invented_country(pipeline, chooser: ArgumentModel) -> None:
    _d, _q, ch = _choose(
        pipeline, chooser, "Angry farmers blocked the road near the Ukrainian border.", "blocked", "PROTEST"
    )
    assert ch.actor is not None and "farmers" in ch.actor.entity_text
    assert ch.actor.code is None


def test_proposed_events_keep_offsets_and_quote_links(code) -> None:
    doc = code(
        'Senator Clara Diaz said on Monday: "Governor Tom Reyes betrayed the voters and must resign." '
        "She accused him of lying to the assembly."
    )
    for e in doc.events:
        assert doc.text[e.start : e.end] == e.event_text
        for p in [*e.actor, *e.recipient]:
            assert doc.text[p.start : p.end] == p.entity_text
        if e.trigger_start is not None and any(
            q.content_start <= e.trigger_start < q.content_end for q in doc.quotes
        ):
            assert e.quote is not None
