"""Queries, timelines, exports and charts over a store built from hand-written articles."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eventwire.ingest import make_article
from eventwire.store import Store
from eventwire.store.export import ExportError, export
from eventwire.store.ingest import ingest
from eventwire.store.queries import (
    EVENT_SORTS,
    QUOTE_COLUMNS,
    Dyad,
    EventFilter,
    QuoteFilter,
    count_events,
    count_quotes,
    find_actors,
    find_events,
    find_quotes,
    get_event,
    parse_dyad,
    timeline,
)
from test_store import StubCoder, _app, corpus_records

# (date, text): the events each sentence gives are in the StubCoder's tables
TIMELINE_ARTICLES = [
    ("2025-03-03", "Russia shelled Ukraine. Russia met Ukraine."),  # ASSAULT q4 -9/-10, CONSULT q1 2.5/1.0
    ("2025-03-05", "Ukraine criticized Russia."),  # ACCUSE q3 -2/-2
    ("2025-03-12", "France helped Ukraine."),  # AID q2 10/7
    ("2025-03-19", "Ukraine criticized Russia."),  # ACCUSE q3 -2/-2
]


@pytest.fixture
def tl_store(tmp_path: Path) -> Store:
    recs = [make_article(t, date=d, id=f"t{i}", source="S") for i, (d, t) in enumerate(TIMELINE_ARTICLES)]
    store = Store(tmp_path / "tl.duckdb")
    ingest(store, recs, StubCoder(), dedup="none")
    yield store
    store.close()


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("q") / "q.duckdb")
    ingest(store, corpus_records(), StubCoder(), batch=4)
    yield store
    store.close()


def _by_period(tl) -> dict[dt.date, dict]:
    return {r["period"]: r for r in tl.rows}


def test_timeline_weekly_undirected(tl_store: Store) -> None:
    rows = _by_period(timeline(tl_store, "RUS", "UKR", "week"))
    assert list(rows) == [dt.date(2025, 3, 3), dt.date(2025, 3, 10), dt.date(2025, 3, 17)]
    w1 = rows[dt.date(2025, 3, 3)]
    assert (
        w1["events"],
        w1["q1_verbal_coop"],
        w1["q2_material_coop"],
        w1["q3_verbal_conflict"],
        w1["q4_material_conflict"],
    ) == (3, 1, 0, 1, 1)
    assert w1["mean_event_scale"] == pytest.approx((-9 + 2.5 - 2) / 3)
    assert w1["mean_goldstein"] == pytest.approx((-10 + 1 - 2) / 3)
    assert rows[dt.date(2025, 3, 10)]["events"] == 0  # filled gap: France-Ukraine is not this dyad
    assert rows[dt.date(2025, 3, 10)]["mean_goldstein"] is None
    assert rows[dt.date(2025, 3, 17)]["events"] == 1
    assert rows[dt.date(2025, 3, 17)]["q3_verbal_conflict"] == 1
    # either direction means the same in the other order
    assert timeline(tl_store, "UKR", "RUS", "week").rows == timeline(tl_store, "RUS", "UKR", "week").rows


def test_timeline_directed_anyone_and_month(tl_store: Store) -> None:
    rows = _by_period(timeline(tl_store, "RUS", "UKR", "week", directed=True))
    assert list(rows) == [dt.date(2025, 3, 3)]
    assert rows[dt.date(2025, 3, 3)]["events"] == 2
    assert rows[dt.date(2025, 3, 3)]["mean_event_scale"] == pytest.approx((-9 + 2.5) / 2)
    rows = _by_period(timeline(tl_store, "UKR", "RUS", "week", directed=True))
    assert [r["events"] for r in rows.values()] == [1, 0, 1]
    rows = _by_period(timeline(tl_store, None, "UKR", "week", directed=True))
    assert rows[dt.date(2025, 3, 10)]["q2_material_coop"] == 1
    assert sum(r["events"] for r in rows.values()) == 3
    rows = _by_period(timeline(tl_store, "RUS", "UKR", "month"))
    assert rows == {dt.date(2025, 3, 1): rows[dt.date(2025, 3, 1)]}
    assert rows[dt.date(2025, 3, 1)]["events"] == 4
    days = timeline(tl_store, "ukrainian gov", "RUS", "day").rows  # a name part works as a side
    assert len(days) == 17 and sum(r["events"] for r in days) == 4
    assert timeline(tl_store, "FRA", "RUS", "week").rows == []


def test_parse_dyad() -> None:
    assert parse_dyad("RUS-UKR") == ("RUS", "UKR")
    assert parse_dyad("RUS-*") == ("RUS", None)
    assert parse_dyad("anyone-UKR") == (None, "UKR")
    assert parse_dyad("Guinea-Bissau:SEN") == ("Guinea-Bissau", "SEN")
    with pytest.raises(ValueError):
        parse_dyad("RUS")


def test_cli_timeline_and_plot(tl_store: Store, tmp_path: Path) -> None:
    db = tl_store.path
    tl_store.close()
    runner = CliRunner()
    res = runner.invoke(_app(), ["timeline", "--db", db, "--dyad", "RUS-UKR", "--freq", "week", "-f", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(res.output.splitlines()))
    assert [r["events"] for r in rows] == ["3", "0", "1"]
    assert rows[0]["q4_material_conflict"] == "1"
    out = tmp_path / "chart.png"
    res = runner.invoke(
        _app(), ["plot", "timeline", "--db", db, "--dyad", "RUS-UKR", "--freq", "day", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    res = runner.invoke(_app(), ["plot", "timeline", "--db", db, "--dyad", "FRA-RUS", "-o", str(out)])
    assert res.exit_code == 1 and "no events" in res.output
    res = runner.invoke(_app(), ["timeline", "--db", db, "--dyad", "RUS"])
    assert res.exit_code == 2


def test_cli_events_and_quotes_page_sort_and_take_a_dyad(tl_store: Store) -> None:
    db = tl_store.path
    tl_store.close()
    runner = CliRunner()

    def events(*args: str) -> list[dict]:
        res = runner.invoke(_app(), ["events", "--db", db, "-f", "jsonl", *args])
        assert res.exit_code == 0, res.output
        return [json.loads(x) for x in res.output.splitlines()]

    every = events("--limit", "0")
    assert len(every) == 5
    assert events("--limit", "2", "--offset", "3") == every[3:5]
    assert [e["day"] for e in events("--sort", "-day", "--limit", "0")] == sorted(
        (e["day"] for e in every), reverse=True
    )
    assert sorted(e["event"] for e in events("--dyad", "UKR-RUS", "--directed")) == ["ACCUSE", "ACCUSE"]
    assert sorted(e["event"] for e in events("--dyad", "FRA-anyone")) == ["AID"]
    res = runner.invoke(_app(), ["events", "--db", db, "--limit", "2"])
    assert res.exit_code == 0 and "2 of 5 event(s)" in res.output
    res = runner.invoke(_app(), ["events", "--db", db, "--dyad", "RUS"])
    assert res.exit_code != 0
    res = runner.invoke(_app(), ["quotes", "--db", db, "--offset", "1"])
    assert res.exit_code == 0, res.output


HOSTILE = [
    "'; DROP TABLE events; --",
    "' OR '1'='1",
    '" OR ""="',
    "%",
    "_",
    "\\",
    "RUS' --",
    "?",
    "$1",
    "ünï'cödé",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_filter_values(corpus_store: Store, value: str) -> None:
    n = corpus_store.count("events")
    for flt in (
        EventFilter(actor=value),
        EventFilter(recipient=value),
        EventFilter(mode=value),
        EventFilter(place=value),
        EventFilter(text=value),
        EventFilter(types=[value]),
    ):
        assert find_events(corpus_store, flt, limit=0) == []
    assert find_quotes(corpus_store, QuoteFilter(speaker=value, text=value), 0) == []
    assert find_actors(corpus_store, match=value, limit=0) == []
    assert timeline(corpus_store, value, value, "week").rows == []
    assert corpus_store.count("events") == n  # nothing dropped, nothing changed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=6))
def test_text_filter_is_a_plain_substring_test(corpus_store: Store, needle: str) -> None:
    every = find_events(corpus_store, EventFilter(), limit=0)
    expected = {
        r["cluster_id"]
        for r in every
        if any(needle.lower() in m["event_text"].lower() for m in r["mentions"])
    }
    got = {r["cluster_id"] for r in find_events(corpus_store, EventFilter(text=needle), limit=0)}
    assert got == expected


def test_event_filters(corpus_store: Store) -> None:
    def ids(**kw: object) -> set[str]:
        return {r["cluster_id"] for r in find_events(corpus_store, EventFilter(**kw), limit=0)}

    every = find_events(corpus_store, EventFilter(), limit=0)
    assert len(every) == corpus_store.count("events") > 0
    assert ids(types=["CONSULT"]) == {r["cluster_id"] for r in every if r["event"] == "CONSULT"}
    by_code = ids(actor="RUS")
    assert by_code and ids(actor="rus") == by_code
    assert ids(actor="Q7747") <= by_code  # Putin's Wikidata id
    assert ids(actor="putin") == ids(actor="Q7747")  # a name part
    assert ids(recipient="FRA") == {
        r["cluster_id"] for r in every if r["recipient"] and r["recipient"][0]["code"] == "FRA"
    }
    assert ids(mode="phone") and ids(mode="phone") < ids()
    assert ids(place="Geneva") == ids(place="CH")
    assert ids(place="paris") and not ids(place="paris") & ids(place="geneva")
    assert ids(since=dt.date(2025, 3, 6)) == {
        r["cluster_id"] for r in every if r["cluster_day"] >= dt.date(2025, 3, 6)
    }
    assert ids(until=dt.date(2025, 3, 3)) == {
        r["cluster_id"] for r in every if r["cluster_day"] <= dt.date(2025, 3, 3)
    }
    assert len(find_events(corpus_store, EventFilter(), limit=2)) == 2


def test_quotes_and_actors(corpus_store: Store) -> None:
    qs = find_quotes(corpus_store, QuoteFilter(speaker="Putin"), limit=0)
    assert qs and all(q["speaker_name"] == "Vladimir Putin" for q in qs)
    assert all(q["content"] == "the talks went well" for q in qs)
    assert find_quotes(corpus_store, QuoteFilter(speaker="UKR"), limit=0)
    actors = find_actors(corpus_store, by="code", limit=0)
    by = {(a["code"], a["sector"]): a for a in actors}
    assert ("RUS", "GOV") in by and by[("RUS", "GOV")]["as_actor"] > 0
    named = find_actors(corpus_store, by="name", match="putin", limit=0)
    assert [a["name"] for a in named] == ["Vladimir Putin"] and named[0]["quotes"] > 0


def test_actors_by_code_name_the_most_frequent_name_then_the_first(corpus_store: Store) -> None:
    from collections import Counter

    rows = corpus_store.rows(
        "SELECT code, sector, name FROM entities UNION ALL SELECT code, sector, name FROM event_participants "
        "UNION ALL SELECT spk_code, spk_sector, spk_name FROM quotes WHERE has_speaker"
    )
    counts: dict[tuple[str, str | None], Counter[str]] = {}
    for r in rows:
        if r["code"] and r["name"]:
            counts.setdefault((r["code"], r["sector"]), Counter())[r["name"]] += 1
    got = find_actors(corpus_store, by="code", limit=0)
    assert got
    for a in got:
        c = counts.get((a["code"], a["sector"]))
        want = min(c, key=lambda n: (-c[n], n)) if c else None
        assert a["name"] == want, (a, c)


@pytest.mark.parametrize("sort", list(EVENT_SORTS))
def test_event_pages_add_up_to_the_whole_list(corpus_store: Store, sort: str) -> None:
    every = find_events(corpus_store, EventFilter(), limit=0, sort=sort)
    assert count_events(corpus_store, EventFilter()) == len(every) == corpus_store.count("events")
    paged = [
        r for off in range(0, len(every), 3) for r in find_events(corpus_store, EventFilter(), 3, off, sort)
    ]
    assert [r["cluster_id"] for r in paged] == [r["cluster_id"] for r in every]
    assert find_events(corpus_store, EventFilter(), 3, len(every), sort) == []
    if sort == "-day":
        days = [r["cluster_day"] for r in every]
        assert days == sorted(days, reverse=True)
    with pytest.raises(ValueError):
        find_events(corpus_store, EventFilter(), sort="bogus")


def test_event_counts_follow_the_filters(corpus_store: Store) -> None:
    for flt in (EventFilter(actor="RUS"), EventFilter(types=["CONSULT"]), EventFilter(mode="phone")):
        assert count_events(corpus_store, flt) == len(find_events(corpus_store, flt, limit=0)) > 0
    assert count_events(corpus_store, EventFilter(actor="nobody at all")) == 0


def test_events_list_their_first_mentions(corpus_store: Store) -> None:
    every = find_events(corpus_store, EventFilter(), limit=0)
    assert any(r["num_mentions"] > 2 for r in every)
    first_two = {
        r["cluster_id"]: r["mentions"] for r in find_events(corpus_store, EventFilter(), 0, mentions=2)
    }
    for r in every:
        assert len(r["mentions"]) == r["num_mentions"]
        assert first_two[r["cluster_id"]] == r["mentions"][:2]


@pytest.mark.parametrize(
    "dyad",
    [
        Dyad("RUS", "UKR"),
        Dyad("UKR", "RUS"),
        Dyad("RUS", "UKR", True),
        Dyad("UKR", "RUS", True),
        Dyad(None, "UKR", True),
        Dyad("FRA", None),
        Dyad(None, None),
    ],
)
def test_a_dyad_selects_the_events_its_timeline_counts(tl_store: Store, dyad: Dyad) -> None:
    tl = timeline(tl_store, dyad.side_a, dyad.side_b, "day", dyad.directed, fill=False)
    n = count_events(tl_store, EventFilter(), dyad)
    assert n == sum(r["events"] for r in tl.rows) == len(find_events(tl_store, EventFilter(), 0, dyad=dyad))


def test_dyads_by_direction(tl_store: Store) -> None:
    def kinds(d: Dyad) -> list[str]:
        return sorted(r["event"] for r in find_events(tl_store, EventFilter(), 0, dyad=d))

    assert kinds(Dyad("RUS", "UKR")) == ["ACCUSE", "ACCUSE", "ASSAULT", "CONSULT"]
    assert kinds(Dyad("RUS", "UKR", directed=True)) == ["ASSAULT", "CONSULT"]
    assert kinds(Dyad("UKR", "RUS", directed=True)) == ["ACCUSE", "ACCUSE"]
    assert kinds(Dyad("FRA", "RUS")) == []


def test_quote_pages_counts_and_spans(corpus_store: Store) -> None:
    every = find_quotes(corpus_store, QuoteFilter(), limit=0)
    assert count_quotes(corpus_store, QuoteFilter()) == len(every) == corpus_store.count("quotes") > 1
    assert all(tuple(r) == QUOTE_COLUMNS for r in every)
    paged = [r for off in range(len(every)) for r in find_quotes(corpus_store, QuoteFilter(), 1, off)]
    assert paged == every
    newest = find_quotes(corpus_store, QuoteFilter(), limit=0, newest_first=True)
    assert [r["date"] for r in newest] == sorted((r["date"] for r in every), reverse=True)
    assert count_quotes(corpus_store, QuoteFilter(speaker="Putin")) == len(
        find_quotes(corpus_store, QuoteFilter(speaker="Putin"), limit=0)
    )
    for r in find_quotes(corpus_store, QuoteFilter(), limit=0, spans=True):
        assert set(r) == {*QUOTE_COLUMNS, "title", "speaker_start", "speaker_end", "cue_start", "cue_end"}
        text = corpus_store.con.execute(
            "SELECT text FROM articles WHERE id = ?", [r["article_id"]]
        ).fetchone()[0]
        assert text[r["content_start"] : r["content_end"]] == r["content"]
        if r["speaker_start"] is not None:
            assert text[r["speaker_start"] : r["speaker_end"]] == r["speaker_text"]


def test_get_event_gives_every_mention_with_its_context(corpus_store: Store) -> None:
    assert get_event(corpus_store, "no such event") is None
    for r in find_events(corpus_store, EventFilter(), limit=0):
        got = get_event(corpus_store, r["cluster_id"])
        assert got is not None and got.event["id"] == r["cluster_id"]
        assert len(got.mentions) == r["num_mentions"]
        assert [(m.row["article_id"], m.row["idx"]) for m in got.mentions] == [
            (m["article_id"], m["idx"]) for m in r["mentions"]
        ]
        for m in got.mentions:
            text = corpus_store.con.execute(
                "SELECT text FROM articles WHERE id = ?", [m.row["article_id"]]
            ).fetchone()[0]
            w = m.window
            assert text[w["start"] : w["end"]] == w["text"]
            assert w["start"] <= m.row["start"] < m.row["end"] <= w["end"]
            assert text[m.row["start"] : m.row["end"]] == m.row["event_text"]
            for e in m.actor + m.recipient:
                assert text[e["start"] : e["end"]] == e["entity_text"]
            for t in m.times:
                assert w["start"] <= t["start"] < t["end"] <= w["end"]
        assert len(get_event(corpus_store, r["cluster_id"], mentions=1).mentions) == 1


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl", "plover", "gdelt"])
def test_export_events(corpus_store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    n = export(corpus_store, "events", fmt, out)
    assert n == corpus_store.count("events")
    if fmt == "parquet":
        import pyarrow.parquet as pq

        t = pq.read_table(out)
        assert t.num_rows == n and "num_mentions" in t.column_names
    elif fmt in ("csv", "gdelt"):
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert len(rows) == n
        if fmt == "gdelt":
            assert {"GLOBALEVENTID", "SQLDATE", "Actor1Code", "QuadClass", "NumMentions"} <= set(rows[0])
            assert all(len(r["SQLDATE"]) == 8 for r in rows)
    else:
        recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(recs) == n
        if fmt == "plover":
            for r in recs:
                assert {"id", "date", "actor", "event"} <= set(r)
                assert isinstance(r["event"], list) and isinstance(r["event_text"], list)
                for a in r["actor"]:
                    assert "entity_text" in a
            locs = [r["event_loc"] for r in recs if r["event_loc"]]
            assert locs and {loc["country_code"] for loc in locs} <= {"CHE", "FRA"}


@pytest.mark.parametrize("table", ["quotes", "actors"])
def test_export_other_tables(corpus_store: Store, tmp_path: Path, table: str) -> None:
    for fmt in ("parquet", "csv", "jsonl"):
        assert export(corpus_store, table, fmt, tmp_path / f"{table}.{fmt}") > 0
    with pytest.raises(ExportError):
        export(corpus_store, table, "plover", tmp_path / "x")


def test_cli_export(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        ingest(store, corpus_records(), StubCoder())
    runner = CliRunner()
    for table, fmt in (("quotes", "csv"), ("actors", "jsonl"), ("events", "plover"), ("events", "gdelt")):
        out = tmp_path / f"{table}.{fmt}"
        res = runner.invoke(
            _app(), ["export", "--db", str(db), "--table", table, "--format", fmt, "-o", str(out)]
        )
        assert res.exit_code == 0, res.output
        assert out.stat().st_size > 0
    res = runner.invoke(
        _app(), ["export", "--db", str(db), "--table", "quotes", "--format", "plover", "-o", "x"]
    )
    assert res.exit_code == 2 and "events only" in res.output
