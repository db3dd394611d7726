"""Files, directories and standard input: find the format, then read record by record.

A file is read as a stream, never whole unless it is one record (a text or HTML file, up
to ``Limits.record_bytes``) or UTF-16 (up to ``Limits.utf16_bytes``); JSON lines and CSV are
read line by line with a cap per line (see ``decode``).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..model import Article, Reject
from .decode import (
    SNIFF_BYTES,
    Line,
    Source,
    byte_lines,
    bytes_binary_reason,
    decode_record,
    decode_utf16,
    read_capped,
    utf16_codec,
    utf16_lines,
)
from .limits import DEFAULT_LIMITS, Limits
from .records import _EXT, FORMATS, Record, read_csv_lines, read_html, read_jsonl_lines, read_text, sniff


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


# one loop over a stream's pieces that keeps every limit (record size, inflated size) in one place
def read_stream(  # noqa: C901
    f: BinaryIO,
    origin: str,
    fmt: str = "auto",
    suffix: str = "",
    limits: Limits = DEFAULT_LIMITS,
    gzip: bool = False,
) -> Iterator[Record]:
    """Read one file's byte stream in format ``fmt`` (``auto``: by ``suffix``, else by content).

    A read error, damaged gzip data or gzip data inflating past ``limits.inflated_bytes`` end
    the stream: the complete records before it are kept and one more reject says why.
    """
    _check_format(fmt)
    src = Source(f, gzip=gzip, inflate_cap=limits.inflated_bytes)
    head = src.head(SNIFF_BYTES)
    buf = io.BufferedReader(src, 1 << 16)
    codec = utf16_codec(head)
    if len(head) < SNIFF_BYTES and not head.strip():
        if src.problem is None:
            yield Reject(origin, "empty file", "empty_text")
        yield from _problem(src, origin)
        return
    if codec is None:
        why = bytes_binary_reason(head)
        if why:
            yield Reject(origin, why, "binary")
            return
    if fmt == "auto":
        fmt = _EXT.get(suffix.lower()) or sniff(head.decode(codec or "utf-8", "replace").lstrip("\ufeff"))
    if fmt in ("jsonl", "csv"):
        if codec is None:
            lines: Iterable[Line] = _complete_lines(byte_lines(buf, limits.record_bytes), src)
        else:
            data, over = read_capped(buf, limits.utf16_bytes)
            if over:
                yield _utf16_too_long(origin, limits)
                return
            lines = utf16_lines(data, codec)
        read = read_jsonl_lines if fmt == "jsonl" else read_csv_lines
        records = read(lines, origin, limits)
        n = 0
        for rec in records:
            n += 1
            yield rec
        if not n and src.problem is None:
            what = "JSON lines" if fmt == "jsonl" else "CSV rows"
            yield Reject(origin, f"no {what} with content in the file", "empty_text")
    else:
        cap = limits.utf16_bytes if codec else limits.record_bytes
        data, over = read_capped(buf, cap)
        if over:
            why = f"the file is over the limit of {cap:,} bytes per record; not read"
            yield _utf16_too_long(origin, limits) if codec else Reject(origin, why, "too_long")
            return
        if data.strip():
            dec = decode_utf16(data, codec) if codec else decode_record(data)
            if dec.text is None:
                yield Reject(origin, dec.reason or "cannot decode", dec.code or "encoding")
            elif fmt == "text":
                yield read_text(dec.text, origin, [dec.warning] if dec.warning else None)
            else:
                yield read_html(dec.text, origin)
        elif src.problem is None:
            yield Reject(origin, "empty file", "empty_text")
    yield from _problem(src, origin)


def _utf16_too_long(origin: str, limits: Limits) -> Reject:
    reason = (f"UTF-16 file over the limit of {limits.utf16_bytes:,} bytes (UTF-16 is read whole); "
              "convert it to UTF-8, which is read line by line")
    return Reject(origin, reason, "too_long")


def _complete_lines(lines: Iterable[Line], src: Source) -> Iterator[Line]:
    """The lines, less a last one cut short by a damaged stream (the stream's reject says so)."""
    for line in lines:
        if src.problem is not None and line.data is not None and not line.data.endswith(b"\n"):
            return
        yield line


def _problem(src: Source, origin: str) -> Iterator[Reject]:
    if src.problem is not None:
        yield Reject(origin, *src.problem)


def read_bytes(
    data: bytes, origin: str, fmt: str = "auto", suffix: str = "", limits: Limits = DEFAULT_LIMITS
) -> Iterator[Record]:
    """Read one file's bytes in format ``fmt`` (``auto`` uses the suffix, then the content)."""
    yield from read_stream(io.BytesIO(data), origin, fmt, suffix, limits)


def read_file(path: Path, fmt: str = "auto", limits: Limits = DEFAULT_LIMITS) -> Iterator[Record]:
    origin = str(path)
    suffixes = path.suffixes
    gz = bool(suffixes) and suffixes[-1].lower() == ".gz"
    suffix = suffixes[-2] if gz and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    try:
        f = path.open("rb")
    except OSError as exc:
        yield Reject(origin, f"cannot read file: {exc.strerror or exc}", "io_error")
        return
    with f:
        yield from read_stream(f, origin, fmt, suffix, limits, gzip=gz)


def iter_files(root: Path) -> Iterator[Path | Reject]:
    """Files under ``root``, recursively, in a stable order (a directory's files, then its
    subdirectories); hidden files and directories are skipped.

    Symbolic links to directories are followed, each directory read once: a link back to a
    directory above it (a loop) is reported once (``symlink_loop``) and not followed; a
    second link to a directory already read elsewhere is skipped.  A directory that cannot
    be listed is reported (``io_error``) and the walk goes on.
    """
    seen: set[tuple[int, int]] = set()

    def walk(d: Path, above: frozenset[tuple[int, int]]) -> Iterator[Path | Reject]:
        try:
            st = d.stat()
        except OSError as exc:
            yield Reject(str(d), f"cannot read directory: {exc.strerror or exc}", "io_error")
            return
        key = (st.st_dev, st.st_ino)
        if key in above:
            yield Reject(str(d), "symbolic link loop: links back to a directory above it; not followed",
                         "symlink_loop")
            return
        if key in seen:
            return
        seen.add(key)
        try:
            with os.scandir(d) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
        except OSError as exc:
            yield Reject(str(d), f"cannot list directory: {exc.strerror or exc}", "io_error")
            return
        subdirs: list[Path] = []
        for e in entries:
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(Path(e.path))
            else:
                yield Path(e.path)
        for sub in subdirs:
            yield from walk(sub, above | {key})

    yield from walk(root, frozenset())


def read_paths(
    paths: Iterable[str | os.PathLike[str]] | None, fmt: str = "auto", limits: Limits = DEFAULT_LIMITS
) -> Iterator[Record]:
    """Read every path (``-`` or no path: standard input); directories recursively."""
    _check_format(fmt)
    plist = [str(p) for p in (paths or [])] or ["-"]
    for p in plist:
        if p == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", fmt, limits=limits)
            continue
        path = Path(p)
        if path.is_dir():
            for f in iter_files(path):
                if isinstance(f, Reject):
                    yield f
                else:
                    yield from read_file(f, fmt, limits)
        elif path.exists():
            yield from read_file(path, fmt, limits)
        else:
            yield Reject(p, "no such file or directory", "io_error")


def skip_repeated_ids(
    records: Iterable[Record], on_repeat: Callable[[Article, str], None] | None = None
) -> Iterator[Record]:
    """``records`` less every later article with an id seen earlier in the same run.

    The rule of ``eventwire ingest`` (``store.ingest.new_records``) and ``eventwire code``:
    the first article with an id is coded, a later one is skipped (not parsed) and
    ``on_repeat(article, origin of the first)`` is told; rejects pass through.
    """
    first: dict[str, str] = {}
    for rec in records:
        if isinstance(rec, Article):
            if rec.id in first:
                if on_repeat is not None:
                    on_repeat(rec, first[rec.id])
                continue
            first[rec.id] = rec.origin or rec.id
        yield rec
