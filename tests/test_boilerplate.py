"""Pasted headlines, captions and prompts are excluded from coding; offsets never move."""

from __future__ import annotations

import pytest

from eventwire.ingest.boilerplate import classify


@pytest.mark.parametrize(
    "sentence",
    [
        "Border Clashes Live Updates: Army Chief Says Troops Will Hold Positions Near Disputed Pass.",
        "Election Results 2024: Opposition Leader Claims Victory As Counting Continues In Capital.",
        "(Photo: Protesters gather outside parliament)",
        "Also read: Ministers to meet next week",
        "File photo: The prime minister at a rally.",
    ],
)
def test_boilerplate_detected(sentence: str) -> None:
    assert classify(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "The army said on Tuesday that its troops would hold their positions near the pass.",
        "President Maria Lopez of Chile met Prime Minister John Smith of New Zealand in Santiago.",
        '"We Will Never Surrender Our Land To The Invaders," the General Secretary Told The Crowd.',
        "United Nations Secretary-General Antonio Guterres spoke.",
    ],
)
def test_story_text_kept(sentence: str) -> None:
    assert classify(sentence) is None


def test_pasted_headline_in_document(code) -> None:
    text = (
        "The two governments signed a border agreement on Friday after months of talks. "
        "Border Deal Explained: What The New Agreement Means For Farmers Living Near The Frontier. "
        "Officials from both sides praised the deal."
    )
    doc = code(text)
    marked = [s for s in doc.sentences if s.boilerplate]
    assert len(marked) == 1
    s = marked[0]
    assert doc.text[s.start : s.end].startswith("Border Deal Explained")
    for rec in [*doc.entities, *doc.events, *doc.times, *doc.places]:
        assert not (s.start <= rec.start < s.end)
    for q in doc.quotes:
        assert not (s.start <= q.content_start < s.end)
