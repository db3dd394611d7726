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
from ..registry import Stage, stages
from .kb import Candidate, load_kb, office_holder, resolve_name
from .mentions import ActorResolver, resolver

__all__ = ["ActorStage", "Candidate", "load_kb", "office_holder", "resolve_name"]


class ActorStage:
    name = "actors"

    def __init__(self, resolver_: ActorResolver | None = None) -> None:
        self.resolver = resolver_ or resolver()

    def __call__(self, doc: Document) -> None:
        self.resolver(doc)


@stages.register("actors")
def make_actors(config: PipelineConfig) -> Stage:
    return ActorStage()
