"""Actor fixes: place names inside longer place names, datelines, mentions cut short (sentences written for
these tests)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Document
from eventwire.nlp.dateline import dateline_names, find_dateline

Code = Callable[..., Document]


def codes(doc: Document) -> list[tuple[str, str | None]]:
    return [(e.entity_text, e.code) for e in doc.entities]


@pytest.mark.parametrize(
    "text, short",
    [
        ("Exports to South America rose sharply last year, the ministry said.", "America"),
        ("Farmers across Latin America are worried about the drought.", "America"),
        ("Wildfires spread across New Mexico on Sunday.", "Mexico"),
    ],
)
def test_country_name_inside_a_longer_place_name_is_no_actor(code: Code, text: str, short: str) -> None:
    doc = code(text)
    assert not [e for e in doc.entities if e.entity_text == short], codes(doc)
    assert not [e for e in doc.entities if e.code in ("USA", "MEX")], codes(doc)


def test_whole_country_names_still_resolve(code: Code) -> None:
    doc = code("North Korea fired two missiles and South Korea lodged a protest with Papua New Guinea.")
    got = dict(codes(doc))
    assert got.get("North Korea") == "PRK"
    assert got.get("South Korea") == "KOR"
    assert got.get("Papua New Guinea") == "PNG"


def test_country_after_a_lowercase_direction_word_still_resolves(code: Code) -> None:
    doc = code("Gunmen attacked a village in northeast Nigeria, officials said.")
    assert any(e.code == "NGA" for e in doc.entities), codes(doc)


def test_dateline_is_shared_and_gives_spans() -> None:
    text = "KANO, Nigeria (AP) \u2014 Gunmen attacked a market."
    assert find_dateline(text) == (0, 4, "Nigeria")
    assert dateline_names(text) == [(0, 4), (6, 13)]
    assert dateline_names("Police said on Monday that they had arrested two men.") == []


@pytest.mark.parametrize(
    "text, city",
    [
        ("LISBON, March 4 (Reuters) - Portugal's foreign minister said talks would resume.", "LISBON"),
        ("MOSCOW \u2014 The Kremlin said on Tuesday it would answer the letter.", "MOSCOW"),
    ],
)
def test_dateline_place_is_no_actor(code: Code, text: str, city: str) -> None:
    doc = code(text)
    assert not [e for e in doc.entities if e.start == 0], codes(doc)
    assert [p for p in doc.places if p.from_dateline and p.text == city] or not doc.places
    # the actors after the dateline are still found
    assert [e for e in doc.entities if e.start > len(city)], codes(doc)


def test_city_as_subject_outside_the_dateline_is_still_a_government(code: Code) -> None:
    doc = code("Talks stalled on Monday. Moscow said it would not send a delegation.")
    assert any(e.entity_text == "Moscow" and e.code == "RUS" for e in doc.entities), codes(doc)


def test_chain_of_name_modifiers_stays_in_the_mention(code: Code) -> None:
    doc = code("West Bengal Chief Minister Mamata Banerjee opposed the new law on Friday.")
    want = "West Bengal Chief Minister Mamata Banerjee"
    assert any(e.entity_text == want for e in doc.entities), codes(doc)


def test_unknown_organisation_before_a_title_and_name_is_part_of_the_mention(code: Code) -> None:
    doc = code("United Nations Human Rights Commissioner Michelle Bachelet condemned the raids on Monday.")
    want = "United Nations Human Rights Commissioner Michelle Bachelet"
    assert any(e.entity_text == want for e in doc.entities), codes(doc)
    assert not [e for e in doc.entities if e.entity_text == "United Nations Human Rights"], codes(doc)
