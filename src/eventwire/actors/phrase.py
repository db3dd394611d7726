"""One mention being resolved, read once: its items by kind, what its determiner, modifiers and title
say, the state or organisation it names, and the text the entity covers (the whole noun phrase).
``emit`` turns a candidate into the mention's entity."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..model import Document, Entity
from .candidates import basis_of
from .docstate import DocState
from .grouping import Mention
from .items import Item
from .kb import Candidate, KnowledgeBase, norm
from .tokens import GLUED, line_break
from .words import load_words

WORDS = load_words()


@dataclass
class Phrase:
    """A mention and what its words say.  ``text``, ``start`` and ``end`` (character offsets) are what the
    entity covers; a step may narrow or widen them before it emits."""

    m: Mention
    sdoc: Doc
    text: str
    start: int
    end: int
    #: "the", "a", "an", or a group word ("the two leaders")
    det: str | None
    #: modifier classes ("former", "acting", ... "" for none: ``words.json``)
    mods: set[str | None]
    people: list[Item]
    titles: list[Item]
    agents: list[Item]
    #: states, demonyms, seats of power and organisations the phrase names
    places: list[Item]
    #: the state the phrase is about, and the organisation if it names one
    hint_code: str | None
    hint_org: Candidate | None
    title_lemma: str | None
    office_type: str | None
    head_agent: str | None
    #: the phrase names no actor noun ("U.S. troop casualties"): its state, with no sector
    strip_sector: bool = False

    @property
    def items(self) -> list[Item]:
        return self.m.items


def read_phrase(kb: KnowledgeBase, doc: Document, m: Mention) -> Phrase:
    """What mention ``m`` says, and the noun phrase it is the head of."""
    sdoc = doc.spacy
    assert sdoc is not None
    items = m.items
    lead = items[0]
    det = lead.lemma if lead.kind == "det" else None
    group_word = next((i.lemma for i in items if i.kind == "det" and i.lemma in WORDS.group_words), None)
    if group_word:
        det = group_word
    mods = {i.lemma for i in items if i.kind == "mod"}
    titles = [i for i in items if i.kind == "title"]
    agents = [i for i in items if i.kind == "agent"]
    places = [i for i in items if i.kind in ("country", "adjective", "metonym", "org")]
    # the country or organisation the phrase is about
    hint_code: str | None = None
    hint_org: Candidate | None = None
    for p in places:
        e = p.entries[0]
        if e.kind == "org":
            hint_org = kb.org_candidate(e.key)
            hint_code = hint_org.code
        else:
            hint_code = e.key
    title_lemma = titles[-1].lemma if titles else None
    office_type = kb.agents[title_lemma].office_type if title_lemma else None
    if "deputy" in mods or (titles and _qualified_title(sdoc, titles[-1])):
        office_type = None  # "the majority leader", "the union's president": not a state's office
    if office_type == "president" and any(
        norm(sdoc[t.start : t.end].text).startswith("vice") for t in titles
    ):
        office_type = "vice_president"
    start_char = sdoc[_phrase_start(sdoc, m)].idx
    last = sdoc[m.end - 1]
    end_char = last.idx + len(last.text)
    return Phrase(
        m=m,
        sdoc=sdoc,
        text=doc.text[start_char:end_char],
        start=start_char,
        end=end_char,
        det=det,
        mods=mods,
        people=[i for i in items if i.kind in ("person", "unk_person")],
        titles=titles,
        agents=agents,
        places=places,
        hint_code=hint_code,
        hint_org=hint_org,
        title_lemma=title_lemma,
        office_type=office_type,
        head_agent=agents[-1].lemma if agents else None,
    )


def _phrase_start(sdoc: Doc, m: Mention) -> int:
    """The first token of the whole noun phrase: adjective/compound modifiers left of the mention ("global
    leaders"), and an article before them."""
    start_tok = m.start
    sent_start = sdoc[m.start].sent.start
    while start_tok > sent_start and m.items[0].kind != "det":
        t = sdoc[start_tok - 1]
        if (
            t.dep_ in ("amod", "compound", "nummod")
            and t.pos_ in ("ADJ", "NOUN", "NUM", "PROPN")
            and start_tok <= t.head.i < m.end  # a chain of modifiers: "West Bengal Chief Minister X"
            and not t.ent_type_
            and not line_break(sdoc, start_tok - 1, start_tok)
            and not GLUED.search(t.text)
        ):
            start_tok -= 1
        else:
            break
    if start_tok < m.start and start_tok > sent_start and sdoc[start_tok - 1].lower_ in WORDS.articles:
        start_tok -= 1
    return start_tok


def _qualified_title(sdoc: Doc, title: Item) -> bool:
    """A title whose head has a common noun as modifier or possessor ("the majority leader", "the
    union's president", "the team captain"): the office of that body, not of a state."""
    head = sdoc[title.end - 1]
    return any(
        ch.dep_ in ("compound", "poss")
        and ch.i < title.start
        and ch.pos_ == "NOUN"
        and ch.text.islower()
        and not ch.ent_type_
        for ch in head.children
    )


def emit(
    state: DocState,
    ph: Phrase,
    c: Candidate,
    kind: str,
    label: str | None = None,
    notes: list[str] | None = None,
) -> Entity:
    """The entity of the phrase as candidate ``c``, remembered in ``state``."""
    m = ph.m
    ent = Entity(
        entity_text=ph.text,
        start=ph.start,
        end=ph.end,
        sentence=m.sentence,
        name=c.name,
        code=c.code,
        sector=None if ph.strip_sector else c.sector,
        wikidata_id=c.wikidata_id,
        role=c.role,
        kind=kind,
        label=label,
        ref=c.ref,
        confidence=round(c.confidence, 2),
        notes=[*c.notes, *(notes or [])],
        basis=c.basis or basis_of(c),
    )
    state.add(ent, c, ph.sdoc[m.start : m.end])
    return ent
