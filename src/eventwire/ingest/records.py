"""Records: decoded lines, CSV rows and whole files into ``Article`` or ``Reject``.

The byte level (splitting, decoding, size caps) is ``decode``; files, directories and
dispatch are ``files``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Article, Reject, Warning_
from .decode import Decoded, Line, decode_record, text_binary_reason
from .limits import DEFAULT_LIMITS, Limits

FORMATS = ("auto", "text", "jsonl", "csv", "html")
_EXT = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
}
_HEADER = re.compile(r"\A\s*date[ \t]+(\S+)[ \t]*(?:\r?\n)?", re.IGNORECASE)
_ISOISH = re.compile(r"\A(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?\Z")
Record = Article | Reject

# --------------------------------------------------------------------------- helpers


def article_id(text: str, url: str | None = None) -> str:
    """A stable id: a hash of the url when there is one, else of the text."""
    basis = url.strip() if url and url.strip() else text
    return hashlib.blake2b(basis.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def parse_date(value: Any) -> tuple[dt.date | None, Warning_ | None]:
    """Parse a ``YYYY-MM-DD`` date (a time part is ignored).

    Returns ``(date, None)``, ``(None, None)`` when absent, or ``(None, warning)`` when
    the value is present but not a real date.
    """
    if value is None:
        return None, None
    raw = str(value).strip()
    if not raw:
        return None, None
    m = _ISOISH.match(raw)
    if not m:
        return None, Warning_("bad_date", f"date {raw!r} is not YYYY-MM-DD; coded without a date")
    y, mo, d = (int(g) for g in m.groups())
    try:
        return dt.date(y, mo, d), None
    except ValueError as exc:
        return None, Warning_("bad_date", f"impossible date {raw!r} ({exc}); coded without a date")


def make_article(
    text: str,
    date: Any = None,
    id: str | None = None,  # noqa: A002 - the contract's field name
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    origin: str | None = None,
) -> Article:
    """Build an ``Article``, validating the date and filling a stable id."""
    d, warning = parse_date(date)
    warnings = [warning] if warning else []
    if d is None and warning is None:
        warnings.append(Warning_("no_date", "article has no date; relative dates are not resolved"))
    aid = str(id).strip() if id is not None and str(id).strip() else article_id(text, url)
    return Article(
        id=aid,
        text=text,
        date=d,
        title=_opt(title),
        url=_opt(url),
        source=_opt(source),
        origin=origin,
        warnings=warnings,
    )


def _opt(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _nul_warning(n: int, where: str) -> Warning_:
    return Warning_("nul_bytes", f"removed {n} NUL character{'s' if n != 1 else ''} from {where}")


def _drop_nuls(obj: dict[str, Any]) -> tuple[dict[str, Any], list[str], int]:
    """The record without NUL characters in its string fields; the fields cleaned; NULs removed."""
    fields = [k for k, v in obj.items() if isinstance(v, str) and "\x00" in v]
    n = sum(obj[k].count("\x00") for k in fields)
    return {k: (v.replace("\x00", "") if k in fields else v) for k, v in obj.items()}, fields, n


# --------------------------------------------------------------------------- formats


def split_header(raw: str) -> tuple[str | None, str]:
    """Split the ``date YYYY-MM-DD`` header from a text file; returns (date text, body)."""
    m = _HEADER.match(raw)
    if not m or not re.match(r"\d{4}-\d", m.group(1)):
        return None, raw.lstrip()
    body = raw[m.end() :].lstrip()
    return m.group(1), body


def read_text(raw: str, origin: str, warnings: list[Warning_] | None = None) -> Record:
    warnings = list(warnings or [])
    if "\x00" in raw:
        why = text_binary_reason(raw)
        if why:
            return Reject(origin, why, "binary")
        warnings.append(_nul_warning(raw.count("\x00"), "the text"))
        raw = raw.replace("\x00", "")
    date, body = split_header(raw)
    art = make_article(body, date=date, origin=origin, id=None)
    art.warnings[:0] = warnings
    return art




def _line_text(line: Line, first: bool) -> Decoded:
    """A line's text (its own decoding: ``decode_record``), or why it has none."""
    if line.decoded is not None:
        return line.decoded
    assert line.data is not None
    return decode_record(line.data, strip_bom=first)


def _too_long(line: Line, limit: int, what: str) -> str:
    return f"{what} has {line.size:,} bytes, over the limit of {limit:,} bytes per record; skipped"


def read_jsonl(lines: Iterable[str], origin: str) -> Iterator[Record]:
    """JSON lines already decoded, one string per line (without its ``\\n``)."""
    for n, line in enumerate(lines, 1):
        yield from _jsonl_record(line, f"{origin}:{n}", None)


def read_jsonl_lines(lines: Iterable[Line], origin: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    """JSON lines from a file's physical lines, each decoded on its own."""
    for line in lines:
        where = f"{origin}:{line.n}"
        if line.data is None:
            yield Reject(where, _too_long(line, limits.record_bytes, "the JSON line"), "too_long")
            continue
        dec = _line_text(line, line.n == 1)
        if dec.text is None:
            if line.data.strip():
                raw = line.data[:200].decode("cp1252", "replace")
                yield Reject(where, f"the JSON line is {dec.reason}", dec.code or "encoding", raw=raw)
            continue
        text = dec.text[:-1] if dec.text.endswith("\n") else dec.text
        yield from _jsonl_record(text.removesuffix("\r"), where, dec.warning)


def _jsonl_record(line: str, where: str, warning: Warning_ | None) -> Iterator[Record]:
    if not line.strip():
        return
    raw_nuls = line.count("\x00")
    if raw_nuls:
        # a raw NUL is never JSON: a line of mostly control bytes is binary, a few are removed
        why = text_binary_reason(line)
        if why:
            yield Reject(where, f"the JSON line is {why}", "binary", raw=line[:200])
            return
        line = line.replace("\x00", "")
    try:
        obj = json.loads(line)
    except RecursionError:
        reason = "JSON nested too deeply to read (Python's recursion limit)"
        yield Reject(where, reason, "too_deep", raw=line[:200])
        return
    except json.JSONDecodeError as exc:
        reason = f"malformed JSON line ({exc.msg} at column {exc.colno})"
        yield Reject(where, reason, "bad_json", raw=line[:200])
        return
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        yield Reject(where, f"malformed JSON line ({exc})", "bad_json", raw=line[:200])
        return
    rec = _from_mapping(obj, where, line)
    if isinstance(rec, Article):
        if raw_nuls:
            rec.warnings.insert(0, _nul_warning(raw_nuls, "the JSON line"))
        if warning is not None:
            rec.warnings.insert(0, warning)
    yield rec


def _from_mapping(obj: Any, where: str, raw: str = "") -> Record:
    if not isinstance(obj, dict):
        kind = "null" if obj is None else type(obj).__name__
        return Reject(where, f"expected a JSON object, got {kind}", "bad_record", raw=raw[:200])
    text = obj.get("text")
    rid = _opt(obj.get("id"))
    if "text" not in obj:
        return Reject(where, "record has no 'text' field", "no_text", rid, raw[:200])
    if text is None:
        return Reject(where, "the record's 'text' is null", "no_text", rid, raw[:200])
    if not isinstance(text, str):
        return Reject(where, f"'text' is a {type(text).__name__}, not a string", "bad_record", rid, raw[:200])
    cleaned: list[str] = []
    nuls = 0
    if any(isinstance(v, str) and "\x00" in v for v in obj.values()):
        why = text_binary_reason(text) if "\x00" in text else None
        if why:
            return Reject(where, f"the record's text is {why}", "binary", rid, raw[:200])
        obj, cleaned, nuls = _drop_nuls(obj)
        text, rid = obj["text"], _opt(obj.get("id"))
    art = make_article(
        text,
        date=obj.get("date"),
        id=rid,
        title=obj.get("title"),
        url=obj.get("url"),
        source=obj.get("source"),
        origin=where,
    )
    if cleaned:
        art.warnings.insert(
            0, _nul_warning(nuls, "field" + ("s " if len(cleaned) > 1 else " ") + ", ".join(cleaned))
        )
    return art


# --------------------------------------------------------------------------- CSV

_CR_SPLIT = re.compile(r"(?<=\r)(?!\n)")


class _BadLine(Exception):
    """A physical line of a CSV file that could not be read (too long, or undecodable)."""

    def __init__(self, reason: str, code: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


class _CsvFeed:
    """The decoded lines the ``csv`` module reads, one at a time, with what a row needs to
    know: the warnings of the lines it was made from, and the parity of its quote marks
    (odd after a broken row: it ended inside a quoted field that goes on)."""

    def __init__(self, lines: Iterable[Line], limit: int) -> None:
        self._lines = iter(lines)
        self._pending: list[str] = []
        self._limit = limit
        self.n = 0  # csv lines handed out (a lone "\r" ends a line, as in a file opened with newline="")
        self.warnings: list[Warning_] = []
        self.quotes = 0

    def start_row(self) -> None:
        self.warnings = []
        self.quotes = 0

    def __iter__(self) -> _CsvFeed:
        return self

    def __next__(self) -> str:
        if self._pending:
            self.n += 1
            return self._pending.pop(0)
        line = next(self._lines)
        self.quotes += line.quotes
        if line.data is None:
            self.n += 1
            raise _BadLine(_too_long(line, self._limit, f"line {self.n}"), "too_long")
        dec = _line_text(line, line.n == 1)
        if dec.text is None:
            self.n += 1
            raise _BadLine(f"line {self.n} is {dec.reason}", dec.code or "encoding")
        if dec.warning is not None and dec.warning not in self.warnings:
            self.warnings.append(dec.warning)
        pieces = _CR_SPLIT.split(dec.text) if "\r" in dec.text else [dec.text]
        self._pending = pieces[1:]
        self.n += 1
        return pieces[0]

    def skip_rest_of_field(self) -> int | None:
        """After a broken row that ended inside a quoted field, skip the lines up to the one
        that closes it; returns the number of lines skipped, None when the file ended first."""
        skipped = 0
        self._pending = []
        while self.quotes % 2:
            try:
                line = next(self._lines)
            except StopIteration:
                return None
            self.n += 1
            skipped += 1
            self.quotes += line.quotes
        return skipped


def read_csv(raw: str, origin: str) -> Iterator[Record]:
    """A CSV file already decoded."""
    data = raw.encode("utf-8", "surrogatepass")
    lines = [Line(n, b, len(b), b.count(b'"'), Decoded(b.decode("utf-8", "surrogatepass")))
             for n, b in enumerate(data.splitlines(keepends=True), 1)]
    yield from read_csv_lines(lines, origin, Limits(record_bytes=max(len(data), 1)))


def read_csv_lines(lines: Iterable[Line], origin: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    """CSV rows from a file's physical lines, each line decoded on its own.

    The ``csv`` module reads the decoded lines one by one, so a quoted field may span lines.
    A row holding a line that cannot be read, or a field over ``limits.record_bytes``
    characters, is rejected; when it broke off inside a quoted field, the lines up to the
    one closing that field are skipped with it (or, when no line closes it, the rest of the
    file, which the reject says).
    """
    feed = _CsvFeed(lines, limits.record_bytes)
    reader = csv.reader(feed)
    old = csv.field_size_limit()
    try:
        csv.field_size_limit(limits.record_bytes)
        header = next(reader)
    except StopIteration:
        yield Reject(origin, "empty CSV file", "empty_file")
        return
    except (csv.Error, _BadLine) as exc:
        yield Reject(origin, f"unreadable CSV header: {exc}", "bad_csv")
        return
    finally:
        csv.field_size_limit(old)
    cols = [h.strip().lower() for h in header]
    if "text" not in cols:
        yield Reject(origin, f"CSV has no 'text' column (columns: {', '.join(cols)})", "no_text")
        return
    while True:
        line = feed.n + 1
        where = f"{origin}:{line}"
        feed.start_row()
        old = csv.field_size_limit(limits.record_bytes)
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, _BadLine) as exc:
            if isinstance(exc, _BadLine):
                reason, code = f"unreadable CSV row: {exc.reason}", exc.code
            elif "field larger than field limit" in str(exc):
                reason = f"a CSV field is over the limit of {limits.record_bytes:,} characters"
                code = "too_long"
            else:
                reason, code = f"unreadable CSV row: {exc}", "bad_csv"
            skipped = feed.skip_rest_of_field()
            if skipped is None:
                reason += f"; it opens a quoted field no later line closes: lines {line}-{feed.n} not read"
            elif skipped:
                reason += f"; lines {line}-{feed.n} (one quoted field) skipped"
            yield Reject(where, reason, code)
            continue
        finally:
            csv.field_size_limit(old)
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) != len(cols):
            yield Reject(
                where,
                f"ragged CSV row: {len(row)} fields, header has {len(cols)}",
                "bad_csv",
                raw=",".join(row)[:200],
            )
            continue
        rec = _from_mapping(dict(zip(cols, row, strict=True)), where)
        if isinstance(rec, Article):
            rec.warnings[:0] = feed.warnings
        yield rec


# --------------------------------------------------------------------------- HTML


def read_html(raw: str, origin: str) -> Record:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - any extractor failure is this record's
        return Reject(origin, f"HTML extraction failed: {exc!r}", "bad_html")
    if doc is None:
        return Reject(origin, "no main text found in the HTML", "no_main_text")
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    if not text.strip():
        return Reject(origin, "no main text found in the HTML", "no_main_text")
    return make_article(
        text,
        date=get("date"),
        title=get("title"),
        url=get("url"),
        source=get("sitename") or get("hostname"),
        origin=origin,
    )


def sniff(raw: str) -> str:
    head = raw.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<"):
        return "html"
    return "text"


