"""The pipeline: parse, then run the registered stages on each document.

One broken article never stops a batch: a record the readers could not read arrives
here as a ``Reject`` and is passed through in order; an article that fails inside a
stage is turned into a ``Reject`` naming the stage and the error.
"""

from __future__ import annotations

import importlib
import logging
import traceback
from collections.abc import Iterable, Iterator

from .config import PARSE_MODES, PipelineConfig
from .model import Article, Document, Reject
from .nlp import ParseStats, ParseWant, SentenceView, iter_batches, load_model, parse_documents
from .registry import Stage, stages

log = logging.getLogger(__name__)

#: modules that register stages on import
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


class Pipeline:
    """Codes articles.  Build once (loads the model and knowledge), call many times."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        _import_stages()
        self.nlp = load_model(self.config.model)
        self.stages: list[Stage] = [stages.get(name)(self.config) for name in self.config.stages]
        for stage in self.stages:  # knowledge is loaded here, once, like the model: not on the first article
            warm = getattr(stage, "warm", None)
            if warm is not None:
                warm()
        if self.config.parse not in PARSE_MODES:
            raise ValueError(f"parse mode {self.config.parse!r} is not one of {', '.join(PARSE_MODES)}")
        #: sentences and tokens seen and parsed (selective mode counts them)
        self.parse_stats = ParseStats()
        self._want: ParseWant | None = self._parse_want() if self.config.parse == "selective" else None

    def _parse_want(self) -> ParseWant:
        """One predicate: a sentence is parsed when any stage wants it (``Stage.wants_parse``).

        A stage that does not say is taken to read the parse of every sentence."""
        wants = []
        for stage in self.stages:
            fn = getattr(stage, "wants_parse", None)
            if fn is None:
                log.info("stage %s does not declare wants_parse: every sentence is parsed", stage.name)
                return _every_sentence
            wants.append(fn)

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


def _every_sentence(view: SentenceView) -> bool:
    return True


def code_text(text: str, date: str | None = None, **meta: str | None) -> Document:
    """Code one text with a default pipeline (convenience for notebooks and tests)."""
    from .ingest import make_article

    pipe = _default_pipeline()
    return pipe.code(make_article(text=text, date=date, **meta))


_DEFAULT: Pipeline | None = None


def _default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT
