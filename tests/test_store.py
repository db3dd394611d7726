"""The corpus store: round trip, resumable ingest, --replace, rejects, crashes, locking, CLI.

Most tests code with ``StubCoder``: a tiny deterministic coder written for these tests
(a handful of actor names and verbs, sentences split at full stops), so that the store is
tested with events, actors, places and quotes without depending on the event coder's
progress, and without loading spaCy.  One test stores a document from the real pipeline.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from typer.testing import CliRunner

from eventwire.ingest import make_article
from eventwire.model import Article, Document, Entity, Event, Place, Quote, Reject, Sentence, Timex
from eventwire.store import Store, StoreLocked
from eventwire.store import db as dbmod
from eventwire.store.ingest import ingest

TESTS = Path(__file__).resolve().parent

# name -> (code, sector, canonical name, wikidata id)
ACTORS: dict[str, tuple[str | None, str | None, str | None, str | None]] = {
    "Russia": ("RUS", "GOV", "Russian government", None),
    "Ukraine": ("UKR", "GOV", "Ukrainian government", None),
    "Putin": ("RUS", "GOV", "Vladimir Putin", "Q7747"),
    "Zelensky": ("UKR", "GOV", "Volodymyr Zelenskyy", "Q3874799"),
    "France": ("FRA", "GOV", "French government", None),
    "Farmers": (None, None, None, None),
}
# verb -> (PLOVER type, quad, PLOVER scale, CAMEO root, Goldstein): values made up for the tests
VERBS: dict[str, tuple[str, int, float, str, float]] = {
    "met": ("CONSULT", 1, 2.5, "04", 1.0),
    "criticized": ("ACCUSE", 3, -2.0, "11", -2.0),
    "shelled": ("ASSAULT", 4, -9.0, "19", -10.0),
    "helped": ("AID", 2, 10.0, "07", 7.0),
}
PLACES = {"Geneva": ("CH", 2660646, "PPLA"), "Paris": ("FR", 2988507, "PPLC")}
_ACTOR_RE = re.compile(r"\b(" + "|".join(ACTORS) + r")\b")
_VERB_RE = re.compile(r"\b(" + "|".join(VERBS) + r")\b")
_PLACE_RE = re.compile(r"\bin (" + "|".join(PLACES) + r")\b")
_QUOTE_RE = re.compile(r'(\w+) said "([^"]+)"')


class StubCoder:
    """Codes articles with the tables above; rejects empty text like the pipeline does."""

    def __init__(self, version: int = 1) -> None:
        self.version = version
        self.seen: list[str] = []

    def code(self, a: Article) -> Document:
        doc = Document(a)
        text = a.text
        for m in re.finditer(r"[^.]+\.?", text):
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            if m.group().strip():
                doc.sentences.append(Sentence(len(doc.sentences), start, m.end()))
        for s in doc.sentences:
            stext = text[s.start : s.end]
            ents = []
            for m in _ACTOR_RE.finditer(stext):
                code, sector, name, qid = ACTORS[m.group(1)]
                e = Entity(
                    m.group(1), s.start + m.start(), s.start + m.end(), s.index, name, code, sector, qid
                )
                doc.entities.append(e)
                ents.append(e)
            place = None
            pm = _PLACE_RE.search(stext)
            if pm:
                cc, gid, fc = PLACES[pm.group(1)]
                place = Place(
                    pm.group(1), s.start + pm.start(1), s.start + pm.end(1), s.index, pm.group(1), gid, cc
                )
                place.feature_code = fc
                doc.places.append(place)
            vm = _VERB_RE.search(stext)
            if vm:
                ev, quad, scale, root, gold = VERBS[vm.group(1)]
                vpos = s.start + vm.start()
                actor = [e for e in ents if e.end <= vpos][:1]
                recip = [e for e in ents if e.start > vpos][:1]
                doc.events.append(
                    Event(
                        id=f"{a.id}-e{len(doc.events)}",
                        event=ev,
                        start=s.start,
                        end=s.end,
                        event_text=text[s.start : s.end],
                        sentence=s.index,
                        date=a.date.isoformat() if a.date else None,
                        mode=["phone"] if "phone" in stext else [],
                        actor=actor,
                        recipient=recip,
                        event_loc=place,
                        quad_code=quad,
                        event_scale=scale if self.version == 1 else scale / 2,
                        cameo_root=root,
                        goldstein=gold,
                        confidence=0.9,
                        trigger=vm.group(1),
                        trigger_start=vpos,
                        trigger_end=s.start + vm.end(),
                        date_source="article",
                    )
                )
            qm = _QUOTE_RE.search(stext)
            if qm:
                spk = next((e for e in ents if e.entity_text == qm.group(1)), None)
                doc.quotes.append(
                    Quote(
                        qm.group(2),
                        s.start + qm.start(2),
                        s.start + qm.end(2),
                        s.index,
                        "direct",
                        spk,
                        qm.group(1),
                        s.start + qm.start(1),
                        s.start + qm.end(1),
                        "said",
                        s.start + qm.start(1) + len(qm.group(1)) + 1,
                        s.start + qm.start(1) + len(qm.group(1)) + 5,
                        0.8,
                    )
                )
        for m in re.finditer(r"\bon Monday\b", text):
            doc.times.append(Timex(m.group(), m.start(), m.end(), doc.sentence_at(m.start()), "DATE", None))
        return doc

    def run(self, records: Iterable[Article | Reject]) -> Iterator[Document | Reject]:
        for r in records:
            if isinstance(r, Reject):
                yield r
            elif not r.text.strip():
                yield Reject(r.origin or r.id, "empty text", "empty_text", r.id)
            else:
                self.seen.append(r.id)
                yield self.code(r)


STORIES = [
    'Putin met Zelensky in Geneva. Putin said "the talks went well". Farmers criticized France.',
    'Russia met Ukraine in Geneva on Monday. Zelensky said "we will talk again".',
    "Russia shelled Ukraine. France helped Ukraine. Ukraine criticized Russia.",
    "Zelensky met Putin in Geneva by phone. Farmers criticized France in Paris.",
]
SOURCES = ["Wire A", "Wire B", "Paper C"]


def corpus_records(n: int = 12) -> list[Article | Reject]:
    """``n`` dated articles from the stories above, plus two records that are rejected."""
    recs: list[Article | Reject] = []
    for i in range(n):
        day = dt.date(2025, 3, 3) + dt.timedelta(days=i // 3)
        recs.append(
            make_article(
                STORIES[i % len(STORIES)] + f" Story {i}.",
                date=day.isoformat(),
                id=f"a{i:02d}",
                source=SOURCES[i % len(SOURCES)],
                origin=f"corpus.jsonl:{i + 1}",
            )
        )
        if i == 4:
            recs.append(Reject("corpus.jsonl:x1", "malformed JSON line", "bad_json", raw='{"text": "oops'))
        if i == 7:
            recs.append(make_article("   ", date="2025-03-05", id="blank", origin="corpus.jsonl:x2"))
    return recs


def clean_store(path: Path, batch: int = 3) -> Store:
    store = Store(path)
    ingest(store, corpus_records(), StubCoder(), batch=batch)
    return store


# --------------------------------------------------------------------------- round trip


def _roundtrip(doc: Document) -> object:
    return json.loads(json.dumps(doc.to_dict()))


def test_document_round_trip_hand_built(tmp_path: Path) -> None:
    coder = StubCoder()
    doc = coder.code(make_article(STORIES[0] + " " + STORIES[1], date="2025-03-03", id="x", source="S"))
    doc.warn("note", "a warning")
    doc.entities[0].notes.append("a note")
    doc.entities[0].ref = "r1"
    doc.sentences[-1].boilerplate = "headline"
    assert doc.events and doc.quotes and doc.places and doc.times
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([doc])
        assert store.document("x") == _roundtrip(doc)
        assert store.document("missing") is None
        # participants point at the article's entity records, for highlighting
        rows = store.rows("SELECT entity_idx, start, \"end\" FROM event_participants WHERE article_id = 'x'")
        assert rows and all(r["entity_idx"] is not None for r in rows)
        for r in rows:
            assert doc.entities[r["entity_idx"]].start == r["start"]


def test_document_round_trip_real_pipeline(tmp_path: Path, code) -> None:
    doc = code(
        "Ministers from France and Germany met in Berlin on Tuesday. "
        '"We agreed on the budget," the French minister said.',
        id="real1",
    )
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([doc])
        assert store.document("real1") == _roundtrip(doc)
        text = store.rows("SELECT text FROM articles WHERE id = 'real1'")[0]["text"]
        for e in store.rows("SELECT * FROM entities WHERE article_id = 'real1'"):
            assert text[e["start"] : e["end"]] == e["entity_text"]


# --------------------------------------------------------------------------- ingest


def test_ingest_counts_and_idempotent_rerun(tmp_path: Path) -> None:
    store = clean_store(tmp_path / "a.duckdb")
    assert store.count("articles") == 12
    rej = store.rows("SELECT origin, code, raw FROM rejects ORDER BY origin")
    assert [(r["origin"], r["code"]) for r in rej] == [
        ("corpus.jsonl:x1", "bad_json"),
        ("corpus.jsonl:x2", "empty_text"),
    ]
    assert rej[0]["raw"] == '{"text": "oops'
    before = store.snapshot()
    coder = StubCoder()
    stats = ingest(store, corpus_records(), coder, batch=3)
    assert coder.seen == []  # stored ids are skipped before coding
    assert stats.skipped == 12 and stats.coded == 0 and stats.rejected == 2
    assert store.snapshot() == before
    store.close()


def test_repeated_id_in_one_run_is_skipped(tmp_path: Path) -> None:
    recs = corpus_records(3)
    recs.append(make_article("France helped Ukraine.", date="2025-03-09", id="a01", origin="other:1"))
    with Store(tmp_path / "d.duckdb") as store:
        stats = ingest(store, recs, StubCoder(), batch=2)
        assert stats.duplicates == 1 and stats.coded == 3
        assert "Story 1" in store.rows("SELECT text FROM articles WHERE id = 'a01'")[0]["text"]


def test_replace_recodes_without_duplicates(tmp_path: Path) -> None:
    store = clean_store(tmp_path / "r.duckdb")
    n_mentions = store.count("event_mentions")
    old = store.rows("SELECT sum(event_scale) AS s FROM event_mentions")[0]["s"]
    coder = StubCoder(version=2)
    stats = ingest(store, corpus_records(), coder, batch=5, replace=True)
    assert stats.coded == 12 and len(coder.seen) == 12
    assert store.count("articles") == 12
    assert store.count("event_mentions") == n_mentions
    assert store.count("rejects") == 2
    assert store.rows("SELECT sum(event_scale) AS s FROM event_mentions")[0]["s"] == pytest.approx(old / 2)
    store.close()


def test_reject_then_coded_clears_the_reject(tmp_path: Path) -> None:
    with Store(tmp_path / "c.duckdb") as store:
        ingest(store, [make_article("  ", date="2025-01-01", id="z", origin="f.txt")], StubCoder())
        assert store.count("rejects") == 1
        ingest(
            store,
            [make_article("France helped Ukraine.", date="2025-01-01", id="z", origin="f.txt")],
            StubCoder(),
        )
        assert store.count("rejects") == 0 and store.count("articles") == 1


def _complete(store: Store) -> None:
    """Every stored article has all of its rows: never half an article."""
    for a in store.rows("SELECT id, n_sentences, n_events, n_quotes FROM articles"):
        aid = a["id"]
        got = {
            t: store.rows(f"SELECT count(*) AS n FROM {t} WHERE article_id = ?", [aid])[0]["n"]
            for t in ("sentences", "event_mentions", "quotes")
        }
        assert got == {
            "sentences": a["n_sentences"],
            "event_mentions": a["n_events"],
            "quotes": a["n_quotes"],
        }
    orphans = store.rows(
        "SELECT count(*) AS n FROM event_mentions m "
        "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)"
    )
    assert orphans[0]["n"] == 0


def test_exception_mid_batch_then_rerun_equals_clean_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = clean_store(tmp_path / "clean.duckdb")
    expected = clean.snapshot()
    clean.close()

    real = dbmod._insert
    calls = {"n": 0}

    def failing(con, table, rows) -> None:
        real(con, table, rows)
        calls["n"] += 1
        if calls["n"] == 12:  # inside the third batch, after some of its tables were written
            raise RuntimeError("injected crash")

    monkeypatch.setattr(dbmod, "_insert", failing)
    store = Store(tmp_path / "crash.duckdb")
    with pytest.raises(RuntimeError, match="injected crash"):
        ingest(store, corpus_records(), StubCoder(), batch=3)
    n = store.count("articles")
    assert 0 < n < 12 and n % 3 == 0
    _complete(store)
    monkeypatch.setattr(dbmod, "_insert", real)
    coder = StubCoder()
    ingest(store, corpus_records(), coder, batch=3)
    assert len(coder.seen) == 12 - n  # resumed: only what was lost is coded again
    assert store.snapshot() == expected
    store.close()


KILL_SCRIPT = """
import os, signal, sys
sys.path.insert(0, {tests!r})
from test_store import StubCoder, corpus_records
from eventwire.store import db as dbmod
from eventwire.store.db import Store
from eventwire.store.ingest import ingest
real = dbmod._insert
calls = [0]
def killer(con, table, rows):
    real(con, table, rows)
    calls[0] += 1
    if calls[0] == {kill_at}:
        os.kill(os.getpid(), signal.SIGKILL)
dbmod._insert = killer
ingest(Store({db!r}), corpus_records(), StubCoder(), batch=3)
"""


def test_kill_during_ingest_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    """A real SIGKILL in the middle of a transaction (no rollback, no close)."""
    clean = clean_store(tmp_path / "clean.duckdb")
    expected = clean.snapshot()
    clean.close()
    db = tmp_path / "killed.duckdb"
    script = textwrap.dedent(KILL_SCRIPT).format(tests=str(TESTS), db=str(db), kill_at=15)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    store = Store(db)
    n = store.count("articles")
    assert 0 < n < 12
    _complete(store)
    ingest(store, corpus_records(), StubCoder(), batch=3)
    assert store.snapshot() == expected
    store.close()


def test_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    Store(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreLocked, match="in use by another process"):
            Store(db)
        res = CliRunner().invoke(_app(), ["ingest", "--db", str(db), str(tmp_path / "none.txt")])
        assert res.exit_code == 2
        assert "in use by another process" in res.output
    finally:
        os.kill(holder.pid, signal.SIGTERM)
        holder.wait(timeout=30)


# --------------------------------------------------------------------------- CLI


def _app():
    import typer

    from eventwire.store.commands import register

    app = typer.Typer()
    register(app)
    return app


@pytest.fixture
def stub_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.store import commands

    monkeypatch.setattr(commands, "make_coder", lambda *a: StubCoder())


def _write_jsonl(path: Path, recs: list[Article | Reject]) -> None:
    lines = []
    for r in recs:
        if isinstance(r, Reject):
            lines.append('{"text": "broken')
        else:
            lines.append(
                json.dumps({"id": r.id, "text": r.text, "date": r.date.isoformat(), "source": r.source})
            )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_cli_ingest_exit_codes_and_rerun(tmp_path: Path, stub_cli: None) -> None:
    src = tmp_path / "corpus.jsonl"
    _write_jsonl(src, corpus_records())
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    res = runner.invoke(_app(), ["ingest", str(src), "--db", str(db), "--batch", "4", "--no-progress"])
    assert res.exit_code == 1, res.output  # one malformed line, one empty text
    assert "stored 12 article(s), rejected 2" in res.output
    assert "malformed JSON line" in res.output
    res = runner.invoke(_app(), ["ingest", str(src), "--db", str(db), "--no-progress"])
    assert "stored 0 article(s)" in res.output and "skipped 12 already stored" in res.output
    good = tmp_path / "good.jsonl"
    _write_jsonl(good, [r for r in corpus_records(3) if isinstance(r, Article)])
    res = runner.invoke(_app(), ["ingest", str(good), "--db", str(tmp_path / "g.duckdb"), "--dedup", "none"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(_app(), ["ingest", str(good), "--db", str(db), "--batch", "0"])
    assert res.exit_code == 2


def test_cli_ingest_counts_what_is_shown_at_its_min_confidence(tmp_path: Path, stub_cli: None) -> None:
    good = tmp_path / "good.jsonl"
    _write_jsonl(good, [r for r in corpus_records(3) if isinstance(r, Article)])
    db = tmp_path / "c.duckdb"
    runner = CliRunner()

    def ingest(mc: float) -> str:
        args = ["ingest", str(good), "--db", str(db), "--no-progress", "--min-confidence", str(mc)]
        res = runner.invoke(_app(), args)
        assert res.exit_code == 0, res.output
        return " ".join(res.output.split())  # the console wraps long lines

    out = ingest(0.0)
    with Store(db, read_only=True) as st:
        confs = [r["confidence"] for r in st.rows("SELECT confidence FROM event_mentions")]
    n = len(confs)
    assert n and f"{n} of the database's {n} event mention(s) at or above confidence 0.0" in out
    # the stub coder's events all have one confidence: a cut just above it shows none
    above = round(max(confs) + 0.01, 3)
    assert f"0 of the database's {n} event mention(s) at or above confidence {above}" in ingest(above)
    res = runner.invoke(_app(), ["ingest", str(good), "--db", str(db), "--min-confidence", "1.5"])
    assert res.exit_code == 2


def test_cli_events_jsonl_contract(tmp_path: Path, stub_cli: None) -> None:
    src = tmp_path / "corpus.jsonl"
    _write_jsonl(src, corpus_records())
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    runner.invoke(_app(), ["ingest", str(src), "--db", str(db), "--no-progress"])
    res = runner.invoke(_app(), ["events", "--db", str(db), "--format", "jsonl", "--limit", "0"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.output.splitlines()]
    assert recs
    contract = {
        "id",
        "date",
        "event",
        "mode",
        "context",
        "actor",
        "recipient",
        "event_text",
        "event_loc",
        "quad_code",
        "event_scale",
        "cameo_root",
        "goldstein",
        "confidence",
        "sentence",
        "start",
        "end",
    }
    with Store(db, read_only=True) as store:
        texts = {r["id"]: r["text"] for r in store.rows("SELECT id, text FROM articles")}
    for r in recs:
        assert contract <= set(r) and "article_id" in r and "mentions" in r
        assert r["num_mentions"] == len(r["mentions"]) >= 1
        assert texts[r["article_id"]][r["start"] : r["end"]] == r["event_text"]
        for m in r["mentions"]:
            assert texts[m["article_id"]][m["start"] : m["end"]] == m["event_text"]
        for e in r["actor"] + r["recipient"]:
            assert texts[r["article_id"]][e["start"] : e["end"]] == e["entity_text"]
    res = runner.invoke(_app(), ["events", "--db", str(db), "--format", "csv", "--type", "consult,aid"])
    assert res.exit_code == 0
    rows = res.output.splitlines()
    assert rows[0].startswith("id,day,date,event")
    assert {line.split(",")[3] for line in rows[1:]} == {"CONSULT", "AID"}
    res = runner.invoke(_app(), ["events", "--db", str(db)])
    assert res.exit_code == 0 and "CONSULT" in res.output
    res = runner.invoke(_app(), ["events", "--db", str(db), "--type", "HUG"])
    assert res.exit_code == 2
    res = runner.invoke(_app(), ["events", "--db", str(db), "--since", "yesterday"])
    assert res.exit_code == 2
    res = runner.invoke(_app(), ["events", "--db", str(tmp_path / "nothing.duckdb")])
    assert res.exit_code == 2 and "no database" in res.output


# --------------------------------------------------------------------------- property: round trip


def _strategies() -> object:
    from hypothesis import strategies as st

    opt_s = st.one_of(st.none(), st.text(max_size=8))
    opt_f = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False, width=64))
    opt_i = st.one_of(st.none(), st.integers(min_value=0, max_value=2**40))
    span = st.tuples(st.integers(0, 50), st.integers(0, 50), st.integers(0, 5))
    entity = st.builds(
        lambda sp, t, n, c, s, q, r, k, lab, ref, conf, notes: Entity(
            t, sp[0], sp[1], sp[2], n, c, s, q, r, k, lab, ref, conf, notes
        ),
        span,
        st.text(max_size=8),
        opt_s,
        opt_s,
        opt_s,
        opt_s,
        opt_s,
        st.text(max_size=5),
        opt_s,
        opt_s,
        opt_f,
        st.lists(st.text(max_size=5), max_size=2),
    )
    place = st.builds(
        lambda sp, t, n, g, cc, a1, lat, lon, fc, role, dl, conf: Place(
            t, sp[0], sp[1], sp[2], n, g, cc, a1, lat, lon, fc, role, dl, conf
        ),
        span,
        st.text(max_size=8),
        opt_s,
        opt_i,
        opt_s,
        opt_s,
        opt_f,
        opt_f,
        opt_s,
        st.text(max_size=5),
        st.booleans(),
        opt_f,
    )
    event = st.builds(
        lambda sp, ev, txt, date, mode, actor, recip, loc, quad, scale, conf: Event(
            "e",
            ev,
            sp[0],
            sp[1],
            txt,
            sp[2],
            date,
            mode,
            [],
            actor,
            recip,
            loc,
            quad,
            scale,
            None,
            None,
            conf,
        ),
        span,
        st.sampled_from(["CONSULT", "ASSAULT"]),
        st.text(max_size=8),
        st.one_of(st.none(), st.sampled_from(["2025-05-19", "2025-W20", "XXXX", "2025-02-30"])),
        st.lists(st.text(max_size=4), max_size=2),
        st.lists(entity, max_size=2),
        st.lists(entity, max_size=2),
        st.one_of(st.none(), place),
        st.one_of(st.none(), st.integers(1, 4)),
        opt_f,
        st.floats(0, 1),
    )
    quote = st.builds(
        lambda sp, content, spk, kind: Quote(content, sp[0], sp[1], sp[2], kind, spk),
        span,
        st.text(max_size=8),
        st.one_of(st.none(), entity),
        st.sampled_from(["direct", "indirect", "mixed"]),
    )
    return st.tuples(
        st.lists(entity, max_size=3),
        st.lists(place, max_size=2),
        st.lists(event, max_size=3),
        st.lists(quote, max_size=2),
        st.text(max_size=30),
    )


@settings(max_examples=40, deadline=None)
@given(data=_strategies())
def test_any_document_round_trips(data: tuple) -> None:
    entities, places, events, quotes, text = data
    doc = Document(make_article(text or "x", date="2025-05-20", id="p"))
    doc.entities, doc.places, doc.events, doc.quotes = entities, places, events, quotes
    with Store(":memory:") as store:
        store.write_batch([doc])
        assert store.document("p") == _roundtrip(doc)
