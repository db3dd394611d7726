"""Countries from the context, after every mention of an article is resolved: an unresolved person in
apposition to a title with a country, and a generic agent with a place attached to it ("police in
Lagos")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Entity
from .docstate import DocState
from .kb import KnowledgeBase, city_countries, norm
from .words import load_words

WORDS = load_words()


def apposition_country(state: DocState) -> None:
    """An unresolved person in apposition to a title the text gives a country ("Bill Tyler, the senior
    U.S. diplomat in Kyiv", "a fellow White House official, Tim Morrow") takes that country, and the
    title's sector when the title entity is the whole apposition (not "president of the U.S." cut
    from "president of the U.S. Chamber of Commerce")."""
    sdoc = state.doc.spacy
    assert sdoc is not None
    titled = [e for e in state.entities if e.kind in ("title", "agent") and e.code and e.name]
    if not titled:
        return
    for e in state.entities:
        if e.basis != "unresolved_person" or e.code is not None or e.kind == "pronoun":
            continue
        span = sdoc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        others = [ch for ch in head.children if ch.dep_ == "appos"]
        if head.dep_ == "appos":
            others.append(head.head)
        for t in others:
            hit = next((x for x in titled if x.start <= t.idx < x.end and x.sentence == e.sentence), None)
            if hit is None:
                continue
            _take_apposition(sdoc, e, hit, t)
            break


def _take_apposition(sdoc: Doc, e: Entity, hit: Entity, t: Token) -> None:
    """Person ``e`` takes the country (and sector) of title ``hit`` at token ``t``."""
    tspan = sdoc.char_span(hit.start, hit.end, alignment_mode="expand")
    end = tspan[-1] if tspan is not None else t
    # "president of the U.S." cut from "... the U.S. Chamber of Commerce": the name goes on
    whole = not (end.head.i > end.i and end.dep_ in ("compound", "amod", "nmod", "poss"))
    e.code = hit.code
    if whole and e.sector is None:
        e.sector = hit.sector
    e.role = f"{e.role} +apposition"
    e.basis = "apposition"
    e.notes.append(f"country {hit.code} from the apposition '{hit.entity_text}'")
    e.confidence = round(min(e.confidence or 0.5, 0.5), 2)


def context_country(kb: KnowledgeBase, state: DocState) -> None:
    """Generic agents with no country in their phrase ("police", "protesters") take the country of a
    place the text attaches to them ("police in Lagos", "students from Chile"); a country named
    elsewhere in the sentence or the article is no evidence of nationality, and people never take one.
    The role, the basis and a note say so, and the confidence is lowered."""
    todo = [
        e
        for e in state.entities
        if e.code is None
        and e.basis in ("agent", "unresolved_organisation")
        and (e.sector or e.label == "ORG")
    ]
    if not todo:
        return
    sdoc = state.doc.spacy
    assert sdoc is not None
    cities = city_countries()
    for e in todo:
        span = sdoc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None:
            continue
        words = set(norm(e.entity_text).split())
        words |= {norm(x.text) for x in span.root.children if x.dep_ in ("amod", "compound")}
        if words & WORDS.not_domestic:
            continue  # "global leaders", "foreign journalists": not of the place they are in
        code = None
        how = "place_attached"
        for ch in span.root.children:
            if ch.dep_ == "poss":  # "Iran's leaders", "China's defence ministry"
                code = place_code(kb, ch, cities)
                how = "possessive"
        if code is None and e.basis == "agent":
            code = _attached_place(kb, span.root, cities)
        if code is None:
            continue
        e.code = code
        e.role = f"{e.role} +attached-place"
        e.basis = how
        e.notes.append(f"country {code} from the place attached to '{e.entity_text}'")
        e.confidence = round(min(e.confidence or 0.5, 0.55), 2)
        if e.ref and e.ref.startswith("agent:"):
            e.ref = f"{code}:{e.sector}:{e.ref[6:]}"


def _attached_place(kb: KnowledgeBase, root: Token, cities: dict[str, str]) -> str | None:
    """The state of the place a preposition attaches to the agent noun ``root``."""
    for prep in root.children:
        if prep.dep_ != "prep" or prep.lower_ not in WORDS.attached_place_preps:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            # "in the West Bank city of Hebron": the name modifying or following the place noun
            places = [obj, *(x for x in obj.children if x.dep_ == "compound")]
            places += [y for x in obj.children if x.dep_ == "prep" for y in x.children if y.dep_ == "pobj"]
            for pl in places:
                code = place_code(kb, pl, cities)
                if code is not None:
                    return code
    return None


def place_code(kb: KnowledgeBase, tok: Token, cities: dict[str, str]) -> str | None:
    """The state of a place word: a state name or seat of power, else a city of the city table."""
    ent = next((x for x in tok.doc.ents if x.start <= tok.i < x.end), None)
    # "the Government of India" is one ORG entity for the NER: then the place word alone
    text = ent.text if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") else tok.text
    if not text[:1].isupper():
        return None
    for entry in kb.lookup(text):
        if entry.kind in ("country", "metonym"):
            return entry.key
    if text.lower().startswith("the "):
        text = text[4:]
    return cities.get(norm(text))
