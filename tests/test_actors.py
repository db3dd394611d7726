"""Actor knowledge base and date-aware resolution (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pycountry
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.actors import office_holder, resolve_name
from eventwire.actors.evaluate import load_dated_set, score
from eventwire.actors.kb import load_kb
from eventwire.model import Document, Entity

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
Code = Callable[..., Document]


def find(doc: Document, text: str, nth: int = 0) -> Entity:
    hits = [e for e in doc.entities if e.entity_text == text]
    assert len(hits) > nth, f"no entity {text!r} in {[e.entity_text for e in doc.entities]}"
    return hits[nth]


# ---------------------------------------------------------------------------- knowledge base


def test_every_iso_state_and_plover_extras() -> None:
    kb = load_kb()
    for c in pycountry.countries:
        assert c.alpha_3 in kb.states, c.alpha_3
    assert {"KOS", "PSE", "VAT"} <= set(kb.states)


def test_data_files_are_compact_and_dated_roles_valid() -> None:
    pkg = resources.files("eventwire") / "data" / "actors"
    total = 0
    for name in ("states", "orgs", "agents", "people"):
        raw = (pkg / f"{name}.json").read_bytes()
        total += len(raw)
        json.loads(raw)
    assert total < 6_000_000
    kb = load_kb()
    for p in kb.people:
        for r in p.roles:
            for d in (r.start, r.end, r.known_to):
                if d:
                    dt.date.fromisoformat(d)
            if r.start and r.end:
                assert r.start < r.end, (p.name, r)


@pytest.mark.parametrize(
    ("name", "date", "code", "sector"),
    [
        ("Donald Trump", "2019-06-01", "USA", "GOV"),
        ("Donald Trump", "2022-06-01", "USA", "ELI"),
        ("Donald Trump", "2025-05-20", "USA", "GOV"),
        ("Vladimir Putin", "2010-01-01", "RUS", "GOV"),
        ("Boris Yeltsin", "2005-01-01", "RUS", "ELI"),
        ("Volodymyr Zelensky", "2025-05-20", "UKR", "GOV"),
        ("Theresa May", "2018-01-01", "GBR", "GOV"),
        ("Theresa May", "2020-01-01", "GBR", "ELI"),
        ("NATO", None, "IGO", "MIL"),
        ("the Kremlin", None, "RUS", "GOV"),
        ("the Vatican", None, "VAT", "REL"),
        ("Hamas", None, "PSE", "REB"),
    ],
)
def test_resolve_name_on_a_date(name: str, date: str | None, code: str, sector: str) -> None:
    c = resolve_name(name, date)
    assert c is not None
    assert (c.code, c.sector) == (code, sector)


def test_resolve_name_unknown_is_none() -> None:
    assert resolve_name("Qwertyuiop Asdfgh", "2020-01-01") is None


@pytest.mark.parametrize(
    ("code", "office", "date", "name"),
    [
        ("RUS", "president", "2010-06-01", "Dmitry Medvedev"),
        ("RUS", "prime_minister", "2010-06-01", "Vladimir Putin"),
        ("GBR", "leader", "2022-10-01", "Liz Truss"),
        ("USA", "foreign_minister", "2014-01-01", "John Kerry"),
        ("DEU", "leader", "2024-01-01", "Olaf Scholz"),
        ("USA", "president", "2025-01-19", "Joe Biden"),
        ("USA", "president", "2025-01-20", "Donald Trump"),
    ],
)
def test_office_holder(code: str, office: str, date: str, name: str) -> None:
    c = office_holder(code, office, date)
    assert c is not None and c.name == name


# ---------------------------------------------------------------------------- the stage


def test_former_title_contradicting_dated_role(code: Code) -> None:
    doc = code("Former US President Donald Trump spoke to reporters in Florida on Sunday.", date="2025-05-20")
    e = find(doc, "Former US President Donald Trump")
    assert (e.code, e.sector, e.wikidata_id) == ("USA", "GOV", "Q22686")
    assert any(w.code == "title_mismatch" and "former" in w.message for w in doc.warnings)
    assert any("title_mismatch" in n for n in e.notes)


def test_person_pronouns_share_the_ref(code: Code) -> None:
    doc = code(
        "Russian President Vladimir Putin met the governor of Kursk on Tuesday. "
        '"We will rebuild the region," he said after the meeting. Putin later flew to Moscow.',
        date="2024-09-01",
    )
    full = find(doc, "Russian President Vladimir Putin")
    he = find(doc, "he")
    again = find(doc, "Putin")
    assert (full.code, full.sector, full.wikidata_id) == ("RUS", "GOV", "Q7747")
    assert he.kind == "pronoun" and he.ref == full.ref == again.ref
    assert he.code == "RUS" and he.sector == "GOV"


def test_definite_title_resolves_to_dated_holder(code: Code) -> None:
    doc = code("The Russian president and the Ukrainian president did not meet.", date="2012-01-10")
    assert find(doc, "The Russian president").name == "Dmitry Medvedev"
    assert find(doc, "the Ukrainian president").name == "Viktor Yanukovych"


def test_title_refers_back_to_a_mentioned_person(code: Code) -> None:
    doc = code("Putin spoke with Macron. Later the Russian leader left for Sochi.", date="2019-08-01")
    assert find(doc, "the Russian leader").ref == find(doc, "Putin").ref


def test_the_two_leaders_is_a_group(code: Code) -> None:
    doc = code("Joe Biden called Olaf Scholz on Friday. The two leaders discussed aid.", date="2023-02-10")
    group = [e for e in doc.entities if e.entity_text == "The two leaders"]
    assert {e.name for e in group} == {"Joe Biden", "Olaf Scholz"}
    assert len({(e.start, e.end) for e in group}) == 1


def test_generic_agents_and_demonyms(code: Code) -> None:
    doc = code(
        "A Ukrainian official said Syrian rebels and police clashed near the border, "
        "while protesters gathered in Turkey.",
        date="2023-01-01",
    )
    assert (find(doc, "A Ukrainian official").code, find(doc, "A Ukrainian official").sector) == (
        "UKR",
        "GOV",
    )
    assert (find(doc, "Syrian rebels").code, find(doc, "Syrian rebels").sector) == ("SYR", "REB")
    police = find(doc, "police")
    assert (police.code, police.sector) == (None, "COP")
    assert find(doc, "protesters").sector == "CVL"
    assert find(doc, "Turkey").code == "TUR"


def test_metonyms_and_igos(code: Code) -> None:
    doc = code(
        "The Kremlin rejected the offer, and Washington said the UN Security Council would meet. "
        "The Vatican offered to mediate between Moscow and Kyiv.",
        date="2024-03-03",
    )
    assert (find(doc, "The Kremlin").code, find(doc, "The Kremlin").sector) == ("RUS", "GOV")
    assert find(doc, "Washington").code == "USA"
    unsc = find(doc, "the UN Security Council")
    assert (unsc.code, unsc.sector) == ("UNO", "IGO")
    vat = find(doc, "The Vatican")
    assert (vat.code, vat.sector, vat.wikidata_id) == ("VAT", "REL", "Q159583")
    assert find(doc, "Moscow").code == "RUS" and find(doc, "Kyiv").code == "UKR"


def test_subject_pronoun_of_a_complement_clause_is_the_governing_subject(code: Code) -> None:
    doc = code(
        "Chancellor Olaf Scholz spoke to reporters in Berlin on Friday. "
        "Narendra Modi, who was on a tour of Brazil at the time, had hinted he might visit the summit. "
        "When Scholz landed in Paris, he said the talks would continue.",
        date="2025-05-20",
    )
    modi = find(doc, "Narendra Modi")
    he = find(doc, "he")
    assert he.kind == "pronoun" and he.ref == modi.ref and he.code == "IND"
    he2 = find(doc, "he", 1)
    assert he2.ref == find(doc, "Scholz").ref


def test_state_pronoun(code: Code) -> None:
    doc = code("The Kremlin said it would respond. It is unclear when talks will resume.", date="2024-03-03")
    its = [e for e in doc.entities if e.kind == "pronoun"]
    assert [e.entity_text for e in its] == ["it"]
    assert its[0].code == "RUS"


def test_no_date_uses_latest_roles_and_warns(code: Code) -> None:
    doc = code("Keir Starmer met Emmanuel Macron in Paris.", date=None)
    assert any(w.code == "no_article_date" for w in doc.warnings)
    assert find(doc, "Keir Starmer").sector == "GOV"


def test_unknown_person_keeps_the_title(code: Code) -> None:
    doc = code("Kenyan Interior Minister Zyxwq Plortho visited the camp.", date="2023-05-01")
    e = next(x for x in doc.entities if "Plortho" in x.entity_text)
    assert e.code == "KEN" and e.sector == "GOV"
    assert e.wikidata_id is None


def test_offsets_and_no_overlaps(code: Code) -> None:
    doc = code(
        "Israeli Prime Minister Benjamin Netanyahu told lawmakers in the Knesset that Hamas fighters "
        "and Hezbollah would be defeated. He spoke after US Secretary of State Antony Blinken left.",
        date="2024-01-09",
    )
    spans = sorted({(e.start, e.end) for e in doc.entities})
    for e in doc.entities:
        assert doc.text[e.start : e.end] == e.entity_text
    for (s1, e1), (s2, e2) in itertools.pairwise(spans):
        assert e1 <= s2, ((s1, e1), (s2, e2))
    assert find(doc, "He").name == "Benjamin Netanyahu"
    assert find(doc, "US Secretary of State Antony Blinken").code == "USA"


def test_boilerplate_sentences_have_no_entities(code: Code) -> None:
    doc = code(
        "Putin met Xi in Beijing on Monday.\n\nPutin Meets Xi In Beijing: Leaders Sign Pact",
        date="2024-05-16",
    )
    for e in doc.entities:
        assert not doc.in_boilerplate(e.start, e.end)


def test_dated_set_accuracy(code: Code) -> None:
    sents = load_dated_set(ROOT / "tests" / "data" / "actors_dated.tsv")
    assert sum(len(s.mentions) for s in sents) >= 150
    acc, errors = score(sents, lambda t, d: code(t, date=d))
    assert acc["all"] >= 0.95, "\n".join(errors)


WORDS = [
    "Putin",
    "said",
    "the",
    "Russian",
    "leader",
    "he",
    "police",
    "NATO",
    "Kyiv",
    "in",
    "Turkey",
    "former",
    "President",
    "Donald",
    "Trump",
    "officials",
    "rebels",
    "it",
    "they",
    "of",
    "United",
    "States",
    ",",
    ".",
    "Ukrainian",
    "side",
    "and",
    "Hamas",
    "the Kremlin",
    "two",
    "leaders",
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_property_offsets_slice_exactly(code: Code, words: list[str]) -> None:
    text = " ".join(words)
    if not text.strip(" ,."):
        return
    doc = code(text, date="2020-01-01")
    for e in doc.entities:
        assert doc.text[e.start : e.end] == e.entity_text
        assert e.ref
        assert e.code is None or e.code in load_kb().states or e.code in {"UNO", "EUR", "IGO", "NGO", "IMG"}


@pytest.mark.skipif(not (SHARED / "examples" / "seed-article.txt").exists(), reason="shared data absent")
def test_seed_article_acceptance(pipeline: object) -> None:
    from eventwire.ingest import read_paths

    (doc,) = list(pipeline.run(read_paths([str(SHARED / "examples" / "seed-article.txt")])))  # type: ignore[attr-defined]
    trump = [e for e in doc.entities if "Trump" in e.entity_text]
    assert trump and all((e.code, e.sector) == ("USA", "GOV") for e in trump)
    assert any(w.code == "title_mismatch" and "former" in w.message for w in doc.warnings)
    putin = [e for e in doc.entities if e.ref == "Q7747"]
    assert any(e.kind == "pronoun" for e in putin)
    assert all((e.code, e.sector) == ("RUS", "GOV") for e in putin)
    assert any(
        e.entity_text.lower() == "the vatican" and (e.code, e.sector) == ("VAT", "REL") for e in doc.entities
    )
    assert any("Zelensky" in e.entity_text and (e.code, e.sector) == ("UKR", "GOV") for e in doc.entities)


def test_pronoun_after_a_quote_skips_the_people_named_inside_it(code: Code) -> None:
    doc = code(
        "Chancellor Friedrich Merz thanked the Polish government on Tuesday. "
        '"The Prime Minister of Japan explained his plan. Prime Minister Shigeru Ishiba was very clear. '
        'We will study it," he said.',
        date="2025-05-20",
    )
    he = find(doc, "he")
    assert he.ref == find(doc, "Chancellor Friedrich Merz").ref and he.code == "DEU"


def test_regional_adjective_blocks_the_context_country(code: Code) -> None:
    doc = code("Troops clashed near Kharkiv. Ukraine briefed various European leaders on the fighting.")
    leaders = find(doc, "leaders")
    assert leaders.code is None
