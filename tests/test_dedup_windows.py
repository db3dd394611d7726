"""Streaming dedup in date windows gives exactly the all-in-memory result.

A generated corpus: many days, clusters that straddle window boundaries, weak and strong
dyads, symmetric events, disagreeing places, undated mentions (alone and in articles that
also have dated ones).  ``cluster_mentions_windowed`` (windows of whole days) and
``recompute`` over a store (a query per window) are compared with the reference
``cluster_mentions`` / ``recompute_in_memory``.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from eventwire.dedup import (
    METHODS,
    Mention,
    WindowedClusterer,
    _block_key,
    cluster_mentions,
    cluster_mentions_windowed,
    event_rows,
    partition_sql,
    recompute,
    recompute_in_memory,
)
from eventwire.store import Store

D0 = dt.date(2024, 1, 1)
ACTORS = ["c:USA GOV", "c:RUS GOV", "c:UKR GOV", "w:Q7184", "n:red cross", "t:protesters", "t:police", ""]
EVENTS = ["ACCUSE", "CONSULT", "ASSAULT", "AID"]
WORDS = [
    "troops",
    "border",
    "ceasefire",
    "talks",
    "missile",
    "shelling",
    "refugees",
    "sanctions",
    "summit",
    "village",
    "convoy",
]
PLACES = [(None, None, None), ("UA", 1, "PPLA"), ("UA", 2, "PPL"), ("RU", 3, "PPLC"), ("UA", 4, "ADM1")]


def generated(seed: int, n_articles: int = 120, days: int = 40) -> list[Mention]:
    rnd = random.Random(seed)
    out = []
    for a in range(n_articles):
        aid = f"art-{rnd.randrange(10**6):06d}-{a}"
        base: int | None = rnd.randrange(days) if rnd.random() > 0.1 else None
        for i in range(rnd.randint(1, 8)):
            if base is None:
                day = None
            elif rnd.random() < 0.15:
                day = None  # a mention without a day in a dated article
            else:
                day = D0 + dt.timedelta(days=base + rnd.choice([0, 0, 0, -1, -2, 1]))
            cc, gid, fc = rnd.choice(PLACES)
            out.append(
                Mention(
                    aid,
                    i,
                    rnd.choice(EVENTS),
                    day,
                    rnd.choice(ACTORS[:4]) if rnd.random() < 0.6 else rnd.choice(ACTORS),
                    rnd.choice(ACTORS),
                    rnd.choice(["S1", "S2", "S3", None]),
                    " ".join(rnd.sample(WORDS[:6], rnd.randint(1, 5))),
                    cc,
                    gid,
                    fc,
                    confidence=rnd.random(),
                    quad_code=rnd.randint(1, 4),
                    event_scale=rnd.choice([None, rnd.uniform(-10, 10)]),
                    goldstein=rnd.uniform(-10, 10),
                )
            )
    return out


def windows(ms: list[Mention], rnd: random.Random) -> list[list[Mention]]:
    """Whole days per window (random widths), the undated mentions in random article groups."""
    days = sorted({m.day for m in ms if m.day is not None})
    out: list[list[Mention]] = []
    i = 0
    while i < len(days):
        w = rnd.randint(1, 5)
        span = set(days[i : i + w])
        out.append([m for m in ms if m.day in span])
        i += w
    arts = sorted({m.article_id for m in ms if m.day is None})
    j = 0
    while j < len(arts):
        w = rnd.randint(1, 10)
        grp = set(arts[j : j + w])
        out.append([m for m in ms if m.day is None and m.article_id in grp])
        j += w
    return out


def rows(clusters: list) -> tuple[list, list]:
    ev, links = event_rows(clusters)
    return sorted(ev, key=repr), sorted(links)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("window_days", [0, 1, 3])
@pytest.mark.parametrize("seed", range(6))
def test_windowed_equals_reference(method: str, window_days: int, seed: int) -> None:
    ms = generated(seed)
    ref = cluster_mentions(ms, method, window_days)
    got = list(cluster_mentions_windowed(windows(ms, random.Random(seed)), method, window_days))
    assert rows(got) == rows(ref)


def test_generated_corpus_exercises_the_cases() -> None:
    kinds = set()
    for seed in range(6):
        ms = generated(seed)
        for c in cluster_mentions(ms, "cluster", 1):
            days = {m.day for m in c.members}
            if len(c.members) > 1 and None in days:
                kinds.add("undated joined dated" if len(days) > 1 else "undated together")
            if len(days - {None}) > 1:
                kinds.add("across days")
            if len({m.article_id for m in c.members}) > 1:
                kinds.add("across articles")
    assert kinds == {"undated joined dated", "undated together", "across days", "across articles"}


def test_undated_mention_joins_a_closed_dated_cluster() -> None:
    a1 = Mention("a", 0, "ACCUSE", D0, "c:RUS GOV", "c:UKR GOV", "S", "x", confidence=0.2, goldstein=1.0)
    later = Mention("b", 0, "AID", D0 + dt.timedelta(days=30), "c:USA GOV", "c:UKR GOV", "S")
    a_undated = Mention("a", 1, "ACCUSE", None, "c:RUS GOV", "c:UKR GOV", "S", goldstein=3.0)
    ms = [a1, later, a_undated]
    ref = cluster_mentions(ms, "cluster")
    assert len(ref) == 2
    assert rows(list(cluster_mentions_windowed([[a1], [later], [a_undated]]))) == rows(ref)


def test_memory_is_the_window_not_the_store() -> None:
    ms = [
        Mention(f"a{d:03d}", i, "ACCUSE", D0 + dt.timedelta(days=d), "c:RUS GOV", f"c:X{i}", "S")
        for d in range(200)
        for i in range(10)
    ]
    wc = WindowedClusterer("cluster", window_days=1)
    peak = 0
    for m in sorted(ms, key=lambda m: (m.day, m.article_id, m.idx)):
        wc.add(m)
        peak = max(peak, wc.held_mentions())
    assert peak <= 3 * 10  # two days open plus the day being read, of 2,000
    assert sum(c.num_mentions for c in wc.finish()) <= 30


def test_out_of_order_input_is_refused() -> None:
    wc = WindowedClusterer()
    wc.add(Mention("b", 0, "AID", D0 + dt.timedelta(days=1), "c:A", "c:B"))
    with pytest.raises(ValueError):
        wc.add(Mention("a", 0, "AID", D0, "c:A", "c:B"))


def _store_with(path: Path, ms: list[Mention]) -> Store:
    st = Store(path)
    arts = {}
    for m in ms:
        arts.setdefault(m.article_id, m.source)
    st.con.executemany("INSERT INTO articles (id, source) VALUES (?, ?)", list(arts.items()))
    st.con.executemany(
        "INSERT INTO event_mentions (article_id, idx, event, day, actor_key, recipient_key, event_text, "
        "loc_country_code, loc_geonameid, loc_feature_code, confidence, quad_code, event_scale, goldstein) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                m.article_id,
                m.idx,
                m.event,
                m.day,
                m.actor_key,
                m.recipient_key,
                m.text,
                m.country_code,
                m.geonameid,
                m.feature_code,
                m.confidence,
                m.quad_code,
                m.event_scale,
                m.goldstein,
            )
            for m in ms
        ],
    )
    return st


@pytest.mark.parametrize("method", METHODS)
def test_recompute_over_a_store_equals_in_memory(tmp_path: Path, method: str) -> None:
    ms = generated(11, n_articles=300, days=60)
    with _store_with(tmp_path / "w.duckdb", ms) as st:
        ref_stats = recompute_in_memory(st, method)
        ref = st.snapshot()
        # one day a query (a day bigger than the chunk: cut into block partitions), a few days,
        # everything in one query, and partitions given
        for chunk, parts in ((1, None), (37, None), (10_000, None), (10_000, 5), (37, 3)):
            stats = recompute(st, method, chunk=chunk, partitions=parts)
            assert (stats.mentions, stats.events) == (ref_stats.mentions, ref_stats.events)
            snap = st.snapshot()
            assert snap["events"] == ref["events"]
            assert snap["event_mentions"] == ref["event_mentions"]
            assert st.get_meta("dedup_method") == method


@pytest.mark.parametrize("method", ["one-a-day", "cluster"])  # "none" joins nothing: any cut will do
def test_partition_is_a_function_of_the_block(tmp_path: Path, method: str) -> None:
    ms = generated(5, n_articles=200)
    with _store_with(tmp_path / "p.duckdb", ms) as st:
        got = st.con.execute(
            f"SELECT m.article_id, m.idx, ({partition_sql(method)}) % 1000003 FROM event_mentions m"
        ).fetchall()
    part = {(a, i): v for a, i, v in got}
    by_block: dict[tuple, set[int]] = {}
    for m in ms:
        key = _block_key(m, method)[1:] if method == "one-a-day" else _block_key(m, method)
        by_block.setdefault(key, set()).add(part[m.ref])
    assert all(len(v) == 1 for v in by_block.values())
    assert len({v for vs in by_block.values() for v in vs}) > 10  # and it does spread the blocks
