"""Identity keys for actors and recipients, shared by the row builder and the deduplicator.

An entity's identity is, in order of preference:

1. ``code`` + ``sector`` ("USA GOV"; "USA" alone when the sector is unknown) — the level at
   which CAMEO/PLOVER event data (and the Phoenix one-a-day rule) identify actors;
2. ``wikidata_id`` ("Q7747") when there is no code;
3. the resolved ``name``, lower-cased;
4. the mention text, lower-cased, with a leading article removed ("the protesters" ->
   "protesters") — a weak identity, so the clusterer also asks for similar text.

Inside one article, the coreference id ``ref`` ties mentions of one referent together:
a pronoun with no code of its own takes the identity of the best-resolved mention with
the same ``ref`` (see ``article_identities``).

A side (actor or recipient) of an event is the sorted set of its entities' identities,
joined with ``|``; an empty side is ``""``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Entity

_LEADING = re.compile(r"^(?:the|a|an|some|several|many)\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")

#: prefixes telling how strong an identity is
STRONG = ("c:", "w:", "n:")


def entity_key(e: Entity) -> str:
    """The identity of one entity (see the module docstring)."""
    if e.code:
        return f"c:{e.code.upper()} {e.sector.upper()}" if e.sector else f"c:{e.code.upper()}"
    if e.wikidata_id:
        return f"w:{e.wikidata_id}"
    if e.name:
        return "n:" + _SPACE.sub(" ", e.name.strip().lower())
    text = _LEADING.sub("", _SPACE.sub(" ", e.entity_text.strip().lower()))
    return "t:" + text


def article_identities(entities: Iterable[Entity]) -> dict[str, str]:
    """Best identity per coreference ``ref`` inside one article (strongest, then first)."""
    best: dict[str, tuple[int, str]] = {}
    for e in entities:
        if not e.ref:
            continue
        key = entity_key(e)
        rank = STRONG.index(key[:2]) if key[:2] in STRONG else len(STRONG)
        if e.ref not in best or rank < best[e.ref][0]:
            best[e.ref] = (rank, key)
    return {ref: key for ref, (_, key) in best.items()}


def side_key(entities: Sequence[Entity], by_ref: dict[str, str] | None = None) -> str:
    """Identity of one side of an event: the sorted, de-duplicated identities of its entities."""
    keys = set()
    for e in entities:
        key = entity_key(e)
        if by_ref and e.ref and e.ref in by_ref and key[:2] not in STRONG:
            key = by_ref[e.ref]
        keys.add(key)
    return "|".join(sorted(keys))


def is_strong(side: str) -> bool:
    """True when every identity on the side is resolved (code, Wikidata id or name)."""
    return bool(side) and all(k[:2] in STRONG for k in side.split("|"))


def display(side: str) -> str:
    """A side key without the strength prefixes, for people ("USA GOV|RUS GOV")."""
    return "|".join(k[2:] for k in side.split("|")) if side else ""
