"""The Dask engine gives the same store as the local engine.

A dozen short articles written for this test (plus a malformed line, an empty body and a
repeated id) are ingested once with the local engine (the session pipeline) and once on a
``LocalCluster`` with one worker process; every table must hold the same rows (apart from
time-of-writing columns), the deduplicated events and the rejects included.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.ingest import read_paths
from eventwire.pipeline import Pipeline
from eventwire.scale.engine import ingest_dask, partitions
from eventwire.store import Store, schema
from eventwire.store.ingest import ingest

ARTICLES: list[tuple[str, str, str]] = [
    (
        "2024-03-04",
        "wire-a",
        "Russian troops shelled the Ukrainian city of Kharkiv on Monday, officials said.",
    ),
    ("2024-03-04", "wire-b", "Russian forces shelled Kharkiv overnight, Ukrainian officials said on Monday."),
    (
        "2024-03-05",
        "wire-a",
        "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday. "
        '"We stand together," Macron told reporters after the meeting.',
    ),
    ("2024-03-06", "wire-c", "Thousands of farmers protested in Brussels on Wednesday against new EU rules."),
    (
        "2024-03-06",
        "wire-b",
        "The United States accused China of supplying drones to Russia, the State Department said.",
    ),
    (
        "2024-03-07",
        "wire-a",
        "Israel and Hamas agreed to a temporary ceasefire in Gaza, mediators in Qatar said.",
    ),
    (
        "2024-03-07",
        "wire-c",
        'Kenyan police arrested 40 protesters in Nairobi. "The law will be enforced," '
        "the interior minister said on Thursday.",
    ),
    ("2024-03-08", "wire-b", "Japan pledged $500 million in aid to Ukraine on Friday."),
    ("2024-03-08", "wire-a", "India and Pakistan held talks in Geneva on water sharing."),
    ("2024-03-09", "wire-c", "Brazil expelled the Venezuelan ambassador after a dispute over the border."),
    ("2024-03-10", "wire-b", "The European Union imposed new sanctions on Iran over its nuclear programme."),
    ("2024-03-11", "wire-a", "Turkey threatened to block Sweden's membership of NATO, Erdogan said."),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "corpus.jsonl"
    lines = [
        json.dumps({"id": f"t{i:02d}", "date": d, "source": src, "title": f"Story {i}", "text": text})
        for i, (d, src, text) in enumerate(ARTICLES)
    ]
    lines.insert(5, '{"id": "broken", "text": "an unterminated record')  # malformed JSON
    lines.insert(8, json.dumps({"id": "empty", "date": "2024-03-06", "text": "   "}))  # rejected: empty
    lines.append(json.dumps({"id": "t03", "date": "2024-03-06", "text": "A repeat of an id seen before."}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_partitions_keep_order_and_sequence_numbers() -> None:
    parts = list(partitions(iter("abcdefg"), 3))
    assert [(i, s, "".join(p)) for i, s, p in parts] == [(0, 0, "abc"), (1, 3, "def"), (2, 6, "g")]
    with pytest.raises(ValueError):
        list(partitions(iter("ab"), 0))


def test_dask_engine_matches_local_engine(corpus: Path, pipeline: Pipeline, tmp_path: Path) -> None:
    local_db = tmp_path / "local.duckdb"
    with Store(local_db) as st:
        local = ingest(st, read_paths([str(corpus)], "jsonl"), pipeline, batch=4, dedup="cluster")
        want = st.snapshot()

    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    try:
        _check_dask(corpus, pipeline, tmp_path, client, local, want)
    finally:
        client.close()
        cluster.close()


def _check_dask(corpus: Path, pipeline: Pipeline, tmp_path: Path, client: Any, local: Any, want: Any) -> None:
    dask_db = tmp_path / "dask.duckdb"
    stats = ingest_dask(
        [str(corpus)],
        dask_db,
        "jsonl",
        client=client,
        partition_size=3,
        config=pipeline.config,
        dedup="cluster",
    )
    assert (stats.coded, stats.rejected, stats.duplicates) == (local.coded, local.rejected, local.duplicates)
    assert stats.coded == len(ARTICLES) and stats.rejected == 2 and stats.duplicates == 1
    assert stats.partitions == 5  # 14 records (12 articles, 2 rejects) in partitions of 3
    assert len(stats.workers) == 1 and len(stats.model_load_seconds) == 1  # one model load per worker
    with Store(dask_db, read_only=True) as st:
        got = st.snapshot()
    for table in schema.TABLES:
        assert got[table] == want[table], table
    assert want["event_mentions"], "the test input should give events"
    assert want["quotes"] and want["entities"] and want["events"]
    assert {r[1] for r in want["rejects"]} == {"bad_json", "empty_text"}

    # Parquet files: one per table per partition, readable with the store's schema
    parts = sorted((Path(stats.parquet_dir) / "articles").glob("part-*.parquet"))
    assert len(parts) == 5
    import pyarrow.parquet as pq

    assert pq.read_schema(parts[0]).names == schema.columns("articles")

    # workers that do not share the driver's disk send Parquet bytes; same database
    sent_db = tmp_path / "sent.duckdb"
    sent = ingest_dask(
        [str(corpus)],
        sent_db,
        "jsonl",
        client=client,
        partition_size=5,
        config=pipeline.config,
        shared_fs=False,
    )
    assert (sent.coded, sent.rejected, sent.partitions) == (stats.coded, stats.rejected, 3)
    with Store(sent_db, read_only=True) as st:
        assert st.snapshot() == want

    # running it again adds nothing (the rejects are re-read and replace themselves),
    # and the worker reuses its pipeline
    again = ingest_dask([str(corpus)], dask_db, "jsonl", client=client, config=pipeline.config)
    assert (again.coded, again.rejected, again.skipped) == (0, 2, len(ARTICLES) + 1)  # + the repeat
    assert again.model_load_seconds == []
    with Store(dask_db, read_only=True) as st:
        after = st.snapshot()
    for table in schema.TABLES:
        assert after[table] == want[table], table
