"""Event type decisions (which PLOVER category a trigger and its frame make), on sentences written for
these tests."""

from __future__ import annotations

import pytest

from helpers import Case, case, check_case, names, only, types


@pytest.fixture(scope="module")
def code(code_rules):
    """These tests check the rule coder's mechanics: its events as it makes them, before the learned model
    scores them and adds its own (tests/test_event_model.py checks that layer)."""
    return code_rules


# ------------------------------------------------------------------ AGREE vs CONCEDE / RETREAT
# ------------------------------------------------------------------ sanctions, blockades, occupation
# ------------------------------------------------------------------ auxiliary modes that change the type
def test_hypothetical_event_with_nobody_is_dropped(code) -> None:
    doc = code("A lasting truce could follow, should the necessary agreements be reached.")
    assert not [e for e in doc.events if not e.actor and not e.recipient and "hypothetical" in e.mode]


# ------------------------------------------------------------------ requests that are other events
def test_call_for_sanctions_against_x_is_accuse(code) -> None:
    doc = code("Several lawmakers called for sanctions against the mining company.")
    e = only(doc, "ACCUSE")
    assert "mining company" in " ".join(names(e.recipient))


# ------------------------------------------------------------------ nominal and light-verb forms
def test_mediation_effort(code) -> None:
    doc = code("Qatar launched a mediation effort between the two warring factions.")
    e = only(doc, "CONSULT")
    assert names(e.actor)[:1] == ["Qatar"]


def test_idioms(code) -> None:
    assert "RETREAT" in types(code("The guerrillas laid down their weapons on Sunday."))
    assert "COOPERATE" in types(code("The two opposition parties joined forces with the farmers' union."))
    assert "PROTEST" in types(code("Students burned the national flag outside the embassy."))
    assert "SUPPORT" in types(code("Vanuatu recognised the independence of the breakaway region."))


def test_visit_of_a_summit_has_no_summit_recipient(code) -> None:
    doc = code("The French president might visit the summit in Nairobi.")
    for e in doc.events:
        assert "summit" not in " ".join(names(e.recipient))


# ------------------------------------------------------------------ bare event nouns and their clause
def test_human_shields(code) -> None:
    doc = code("The militia held hundreds of villagers as human shields near the dam.")
    e = only(doc, "ASSAULT")
    assert "militia" in " ".join(names(e.actor))
    assert "villagers" in " ".join(names(e.recipient))


def test_responsible_for_killings(code) -> None:
    doc = code("The cartel is responsible for dozens of killings in the border towns.")
    assert "cartel" in " ".join(names(only(doc, "ASSAULT").actor))


def test_claiming_responsibility_is_a_statement(code) -> None:
    doc = code("The rebel group claimed responsibility for the attack on the convoy.")
    for e in doc.events:
        assert "rebel group" not in " ".join(names(e.actor))


def test_died_after_torture(code) -> None:
    doc = code("A jailed journalist died after torture in the central prison.")
    assert "journalist" in " ".join(names(only(doc, "ASSAULT").recipient))


def test_troops_on_alert(code) -> None:
    doc = code("Moldovan troops remained on alert along the eastern border.")
    assert "troops" in " ".join(names(only(doc, "MOBILIZE").actor))


def test_call_to_congratulate_is_support(code) -> None:
    doc = code("Chancellor Scholz called President Macron on Sunday to congratulate him on his re-election.")
    e = only(doc, "SUPPORT")
    assert "Scholz" in " ".join(names(e.actor))
    assert "Macron" in " ".join(names(e.recipient))


def test_lifting_a_state_of_emergency(code) -> None:
    doc = code("The governor lifted the state of emergency in the coastal districts.")
    assert {"CONCEDE", "RETREAT"} & set(types(doc))


# ------------------------------------------------------------------ statements: topics, reported accusations
def test_more_coverage(code) -> None:
    assert "REQUEST" in types(code("Thousands of Eritreans have sought refuge in Ethiopia."))
    assert "MOBILIZE" in types(code("The army reinforced its troops along the northern border."))
    assert "AID" in types(code("The senator is raising money for the flood victims in the valley."))
    assert "AID" in types(code("Uruguayan peacekeepers arrived in Goma on Thursday."))
    assert "COOPERATE" in types(code("The Swiss government gave bank information to the French police."))
    assert "AID" in types(code("Japan gave financial support to the Philippine coast guard."))


def test_relative_clause_event_is_background(code) -> None:
    doc = code("The court freed a reporter who had been arrested in March.")
    main = max(doc.events, key=lambda e: e.confidence)
    assert main.event == "RETREAT"


def test_armed_clash_nouns_and_verbs(code) -> None:
    assert "ASSAULT" in types(code("Rebel fighters engaged a police patrol in a firefight near the river."))
    assert "ASSAULT" in types(code("The militia launched rockets at the airport on Sunday."))
    assert "ASSAULT" in types(code("Paramilitary units were engaged in ethnic cleansing in the valley."))
    assert "ACCUSE" in types(code("The prosecutor presented evidence against the former governor."))


def test_more_idioms_and_senses(code) -> None:
    assert "ASSAULT" in types(code("Soldiers opened fire on the crowd outside the station."))
    assert "REJECT" in types(code("The foreign ministry refuted reports of a secret deal."))
    assert "SANCTION" in types(code("Canada issued a travel warning for the island after the riots."))
    doc = code("The minister insisted that the budget was balanced.")
    assert "REQUEST" not in types(doc)
    doc2 = code("The new figures demonstrate that the reform is working.")
    assert "PROTEST" not in types(doc2)


CASES = [
    # ---- AGREE vs CONCEDE / RETREAT
    case(
        "The rebel commanders agreed to release the captured engineers.",
        id="agreeing_to_yield_is_agree",
        event="AGREE",
        absent=("CONCEDE",),
        cameo_root="03",
    ),
    case(
        "The militia said it will free the kidnapped aid workers next week.",
        id="announced_release_is_agree",
        present=("AGREE",),
        absent=("RETREAT", "CONCEDE"),
    ),
    case(
        "The militia freed the kidnapped aid workers on Sunday.",
        id="actual_release_stays_retreat",
        event="RETREAT",
        first_mode="release",
    ),
    case(
        "Norway and Chile agreed a fisheries agreement on Friday.",
        id="agreeing_a_treaty_is_support",
        event="SUPPORT",
        cameo_root="05",
    ),
    # ---- sanctions, blockades, occupation
    case(
        "The European Union imposed sanctions on the Venezuelan interior minister.",
        id="imposed_sanctions_are_coerce",
        event="COERCE",
        absent=("SANCTION",),
        cameo_root="16",
        modes=("restrict",),
    ),
    case("Canada lifted its sanctions on Belarus.", id="lifting_sanctions_is_retreat", present=("RETREAT",)),
    case(
        "Government troops blockaded the rebel headquarters on Monday.",
        id="blockade_and_seizing_a_town_are_assault-1",
        present=("ASSAULT",),
        absent=("COERCE",),
    ),
    case(
        "The insurgents seized the town of Gorlan after two days of fighting.",
        id="blockade_and_seizing_a_town_are_assault-2",
        event="ASSAULT",
        cameo_root="19",
    ),
    case(
        "The president declared a state of siege in the northern province.",
        id="state_of_siege_is_martial_law",
        event="COERCE",
        first_mode="martial-law",
    ),
    case(
        "Ghana withdrew its peacekeepers from the buffer zone.",
        id="withdrawing_peacekeepers_is_sanction-1",
        event="SANCTION",
        first_mode="withdraw",
    ),
    case(
        "Ghana withdrew its troops from the buffer zone.",
        id="withdrawing_peacekeepers_is_sanction-2",
        present=("RETREAT",),
    ),
    # ---- auxiliary modes that change the type
    case(
        "The interior ministry said it will extend the curfew in the capital.",
        id="announced_force_is_threaten-1",
        event="THREATEN",
        cameo_root="13",
    ),
    case(
        "The opposition parties said they would boycott the peace talks.",
        id="announced_force_is_threaten-2",
        present=("THREATEN",),
    ),
    case(
        "The two foreign ministers are expected to meet in Oslo next week.",
        id="expected_meeting_keeps_consult_with_future_mode",
        event="CONSULT",
        absent=("AGREE",),
        modes=("future",),
    ),
    case(
        "The Kenyan president will meet his Ugandan counterpart in Kampala next week.",
        id="own_future_meeting_is_agree",
        present=("AGREE",),
    ),
    case(
        "The Danish government is considering sending aid to the flooded region.",
        id="considering_an_option_is_no_event",
        none=True,
    ),
    # ---- requests that are other events
    case(
        "The military government ordered the weekly newspaper to suspend publication.",
        id="order_to_jail_is_coerce",
        present=("COERCE",),
        absent=("REQUEST",),
    ),
    case(
        "The minister called on the rebels to release the hostages.",
        id="call_on_someone_stays_request",
        present=("REQUEST",),
    ),
    # ---- nominal and light-verb forms
    case(
        "Sweden announced a suspension of aid to Mali.",
        id="suspension_of_aid_is_sanction",
        event="SANCTION",
        absent=("AID",),
        recipient=["Mali"],
    ),
    case(
        "The regional council ended its mediation efforts with the mining firm.",
        id="ending_mediation_is_sanction",
        present=("SANCTION",),
    ),
    case(
        "Nepalese troops take part in peacekeeping operations in Lebanon.",
        id="peacekeeping_operations_are_aid",
        present=("AID",),
    ),
    case(
        "The ministry met the deadline for the budget report.",
        id="meeting_a_deadline_is_no_meeting",
        absent=("CONSULT",),
    ),
    # ---- bare event nouns and their clause
    case(
        "Estonia offered to send troops to help the Latvian army.",
        id="offer_to_send_troops_is_agree",
        present=("AGREE",),
        absent=("THREATEN",),
    ),
    case(
        "A meeting was planned for Friday, but the Chilean president did not attend.",
        id="not_attending_is_reject_but_a_ceremony_is_no_meeting-1",
        event="REJECT",
        mode=["meet"],
    ),
    case(
        "The prime minister attended a ceremony marking the anniversary of the uprising.",
        id="not_attending_is_reject_but_a_ceremony_is_no_meeting-2",
        absent=("CONSULT",),
    ),
    # ---- statements: topics, reported accusations
    case(
        "The envoy expressed concern about the escalation of fighting between the army and rebels.",
        id="topic_of_concern_is_no_event-1",
        absent=("ASSAULT",),
    ),
    case(
        "The trade minister said she hoped for more talks with the striking dockers.",
        id="topic_of_concern_is_no_event-2",
        absent=("CONSULT", "AGREE"),
    ),
    case(
        "The minister rejected an allegation that he assaulted a journalist in 2019.",
        id="content_of_a_denied_allegation_is_not_asserted",
        present=("REJECT",),
        absent=("ASSAULT",),
    ),
    case(
        "The Chilean president phoned his Peruvian counterpart on Tuesday to voice his backing for Peru.",
        id="date_phrase_is_no_frame_argument",
        present=("SUPPORT",),
        absent=("REQUEST",),
    ),
    case(
        "A Dutch court convicted the former mayor of fraud and sentenced him to six years in prison.",
        id="conviction_with_prison_sentence_is_coerce",
        present=("COERCE",),
        absent=("ACCUSE",),
    ),
    case(
        "The defence minister approved a request from the health ministry for military tents.",
        id="approving_a_request_is_concede",
        present=("CONCEDE",),
    ),
    case(
        "President Harlan ordered massive attacks on the northern enclave.",
        id="order_of_attacks_is_assault",
        present=("ASSAULT",),
        absent=("ACCUSE",),
    ),
    case(
        "Thousands of teachers struck for a second day over unpaid wages.",
        id="strikes_and_fights_that_are_not_violence-1",
        present=("PROTEST",),
        absent=("ASSAULT",),
    ),
    case(
        "Norway pledged new funding to fight the cholera epidemic in the region.",
        id="strikes_and_fights_that_are_not_violence-2",
        absent=("ASSAULT",),
    ),
    case(
        "On 4 May, government forces fired artillery and mortars near the village.",
        id="firing_weapons_without_a_target_phrase",
        present=("ASSAULT",),
    ),
    case(
        "Iranian-backed militias shelled the airport on Monday.",
        id="hyphenated_descriptor_is_no_event",
        present=("ASSAULT",),
        absent=("SUPPORT",),
    ),
    case(
        "The defence minister said the army will begin a new military operation against the rebels.",
        id="military_operation_and_dropped_inquiry-1",
        present=("THREATEN",),
    ),
    case(
        "The prosecutor's office dropped the investigation into the senator.",
        id="military_operation_and_dropped_inquiry-2",
        present=("CONCEDE",),
        absent=("ACCUSE",),
    ),
]


@pytest.mark.parametrize("c", CASES)
def test_case(code, c: Case) -> None:
    check_case(code(c.text), c)
