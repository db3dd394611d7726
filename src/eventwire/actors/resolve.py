"""Resolution of one mention on the article date, step by step: a person's government ("the Trump
administration"), a named person, a title without a name ("the Russian leader"), a generic agent
("Syrian rebels"), else a single state, organisation or seat of power (``names.py``)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from .candidates import generic_candidate, office_candidate, person_candidate, title_check
from .docstate import DocState
from .grouping import Mention
from .items import Item
from .kb import Candidate, KnowledgeBase, norm
from .lookup import KbIndex
from .names import resolve_name
from .phrase import Phrase, emit, read_phrase
from .words import load_words

WORDS = load_words()


def resolve_mention(index: KbIndex, state: DocState, m: Mention) -> None:
    """The entities of mention ``m`` (none, one, or one per member of a group), added to ``state``."""
    kb = index.kb
    ph = read_phrase(kb, state.doc, m)
    if _person_government(kb, state, ph):
        return
    if ph.people:
        _named_person(kb, state, ph)
        return
    if (ph.titles or ph.agents) and no_actor_noun(index, ph.sdoc[m.end - 1]):
        if not ph.places:
            return
        # "U.S. troop casualties", "is the Iraqi prime minister": the state the phrase names, no sector
        ph.strip_sector = True
    if ph.titles and (ph.title_lemma in kb.title_office or ph.head_agent is None):
        _bare_title(kb, state, ph)
        return
    if ph.agents or ph.titles:
        _generic_agent(kb, state, ph)
        return
    resolve_name(kb, state, ph)


def _person_government(kb: KnowledgeBase, state: DocState, ph: Phrase) -> bool:
    """A person's administration, government or aides: the state the person governs ("the Trump
    administration").  True where that entity is emitted; otherwise the phrase's people are narrowed
    to the one it names ("Trump adviser John Bolton": Bolton, of Trump's state)."""
    people, sdoc = ph.people, ph.sdoc
    nouns = [i for i in ph.items if i.kind in ("agent", "title")]
    if not (people and nouns and nouns[-1].start > people[0].start):
        return False
    p = people[0]
    c = person_candidate(kb, state, p, sdoc[p.start : p.end].text, ph.hint_code, None, None)
    if c is not None and c.code and c.sector not in ("ELI", None):
        if people[-1].start > nouns[-1].start:
            ph.hint_code = ph.hint_code or c.code  # "Trump adviser John Bolton": Bolton is of Trump's state
            ph.people = people[-1:]
            return False
        lemma = nouns[-1].lemma or ""
        a = kb.agents[lemma]
        cand = kb.state_candidate(c.code, a.sector, f"person+agent:{lemma} ({c.name})", 0.75)
        emit(state, ph, cand, "agent")
        return True
    ph.people = people[-1:] if people[-1].start > nouns[-1].start else []
    return False


def _named_person(kb: KnowledgeBase, state: DocState, ph: Phrase) -> None:
    """A named person: the knowledge base's or the article's, else an unresolved person with what the
    text's own title says; or nothing where the name is a ship's, a court case's, or a modifier."""
    p = ph.people[-1]
    ptext = ph.sdoc[p.start : p.end].text
    if _no_person(kb, state, ph, p, ptext):
        return
    title_sector = (
        kb.agents[ph.title_lemma].sector
        if ph.title_lemma
        else (kb.agents[ph.head_agent].sector if ph.head_agent else None)
    )
    cand = person_candidate(kb, state, p, ptext, ph.hint_code, ph.office_type, title_sector)
    given = _given_name(kb, ph, p)
    if cand is not None and given is not None and given not in norm(cand.name).split():
        # "Sadiq Khan" where the NER tags only "Khan": not the known Imran Khan
        p = Item("unk_person", p.start - 1, p.end, label=p.label)
        ptext = ph.sdoc[p.start : p.end].text
        cand = None
    if cand is None:
        # not in the knowledge base: what the text's own title says
        code = ph.hint_code
        sector = title_sector or (ph.hint_org.sector if ph.hint_org else None)
        if sector and "former" in ph.mods:
            sector = "ELI"  # "former national security adviser X"
        role = "unresolved-person" + (f" ({ph.title_lemma or ph.head_agent})" if title_sector else "")
        cand = Candidate(
            ptext, code, sector, None, role, state.local_ref(ptext), 0.5 if sector else 0.3, "person"
        )
    notes = title_check(state, cand, ph.mods, ph.office_type, ph.text)
    kind = "ner" if p.label == "PERSON" or len(ph.items) == 1 else "noun_phrase"
    emit(state, ph, cand, kind, "PERSON", notes)


def _given_name(kb: KnowledgeBase, ph: Phrase, p: Item) -> str | None:
    """The given name (normalised) the NER left out before a one-word person name in the phrase: a
    capitalised proper noun that is the first word of a person's name in the knowledge base ("Sadiq" of
    "Sadiq Khan"), not a title word."""
    if p.end - p.start != 1 or p.start == 0:
        return None
    t = ph.sdoc[p.start - 1]
    if (
        t.idx < ph.start
        or t.pos_ != "PROPN"
        or t.ent_type_
        or not re.fullmatch(r"[A-Z][a-z]+", t.text)
        or any(it.start <= t.i < it.end for it in ph.items)
    ):
        return None
    word = norm(t.text)
    if word in WORDS.name_honorifics or not kb.is_given_name(word):
        return None
    return word


def _no_person(kb: KnowledgeBase, state: DocState, ph: Phrase, p: Item, ptext: str) -> bool:
    """The name names no person here: a ship ("the USS John S. McCain"), a court case ("Lab v.
    McAleenan"), a company after its description (emitted as the organisation), or a modifier of a
    thing ("Clinton charities")."""
    sdoc, m, items = ph.sdoc, ph.m, ph.items
    ptok = sdoc[p.end - 1]
    if state.is_ship(sdoc, p.start, ptext):
        return True  # "the USS John S. McCain", "the Ford's flight deck": a ship named after a person
    near = {t.lower_ for t in sdoc[max(0, p.start - 1) : min(len(sdoc), p.end + 1)]}
    if near & WORDS.case_markers:
        return True  # "Innovation Law Lab v. McAleenan": the name of a case
    before = items[items.index(p) - 1] if items.index(p) > 0 else None
    thing = (
        before is not None
        and before.kind == "agent"
        and (before.lemma or "").split(" ")[-1] in WORDS.org_nouns
        and not ph.titles
        and p.label == "PERSON"
    )
    if thing and before is not None:
        # "Ukrainian energy company Burisma": the name of the company, not a person
        a = kb.agents[before.lemma or ""]
        cand = Candidate(
            ptext, ph.hint_code, a.sector, None, f"unresolved-organisation (agent:{a.lemma})",
            state.local_ref(ptext), 0.5 if ph.hint_code else 0.3, "org",
        )  # fmt: skip
        emit(state, ph, cand, "noun_phrase", "ORG")
        return True
    # "Clinton charities", "the Clinton email probe": about the person, not the person
    return (
        p is items[-1]
        and ptok.dep_ == "compound"
        and ptok.head.i >= m.end
        and (
            ptok.head.pos_ == "NOUN"
            or (ptok.head.pos_ == "PROPN" and ptok.head.ent_type_ in ("FAC", "ORG", "WORK_OF_ART"))
        )
        and ptok.head.lemma_.lower() not in kb.agents
    )


def no_actor_noun(index: KbIndex, head: Token) -> bool:
    """A title or agent noun that names no one: a predicate ("is a good negotiator", "wants to be prime
    minister", "called himself a tough negotiator", "as a master negotiator") or a modifier of a noun
    that is no actor ("the troop pullout", "government rates", "Army Times")."""
    if head.dep_ in ("attr", "oprd") or (head.dep_ == "pobj" and head.head.lower_ == "as"):
        return True
    if head.dep_ != "compound":
        return False
    # the nouns it modifies, up the compound chain ("government watchdog agency"): none may be the head
    # word of an actor noun ("police investigators", "opposition members", "a police helicopter")
    heads = index.agent_heads()
    gov, steps = head.head, 0
    while gov.i > head.i and gov.pos_ in ("NOUN", "PROPN") and steps < 4:
        if gov.lemma_.lower() in heads or gov.lower_ in heads:
            return False
        if gov.dep_ != "compound":
            return True
        gov, steps = gov.head, steps + 1
    return False


def _bare_title(kb: KnowledgeBase, state: DocState, ph: Phrase) -> None:
    """A title without a name: "the two leaders" (the last people named), "the Russian leader", "the
    President of the United States" (the office holder on the date, or the last one named), else a
    generic title of the state or organisation the phrase names."""
    sdoc, det, mods = ph.sdoc, ph.det, ph.mods
    plural = sdoc[ph.titles[-1].end - 1].tag_ in ("NNS", "NNPS")
    if det in WORDS.group_words and plural:
        group = state.recent_people(WORDS.group_words[det], ph.m.sentence)
        if group:
            for c in group:
                emit(state, ph, c, "title", None, [f"group member of '{ph.text}'"])
            return
    definite = det == "the" or (det is None and sdoc[ph.titles[-1].start].text[:1].isupper() and not plural)
    if definite and not plural and ph.office_type and "former" not in mods:
        cand = office_candidate(kb, state, ph.hint_code, ph.office_type, ph.title_lemma or "")
        if cand is not None:
            emit(state, ph, cand, "title")
            return
    a = kb.agents[ph.title_lemma] if ph.title_lemma else None
    sector = "ELI" if "former" in mods else (a.sector if a else None)
    if ph.hint_code is None and a and a.needs_modifier:
        return
    cand = generic_candidate(
        kb, ph.hint_code, ph.hint_org, sector, f"title:{ph.title_lemma}", ph.text, ph.places
    )
    emit(state, ph, cand, "title")


def _generic_agent(kb: KnowledgeBase, state: DocState, ph: Phrase) -> None:
    """A generic agent: "Syrian rebels", "police", "a Ukrainian official"."""
    lemma = ph.head_agent or ph.title_lemma or ""
    a = kb.agents[lemma]
    if a.needs_modifier and ph.hint_code is None:
        return
    sector = "ELI" if ("former" in ph.mods and a.person) else a.sector
    cand = generic_candidate(kb, ph.hint_code, ph.hint_org, sector, f"agent:{lemma}", ph.text, ph.places)
    emit(state, ph, cand, "agent")
