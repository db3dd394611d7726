"""A database written by an older store schema still reads, and a writable open migrates it."""

from __future__ import annotations

from pathlib import Path

from eventwire.store import schema
from eventwire.store.db import Store


def test_schema_1_database_reads_and_migrates(tmp_path: Path, code) -> None:
    db = tmp_path / "old.duckdb"
    doc = code("Protesters gathered in Lima on Monday. Police fired tear gas at them near the parliament.")
    with Store(db) as st:
        st.write_batch([doc])
        before = st.document(doc.article.id, include_text=False)
        # make it look like a schema-1 database: no place attachment columns
        for table, column, _ in schema.MIGRATIONS["1"]:
            st.con.execute(f'ALTER TABLE {table} DROP COLUMN "{column}"')
        st.set_meta("schema_version", "1")
    with Store(db, read_only=True) as st:
        old = st.document(doc.article.id, include_text=False)
    assert old is not None and before is not None
    assert [p["text"] for p in old["places"]] == [p["text"] for p in before["places"]]
    assert all(p["head"] is None for p in old["places"])
    with Store(db) as st:  # writable: migrated in place
        assert st.get_meta("schema_version") == schema.SCHEMA_VERSION
        cols = {r["column_name"] for r in st.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'places'")}
        assert {"head", "attachment"} <= cols
