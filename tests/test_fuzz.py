"""Fuzzing: hostile article texts through the readers and the whole pipeline.

Guarantees tested (docs/reliability.md):
- a reader never raises: any bytes in any format become ``Article`` or ``Reject`` records;
- a well-formed record survives reading unchanged (JSON lines and CSV round-trip any text);
- the pipeline never raises on any text: it yields a ``Document`` or a ``Reject`` with a reason;
- every offset in a coded document slices the body to exactly the reported text.

Texts are generated from pieces written for these tests: random Unicode, control and
zero-width characters, right-to-left text and marks, emoji, unmatched and nested quotation
marks, empty sentences and (in separate tests) 100,000-character tokens.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import FORMATS, read_bytes
from eventwire.model import Article, Document, Reject
from eventwire.pipeline import Pipeline
from test_offsets import check_offsets

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
RTL = ["\u05e9\u05dc\u05d5\u05dd \u05e2\u05dc\u05d9\u05db\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u202e",
       "\u202b", "\u200f", "\u202c", "\u2067", "\u2069"]
EMOJI = ["\U0001f600", "\U0001f1fa\U0001f1e6", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u2764\ufe0f",
         "\U0001f44d\U0001f3fd"]
QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "\u2039", "\u203a",
          "``", "''", '"\u2018', "\u2019\"", "\u201c\u201c", "\u201d\u201d"]
EMPTY_SENTENCES = [".", ". .", "...", "!?", "\n\n", "\n\n\n\n", "  .  ", "\r\n", "\t", "\u2029", "\u2028"]
WORDS = ["The", "minister", "said", "Russia", "attacked", "Ukraine", "on", "Monday", "in", "Kyiv", "talks",
         "told", "reporters", "police", "protesters", "Paris", "agreed", "sanctions", "he", "she", ",",
         "2025", "May", "20", "Mr.", "U.S.", "NATO", "(", ")", "--", "\u2014"]

piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(ZERO_WIDTH),
    st.sampled_from(RTL),
    st.sampled_from(EMOJI),
    st.sampled_from(QUOTES),
    st.sampled_from(EMPTY_SENTENCES),
    st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Mn"]),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
)


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts = draw(st.lists(piece, min_size=0, max_size=70))
    n = len(parts)
    seps = draw(st.lists(st.sampled_from([" ", "", "\n", " ", ". "]), min_size=n, max_size=n))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


def _records(data: bytes, fmt: str, suffix: str = "") -> list[Article | Reject]:
    out = list(read_bytes(data, "fuzz", fmt, suffix))
    assert out, "a reader must yield at least one record (or reject) for non-empty input"
    for r in out:
        assert isinstance(r, Article | Reject)
        if isinstance(r, Reject):
            assert r.reason and r.origin
    return out


def _code_all(pipeline: Pipeline, records: Iterable[Article | Reject]) -> list[Document | Reject]:
    out = list(pipeline.run(records))
    for d in out:
        assert isinstance(d, Document | Reject)
        if isinstance(d, Document):
            check_offsets(d)
        else:
            assert d.reason
    return out


# --------------------------------------------------------------------------- readers

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines() splits at these

FUZZ = settings(max_examples=60, deadline=None)


@FUZZ
@given(data=st.binary(max_size=400), fmt=st.sampled_from([f for f in FORMATS if f != "html"]))
def test_readers_never_raise_on_any_bytes(data: bytes, fmt: str) -> None:
    if data.strip():
        _records(data, fmt)
    else:
        assert all(isinstance(r, Reject) for r in read_bytes(data, "fuzz", fmt))


@settings(max_examples=15, deadline=None)
@given(data=st.one_of(st.binary(max_size=300), articles().map(lambda t: f"<p>{t}</p>".encode())))
def test_html_reader_never_raises(data: bytes) -> None:
    if data.strip():
        _records(data, "html")


@FUZZ
@given(texts=st.lists(articles(), min_size=1, max_size=4))
def test_jsonl_round_trips_any_text(texts: list[str]) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": t, "date": "2025-05-20"}) for i, t in enumerate(texts)]
    # raw (not ASCII-escaped) JSON too: the text goes through the decoder as real UTF-8
    lines += [json.dumps({"id": f"u{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
    data = ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")
    recs = _records(data, "jsonl")
    got = {r.id: r.text for r in recs if isinstance(r, Article)}
    binary = {r.article_id for r in recs if isinstance(r, Reject) and r.code == "binary"}
    for i, t in enumerate(texts):
        if "\x00" in t and f"a{i}" in binary:  # a record mostly of NUL/control characters
            continue
        want = t.replace("\x00", "")  # NULs are removed from a record (with a warning)
        assert got[f"a{i}"] == want
        if not any(c in t for c in LINE_BREAKS):
            assert got[f"u{i}"] == want  # line separators inside raw JSON split the line: that is a reject
    rejected = [r for r in recs if isinstance(r, Reject)]
    assert len(got) + len(rejected) >= len(lines)


@FUZZ
@given(texts=st.lists(articles(), min_size=1, max_size=4))
def test_csv_round_trips_any_text(texts: list[str]) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(["id", "date", "text"])
    for i, t in enumerate(texts):
        w.writerow([f"c{i}", "2025-05-20", t])
    data = buf.getvalue().encode("utf-8")
    recs = _records(data, "csv")
    if recs[0].origin == "fuzz":  # the file as a whole: binary when control bytes are a real share
        assert [r.code for r in recs] == ["binary"]
        return
    got = {r.id: r for r in recs if isinstance(r, Article)}
    rejected = {r.article_id: r for r in recs if isinstance(r, Reject)}
    for i, t in enumerate(texts):
        if "\x00" in t:  # a record with NULs: cleaned with a warning, or rejected as binary
            if f"c{i}" in rejected:
                assert rejected[f"c{i}"].code == "binary"
            else:
                assert got[f"c{i}"].text == t.replace("\x00", "")
                assert got[f"c{i}"].warnings[0].code == "nul_bytes"
        elif t.strip():
            assert got[f"c{i}"].text == t, recs


# --------------------------------------------------------------------------- the whole pipeline


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles())
def test_pipeline_never_raises_and_offsets_slice(pipeline: Pipeline, text: str) -> None:
    data = json.dumps({"id": "f", "text": text, "date": "2025-05-20"}).encode()
    recs = _records(data, "jsonl")
    out = _code_all(pipeline, recs)
    assert len(out) == 1
    if "\x00" in text and isinstance(out[0], Reject) and out[0].code == "binary":
        return  # a record mostly of NUL/control characters (NULs are otherwise removed)
    if text.replace("\x00", "").strip():
        assert isinstance(out[0], Document), out[0]
    else:
        assert isinstance(out[0], Reject) and out[0].code == "empty_text"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles())
def test_text_file_reader_then_pipeline(pipeline: Pipeline, text: str) -> None:
    """The text-file path (date header, decoding) then coding: offsets index the stored body."""
    data = ("date 2025-05-20\n" + text).encode("utf-8", "surrogatepass")
    if not data.strip():
        return
    recs = _records(data, "text")
    out = _code_all(pipeline, recs)
    for d in out:
        if isinstance(d, Document):
            assert d.text == recs[0].text  # type: ignore[union-attr]


LONG = 100_000


@pytest.mark.parametrize(
    "token",
    [
        "a" * LONG,
        "\u200b" * LONG,
        "\u05e9" * LONG,
        ("x" * 999 + "\u200d") * (LONG // 1000),
        "\U0001f600" * (LONG // 5),  # 20k emoji, 20k tokens: took ~60 s before the fix, now ~6 s
        '"' * (LONG // 5),  # one token per character: 20k tokens (100k would take ~20 s of honest work)
        "\u201c" * (LONG // 10) + "\u201d" * (LONG // 10),
    ],
    ids=["latin", "zero-width", "hebrew", "joiners", "emoji", "ascii-quotes", "curly-quotes"],
)
def test_hundred_thousand_character_tokens(pipeline: Pipeline, token: str) -> None:
    """A long run without spaces is coded in seconds.  Before the parser cut such
    runs (eventwire.nlp.split_long_runs), spaCy's affix splitting made this quadratic: 50,000
    emoji took 368 s."""
    text = f'Russia attacked Ukraine on Monday, officials said. {token} "Talks will go on," he said.'
    from eventwire.nlp import MAX_RUN, split_long_runs

    # the guard against the quadratic case is structural (no wall-clock limit in a unit test):
    # no piece handed to the tokenizer holds a space-free run longer than MAX_RUN
    pieces = split_long_runs(text, 0, len(text))
    assert max(len(run) for a, b in pieces for run in text[a:b].split()) <= MAX_RUN
    out = _code_all(pipeline, [Article(id="long", text=text)])
    assert len(out) == 1 and isinstance(out[0], Document), out


def test_many_quotes_and_empty_sentences(pipeline: Pipeline) -> None:
    """Hundreds of unmatched and nested quotation marks and empty sentences in one article."""
    parts = []
    for i in range(300):
        parts.append(QUOTES[i % len(QUOTES)])
        parts.append(EMPTY_SENTENCES[i % len(EMPTY_SENTENCES)])
        if i % 7 == 0:
            parts.append('The minister said: \u201cWe said \u2018no\u2019 and "never," he told us.')
    text = " ".join(parts)
    out = _code_all(pipeline, [Article(id="q", text=text)])
    assert isinstance(out[0], Document)


@settings(max_examples=100, deadline=None)
@given(text=articles(), size=st.integers(1, 30), lo=st.integers(0, 50), hi=st.integers(0, 50))
def test_split_long_runs_covers_the_piece(text: str, size: int, lo: int, hi: int) -> None:
    from eventwire.nlp import split_long_runs

    start, end = min(lo, len(text)), max(min(lo, len(text)), len(text) - hi)
    pieces = split_long_runs(text, start, end, size)
    assert "".join(text[a:b] for a, b in pieces) == text[start:end]
    assert all(a < b for a, b in pieces)
    for a, b in pieces:
        assert all(len(run) <= size for run in text[a:b].split() if run) or b - a <= size
