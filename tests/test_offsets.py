"""Property: every offset in the output slices the body to exactly the reported text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import read_paths
from eventwire.model import Article, Document

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "examples" / "seed-article.txt"

WORDS = [
    "Russia", "Ukraine", "said", "President", "Putin", "he", "she", "the", "police", "attacked",
    "protesters",
    "in", "Kyiv", "on", "Monday", "talks", "with", "NATO", "agreed", "\u201c", "\u201d", '"', "'", "\u00ab",
    "\u00bb", ",", ".", "\n\n", "two-hour", "2025", "May", "20", "\u200b",
    "\u05e9\u05dc\u05d5\u05dd", "\U0001f600",
    "don't", "O'Brien", "--", "(", ")", "told", "reporters", "Washington", "sanctions", "against", "Iran",
]


def check_offsets(doc: Document) -> None:
    text = doc.text
    d = doc.to_dict()

    def ent(e: dict[str, Any]) -> None:
        assert text[e["start"] : e["end"]] == e["entity_text"]

    for e in d["entities"]:
        ent(e)
    for t in d["times"]:
        assert text[t["start"] : t["end"]] == t["text"]
    for p in d["places"]:
        assert text[p["start"] : p["end"]] == p["text"]
    for q in d["quotes"]:
        assert text[q["content_start"] : q["content_end"]] == q["content"]
        if q["speaker_start"] is not None:
            assert text[q["speaker_start"] : q["speaker_end"]] == q["speaker_text"]
        if q["cue_start"] is not None:
            assert text[q["cue_start"] : q["cue_end"]] == q["cue"]
        if q["speaker"]:
            ent(q["speaker"])
    for ev in d["events"]:
        assert text[ev["start"] : ev["end"]] == ev["event_text"]
        if ev["trigger_start"] is not None:
            assert text[ev["trigger_start"] : ev["trigger_end"]] == ev["trigger"]
        for e in ev["actor"] + ev["recipient"]:
            ent(e)
        if ev["event_loc"]:
            p = ev["event_loc"]
            assert text[p["start"] : p["end"]] == p["text"]
    for s in d["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(text)
        assert text[s["start"] : s["end"]].strip() == text[s["start"] : s["end"]]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=8)), min_size=1, max_size=60))
def test_offsets_on_generated_text(pipeline, words: list[str]) -> None:
    text = " ".join(words)
    if not text.strip():
        return
    doc = pipeline.code(Article(id="t", text=text))
    check_offsets(doc)


def test_offsets_on_bundled_examples(pipeline) -> None:
    docs = [d for d in pipeline.run(read_paths([ROOT / "examples"])) if isinstance(d, Document)]
    assert len(docs) >= 15
    for d in docs:
        check_offsets(d)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/examples/seed-article.txt not present")
def test_offsets_on_seed(pipeline) -> None:
    (doc,) = list(pipeline.run(read_paths([SEED])))
    assert isinstance(doc, Document)
    assert doc.article.date is not None and doc.article.date.isoformat() == "2025-05-20"
    check_offsets(doc)
    assert sum(1 for s in doc.sentences if s.boilerplate == "headline") == 2
