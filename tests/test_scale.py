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
from eventwire.scale import engine
from eventwire.scale.engine import default_parquet_dir, ingest_dask, partitions, remove_run_dir
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

    # the run's Parquet folder is removed once everything is loaded (and <db>.parquet with it)
    assert not stats.parquet_kept and not Path(stats.parquet_dir).exists()
    assert not default_parquet_dir(dask_db).exists()

    # workers that do not share the driver's disk send Parquet bytes; same database.
    # keep_parquet: one file per table per partition, readable with the store's schema
    sent_db = tmp_path / "sent.duckdb"
    sent = ingest_dask(
        [str(corpus)],
        sent_db,
        "jsonl",
        client=client,
        partition_size=5,
        config=pipeline.config,
        shared_fs=False,
        keep_parquet=True,
    )
    assert (sent.coded, sent.rejected, sent.partitions) == (stats.coded, stats.rejected, 3)
    with Store(sent_db, read_only=True) as st:
        assert st.snapshot() == want
    assert sent.parquet_kept and Path(sent.parquet_dir).parent == default_parquet_dir(sent_db)
    parts = sorted((Path(sent.parquet_dir) / "articles").glob("part-*.parquet"))
    assert len(parts) == 3
    import pyarrow.parquet as pq

    assert pq.read_schema(parts[0]).names == schema.columns("articles")

    # running it again adds nothing (the rejects are re-read and replace themselves),
    # and the worker reuses its pipeline
    again = ingest_dask([str(corpus)], dask_db, "jsonl", client=client, config=pipeline.config)
    assert (again.coded, again.rejected, again.skipped) == (0, 2, len(ARTICLES) + 1)  # + the repeat
    assert again.model_load_seconds == []
    with Store(dask_db, read_only=True) as st:
        after = st.snapshot()
    for table in schema.TABLES:
        assert after[table] == want[table], table


def test_failed_run_keeps_its_parquet_and_says_where(
    corpus: Path, pipeline: Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A load that fails after the first partition keeps the run's Parquet folder and names it."""
    from distributed import Client, LocalCluster

    # an in-process worker that reuses the session pipeline (no second model load)
    monkeypatch.setitem(engine._PIPELINES, repr(pipeline.config), pipeline)
    real_load = engine.load_partition
    loaded: list[int] = []

    def failing_load(store: Store, res: engine.PartitionResult, parquet_dir: Path) -> None:
        if loaded:
            raise OSError("no space left on device (simulated)")
        real_load(store, res, parquet_dir)
        loaded.append(res.index)

    monkeypatch.setattr(engine, "load_partition", failing_load)
    db = tmp_path / "failed.duckdb"
    cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
    client = Client(cluster)
    try:
        with caplog.at_level("WARNING", logger="eventwire.scale.engine"), pytest.raises(OSError) as info:
            ingest_dask([str(corpus)], db, "jsonl", client=client, partition_size=4, config=pipeline.config)
    finally:
        client.close()
        cluster.close()
    runs = list(default_parquet_dir(db).glob("run-*"))
    assert len(runs) == 1 and list((runs[0] / "articles").glob("part-*.parquet"))
    assert any(str(runs[0]) in r.getMessage() for r in caplog.records)
    assert any(str(runs[0]) in n for n in getattr(info.value, "__notes__", []))
    with Store(db, read_only=True) as st:  # the first partition was loaded, the rest was not
        assert 0 < st.count("articles") < len(ARTICLES)


def test_remove_run_dir_keeps_other_runs_and_named_folders(tmp_path: Path) -> None:
    base = tmp_path / "events.parquet"
    (base / "run-1" / "articles").mkdir(parents=True)
    (base / "run-2" / "articles").mkdir(parents=True)
    (base / "run-1" / "articles" / "part-000000.parquet").write_bytes(b"x")
    remove_run_dir(base / "run-1", base)
    assert not (base / "run-1").exists() and (base / "run-2").exists()  # another run's folder stays
    remove_run_dir(base / "run-2", base)
    assert not base.exists()  # the default folder goes once empty
    named = tmp_path / "mine"
    (named / "run-3").mkdir(parents=True)
    remove_run_dir(named / "run-3", None)
    assert named.exists() and not (named / "run-3").exists()  # a folder the caller named stays
