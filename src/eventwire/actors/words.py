"""The actors stage's English word lists, read from ``data/actors/words.json``.

Each list in the file is ``{"about": "what it is for", "words": [...]}`` (a map for the lists that
carry a value per word: ``modifiers``, ``person_pronouns``, ``gender_words``, ``person_nouns``,
``group_words``).  The reader is strict, as ``eventwire.resources`` is: a list the code does not know, a
missing one, or a list of the wrong shape is an error.  ``data/actors/SOURCE.md`` says how to edit them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..resources import DATA, DataError, check_keys, load_json

#: the file, relative to ``eventwire/data``
WORDS_FILE = "actors/words.json"

#: lists of words (read as frozensets)
SET_KEYS = (
    "locative_preps",
    "plural_pronouns",
    "neuter_pronouns",
    "not_domestic",
    "actor_verbs",
    "not_name_words",
    "organisation_not_name_words",
    "motion",
    "place_to",
    "place_of",
    "title_sectors",
    "org_nouns",
    "thing_words",
    "law_words",
    "ship_prefixes",
    "tell_verbs",
    "articles",
    "case_markers",
    "settlement_nouns",
    "destination_preps",
    "attached_place_preps",
    "honorifics",
    "city_preps",
    "name_honorifics",
    "expletive_verbs",
    "expletive_complements",
    "leader_offices",
    "armed_sectors",
)
#: word -> a string (a modifier's class, a gender)
TEXT_MAP_KEYS = ("modifiers", "person_pronouns", "gender_words", "person_nouns")
#: word -> a number
COUNT_MAP_KEYS = ("group_words",)


@dataclass(frozen=True)
class ActorWords:
    """The word lists, one field per list of ``words.json`` (``about`` there says what each is for)."""

    modifiers: Mapping[str, str]
    locative_preps: frozenset[str]
    person_pronouns: Mapping[str, str]
    plural_pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    not_domestic: frozenset[str]
    group_words: Mapping[str, int]
    actor_verbs: frozenset[str]
    gender_words: Mapping[str, str]
    person_nouns: Mapping[str, str]
    not_name_words: frozenset[str]
    organisation_not_name_words: frozenset[str]
    motion: frozenset[str]
    place_to: frozenset[str]
    place_of: frozenset[str]
    title_sectors: frozenset[str]
    org_nouns: frozenset[str]
    thing_words: frozenset[str]
    law_words: frozenset[str]
    ship_prefixes: frozenset[str]
    tell_verbs: frozenset[str]
    articles: frozenset[str]
    case_markers: frozenset[str]
    settlement_nouns: frozenset[str]
    destination_preps: frozenset[str]
    attached_place_preps: frozenset[str]
    honorifics: frozenset[str]
    city_preps: frozenset[str]
    name_honorifics: frozenset[str]
    expletive_verbs: frozenset[str]
    expletive_complements: frozenset[str]
    leader_offices: frozenset[str]
    armed_sectors: frozenset[str]
    #: derived, not in the file: ``not_name_words`` that are no organisation either ("Photo", "Brexit")
    not_org_words: frozenset[str]


def _words(key: str, entry: Any, where: str) -> Any:
    if not isinstance(entry, dict):
        raise DataError(f"{where}: {key!r} must be an object with 'about' and 'words'")
    check_keys(entry, ("about", "words"), f"{where}: {key}")
    if not isinstance(entry["about"], str) or not entry["about"].strip():
        raise DataError(f"{where}: {key!r} needs an 'about' line")
    return entry["words"]


def _word_set(key: str, words: Any, where: str) -> frozenset[str]:
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise DataError(f"{where}: {key!r} words must be a list of non-empty strings")
    return frozenset(words)


def _word_map(key: str, words: Any, value: type, where: str) -> Mapping[str, Any]:
    if not isinstance(words, dict) or not all(
        k and isinstance(v, value) and not isinstance(v, bool) for k, v in words.items()
    ):
        raise DataError(f"{where}: {key!r} words must map words to {value.__name__} values")
    return MappingProxyType(dict(words))


@functools.lru_cache(maxsize=1)
def load_words() -> ActorWords:
    """The word lists of ``data/actors/words.json``, read once per process."""
    where = str(DATA / WORDS_FILE)
    raw = load_json(WORDS_FILE, (*SET_KEYS, *TEXT_MAP_KEYS, *COUNT_MAP_KEYS))
    fields: dict[str, Any] = {}
    for key in SET_KEYS:
        fields[key] = _word_set(key, _words(key, raw[key], where), where)
    for key in TEXT_MAP_KEYS:
        fields[key] = _word_map(key, _words(key, raw[key], where), str, where)
    for key in COUNT_MAP_KEYS:
        fields[key] = _word_map(key, _words(key, raw[key], where), int, where)
    extra = fields["organisation_not_name_words"] - fields["not_name_words"]
    if extra:
        raise DataError(f"{where}: organisation_not_name_words not in not_name_words: {sorted(extra)}")
    fields["not_org_words"] = fields["not_name_words"] - fields["organisation_not_name_words"]
    return ActorWords(**fields)
