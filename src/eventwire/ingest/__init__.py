"""Readers: turn files, directories and standard input into ``Article`` records.

Every reader yields ``Article`` or ``Reject`` in input order and never raises on a bad
record: a record it cannot read becomes a ``Reject`` naming where it came from and why,
and reading goes on with the next one.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Article, Reject, Warning_

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

#: Data is binary, not text, when more than this share of its first ``SNIFF_BYTES`` bytes (or
#: of one record's first characters) are NUL or other control bytes that are not white space
#: (0x00-0x08, 0x0e-0x1b; tab, newlines, form feed and the separators 0x1c-0x1f are white
#: space to Python).  A few stray NULs in a text file do not make it binary: the records that
#: hold them are cleaned (the NULs removed, with a ``nul_bytes`` warning).
BINARY_SHARE = 0.05
SNIFF_BYTES = 65536
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1C)])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1b]")


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


def binary_reason(n_control: int, n_total: int, unit: str = "bytes") -> str | None:
    """Why data with ``n_control`` NUL/control units out of ``n_total`` is binary (None: it is text)."""
    if n_total and n_control > BINARY_SHARE * n_total:
        return f"binary data, not text: {n_control} of the first {n_total} {unit} are NUL or control {unit}"
    return None


def _text_binary_reason(text: str) -> str | None:
    sample = text[:SNIFF_BYTES]
    return binary_reason(len(_CONTROL_CHARS.findall(sample)), len(sample), "characters")


def decode(data: bytes, origin: str) -> tuple[str | None, Reject | None, Warning_ | None]:
    """Decode bytes as UTF-8 (with or without BOM); fall back to cp1252 for legacy text.

    Binary data is rejected: more than ``BINARY_SHARE`` of the first ``SNIFF_BYTES`` bytes
    NUL or control bytes, or (for data that is not UTF-8) more than 1 in 50 of the first
    4,096 characters control characters.
    """
    sample = data[:SNIFF_BYTES]
    why = binary_reason(len(sample) - len(sample.translate(None, _CONTROL_BYTES)), len(sample))
    if why:
        return None, Reject(origin, why, "binary"), None
    try:
        return data.decode("utf-8-sig"), None, None
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None, Reject(origin, f"not valid UTF-8 ({bad}) nor cp1252", "encoding"), None
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > max(4, len(text[:4096]) // 50):
        return None, Reject(origin, f"binary data, not text ({bad})", "binary"), None
    return text, None, Warning_("encoding", f"not valid UTF-8 ({bad}); decoded as cp1252")


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
        why = _text_binary_reason(raw)
        if why:
            return Reject(origin, why, "binary")
        warnings.append(_nul_warning(raw.count("\x00"), "the text"))
        raw = raw.replace("\x00", "")
    date, body = split_header(raw)
    art = make_article(body, date=date, origin=origin, id=None)
    art.warnings[:0] = warnings
    return art


def read_jsonl(lines: Iterable[str], origin: str) -> Iterator[Record]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        raw_nuls = line.count("\x00")
        if raw_nuls:
            # a raw NUL is never JSON: a line of mostly control bytes is binary, a few are removed
            why = _text_binary_reason(line)
            if why:
                yield Reject(where, f"the JSON line is {why}", "binary", raw=line[:200])
                continue
            line = line.replace("\x00", "")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = f"malformed JSON line ({exc.msg} at column {exc.colno})"
            yield Reject(where, reason, "bad_json", raw=line[:200])
            continue
        rec = _from_mapping(obj, where, line)
        if raw_nuls and isinstance(rec, Article):
            rec.warnings.insert(0, _nul_warning(raw_nuls, "the JSON line"))
        yield rec


def _from_mapping(obj: Any, where: str, raw: str = "") -> Record:
    if not isinstance(obj, dict):
        return Reject(where, f"expected a JSON object, got {type(obj).__name__}", "bad_record", raw=raw[:200])
    text = obj.get("text")
    rid = _opt(obj.get("id"))
    if text is None:
        return Reject(where, "record has no 'text' field", "no_text", rid, raw[:200])
    if not isinstance(text, str):
        return Reject(where, f"'text' is a {type(text).__name__}, not a string", "bad_record", rid, raw[:200])
    cleaned: list[str] = []
    nuls = 0
    if any(isinstance(v, str) and "\x00" in v for v in obj.values()):
        why = _text_binary_reason(text) if "\x00" in text else None
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


def read_csv(raw: str, origin: str) -> Iterator[Record]:
    reader = csv.reader(io.StringIO(raw, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        yield Reject(origin, "empty CSV file", "empty_file")
        return
    except csv.Error as exc:
        yield Reject(origin, f"unreadable CSV header: {exc}", "bad_csv")
        return
    cols = [h.strip().lower() for h in header]
    if "text" not in cols:
        yield Reject(origin, f"CSV has no 'text' column (columns: {', '.join(cols)})", "no_text")
        return
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(f"{origin}:{line}", f"unreadable CSV row: {exc}", "bad_csv")
            continue
        where = f"{origin}:{line}"
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
        yield _from_mapping(dict(zip(cols, row, strict=True)), where)


def read_html(raw: str, origin: str) -> Record:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    except Exception as exc:  # noqa: BLE001 - any extractor failure is this record's
        return Reject(origin, f"HTML extraction failed: {exc!r}", "bad_html")
    if doc is None:
        return Reject(origin, "no main text found in the HTML", "empty_text")
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    if not text.strip():
        return Reject(origin, "no main text found in the HTML", "empty_text")
    return make_article(
        text,
        date=get("date"),
        title=get("title"),
        url=get("url"),
        source=get("sitename") or get("hostname"),
        origin=origin,
    )


# --------------------------------------------------------------------------- dispatch


def sniff(raw: str) -> str:
    head = raw.lstrip()[:200].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<"):
        return "html"
    return "text"


def _read_bytes(f: BinaryIO) -> tuple[bytes, str | None]:
    """Read everything; for a truncated gzip stream, return what could be read and why."""
    chunks: list[bytes] = []
    try:
        while True:
            b = f.read(1 << 20)
            if not b:
                break
            chunks.append(b)
    except (EOFError, OSError, zlib.error) as exc:
        return b"".join(chunks), f"truncated or corrupt compressed file: {exc}"
    return b"".join(chunks), None


def gunzip(raw: bytes) -> tuple[bytes, str | None]:
    """Decompress gzip data (all members); on damage keep everything decoded before it."""
    out: list[bytes] = []
    while raw:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out.append(d.decompress(raw))
        except zlib.error as exc:
            return b"".join(out), f"corrupt gzip data: {exc}"
        if not d.eof:
            return b"".join(out), "truncated gzip file (ends before the end of the compressed stream)"
        raw = d.unused_data
    return b"".join(out), None


def read_bytes(data: bytes, origin: str, fmt: str = "auto", suffix: str = "") -> Iterator[Record]:
    """Read one file's bytes in format ``fmt`` (``auto`` uses the suffix, then the content)."""
    if not data.strip():
        yield Reject(origin, "empty file", "empty_text")
        return
    text, rej, warning = decode(data, origin)
    if rej is not None:
        yield rej
        return
    assert text is not None
    if fmt == "auto":
        fmt = _EXT.get(suffix.lower()) or sniff(text)
    if fmt == "text":
        yield read_text(text, origin, [warning] if warning else None)
    elif fmt == "jsonl":
        # JSON lines end at "\n" only: str.splitlines() would also cut at U+2028, U+0085 and
        # \x1c-\x1e, which may stand raw inside a JSON string
        n = 0
        for rec in read_jsonl((line.rstrip("\r") for line in text.split("\n")), origin):
            n += 1
            if warning and isinstance(rec, Article):
                rec.warnings.insert(0, warning)
            yield rec
        if not n:
            yield Reject(origin, "no JSON lines with content in the file", "empty_text")
    elif fmt == "csv":
        n = 0
        for rec in read_csv(text, origin):
            n += 1
            yield rec
        if not n:
            yield Reject(origin, "no CSV rows with content in the file", "empty_text")
    elif fmt == "html":
        yield read_html(text, origin)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def read_file(path: Path, fmt: str = "auto") -> Iterator[Record]:
    origin = str(path)
    suffixes = path.suffixes
    gz = bool(suffixes) and suffixes[-1].lower() == ".gz"
    suffix = suffixes[-2] if gz and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    try:
        if gz:
            data, problem = gunzip(path.read_bytes())
        else:
            data, problem = path.read_bytes(), None
    except OSError as exc:
        yield Reject(origin, f"cannot read file: {exc.strerror or exc}", "io_error")
        return
    line_suffix = suffix.lower() in (".jsonl", ".ndjson", ".csv")
    line_based = fmt in ("jsonl", "csv") or (fmt == "auto" and line_suffix)
    if problem and line_based:
        # Keep the complete records before the damage; the partial last line is dropped.
        cut = data.rfind(b"\n")
        data = data[: cut + 1] if cut >= 0 else b""
    if data.strip():
        yield from read_bytes(data, origin, fmt, suffix)
    elif not problem:
        yield Reject(origin, "empty file", "empty_text")
    if problem:
        yield Reject(origin, problem, "truncated")


def iter_files(root: Path) -> Iterator[Path]:
    """Files under ``root``, recursively, in a stable order; hidden files are skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def read_paths(paths: Iterable[str | os.PathLike[str]] | None, fmt: str = "auto") -> Iterator[Record]:
    """Read every path (``-`` or no path: standard input); directories recursively."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    plist = [str(p) for p in (paths or [])] or ["-"]
    for p in plist:
        if p == "-":
            data, problem = _read_bytes(sys.stdin.buffer)
            yield from read_bytes(data, "<stdin>", fmt)
            if problem:
                yield Reject("<stdin>", problem, "truncated")
            continue
        path = Path(p)
        if path.is_dir():
            for f in iter_files(path):
                yield from read_file(f, fmt)
        elif path.exists():
            yield from read_file(path, fmt)
        else:
            yield Reject(p, "no such file or directory", "io_error")
