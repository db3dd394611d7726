"""Actor mentions and their date-aware resolution (stage ``actors``).

Every actor mention in a story sentence becomes an ``Entity`` on ``doc.entities``: named people, states and
organisations, demonym+title phrases ("Russian President Vladimir Putin"), generic agents ("police",
"Syrian rebels"), seats of power used for a government ("the Kremlin", "Moscow said"), definite titles
("the Russian leader") and pronouns resolved to their antecedent.  Resolution uses the knowledge base in
``eventwire/data/actors`` (see ``kb.py``; build: ``scripts/build_actors.py``) on the article's date.
"""

from __future__ import annotations

from ..config import PipelineConfig
from ..model import Document
from ..nlp.selective import SentenceView
from ..registry import Stage, stages
from .kb import Candidate, city_countries, load_kb, office_holder, resolve_name
from .mentions import ActorResolver, resolver

#: entity labels that never name an actor
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "they", "them", "their", "it", "its", "who"})

__all__ = ["ActorStage", "Candidate", "load_kb", "office_holder", "resolve_name"]


class ActorStage:
    name = "actors"

    def __init__(self, resolver_: ActorResolver | None = None) -> None:
        self.resolver = resolver_ or resolver()

    def __call__(self, doc: Document) -> None:
        self.resolver(doc)

    def warm(self) -> None:
        """Load the knowledge base and the city table now, not on the first article."""
        city_countries()

    def wants_parse(self, sent: SentenceView) -> bool:
        """Selective parsing: a sentence that may name an actor (a named entity, a proper noun, a
        pronoun, or the head word of a name, agent or title the knowledge base knows)."""
        if self._parse_words is None:
            kb = self.resolver.kb
            heads = {k.split()[-1] for k in kb.lexicon if k.split()}
            heads |= {k.split()[-1] for k in kb.agents if k.split()}
            heads |= {t.split()[-1] for t in kb.title_office if t.split()}
            self._parse_words = frozenset(heads | _PRONOUNS)
        if sent.labels - _NUMERIC_LABELS or "NNP" in sent.tags or "NNPS" in sent.tags:
            return True
        return not self._parse_words.isdisjoint(sent.lemmas)

    _parse_words: frozenset[str] | None = None


@stages.register("actors")
def make_actors(config: PipelineConfig) -> Stage:
    return ActorStage()
