"""Shared fixtures: the spaCy model and the pipeline are loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import PipelineConfig
from eventwire.ingest import make_article
from eventwire.model import Document
from eventwire.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    p = Pipeline(PipelineConfig())
    return p


@pytest.fixture(scope="session")
def rule_pipeline() -> Pipeline:
    """The pipeline with the rule coder's events as they are (no learned scoring, proposals or checks)."""
    return Pipeline(PipelineConfig(options={"events": {"learned": False}}))


@pytest.fixture(scope="session")
def code_rules(rule_pipeline: Pipeline):
    """``code_rules(text, date=...) -> Document``: ``code`` through the rule coder alone."""

    def _code(text: str, date: str | None = "2025-05-20", **meta: str) -> Document:
        return rule_pipeline.code(make_article(text=text, date=date, **meta))

    return _code


@pytest.fixture(scope="session")
def nlp(pipeline: Pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def code(pipeline: Pipeline):
    """``code(text, date="2025-05-20") -> Document``: code one text you wrote."""

    def _code(text: str, date: str | None = "2025-05-20", **meta: str) -> Document:
        return pipeline.code(make_article(text=text, date=date, **meta))

    return _code
