"""Scale-out: code a corpus on Dask workers, exchange Parquet, load into the DuckDB store.

``engine.ingest_dask`` is what ``eventwire ingest --engine dask`` runs; see ``docs/scale.md``.
"""

from .engine import DaskStats, ingest_dask

__all__ = ["DaskStats", "ingest_dask"]
