"""The quotes stage's lexicon: reporting verbs and phrases (``data/quotes/cues.tsv``,
``phrases.tsv``), word lists (``words.json``) and tables (``tables.json``)."""

from __future__ import annotations

import functools
from importlib import resources

from ..resources import load_json, word_lists

__all__ = ["TABLES", "WORDS", "load_cues"]


@functools.lru_cache(maxsize=1)
def load_cues() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    """Reporting-verb lemmas -> class, and multi-word phrases -> class (loaded once)."""
    base = resources.files("eventwire.data") / "quotes"

    def rows(name: str) -> list[list[str]]:
        out = []
        for line in (base / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[0] in ("lemma", "phrase"):
                continue
            out.append(cols)
        return out

    verbs = {r[0].strip(): r[1].strip() for r in rows("cues.tsv")}
    phrases = {tuple(r[0].strip().lower().split()): r[1].strip() for r in rows("phrases.tsv")}
    return verbs, phrases


#: word lists of the quotes stage (``data/quotes/words.json``; unknown keys are errors)
KEYS = (
    "pronouns",
    "title_context",
    "time_words",
    "addressee_verbs",
    "about_preps",
    "stance_verbs",
    "first_person",
    "never_inverted",
)
TABLE_KEYS = ("class_confidence", "verb_preps")
WORDS = word_lists("quotes/words.json", KEYS)
TABLES = load_json("quotes/tables.json", TABLE_KEYS)
