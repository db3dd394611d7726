"""The HTTP API over a small hand-made store (tests/test_api_corpus.py), with FastAPI's TestClient."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.api import service
from eventwire.api.app import CODE_MAX_BYTES, STATIC, create_app
from eventwire.pipeline import Pipeline
from test_api_corpus import build_corpus

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("api") / "corpus.duckdb")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    app = create_app(db, token="")
    with TestClient(app) as c:
        yield c


def get(client: TestClient, url: str, status: int = 200) -> Any:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text)
    return r.json()


# --------------------------------------------------------------------------- corpus and events


def test_stats(client: TestClient) -> None:
    s = get(client, "/api/stats")
    assert s["counts"]["articles"] == 4
    assert s["counts"]["event_mentions"] == 6
    assert s["counts"]["events"] == 5
    assert (s["first_date"], s["last_date"]) == ("2024-03-04", "2024-04-10")
    assert {r["event"]: r["events"] for r in s["events_by_type"]}["ACCUSE"] == 1
    assert s["meta"]["dedup_method"] == "cluster"


def test_events_are_paginated_with_a_maximum_page(client: TestClient) -> None:
    p1 = get(client, "/api/events?limit=2&sort=day")
    p2 = get(client, "/api/events?limit=2&offset=2&sort=day")
    p3 = get(client, "/api/events?limit=2&offset=4&sort=day")
    assert p1["total"] == p2["total"] == 5
    ids = [e["id"] for p in (p1, p2, p3) for e in p["items"]]
    assert len(ids) == len(set(ids)) == 5
    days = [e["day"] for p in (p1, p2, p3) for e in p["items"]]
    assert days == sorted(days)
    get(client, "/api/events?limit=501", 422)
    get(client, "/api/events?offset=-1", 422)


def test_event_filters(client: TestClient) -> None:
    def events(qs: str) -> list[str]:
        return sorted(e["event"] for e in get(client, "/api/events?" + qs)["items"])

    assert events("actor=UKR&recipient=RUS") == ["ACCUSE"]
    assert events("q=Lavrov") == ["CONSULT"]  # names: q, never actor (exact codes)
    assert events("type=AID,AGREE") == ["AGREE", "AID"]
    assert events("type=assault&type=consult") == ["ASSAULT", "CONSULT"]
    assert events("place=Kharkiv") == ["ASSAULT"]
    assert events("place=TR") == ["AGREE"]
    assert events("text=prisoners") == ["AGREE"]
    assert events("since=2024-03-05&until=2024-03-31") == ["AID", "ASSAULT"]
    assert events("dyad=RUS-UKR") == ["ACCUSE", "AGREE"]
    assert events("dyad=RUS-UKR&directed=true") == ["AGREE"]
    assert events("dyad=USA-anyone") == ["AID"]
    # a filter on any mention: the second article's accusation names no country by name
    assert events("text=Ukrainian officials") == ["ACCUSE"]
    get(client, "/api/events?type=BOGUS", 422)
    get(client, "/api/events?dyad=RUS", 422)
    get(client, "/api/events?since=yesterday", 422)


def test_user_values_never_reach_sql_text(client: TestClient) -> None:
    for evil in ("' OR 1=1 --", "%", "_", '"); DROP TABLE events; --'):
        assert client.get("/api/events", params={"q": evil}).json()["total"] == 0
        assert client.get("/api/events", params={"text": evil}).json()["total"] == 0
        r = client.get("/api/events", params={"actor": evil})
        assert r.status_code == 422 and "actor must be an actor code" in r.json()["detail"]
        assert client.get("/api/quotes", params={"speaker": evil}).json()["total"] == 0
        assert client.get("/api/articles", params={"text": evil}).json()["total"] == 0
    assert get(client, "/api/stats")["counts"]["events"] == 5


def test_event_detail_has_every_mention_with_highlights(client: TestClient) -> None:
    (ev,) = get(client, "/api/events?type=ACCUSE")["items"]
    assert ev["num_mentions"] == 2 and ev["num_articles"] == 2 and ev["num_sources"] == 2
    d = get(client, f"/api/events/{ev['id']}")
    assert d["event"] == "ACCUSE" and d["quad"] == "verbal conflict"
    assert [m["article_id"] for m in d["mentions"]] == ["t-a", "t-b"]
    for m in d["mentions"]:
        w = m["window"]
        kinds = {s["kind"] for s in m["spans"]}
        assert {"actor", "recipient", "trigger", "time", "evidence"} <= kinds, kinds
        for s in m["spans"]:
            assert w["start"] <= s["start"] < s["end"] <= w["end"]
        trig = next(s for s in m["spans"] if s["kind"] == "trigger")
        assert w["text"][trig["start"] - w["start"] : trig["end"] - w["start"]] == "accused"
        actor = next(s for s in m["spans"] if s["kind"] == "actor")
        assert w["text"][actor["start"] - w["start"] : actor["end"] - w["start"]] in (
            "Ukraine",
            "Ukrainian officials",
        )
    # the place of an event is highlighted in its sentence
    (assault,) = get(client, "/api/events?type=ASSAULT")["items"]
    m = get(client, f"/api/events/{assault['id']}")["mentions"][0]
    place = next(s for s in m["spans"] if s["kind"] == "place")
    assert m["window"]["text"][
        place["start"] - m["window"]["start"] : place["end"] - m["window"]["start"]
    ] == ("Kharkiv")
    one = get(client, f"/api/events/{ev['id']}?limit=1")
    assert len(one["mentions"]) == 1 and one["num_mentions"] == 2
    get(client, f"/api/events/{ev['id']}?limit=0", 422)
    get(client, "/api/events/ev-nothing", 404)


def test_timeline(client: TestClient) -> None:
    t = get(client, "/api/timeline?dyad=RUS-UKR&freq=week")
    assert t["freq"] == "week" and t["dyad"] == {"a": "RUS", "b": "UKR", "directed": False}
    rows = t["rows"]
    assert rows[0]["period"] == "2024-03-04" and rows[-1]["period"] == "2024-04-08"
    assert len(rows) == 6  # weeks filled with zeros in between
    assert sum(r["events"] for r in rows) == 2
    assert rows[0]["q3_verbal_conflict"] == 1 and rows[0]["mean_goldstein"] == -2.0
    assert rows[-1]["q1_verbal_coop"] == 1 and rows[-1]["mean_event_scale"] == 5.0
    assert rows[1]["events"] == 0 and rows[1]["mean_goldstein"] is None
    m = get(client, "/api/timeline?dyad=anyone-anyone&freq=month")["rows"]
    assert [(r["period"], r["events"]) for r in m] == [("2024-03-01", 4), ("2024-04-01", 1)]
    d = get(client, "/api/timeline?dyad=UKR-RUS&freq=day&directed=true")["rows"]
    assert [(r["period"], r["events"], r["mentions"]) for r in d] == [("2024-03-04", 1, 2)]
    get(client, "/api/timeline?dyad=RUS-UKR&freq=year", 422)


def test_actors_quotes_speakers(client: TestClient) -> None:
    a = get(client, "/api/actors?by=code")["items"]
    ukr = next(r for r in a if r["code"] == "UKR" and r["sector"] == "GOV")
    assert ukr["as_actor"] == 2 and ukr["as_recipient"] == 2
    assert any(r["name"] == "Joe Biden" for r in get(client, "/api/actors?by=name")["items"])
    qs = get(client, "/api/quotes?speaker=Biden")
    assert qs["total"] == 1
    q = qs["items"][0]
    assert q["content"] == "We will stand with Ukraine for as long as it takes."
    assert q["speaker_code"] == "USA"
    sp = get(client, "/api/speakers")["items"]
    assert {s["speaker"] for s in sp} == {"Joe Biden", "Sergey Lavrov"}


def test_actor_codes_are_labelled_by_what_they_stand_for(client: TestClient) -> None:
    a = get(client, "/api/actors?by=code")["items"]
    labels = {r["code"]: r["label"] for r in a}
    # RUS GOV's most frequent name is a minister: the label is still the country
    assert labels["RUS"] == "Russia" and labels["UKR"] == "Ukraine" and labels["USA"] == "United States"
    assert all("label" not in r for r in get(client, "/api/actors?by=name")["items"])
    assert service.code_label("uno") == "United Nations"
    assert service.code_label("IGO") == "International Governmental Organization"
    assert service.code_label("ZZZ") is None and service.code_label(None) is None


def test_network_and_locations(client: TestClient) -> None:
    n = get(client, "/api/network")
    edges = {(e["source"], e["target"]): e for e in n["edges"]}
    assert edges[("UKR GOV", "RUS")]["conflict"] == 1
    assert edges[("RUS GOV", "CHN GOV")]["cooperation"] == 1
    assert ("RUS MIL", "") not in edges  # an event without recipient draws no edge
    assert {x["id"] for x in n["nodes"]} >= {"UKR GOV", "RUS", "RUS GOV", "CHN GOV", "USA GOV"}
    names = {e["source_name"] for e in get(client, "/api/network?level=name")["edges"]}
    assert "Sergey Lavrov" in names
    locs = get(client, "/api/locations")["items"]
    assert {p["name"] for p in locs} == {"Moscow", "Kharkiv", "Ankara"}
    kh = next(p for p in locs if p["name"] == "Kharkiv")
    assert kh["conflict"] == 1 and kh["lat"] == pytest.approx(49.99, abs=0.01)
    places = {p["name"]: p for p in get(client, "/api/locations?what=places")["items"]}
    assert set(places) == {"Moscow", "Kharkiv", "Ankara", "Washington"}
    assert places["Kharkiv"]["mentions"] == 2 and places["Kharkiv"]["articles"] == 2


def test_articles_with_spans(client: TestClient) -> None:
    page = get(client, "/api/articles?limit=2")
    assert page["total"] == 4 and len(page["items"]) == 2
    assert "text" not in page["items"][0]
    doc = get(client, "/api/articles/t-a")
    text = doc["article"]["text"]
    assert set(doc) >= {"article", "events", "quotes", "entities", "times", "places", "spans"}
    kinds = {s["kind"] for s in doc["spans"]}
    assert {"actor", "recipient", "trigger", "time", "place", "quote", "speaker", "cue"} <= kinds
    for s in doc["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(text)
    for e in doc["entities"]:
        assert text[e["start"] : e["end"]] == e["entity_text"]
    for ev in doc["events"]:
        assert get(client, f"/api/events/{ev['cluster_id']}")["event"] == ev["event"]
    get(client, "/api/articles/none", 404)


# --------------------------------------------------------------------------- docs, dashboard, headers


def test_docs_and_dashboard_load_nothing_from_elsewhere(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in r.text
    assert not re.search(r"(src|href)=['\"]https?://", r.text)
    spec = get(client, "/openapi.json")
    assert {"/api/events", "/api/events/{event_id}", "/api/timeline", "/api/code", "/api/ingest"} <= set(
        spec["paths"]
    )
    r = client.get("/")
    assert r.status_code == 200 and "<title>eventwire" in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    for f in STATIC.glob("*.*"):
        body = f.read_text()
        # the SVG namespace is a name, not something fetched
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", body), f"{f.name} refers to the network"
    assert client.get("/static/vendor/world-atlas/countries-110m.json").status_code == 200


# --------------------------------------------------------------------------- writing and coding


def test_read_only_by_default(client: TestClient) -> None:
    assert get(client, "/api/health")["writable"] is False
    db = client.app.state.db  # type: ignore[attr-defined]
    with pytest.raises(duckdb.Error):
        db.store.con.execute("DELETE FROM articles")
    r = client.post("/api/ingest", content=b'{"text": "x"}', headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]


@pytest.fixture(scope="module")
def shared_pipeline(pipeline: Pipeline) -> Iterator[Pipeline]:
    service.use_pipeline(pipeline)
    yield pipeline
    service.use_pipeline(None)


TEXT = (
    "BRUSSELS, June 3: The Belgian prime minister met the Dutch foreign minister in Brussels on Tuesday. "
    '"We talked about ports and trade," the minister told reporters.'
)


def test_code_returns_the_output_contract(client: TestClient, shared_pipeline: Pipeline) -> None:
    r = client.post("/api/code", json={"text": TEXT, "date": "2025-06-03", "title": "Ports"})
    assert r.status_code == 200, r.text
    out = r.json()
    assert set(out) >= {"article", "events", "quotes", "entities", "times", "places", "warnings"}
    assert out["article"]["date"] == "2025-06-03" and out["article"]["text"] == TEXT
    for e in out["entities"]:
        assert TEXT[e["start"] : e["end"]] == e["entity_text"]
    for t in out["times"]:
        assert TEXT[t["start"] : t["end"]] == t["text"]
    assert "spans" not in out
    with_spans = client.post("/api/code?spans=true", json={"text": TEXT, "date": "2025-06-03"}).json()
    for s in with_spans["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(TEXT)
    # plain text in the text-file format: the date line is read, offsets index the body
    r = client.post(
        "/api/code", content=("date 2025-06-03\n" + TEXT).encode(), headers={"content-type": "text/plain"}
    )
    assert r.status_code == 200 and r.json()["article"]["date"] == "2025-06-03"
    assert r.json()["article"]["text"] == TEXT


def test_code_refuses_what_it_cannot_take(client: TestClient, shared_pipeline: Pipeline) -> None:
    big = "word " * (CODE_MAX_BYTES // 5 + 10)
    assert client.post("/api/code", json={"text": big}).status_code == 413
    assert client.post("/api/code", json={"date": "2025-01-01"}).status_code == 422
    assert (
        client.post(
            "/api/code", content=b"{not json", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )
    assert client.post("/api/code", json={"text": "   "}).status_code == 422


def test_ingest_needs_the_token(tmp_path: Path, shared_pipeline: Pipeline) -> None:
    db = build_corpus(tmp_path / "w.duckdb")
    app = create_app(db, token="s3cret-token")
    line = json.dumps({"id": "posted/1", "date": "2025-06-03", "text": TEXT, "source": "Test Wire"})
    with TestClient(app) as c:
        assert get(c, "/api/health")["writable"] is True
        r = c.post("/api/ingest", content=line.encode())
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        r = c.post("/api/ingest", content=line.encode(), headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 403
        assert get(c, "/api/stats")["counts"]["articles"] == 4
        r = c.post(
            "/api/ingest?format=jsonl",
            content=line.encode(),
            headers={"Authorization": "Bearer s3cret-token"},
        )
        assert r.status_code == 200, r.text
        assert r.json()["coded"] == 1 and r.json()["rejected"] == 0
        assert get(c, "/api/stats")["counts"]["articles"] == 5
        # ids may hold a slash
        assert get(c, "/api/articles/posted/1")["article"]["source"] == "Test Wire"
        assert get(c, "/api/articles/posted%2F1")["article"]["id"] == "posted/1"
        # the same again adds nothing
        r = c.post("/api/ingest", content=line.encode(), headers={"X-Eventwire-Token": "s3cret-token"})
        assert r.json()["skipped"] == 1 and get(c, "/api/stats")["counts"]["articles"] == 5


def test_token_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = build_corpus(tmp_path / "e.duckdb")
    monkeypatch.setenv("EVENTWIRE_TOKEN", "from-env")
    app = create_app(db)
    with TestClient(app) as c:
        assert get(c, "/api/health")["ingest_enabled"] is True
        assert c.post("/api/ingest", content=b"", headers={"Authorization": "Bearer nope"}).status_code == 403


def test_not_a_store_is_refused(tmp_path: Path) -> None:
    from eventwire.store.db import StoreError

    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not an eventwire store"):
        create_app(other, token="")
    with pytest.raises(StoreError, match="no database"):
        create_app(tmp_path / "missing.duckdb", token="")


def test_serve_command(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import _register_commands, app

    _register_commands()
    runner = CliRunner()
    r = runner.invoke(app, ["serve", "--help"])
    assert r.exit_code == 0 and "--db" in r.output and "127.0.0.1" in r.output
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing.duckdb")])
    assert r.exit_code == 2


# --------------------------------------------------------------------------- any filter value is data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(min_size=1, max_size=40))
def test_any_filter_value_is_a_harmless_query(client: TestClient, value: str) -> None:
    for url, key in (
        ("/api/events", "actor"),
        ("/api/events", "recipient"),
        ("/api/events", "place"),
        ("/api/events", "text"),
        ("/api/events", "mode"),
        ("/api/quotes", "speaker"),
        ("/api/articles", "text"),
    ):
        r = client.get(url, params={key: value})
        if r.status_code == 422:  # a value that is not a code: a sentence, never a 5xx
            assert key in ("actor", "recipient", "place") and isinstance(r.json()["detail"], str)
            continue
        assert r.status_code == 200, (url, key, value, r.text)
        assert 0 <= r.json()["total"] <= 5
    r = client.get("/api/timeline", params={"dyad": f"{value}:anyone"})
    assert r.status_code in (200, 422)
    assert client.get("/api/actors", params={"match": value}).status_code == 200
