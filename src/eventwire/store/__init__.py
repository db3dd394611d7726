"""The corpus store (DuckDB): schema, row building, writing, queries, exports.

- ``schema``: the tables, as DuckDB DDL and Arrow schemas.
- ``rows``: Document -> rows per table (pure; reusable by other engines) and back.
- ``db.Store``: open a database file, write batches in transactions, read back.
- ``ingest.ingest``: code records and store them, resumable.
- ``queries``, ``export``, ``plot``: what the ``events``, ``quotes``, ``actors``,
  ``timeline``, ``plot timeline`` and ``export`` commands run.

See ``docs/store.md``.
"""

from .db import Store, StoreError, StoreLocked

__all__ = ["Store", "StoreError", "StoreLocked"]
