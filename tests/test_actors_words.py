"""The actors stage's word lists (``data/actors/words.json``) and their strict reader."""

from __future__ import annotations

import json

import pytest

from eventwire.actors import words as W
from eventwire.resources import DATA, DataError


def test_every_list_is_read_and_says_what_it_is_for() -> None:
    raw = json.loads((DATA / W.WORDS_FILE).read_text(encoding="utf-8"))
    assert set(raw) == {*W.SET_KEYS, *W.TEXT_MAP_KEYS, *W.COUNT_MAP_KEYS}
    assert all(entry["about"].strip() and entry["words"] for entry in raw.values())
    words = W.load_words()
    assert words.modifiers["former"] == "former" and words.group_words["two"] == 2
    assert "photo" in words.not_org_words and "reuters" not in words.not_org_words
    assert words.not_org_words < words.not_name_words


def test_an_unknown_or_malformed_list_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.loads((DATA / W.WORDS_FILE).read_text(encoding="utf-8"))

    def load(bad: dict[str, object]) -> None:
        monkeypatch.setattr(W, "load_json", lambda name, keys: bad)
        W.load_words.cache_clear()
        try:
            with pytest.raises(DataError):
                W.load_words()
        finally:
            W.load_words.cache_clear()

    load({**raw, "motion": {"words": ["go"]}})  # no "about"
    load({**raw, "motion": {"about": "x", "words": "go"}})  # not a list
    load({**raw, "group_words": {"about": "x", "words": {"two": "2"}}})  # not a number
    load({**raw, "organisation_not_name_words": {"about": "x", "words": ["nasa"]}})  # not a not_name word
