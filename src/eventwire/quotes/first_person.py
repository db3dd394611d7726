"""First-person pronouns of a direct quote are its speaker.

'"I will not resign," Prime Minister Boris Johnson said': the "I" inside the quotation marks is the person
the quote is attributed to.  The actors stage cannot know this (the speaker is often named after the
quotation, and attribution is this stage's job), so the quotes stage adds the pronoun as an entity of the
speaker once the speaker is known: kind ``pronoun``, basis ``quote_speaker``, the speaker's name, codes and
coreference id.

Only the singular "I", "me", "my", "mine", "myself" (``data/quotes/words.json``, ``first_person``):
"we" may be the speaker's party, government, country or family.  Only direct quotes (the whole content
quoted, including a quotation that continues the previous one), never mixed quotes, whose "I" may be the
reporter's; and only a speaker that is one named person: an unresolved or organisation speaker gives no
entity.  A pronoun already covered by an actor entity is left as it is.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from ..model import Document, Entity, Quote

#: a first-person entity is no surer than its speaker, and never surer than a coreference link
MAX_CONFIDENCE = 0.8


def first_person_entities(doc: Document, quotes: Iterable[Quote], words: frozenset[str]) -> list[Entity]:
    """The first-person pronouns (``words``, lower case) inside the direct quotes' content, as entities of
    their quote's speaker, in text order."""
    sdoc = doc.spacy
    if sdoc is None:
        return []
    out: list[Entity] = []
    taken = [(e.start, e.end) for e in doc.entities]
    for q in quotes:
        sp = q.speaker
        if q.kind != "direct" or sp is None or sp.name is None or not _person(sp):
            continue
        span = sdoc.char_span(q.content_start, q.content_end, alignment_mode="contract")
        if span is None:
            continue
        for tok in span:
            if tok.lower_ not in words or tok.pos_ != "PRON":
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            if any(a < end and start < b for a, b in taken):
                continue
            out.append(
                Entity(
                    entity_text=tok.text,
                    start=start,
                    end=end,
                    sentence=doc.sentence_at(start),
                    name=sp.name,
                    code=sp.code,
                    sector=sp.sector,
                    wikidata_id=sp.wikidata_id,
                    role=f"pronoun->{sp.name}",
                    kind="pronoun",
                    ref=sp.ref,
                    confidence=round(min(MAX_CONFIDENCE, sp.confidence or 0.5, q.confidence or 1.0), 2),
                    basis="quote_speaker",
                )
            )
    out.sort(key=lambda e: e.start)
    return out


#: ``Entity.basis`` of a mention of one person (``actors/candidates.basis_of``)
PERSON_BASES = frozenset({"kb_person_role", "office_holder", "unresolved_person"})
#: a pronoun speaker that is one person
PERSON_PRONOUNS = frozenset({"he", "she"})


def _person(e: Entity) -> bool:
    """The speaker entity is one person: a person the knowledge base or the NER knows, or he/she resolved to
    one."""
    if e.kind == "pronoun":
        return e.entity_text.lower() in PERSON_PRONOUNS
    return e.label == "PERSON" or e.basis in PERSON_BASES


def add_entities(doc: Document, new: list[Entity]) -> None:
    """Insert ``new`` into ``doc.entities``, keeping the list in order of start offsets."""
    for e in new:
        k = bisect.bisect_right(doc.entities, e.start, key=lambda x: x.start)
        doc.entities.insert(k, e)
