"""Actor mentions and their resolution (stage ``actors``).

Foundation version: named-entity mentions from the parser, not yet resolved.  The
knowledge base and date-aware resolution deepen this stage (issue: Actor resolution).
"""

from __future__ import annotations

from ..config import PipelineConfig
from ..model import Document, Entity
from ..registry import Stage, stages

ACTOR_LABELS = frozenset({"PERSON", "NORP", "GPE", "ORG"})


class ActorStage:
    name = "actors"

    def __call__(self, doc: Document) -> None:
        assert doc.spacy is not None
        for ent in doc.spacy.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            if doc.in_boilerplate(ent.start_char, ent.end_char):
                continue
            doc.entities.append(
                Entity(
                    entity_text=ent.text,
                    start=ent.start_char,
                    end=ent.end_char,
                    sentence=doc.sentence_at(ent.start_char),
                    kind="ner",
                    label=ent.label_,
                )
            )


@stages.register("actors")
def make_actors(config: PipelineConfig) -> Stage:
    return ActorStage()
