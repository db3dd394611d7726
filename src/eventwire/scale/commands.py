"""What ``eventwire ingest --engine dask`` calls: ``ingest_with_dask`` (progress bar included).

The option parsing stays in ``store.commands.ingest_cmd``; this function takes the opened
store and the parsed options and returns the counts that command prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from ..config import PipelineConfig
from ..model import Reject
from ..store.db import Store
from .engine import DaskStats, ingest_dask


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int], None] | None]:
    """A rich progress line on standard error: records done and articles/s."""
    if not enabled:
        yield None
        return
    import time

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    t0 = time.perf_counter()
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        TextColumn("{task.completed} records"),
        TextColumn("{task.fields[rate]} records/s"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("ingesting on dask", total=None, rate="-")

        def update(done: int) -> None:
            rate = done / max(time.perf_counter() - t0, 1e-9)
            bar.update(task, completed=done, rate=f"{rate:.1f}")

        yield update


def ingest_with_dask(
    store: Store,
    paths: Sequence[str] | None,
    fmt: str,
    config: PipelineConfig,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    replace: bool = False,
    batch: int = 64,
    dedup: str | None = "cluster",
    progress: bool = False,
    on_reject: Callable[[Reject], None] | None = None,
    on_warning: Callable[[str, str, str], None] | None = None,
) -> DaskStats:
    """Run the Dask engine for ``eventwire ingest``: ``batch`` articles per partition (and
    per DuckDB transaction, as with the local engine); Parquet beside the database."""
    if workers is not None and workers < 1:
        raise ValueError("--workers must be at least 1")
    if scheduler and workers:
        raise ValueError("give --workers (a local cluster) or --scheduler (a running one), not both")
    if os.environ.get("EVENTWIRE_DASK_SCHEDULER") and not workers:
        scheduler = scheduler or os.environ["EVENTWIRE_DASK_SCHEDULER"]
    with _progress(progress) as update:
        return ingest_dask(
            paths,
            store.path,
            fmt,
            workers=workers,
            scheduler=scheduler,
            config=config,
            replace=replace,
            dedup=dedup,
            partition_size=batch,
            store=store,
            on_reject=on_reject,
            on_warning=on_warning,
            on_progress=update,
        )
