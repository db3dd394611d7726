"""Bad input through ``eventwire ingest``: every bad record is reported with its reason and
stored in ``rejects``; every good record is coded and stored; a re-run adds nothing.

Inputs are written here (texts made up for the test): malformed JSON lines, CSV with
ragged rows, a cp1252 file (coded, with a warning), bytes that are neither UTF-8 nor
cp1252, a truncated gzip file, a directory holding binary files, an empty file.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.pipeline import Pipeline
from eventwire.store import Store

GOOD = [
    "The French president met the German chancellor in Paris on Monday.",
    "Police arrested twelve protesters outside the parliament in Madrid on Tuesday.",
    "Japan and South Korea agreed to resume talks on fishing rights, officials said.",
    "The Kenyan government accused rebels of attacking a convoy near the border.",
    "Brazil sent food aid to flooded towns in Bolivia on Friday.",
    "The Turkish foreign minister visited Baghdad on Sunday.",
]


def _app():
    from eventwire.cli import _register_commands, app

    _register_commands()
    return app


@pytest.fixture
def real_cli(monkeypatch: pytest.MonkeyPatch, pipeline: Pipeline) -> None:
    """`eventwire ingest` with the session's pipeline (the model is loaded once per session)."""
    from eventwire.store import commands

    monkeypatch.setattr(commands, "make_coder", lambda *a: pipeline)


def _corpus(root: Path) -> tuple[set[str], dict[str, str]]:
    """Write the inputs; return (ids of good articles, {origin suffix: reject code expected})."""
    root.mkdir()
    good: set[str] = set()
    bad: dict[str, str] = {}
    (root / "good.txt").write_text("date 2025-05-20\n" + GOOD[0] + "\n", encoding="utf-8")
    # JSON lines: two good, four bad
    lines = [
        json.dumps({"id": "j1", "date": "2025-05-21", "text": GOOD[1]}),
        '{"id": "j2", "text": "an unterminated string',
        "[1, 2, 3]",
        json.dumps({"id": "j4", "date": "2025-05-21"}),
        json.dumps({"id": "j5", "text": 42}),
        json.dumps({"id": "j6", "date": "2025-05-21", "text": GOOD[2]}),
        "{'single': 'quotes'}",
    ]
    (root / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    good |= {"j1", "j6"}
    bad |= {"mixed.jsonl:2": "bad_json", "mixed.jsonl:3": "bad_record", "mixed.jsonl:4": "no_text",
            "mixed.jsonl:5": "bad_record", "mixed.jsonl:7": "bad_json"}
    # CSV with ragged rows
    csv_text = (
        "id,date,text\n"
        f'c1,2025-05-22,"{GOOD[3]}"\n'
        "c2,2025-05-22\n"
        'c3,2025-05-22,"Some text",extra,fields\n'
        f'c4,2025-05-22,"{GOOD[4]}"\n'
    )
    (root / "ragged.csv").write_text(csv_text, encoding="utf-8")
    good |= {"c1", "c4"}
    bad |= {"ragged.csv:3": "bad_csv", "ragged.csv:4": "bad_csv"}
    # legacy encoding: coded with a warning; undecodable bytes: rejected
    legacy = "date 2025-05-23\nThe caf\u00e9 owners of Lyon protested."
    (root / "legacy.txt").write_bytes(legacy.encode("cp1252"))
    (root / "undecodable.txt").write_bytes(b"Officials \x81\x8d\x8f\x90\x9d said nothing at all today.")
    bad["undecodable.txt"] = "encoding"
    # truncated gzip: the complete lines before the damage are kept
    gz_lines = [json.dumps({"id": f"g{i}", "date": "2025-05-24", "text": GOOD[5] + f" Report {i}."})
                for i in range(40)]
    blob = gzip.compress(("\n".join(gz_lines) + "\n").encode())
    cut = blob[: len(blob) * 2 // 3]
    (root / "trunc.jsonl.gz").write_bytes(cut)
    recoverable = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut).decode()
    kept = recoverable[: recoverable.rfind("\n") + 1].splitlines()
    assert 0 < len(kept) < 40
    good |= {json.loads(x)["id"] for x in kept}
    bad["trunc.jsonl.gz"] = "truncated"
    # a directory with binary files, and an empty file
    (root / "bin").mkdir()
    (root / "bin" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (root / "bin" / "blob.dat").write_bytes(bytes((i * 37) % 256 for i in range(3000)))
    bad["image.png"] = "binary"
    bad["blob.dat"] = "binary"
    (root / "empty.txt").write_bytes(b"  \n")
    bad["empty.txt"] = "empty_text"
    return good, bad


@pytest.mark.parametrize("batch", [3, 1])
def test_bad_records_are_rejected_with_reasons_and_good_ones_stored(
    tmp_path: Path, real_cli: None, batch: int
) -> None:
    good, bad = _corpus(tmp_path / "in")
    db = tmp_path / "ew.duckdb"
    args = ["ingest", str(tmp_path / "in"), "--db", str(db), "--no-progress", "--batch", str(batch)]
    res = CliRunner().invoke(_app(), args)
    assert res.exit_code == 1, res.output  # 1: some records rejected
    with Store(db, read_only=True) as st:
        rejects = st.rows("SELECT origin, code, reason FROM rejects")
        arts = st.rows("SELECT id, origin, warnings FROM articles")
    # every bad record: in the rejects table with its reason, and reported on stderr
    by_origin = {Path(r["origin"]).name: r for r in rejects}
    flat = "".join(res.output.split())  # rich wraps long lines
    for where, code in bad.items():
        assert where in by_origin, (where, sorted(by_origin))
        assert by_origin[where]["code"] == code, by_origin[where]
        assert by_origin[where]["reason"]
        assert "".join(f"{where}: {by_origin[where]['reason']}".split()) in flat
    assert len(rejects) == len(bad), rejects
    # every good record: coded and stored
    ids = {a["id"] for a in arts}
    assert good <= ids
    legacy = [a for a in arts if a["origin"].endswith("legacy.txt")]
    assert len(legacy) == 1 and "cp1252" in json.dumps(legacy[0]["warnings"], default=str)
    assert len(arts) == len(good) + 2  # + good.txt and legacy.txt (ids hashed from the text)
    assert f"stored {len(arts)} article(s), rejected {len(bad)}" in " ".join(res.output.split())
    # the same ingest again adds nothing and loses nothing
    with Store(db, read_only=True) as st:
        before = st.snapshot()
    res = CliRunner().invoke(_app(), args)
    assert "stored 0 article(s)" in res.output
    with Store(db, read_only=True) as st:
        assert st.snapshot() == before
