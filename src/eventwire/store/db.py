"""The DuckDB corpus store: open, write batches in transactions, read back.

DuckDB allows one writing process per database file.  A second process that tries to
open it (to write, or even to read while a writer holds it) gets ``StoreLocked`` with a
clear message instead of a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..model import Document, Reject
from . import schema
from .rows import Rows, document_dict, document_rows, reject_rows


class StoreError(RuntimeError):
    """A problem opening or using the store, with a message for a person."""


class StoreLocked(StoreError):
    pass


def _insert(con: Any, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert rows (tuples in schema order) through an Arrow table: one statement per table."""
    if not rows:
        return
    import pyarrow as pa

    sch = schema.arrow_schema(table)
    cols = list(zip(*rows, strict=True))
    arrays = [pa.array(list(col), type=f.type) for col, f in zip(cols, sch, strict=True)]
    tbl = pa.Table.from_arrays(arrays, schema=sch)
    con.register("_ew_rows", tbl)
    try:
        names = ", ".join(f'"{c}"' for c in sch.names)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _ew_rows")
    finally:
        con.unregister("_ew_rows")


class Store:
    """One DuckDB database file holding a coded corpus."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(
                f"no database at {self.path} (create it with `eventwire ingest ... --db {self.path}`)"
            )
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            msg = str(exc)
            if "lock" in msg.lower():
                raise StoreLocked(
                    f"{self.path} is in use by another process (DuckDB allows one writer at a time); "
                    "wait for the other ingest to finish, then run this again"
                ) from exc
            raise StoreError(f"cannot open {self.path}: {msg}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        self.read_only = read_only
        if not read_only:
            self._create()

    # ------------------------------------------------------------------ setup

    def _create(self) -> None:
        self.con.execute("BEGIN")
        for stmt in schema.ddl():
            self.con.execute(stmt)
        self.con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING",
            [schema.SCHEMA_VERSION],
        )
        self.con.execute("COMMIT")
        have = self.get_meta("schema_version")
        while have in schema.MIGRATIONS:
            self.con.execute("BEGIN")
            for table, column, typ in schema.MIGRATIONS[have]:
                self.con.execute(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{column}" {typ}')
            have = str(int(have) + 1)
            self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [have])
            self.con.execute("COMMIT")
        if have != schema.SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has store schema {have}, this eventwire writes {schema.SCHEMA_VERSION}"
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ meta

    def get_meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.con.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    # ------------------------------------------------------------------ writing

    def stored_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT id FROM articles").fetchall()}

    def _delete_articles(self, ids: Iterable[str]) -> None:
        import pyarrow as pa

        idl = sorted(set(ids))
        if not idl:
            return
        self.con.register("_ew_ids", pa.table({"id": pa.array(idl, type=pa.string())}))
        try:
            for t in schema.ARTICLE_TABLES:
                self.con.execute(f"DELETE FROM {t} WHERE article_id IN (SELECT id FROM _ew_ids)")
            self.con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _ew_ids)")
        finally:
            self.con.unregister("_ew_ids")

    def _delete_rejects(self, origins: Iterable[str]) -> None:
        import pyarrow as pa

        ol = sorted(set(origins))
        if not ol:
            return
        self.con.register("_ew_origins", pa.table({"origin": pa.array(ol, type=pa.string())}))
        try:
            self.con.execute("DELETE FROM rejects WHERE origin IN (SELECT origin FROM _ew_origins)")
        finally:
            self.con.unregister("_ew_origins")

    def write_batch(self, items: Sequence[Document | Reject], now: dt.datetime | None = None) -> None:
        """Write coded documents and rejects in ONE transaction: all of the batch or nothing.

        A document whose id is already stored replaces the stored one; a reject replaces
        earlier rejects from the same origin (so re-running an input adds nothing twice),
        and a document that is coded now clears old rejects from its origin.
        """
        when = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
        merged: Rows = {}
        ids: list[str] = []
        origins: list[str] = []
        for item in items:
            if isinstance(item, Reject):
                part = reject_rows(item, when)
                origins.append(item.origin)
            else:
                part = document_rows(item, when)
                ids.append(item.article.id)
                origins.append(item.article.origin or item.article.id)
            for t, rows in part.items():
                merged.setdefault(t, []).extend(rows)
        con = self.con
        con.execute("BEGIN")
        try:
            self._delete_articles(ids)
            self._delete_rejects(origins)
            for t in ("articles", *schema.ARTICLE_TABLES, "rejects"):
                _insert(con, t, merged.get(t, []))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def delete_articles(self, ids: Iterable[str]) -> None:
        self.con.execute("BEGIN")
        try:
            self._delete_articles(ids)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------ reading

    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Run a parameterised query; rows as dicts."""
        cur = self.con.execute(sql, list(params or []))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def count(self, table: str) -> int:
        if table not in schema.TABLES:
            raise KeyError(table)
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def document(self, article_id: str, include_text: bool = True) -> dict[str, Any] | None:
        """The coded JSON of one stored article, as ``Document.to_dict()`` gave it."""
        arts = self.rows("SELECT * FROM articles WHERE id = ?", [article_id])
        if not arts:
            return None
        tables = {
            t: self.rows(f"SELECT * FROM {t} WHERE article_id = ?", [article_id])
            for t in schema.ARTICLE_TABLES
        }
        return document_dict(arts[0], tables, include_text)

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every table's content, sorted, without time-of-writing columns (to compare two stores)."""
        out = {}
        for t in schema.TABLES:
            cols = [c for c in schema.columns(t) if c not in schema.VOLATILE_COLUMNS.get(t, ())]
            names = ", ".join(f'"{c}"' for c in cols)
            out[t] = sorted(
                self.con.execute(f"SELECT {names} FROM {t}").fetchall(), key=lambda r: tuple(map(repr, r))
            )
        return out
