"""One bad record touches only itself: every other record reads exactly as in a clean run.

- a property test: a valid batch of JSON lines (and of CSV rows, quoted fields spanning
  lines included), one record corrupted at random (bytes that are neither UTF-8 nor
  cp1252, broken JSON, latin-1, wrong types, over the size limit, NULs, a ragged row):
  every other ``Article`` equals the clean run's, and the bad one is reported at its line;
- a table with one case per hostile input (docs/reliability.md), each with the exact
  reject or warning code and a good neighbour that must come out unchanged;
- the acceptance batch of issue #14 through the readers (tests/test_cli.py runs it through
  ``eventwire code``).

Texts are written for these tests.  Small limits are injected (``Limits``) so that no test
but one builds a large record; ``test_fifty_megabyte_line_is_skipped_in_bounded_memory``
uses a real 50 MB line.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.ingest import Limits, read_bytes, read_paths, skip_repeated_ids
from eventwire.model import Article, Reject

Record = Article | Reject
LIMIT = 2000  # bytes per record in the property tests
SMALL = Limits(record_bytes=LIMIT)

GOOD_TEXTS = [
    "The foreign minister said on Monday that \u201cthe talks are over\u201d \u2014 for now.",
    "Police in the capital arrested 14 protesters \u2013 most of them students \u2013 on Tuesday.",
    "\u201cWe will not accept this,\u201d the opposition leader told reporters in Lagos.",
    "Rebels shelled a village near the border, the army\u2019s spokesman said on Friday.",
    "Ministers from Chile and Peru signed a fishing agreement in Lima \u2026 officials said.",
]

# --------------------------------------------------------------------------- helpers


def _key(a: Article) -> tuple[Any, ...]:
    """Everything an article carries but where it came from."""
    return (a.id, a.text, a.date, a.title, a.url, a.source, [(w.code, w.message) for w in a.warnings])


def _by_origin(recs: list[Record]) -> dict[str, Record]:
    out: dict[str, Record] = {}
    for r in recs:
        assert r.origin is not None
        assert r.origin not in out, f"two records at {r.origin}"
        out[r.origin] = r
    return out


def _good_line(text: str, i: int) -> dict[str, Any]:
    return {"id": f"g{i}", "date": "2025-05-20", "title": f"Story {i}", "text": text}


# --------------------------------------------------------------------------- property: JSON lines

CHARS = "abcdefghij KLMNOP,.;:!?'\"-\u2014\u2013\u201c\u201d\u2018\u2019\u00e9\u00fc\u0436\U0001f600\t/\\"
news_text = st.text(
    st.sampled_from(list(CHARS)),
    min_size=1,
    max_size=100,
).filter(lambda t: t.strip() != "")


@st.composite
def jsonl_batches(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(3, 6))
    recs = []
    for i in range(n):
        rec: dict[str, Any] = {"id": f"r{i}", "text": draw(news_text)}
        if draw(st.booleans()):
            rec["date"] = draw(st.sampled_from(["2025-05-20", "2024-02-29", "2025-02-30", "20 May"]))
        if draw(st.booleans()):
            rec["title"] = draw(news_text)
        recs.append(rec)
    return recs


CORRUPTIONS = ["bad_bytes", "broken_json", "latin1", "text_number", "text_list", "text_null", "not_object",
               "oversize", "nul", "deep"]


def _corrupt_line(kind: str, rec: dict[str, Any], line: bytes) -> tuple[bytes, str, str]:
    """The corrupted line; whether it becomes a reject or a warning; the code."""
    if kind == "bad_bytes":
        return line[:5] + b"\x81\x8d" + line[5:], "reject", "encoding"
    if kind == "broken_json":  # cut in a UTF-8 character, the half may not decode: "encoding" then
        return line[: len(line) // 2], "reject", "bad_json|encoding"
    if kind == "latin1":
        text = "".join(c for c in rec["text"] if ord(c) < 128) + " caf\u00e9"
        line = json.dumps({"id": rec["id"], "text": text}, ensure_ascii=False).encode("latin-1")
        return line, "warning", "encoding"
    if kind == "text_number":
        return json.dumps({**rec, "text": 42}).encode(), "reject", "bad_record"
    if kind == "text_list":
        return json.dumps({**rec, "text": [rec["text"]]}).encode(), "reject", "bad_record"
    if kind == "text_null":
        return json.dumps({**rec, "text": None}).encode(), "reject", "no_text"
    if kind == "not_object":
        return json.dumps([rec]).encode(), "reject", "bad_record"
    if kind == "oversize":
        return json.dumps({**rec, "text": "x" * (LIMIT + 1)}).encode(), "reject", "too_long"
    if kind == "nul":
        return line[:1] + b"\x00" + line[1:], "warning", "nul_bytes"
    if kind == "deep":  # json.loads raises RecursionError (the test lifts the size limit for this one)
        return b"[" * 100_000 + b"]" * 100_000, "reject", "too_deep"
    raise AssertionError(kind)


@settings(max_examples=80, deadline=None)
@given(
    recs=jsonl_batches(),
    pick=st.integers(0, 100),
    kind=st.sampled_from(CORRUPTIONS),
    ascii_json=st.booleans(),
    crlf=st.booleans(),
)
def test_one_corrupt_json_line_leaves_the_others_identical(
    recs: list[dict[str, Any]], pick: int, kind: str, ascii_json: bool, crlf: bool
) -> None:
    lines = [json.dumps(r, ensure_ascii=ascii_json).encode() for r in recs]
    eol = b"\r\n" if crlf else b"\n"
    limits = Limits(record_bytes=250_000) if kind == "deep" else SMALL
    clean = _by_origin(list(read_bytes(eol.join(lines) + eol, "f.jsonl", "jsonl", limits=limits)))
    assert len(clean) == len(recs) and all(isinstance(r, Article) for r in clean.values())
    k = pick % len(recs)
    bad_line, outcome, code = _corrupt_line(kind, recs[k], lines[k])
    data = eol.join([*lines[:k], bad_line, *lines[k + 1 :]]) + eol
    got = _by_origin(list(read_bytes(data, "f.jsonl", "jsonl", limits=limits)))
    assert set(got) == set(clean)
    where = f"f.jsonl:{k + 1}"
    for origin, want in clean.items():
        if origin != where:
            have = got[origin]
            assert isinstance(have, Article) and isinstance(want, Article)
            assert _key(have) == _key(want)
    bad = got[where]
    if outcome == "reject":
        assert isinstance(bad, Reject) and bad.code in code.split("|") and bad.reason, bad
    else:
        assert isinstance(bad, Article) and code in [w.code for w in bad.warnings], bad
        if kind == "latin1":
            assert bad.text.endswith(" caf\u00e9")


# --------------------------------------------------------------------------- property: CSV

csv_text = st.text(
    st.sampled_from(list("abcdef GHIJ,.;\"'\n\u2014\u201c\u201d\u00e9\U0001f600")), min_size=1, max_size=80
).filter(lambda t: t.strip() != "")


def _csv_row(fields: list[str]) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf).writerow(fields)
    return buf.getvalue().encode("utf-8")


@settings(max_examples=80, deadline=None)
@given(
    texts=st.lists(csv_text, min_size=3, max_size=6),
    pick=st.integers(0, 100),
    kind=st.sampled_from(["bad_bytes", "latin1", "oversize", "ragged", "bad_bytes_late"]),
)
def test_one_corrupt_csv_row_leaves_the_others_identical(texts: list[str], pick: int, kind: str) -> None:
    header = _csv_row(["id", "date", "text"])
    rows = [_csv_row([f"c{i}", "2025-05-20", t]) for i, t in enumerate(texts)]
    clean_recs = list(read_bytes(header + b"".join(rows), "f.csv", "csv", limits=SMALL))
    assert all(isinstance(r, Article) for r in clean_recs) and len(clean_recs) == len(texts)
    clean = {r.id: r for r in clean_recs if isinstance(r, Article)}
    k = pick % len(texts)
    outcome = "reject"
    if kind == "bad_bytes":  # in the first physical line of the row
        bad, code = rows[k][:2] + b"\x81" + rows[k][2:], "encoding"
    elif kind == "bad_bytes_late":  # at the end of the row: its last physical line
        bad, code = rows[k][:-2] + b"\x9d" + rows[k][-2:], "encoding"
    elif kind == "latin1":
        text = "".join(c for c in texts[k] if ord(c) < 128) + " caf\u00e9"  # as many lines as before
        bad = _csv_row([f"c{k}", "2025-05-20", text]).decode().encode("latin-1")
        outcome, code = "warning", "encoding"
    elif kind == "oversize":
        bad, code = _csv_row([f"c{k}", "2025-05-20", "y" * (LIMIT + 5) + texts[k]]), "too_long"
    else:
        bad, code = _csv_row([f"c{k}", "2025-05-20", texts[k], "extra"]), "bad_csv"
    data = header + b"".join([*rows[:k], bad, *rows[k + 1 :]])
    got = list(read_bytes(data, "f.csv", "csv", limits=SMALL))
    arts = {r.id: r for r in got if isinstance(r, Article)}
    for i in range(len(texts)):
        if i != k:
            assert _key(arts[f"c{i}"]) == _key(clean[f"c{i}"])
            assert arts[f"c{i}"].origin == clean[f"c{i}"].origin
    first_line = 2 + sum(r.count(b"\n") for r in rows[:k])
    if outcome == "reject":
        rejects = [r for r in got if isinstance(r, Reject)]
        assert [(r.origin, r.code) for r in rejects] == [(f"f.csv:{first_line}", code)], rejects
        assert f"c{k}" not in arts
    else:
        assert "encoding" in [w.code for w in arts[f"c{k}"].warnings]
        assert arts[f"c{k}"].text.endswith("caf\u00e9") and arts[f"c{k}"].origin == f"f.csv:{first_line}"


# --------------------------------------------------------------------------- one case per hostile input

GOOD = json.dumps({"id": "good", "date": "2025-05-20", "text": GOOD_TEXTS[0]}, ensure_ascii=False)
GOOD2 = json.dumps({"id": "good2", "text": GOOD_TEXTS[1]}, ensure_ascii=False)
Case = Callable[[Path, pytest.MonkeyPatch], list[Record]]


def _jsonl_around(bad: bytes, limits: Limits | None = None) -> Case:
    """A JSON-lines file: a good line, the bad one, another good line."""

    def run(tmp: Path, mp: pytest.MonkeyPatch) -> list[Record]:
        p = tmp / "batch.jsonl"
        p.write_bytes(GOOD.encode() + b"\n" + bad + b"\n" + GOOD2.encode() + b"\n")
        return list(read_paths([p], limits=limits or Limits()))

    return run


def _csv_field_over_limit(tmp: Path, mp: pytest.MonkeyPatch) -> list[Record]:
    p = tmp / "batch.csv"
    big = "z" * 300 + "\n" + "z" * 300
    rows = [["id", "date", "text"], ["good", "2025-05-20", GOOD_TEXTS[0]], ["big", "", big],
            ["good2", "", GOOD_TEXTS[1]]]
    p.write_bytes(b"".join(_csv_row(r) for r in rows))
    return list(read_paths([p], limits=Limits(record_bytes=200)))


def _gzip_bomb(tmp: Path, mp: pytest.MonkeyPatch) -> list[Record]:
    p = tmp / "bomb.jsonl.gz"
    p.write_bytes(gzip.compress(GOOD.encode() + b"\n" + b" " * 5_000_000 + b"\n" + GOOD2.encode() + b"\n"))
    (tmp / "next.jsonl").write_text(GOOD2 + "\n", encoding="utf-8")
    return list(read_paths([p, tmp / "next.jsonl"], limits=Limits(inflated_bytes=1_000_000)))


def _html_without_main_text(tmp: Path, mp: pytest.MonkeyPatch) -> list[Record]:
    (tmp / "a.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    (tmp / "b.html").write_text("<html><head><title>x</title></head><body><div></div></body></html>",
                                encoding="utf-8")
    (tmp / "c.jsonl").write_text(GOOD2 + "\n", encoding="utf-8")
    return list(read_paths([tmp]))


def _unreadable_file(tmp: Path, mp: pytest.MonkeyPatch) -> list[Record]:
    (tmp / "a.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    (tmp / "b.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    (tmp / "c.jsonl").write_text(GOOD2 + "\n", encoding="utf-8")
    real_open = Path.open

    def fake_open(self: Path, *a: Any, **k: Any) -> Any:
        if self.name == "b.jsonl":  # as chmod 000 would (tests may run as root, who reads anything)
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **k)

    mp.setattr(Path, "open", fake_open)
    return list(read_paths([tmp]))


def _unreadable_directory(tmp: Path, mp: pytest.MonkeyPatch) -> list[Record]:
    (tmp / "a.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    (tmp / "locked").mkdir()
    (tmp / "locked" / "x.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    (tmp / "z").mkdir()
    (tmp / "z" / "c.jsonl").write_text(GOOD2 + "\n", encoding="utf-8")
    real_scandir = os.scandir

    def fake_scandir(path: Any = ".") -> Any:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    mp.setattr(os, "scandir", fake_scandir)
    return list(read_paths([tmp]))


def _symlink_loop(tmp: Path, mp: pytest.MonkeyPatch) -> list[Record]:
    (tmp / "a.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    (tmp / "sub").mkdir()
    (tmp / "sub" / "c.jsonl").write_text(GOOD2 + "\n", encoding="utf-8")
    (tmp / "sub" / "up").symlink_to(tmp, target_is_directory=True)  # sub/up/sub/up/... forever
    return list(read_paths([tmp]))


def _symlink_to_itself(tmp: Path, mp: pytest.MonkeyPatch) -> list[Record]:
    (tmp / "a.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    (tmp / "b.jsonl").symlink_to(tmp / "b.jsonl")
    (tmp / "c.jsonl").write_text(GOOD2 + "\n", encoding="utf-8")
    return list(read_paths([tmp]))


def _repeated_id(tmp: Path, mp: pytest.MonkeyPatch) -> list[Record]:
    p = tmp / "batch.jsonl"
    again = json.dumps({"id": "good", "text": "A different text under the same id."})
    p.write_text("\n".join([GOOD, again, GOOD2]) + "\n", encoding="utf-8")
    repeats: list[tuple[str, str]] = []
    recs = list(skip_repeated_ids(read_paths([p]), lambda a, first: repeats.append((a.origin or "", first))))
    assert repeats == [(f"{p}:2", f"{p}:1")]
    return [*recs, Reject(f"{p}:2", "skipped: repeated id", "repeated_id")]  # what the callback was told


HOSTILE: dict[str, tuple[Case, str, str, str]] = {
    # name: (input, where the bad record is (origin suffix), "reject" or "warning", code)
    "json_array": (_jsonl_around(b'["a", "list"]'), "batch.jsonl:2", "reject", "bad_record"),
    "json_number": (_jsonl_around(b"3.14"), "batch.jsonl:2", "reject", "bad_record"),
    "json_string": (_jsonl_around(b'"just a string"'), "batch.jsonl:2", "reject", "bad_record"),
    "json_null": (_jsonl_around(b"null"), "batch.jsonl:2", "reject", "bad_record"),
    "json_deeply_nested": (_jsonl_around(b'{"a":' * 50_000 + b"1" + b"}" * 50_000), "batch.jsonl:2",
                           "reject", "too_deep"),
    "json_huge_integer": (_jsonl_around(b'{"text": "x", "n": ' + b"9" * 5000 + b"}"), "batch.jsonl:2",
                          "reject", "bad_json"),
    "text_number": (_jsonl_around(b'{"id": "t", "text": 12}'), "batch.jsonl:2", "reject", "bad_record"),
    "text_list": (_jsonl_around(b'{"id": "t", "text": ["a"]}'), "batch.jsonl:2", "reject", "bad_record"),
    "text_dict": (_jsonl_around(b'{"id": "t", "text": {"a": 1}}'), "batch.jsonl:2", "reject", "bad_record"),
    "text_null": (_jsonl_around(b'{"id": "t", "text": null}'), "batch.jsonl:2", "reject", "no_text"),
    "line_over_limit": (_jsonl_around(b'{"text": "' + b"w" * 5000 + b'"}', Limits(record_bytes=1000)),
                        "batch.jsonl:2", "reject", "too_long"),
    "neither_utf8_nor_cp1252": (_jsonl_around(b'{"id": "t", "text": "\x81\x8d\x8f"}'), "batch.jsonl:2",
                                "reject", "encoding"),
    "latin1_line": (_jsonl_around('{"id": "t", "text": "Caf\u00e9 owners protested."}'.encode("latin-1")),
                    "batch.jsonl:2", "warning", "encoding"),
    "nul_bytes": (_jsonl_around(b'{"id": "t", "text": "The min\x00ister spoke."}'), "batch.jsonl:2",
                  "warning", "nul_bytes"),
    "csv_field_over_limit": (_csv_field_over_limit, "batch.csv:3", "reject", "too_long"),
    "gzip_bomb": (_gzip_bomb, "bomb.jsonl.gz", "reject", "inflate_limit"),
    "html_without_main_text": (_html_without_main_text, "b.html", "reject", "no_main_text"),
    "unreadable_file": (_unreadable_file, "b.jsonl", "reject", "io_error"),
    "unreadable_directory": (_unreadable_directory, "locked", "reject", "io_error"),
    "symlink_loop": (_symlink_loop, "sub/up", "reject", "symlink_loop"),
    "symlink_to_itself": (_symlink_to_itself, "b.jsonl", "reject", "io_error"),
    "repeated_id": (_repeated_id, "batch.jsonl:2", "reject", "repeated_id"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_is_reported_and_the_neighbours_survive(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case, where, outcome, code = HOSTILE[name]
    recs = case(tmp_path, monkeypatch)
    hits = [r for r in recs if (r.origin or "").endswith(where)]
    assert len(hits) == 1, (where, recs)  # reported once
    (bad,) = hits
    if outcome == "reject":
        assert isinstance(bad, Reject) and bad.code == code and bad.reason, bad
    else:
        assert isinstance(bad, Article) and code in [w.code for w in bad.warnings], bad
    # the good neighbours: read exactly as alone
    arts = {r.id: r for r in recs if isinstance(r, Article)}
    for line in (GOOD, GOOD2):
        alone = next(iter(read_bytes(line.encode(), "alone.jsonl", "jsonl")))
        assert isinstance(alone, Article)
        if alone.id in arts:
            assert _key(arts[alone.id]) == _key(alone)
    assert "good2" in arts  # whatever was before the bad record, what follows it is read
    others = [r for r in recs if isinstance(r, Reject) and r is not bad]
    assert not others, others


def test_fifty_megabyte_line_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    p = tmp_path / "huge.jsonl"
    with p.open("wb") as f:
        f.write(GOOD.encode() + b"\n")
        f.write(b'{"id": "huge", "text": "' + b"a" * 50_000_000 + b'"}\n')
        f.write(GOOD2.encode() + b"\n")
    tracemalloc.start()
    try:
        recs = list(read_paths([p]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [type(r).__name__ for r in recs] == ["Article", "Reject", "Article"]
    rej = recs[1]
    assert isinstance(rej, Reject) and rej.code == "too_long" and rej.origin.endswith("huge.jsonl:2")
    assert "50,000,027 bytes" in rej.reason
    assert peak < 45_000_000  # never the whole line: one record's limit (16 MiB) and a copy


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_files_with_or_without_bom(tmp_path: Path, codec: str) -> None:
    lines = [json.dumps(_good_line(t, i), ensure_ascii=False) for i, t in enumerate(GOOD_TEXTS)]
    p = tmp_path / "u.jsonl"
    p.write_bytes(("\n".join(lines) + "\n").encode(codec))
    recs = list(read_paths([p]))
    assert [r.text for r in recs if isinstance(r, Article)] == GOOD_TEXTS
    assert all(not [w for w in r.warnings if w.code == "encoding"] for r in recs if isinstance(r, Article))
    t = tmp_path / "u.txt"
    t.write_bytes(f"date 2025-05-20\n{GOOD_TEXTS[2]}".encode(codec))
    (art,) = read_paths([t])
    assert isinstance(art, Article) and art.text == GOOD_TEXTS[2] and art.date == dt.date(2025, 5, 20)


def test_utf8_bom_is_removed_and_a_cp1252_line_does_not_touch_the_others() -> None:
    lines = [json.dumps(_good_line(t, i), ensure_ascii=False).encode() for i, t in enumerate(GOOD_TEXTS)]
    legacy = json.dumps({"id": "legacy", "text": "Caf\u00e9 \u2014 \u201cquoted\u201d"}, ensure_ascii=False)
    data = b"\xef\xbb\xbf" + b"\n".join([*lines[:2], legacy.encode("cp1252"), *lines[2:]]) + b"\n"
    recs = list(read_bytes(data, "f.jsonl", "auto", ".jsonl"))
    arts = {r.id: r for r in recs if isinstance(r, Article)}
    assert [arts[f"g{i}"].text for i in range(5)] == GOOD_TEXTS  # not mojibake
    assert all(not any(w.code == "encoding" for w in arts[f"g{i}"].warnings) for i in range(5))
    assert arts["legacy"].text == "Caf\u00e9 \u2014 \u201cquoted\u201d"
    assert arts["legacy"].warnings[0].code == "encoding" and arts["legacy"].origin == "f.jsonl:3"


def test_a_csv_quoted_field_never_closed_is_reported_with_the_lines_not_read() -> None:
    data = b'id,text\n1,"fine"\n2,"' + b"q" * 300 + b"\nmore\nand more\n"
    recs = list(read_bytes(data, "f.csv", "csv", limits=Limits(record_bytes=100)))
    assert isinstance(recs[0], Article) and recs[0].text == "fine"
    (rej,) = recs[1:]
    assert isinstance(rej, Reject) and rej.code == "too_long" and rej.origin == "f.csv:3"
    assert "lines 3-5 not read" in rej.reason


def test_a_long_csv_field_under_the_limit_is_read() -> None:
    """Python's csv module stops at 131,072 characters a field by default: the readers raise
    that to the record limit, so any article the pipeline takes can come from a CSV file."""
    text = "The talks went on. " * 20_000  # 380,000 characters
    data = b"id,text\n" + _csv_row(["long", text]) + _csv_row(["next", GOOD_TEXTS[0]])
    recs = list(read_bytes(data, "f.csv", "csv"))
    assert [r.text for r in recs if isinstance(r, Article)] == [text, GOOD_TEXTS[0]]
    assert csv.field_size_limit() == 131_072  # restored


# --------------------------------------------------------------------------- the acceptance batch


def acceptance_batch(root: Path) -> Path:
    """Issue #14's batch: five good UTF-8 articles (curly quotes, dashes), an empty text, a
    malformed line, a latin-1 line, an impossible date and a 3 MB article."""
    lines = [json.dumps(_good_line(t, i), ensure_ascii=False).encode() for i, t in enumerate(GOOD_TEXTS)]
    lines.insert(1, json.dumps({"id": "empty", "date": "2025-05-20", "text": ""}).encode())
    lines.insert(3, b'{"id": "broken", "text": "The talks')
    latin = {"id": "latin", "text": "Les d\u00e9l\u00e9gu\u00e9s sont arriv\u00e9s \u00e0 Gen\u00e8ve."}
    lines.insert(5, json.dumps(latin, ensure_ascii=False).encode("latin-1"))
    baddate = {"id": "baddate", "date": "2025-02-30", "text": "Troops left the town."}
    lines.append(json.dumps(baddate).encode())
    huge = {"id": "huge", "date": "2025-05-20", "text": "The talks went on. " * 160_000}  # 3 MB
    lines.append(json.dumps(huge).encode())
    p = root / "acceptance.jsonl"
    p.write_bytes(b"\n".join(lines) + b"\n")
    return p


def test_acceptance_batch_through_the_readers(tmp_path: Path) -> None:
    recs = list(read_paths([acceptance_batch(tmp_path)]))
    arts = {r.id: r for r in recs if isinstance(r, Article)}
    assert [arts[f"g{i}"].text for i in range(5)] == GOOD_TEXTS
    assert all(not arts[f"g{i}"].warnings for i in range(5))
    assert arts["latin"].text.endswith("Gen\u00e8ve.") and arts["latin"].warnings[0].code == "encoding"
    assert arts["baddate"].date is None and arts["baddate"].warnings[0].code == "bad_date"
    assert len(arts["huge"].text) == 3_040_000 and arts["empty"].text == ""  # the pipeline rejects these two
    (rej,) = [r for r in recs if isinstance(r, Reject)]
    assert rej.code == "bad_json" and rej.origin.endswith("acceptance.jsonl:4")
