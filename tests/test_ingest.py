"""Readers: formats, headers, ids, dates and every kind of bad record."""

from __future__ import annotations

import datetime as dt
import gzip
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.ingest import (
    BINARY_SHARE,
    article_id,
    make_article,
    parse_date,
    read_bytes,
    read_paths,
    split_header,
)
from eventwire.model import Article, Reject
from eventwire.nlp import chunks

BODY = "Officials in the capital said on Monday that talks would resume."


def _one(path: Path, fmt: str = "auto") -> list[Article | Reject]:
    return list(read_paths([path], fmt))


def test_text_header_same_line(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(f" date 2025-05-20 {BODY}\n", encoding="utf-8")
    (art,) = _one(p)
    assert isinstance(art, Article)
    assert art.date == dt.date(2025, 5, 20)
    assert art.text.startswith("Officials")
    assert not art.warnings


def test_text_header_next_line(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(f"date 2025-05-20\n{BODY}\n", encoding="utf-8")
    (art,) = _one(p)
    assert isinstance(art, Article)
    assert art.date == dt.date(2025, 5, 20)
    assert art.text.startswith("Officials")


def test_text_without_header_has_missing_date(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(BODY, encoding="utf-8")
    (art,) = _one(p)
    assert isinstance(art, Article)
    assert art.date is None
    assert art.text == BODY
    assert [w.code for w in art.warnings] == ["no_date"]


def test_text_whose_first_word_is_date_but_no_iso_date() -> None:
    date, body = split_header("Date night in the capital was quiet.")
    assert date is None
    assert body.startswith("Date night")


def test_impossible_date_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(f"date 2025-02-30 {BODY}", encoding="utf-8")
    (art,) = _one(p)
    assert isinstance(art, Article)
    assert art.date is None
    assert art.warnings[0].code == "bad_date"
    assert "2025-02-30" in art.warnings[0].message


@pytest.mark.parametrize(
    ("raw", "ok"),
    [("2025-05-20", True), ("2024-02-29", True), ("2023-02-29", False), ("2025-13-01", False),
     ("20 May 2025", False), ("", None), (None, None), ("2025-05-20T10:00:00Z", True)],
)
def test_parse_date(raw: str | None, ok: bool | None) -> None:
    d, w = parse_date(raw)
    if ok is None:
        assert d is None and w is None
    elif ok:
        assert d is not None and w is None
    else:
        assert d is None and w is not None


def test_jsonl_fields_and_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "x1", "date": "2020-01-02", "title": "T", "url": "u", "source": "s", "text": BODY}),
        "{not json",
        json.dumps({"date": "2020-01-02"}),
        json.dumps({"text": 42}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"text": BODY, "url": "https://example.org/a"}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    recs = _one(p)
    assert [type(r).__name__ for r in recs] == ["Article", "Reject", "Reject", "Reject", "Reject", "Article"]
    a = recs[0]
    assert isinstance(a, Article)
    assert (a.id, a.title, a.url, a.source, a.date) == ("x1", "T", "u", "s", dt.date(2020, 1, 2))
    bad = recs[1]
    assert isinstance(bad, Reject)
    assert bad.origin.endswith("a.jsonl:2") and "malformed JSON" in bad.reason
    assert isinstance(recs[2], Reject) and recs[2].code == "no_text"
    last = recs[-1]
    assert isinstance(last, Article)
    assert last.id == article_id(BODY, "https://example.org/a")


def test_ids_are_stable_and_prefer_url() -> None:
    a = make_article(BODY, url="https://example.org/x")
    b = make_article(BODY + " More.", url="https://example.org/x")
    c = make_article(BODY)
    assert a.id == b.id
    assert c.id == make_article(BODY).id
    assert c.id != a.id


def test_csv_reader_with_ragged_rows(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(
        'id,date,text\n1,2021-03-04,"First, with a comma."\n2,2021-03-05\n3,2021-03-06,"Third.",extra\n'
        '4,2021-03-07,"Fourth."\n',
        encoding="utf-8",
    )
    recs = _one(p)
    kinds = [type(r).__name__ for r in recs]
    assert kinds == ["Article", "Reject", "Reject", "Article"]
    assert isinstance(recs[0], Article) and recs[0].text == "First, with a comma."
    assert isinstance(recs[1], Reject) and "ragged" in recs[1].reason and recs[1].origin.endswith(":3")


def test_csv_without_text_column(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text("id,body\n1,hello\n", encoding="utf-8")
    (rej,) = _one(p)
    assert isinstance(rej, Reject) and rej.code == "no_text"


def test_non_utf8_text_is_decoded_with_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("date 2020-01-01 The minister met the caf\xe9 owners in S\xe3o Paulo.".encode("cp1252"))
    (art,) = _one(p)
    assert isinstance(art, Article)
    assert "São Paulo" in art.text
    assert art.warnings[0].code == "encoding"


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    p = tmp_path / "blob.bin"
    p.write_bytes(bytes(range(256)) * 10)
    (rej,) = _one(p)
    assert isinstance(rej, Reject) and rej.code == "binary"


def test_one_nul_does_not_make_a_csv_file_binary() -> None:
    rows = [f'r{i},2025-05-20,"{BODY} Item {i}."' for i in range(300)]
    rows[150] = f'r150,2025-05-20,"{BODY[:20]}\x00{BODY[20:]}"'
    data = ("id,date,text\n" + "\n".join(rows) + "\n").encode()
    recs = list(read_bytes(data, "f.csv", "csv"))
    assert len(recs) == 300 and all(isinstance(r, Article) for r in recs)
    cleaned = {r.id: r for r in recs}["r150"]
    assert cleaned.text == BODY and [w.code for w in cleaned.warnings] == ["nul_bytes"]
    assert "1 NUL character" in cleaned.warnings[0].message
    assert not {r.id: r for r in recs}["r149"].warnings


def test_a_binary_record_is_rejected_and_the_others_kept() -> None:
    lines = [json.dumps({"id": f"j{i}", "text": f"{BODY} Item {i}."}) for i in range(50)]
    lines[10] = json.dumps({"id": "j10", "text": "\x00\x01\x02 not really text \x00\x00\x00"})  # escaped
    lines[20] = '{"id": "j20", "text": "' + "\x00" * 40 + '"}'  # raw NULs in the line
    lines[30] = json.dumps({"id": "j30", "text": BODY, "title": "A\x00title"})
    recs = list(read_bytes(("\n".join(lines) + "\n").encode(), "f.jsonl", "jsonl"))
    assert len(recs) == 50
    rejects = {r.origin: r for r in recs if isinstance(r, Reject)}
    assert set(rejects) == {"f.jsonl:11", "f.jsonl:21"}
    assert all(r.code == "binary" and "NUL or control" in r.reason for r in rejects.values())
    assert rejects["f.jsonl:11"].article_id == "j10"
    arts = {r.id: r for r in recs if isinstance(r, Article)}
    assert arts["j30"].title == "Atitle" and arts["j30"].warnings[0].code == "nul_bytes"
    assert "title" in arts["j30"].warnings[0].message


def test_raw_nul_inside_a_json_line_is_removed_with_a_warning() -> None:
    line = '{"id": "n1", "text": "' + BODY[:10] + "\x00" + BODY[10:] + '"}\n'
    (art,) = read_bytes(line.encode(), "n.jsonl", "jsonl")
    assert isinstance(art, Article) and art.text == BODY
    assert art.warnings[0].code == "nul_bytes" and "JSON line" in art.warnings[0].message


def test_a_text_file_with_a_stray_nul_is_cleaned(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(f"date 2025-05-20\n{BODY}\x00 {BODY}\n".encode())
    (art,) = _one(p)
    assert isinstance(art, Article) and art.text == f"{BODY} {BODY}\n"
    assert art.date == dt.date(2025, 5, 20) and art.warnings[0].code == "nul_bytes"


@given(
    n_text=st.integers(min_value=1, max_value=2000),
    n_ctl=st.integers(min_value=0, max_value=200),
    ctl=st.sampled_from([b"\x00", b"\x01", b"\x08", b"\x1b"]),
)
def test_a_file_is_binary_only_when_control_bytes_are_a_real_share(
    n_text: int, n_ctl: int, ctl: bytes
) -> None:
    data = b"x" * n_text + ctl * n_ctl
    recs = list(read_bytes(data, "f.txt", "text"))
    binary = n_ctl > BINARY_SHARE * len(data)
    assert (recs[0].code == "binary") == binary if isinstance(recs[0], Reject) else not binary
    if not binary:
        (art,) = recs
        assert isinstance(art, Article)
        assert art.text == "x" * n_text + ("" if ctl == b"\x00" else (ctl * n_ctl).decode())


@given(st.binary(min_size=1, max_size=3000))
def test_records_never_keep_a_nul(data: bytes) -> None:
    for fmt in ("text", "jsonl", "csv"):
        for r in read_bytes(data, "f", fmt):
            if isinstance(r, Article):
                assert "\x00" not in r.text and "\x00" not in (r.title or "") and "\x00" not in r.id


def test_directory_recursive_in_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(f"date 2020-01-01 {BODY}", encoding="utf-8")
    (tmp_path / "b" / "c.jsonl").write_text(json.dumps({"id": "c", "text": BODY}) + "\n", encoding="utf-8")
    (tmp_path / "b" / "junk.dat").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / ".hidden").write_text("ignored", encoding="utf-8")
    recs = list(read_paths([tmp_path]))
    assert [type(r).__name__ for r in recs] == ["Article", "Article", "Reject"]
    assert isinstance(recs[1], Article) and recs[1].id == "c"


def test_truncated_gzip_keeps_complete_records(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl.gz"
    payload = "".join(json.dumps({"id": f"r{i}", "text": BODY * 5}) + "\n" for i in range(200)).encode()
    data = gzip.compress(payload)
    p.write_bytes(data[: len(data) // 2])
    recs = _one(p)
    arts = [r for r in recs if isinstance(r, Article)]
    rejs = [r for r in recs if isinstance(r, Reject)]
    assert arts and len(arts) < 200
    assert [a.id for a in arts] == [f"r{i}" for i in range(len(arts))]
    assert rejs and rejs[-1].code == "truncated"


def test_missing_path_is_a_reject() -> None:
    (rej,) = list(read_paths(["/no/such/file.txt"]))
    assert isinstance(rej, Reject) and rej.code == "io_error"


def test_html_reader_extracts_main_text_and_date(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Ministers meet</title>"
        '<meta property="article:published_time" content="2021-06-01T08:00:00Z"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Ministers meet</h1>"
        "<p>The foreign ministers of Chile and Peru met in Lima on Monday to discuss a new trade agreement "
        "between the two countries, officials said.</p><p>Both delegations described the talks as useful and "
        "agreed to meet again in the autumn to finish the text.</p></article></body></html>",
        encoding="utf-8",
    )
    (art,) = _one(p)
    assert isinstance(art, Article)
    assert "foreign ministers of Chile and Peru" in art.text
    assert "Home | World" not in art.text
    assert art.date == dt.date(2021, 6, 1)


@given(st.text(max_size=300), st.integers(min_value=5, max_value=60))
def test_chunks_cover_text_exactly(text: str, size: int) -> None:
    pieces = chunks(text, size)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(0 < e - s <= size for s, e in pieces) or text == ""
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))


def test_jsonl_lines_end_at_newline_only(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    text = "The ministers met.\u2028They agreed.\x85Talks resume on Friday."
    p.write_text(json.dumps({"id": "u", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    (art,) = _one(p)
    assert isinstance(art, Article) and art.text == text


def test_file_without_records_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_bytes(b"\x1c\n")
    (rej,) = _one(p)
    assert isinstance(rej, Reject) and rej.code == "empty_text"
