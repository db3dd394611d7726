"""Readers: turn files, directories and standard input into ``Article`` records.

Every reader yields ``Article`` or ``Reject`` in input order and never raises on a bad
record: a record it cannot read becomes a ``Reject`` naming where it came from (``file``,
or ``file:line`` for a JSON line or a CSV row) and why, and reading goes on with the next.

How bytes become records (``decode``): JSON-lines and CSV files are split into lines at
the byte ``\\n`` and every line is decoded on its own (UTF-8, else cp1252 with an
``encoding`` warning on that record only, else a reject), so a bad byte sequence touches
only its own record and good records come out identical whatever sits beside them.  The
CSV reader hands the decoded lines to the ``csv`` module one by one, so quoted fields may
span lines; a row gets the warnings of every line it was made from.  UTF-16 (byte-order
mark, or the NUL pattern of UTF-16 text) is read whole and split at its own line breaks;
a UTF-8 byte-order mark is removed.  Text and HTML files are one record each.

Limits (``limits``): a record over ``MAX_RECORD_BYTES`` (one JSON line, CSV line or field,
text or HTML file) is rejected (``too_long``) without being held in memory; gzip input is
decompressed as it is read and stops at ``MAX_INFLATED_BYTES`` (``inflate_limit``).

Repeated ids: ``skip_repeated_ids`` keeps the first article with an id and skips later
ones, telling where the first was; ``eventwire code`` and ``eventwire ingest`` both follow
this rule.
"""

from __future__ import annotations

from .decode import BINARY_SHARE, SNIFF_BYTES, binary_reason, decode_record
from .files import iter_files, read_bytes, read_file, read_paths, read_stream, skip_repeated_ids
from .limits import DEFAULT_LIMITS, MAX_INFLATED_BYTES, MAX_RECORD_BYTES, MAX_UTF16_BYTES, Limits, limits_for
from .records import (
    FORMATS,
    Record,
    article_id,
    make_article,
    parse_date,
    read_csv,
    read_csv_lines,
    read_html,
    read_jsonl,
    read_jsonl_lines,
    read_text,
    sniff,
    split_header,
)

__all__ = [
    "BINARY_SHARE",
    "DEFAULT_LIMITS",
    "FORMATS",
    "MAX_INFLATED_BYTES",
    "MAX_RECORD_BYTES",
    "MAX_UTF16_BYTES",
    "SNIFF_BYTES",
    "Limits",
    "Record",
    "article_id",
    "binary_reason",
    "decode_record",
    "iter_files",
    "limits_for",
    "make_article",
    "parse_date",
    "read_bytes",
    "read_csv",
    "read_csv_lines",
    "read_file",
    "read_html",
    "read_jsonl",
    "read_jsonl_lines",
    "read_paths",
    "read_stream",
    "read_text",
    "skip_repeated_ids",
    "sniff",
    "split_header",
]
