"""One loader for the knowledge files under ``eventwire/data/``.

Every word list, table and rule file a stage reads goes through here.  Loaders are strict: a JSON
object with a key the caller did not name, or without one it needs, is an error (a typo in a data
file must not silently drop a rule), as ``events/lexicon.py`` does for the trigger lexicon.
Files are read once per process.

Layout: ``data/english.json`` holds the English word lists shared by stages (prepositions, pronouns,
months, modals); ``data/<stage>/`` holds a stage's own knowledge, with a ``SOURCE.md`` saying where it
comes from.  A new language gets its own copies of these files (see ``docs/architecture.md``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

DATA = Path(str(resources.files("eventwire"))) / "data"


class DataError(ValueError):
    """A knowledge file that does not have the shape its reader expects."""


@functools.cache
def _json(name: str) -> Any:
    path = DATA / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: {exc}") from None


def check_keys(obj: dict[str, Any], allowed: Iterable[str], where: str, required: bool = True) -> None:
    """Reject unknown keys (and, with ``required``, missing ones) in ``obj``."""
    allowed = set(allowed)
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise DataError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(allowed))})")
    missing = sorted(allowed - set(obj)) if required else []
    if missing:
        raise DataError(f"{where}: missing key(s) {', '.join(missing)}")


def load_json(name: str, keys: Iterable[str], required: bool = True) -> dict[str, Any]:
    """A JSON object file ``data/<name>`` whose top-level keys are exactly ``keys``."""
    obj = _json(name)
    if not isinstance(obj, dict):
        raise DataError(f"{DATA / name}: expected a JSON object")
    keys = tuple(keys)
    check_keys(obj, keys, str(DATA / name), required)
    return obj


def word_lists(name: str, keys: Iterable[str]) -> dict[str, frozenset[str]]:
    """Named word lists from ``data/<name>`` (a JSON object of lists of strings), as frozensets."""
    obj = load_json(name, keys)
    out: dict[str, frozenset[str]] = {}
    for k, v in obj.items():
        if not isinstance(v, list) or not all(isinstance(w, str) for w in v):
            raise DataError(f"{DATA / name}: {k!r} must be a list of strings")
        out[k] = frozenset(v)
    return out


#: the shared English word lists (``data/english.json``)
ENGLISH_KEYS = (
    "months",
    "month_abbreviations",
    "weekdays",
    "first_person",
    "first_person_plural",
    "future_modals",
    "hypothetical_modals",
)


def english(key: str) -> frozenset[str]:
    """A shared English word list from ``data/english.json``."""
    return word_lists("english.json", ENGLISH_KEYS)[key]


def lines(name: str) -> list[str]:
    """Non-empty lines of a text file ``data/<name>``, less ``#`` comments, lower-cased."""
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        w = line.split("#", 1)[0].strip().lower()
        if w:
            out.append(w)
    return out
