"""Ingest: code records and write them to the store in per-batch transactions.

- Articles whose id is already stored are skipped *before* parsing (the stored ids are
  read first), so re-running an ingest resumes where it stopped and adds nothing twice.
  ``replace=True`` re-codes them instead.
- A later record with an id seen earlier in the same run is skipped (and counted): the
  rule ``eventwire code`` follows too (``eventwire.ingest.skip_repeated_ids``, which also
  says where the first was).  A repeat of a stored id counts as already stored.
- Every ``batch`` results (documents and rejects, in input order) are written in one
  transaction: a crash loses at most the batch in flight and never leaves half an article.
- After the last batch the deduplication is recomputed over the whole store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from ..dedup import DEFAULT_METHOD, DedupStats, recompute
from ..model import Article, Document, Reject
from .db import Store


class Coder(Protocol):
    def run(self, records: Iterable[Article | Reject]) -> Iterator[Document | Reject]: ...


@dataclass
class IngestStats:
    coded: int = 0
    rejected: int = 0
    skipped: int = 0
    duplicates: int = 0
    batches: int = 0
    dedup: DedupStats | None = None


def new_records(
    records: Iterable[Article | Reject], stored: set[str], stats: IngestStats
) -> Iterator[Article | Reject]:
    """``records`` less the articles already ``stored`` and later repeats of an id in this run
    (counted in ``stats.skipped`` and ``stats.duplicates``); rejects pass through.  Both the
    local and the Dask engine filter their input with this, so they code the same records."""
    seen: set[str] = set()
    for rec in records:
        if isinstance(rec, Article):
            if rec.id in seen:
                stats.duplicates += 1
                continue
            if rec.id in stored:
                stats.skipped += 1
                continue
            seen.add(rec.id)
        yield rec


def ingest(
    store: Store,
    records: Iterable[Article | Reject],
    coder: Coder,
    *,
    replace: bool = False,
    batch: int = 64,
    dedup: str | None = DEFAULT_METHOD,
    progress: Callable[[Iterable[Any]], Iterable[Any]] | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_document: Callable[[Document], None] | None = None,
) -> IngestStats:
    """Code ``records`` with ``coder`` and store the results; returns counts.

    ``dedup=None`` skips the recomputation (the ``events`` table is then stale until
    ``dedup.recompute`` runs).
    """
    if batch < 1:
        raise ValueError("batch must be at least 1")
    stats = IngestStats()
    stored = set() if replace else store.stored_ids()
    results: Iterable[Document | Reject] = coder.run(new_records(records, stored, stats))
    if progress is not None:
        results = progress(results)
    pending: list[Document | Reject] = []

    def flush() -> None:
        if pending:
            store.write_batch(pending)
            stats.batches += 1
            pending.clear()

    for item in results:
        if isinstance(item, Reject):
            stats.rejected += 1
            if on_reject:
                on_reject(item)
        else:
            stats.coded += 1
            if on_document:
                on_document(item)
        pending.append(item)
        if len(pending) >= batch:
            flush()
    flush()
    if dedup is not None:
        stats.dedup = recompute(store, dedup)
    return stats
