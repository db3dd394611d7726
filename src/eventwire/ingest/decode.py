"""Bytes to text, one record at a time.

- A JSON-lines or CSV file is split into lines at the byte ``\\n`` *before* decoding, and
  every line is decoded on its own: UTF-8, else cp1252 (with an ``encoding`` warning on
  that line's record only), else the line is rejected (``encoding``).  Splitting first is
  safe because ``\\n`` (0x0a) never occurs inside a UTF-8 or cp1252 multi-byte character, so
  a valid UTF-8 file gives exactly the text a whole-file decode gives, and one bad line can
  no longer make every other line fail or be decoded as cp1252 (mojibake).
- Lines are read with a size cap (``Limits.record_bytes``): a longer line is skipped to the
  next newline in bounded chunks and reported (``too_long``), never held in memory.
- UTF-16 (a byte-order mark, or without one the NUL-byte pattern of mostly-ASCII UTF-16) has
  two-byte line breaks, so such a file is read whole (up to ``Limits.utf16_bytes``) and split
  at its own line breaks, each line decoded on its own.
- A UTF-8 byte-order mark at the start of a file is removed.
- gzip is decompressed incrementally with a cap on the decompressed size
  (``Limits.inflated_bytes``); damage or the cap ends the stream, and the reader reports it.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..model import Warning_

#: Data is binary, not text, when more than this share of its first ``SNIFF_BYTES`` bytes (or
#: of one record's first characters) are NUL or other control bytes that are not white space
#: (0x00-0x08, 0x0e-0x1b; tab, newlines, form feed and the separators 0x1c-0x1f are white
#: space to Python).  A few stray NULs in a text file do not make it binary: the records that
#: hold them are cleaned (the NULs removed, with a ``nul_bytes`` warning).
BINARY_SHARE = 0.05
SNIFF_BYTES = 65536
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1C)])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1b]")
_UTF8_BOM = b"\xef\xbb\xbf"
#: bytes read at a time when skipping the rest of an over-long line
_SKIP_CHUNK = 1 << 20


def binary_reason(n_control: int, n_total: int, unit: str = "bytes") -> str | None:
    """Why data with ``n_control`` NUL/control units out of ``n_total`` is binary (None: it is text)."""
    if n_total and n_control > BINARY_SHARE * n_total:
        return f"binary data, not text: {n_control} of the first {n_total} {unit} are NUL or control {unit}"
    return None


def text_binary_reason(text: str) -> str | None:
    sample = text[:SNIFF_BYTES]
    return binary_reason(len(_CONTROL_CHARS.findall(sample)), len(sample), "characters")


def bytes_binary_reason(data: bytes) -> str | None:
    sample = data[:SNIFF_BYTES]
    return binary_reason(len(sample) - len(sample.translate(None, _CONTROL_BYTES)), len(sample))


@dataclass(slots=True)
class Decoded:
    """One record's bytes decoded: ``text``, or why not (``reason``, ``code``)."""

    text: str | None
    warning: Warning_ | None = None
    reason: str | None = None
    code: str | None = None


def decode_record(data: bytes, strip_bom: bool = True) -> Decoded:
    """Decode one record: UTF-8, else cp1252 (with an ``encoding`` warning), else a reason.

    cp1252 text with more than 1 in 50 of its first 4,096 characters control characters is
    binary, not legacy text.
    """
    if strip_bom and data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return Decoded(None, reason=f"not valid UTF-8 ({bad}) nor cp1252", code="encoding")
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > max(4, len(text[:4096]) // 50):
        return Decoded(None, reason=f"binary data, not text ({bad})", code="binary")
    return Decoded(text, Warning_("encoding", f"not valid UTF-8 ({bad}); decoded as cp1252"))


def utf16_codec(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``head`` (a file's first bytes) is UTF-16, else None.

    A byte-order mark decides; without one, the file is UTF-16 when at least 60 % of its
    first code units are ASCII white space or printable characters with a NUL high byte
    (that is what UTF-16 of mostly-ASCII text looks like; binary data rarely does).
    """
    if head.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if head.startswith(b"\xfe\xff"):
        return "utf-16-be"
    sample = head[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    n = len(sample) // 2
    if n < 2:
        return None
    for codec, lo, hi in (("utf-16-le", 0, 1), ("utf-16-be", 1, 0)):
        highs, lows = sample[hi::2], sample[lo::2]
        ascii_units = sum(
            1 for h, c in zip(highs, lows, strict=True) if h == 0 and (0x20 <= c < 0x7F or c in b"\t\r\n")
        )
        if ascii_units >= 0.6 * n:
            return codec
    return None


@dataclass(slots=True)
class Line:
    """One physical line of a file: its 1-based number and its bytes (None when over the cap)."""

    n: int
    data: bytes | None
    #: the line's size in bytes (the whole size of an over-long line)
    size: int
    #: ``"`` characters in the line (the CSV reader uses it to find where a broken row ends)
    quotes: int
    #: already decoded (UTF-16 lines): the text, or why not
    decoded: Decoded | None = None


def byte_lines(f: BinaryIO, limit: int) -> Iterator[Line]:
    """The lines of a byte stream, each ending in ``\\n`` (the last one may not), capped at
    ``limit`` bytes without the newline: a longer line comes back with ``data=None``."""
    n = 0
    while True:
        b = f.readline(limit + 1)
        if not b:
            return
        n += 1
        if len(b) <= limit or b.endswith(b"\n"):
            yield Line(n, b, len(b), b.count(b'"'))
            continue
        size, quotes = len(b), b.count(b'"')
        while not b.endswith(b"\n"):
            b = f.readline(_SKIP_CHUNK)
            if not b:
                break
            size += len(b)
            quotes += b.count(b'"')
        yield Line(n, None, size, quotes)


def utf16_lines(data: bytes, codec: str) -> Iterator[Line]:
    """The lines of a whole UTF-16 file, split at its two-byte line feeds, each decoded on its
    own (a line that is not valid UTF-16 is rejected, ``encoding``)."""
    newline = "\n".encode(codec)
    bom = "\ufeff".encode(codec)
    if data.startswith(bom):
        data = data[len(bom) :]
    start, n = 0, 0
    while start < len(data):
        i = data.find(newline, start)
        while i >= 0 and (i - start) % 2:
            i = data.find(newline, i + 1)
        end = len(data) if i < 0 else i + 2
        chunk = data[start:end]
        n += 1
        try:
            dec = Decoded(chunk.decode(codec))
        except UnicodeDecodeError as exc:
            dec = Decoded(None, reason=f"not valid {codec.upper()} ({exc.reason} at offset {exc.start})",
                          code="encoding")
        quotes = dec.text.count('"') if dec.text is not None else chunk.count(b'"')
        yield Line(n, chunk, len(chunk), quotes, dec)
        start = end


def decode_utf16(data: bytes, codec: str) -> Decoded:
    """A whole UTF-16 record (a text or HTML file)."""
    bom = "\ufeff".encode(codec)
    if data.startswith(bom):
        data = data[len(bom) :]
    try:
        return Decoded(data.decode(codec))
    except UnicodeDecodeError as exc:
        return Decoded(None, reason=f"not valid {codec.upper()} ({exc.reason} at offset {exc.start})",
                       code="encoding")


class Source(io.RawIOBase):
    """A file's bytes as a raw stream that never raises: a read error, damaged or truncated
    gzip data, or gzip data inflating past ``inflate_cap`` end the stream, and ``problem``
    (reason, code) says why.  ``gzip=True`` decompresses (every member) as it reads."""

    def __init__(self, f: BinaryIO, gzip: bool = False, inflate_cap: int = 0) -> None:
        super().__init__()
        self._f = f
        self._gzip = gzip
        self._cap = inflate_cap
        self._out = 0
        self._input = b""
        self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._fresh = True
        self._done = False
        self._prefix = b""
        self.problem: tuple[str, str] | None = None

    def head(self, n: int) -> bytes:
        """The first ``n`` bytes (fewer at the end of the stream), read again by the next reads."""
        buf = bytearray(n)
        got = 0
        while got < n:
            k = self.readinto(memoryview(buf)[got:])
            if not k:
                break
            got += k
        self._prefix = bytes(buf[:got])
        return self._prefix

    def readable(self) -> bool:
        return True

    def _fail(self, reason: str, code: str) -> int:
        self.problem = (reason, code)
        self._done = True
        return 0

    def _read(self, n: int) -> bytes | None:
        try:
            return self._f.read(n)
        except (OSError, EOFError, zlib.error) as exc:
            self._fail(f"read error: {exc}", "io_error" if not self._gzip else "truncated")
            return None

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            k = min(len(b), len(self._prefix))
            b[:k] = self._prefix[:k]
            self._prefix = self._prefix[k:]
            return k
        if self._done or not len(b):
            return 0
        if not self._gzip:
            data = self._read(len(b))
            if not data:
                self._done = True
                return 0
            b[: len(data)] = data
            return len(data)
        while not self._done:
            if not self._input:
                data = self._read(1 << 16)
                if data is None:
                    return 0
                if not data:
                    self._done = True
                    if not self._fresh:
                        self._fail("truncated gzip file (ends before the end of the compressed stream)",
                                   "truncated")
                    return 0
                self._input = data
            try:
                out = self._d.decompress(self._input, len(b))
            except zlib.error as exc:
                return self._fail(f"corrupt gzip data: {exc}", "truncated")
            self._fresh = False
            self._input = self._d.unconsumed_tail
            if self._d.eof:
                self._input = self._d.unused_data + self._input
                self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._fresh = True
            if out:
                self._out += len(out)
                if self._cap and self._out > self._cap:
                    return self._fail(
                        f"the gzip data inflates past the limit of {self._cap:,} bytes; "
                        "reading stopped there",
                        "inflate_limit",
                    )
                b[: len(out)] = out
                return len(out)
        return 0


def read_capped(f: BinaryIO, cap: int) -> tuple[bytes, bool]:
    """Up to ``cap`` bytes of ``f``; True when there was more (the rest is not read)."""
    chunks: list[bytes] = []
    n = 0
    while n <= cap:  # in pieces: one read(cap + 1) would allocate the whole cap for a small file
        b = f.read(min(_SKIP_CHUNK, cap + 1 - n))
        if not b:
            break
        chunks.append(b)
        n += len(b)
    data = b"".join(chunks)
    return data[:cap], n > cap
