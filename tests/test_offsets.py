"""Property: every offset in the output slices the body to exactly the reported text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import read_paths
from eventwire.model import Article, Document
from helpers import check_offsets

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
