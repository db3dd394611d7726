"""Event type decisions (which PLOVER category a trigger and its frame make), on sentences written for
these tests."""

from __future__ import annotations

from event_helpers import names, only, types


# ------------------------------------------------------------------ AGREE vs CONCEDE / RETREAT
def test_agreeing_to_yield_is_agree(code) -> None:
    doc = code("The rebel commanders agreed to release the captured engineers.")
    e = only(doc, "AGREE")
    assert e.cameo_root == "03"
    assert "CONCEDE" not in types(doc)


def test_announced_release_is_agree(code) -> None:
    doc = code("The militia said it will free the kidnapped aid workers next week.")
    assert "AGREE" in types(doc)
    assert "RETREAT" not in types(doc) and "CONCEDE" not in types(doc)


def test_actual_release_stays_retreat(code) -> None:
    doc = code("The militia freed the kidnapped aid workers on Sunday.")
    assert only(doc, "RETREAT").mode[0] == "release"


def test_agreeing_a_treaty_is_support(code) -> None:
    doc = code("Norway and Chile agreed a fisheries agreement on Friday.")
    assert only(doc, "SUPPORT").cameo_root == "05"


# ------------------------------------------------------------------ sanctions, blockades, occupation
def test_imposed_sanctions_are_coerce(code) -> None:
    doc = code("The European Union imposed sanctions on the Venezuelan interior minister.")
    e = only(doc, "COERCE")
    assert e.cameo_root == "16" and "restrict" in e.mode
    assert "SANCTION" not in types(doc)


def test_lifting_sanctions_is_retreat(code) -> None:
    doc = code("Canada lifted its sanctions on Belarus.")
    assert "RETREAT" in types(doc)


def test_blockade_and_seizing_a_town_are_assault(code) -> None:
    doc = code("Government troops blockaded the rebel headquarters on Monday.")
    assert "ASSAULT" in types(doc) and "COERCE" not in types(doc)
    doc2 = code("The insurgents seized the town of Gorlan after two days of fighting.")
    assert only(doc2, "ASSAULT").cameo_root == "19"


def test_state_of_siege_is_martial_law(code) -> None:
    doc = code("The president declared a state of siege in the northern province.")
    assert only(doc, "COERCE").mode[0] == "martial-law"


def test_withdrawing_peacekeepers_is_sanction(code) -> None:
    doc = code("Ghana withdrew its peacekeepers from the buffer zone.")
    assert only(doc, "SANCTION").mode[0] == "withdraw"
    doc2 = code("Ghana withdrew its troops from the buffer zone.")
    assert "RETREAT" in types(doc2)


# ------------------------------------------------------------------ auxiliary modes that change the type
def test_announced_force_is_threaten(code) -> None:
    doc = code("The interior ministry said it will extend the curfew in the capital.")
    e = only(doc, "THREATEN")
    assert e.cameo_root == "13"
    doc2 = code("The opposition parties said they would boycott the peace talks.")
    assert "THREATEN" in types(doc2)


def test_expected_meeting_keeps_consult_with_future_mode(code) -> None:
    doc = code("The two foreign ministers are expected to meet in Oslo next week.")
    e = only(doc, "CONSULT")
    assert "future" in e.mode
    assert "AGREE" not in types(doc)


def test_own_future_meeting_is_agree(code) -> None:
    doc = code("The Kenyan president will meet his Ugandan counterpart in Kampala next week.")
    assert "AGREE" in types(doc)


def test_considering_an_option_is_no_event(code) -> None:
    doc = code("The Danish government is considering sending aid to the flooded region.")
    assert doc.events == []


def test_hypothetical_event_with_nobody_is_dropped(code) -> None:
    doc = code("A lasting truce could follow, should the necessary agreements be reached.")
    assert not [e for e in doc.events if not e.actor and not e.recipient and "hypothetical" in e.mode]


# ------------------------------------------------------------------ requests that are other events
def test_order_to_jail_is_coerce(code) -> None:
    doc = code("The military government ordered the weekly newspaper to suspend publication.")
    assert "COERCE" in types(doc) and "REQUEST" not in types(doc)


def test_call_for_sanctions_against_x_is_accuse(code) -> None:
    doc = code("Several lawmakers called for sanctions against the mining company.")
    e = only(doc, "ACCUSE")
    assert "mining company" in " ".join(names(e.recipient))


def test_call_on_someone_stays_request(code) -> None:
    doc = code("The minister called on the rebels to release the hostages.")
    assert "REQUEST" in types(doc)


# ------------------------------------------------------------------ nominal and light-verb forms
def test_mediation_effort(code) -> None:
    doc = code("Qatar launched a mediation effort between the two warring factions.")
    e = only(doc, "CONSULT")
    assert names(e.actor)[:1] == ["Qatar"]


def test_suspension_of_aid_is_sanction(code) -> None:
    doc = code("Sweden announced a suspension of aid to Mali.")
    e = only(doc, "SANCTION")
    assert "AID" not in types(doc)
    assert names(e.recipient) == ["Mali"]


def test_ending_mediation_is_sanction(code) -> None:
    doc = code("The regional council ended its mediation efforts with the mining firm.")
    assert "SANCTION" in types(doc)


def test_peacekeeping_operations_are_aid(code) -> None:
    doc = code("Nepalese troops take part in peacekeeping operations in Lebanon.")
    assert "AID" in types(doc)


def test_idioms(code) -> None:
    assert "RETREAT" in types(code("The guerrillas laid down their weapons on Sunday."))
    assert "COOPERATE" in types(code("The two opposition parties joined forces with the farmers' union."))
    assert "PROTEST" in types(code("Students burned the national flag outside the embassy."))
    assert "SUPPORT" in types(code("Vanuatu recognised the independence of the breakaway region."))


def test_meeting_a_deadline_is_no_meeting(code) -> None:
    doc = code("The ministry met the deadline for the budget report.")
    assert "CONSULT" not in types(doc)


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


def test_offer_to_send_troops_is_agree(code) -> None:
    doc = code("Estonia offered to send troops to help the Latvian army.")
    assert "AGREE" in types(doc) and "THREATEN" not in types(doc)


def test_call_to_congratulate_is_support(code) -> None:
    doc = code("Chancellor Scholz called President Macron on Sunday to congratulate him on his re-election.")
    e = only(doc, "SUPPORT")
    assert "Scholz" in " ".join(names(e.actor))
    assert "Macron" in " ".join(names(e.recipient))


def test_lifting_a_state_of_emergency(code) -> None:
    doc = code("The governor lifted the state of emergency in the coastal districts.")
    assert {"CONCEDE", "RETREAT"} & set(types(doc))


def test_not_attending_is_reject_but_a_ceremony_is_no_meeting(code) -> None:
    doc = code("A meeting was planned for Friday, but the Chilean president did not attend.")
    assert only(doc, "REJECT").mode == ["meet"]
    doc2 = code("The prime minister attended a ceremony marking the anniversary of the uprising.")
    assert "CONSULT" not in types(doc2)


# ------------------------------------------------------------------ statements: topics, reported accusations
def test_topic_of_concern_is_no_event(code) -> None:
    doc = code("The envoy expressed concern about the escalation of fighting between the army and rebels.")
    assert "ASSAULT" not in types(doc)
    doc2 = code("The trade minister said she hoped for more talks with the striking dockers.")
    assert "CONSULT" not in types(doc2) and "AGREE" not in types(doc2)


def test_content_of_a_denied_allegation_is_not_asserted(code) -> None:
    doc = code("The minister rejected an allegation that he assaulted a journalist in 2019.")
    assert "ASSAULT" not in types(doc)
    assert "REJECT" in types(doc)


def test_date_phrase_is_no_frame_argument(code) -> None:
    # "on Tuesday" is not the "on" of "call on": the call's purpose is the event
    doc = code(
        "The Chilean president phoned his Peruvian counterpart on Tuesday to voice his backing for Peru."
    )
    assert "SUPPORT" in types(doc)
    assert "REQUEST" not in types(doc)


def test_conviction_with_prison_sentence_is_coerce(code) -> None:
    doc = code("A Dutch court convicted the former mayor of fraud and sentenced him to six years in prison.")
    assert "COERCE" in types(doc)
    assert "ACCUSE" not in types(doc)


def test_approving_a_request_is_concede(code) -> None:
    doc = code("The defence minister approved a request from the health ministry for military tents.")
    assert "CONCEDE" in types(doc)


def test_order_of_attacks_is_assault(code) -> None:
    doc = code("President Harlan ordered massive attacks on the northern enclave.")
    assert "ASSAULT" in types(doc) and "ACCUSE" not in types(doc)


def test_more_coverage(code) -> None:
    assert "REQUEST" in types(code("Thousands of Eritreans have sought refuge in Ethiopia."))
    assert "MOBILIZE" in types(code("The army reinforced its troops along the northern border."))
    assert "AID" in types(code("The senator is raising money for the flood victims in the valley."))
    assert "AID" in types(code("Uruguayan peacekeepers arrived in Goma on Thursday."))
    assert "COOPERATE" in types(code("The Swiss government gave bank information to the French police."))
    assert "AID" in types(code("Japan gave financial support to the Philippine coast guard."))


def test_strikes_and_fights_that_are_not_violence(code) -> None:
    doc = code("Thousands of teachers struck for a second day over unpaid wages.")
    assert "PROTEST" in types(doc) and "ASSAULT" not in types(doc)
    doc2 = code("Norway pledged new funding to fight the cholera epidemic in the region.")
    assert "ASSAULT" not in types(doc2)


def test_relative_clause_event_is_background(code) -> None:
    doc = code("The court freed a reporter who had been arrested in March.")
    main = max(doc.events, key=lambda e: e.confidence)
    assert main.event == "RETREAT"


def test_firing_weapons_without_a_target_phrase(code) -> None:
    # "on 4 May" is a date, not the "on" of "fired on"; the weapon object says it is an attack
    doc = code("On 4 May, government forces fired artillery and mortars near the village.")
    assert "ASSAULT" in types(doc)


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


def test_hyphenated_descriptor_is_no_event(code) -> None:
    doc = code("Iranian-backed militias shelled the airport on Monday.")
    assert "SUPPORT" not in types(doc)
    assert "ASSAULT" in types(doc)


def test_military_operation_and_dropped_inquiry(code) -> None:
    doc = code("The defence minister said the army will begin a new military operation against the rebels.")
    assert "THREATEN" in types(doc)
    doc2 = code("The prosecutor's office dropped the investigation into the senator.")
    assert "CONCEDE" in types(doc2) and "ACCUSE" not in types(doc2)
