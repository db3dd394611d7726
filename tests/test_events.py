"""Event coder tests on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.events.anchor import norm_value
from eventwire.events.coder import Coder
from eventwire.events.lexicon import load
from eventwire.ingest import make_article
from eventwire.model import Document, Place, Timex
from helpers import Case, case, check_case, check_offsets, names, only


@pytest.fixture(scope="module")
def code(code_rules):
    """These tests check the rule coder's mechanics: its events as it makes them, before the learned model
    scores them and adds its own (tests/test_event_model.py checks that layer)."""
    return code_rules


def test_lexicon_loads_and_is_consistent() -> None:
    lex = load()
    assert len(lex.triggers) > 200
    for entries in lex.triggers.values():
        for e in entries:
            assert e.event in lex.quad
            assert e.root.isdigit() and 1 <= int(e.root) <= 20
    assert lex.scale("ASSAULT", ["aerial"]) == -9.5
    assert lex.scale("CONSULT", []) == 2.5


def test_verbal_trigger_actor_recipient(code) -> None:
    doc = code("Rebel fighters attacked an army convoy near the town of Gerlo on Tuesday.")
    check_offsets(doc)
    e = only(doc, "ASSAULT")
    assert "fighters" in " ".join(names(e.actor))
    assert "convoy" in " ".join(names(e.recipient))
    assert e.quad_code == 4 and e.goldstein is not None and e.goldstein < 0
    assert e.id.endswith(":e1")


def test_nominal_trigger_by_on(code) -> None:
    doc = code("An attack by militants on a police station in the north left three officers dead.")
    check_offsets(doc)
    e = only(doc, "ASSAULT")
    assert names(e.actor) and "militants" in names(e.actor)[0]
    assert "station" in " ".join(names(e.recipient))


def test_talks_between_are_reciprocal(code) -> None:
    doc = code("Talks between Armenia and Azerbaijan resumed in Geneva on Monday.")
    check_offsets(doc)
    e = only(doc, "CONSULT")
    assert sorted(names(e.actor)) == ["Armenia", "Azerbaijan"]
    assert e.recipient == []


def test_passive_agent_is_actor(code) -> None:
    doc = code("The aid convoy was attacked by armed men outside the camp.")
    e = only(doc, "ASSAULT")
    assert "men" in " ".join(names(e.actor))
    assert "convoy" in " ".join(names(e.recipient))


def test_compound_actor_is_one_event_with_a_list(code) -> None:
    doc = code("France and Germany condemned the execution of the journalist.")
    accuse = [e for e in doc.events if e.event == "ACCUSE"]
    assert len(accuse) == 1
    assert sorted(names(accuse[0].actor)) == ["France", "Germany"]


def test_reported_speech_codes_the_reported_event(code) -> None:
    doc = code("The defence ministry said rebels shelled the village of Marku overnight.")
    e = only(doc, "ASSAULT")
    assert "rebels" in names(e.actor)
    assert e.mode[:1] == ["heavy-weapons"]
    assert all(e.trigger != "said" for e in doc.events)


def test_negation_is_not_the_plain_event(code) -> None:
    doc = code("The foreign minister of Chile did not attend the meeting in Lima.")
    assert not [e for e in doc.events if e.event == "CONSULT"]
    e = only(doc, "REJECT")
    assert e.mode == ["meet"]
    doc2 = code("Government troops did not attack the village.")
    e2 = only(doc2, "ASSAULT")
    assert "negated" in e2.mode


def test_future_and_hypothetical(code) -> None:
    doc = code("Japan will start talks with South Korea next month.")
    assert not [e for e in doc.events if e.event == "CONSULT"]
    only(doc, "AGREE")
    doc2 = code("The European Union may impose sanctions on Belarus.")
    e2 = only(doc2, "COERCE")
    assert "hypothetical" in e2.mode
    assert names(e2.recipient) == ["Belarus"]


def test_control_verbs_absorb_their_event(code) -> None:
    doc = code("Turkey threatened to attack Kurdish positions in the north.")
    assert [e.event for e in doc.events] == ["THREATEN"]
    assert doc.events[0].mode == ["violence"]
    doc2 = code("The opposition refused to hold talks with the ruling party.")
    assert [e.event for e in doc2.events] == ["REJECT"]
    assert doc2.events[0].mode == ["meet"]


def coded_with_parse(pipeline, text: str, date: str = "2024-03-05") -> Document:
    (doc,) = [d for d in pipeline.run([make_article(text=text, date=date)])]
    return doc


@pytest.fixture()
def parsed(pipeline):
    pipeline.keep_parse = True
    yield lambda text, date="2024-03-05": coded_with_parse(pipeline, text, date)
    pipeline.keep_parse = False


def test_boilerplate_sentences_yield_nothing(parsed) -> None:
    doc = parsed("Police arrested six protesters in the capital. Rebels attacked a base in the south.")
    assert len(doc.events) >= 2
    for s in doc.sentences:
        s.boilerplate = "headline"
    assert Coder().code(doc) == []


def test_date_from_governing_timex_else_article(parsed) -> None:
    text = "Police arrested six protesters on Sunday. Rebels attacked a base in the south."
    doc = parsed(text)
    doc.times = [t for t in doc.times if False]
    i = text.index("Sunday")
    doc.times.append(Timex("Sunday", i, i + 6, 0, "DATE", "2024-03-03"))
    evs = Coder().code(doc)
    arrest = next(e for e in evs if e.event == "COERCE")
    assert (arrest.date, arrest.date_source) == ("2024-03-03", "timex")
    attack = next(e for e in evs if e.event == "ASSAULT")
    assert (attack.date, attack.date_source) == ("2024-03-05", "article")


def test_place_attached_to_clause(parsed) -> None:
    text = "Rebels attacked a base in Tarvola. The minister of Norway praised the army."
    doc = parsed(text)
    i = text.index("Tarvola")
    doc.places = [Place("Tarvola", i, i + 7, 0, role="place", head=text.index("attacked"), attachment="in")]
    evs = Coder().code(doc)
    attack = next(e for e in evs if e.event == "ASSAULT")
    assert attack.event_loc is not None and attack.event_loc.text == "Tarvola"
    praise = next(e for e in evs if e.event == "SUPPORT")
    assert praise.event_loc is None
    # the coder reads the attachment from the data model only: a place with no head is not the location
    doc.places = [Place("Tarvola", i, i + 7, 0, role="place")]
    attack = next(e for e in Coder().code(doc) if e.event == "ASSAULT")
    assert attack.event_loc is None


def test_event_loc_from_geo_attachment(parsed) -> None:
    text = (
        "Lisbon, March 4 - Farmers who had gathered outside the town hall in Braga protested against "
        "the new water tax. Madrid said its police arrested two smugglers."
    )
    doc = parsed(text)
    check_offsets(doc)
    protest = next(e for e in doc.events if e.trigger == "protested")
    assert protest.event_loc is not None and protest.event_loc.text == "Braga"
    # the dateline place and a capital used as an actor never locate an event
    for e in doc.events:
        assert e.event_loc is None or e.event_loc.text not in ("Lisbon", "Madrid")


def test_event_loc_prefers_the_town_and_takes_a_target_place(parsed) -> None:
    doc = parsed("Gunmen attacked a police station near Kaduna in northern Nigeria on Sunday.")
    attack = only(doc, "ASSAULT")
    assert attack.event_loc is not None and attack.event_loc.text == "Kaduna"
    doc = parsed("Artillery units shelled the village of Kupiansk overnight.")
    attack = only(doc, "ASSAULT")
    assert attack.event_loc is not None and attack.event_loc.text == "Kupiansk"


def test_event_loc_not_from_another_clause(parsed) -> None:
    doc = parsed("Soldiers detained a journalist, and later a minister opened a school in Kisumu.")
    arrest = [e for e in doc.events if e.event == "COERCE"]
    assert arrest and all(e.event_loc is None for e in arrest)


def test_norm_value() -> None:
    assert norm_value("2025-05-19") == "2025-05-19"
    assert norm_value("2025-05-19T10:00") == "2025-05-19"
    assert norm_value("2025-W20") == "2025-W20"
    assert norm_value("2025-05") == "2025-05"
    assert norm_value("XXXX-WXX-1") is None
    assert norm_value("PT2H") is None
    assert norm_value(None) is None


ACTORS = ["Norway", "The army", "Protesters", "Police", "The United Nations", "Rebels", "Chile and Peru"]
VERBS = [
    "attacked",
    "criticised",
    "met",
    "arrested",
    "praised",
    "threatened",
    "visited",
    "sanctioned",
    "blamed",
]
TAILS = ["", " on Monday", " in the north", ", officials said", " after weeks of tension"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(ACTORS), st.sampled_from(VERBS), st.sampled_from(ACTORS), st.sampled_from(TAILS))
def test_property_offsets_and_no_default(code, a: str, v: str, b: str, tail: str) -> None:
    doc = code(f"{a} {v} {b.lower() if b.startswith('The') else b}{tail}.")
    check_offsets(doc)
    assert len(doc.events) >= 1
    for e in doc.events:
        assert e.event in load().quad
        assert e.date == "2025-05-20" or e.date_source == "timex"


def test_article_without_date_has_no_event_date(code) -> None:
    doc = code("Rebels attacked a base in the south.", date=None)
    e = only(doc, "ASSAULT")
    assert e.date is None and e.date_source is None  # no article date, no date in the text


def test_titles_and_apposition(code) -> None:
    doc = code("Japanese Prime Minister Taro Sato met German Chancellor Anna Weber in Berlin on Monday.")
    e = only(doc, "CONSULT")
    assert any("Taro Sato" in a.entity_text for a in e.actor)
    assert any("Anna Weber" in r.entity_text for r in e.recipient)
    doc2 = code("Taro Sato, the Japanese prime minister, criticised the new tariffs.")
    e2 = only(doc2, "ACCUSE")
    assert any("Taro Sato" in a.entity_text for a in e2.actor)


def test_reciprocal_talks_all_in_actor(code) -> None:
    doc = code("Chile and Peru held talks on the maritime border.")
    e = only(doc, "CONSULT")
    assert sorted(names(e.actor)) == ["Chile", "Peru"]
    assert e.recipient == []
    assert e.trigger == "held talks"


def test_offer_is_agree_and_statement_alone_is_nothing(code) -> None:
    doc = code("Norway offered to host talks between the two parties.")
    assert [e.event for e in doc.events] == ["AGREE"]
    doc2 = code("The spokesman said the weather would improve.")
    assert doc2.events == []


def test_conveying_results_to_leaders_is_consult(code) -> None:
    doc = code(
        "Chancellor Friedrich Merz spoke with Chinese President Xi Jinping on Monday. "
        "He also conveyed the results of the meeting to Kenyan President William Ruto and several "
        "African leaders in separate messages."
    )
    check_offsets(doc)
    evs = [e for e in doc.events if e.sentence == 1]
    assert [e.event for e in evs] == ["CONSULT"]  # the meeting reported on is not a second event
    ev = evs[0]
    assert ev.trigger == "conveyed"
    assert [a.name for a in ev.actor] == ["Friedrich Merz"]
    assert names(ev.recipient) == ["Kenyan President William Ruto", "several African leaders"]
    # conveying condolences is not a consultation
    doc = code("Macron conveyed condolences to the families of the victims.")
    assert not any(e.event == "CONSULT" for e in doc.events)


def test_first_person_in_a_direct_quote_is_the_speaker(code) -> None:
    from eventwire.dedup.keys import article_identities, side_key

    doc = code(
        "President Emmanuel Macron held a phone conversation with Chancellor Friedrich Merz on Monday. "
        'Macron wrote on social media: "I just finished my long call with Chancellor Friedrich Merz of '
        'Germany. It went well."'
    )
    check_offsets(doc)
    calls = [e for e in doc.events if e.event == "CONSULT"]
    assert len(calls) == 2, [(e.trigger, names(e.actor)) for e in calls]
    my = calls[1]
    assert names(my.actor) == ["my"] and my.actor[0].name == "Emmanuel Macron" and my.actor[0].code == "FRA"
    # both mentions of the call carry the same participants, so the store's dedup can cluster them
    ids = article_identities(doc.entities)
    dyads = [{side_key(e.actor, ids), side_key(e.recipient, ids)} for e in calls]
    assert dyads[0] == dyads[1] == {"c:FRA GOV", "c:DEU GOV"}


def test_event_loc_from_a_fronted_locative_phrase(code) -> None:
    # the parser may hang the main clause inside "in X": the place still locates the event
    doc = code("On 21 June 2022, in Lagos, Ogun, a group of bus drivers protested on Main Avenue.")
    ev = only(doc, "PROTEST")
    assert ev.event_loc is not None and ev.event_loc.text == "Lagos"
    # "in X (Y)": the appositive Y is the wider area, X the location
    doc = code("On 4 May 2022, in Kaduna (Kano), about 500 farm workers gathered to protest against a bill.")
    ev = only(doc, "PROTEST")
    assert ev.event_loc is not None and ev.event_loc.text == "Kaduna"


def test_event_loc_of_after_a_direction_and_not_a_verbal_target(code) -> None:
    doc = code("Hundreds of farmers marched through the streets of Greiz to protest against the tax.")
    ev = next(e for e in doc.events if e.trigger == "marched")
    assert ev.event_loc is not None and ev.event_loc.text == "Greiz"
    doc = code("Troops shelled farmland north of Tarnow on Sunday.")
    ev = only(doc, "ASSAULT")
    assert ev.event_loc is not None and ev.event_loc.text == "Tarnow"
    # the object of a verbal event is its target, not where it happened
    doc = code("The governor of Kursk accused Kyiv of shelling the region.")
    ev = only(doc, "ACCUSE")
    assert ev.event_loc is None


def test_known_lemmas_are_per_coder() -> None:
    """Each coder tries suffix-stripped forms against its own lexicon's lemmas (they were once a
    process-wide set filled from the first lexicon only)."""
    from dataclasses import replace

    lex = load()
    small = replace(lex, triggers={k: v for k, v in lex.triggers.items() if k[0] != "shell"})
    assert "shell" in Coder(lex).known
    assert "shell" not in Coder(small).known
    assert "shell" in Coder(lex).known


CASES = [
    # imposed sanctions: CAMEO 163, which CAMEO2PLOVER codes COERCE restrict
    case(
        "Canada's sanctions on Iran were criticised by several traders.",
        id="possessive_sanctions",
        event="COERCE",
        actor=["Canada"],
        recipient=["Iran"],
    ),
    case(
        "Poland accused Belarus of pushing migrants across the border.",
        id="statement_that_accuses_is_an_event",
        event="ACCUSE",
        modes=("allege",),
        actor=["Poland"],
        recipient=["Belarus"],
    ),
    case(
        "The Italian prime minister spoke by phone with the president of Kenya.",
        id="modes_phone_and_aerial-1",
        event="CONSULT",
        first_mode="phone",
    ),
    case(
        "Warplanes bombed a fuel depot outside the port city.",
        id="modes_phone_and_aerial-2",
        event="ASSAULT",
        mode=["aerial"],
    ),
    case(
        "Gunmen shot dead four villagers in the market.",
        id="modes_phone_and_aerial-3",
        event="ASSAULT",
        mode=["firearms"],
    ),
    case(
        "The weather was mild in the capital and the markets were busy.",
        id="nothing_matched_nothing_emitted-1",
        none=True,
    ),
    case(
        "The report was released on Friday by the statistics office.",
        id="nothing_matched_nothing_emitted-2",
        none=True,
    ),
    case(
        "Lula expressed gratitude to Trump for the support.",
        id="gratitude_to_a_name_the_tagger_reads_as_a_verb-1",
        event="SUPPORT",
        actor=["Lula"],
        recipient=["Trump"],
    ),
    case(
        "Erdogan expressed gratitude to Macron for France's help in restarting talks.",
        id="gratitude_to_a_name_the_tagger_reads_as_a_verb-2",
        event="SUPPORT",
        actor=["Erdogan"],
        recipient=["Macron"],
    ),
]


@pytest.mark.parametrize("c", CASES)
def test_case(code, c: Case) -> None:
    check_case(code(c.text), c)


def test_noun_senses_reject_unknown_keys(monkeypatch) -> None:
    from eventwire import resources

    bad = {"strike": {}, "exercise": {}, "call": {}, "typo": {}}
    monkeypatch.setattr(resources, "_json", lambda name: bad)
    with pytest.raises(resources.DataError, match="unknown key"):
        resources.load_json("events/senses.json", ["strike", "exercise", "call"])
