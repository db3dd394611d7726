"""Deduplication of event mentions into events, on mentions and entities written by hand."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.dedup import Mention, cluster_mentions, content_words, recompute, text_similarity
from eventwire.dedup.keys import article_identities, display, entity_key, is_strong, side_key
from eventwire.ingest import make_article
from eventwire.model import Entity
from eventwire.store import Store
from eventwire.store.ingest import ingest
from test_store import StubCoder, corpus_records

D0 = dt.date(2025, 3, 3)
RUS = "c:RUS GOV"
UKR = "c:UKR GOV"


def m(
    aid: str,
    idx: int = 0,
    event: str = "ACCUSE",
    day: int | None = 0,
    actor: str = RUS,
    recipient: str = UKR,
    source: str | None = "S1",
    text: str = "",
    cc: str | None = None,
    gid: int | None = None,
    fc: str | None = None,
) -> Mention:
    return Mention(
        aid,
        idx,
        event,
        None if day is None else D0 + dt.timedelta(days=day),
        actor,
        recipient,
        source,
        text,
        cc,
        gid,
        fc,
        confidence=0.5,
        quad_code=3,
        event_scale=-2.0,
        goldstein=-2.0,
    )


def groups(clusters) -> set[frozenset[tuple[str, int]]]:
    return {frozenset(x.ref for x in c.members) for c in clusters}


def test_same_event_across_sentences_and_articles_counts_like_gdelt() -> None:
    ms = [m("a1", 0), m("a1", 3), m("a2", 1, day=1, source="S2"), m("a3", 0, source="S2")]
    (c,) = cluster_mentions(ms, "cluster")
    assert (c.num_mentions, c.num_articles, c.num_sources) == (4, 3, 2)
    assert c.first_day == D0 and c.last_day == D0 + dt.timedelta(days=1)
    assert c.representative.ref == ("a1", 0)


def test_missing_source_counts_the_article_as_its_own_source() -> None:
    (c,) = cluster_mentions([m("a1", source=None), m("a2", source=None), m("a3")], "cluster")
    assert c.num_sources == 3


def test_window_is_anchored_on_the_first_day() -> None:
    ms = [m("a", day=0), m("b", day=1), m("c", day=2), m("d", day=3)]
    assert groups(cluster_mentions(ms, "cluster")) == {
        frozenset({("a", 0), ("b", 0)}),
        frozenset({("c", 0), ("d", 0)}),
    }
    assert len(cluster_mentions(ms, "cluster", window_days=3)) == 1
    assert len(cluster_mentions(ms, "cluster", window_days=0)) == 4


def test_type_and_identity_separate_events() -> None:
    ms = [
        m("a"),
        m("b", event="THREATEN"),
        m("c", actor="c:RUS MIL"),
        m("d", recipient="c:USA GOV"),
        m("e", recipient=""),
        m("f", actor=UKR, recipient=RUS),  # reversed: ACCUSE is directed
    ]
    assert len(cluster_mentions(ms, "cluster")) == 6


def test_consult_is_symmetric() -> None:
    ms = [
        m("a", event="CONSULT"),
        m("b", event="CONSULT", actor=UKR, recipient=RUS),
        m("c", event="CONSULT", actor=f"{RUS}|{UKR}", recipient=""),  # PLOVER's reciprocal form
        m("d", event="CONSULT", actor=RUS, recipient="c:USA GOV"),
    ]
    assert groups(cluster_mentions(ms, "cluster")) == {
        frozenset({("a", 0), ("b", 0), ("c", 0)}),
        frozenset({("d", 0)}),
    }
    # the Phoenix convention is directed
    assert len(cluster_mentions(ms, "one-a-day")) == 4


def test_places_must_not_disagree() -> None:
    ms = [
        m("a", cc="UA", gid=703448, fc="PPLC"),
        m("b", cc="UA", gid=706483, fc="PPLA"),  # another city in the same country
        m("c", cc="UA", gid=690791, fc="ADM1"),  # a region: compatible with any place in the country
        m("d", cc="RU"),
        m("e"),  # no place: compatible
    ]
    assert groups(cluster_mentions(ms, "cluster")) == {
        frozenset({("a", 0), ("c", 0), ("e", 0)}),
        frozenset({("b", 0)}),
        frozenset({("d", 0)}),
    }


def test_weak_identities_need_similar_text() -> None:
    crowd = "t:protesters"
    ms = [
        m("a", actor=crowd, recipient="t:mayor", text="Protesters denounced the mayor over the new tax"),
        m(
            "b",
            actor=crowd,
            recipient="t:mayor",
            text="protesters denounced the mayor over a new tax on fuel",
        ),
        m(
            "c",
            actor=crowd,
            recipient="t:mayor",
            text="Angry protesters blamed the mayor for flooding in the port",
        ),
    ]
    assert groups(cluster_mentions(ms, "cluster")) == {
        frozenset({("a", 0), ("b", 0)}),
        frozenset({("c", 0)}),
    }


def test_no_recipient_needs_similar_text() -> None:
    ms = [
        m("a", event="CONSULT", recipient="", text="The president visited the border wall in Arizona"),
        m("b", event="CONSULT", recipient="", text="the president visited the border wall on Tuesday"),
        m("c", event="CONSULT", recipient="", text="The president held talks with farmers about tariffs"),
        m("d", event="AID", recipient="", text="The government sent food"),
        m("e", event="AID", recipient="", text="Soldiers delivered tents"),
    ]
    assert groups(cluster_mentions(ms, "cluster")) == {
        frozenset({("a", 0), ("b", 0)}),
        frozenset({("c", 0)}),
        frozenset({("d", 0)}),
        frozenset({("e", 0)}),
    }
    assert len(cluster_mentions(ms, "one-a-day")) == 2  # Phoenix: one per day, type and dyad


def test_short_texts_never_match_by_text_alone() -> None:
    crowd = "t:protesters"
    ms = [
        m("a", actor=crowd, recipient="t:mayor", text="Protests."),
        m("b", actor=crowd, recipient="t:mayor", text="protests"),
        m("c", event="CONSULT", recipient="", text="Talks held"),
        m("d", event="CONSULT", recipient="", text="talks held"),
        # three content words each: long enough to be compared
        m("e", event="AID", recipient="", text="Soldiers delivered tents"),
        m("f", event="AID", recipient="", text="soldiers delivered tents today"),
    ]
    assert groups(cluster_mentions(ms, "cluster")) == {
        frozenset({("a", 0)}),
        frozenset({("b", 0)}),
        frozenset({("c", 0)}),
        frozenset({("d", 0)}),
        frozenset({("e", 0), ("f", 0)}),
    }
    # strong identities need no text: short texts still join on the dyad
    assert len(cluster_mentions([m("g", text="Shelling."), m("h", text="Shelling.")], "cluster")) == 1


@given(st.text(max_size=40), st.integers(min_value=1, max_value=5))
def test_text_similarity_needs_enough_words(text: str, min_words: int) -> None:
    sim = text_similarity(text, text, min_words)
    assert sim == (1.0 if len(content_words(text)) >= min_words else 0.0)
    assert text_similarity(text, text + " extra words here", min_words) <= 1.0


def test_mentions_without_a_day_join_only_their_article() -> None:
    ms = [m("a", 0, day=None), m("a", 1, day=None), m("b", 0, day=None), m("c", 0, day=0)]
    assert groups(cluster_mentions(ms, "cluster")) == {
        frozenset({("a", 0), ("a", 1)}),
        frozenset({("b", 0)}),
        frozenset({("c", 0)}),
    }


def test_one_a_day_and_none() -> None:
    ms = [m("a", 0), m("a", 1), m("b", 0, day=0), m("c", 0, day=1)]
    assert groups(cluster_mentions(ms, "one-a-day")) == {
        frozenset({("a", 0), ("a", 1), ("b", 0)}),
        frozenset({("c", 0)}),
    }
    assert len(cluster_mentions(ms, "none")) == 4
    with pytest.raises(ValueError):
        cluster_mentions(ms, "weekly")


def test_cluster_ids_are_stable_under_input_order() -> None:
    ms = [m(f"a{i}", i % 2, day=i % 3, actor=[RUS, UKR][i % 2]) for i in range(20)]
    first = {c.id: groups([c]) for c in cluster_mentions(ms, "cluster")}
    for seed in range(3):
        shuffled = ms[:]
        random.Random(seed).shuffle(shuffled)
        assert {c.id: groups([c]) for c in cluster_mentions(shuffled, "cluster")} == first


# --------------------------------------------------------------------------- keys


def ent(text: str, **kw: object) -> Entity:
    return Entity(text, 0, len(text), 0, **kw)  # type: ignore[arg-type]


def test_entity_keys() -> None:
    assert entity_key(ent("Moscow", code="rus", sector="GOV")) == "c:RUS GOV"
    assert entity_key(ent("Russia", code="RUS")) == "c:RUS"
    assert entity_key(ent("NATO", wikidata_id="Q7184")) == "w:Q7184"
    assert entity_key(ent("the  Red Cross", name="Red  Cross")) == "n:red cross"
    assert entity_key(ent("The protesters")) == "t:protesters"
    assert side_key([ent("Kyiv", code="UKR", sector="GOV"), ent("Moscow", code="RUS", sector="GOV")]) == (
        "c:RUS GOV|c:UKR GOV"
    )
    assert side_key([]) == ""
    assert (
        is_strong("c:RUS GOV|n:red cross") and not is_strong("c:RUS GOV|t:protesters") and not is_strong("")
    )
    assert display("c:RUS GOV|w:Q7184") == "RUS GOV|Q7184"


def test_pronoun_takes_its_referents_identity() -> None:
    putin = ent("Putin", code="RUS", sector="GOV", ref="r1")
    he = ent("he", ref="r1", kind="pronoun")
    other = ent("she", ref="r2", kind="pronoun")
    by_ref = article_identities([he, putin, other])
    assert by_ref["r1"] == "c:RUS GOV"
    assert side_key([he], by_ref) == "c:RUS GOV"
    assert side_key([other], by_ref) == "t:she"


# --------------------------------------------------------------------------- over a store


def test_recompute_over_a_store(tmp_path: Path) -> None:
    with Store(tmp_path / "d.duckdb") as store:
        ingest(store, corpus_records(), StubCoder(), dedup="none")
        mentions = store.count("event_mentions")
        assert store.count("events") == mentions
        counts = {}
        for method in ("none", "one-a-day", "cluster"):
            stats = recompute(store, method)
            assert stats.mentions == mentions and stats.events == store.count("events")
            counts[method] = stats.events
            assert store.get_meta("dedup_method") == method
            # every mention belongs to exactly one stored event, and the counts add up
            assert (
                store.rows("SELECT count(*) AS n FROM event_mentions WHERE cluster_id IS NULL")[0]["n"] == 0
            )
            tot = store.rows(
                "SELECT sum(num_mentions) AS n, bool_and(num_articles <= num_mentions) AS ok, "
                "bool_and(num_sources <= num_articles) AS ok2 FROM events"
            )[0]
            assert tot["n"] == mentions and tot["ok"] and tot["ok2"]
        assert counts["none"] > counts["one-a-day"] >= counts["cluster"]
        # the same story told by three outlets on one day is one event with three sources
        rows = store.rows("SELECT * FROM events WHERE event = 'AID' ORDER BY day")
        assert rows[0]["num_articles"] == 1 or rows[0]["num_sources"] >= 1
        best = store.rows("SELECT max(num_sources) AS s, max(num_articles) AS a FROM events")[0]
        assert best["s"] == 3 and best["a"] >= 3


def test_replace_then_recompute_keeps_events_consistent(tmp_path: Path) -> None:
    with Store(tmp_path / "r.duckdb") as store:
        ingest(store, corpus_records(), StubCoder())
        before = store.snapshot()["events"]
        ingest(store, [make_article("France helped Ukraine.", date="2025-04-01", id="new")], StubCoder())
        after = store.snapshot()["events"]
        assert len(after) == len(before) + 1
        assert set(before) <= set(after)  # stable ids: old events unchanged


def test_cli_dedup_recomputes(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from test_store import _app

    db = tmp_path / "c.duckdb"
    with Store(db) as store:
        ingest(store, corpus_records(), StubCoder(), dedup="none")
        mentions = store.count("event_mentions")
    res = CliRunner().invoke(_app(), ["dedup", "--db", str(db), "--method", "one-a-day"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith(f"{mentions} event mention(s) -> ")
    with Store(db, read_only=True) as store:
        assert store.count("events") < mentions
