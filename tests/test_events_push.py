"""Material cooperation (AID, COOPERATE, RETREAT/CONCEDE): transfers, peacekeepers, joint exercises, on
sentences written for these tests."""

from __future__ import annotations

from event_helpers import names, only, types


# ------------------------------------------------------------------ transfers of goods
def test_quantity_of_goods_is_aid(code) -> None:
    doc = code("The charity flew ten tons of medicine into Sudan on Friday.")
    e = only(doc, "AID")
    assert "Sudan" in names(e.recipient)


def test_goods_worth_handed_over_is_aid_not_return(code) -> None:
    doc = code("Japan handed over $5 million worth of medical equipment to Kenya.")
    e = only(doc, "AID")
    assert names(e.actor) == ["Japan"] and names(e.recipient) == ["Kenya"]
    assert "RETREAT" not in types(doc)


def test_list_of_goods_is_aid(code) -> None:
    doc = code("Norway sent a team of doctors, tents and medicines to Haiti.")
    e = only(doc, "AID")
    assert "Haiti" in names(e.recipient)


def test_handing_over_prisoners_stays_retreat(code) -> None:
    doc = code("The rebels handed over the captured soldiers to the Red Cross.")
    assert "RETREAT" in types(doc)
    assert "AID" not in types(doc)


# ------------------------------------------------------------------ peacekeepers (CAMEO 074)
def test_deploying_peacekeepers_is_aid(code) -> None:
    doc = code("The African Union deployed peacekeepers to Somalia in March.")
    e = only(doc, "AID")
    assert e.cameo_root == "07"
    assert "MOBILIZE" not in types(doc)


def test_sending_troops_stays_mobilize(code) -> None:
    doc = code("France sent 500 troops to Chad.")
    assert "MOBILIZE" in types(doc)
    assert "AID" not in types(doc)


# ------------------------------------------------------------------ joint exercises (COOPERATE 062)
def test_joint_exercises_are_cooperate(code) -> None:
    doc = code("India and Japan held joint naval exercises in the Bay of Bengal.")
    e = only(doc, "COOPERATE")
    assert e.cameo_root == "06"
    assert "MOBILIZE" not in types(doc)


def test_exercises_with_a_partner_are_cooperate(code) -> None:
    doc = code("Egypt staged military drills with Greece last week.")
    assert "COOPERATE" in types(doc)


def test_single_country_exercises_stay_mobilize(code) -> None:
    doc = code("Russia held military exercises near the Ukrainian border on Tuesday.")
    assert "MOBILIZE" in types(doc)
    assert "COOPERATE" not in types(doc)


# ------------------------------------------------------------------ RETREAT / CONCEDE
def test_passive_return_of_a_thing_goes_to_the_to_party(code) -> None:
    doc = code("The stolen manuscripts were returned by Dutch officials to the Egyptian government in May.")
    e = only(doc, "RETREAT")
    assert names(e.actor) == ["Dutch officials"]
    assert names(e.recipient) == ["the Egyptian government"]


def test_let_free_misparsed_is_release(code) -> None:
    doc = code("Bahrain let free dozens of jailed bloggers on Sunday.")
    e = only(doc, "RETREAT")
    assert e.mode == ["release"]
    assert names(e.actor) == ["Bahrain"]


# ------------------------------------------------------------------ COERCE
def test_arrest_warrant_is_coerce_against_its_subject(code) -> None:
    doc = code("A court in Lima issued an arrest warrant for the former minister.")
    e = only(doc, "COERCE")
    assert e.mode == ["arrest"]
    assert "the former minister" in names(e.recipient)


def test_forcing_someone_out_is_coerce(code) -> None:
    doc = code("Army officers forced the governor out of the province on Monday.")
    e = only(doc, "COERCE")
    assert names(e.recipient) == ["the governor"]


def test_intercepting_rockets_is_no_seizure(code) -> None:
    doc = code("Israeli air defences intercepted three rockets fired from Gaza.")
    assert "COERCE" not in types(doc)


# ------------------------------------------------------------------ AID: asylum, material support, purpose
def test_opening_borders_to_refugees_is_asylum_aid(code) -> None:
    doc = code("Uganda opened its borders to refugees from South Sudan last year.")
    e = only(doc, "AID")
    assert e.cameo_root == "07" and "asylum" in e.context
    assert names(e.recipient) == ["refugees from South Sudan"] or "refugees" in names(e.recipient)[0]


def test_opening_borders_to_trade_stays_access(code) -> None:
    doc = code("Jordan opened its borders to trade with Iraq.")
    assert "AID" not in types(doc)


def test_amount_of_support_is_aid(code) -> None:
    doc = code("The EU provides €30m support for farmers in Mali.")
    assert only(doc, "AID").cameo_root == "07"
    assert "SUPPORT" not in types(doc)


def test_aid_purpose_names_the_recipient(code) -> None:
    doc = code("Canada provided $40 million in food assistance to support displaced families in Sudan.")
    e = only(doc, "AID")
    assert names(e.actor) == ["Canada"]
    assert e.recipient and "families" in e.recipient[0].entity_text
    assert "SUPPORT" not in types(doc)


def test_verbal_support_stays_support(code) -> None:
    doc = code("Canada voiced support for the peace plan.")
    assert "SUPPORT" in types(doc)
    assert "AID" not in types(doc)


# ------------------------------------------------------------------ receiving goods: the giver is the actor
def test_receiving_weapons_is_aid_from_the_giver(code) -> None:
    doc = code("The militia received rifles from the Iranian government.")
    e = only(doc, "AID")
    assert names(e.actor) == ["the Iranian government"]
    assert names(e.recipient) == ["The militia"]


def test_receiving_money_in_aid(code) -> None:
    doc = code("Kenya received $5 million in aid from Japan.")
    e = only(doc, "AID")
    assert names(e.actor) == ["Japan"] and names(e.recipient) == ["Kenya"]


def test_receiving_a_letter_is_no_aid(code) -> None:
    doc = code("The president received a letter from the prime minister.")
    assert "AID" not in types(doc)


# ------------------------------------------------------------------ what is asked for did not happen
def test_rejected_request_to_resign_is_no_resignation(code) -> None:
    doc = code("The army chief refused a request by the president to step down.")
    assert "REJECT" in types(doc)
    assert "RETREAT" not in types(doc)


def test_appeal_to_disarm_is_no_disarmament(code) -> None:
    doc = code("The rebels dismissed an appeal from the government to lay down their arms.")
    assert "REJECT" in types(doc)
    assert "RETREAT" not in types(doc)


def test_actual_resignation_stays(code) -> None:
    doc = code("The interior minister stepped down on Friday after the bombing.")
    assert "RETREAT" in types(doc)


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
def test_sharing_technology_is_cooperate(code) -> None:
    doc = code("Iran has been sharing drone technology with Venezuela.")
    e = only(doc, "COOPERATE")
    assert names(e.actor) == ["Iran"] and names(e.recipient) == ["Venezuela"]


def test_sharing_a_photo_is_no_cooperation(code) -> None:
    doc = code("The minister shared a photo with reporters.")
    assert "COOPERATE" not in types(doc)


def test_units_of_peacekeeping_troops_arriving_is_aid(code) -> None:
    doc = code("The first units of Kenyan peacekeeping troops arrived in Juba.")
    assert only(doc, "AID").cameo_root == "07"


def test_aid_as_subject_of_support_is_aid(code) -> None:
    doc = code("British aid supported thousands of farmers in Malawi last year.")
    e = only(doc, "AID")
    assert "farmers" in e.recipient[0].entity_text
    assert "SUPPORT" not in types(doc)


def test_receiving_assurances_is_the_givers_commitment(code) -> None:
    doc = code("The protesters received assurances from the Kenyan government.")
    e = only(doc, "AGREE")
    assert names(e.actor) == ["the Kenyan government"]
    assert names(e.recipient) == ["The protesters"]


def test_ready_to_send_resources_is_agree(code) -> None:
    doc = code("The World Bank is willing to send more resources to Malawi.")
    e = only(doc, "AGREE")
    assert names(e.recipient) == ["Malawi"]
    assert "AID" not in types(doc)


def test_contributing_to_peacekeeping_is_aid(code) -> None:
    doc = code("Ghana contributed 800 soldiers to United Nations peacekeeping operations in Mali.")
    assert "AID" in types(doc)
