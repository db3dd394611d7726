"""Size limits of the readers (docs/reliability.md lists them with the rejects they cause).

Every limit bounds memory: a reader never holds more than about one record's limit in bytes
(plus the decoded text), whatever the input.  Tests inject small limits through ``Limits``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The largest record, in bytes before decoding: one JSON line, one physical CSV line, one
#: CSV field (in characters), one text or HTML file.  The pipeline's default ``max_chars``
#: (1,000,000 characters) is at most 4 MB of UTF-8, or 12 MB as ``\\uXXXX``-escaped JSON, so
#: every article the pipeline could code fits.  A longer record is rejected (``too_long``)
#: and reading goes on with the next line.
MAX_RECORD_BYTES = 16 * 1024 * 1024

#: A gzip file is decompressed as it is read; past this many decompressed bytes reading
#: stops with an ``inflate_limit`` reject (the records before it are kept).  1 GiB: a
#: "gzip bomb" costs seconds of CPU and no memory; split larger corpora into several files.
MAX_INFLATED_BYTES = 1024 * 1024 * 1024

#: A UTF-16 file is decoded as a whole (its line breaks are two bytes): larger ones are
#: rejected (``too_long``); convert them to UTF-8 (which is read line by line) first.
MAX_UTF16_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits one read runs under (the defaults are the constants above)."""

    record_bytes: int = MAX_RECORD_BYTES
    inflated_bytes: int = MAX_INFLATED_BYTES
    utf16_bytes: int = MAX_UTF16_BYTES


DEFAULT_LIMITS = Limits()


def limits_for(max_chars: int) -> Limits:
    """The limits for a pipeline taking articles of up to ``max_chars`` characters: a record
    may then have up to 16 bytes a character (never less than ``MAX_RECORD_BYTES``)."""
    return Limits(record_bytes=max(MAX_RECORD_BYTES, 16 * max_chars))
