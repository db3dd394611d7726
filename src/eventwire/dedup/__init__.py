"""Deduplication: the same event reported in many sentences and articles is one event.

Every coded event is an *event mention* (one sentence's evidence in one article).  The
deduplicator groups mentions into *events* (clusters) and counts, as GDELT does:

- ``num_mentions``: mentions in the cluster (two sentences of one article count twice);
- ``num_articles``: distinct articles;
- ``num_sources``: distinct sources (outlets); an article without a ``source`` counts as
  its own source.

Methods (``--dedup``):

- ``none``: every mention is its own event.
- ``one-a-day``: the Phoenix convention: one event per (day, event type, actor identity,
  recipient identity).  Directed: "A consults B" and "B consults A" stay two events.
- ``cluster``: mentions with the same event type and the same actor and recipient
  identities (``dedup.keys``; for symmetric types — CONSULT — the set of participants on
  either side, so "A met B", "B met A" and "A and B met" agree)
  join a cluster when their day is within ``window_days`` of the cluster's first day and
  their places do not disagree (different countries, or two different populated places).
  When the dyad is underdetermined — a side's identity is weak (no code, Wikidata id or
  resolved name, only the mention text), or the event has no recipient (so "Trump met X"
  and "Trump met Y" would agree) unless it is a symmetric event with two or more resolved
  participants — the mention must also read like one already in the cluster: Jaccard
  overlap of the content words of the event texts >= ``min_text_similarity`` (0.4 by
  default), and both texts must have at least ``MIN_TEXT_WORDS`` (3) content words: a
  one- or two-word text ("Talks.", "Russia attacked.") says too little to be the same
  event by its words alone, so such a mention stays its own event.  Mentions without any
  day join only mentions of the same article.  A cluster is anchored on its first day (no
  chaining across weeks).

The clustering is a pure function over ``Mention`` records (``cluster_mentions``), and
``recompute(store, method)`` re-runs it over a whole store.  Cluster ids are stable: a
hash of the method and the cluster's first mention, so the same corpus always gives the
same ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .keys import is_strong

if TYPE_CHECKING:  # pragma: no cover
    from ..store.db import Store

METHODS: tuple[str, ...] = ("none", "one-a-day", "cluster")
DEFAULT_METHOD = "cluster"

#: event types whose actor/recipient order carries no meaning for identity
SYMMETRIC_EVENTS: frozenset[str] = frozenset({"CONSULT"})


@dataclass(slots=True)
class Mention:
    """What dedup needs of one event mention."""

    article_id: str
    idx: int
    event: str
    day: dt.date | None
    actor_key: str
    recipient_key: str
    source: str | None = None
    text: str = ""
    country_code: str | None = None
    geonameid: int | None = None
    feature_code: str | None = None
    confidence: float = 0.0
    quad_code: int | None = None
    event_scale: float | None = None
    goldstein: float | None = None

    @property
    def ref(self) -> tuple[str, int]:
        return (self.article_id, self.idx)


@dataclass(slots=True)
class Cluster:
    id: str
    method: str
    members: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.members[0]

    @property
    def first_day(self) -> dt.date | None:
        days = [m.day for m in self.members if m.day is not None]
        return min(days) if days else None

    @property
    def last_day(self) -> dt.date | None:
        days = [m.day for m in self.members if m.day is not None]
        return max(days) if days else None

    @property
    def representative(self) -> Mention:
        """The earliest mention, then the most confident, then the first stored."""
        return min(self.members, key=lambda m: (m.day or dt.date.max, -m.confidence, m.article_id, m.idx))

    @property
    def num_mentions(self) -> int:
        return len(self.members)

    @property
    def num_articles(self) -> int:
        return len({m.article_id for m in self.members})

    @property
    def num_sources(self) -> int:
        return len({m.source or f"article:{m.article_id}" for m in self.members})

    def mean(self, attr: str) -> float | None:
        vals = [getattr(m, attr) for m in self.members if getattr(m, attr) is not None]
        return sum(vals) / len(vals) if vals else None


def _order(m: Mention) -> tuple[Any, ...]:
    return (m.day or dt.date.max, m.article_id, m.idx)


def cluster_id(method: str, first: Mention) -> str:
    h = hashlib.blake2b(f"{method}\x1f{first.article_id}\x1f{first.idx}".encode(), digest_size=8)
    return "ev-" + h.hexdigest()


def _places_agree(a: Mention, b: Mention) -> bool:
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    # two different populated places (cities, towns) are two places; a city and its region are not
    both_ppl = (a.feature_code or "").startswith("PPL") and (b.feature_code or "").startswith("PPL")
    differ = a.geonameid is not None and b.geonameid is not None and a.geonameid != b.geonameid
    return not (both_ppl and differ)


def _underdetermined(m: Mention) -> bool:
    if m.event in SYMMETRIC_EVENTS:
        both = [k for side in (m.actor_key, m.recipient_key) for k in side.split("|") if k]
        return len(set(both)) < 2 or not is_strong("|".join(both))
    return not is_strong(m.actor_key) or not is_strong(m.recipient_key)


def _block_key(m: Mention, method: str) -> tuple[Any, ...]:
    if method == "one-a-day":
        return (m.day, m.event, m.actor_key, m.recipient_key)
    if m.event in SYMMETRIC_EVENTS:
        # "A met B", "B met A" and "A and B met" (both actors, PLOVER's reciprocal form) are one dyad
        both = {k for side in (m.actor_key, m.recipient_key) for k in side.split("|") if k}
        return (m.event, "|".join(sorted(both)))
    return (m.event, m.actor_key, m.recipient_key)


_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "with",
        "from",
        "this",
        "was",
        "were",
        "has",
        "have",
        "had",
        "not",
        "but",
        "are",
        "its",
        "their",
        "his",
        "her",
        "they",
        "them",
        "said",
        "says",
        "will",
        "would",
        "could",
        "over",
        "into",
        "about",
        "after",
        "before",
        "than",
        "also",
        "been",
    ]
)


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


#: texts with fewer content words than this are never similar (their overlap says nothing)
MIN_TEXT_WORDS = 3


def text_similarity(a: str, b: str, min_words: int = MIN_TEXT_WORDS) -> float:
    """Jaccard overlap of content words (3+ letters, a few function words left out); 0.0 when
    either text has fewer than ``min_words`` content words."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb or len(wa) < min_words or len(wb) < min_words:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def _text_similar(m: Mention, c: Cluster, threshold: float) -> bool:
    return any(text_similarity(m.text, o.text) >= threshold for o in c.members)


def cluster_mentions(
    mentions: Iterable[Mention],
    method: str = DEFAULT_METHOD,
    window_days: int = 1,
    min_text_similarity: float = 0.4,
) -> list[Cluster]:
    """Group mentions into events (see the module docstring); clusters in a stable order."""
    if method not in METHODS:
        raise ValueError(f"unknown dedup method {method!r}; choose one of {', '.join(METHODS)}")
    ordered = sorted(mentions, key=_order)
    clusters: list[Cluster] = []
    if method == "none":
        for m in ordered:
            clusters.append(Cluster(cluster_id(method, m), method, [m]))
        return clusters
    blocks: dict[tuple[Any, ...], list[Cluster]] = {}
    for m in ordered:
        key = _block_key(m, method)
        cands = blocks.setdefault(key, [])
        home: Cluster | None = None
        if method == "one-a-day":
            home = cands[0] if cands else None
        else:
            weak = _underdetermined(m)
            for c in cands:
                first = c.first_day
                if m.day is None or first is None:
                    if not all(o.article_id == m.article_id for o in c.members):
                        continue
                elif abs((m.day - first).days) > window_days:
                    continue
                if not all(_places_agree(m, o) for o in c.members):
                    continue
                if weak and not _text_similar(m, c, min_text_similarity):
                    continue
                home = c
                break
        if home is None:
            home = Cluster(cluster_id(method, m), method)
            cands.append(home)
            clusters.append(home)
        home.members.append(m)
    return clusters


# --------------------------------------------------------------------------- over a store

_MENTIONS_SQL = """
SELECT m.article_id, m.idx, m.event, m.day, m.actor_key, m.recipient_key, a.source, m.event_text,
       m.loc_country_code, m.loc_geonameid, m.loc_feature_code, m.confidence, m.quad_code,
       m.event_scale, m.goldstein
FROM event_mentions m JOIN articles a ON a.id = m.article_id
"""


@dataclass(slots=True)
class DedupStats:
    method: str
    mentions: int
    events: int

    @property
    def ratio(self) -> float:
        return self.mentions / self.events if self.events else 0.0


def load_mentions(store: Store) -> list[Mention]:
    rows = store.con.execute(_MENTIONS_SQL).fetchall()
    return [
        Mention(
            article_id=r[0],
            idx=r[1],
            event=r[2],
            day=r[3],
            actor_key=r[4] or "",
            recipient_key=r[5] or "",
            source=r[6],
            text=r[7] or "",
            country_code=r[8],
            geonameid=r[9],
            feature_code=r[10],
            confidence=r[11] or 0.0,
            quad_code=r[12],
            event_scale=r[13],
            goldstein=r[14],
        )
        for r in rows
    ]


def event_rows(clusters: Sequence[Cluster]) -> tuple[list[tuple[Any, ...]], list[tuple[str, int, str]]]:
    """Rows of the ``events`` table, and (article_id, idx, cluster_id) for every mention."""
    events = []
    links = []
    for c in clusters:
        rep = c.representative
        events.append(
            (
                c.id,
                c.method,
                rep.event,
                c.first_day,
                c.first_day,
                c.last_day,
                rep.actor_key,
                rep.recipient_key,
                rep.article_id,
                rep.idx,
                rep.quad_code,
                c.mean("event_scale"),
                c.mean("goldstein"),
                c.num_mentions,
                c.num_sources,
                c.num_articles,
            )
        )
        links.extend((m.article_id, m.idx, c.id) for m in c.members)
    return events, links


def recompute(store: Store, method: str = DEFAULT_METHOD, window_days: int = 1) -> DedupStats:
    """Re-cluster every event mention in the store (one transaction)."""
    import pyarrow as pa

    from ..store.db import _insert

    clusters = cluster_mentions(load_mentions(store), method, window_days)
    events, links = event_rows(clusters)
    con = store.con
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM events")
        con.execute("UPDATE event_mentions SET cluster_id = NULL")
        if links:
            a, i, c = zip(*links, strict=True)
            tbl = pa.table(
                {
                    "article_id": pa.array(a, pa.string()),
                    "idx": pa.array(i, pa.int32()),
                    "cluster_id": pa.array(c, pa.string()),
                }
            )
            con.register("_ew_links", tbl)
            try:
                con.execute(
                    "UPDATE event_mentions SET cluster_id = l.cluster_id FROM _ew_links l "
                    "WHERE event_mentions.article_id = l.article_id AND event_mentions.idx = l.idx"
                )
            finally:
                con.unregister("_ew_links")
        _insert(con, "events", events)
        store.set_meta("dedup_method", method)
        store.set_meta("dedup_window_days", str(window_days))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return DedupStats(method, sum(c.num_mentions for c in clusters), len(clusters))
