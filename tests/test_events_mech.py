"""Argument mechanics of the event coder (actor and recipient), on sentences written for these tests."""

from __future__ import annotations

import pytest

from helpers import Case, case, check_case, check_offsets, names, only


@pytest.fixture(scope="module")
def code(code_rules):
    """These tests check the rule coder's mechanics: its events as it makes them, before the learned model
    scores them and adds its own (tests/test_event_model.py checks that layer)."""
    return code_rules


def test_dateline_is_never_an_argument(code) -> None:
    doc = code("OSLO, June 2 - Fishermen protested outside the ministry against the new quota rules.")
    check_offsets(doc)
    ev = only(doc, "PROTEST")
    assert names(ev.actor) == ["Fishermen"]
    for e in doc.events:
        assert not any("OSLO" in a.entity_text for a in e.actor + e.recipient)
    # the parser hangs the subject from the dateline as an apposition
    doc = code("ROME, June 2 - Teachers who had marched through the city protested against the pay freeze.")
    check_offsets(doc)
    ev = next(e for e in doc.events if e.trigger == "protested")
    assert names(ev.actor) == ["Teachers"]


def test_partner_preposition_is_the_recipient_when_the_object_names_no_actor(code) -> None:
    doc = code("Chile restored diplomatic ties with Peru on Friday.")
    check_offsets(doc)
    (ev,) = doc.events
    assert names(ev.actor) == ["Chile"] and names(ev.recipient) == ["Peru"]
    doc = code("Chile discussed water rights with Peru on Friday.")
    ev = only(doc, "CONSULT")
    assert names(ev.recipient) == ["Peru"]
    # an object that is itself an actor stays the recipient
    doc = code("Chile accused Peru of violating the border agreement.")
    ev = only(doc, "ACCUSE")
    assert names(ev.recipient) == ["Peru"]


def test_named_parties_inside_an_event_noun_object(code) -> None:
    doc = code("Ghana welcomed the resumption of talks between Kenya and Uganda.")
    check_offsets(doc)
    ev = next(e for e in doc.events if e.trigger == "welcomed")
    assert [r.code for r in ev.recipient] == ["KEN", "UGA"]
    # the agent of an event noun: the condemned phrase, resolved through its agent
    doc = code("The ministry condemned an attack by rebel fighters on a border post.")
    check_offsets(doc)
    ev = only(doc, "ACCUSE")
    (r,) = ev.recipient
    assert r.entity_text.startswith("an attack by rebel fighters")
    assert any("rebel fighters" in n for n in r.notes)


def test_apposition_names_the_title(code) -> None:
    doc = code("The Brazilian president met his Chilean counterpart, Gabriel Boric, in Santiago.")
    check_offsets(doc)
    ev = only(doc, "CONSULT")
    (r,) = ev.recipient
    assert r.entity_text == "his Chilean counterpart, Gabriel Boric"
    assert r.code == "CHL" and r.name is not None and "Boric" in r.name


def test_possessor_and_numbers_belong_to_the_mention(code) -> None:
    doc = code("Japan's government rejected the proposal on Monday.")
    ev = only(doc, "REJECT")
    assert names(ev.actor) == ["Japan's government"] and ev.actor[0].code == "JPN"
    doc = code("Insurgents ambushed a convoy and killed at least 12 police officers.")
    check_offsets(doc)
    ev = next(e for e in doc.events if e.trigger == "killed")
    assert names(ev.actor) == ["Insurgents"]
    assert names(ev.recipient) == ["at least 12 police officers"]


def test_locative_phrase_belongs_to_the_argument(code) -> None:
    doc = code("Soldiers from Mali attacked a checkpoint near the border.")
    check_offsets(doc)
    ev = only(doc, "ASSAULT")
    assert names(ev.actor) == ["Soldiers from Mali"] and ev.actor[0].code == "MLI"


def test_reported_speech_codes_the_reported_event(code) -> None:
    doc = code("The governor said rebels shelled the town of Mopti on Sunday.")
    check_offsets(doc)
    ev = only(doc, "ASSAULT")
    assert names(ev.actor) == ["rebels"] and names(ev.recipient) == ["the town of Mopti"]
    assert not any("governor" in a.entity_text for e in doc.events for a in e.actor)
    # a participle after the speech verb continues the reported clause
    doc = code("Rebels overran an army base near the border, officials said, killing 12 soldiers.")
    check_offsets(doc)
    ev = next(e for e in doc.events if e.trigger == "killing")
    assert names(ev.actor) == ["Rebels"]


def test_quantities_and_markets_are_not_actors(code) -> None:
    for text in ("Auto sales declined sharply in March.", "Oil prices rejected the rally."):
        assert code(text).events == [], text
    doc = code("The committee rejected the proposal.")
    assert names(only(doc, "REJECT").actor) == ["The committee"]


def test_pronoun_subject_of_a_reported_clause_is_the_speaker(code) -> None:
    doc = code("The union said it will not end the strike until wages rise.")
    check_offsets(doc)
    ev = only(doc, "REJECT")
    assert names(ev.actor) == ["The union"]
    doc = code("Ecuador's president said he would meet the Colombian foreign minister next week.")
    ev = next(e for e in doc.events if e.trigger == "meet")
    assert [a.code for a in ev.actor] == ["ECU"] and "president" in ev.actor[0].entity_text
    # no agreement in number: the pronoun stays
    doc = code("The minister said they will not end the strike.")
    ev = only(doc, "REJECT")
    assert names(ev.actor) == ["they"]


def test_a_time_is_never_the_recipient(code) -> None:
    doc = code("Rebels launched an attack on the army barracks in Goma on Monday.")
    check_offsets(doc)
    ev = only(doc, "ASSAULT")
    (r,) = ev.recipient
    assert r.entity_text.startswith("the army barracks") and "Monday" not in r.entity_text
    doc = code("Canada lifted long-standing sanctions against Belarus on Friday.")
    (ev,) = doc.events
    assert names(ev.recipient) == ["Belarus"]


def test_object_of_an_event_noun_is_the_recipient(code) -> None:
    doc = code("Saudi Arabia lifted its blockade of Qatar.")
    check_offsets(doc)
    (ev,) = doc.events
    assert names(ev.actor) == ["Saudi Arabia"]  # "its" is the subject again, not a second actor
    assert names(ev.recipient) == ["Qatar"]
    doc = code("Prosecutors launched an investigation into the mayor of Lyon.")
    ev = only(doc, "ACCUSE")
    assert names(ev.recipient) == ["the mayor of Lyon"]


def test_accused_of_doing_names_who_did_it(code) -> None:
    doc = code("The army accused rebels of attacking a convoy near Goma.")
    check_offsets(doc)
    assert names(only(doc, "ACCUSE").recipient) == ["rebels"]
    ev = only(doc, "ASSAULT")
    assert names(ev.actor) == ["rebels"] and names(ev.recipient) == ["a convoy"]


def test_title_in_apposition_after_a_name(code) -> None:
    doc = code("Maria Santos, the president of the Red Cross, appealed for calm in the city.")
    check_offsets(doc)
    ev = only(doc, "REQUEST")
    (a,) = ev.actor
    assert a.entity_text == "Maria Santos, the president of the Red Cross"


def test_participants_of_a_clash_hang_from_its_verb(code) -> None:
    doc = code("Fighting broke out between the army and rebels near the border.")
    check_offsets(doc)
    ev = only(doc, "ASSAULT")
    assert names(ev.actor) == ["the army", "rebels"]
    doc = code("On Sunday a clash ensued between supporters of the two parties at a polling station.")
    ev = only(doc, "ASSAULT")
    assert names(ev.actor) == ["supporters of the two parties"]
    assert all("Sunday" not in r.entity_text for r in ev.recipient)


def test_party_named_in_a_phrase_of_a_thing_object(code) -> None:
    doc = code("The museum returned six ancient statues to the government of Iraq.")
    check_offsets(doc)
    ev = only(doc, "RETREAT")
    assert [r.code for r in ev.recipient] == ["IRQ"]
    doc = code("Russia is withdrawing some of its troops from Syria.")
    ev = only(doc, "RETREAT")
    assert names(ev.recipient) == ["Syria"]
    # a town where a thing is attacked is the place, not the target
    doc = code("Rebels attacked a convoy at Kandahar.")
    ev = only(doc, "ASSAULT")
    assert names(ev.recipient) == ["a convoy"]


CASES = [
    case(
        "Norway will send a team of experts to Sudan to investigate the killings.",
        id="purpose_clause_takes_the_main_subject",
        trigger="investigate",
        actor=["Norway"],
    ),
    case(
        "Amnesty International issued a statement calling on the government to free the prisoners.",
        id="statement_speaks_for_its_issuer",
        event="REQUEST",
        actor=["Amnesty International"],
        recipient=["the government"],
    ),
    case(
        "The ambassador was expelled by the Kenyan government.",
        id="passive_agent_is_the_actor",
        event="SANCTION",
        actor=["the Kenyan government"],
        recipient=["The ambassador"],
    ),
    case(
        "Lions, tigers, and Peru welcomed the agreement.",
        id="compound_actors_the_parser_split_are_all_kept-1",
        event="SUPPORT",
        actor_has=("Peru",),
    ),
    case(
        "Chile and Peru agreed to expand military cooperation.",
        id="compound_actors_the_parser_split_are_all_kept-2",
        event="AGREE",
        actor=["Chile", "Peru"],
    ),
    case(
        "Smith's investigation has weighed on the White House for months.",
        id="possessive_nominal_of_a_process_is_not_an_event-1",
        none=True,
    ),
    # with an argument of its own it is still coded
    # imposed sanctions: COERCE restrict (data/events/SOURCE.md)
    case(
        "China's sanctions on Lithuania took effect on Monday.",
        id="possessive_nominal_of_a_process_is_not_an_event-2",
        event="COERCE",
        actor=["China"],
        recipient=["Lithuania"],
    ),
    case(
        "The National Security Council (NSC) rejected the demand of the opposition.",
        id="short_form_in_parentheses_belongs_to_the_name-1",
        event="REJECT",
        actor=["The National Security Council (NSC)"],
    ),
    # a parenthetical clause is not a short form
    case(
        "The government (which took office in May) rejected the demand.",
        id="short_form_in_parentheses_belongs_to_the_name-2",
        event="REJECT",
        actor=["The government"],
    ),
    case(
        "The ministry praised the president's decision to open the border crossing.",
        id="noun_content_clauses_and_trailing_dates_are_not_part_of_the_object-1",
        event="SUPPORT",
        recipient=["the president's decision"],
    ),
    case(
        "The council accepted the proposal submitted by the two unions on March 31.",
        id="noun_content_clauses_and_trailing_dates_are_not_part_of_the_object-2",
        trigger="accepted",
        recipient=["the proposal submitted by the two unions"],
    ),
    case(
        "Portugal has granted political asylum to the opposition leader.",
        id="dative_of_a_governed_event_noun_is_the_recipient",
        event="AID",
        recipient=["the opposition leader"],
    ),
    case(
        "The president called Prime Minister Aziz Karimov on Friday and urged him to resume talks.",
        id="object_pronoun_takes_its_antecedent_in_the_sentence-1",
        trigger="urged",
        recipient=["Prime Minister Aziz Karimov"],
    ),
    # never the pronoun's own subject: "him" is the reporter, not the caller
    case(
        "Karimov said Ilham Aliyev had called him on Monday.",
        id="object_pronoun_takes_its_antecedent_in_the_sentence-2",
        trigger="called",
        actor=["Ilham Aliyev"],
        recipient=["Karimov"],
    ),
    case(
        "The Brazilian authorities said they are committed to opening up the economy.",
        id="subject_of_a_predicative_adjective_clause",
        event="AGREE",
        actor=["The Brazilian authorities"],
    ),
]


@pytest.mark.parametrize("c", CASES)
def test_case(code, c: Case) -> None:
    check_case(code(c.text), c)
