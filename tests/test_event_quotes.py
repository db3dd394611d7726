"""Statements as events: an event stated in a quotation points to it (``Event.quote``), in the output and the
store; events outside any quotation point nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.store import schema
from eventwire.store.db import Store

CASES = [
    # (text, trigger of the event, words of the quotation it is stated in, or None)
    (
        '"Russia attacked our soldiers without provocation," the Ukrainian defence minister said on Monday.',
        "attacked",
        "Russia attacked our soldiers",
    ),
    (
        "The Iranian foreign minister warned that Tehran would retaliate against any attack.",
        "warned",
        "Tehran would retaliate",
    ),
    ('"We condemn this attack," Chancellor Merkel said in Berlin.', "condemn", "We condemn this attack"),
    ("Police arrested 40 protesters in Minsk on Sunday.", "arrested", None),
    ("Israeli jets bombed a weapons depot near Damascus on Tuesday.", "bombed", None),
]


@pytest.mark.parametrize(("text", "trigger", "quoted"), CASES)
def test_event_points_to_its_quotation(code, text: str, trigger: str, quoted: str | None) -> None:
    doc = code(text)
    ev = next(e for e in doc.events if e.trigger and e.trigger.startswith(trigger))
    if quoted is None:
        assert ev.quote is None
        return
    assert ev.quote is not None
    q = doc.quotes[ev.quote]
    assert quoted in q.content or quoted in doc.article.text[q.content_start : q.content_end]
    assert q.content_start <= ev.trigger_start < q.content_end or q.cue == trigger
    assert doc.to_dict()["events"][doc.events.index(ev)]["quote"] == ev.quote


def test_quote_link_is_stored_and_read_back(tmp_path: Path, code) -> None:
    doc = code('"We condemn this attack," Chancellor Merkel said. Police arrested 40 protesters in Minsk.')
    with Store(tmp_path / "s.duckdb") as st:
        st.write_batch([doc])
        back = st.document(doc.article.id, include_text=False)
    assert back is not None
    assert [e["quote"] for e in back["events"]] == [e.quote for e in doc.events]
    assert any(e["quote"] is not None for e in back["events"])
    assert any(e["quote"] is None for e in back["events"])


def test_schema_3_store_gains_the_quote_column(tmp_path: Path, code) -> None:
    db = tmp_path / "old.duckdb"
    doc = code('"We condemn this attack," Chancellor Merkel said.')
    with Store(db) as st:
        st.write_batch([doc])
        st.con.execute('ALTER TABLE event_mentions DROP COLUMN "quote"')
        st.set_meta("schema_version", "3")
    with Store(db, read_only=True) as st:  # an old store still reads: no link
        old = st.document(doc.article.id, include_text=False)
    assert old is not None and all(e["quote"] is None for e in old["events"])
    with Store(db) as st:
        assert st.get_meta("schema_version") == schema.SCHEMA_VERSION
        st.write_batch([code('"We condemn this attack," Chancellor Merkel said.', id="again")])
        rows = st.rows('SELECT "quote" FROM event_mentions WHERE article_id = \'again\'')
    assert rows and rows[0]["quote"] == 0


def test_event_view_shows_the_quotation_it_is_stated_in(tmp_path: Path, code) -> None:
    import warnings

    from eventwire.api.app import create_app
    from eventwire.dedup import recompute

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    db = tmp_path / "q.duckdb"
    doc = code('"We condemn this attack on civilians," Chancellor Merkel said in Berlin.', id="q1")
    with Store(db) as st:
        st.write_batch([doc])
        recompute(st, "cluster")
    with TestClient(create_app(db, token="")) as client:
        items = client.get("/api/events", params={"type": "ACCUSE", "min_confidence": 0}).json()["items"]
        (ev,) = items
        (m,) = client.get(f"/api/events/{ev['id']}").json()["mentions"]
    assert m["quote"] == 0
    assert m["stated_in"]["content"] == "We condemn this attack on civilians"
    assert m["stated_in"]["spk_name"]
    quote_span = next(s for s in m["spans"] if s["kind"] == "quote")
    w0 = m["window"]["start"]
    assert m["window"]["text"][quote_span["start"] - w0 : quote_span["end"] - w0] == m["stated_in"]["content"]
