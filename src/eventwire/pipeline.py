"""The pipeline: parse, then run the registered stages on each document.

One broken article never stops a batch: a record the readers could not read arrives
here as a ``Reject`` and is passed through in order; an article that fails inside a
stage is turned into a ``Reject`` naming the stage and the error.
"""

from __future__ import annotations

import functools
import gc
import importlib
import logging
import traceback
from collections.abc import Iterable, Iterator

from .config import PARSE_MODES, PipelineConfig
from .model import Article, Document, Reject
from .nlp import ParseStats, ParseWant, SentenceView, iter_batches, load_model, parse_documents
from .registry import BaseStage, Stage, order_stages, stages

log = logging.getLogger(__name__)

#: modules that register stages on import (the order of the stages comes from their requires/assigns)
STAGE_MODULES = (
    "eventwire.ingest.boilerplate",
    "eventwire.actors",
    "eventwire.time",
    "eventwire.geo",
    "eventwire.quotes",
    "eventwire.events",
)


def _import_stages() -> None:
    for mod in STAGE_MODULES:
        importlib.import_module(mod)


#: the contract of stages whose modules do not declare one yet (``actors/`` and ``ingest/`` are changed on
#: other branches): name -> (requires, assigns).  Move each into its stage class as ``requires``/``assigns``.
UNDECLARED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "boilerplate": (("sentences",), ("boilerplate",)),
    "actors": (("parse", "sentences", "boilerplate"), ("entities",)),
}


class _Declared(BaseStage):
    """A registered stage that is not a ``BaseStage`` yet: its contract from ``UNDECLARED``; ``warm`` and
    ``wants_parse`` forwarded where it has them (the only place the pipeline asks)."""

    def __init__(self, inner: object, requires: tuple[str, ...], assigns: tuple[str, ...]) -> None:
        self.inner = inner
        self.name = inner.name  # type: ignore[attr-defined]
        self.requires, self.assigns = requires, assigns
        self._warm = getattr(inner, "warm", None)
        self._wants = getattr(inner, "wants_parse", None)
        if self._wants is None:
            log.info("stage %s does not declare wants_parse: every sentence is parsed", self.name)

    def __call__(self, doc: Document) -> None:
        self.inner(doc)  # type: ignore[operator]

    def warm(self) -> None:
        if self._warm is not None:
            self._warm()

    def wants_parse(self, sent: SentenceView) -> bool:
        if self._wants is None:
            return True
        return bool(self._wants(sent))


def as_stage(obj: object) -> Stage:
    if isinstance(obj, BaseStage):
        return obj
    name = obj.name  # type: ignore[attr-defined]
    requires, assigns = UNDECLARED.get(name, (("parse", "sentences"), ()))
    return _Declared(obj, requires, assigns)


class Pipeline:
    """Codes articles.  Build once (loads the model and knowledge), call many times."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        _import_stages()
        self.nlp = load_model(self.config.model)
        unknown = sorted(set(self.config.options) - set(self.config.stages))
        if unknown:
            raise ValueError(f"options for stages that do not run: {', '.join(unknown)}")
        chosen = [as_stage(stages.get(name)(self.config)) for name in self.config.stages]
        self.stages: list[Stage] = order_stages(chosen)
        for stage in self.stages:  # knowledge is loaded here, once, like the model: not on the first article
            stage.warm()
        # the model and the knowledge (hundreds of thousands of objects) live as long as the process: moved
        # out of the cyclic collector's reach, its full collections while coding do not walk them every time
        gc.freeze()
        if self.config.parse not in PARSE_MODES:
            raise ValueError(f"parse mode {self.config.parse!r} is not one of {', '.join(PARSE_MODES)}")
        #: sentences and tokens seen and parsed (selective mode counts them)
        self.parse_stats = ParseStats()
        self._want: ParseWant | None = self._parse_want() if self.config.parse == "selective" else None

    def _parse_want(self) -> ParseWant:
        """One predicate: a sentence is parsed when any stage wants it (``Stage.wants_parse``; the
        ``BaseStage`` default reads the parse of every sentence)."""
        wants = [stage.wants_parse for stage in self.stages]

        def want(view: SentenceView) -> bool:
            return any(fn(view) for fn in wants)

        return want

    def check(self, article: Article) -> Reject | None:
        """Reasons an article cannot be coded at all."""
        origin = article.origin or article.id
        if not article.text.strip():
            return Reject(origin, "empty text", "empty_text", article.id)
        if len(article.text) > self.config.max_chars:
            return Reject(
                origin,
                f"article has {len(article.text):,} characters, over the limit of "
                f"{self.config.max_chars:,} (raise it with --max-chars)",
                "too_long",
                article.id,
                article.text[:200],
            )
        return None

    def run(self, records: Iterable[Article | Reject]) -> Iterator[Document | Reject]:
        """Code a stream of articles, yielding documents and rejects in input order."""
        for batch in iter_batches(records, self.config.batch_size):
            results: list[Document | Reject] = []
            todo: list[Document] = []
            for rec in batch:
                if isinstance(rec, Reject):
                    results.append(rec)
                    continue
                bad = self.check(rec)
                if bad is not None:
                    results.append(bad)
                    continue
                doc = Document(rec)
                results.append(doc)
                todo.append(doc)
            if todo:
                self._parse(todo)
            for i, item in enumerate(results):
                if isinstance(item, Document):
                    results[i] = self._stages(item)
            yield from results

    def code(self, article: Article) -> Document:
        """Code one article; raises ``ValueError`` if it is rejected."""
        (out,) = list(self.run([article]))
        if isinstance(out, Reject):
            raise ValueError(f"{out.origin}: {out.reason}")
        return out

    def _parse(self, docs: list[Document]) -> None:
        try:
            parse_documents(
                self.nlp, docs, self.config.chunk_chars, self.config.batch_size, self._want, self.parse_stats
            )
        except Exception:
            if len(docs) == 1:
                raise
            for d in docs:
                try:
                    parse_documents(self.nlp, [d], self.config.chunk_chars, 1, self._want, self.parse_stats)
                except Exception as exc:  # noqa: BLE001
                    d.spacy = None
                    d.warn("parse_error", f"parser failed: {exc!r}")

    def _stages(self, doc: Document) -> Document | Reject:
        origin = doc.article.origin or doc.article.id
        if doc.spacy is None:
            return Reject(origin, "the parser failed on this article", "parse_error", doc.article.id)
        for stage in self.stages:
            try:
                stage(doc)
            except Exception as exc:  # noqa: BLE001 - one article never stops a batch
                log.debug("stage %s failed on %s\n%s", stage.name, origin, traceback.format_exc())
                return Reject(
                    origin,
                    f"internal error in stage {stage.name!r}: {exc!r}",
                    "stage_error",
                    doc.article.id,
                )
        doc.spacy = None if not self.keep_parse else doc.spacy
        return doc

    #: keep the spaCy Doc on returned documents (tests and notebooks may want it)
    keep_parse: bool = False


def code_text(text: str, date: str | None = None, **meta: str | None) -> Document:
    """Code one text with a default pipeline (convenience for notebooks and tests)."""
    from .ingest import make_article

    pipe = _default_pipeline()
    return pipe.code(make_article(text=text, date=date, **meta))


@functools.cache
def _default_pipeline() -> Pipeline:
    """The pipeline ``code_text`` uses, built on first use."""
    return Pipeline()
