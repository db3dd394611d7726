"""The Dask engine: code partitions of the input on Dask workers, load Parquet into DuckDB.

``ingest_dask`` is the scale-out twin of ``store.ingest.ingest`` and gives the same
database for the same input (same article ids, rows, rejects and deduplicated events):

1. The driver (the process running ``eventwire ingest``) opens the store, reads the input
   in order with ``eventwire.ingest.read_paths`` and drops what the local engine drops
   (ids already stored unless ``replace``, later repeats of an id in the same run).
2. The remaining records, rejects of the readers included, are cut into *partitions* of
   ``partition_size`` records in input order; partition ``k`` holds the records with global
   sequence numbers ``first_seq .. first_seq + len - 1``.  At most ``max_in_flight``
   partitions are submitted at a time, so the driver's memory is bounded whatever the
   size of the input.
3. A worker codes a partition with ONE ``Pipeline`` per worker process (built on the first
   partition and cached at module level; later partitions reuse it), turns each result
   into rows with the store's pure ``rows.document_rows`` / ``rows.reject_rows``, and writes
   one Parquet file per table per partition, with the store's ``schema.arrow_schema``:
   ``<parquet_dir>/<table>/part-<k>.parquet``.  With a remote scheduler and no shared
   file system the worker sends the Parquet bytes back and the driver writes the files.
4. As each partition completes the driver loads its files into DuckDB in ONE transaction
   (replacing the same article ids and the same origins' rejects, as ``Store.write_batch``
   does), so a crash loses at most the partitions in flight and a re-run resumes.
5. After the last partition the same deduplication as the local engine runs over the store.
6. The run's Parquet folder (``<db>.parquet/run-<UTC time>``) is then removed: the database
   holds everything (``keep_parquet=True`` keeps it).  If the run fails, the folder is kept
   and a warning names it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import resource
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import PipelineConfig
from ..model import Article, Document, Reject
from ..store import schema
from ..store.db import Store
from ..store.ingest import IngestStats, new_records
from ..store.rows import Rows, document_rows, reject_rows

#: tables a partition writes (``events`` and ``meta`` belong to the whole store)
PART_TABLES: tuple[str, ...] = ("articles", *schema.ARTICLE_TABLES, "rejects")

Record = Article | Reject

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- worker side

_PIPELINES: dict[str, Any] = {}


def worker_pipeline(config: PipelineConfig) -> tuple[Any, float]:
    """The pipeline of this worker process for ``config`` (built once), and the seconds it
    took to build it now (0.0 when it was already built)."""
    key = repr(config)
    pipe = _PIPELINES.get(key)
    if pipe is not None:
        return pipe, 0.0
    from ..pipeline import Pipeline

    t0 = time.perf_counter()
    pipe = Pipeline(config)
    _PIPELINES[key] = pipe
    return pipe, time.perf_counter() - t0


def rows_to_arrow(table: str, rows: Sequence[tuple[Any, ...]]) -> Any:
    """Rows (tuples in schema order) as a ``pyarrow.Table`` with the store's schema."""
    import pyarrow as pa

    sch = schema.arrow_schema(table)
    cols = list(zip(*rows, strict=True)) if rows else [() for _ in sch]
    arrays = [pa.array(list(col), type=f.type) for col, f in zip(cols, sch, strict=True)]
    return pa.Table.from_arrays(arrays, schema=sch)


def part_name(index: int) -> str:
    return f"part-{index:06d}.parquet"


@dataclass
class PartitionResult:
    """What a worker reports back for one partition (small: no rows unless ``blobs``)."""

    index: int
    first_seq: int
    n_records: int
    coded: int = 0
    rejected: int = 0
    ids: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    #: (origin, code, message) of every warning on the coded documents
    warnings: list[tuple[str, str, str]] = field(default_factory=list)
    #: table -> path of the Parquet file the worker wrote
    files: dict[str, str] = field(default_factory=dict)
    #: table -> Parquet bytes, when the worker cannot write where the driver reads
    blobs: dict[str, bytes] = field(default_factory=dict)
    chars: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0
    pid: int = 0
    rss_mb: float = 0.0
    max_rss_mb: float = 0.0


def _rss_mb() -> float:
    try:
        import psutil

        return float(psutil.Process().memory_info().rss) / 2**20
    except ImportError:  # pragma: no cover - psutil comes with distributed
        return 0.0


def code_partition(
    index: int,
    first_seq: int,
    records: Sequence[Record],
    config: PipelineConfig,
    out_dir: str | None,
) -> PartitionResult:
    """Code one partition on a worker and write its Parquet files (or return their bytes)."""
    import pyarrow.parquet as pq

    pipe, load_s = worker_pipeline(config)
    t0 = time.perf_counter()
    res = PartitionResult(index, first_seq, len(records), load_seconds=load_s, pid=os.getpid())
    when = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    merged: Rows = {t: [] for t in PART_TABLES}
    for item in pipe.run(records):
        if isinstance(item, Reject):
            part = reject_rows(item, when)
            res.rejected += 1
            res.rejects.append(item)
            res.origins.append(item.origin)
        else:
            assert isinstance(item, Document)
            part = document_rows(item, when)
            a = item.article
            res.coded += 1
            res.chars += len(a.text)
            res.ids.append(a.id)
            res.origins.append(a.origin or a.id)
            res.warnings.extend((a.origin or a.id, w.code, w.message) for w in item.warnings)
        for t, rows in part.items():
            merged[t].extend(rows)
    for t in PART_TABLES:
        if not merged[t]:
            continue
        tbl = rows_to_arrow(t, merged[t])
        if out_dir is None:
            buf = io.BytesIO()
            pq.write_table(tbl, buf)
            res.blobs[t] = buf.getvalue()
        else:
            folder = Path(out_dir) / t
            folder.mkdir(parents=True, exist_ok=True)
            final = folder / part_name(index)
            tmp = folder / (part_name(index) + f".tmp{os.getpid()}")
            pq.write_table(tbl, tmp)
            os.replace(tmp, final)  # a retried task never leaves half a file behind
            res.files[t] = str(final)
    res.seconds = time.perf_counter() - t0
    res.rss_mb = _rss_mb()
    res.max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return res


# --------------------------------------------------------------------------- driver side


def partitions(records: Iterable[Record], size: int) -> Iterator[tuple[int, int, list[Record]]]:
    """``(index, first_seq, records)`` for consecutive partitions of ``size`` records."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    part: list[Record] = []
    index = seq = 0
    for rec in records:
        part.append(rec)
        if len(part) >= size:
            yield index, seq, part
            index += 1
            seq += len(part)
            part = []
    if part:
        yield index, seq, part


def load_partition(store: Store, res: PartitionResult, parquet_dir: Path) -> None:
    """Load one partition's Parquet files into the store in ONE transaction.

    Like ``Store.write_batch``: the partition's article ids replace stored ones, and its
    origins' earlier rejects are removed before its own are inserted.
    """
    import pyarrow as pa

    files = dict(res.files)
    for t, data in res.blobs.items():  # bytes from a worker without our file system
        folder = parquet_dir / t
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / part_name(res.index)
        path.write_bytes(data)
        files[t] = str(path)
    con = store.con
    con.execute("BEGIN")
    try:
        if res.ids:
            con.register("_ew_ids", pa.table({"id": pa.array(sorted(set(res.ids)), pa.string())}))
            try:
                for t in schema.ARTICLE_TABLES:
                    con.execute(f"DELETE FROM {t} WHERE article_id IN (SELECT id FROM _ew_ids)")
                con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM _ew_ids)")
            finally:
                con.unregister("_ew_ids")
        if res.origins:
            con.register("_ew_or", pa.table({"origin": pa.array(sorted(set(res.origins)), pa.string())}))
            try:
                con.execute("DELETE FROM rejects WHERE origin IN (SELECT origin FROM _ew_or)")
            finally:
                con.unregister("_ew_or")
        for t in PART_TABLES:
            if t not in files:
                continue
            names = ", ".join(f'"{c}"' for c in schema.columns(t))
            con.execute(f"INSERT INTO {t} ({names}) SELECT {names} FROM read_parquet(?)", [files[t]])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def default_parquet_dir(db: str | os.PathLike[str]) -> Path:
    """``events.duckdb`` -> ``events.parquet/`` beside it."""
    p = Path(db)
    return p.with_name(p.stem + ".parquet")


@dataclass
class DaskStats(IngestStats):
    """``IngestStats`` plus what the workers reported."""

    partitions: int = 0
    workers: dict[int, float] = field(default_factory=dict)  # worker pid -> RSS MB after its last partition
    worker_max_rss_mb: float = 0.0
    model_load_seconds: list[float] = field(default_factory=list)
    seconds: float = 0.0
    #: this run's Parquet folder (removed after a successful load unless ``parquet_kept``)
    parquet_dir: str = ""
    parquet_kept: bool = False


def make_client(workers: int | None, scheduler: str | None, memory_limit: str = "auto") -> tuple[Any, Any]:
    """``(client, cluster)``: a ``Client`` on ``scheduler``, else on a new ``LocalCluster`` of
    ``workers`` single-threaded worker processes (``cluster`` is None for an address)."""
    import logging

    from distributed import Client, LocalCluster

    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # distributed logs cluster start and stop at INFO on the driver; keep the terminal quiet
        for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.core"):
            logging.getLogger(name).setLevel(logging.WARNING)
    if scheduler:
        return Client(scheduler), None
    n = workers or max(1, (os.cpu_count() or 2) - 1)
    cluster = LocalCluster(
        n_workers=n,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit=memory_limit,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def _local(client: Any) -> bool:
    """Whether ``client`` runs a ``LocalCluster`` (its workers see the driver's disk)."""
    from distributed import LocalCluster

    return isinstance(getattr(client, "cluster", None), LocalCluster)


def ingest_dask(
    paths: Sequence[str] | None,
    db: str | os.PathLike[str],
    fmt: str = "auto",
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    config: PipelineConfig | None = None,
    replace: bool = False,
    dedup: str | None = "cluster",
    partition_size: int = 64,
    max_in_flight: int | None = None,
    parquet_dir: str | os.PathLike[str] | None = None,
    keep_parquet: bool = False,
    shared_fs: bool | None = None,
    store: Store | None = None,
    records: Iterable[Record] | None = None,
    client: Any = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_warning: Callable[[str, str, str], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> DaskStats:
    """Code ``paths`` (or ``records``) on Dask and store the results in ``db``.

    ``workers``: worker processes of a ``LocalCluster`` (default: cores - 1);
    ``scheduler``: the address of a running scheduler (``tcp://host:8786``) instead.
    ``client``: an existing ``distributed.Client`` (tests, notebooks), used as is.
    ``shared_fs``: workers write the Parquet files themselves (default: only on a
    ``LocalCluster``; elsewhere they send the bytes to the driver, which writes them).
    ``on_progress(n)`` is called with the number of records finished so far.
    The run's Parquet files (under ``parquet_dir``, default ``<db>.parquet/``) are removed
    once everything is loaded, unless ``keep_parquet``; when the run fails they are kept
    (a warning and a note on the exception say where).
    Returns counts like ``store.ingest.ingest`` plus the workers' memory.
    """
    from distributed import as_completed

    from ..dedup import recompute
    from ..ingest import limits_for, read_paths

    t_start = time.perf_counter()
    cfg = config or PipelineConfig()
    own_store = store is None
    st = store if store is not None else Store(db)
    base = Path(parquet_dir) if parquet_dir else default_parquet_dir(db)
    out = base / dt.datetime.now(dt.UTC).strftime("run-%Y%m%dT%H%M%S-%f")
    stats = DaskStats(parquet_dir=str(out))
    stored = set() if replace else st.stored_ids()
    source = records if records is not None else read_paths(paths, fmt, limits_for(cfg.max_chars))

    own_client = client is None
    cluster = None
    done = 0
    try:
        it = partitions(new_records(source, stored, stats), partition_size)
        first = next(it, None)
        if first is not None:  # nothing to code: no cluster is started, no model loaded
            out.mkdir(parents=True, exist_ok=True)
            if own_client:
                client, cluster = make_client(workers, scheduler)
            n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 1))
            limit = max_in_flight or 2 * n_workers
            writes = shared_fs if shared_fs is not None else _local(client)
            ac = as_completed()

            def finish(res: PartitionResult) -> None:
                nonlocal done
                load_partition(st, res, out)
                stats.partitions += 1
                stats.batches += 1
                stats.coded += res.coded
                stats.rejected += res.rejected
                stats.workers[res.pid] = res.rss_mb
                stats.worker_max_rss_mb = max(stats.worker_max_rss_mb, res.max_rss_mb)
                if res.load_seconds:
                    stats.model_load_seconds.append(res.load_seconds)
                for r in res.rejects:
                    if on_reject:
                        on_reject(r)
                if on_warning:
                    for w in res.warnings:
                        on_warning(*w)
                done += res.n_records
                if on_progress:
                    on_progress(done)

            in_flight = 0

            def submit(index: int, seq: int, part: list[Record]) -> None:
                nonlocal in_flight
                fut = client.submit(
                    code_partition,
                    index,
                    seq,
                    part,
                    cfg,
                    str(out) if writes else None,
                    key=f"eventwire-partition-{out.name}-{index}",
                    retries=1,
                )
                ac.add(fut)
                in_flight += 1

            submit(*first)
            for p in it:
                submit(*p)
                while in_flight >= limit:  # bounded: wait for one before reading further
                    fut = next(ac)
                    in_flight -= 1
                    finish(fut.result())
            for fut in ac:
                in_flight -= 1
                finish(fut.result())
        if dedup is not None:
            stats.dedup = recompute(st, dedup)
    except BaseException as exc:
        if out.exists():
            msg = (
                f"the Dask ingest stopped before it finished; this run's Parquet files are kept in {out} "
                "(the partitions loaded so far are in the database; a re-run skips them)"
            )
            log.warning(msg)
            exc.add_note(msg)
        raise
    finally:
        if own_client and client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        if own_store:
            st.close()
    if keep_parquet:
        stats.parquet_kept = out.exists()
    else:
        remove_run_dir(out, base if parquet_dir is None else None)
    stats.seconds = time.perf_counter() - t_start
    return stats


def remove_run_dir(run_dir: Path, default_base: Path | None = None) -> None:
    """Remove one run's Parquet folder, and ``default_base`` (``<db>.parquet``) if that leaves
    it empty (a folder the caller named is never removed)."""
    shutil.rmtree(run_dir, ignore_errors=True)
    if default_base is not None:
        with contextlib.suppress(OSError):  # only when empty: other runs' kept folders stay
            default_base.rmdir()
