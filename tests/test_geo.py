"""Tests for the geo stage and gazetteer (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.geo import attached_place, find_dateline
from eventwire.geo.gazetteer import distance_km, gazetteer, norm
from eventwire.model import Document, Place
from helpers import check_offsets, parsed

Code = Callable[..., Document]


def places(doc: Document) -> dict[str, Place]:
    return {p.text: p for p in doc.places}


def test_norm() -> None:
    assert norm("The Gaza Strip") == "gaza strip"
    assert norm("Norrköping") == "norrkoping"
    assert norm("Port-au-Prince") == "port au prince"
    assert norm("U.S.") == "us"


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_norm_is_idempotent(s: str) -> None:
    assert norm(norm(s)) == norm(s)


def test_gazetteer_has_small_states_and_regions() -> None:
    g = gazetteer()
    assert any(r.cc == "VA" and r.feature == "PCLI" for r, _ in g.lookup("vatican"))
    assert any(r.cc == "VA" for r, _ in g.lookup("holy see"))
    assert any(r.feature == "RGN" for r, _ in g.lookup("west asia"))
    assert any(r.cc == "UA" for r, _ in g.lookup("crimea"))
    assert any(r.cc == "PS" for r, _ in g.lookup("gaza strip"))
    assert any(r.cc == "MC" for r, _ in g.lookup("monaco"))


def test_distance() -> None:
    # Kyiv to Moscow is about 750 km
    assert 700 < distance_km(50.45, 30.52, 55.75, 37.62) < 800


def test_dateline_regex() -> None:
    assert find_dateline("Nairobi, June 3: Police said") == (0, 7, None)
    s, e, region = find_dateline("KANO, Nigeria (AP) \u2014 Gunmen attacked") or (0, 0, None)
    assert (s, e, region) == (0, 4, "Nigeria")
    assert find_dateline("Police said on Monday that") is None


def test_dateline_and_actor_capitals(code: Code) -> None:
    text = (
        "Nairobi, June 3: Officials said talks between Washington and Beijing resumed on Monday. "
        "Beijing rejected the proposal, while protesters gathered in Mombasa."
    )
    doc = code(text, date="2025-06-03")
    check_offsets(doc)
    dl = [p for p in doc.places if p.from_dateline]
    assert len(dl) == 1 and dl[0].text == "Nairobi" and dl[0].country_code == "KE"
    assert dl[0].role == "place"
    by_start = sorted(doc.places, key=lambda p: p.start)
    washington = next(p for p in by_start if p.text == "Washington")
    assert washington.role == "actor" and washington.country_code == "US"
    beijings = [p for p in by_start if p.text == "Beijing"]
    assert beijings and all(p.role == "actor" and p.country_code == "CN" for p in beijings)
    mombasa = places(doc)["Mombasa"]
    assert mombasa.role == "place" and mombasa.country_code == "KE"


def test_countries_small_states_and_demonyms(code: Code) -> None:
    doc = code("The delegation travelled to Monaco and then to the Vatican. Russian diplomats stayed home.")
    check_offsets(doc)
    got = places(doc)
    assert got["Monaco"].country_code == "MC"
    assert got["Vatican"].country_code == "VA"
    assert "Russian" not in got


def test_possessive_country_is_actor(code: Code) -> None:
    doc = code("Officials thanked Canada's government for the aid delivered in Haiti.")
    got = places(doc)
    assert got["Canada"].role == "actor"
    assert got["Haiti"].role == "place"


def test_context_disambiguation(code: Code) -> None:
    # Paris in France by default; Paris near other Texas towns in the US
    doc = code("Demonstrators marched in Paris on Saturday.")
    assert places(doc)["Paris"].country_code == "FR"
    doc2 = code("Storms hit Texas on Friday, flooding roads near Paris and Sherman.")
    assert places(doc2)["Paris"].country_code == "US"


def test_region_and_division(code: Code) -> None:
    doc = code("Aid convoys reached the Gaza Strip, and fighting continued in the Middle East and Donbas.")
    got = places(doc)
    assert got["Gaza Strip"].country_code == "PS"
    assert got["Middle East"].feature_code == "RGN"
    assert got["Donbas"].country_code == "UA"


def test_no_places_in_boilerplate_headlines(code: Code) -> None:
    text = (
        "Officials met in Lagos on Tuesday to discuss security. "
        "Floods In Kenya Leave Thousands Homeless Amid Heavy Rains In Nairobi."
    )
    doc = code(text)
    for p in doc.places:
        assert not doc.in_boilerplate(p.start, p.end)


def test_attached_place(pipeline: object, code: Code) -> None:
    from eventwire.ingest import make_article

    pipeline.keep_parse = True  # type: ignore[attr-defined]
    try:
        doc = pipeline.code(
            make_article(text="Soldiers opened fire on protesters near Mombasa on Monday.", date="2025-05-20")
        )  # type: ignore[attr-defined]
    finally:
        pipeline.keep_parse = False  # type: ignore[attr-defined]
    sent = doc.sentences[0]
    p = attached_place(doc, sent.start, sent.end)
    assert p is not None and p.text == "Mombasa"


def test_nothing_found_is_empty(code: Code) -> None:
    assert code("no capital letters here, only a quiet morning at home.").places == []


def test_attached_place_through_clause_and_of(pipeline: object) -> None:
    doc = parsed(
        pipeline, "Hundreds of farmers gathered in Nakuru to protest against new taxes.", date="2025-05-20"
    )
    i = doc.text.index("to protest")
    p = attached_place(doc, i, len(doc.text) - 1)
    assert p is not None and p.text == "Nakuru"
    doc2 = parsed(pipeline, "Militants burned the village of Bunia last night.", date="2025-05-20")
    s = doc2.sentences[0]
    p2 = attached_place(doc2, s.start, s.end)
    assert p2 is not None and p2.text == "Bunia" and p2.country_code == "CD"


def test_attached_place_fallback_is_opt_in(pipeline: object) -> None:
    doc = parsed(pipeline, "In Eldoret, the council met. Police said nothing.", date="2025-05-20")
    s = doc.sentences[1]
    assert attached_place(doc, s.start, s.end) is None
    s0 = doc.sentences[0]
    i = doc.text.index("the council")
    got = attached_place(doc, i, s0.end, fallback=True)
    assert got is None or got.text == "Eldoret"


def test_hyphenated_and_connector_names(code: Code) -> None:
    doc = code("Protesters marched in Port-au-Prince, and later in Port of Spain and Fernando de la Mora.")
    check_offsets(doc)
    got = places(doc)
    assert got["Port-au-Prince"].country_code == "HT"
    assert got["Port of Spain"].country_code == "TT"
    assert got["Fernando de la Mora"].country_code == "PY"


def test_transliteration_variant(code: Code) -> None:
    doc = code("Shelling was reported near Ar Raqqa on Tuesday.")
    assert any("Raqqa" in p.text and p.country_code == "SY" for p in doc.places)
    check_offsets(doc)


def test_kind_word_trimmed(code: Code) -> None:
    doc = code("Clashes broke out in Kandahar city and in Ituri province.")
    got = places(doc)
    assert got["Kandahar"].country_code == "AF" and got["Kandahar"].feature_code in ("PPL", "PPLC")
    check_offsets(doc)


def test_organisation_name_is_not_a_place(code: Code) -> None:
    doc = code("Fighters of Boko Haram attacked a camp near Maiduguri.")
    got = places(doc)
    assert "Boko" not in got
    assert got["Maiduguri"].country_code == "NG"


GEO_WORDS = [
    "in",
    "near",
    "Kyiv",
    "Moscow",
    "said",
    "the",
    "village",
    "of",
    "Port-au-Prince",
    "Gaza",
    "Strip",
    "United",
    "States",
    "'s",
    ",",
    ".",
    "(",
    ")",
    "and",
    "Turkey",
    "town",
    "protesters",
    "gathered",
    "Ar",
    "Raqqa",
    "Boko",
    "Haram",
    "province",
    "Ituri",
    "Vatican",
    "talks",
    "between",
    "Paris",
]


@given(st.lists(st.sampled_from(GEO_WORDS), min_size=1, max_size=25))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_places_offsets_and_no_overlaps(code: Code, words: list[str]) -> None:
    doc = code(" ".join(words))
    check_offsets(doc)
    spans = sorted((p.start, p.end) for p in doc.places)
    for (_s1, e1), (s2, _e2) in pairwise(spans):
        assert e1 <= s2
    for p in doc.places:
        assert p.role in ("place", "actor")
        assert p.lat is not None and p.lon is not None and -90 <= p.lat <= 90 and -180 <= p.lon <= 180


def test_place_records_its_attachment(code: Code) -> None:
    text = (
        "Kampala, June 3 - Police dispersed a march near Gulu. "
        "Nairobi said it shelled the village of Oria."
    )
    doc = code(text)
    ps = places(doc)
    gulu = ps["Gulu"]
    assert gulu.attachment == "near" and gulu.head is not None
    assert text[gulu.head :].startswith(("march", "dispersed"))
    assert ps["Oria"].attachment == "of" and text[ps["Oria"].head :].startswith("village")
    # the dateline and a capital used as an actor attach to nothing
    assert ps["Kampala"].head is None and ps["Kampala"].attachment is None
    assert ps["Nairobi"].role == "actor" and ps["Nairobi"].head is None
    assert gulu.to_dict()["attachment"] == "near"


def test_punctuation_only_entity_does_not_crash(code: Code) -> None:
    doc = code("Russia 0031 \u00a7")  # found by hypothesis (geo crashed on it)
    check_offsets(doc)
    doc = code("Peru 1999 \u00a7 \u00b6")
    check_offsets(doc)


def test_place_modifying_another_noun_attaches_to_nothing(code: Code) -> None:
    text = "Chile backs a settlement of the Bolivia dispute. Rebels raided a camp in the Idlib countryside."
    ps = places(code(text))
    assert ps["Bolivia"].head is None and ps["Bolivia"].attachment is None
    assert ps["Idlib"].attachment == "in"
