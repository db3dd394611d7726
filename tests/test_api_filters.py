"""The one event filter (store/filters.py) through the API and the commands, on the generated
corpus of tests/analyst_corpus.py: every count an endpoint gives is the length of the list its
filter opens; type, status and confidence apply everywhere; errors are sentences."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from analyst_corpus import build
from eventwire.api.app import create_app
from eventwire.cli import _register_commands
from eventwire.cli import app as cli
from eventwire.events.threshold import DEFAULT_MIN_CONFIDENCE
from eventwire.store.filters import EventQuery, FilterError, Side

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("filters") / "analyst.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, token="")) as c:
        yield c


def get(client: TestClient, url: str, params: Any = None, status: int = 200) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == status, (url, params, r.status_code, r.text)
    return r.json()


def total(client: TestClient, params: Any) -> int:
    return int(get(client, "/api/events", params)["total"])


# --------------------------------------------------------------------------- the filter itself


def test_filter_parses_and_explains() -> None:
    f = EventQuery.parse(
        [("type", "assault,agree"), ("actor", "USA GOV"), ("actor", "irn"), ("place", "IRN")]
    )
    assert f.types == ("ASSAULT", "AGREE")
    assert f.actors == (Side("USA", "GOV"), Side("IRN"))  # repeated: both kept
    assert f.places == ("IR",)  # alpha-3 like the actor codes, mapped to the stored alpha-2
    assert f.statuses == ("real",)
    assert EventQuery.parse({"status": "all"}).statuses == ("real", "future", "hypothetical", "negated")
    assert EventQuery.parse({"mode": ["visit", "-phone"]}).exclude_modes == ("phone",)
    assert Side.parse("Q30") == Side(wikidata_id="Q30")
    assert EventQuery.parse({"dyad": "name:Jean-Marie Le Pen:anyone"}).dyad == (
        Side(name="Jean-Marie Le Pen"),
        None,
    )
    assert EventQuery.parse({"dyad": "USA GOV:IRN"}).dyad == (Side("USA", "GOV"), Side("IRN"))
    bad = {
        "dyad": ("USA-IRN-RUS", "dyad must be two actor codes joined by '-', e.g. USA-IRN"),
        "type": ("NOTATYPE", "unknown event type NOTATYPE"),
        "actor": ("United States", "To search part of a name use q="),
        "place": ("XX", "not an ISO country code"),
        "from": ("yesterday", "from must be a date like 2020-01-31"),
        "min_confidence": ("2", "min_confidence must be a number from 0 to 1"),
        "status": ("maybe", "status must be real, future"),
        "quad": ("7", "quad must be 1, 2, 3 or 4"),
    }
    for key, (value, msg) in bad.items():
        with pytest.raises(FilterError, match=msg.replace("(", r"\(")):
            EventQuery.parse({key: value})
    with pytest.raises(FilterError, match="got '-'"):
        EventQuery.parse({"dyad": "-"})


# --------------------------------------------------------------------------- the API


def test_errors_are_sentences(client: TestClient) -> None:
    for params, words in (
        ({"dyad": "USA-IRN-RUS"}, "dyad must be two actor codes joined by '-', e.g. USA-IRN"),
        ({"sort": "sideways"}, "sort must be one of"),
        ({"limit": "many"}, "limit: input should be a valid integer"),
        ({"limit": "0"}, "limit: input should be greater than or equal to 1"),
        ({"type": "NOTATYPE"}, "unknown event type NOTATYPE"),
    ):
        body = get(client, "/api/events", params, 422)
        assert isinstance(body["detail"], str) and words in body["detail"], body
    assert "unknown event type" in get(client, "/api/network", {"type": "NOTATYPE"}, 422)["detail"]
    assert "unknown event type" in get(client, "/api/timeline", {"type": "NOTATYPE"}, 422)["detail"]
    freq = get(client, "/api/timeline", {"freq": "year"}, 422)["detail"]
    assert "freq: must be one of day, week, month" in freq


def test_type_applies_to_every_view(client: TestClient) -> None:
    every = {e["source"] + ">" + e["target"] for e in get(client, "/api/network")["edges"]}
    assault = get(client, "/api/network", {"type": "ASSAULT"})["edges"]
    assert assault and all(e["conflict"] == e["events"] and e["cooperation"] == 0 for e in assault)
    assert {e["source"] + ">" + e["target"] for e in assault} < every
    tl = get(client, "/api/timeline", {"type": "ASSAULT", "freq": "month"})
    assert tl["events"] == sum(r["q4_material_conflict"] for r in tl["rows"]) > 0
    countries = get(client, "/api/countries", {"type": "AGREE"})["items"]
    assert sum(c["events"] for c in countries) == total(client, {"type": "AGREE"})


def test_every_count_opens_a_list_of_that_many(client: TestClient) -> None:
    for f in ({}, {"type": "ASSAULT"}, {"status": "all", "min_confidence": "0"}):
        net = get(client, "/api/network", f)
        assert net["edges"]
        for e in net["edges"]:
            q = {**f, "actor": e["source"], "recipient": e["target"], "sector_exact": "1"}
            assert total(client, q) == e["events"], (f, e)
        for n in net["nodes"]:
            assert total(client, {**f, "dyad": f"{n['id']}-anyone", "sector_exact": "1"}) == n["events"], n
        by_name = get(client, "/api/network", {**f, "level": "name"})
        assert by_name["edges"] and any(n["id"].startswith("name:") for n in by_name["nodes"])
        for e in by_name["edges"]:
            assert total(client, {**f, "actor": e["source"], "recipient": e["target"]}) == e["events"], e
        for n in by_name["nodes"]:
            assert total(client, {**f, "dyad": f"{n['id']}:anyone"}) == n["events"], n
        for c in get(client, "/api/countries", f)["items"]:
            assert total(client, {**f, "place": c["code"]}) == c["events"], c
        for p in get(client, "/api/picker", f)["items"]:
            assert total(client, {**f, "dyad": f"{p['code']}-anyone"}) == p["events"], p
        for dyad in ("USA-IRN", "USA GOV-RUS GOV", "anyone-CHN"):
            tl = get(client, "/api/timeline", {**f, "dyad": dyad, "freq": "week"})
            for r in tl["rows"]:
                if r["events"]:
                    # a week: its Monday to its Sunday
                    q = {**f, "dyad": dyad, "from": r["period"]}
                    q["to"] = (dt.date.fromisoformat(r["period"]) + dt.timedelta(days=6)).isoformat()
                    assert total(client, q) == r["events"], (dyad, r)


def test_sector_is_exact_when_asked(client: TestClient) -> None:
    usa_any = total(client, {"actor": "USA", "status": "all", "min_confidence": 0})
    usa_bare = total(client, {"actor": "USA", "sector_exact": 1, "status": "all", "min_confidence": 0})
    usa_mil = total(client, {"actor": "USA MIL", "status": "all", "min_confidence": 0})
    usa_gov = total(client, {"actor": "USA GOV", "status": "all", "min_confidence": 0})
    assert usa_any == usa_bare + usa_mil + usa_gov and min(usa_bare, usa_mil, usa_gov) > 0


def test_real_events_by_default(client: TestClient) -> None:
    page = get(client, "/api/events", {"limit": 500})
    modes = {m for e in page["items"] for m in e["mode"]}
    assert not modes & {"future", "hypothetical", "negated"}
    every = total(client, {"status": "all"})
    assert page["hidden"]["status"] == every - page["total"] > 0
    assert (
        total(client, {"status": "future"})
        + total(client, {"status": "negated"})
        + total(client, {"status": "hypothetical"})
        + page["total"]
        == every
    )
    every_confidence = total(client, {"min_confidence": "0", "status": "all"})
    assert total(client, {"min_confidence": "0.95", "status": "all"}) < every <= every_confidence
    with_low = get(client, "/api/events", {"min_confidence": "0.5"})
    assert with_low["hidden"]["low_confidence"] > 0
    assert total(client, {"mode": "-visit"}) == page["total"] - total(client, {"mode": "visit"})
    assert total(client, {"exclude_mode": "visit"}) == total(client, {"mode": "-visit"})


def test_place_codes_repeats_and_sorting(client: TestClient) -> None:
    f = {"status": "all", "min_confidence": 0}
    assert total(client, {**f, "place": "IRN"}) == total(client, {**f, "place": "IR"}) > 0
    assert total(client, {**f, "place": "Tehran"}) == total(client, {**f, "place": "IRN"})
    both = total(client, {**f, "actor": ["CHN", "RUS"]})
    assert both == total(client, {**f, "actor": "CHN"}) + total(client, {**f, "actor": "RUS"})
    gold = [
        e["goldstein"] for e in get(client, "/api/events", {**f, "sort": "-goldstein", "limit": 500})["items"]
    ]
    assert gold == sorted(gold, reverse=True)
    conf = [
        e["confidence"]
        for e in get(client, "/api/events", {**f, "sort": "confidence", "limit": 500})["items"]
    ]
    assert conf == sorted(conf)
    assert total(client, {**f, "q": "pentagon"}) > 0  # names only through q


def test_timeline_range_keeps_outliers_out(client: TestClient) -> None:
    tl = get(client, "/api/timeline", {"freq": "month", "status": "all", "min_confidence": 0})
    assert tl["range"]["from"] == "2020-01-06" and not tl["range"]["chosen"]
    assert tl["rows"][0]["period"] >= "2020-01-01"  # the 2012 event does not stretch it
    assert tl["outside"] == 1
    assert tl["events"] + tl["outside"] == total(client, {"status": "all", "min_confidence": 0})
    chosen = get(client, "/api/timeline", {"freq": "month", "from": "2020-03-01", "to": "2020-03-31"})
    assert chosen["range"]["chosen"] and [r["period"] for r in chosen["rows"]] == ["2020-03-01"]
    assert all(r["mean_goldstein"] is None or -10 <= r["mean_goldstein"] <= 10 for r in tl["rows"])


def test_exports_record_the_filter(client: TestClient) -> None:
    q = {"type": "ASSAULT", "actor": "USA"}
    n = total(client, q)
    r = client.get("/api/events/export", params={**q, "format": "csv"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    first, rest = r.text.split("\n", 1)
    assert first == f"# filter: type=ASSAULT&actor=USA&status=real&min_confidence={DEFAULT_MIN_CONFIDENCE}"
    assert len(list(csv.DictReader(io.StringIO(rest)))) == n
    r = client.get("/api/events/export", params={**q, "format": "parquet"})
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == n
    assert json.loads(table.schema.metadata[b"eventwire.filter"])["type"] == ["ASSAULT"]
    doc = client.get("/api/events/export", params={**q, "format": "plover"}).json()
    assert doc["filter"]["actor"] == ["USA"] and len(doc["events"]) == n == doc["count"]
    assert all(e["event"] == ["ASSAULT"] for e in doc["events"])
    for path in ("/api/timeline/export", "/api/network/export", "/api/countries/export"):
        r = client.get(path, params={"type": "ASSAULT", "format": "csv"})
        assert r.status_code == 200 and r.text.startswith("# filter: type=ASSAULT"), path
    assert "format must be" in get(client, "/api/events/export", {"format": "xls"}, 422)["detail"]


def test_speakers_never_rank_pronouns(client: TestClient) -> None:
    sp = get(client, "/api/speakers")
    names = {x["speaker"].lower() for x in sp["items"]}
    assert "he" not in names and names
    assert sp["unresolved"]["quotes"] > 0 and sp["unresolved"]["texts"][0]["text"] == "he"


# --------------------------------------------------------------------------- the commands


def test_commands_use_the_same_filter(client: TestClient, db: Path) -> None:
    _register_commands()
    runner = CliRunner()
    r = runner.invoke(
        cli, ["events", "--db", str(db), "--type", "ASSAULT", "--actor", "USA", "-n", "0", "-f", "jsonl"]
    )
    assert r.exit_code == 0, r.output
    assert len(r.output.splitlines()) == total(client, {"type": "ASSAULT", "actor": "USA"})
    r = runner.invoke(cli, ["events", "--db", str(db), "--dyad", "USA-IRN-RUS"])
    assert r.exit_code == 2 and "dyad must be two actor codes" in r.output
    args = [
        "timeline",
        "--dyad",
        "USA-IRN",
        "--db",
        str(db),
        "--freq",
        "month",
        "-f",
        "jsonl",
        "--status",
        "all",
    ]
    r = runner.invoke(cli, args)
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert sum(x["events"] for x in rows) == total(client, {"dyad": "USA-IRN", "status": "all"})


# --------------------------------------------------------------------------- hostile values


_KEYS = [
    "type",
    "quad",
    "actor",
    "recipient",
    "dyad",
    "directed",
    "sector_exact",
    "mode",
    "exclude_mode",
    "status",
    "min_confidence",
    "from",
    "to",
    "place",
    "source",
    "text",
    "q",
    "sort",
    "limit",
    "freq",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pairs=st.lists(
        st.tuples(
            st.sampled_from(_KEYS), st.text(max_size=20) | st.sampled_from(["USA-IRN", "USA GOV", "-", "all"])
        ),
        max_size=4,
    )
)
def test_any_filter_is_a_result_or_a_sentence(client: TestClient, pairs: list[tuple[str, str]]) -> None:
    for path in ("/api/events", "/api/timeline", "/api/network", "/api/countries", "/api/picker"):
        r = client.get(path, params=pairs)
        assert r.status_code in (200, 422), (path, pairs, r.status_code, r.text)
        if r.status_code == 422:
            assert isinstance(r.json()["detail"], str) and r.json()["detail"], r.text
