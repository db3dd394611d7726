"""The speed shortcuts give the same answers as the plain computations they replace."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest

from eventwire.actors.kb import norm
from eventwire.actors.tokens import first_word
from eventwire.geo import _min_km
from eventwire.geo.gazetteer import distance_km
from eventwire.geo.gazetteer import norm as geo_norm
from eventwire.time import rules

STRINGS = [
    "",
    " ",
    "The  United\tStates",
    "Ankara’s  ‘envoy’",
    "São Paulo – Brasília",
    "Ｔｈｅ Ｕｎｉｔｅｄ Ｎａｔｉｏｎｓ",
    "a´b",
    "´Mosul",
    "İstanbul ΟΔΟΣ",
    "x\u00a0y\u2028z\x1cw",
    "Foreign Minister\n\nSergei Lavrov",
]


def _kb_norm_reference(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("‐", "-").replace("–", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.mark.parametrize("text", STRINGS)
def test_actor_norm_matches_the_reference(text: str) -> None:
    assert norm(text) == _kb_norm_reference(text)


@pytest.mark.parametrize("text", STRINGS)
def test_first_word_is_the_first_word_of_every_longer_key(text: str) -> None:
    for start in range(len(text)):
        first = first_word(text, start, len(text))
        if first is None:
            continue
        word, cut = first
        for end in range(cut + 1, len(text) + 1):
            key = norm(text[start:end])
            assert key.split(" ")[0] == word, (text, start, end)


def test_geo_norm_ascii_shortcut() -> None:
    assert geo_norm("The Hague's") == "hague"
    assert geo_norm("Bogotá") == geo_norm("Bogota") == "bogota"
    assert geo_norm("Port-au-Prince") == "port au prince"


def test_min_km_is_the_nearest_distance() -> None:
    points = [(50.45, 30.52), (48.85, 2.35), (-33.87, 151.21), (50.45, 30.52)]
    for lat, lon in [(49.99, 36.23), (0.0, 0.0), (-34.0, 151.0)]:
        assert _min_km(lat, lon, points) == min(distance_km(lat, lon, la, lo) for la, lo in points)


SENTENCES = [
    "The talks resumed on Monday, May 19, 2025, three weeks after the ceasefire.",
    "Two years ago the minister said the plan would take 18 months.",
    "At 10:30 a.m. EST on Tuesday the vote was delayed until next week.",
    "In the 1990s and in the nineties, prices rose twice a year.",
    "Every Friday evening since last spring, protesters gathered for hours.",
    "The third quarter of fiscal 2024 ended on 30 June.",
    "He spoke on Thanksgiving Day and again at midnight, the day after tomorrow.",
    "Nothing here names a time at all.",
    "Café owners met the mayor this morning, a year-long dispute behind them.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_time_gates_change_no_match(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    anchor = dt.date(2025, 5, 20)
    gated = rules.candidates(text, anchor, check=lambda m, t: m)
    ungated = [(rule, ()) for rule, _ in rules.gated_grammar()]
    monkeypatch.setattr(rules, "gated_grammar", lambda: ungated)
    plain = rules.candidates(text, anchor, check=lambda m, t: m)
    assert gated == plain
    assert plain or text.startswith("Nothing")
