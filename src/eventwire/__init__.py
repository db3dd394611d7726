"""eventwire: political event data and attributed quotes from dated news articles.

    >>> from eventwire import Pipeline, make_article
    >>> doc = Pipeline().code(make_article("date ...", date="2025-05-20"))  # doctest: +SKIP
    >>> doc.to_dict()["events"]  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Pipeline", "PipelineConfig", "__version__", "make_article", "read_paths"]


def __getattr__(name: str):
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    if name == "PipelineConfig":
        from .config import PipelineConfig

        return PipelineConfig
    if name in ("make_article", "read_paths"):
        from . import ingest

        return getattr(ingest, name)
    raise AttributeError(name)
