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
``recompute(store, method)`` re-runs it over a whole store, streaming: the store is read in
date windows and only the clusters that can still grow are held (``WindowedClusterer``; the
same result as ``cluster_mentions`` over everything at once, kept as
``recompute_in_memory``).  One corner is refused rather than answered differently: a mention
dated 9999-12-31 (``date.max``, which the reference sorts among the undated ones) in a store
that also has undated mentions raises ``ValueError``.  Cluster ids are stable: a
hash of the method and the cluster's first mention, so the same corpus always gives the
same ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
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
    #: the most mentions held in memory at once (``recompute``: a window's read plus the open
    #: and held-back clusters; ``recompute_in_memory``: all of them)
    peak_held: int = 0

    @property
    def ratio(self) -> float:
        return self.mentions / self.events if self.events else 0.0


def _mention(r: Sequence[Any]) -> Mention:
    return Mention(
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


def load_mentions(store: Store) -> list[Mention]:
    """Every mention of the store at once (the reference path and small stores; see
    ``iter_mention_windows`` for the streaming read)."""
    return [_mention(r) for r in store.con.execute(_MENTIONS_SQL).fetchall()]


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


class WindowedClusterer:
    """``cluster_mentions`` one mention at a time, holding only the clusters that can still grow.

    Feed mentions in ``_order`` (day, article id, index; undated last) with ``add``; finished
    clusters come back from ``add`` and ``finish``.  The grouping is exactly
    ``cluster_mentions``'s:

    - a dated mention can only join a cluster whose first day is at most ``window_days``
      before its own (``one-a-day``: the same day), and mentions arrive in day order, so a
      cluster whose first day is older than that is *closed*: no later dated mention can
      join it, and dropping it from the candidate lists leaves the first accepting candidate
      (the reference's choice) unchanged;
    - an undated mention (they come last) joins only a cluster whose members are all of its
      own article (``cluster``), or other undated mentions (``one-a-day``: the block key
      holds the day).  So a closed cluster is held back, not finished, while it is made of
      one article that also has undated mentions (``undated_articles``); everything else is
      finished when it closes.  Undated mentions of the ``cluster`` method are finished one
      article at a time; those of ``one-a-day`` are held until ``finish``.

    Memory: the clusters opened in the last ``window_days + 1`` days, plus the held-back
    clusters of articles with undated mentions.
    """

    def __init__(
        self,
        method: str = DEFAULT_METHOD,
        window_days: int = 1,
        min_text_similarity: float = 0.4,
        undated_articles: Iterable[str] = (),
    ) -> None:
        if method not in METHODS:
            raise ValueError(f"unknown dedup method {method!r}; choose one of {', '.join(METHODS)}")
        self.method = method
        self.window = window_days if method == "cluster" else 0
        self.min_text_similarity = min_text_similarity
        self.undated_articles = frozenset(undated_articles)
        self.blocks: dict[tuple[Any, ...], deque[Cluster]] = {}
        self.open: deque[tuple[tuple[Any, ...], Cluster]] = deque()  # creation (= first-day) order
        self.held: dict[str, dict[tuple[Any, ...], list[Cluster]]] = {}
        self.undated_blocks: dict[tuple[Any, ...], list[Cluster]] = {}
        self.undated_article: str | None = None
        self.undated_out: list[Cluster] = []
        self.dated_done = False
        self._last: tuple[Any, ...] | None = None

    def _close_before(self, day: dt.date | None) -> list[Cluster]:
        """Close the clusters that no mention of ``day`` (None: no dated mention) can join."""
        out: list[Cluster] = []
        while self.open:
            key, c = self.open[0]
            first = c.members[0].day
            assert first is not None
            if day is not None and (day - first).days <= self.window:
                break
            self.open.popleft()
            blk = self.blocks[key]
            assert blk[0] is c
            blk.popleft()
            if not blk:
                del self.blocks[key]
            arts = {m.article_id for m in c.members}
            if (
                self.method == "cluster"
                and len(arts) == 1
                and c.members[0].article_id in self.undated_articles
            ):
                self.held.setdefault(c.members[0].article_id, {}).setdefault(key, []).append(c)
            else:
                out.append(c)
        return out

    def _flush_article(self) -> list[Cluster]:
        out: list[Cluster] = []
        if self.undated_article is not None:
            for blk in self.held.pop(self.undated_article, {}).values():
                out.extend(blk)
            out.extend(self.undated_out)
            self.undated_out = []
            self.undated_blocks = {}
        return out

    def add(self, m: Mention) -> list[Cluster]:
        """Take the next mention; returns the clusters finished by now."""
        order = _order(m)
        if self._last is not None and order < self._last:
            raise ValueError("mentions must come in (day, article id, index) order, undated last")
        self._last = order
        method = self.method
        if method == "none":
            return [Cluster(cluster_id(method, m), method, [m])]
        out: list[Cluster] = []
        key = _block_key(m, method)
        if m.day is not None:
            out.extend(self._close_before(m.day))
            cands: Sequence[Cluster] = self.blocks.get(key, ())
        else:
            if not self.dated_done:
                out.extend(self._close_before(None))
                self.dated_done = True
            if method == "cluster" and m.article_id != self.undated_article:
                out.extend(self._flush_article())
                self.undated_article = m.article_id
            held = self.held.get(m.article_id, {}).get(key, []) if method == "cluster" else []
            cands = [*held, *self.undated_blocks.get(key, ())]
        home: Cluster | None = None
        if method == "one-a-day":
            home = cands[0] if cands else None
        else:
            weak = _underdetermined(m)
            for c in cands:
                if m.day is None and not all(o.article_id == m.article_id for o in c.members):
                    continue
                if not all(_places_agree(m, o) for o in c.members):
                    continue
                if weak and not _text_similar(m, c, self.min_text_similarity):
                    continue
                home = c
                break
        if home is None:
            home = Cluster(cluster_id(method, m), method)
            if m.day is not None:
                self.blocks.setdefault(key, deque()).append(home)
                self.open.append((key, home))
            else:
                self.undated_blocks.setdefault(key, []).append(home)
                if method == "cluster":
                    self.undated_out.append(home)
        home.members.append(m)
        return out

    def finish(self) -> list[Cluster]:
        """The clusters still held (call once, after the last mention)."""
        out = self._close_before(None)
        out.extend(self._flush_article())
        for art in sorted(self.held):
            for blk in self.held[art].values():
                out.extend(blk)
        self.held = {}
        if self.method == "one-a-day":
            for blk in self.undated_blocks.values():
                out.extend(blk)
            self.undated_blocks = {}
        return out

    def held_mentions(self) -> int:
        """Mentions in memory now (open, held back and undated clusters)."""
        n = sum(len(c.members) for _k, c in self.open)
        n += sum(len(c.members) for d in self.held.values() for b in d.values() for c in b)
        n += sum(len(c.members) for b in self.undated_blocks.values() for c in b)
        return n


def cluster_mentions_windowed(
    windows: Iterable[Iterable[Mention]],
    method: str = DEFAULT_METHOD,
    window_days: int = 1,
    min_text_similarity: float = 0.4,
) -> Iterator[Cluster]:
    """``cluster_mentions`` over mentions that come in windows (each sorted; the windows in
    order: every day of one before every day of the next, undated mentions last).  Yields
    clusters as they are finished; the same clusters as ``cluster_mentions`` (another order)."""
    wins = [sorted(w, key=_order) for w in windows]
    undated = {m.article_id for w in wins for m in w if m.day is None}
    wc = WindowedClusterer(method, window_days, min_text_similarity, undated)
    for w in wins:
        for m in w:
            yield from wc.add(m)
    yield from wc.finish()


#: mentions read (and clustered) per query, about: a window holds whole days
CHUNK_MENTIONS = 50_000


def _chunks(counts: Sequence[tuple[Any, int]], size: int) -> list[list[Any]]:
    """Consecutive keys grouped so each group has about ``size`` mentions (at least one key)."""
    out: list[list[Any]] = []
    cur: list[Any] = []
    n = 0
    for k, c in counts:
        if cur and n + c > size:
            out.append(cur)
            cur, n = [], 0
        cur.append(k)
        n += c
    if cur:
        out.append(cur)
    return out


def partition_sql(method: str) -> str:
    """A DuckDB expression over ``event_mentions m`` that is a function of ``_block_key``
    (without its day): mentions of one block always share its value, so partitions by it never
    split a cluster.  ``cluster``'s symmetric events hash their set of participants."""
    a, r = "coalesce(m.actor_key, '')", "coalesce(m.recipient_key, '')"
    plain = f"hash(m.event, {a}, {r})"
    if method != "cluster":
        return plain
    sym = ", ".join(f"'{e}'" for e in sorted(SYMMETRIC_EVENTS))
    both = (
        f"list_sort(list_distinct(list_filter(string_split({a}, '|') || string_split({r}, '|'), "
        "lambda x: x <> '')))"
    )
    return f"CASE WHEN m.event IN ({sym}) THEN hash(m.event, {both}) ELSE {plain} END"


def iter_mention_windows(
    store: Store, chunk: int = CHUNK_MENTIONS, part: tuple[str, int, int] | None = None
) -> Iterator[list[Mention]]:
    """The store's mentions in ``_order``, one DuckDB query per window of whole days (about
    ``chunk`` mentions each), then the undated ones in groups of whole articles.  ``part``
    (expression, p, P): only the mentions whose expression is ``p`` modulo ``P``."""
    import pyarrow as pa

    con = store.con
    where = f" AND ({part[0]}) % {int(part[2])} = {int(part[1])}" if part else ""
    days = con.execute(
        "SELECT m.day, count(*) FROM event_mentions m WHERE m.day IS NOT NULL"
        + where
        + " GROUP BY m.day ORDER BY m.day"
    ).fetchall()
    for group in _chunks(days, chunk):
        rows = con.execute(
            _MENTIONS_SQL + " WHERE m.day >= ? AND m.day <= ?" + where, [group[0], group[-1]]
        ).fetchall()
        yield sorted((_mention(r) for r in rows), key=_order)
    arts = sorted(
        con.execute(
            "SELECT m.article_id, count(*) FROM event_mentions m WHERE m.day IS NULL"
            + where
            + " GROUP BY m.article_id"
        ).fetchall()
    )
    for group in _chunks(arts, chunk):
        con.register("_ew_dedup_ids", pa.table({"id": pa.array(group, pa.string())}))
        try:
            rows = con.execute(
                _MENTIONS_SQL
                + " WHERE m.day IS NULL AND m.article_id IN (SELECT id FROM _ew_dedup_ids)"
                + where
            ).fetchall()
        finally:
            con.unregister("_ew_dedup_ids")
        yield sorted((_mention(r) for r in rows), key=_order)


def partitions_for(store: Store, chunk: int) -> int:
    """How many block partitions keep a day's mentions within about ``chunk`` (1 for most
    stores: a day is the smallest window, so a store with one huge day is cut by block)."""
    got = store.con.execute(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM event_mentions GROUP BY day)"
    ).fetchone()
    biggest = int(got[0] or 0) if got else 0
    return max(1, -(-biggest // max(1, chunk)))


def _undated_articles(store: Store) -> set[str]:
    return {
        r[0]
        for r in store.con.execute(
            "SELECT DISTINCT article_id FROM event_mentions WHERE day IS NULL"
        ).fetchall()
    }


def recompute(
    store: Store,
    method: str = DEFAULT_METHOD,
    window_days: int = 1,
    chunk: int = CHUNK_MENTIONS,
    partitions: int | None = None,
) -> DedupStats:
    """Re-cluster every event mention in the store (one transaction), streaming: the mentions
    are read window by window in day order (``iter_mention_windows``) and only the clusters
    that can still grow are held (``WindowedClusterer``); finished events are written as
    they close.  When one day has more than ``chunk`` mentions, the store is also cut into
    ``partitions`` by block key (``partition_sql``; default ``partitions_for``), one pass
    each.  The result is ``recompute_in_memory``'s, row for row."""
    from ..store.db import _insert

    con = store.con
    n_mentions = n_events = 0
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM events")
        con.execute("UPDATE event_mentions SET cluster_id = NULL")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _ew_dedup_links "
            "(article_id VARCHAR, idx INTEGER, cluster_id VARCHAR)"
        )
        undated = _undated_articles(store)

        def write(done: list[Cluster]) -> None:
            nonlocal n_mentions, n_events
            if not done:
                return
            events, links = event_rows(done)
            _insert(con, "events", events)
            _insert_links(con, links)
            n_events += len(done)
            n_mentions += len(links)

        peak = 0
        n_parts = partitions if partitions is not None else partitions_for(store, chunk)
        expr = partition_sql(method)
        for p in range(n_parts):  # clusters never cross blocks: each partition on its own
            wc = WindowedClusterer(method, window_days, undated_articles=undated)
            part = (expr, p, n_parts) if n_parts > 1 else None
            for window in iter_mention_windows(store, chunk, part):
                done: list[Cluster] = []
                for m in window:
                    done.extend(wc.add(m))
                peak = max(peak, len(window) + wc.held_mentions())
                write(done)
            write(wc.finish())
        con.execute(
            "UPDATE event_mentions SET cluster_id = l.cluster_id FROM _ew_dedup_links l "
            "WHERE event_mentions.article_id = l.article_id AND event_mentions.idx = l.idx"
        )
        con.execute("DROP TABLE _ew_dedup_links")
        store.set_meta("dedup_method", method)
        store.set_meta("dedup_window_days", str(window_days))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return DedupStats(method, n_mentions, n_events, peak)


def _insert_links(con: Any, links: Sequence[tuple[str, int, str]]) -> None:
    import pyarrow as pa

    if not links:
        return
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
        con.execute("INSERT INTO _ew_dedup_links SELECT article_id, idx, cluster_id FROM _ew_links")
    finally:
        con.unregister("_ew_links")


def recompute_in_memory(store: Store, method: str = DEFAULT_METHOD, window_days: int = 1) -> DedupStats:
    """The reference: every mention of the store in memory at once (``cluster_mentions``).
    Kept to check ``recompute`` against; use ``recompute``."""
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
    n = sum(c.num_mentions for c in clusters)
    return DedupStats(method, n, len(clusters), n)
