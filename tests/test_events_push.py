"""Material cooperation (AID, COOPERATE, RETREAT/CONCEDE): transfers, peacekeepers, joint exercises, on
sentences written for these tests."""

from __future__ import annotations

import pytest

from helpers import Case, case, check_case, names, only, types


@pytest.fixture(scope="module")
def code(code_rules):
    """These tests check the rule coder's mechanics: its events as it makes them, before the learned model
    scores them and adds its own (tests/test_event_model.py checks that layer)."""
    return code_rules


# ------------------------------------------------------------------ transfers of goods
# ------------------------------------------------------------------ peacekeepers (CAMEO 074)
# ------------------------------------------------------------------ joint exercises (COOPERATE 062)
# ------------------------------------------------------------------ RETREAT / CONCEDE
# ------------------------------------------------------------------ COERCE
# ------------------------------------------------------------------ AID: asylum, material support, purpose
def test_opening_borders_to_refugees_is_asylum_aid(code) -> None:
    doc = code("Uganda opened its borders to refugees from South Sudan last year.")
    e = only(doc, "AID")
    assert e.cameo_root == "07" and "asylum" in e.context
    assert names(e.recipient) == ["refugees from South Sudan"] or "refugees" in names(e.recipient)[0]


def test_aid_purpose_names_the_recipient(code) -> None:
    doc = code("Canada provided $40 million in food assistance to support displaced families in Sudan.")
    e = only(doc, "AID")
    assert names(e.actor) == ["Canada"]
    assert e.recipient and "families" in e.recipient[0].entity_text
    assert "SUPPORT" not in types(doc)


# ------------------------------------------------------------------ receiving goods: the giver is the actor
# ------------------------------------------------------------------ what is asked for did not happen
# ------------------------------------------------------------------ conditions still to be fulfilled
def test_until_condition_is_not_a_concession(code) -> None:
    doc = code("Bus drivers in Leeds say they will stay on strike until the council meets their demands.")
    assert not [e for e in doc.events if e.event == "CONCEDE" and "hypothetical" not in e.mode]


def test_before_condition_is_not_a_disarmament(code) -> None:
    doc = code("The rebels said the government must release their leaders before they disarm.")
    assert not [e for e in doc.events if e.event == "RETREAT" and "hypothetical" not in e.mode]


def test_past_until_clause_happened(code) -> None:
    doc = code("The army shelled the town until the rebels withdrew from it.")
    assert [e for e in doc.events if e.event == "RETREAT" and "hypothetical" not in e.mode]


def test_days_before_is_a_time_not_a_condition(code) -> None:
    doc = code("Relatives of three men who were detained days before protested outside the court.")
    assert [e for e in doc.events if e.event == "PROTEST" and "hypothetical" not in e.mode]


# -------------------------------------------------------- technical cooperation, peacekeepers arriving
def test_aid_as_subject_of_support_is_aid(code) -> None:
    doc = code("British aid supported thousands of farmers in Malawi last year.")
    e = only(doc, "AID")
    assert "farmers" in e.recipient[0].entity_text
    assert "SUPPORT" not in types(doc)


CASES = [
    # ---- transfers of goods
    case(
        "The charity flew ten tons of medicine into Sudan on Friday.",
        id="quantity_of_goods_is_aid",
        event="AID",
        recipient_has=("Sudan",),
    ),
    case(
        "Japan handed over $5 million worth of medical equipment to Kenya.",
        id="goods_worth_handed_over_is_aid_not_return",
        event="AID",
        absent=("RETREAT",),
        actor=["Japan"],
        recipient=["Kenya"],
    ),
    case(
        "Norway sent a team of doctors, tents and medicines to Haiti.",
        id="list_of_goods_is_aid",
        event="AID",
        recipient_has=("Haiti",),
    ),
    case(
        "The rebels handed over the captured soldiers to the Red Cross.",
        id="handing_over_prisoners_stays_retreat",
        present=("RETREAT",),
        absent=("AID",),
    ),
    # ---- peacekeepers (CAMEO 074)
    case(
        "The African Union deployed peacekeepers to Somalia in March.",
        id="deploying_peacekeepers_is_aid",
        event="AID",
        absent=("MOBILIZE",),
        cameo_root="07",
    ),
    case(
        "France sent 500 troops to Chad.",
        id="sending_troops_stays_mobilize",
        present=("MOBILIZE",),
        absent=("AID",),
    ),
    # ---- joint exercises (COOPERATE 062)
    case(
        "India and Japan held joint naval exercises in the Bay of Bengal.",
        id="joint_exercises_are_cooperate",
        event="COOPERATE",
        absent=("MOBILIZE",),
        cameo_root="06",
    ),
    case(
        "Egypt staged military drills with Greece last week.",
        id="exercises_with_a_partner_are_cooperate",
        present=("COOPERATE",),
    ),
    case(
        "Russia held military exercises near the Ukrainian border on Tuesday.",
        id="single_country_exercises_stay_mobilize",
        present=("MOBILIZE",),
        absent=("COOPERATE",),
    ),
    # ---- RETREAT / CONCEDE
    case(
        "The stolen manuscripts were returned by Dutch officials to the Egyptian government in May.",
        id="passive_return_of_a_thing_goes_to_the_to_party",
        event="RETREAT",
        actor=["Dutch officials"],
        recipient=["the Egyptian government"],
    ),
    case(
        "Bahrain let free dozens of jailed bloggers on Sunday.",
        id="let_free_misparsed_is_release",
        event="RETREAT",
        mode=["release"],
        actor=["Bahrain"],
    ),
    # ---- COERCE
    case(
        "A court in Lima issued an arrest warrant for the former minister.",
        id="arrest_warrant_is_coerce_against_its_subject",
        event="COERCE",
        mode=["arrest"],
        recipient_has=("the former minister",),
    ),
    case(
        "Army officers forced the governor out of the province on Monday.",
        id="forcing_someone_out_is_coerce",
        event="COERCE",
        recipient=["the governor"],
    ),
    case(
        "Israeli air defences intercepted three rockets fired from Gaza.",
        id="intercepting_rockets_is_no_seizure",
        absent=("COERCE",),
    ),
    # ---- AID: asylum, material support, purpose
    case(
        "Jordan opened its borders to trade with Iraq.",
        id="opening_borders_to_trade_stays_access",
        absent=("AID",),
    ),
    case(
        "The EU provides €30m support for farmers in Mali.",
        id="amount_of_support_is_aid",
        event="AID",
        absent=("SUPPORT",),
        cameo_root="07",
    ),
    case(
        "Canada voiced support for the peace plan.",
        id="verbal_support_stays_support",
        present=("SUPPORT",),
        absent=("AID",),
    ),
    # ---- receiving goods: the giver is the actor
    case(
        "The militia received rifles from the Iranian government.",
        id="receiving_weapons_is_aid_from_the_giver",
        event="AID",
        actor=["the Iranian government"],
        recipient=["The militia"],
    ),
    case(
        "Kenya received $5 million in aid from Japan.",
        id="receiving_money_in_aid",
        event="AID",
        actor=["Japan"],
        recipient=["Kenya"],
    ),
    case(
        "The president received a letter from the prime minister.",
        id="receiving_a_letter_is_no_aid",
        absent=("AID",),
    ),
    # ---- what is asked for did not happen
    case(
        "The army chief refused a request by the president to step down.",
        id="rejected_request_to_resign_is_no_resignation",
        present=("REJECT",),
        absent=("RETREAT",),
    ),
    case(
        "The rebels dismissed an appeal from the government to lay down their arms.",
        id="appeal_to_disarm_is_no_disarmament",
        present=("REJECT",),
        absent=("RETREAT",),
    ),
    case(
        "The interior minister stepped down on Friday after the bombing.",
        id="actual_resignation_stays",
        present=("RETREAT",),
    ),
    # -------------------------------------------------------- technical cooperation, peacekeepers arriving
    case(
        "Iran has been sharing drone technology with Venezuela.",
        id="sharing_technology_is_cooperate",
        event="COOPERATE",
        actor=["Iran"],
        recipient=["Venezuela"],
    ),
    case(
        "The minister shared a photo with reporters.",
        id="sharing_a_photo_is_no_cooperation",
        absent=("COOPERATE",),
    ),
    case(
        "The first units of Kenyan peacekeeping troops arrived in Juba.",
        id="units_of_peacekeeping_troops_arriving_is_aid",
        event="AID",
        cameo_root="07",
    ),
    case(
        "The protesters received assurances from the Kenyan government.",
        id="receiving_assurances_is_the_givers_commitment",
        event="AGREE",
        actor=["the Kenyan government"],
        recipient=["The protesters"],
    ),
    case(
        "The World Bank is willing to send more resources to Malawi.",
        id="ready_to_send_resources_is_agree",
        event="AGREE",
        absent=("AID",),
        recipient=["Malawi"],
    ),
    case(
        "Ghana contributed 800 soldiers to United Nations peacekeeping operations in Mali.",
        id="contributing_to_peacekeeping_is_aid",
        present=("AID",),
    ),
]


@pytest.mark.parametrize("c", CASES)
def test_case(code, c: Case) -> None:
    check_case(code(c.text), c)
