"""A mention of a single state, organisation or seat of power: "Russia", "the Kremlin", "NATO",
"Russian" (a demonym), or an organisation the NER finds and the knowledge base does not know.  A name that
is a place in its sentence ("in Moscow", "a trip to Baghdad") is no actor: the geo stage's business."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .candidates import generic_candidate
from .docstate import DocState
from .items import Item
from .kb import Candidate, KnowledgeBase, LexEntry, norm
from .phrase import Phrase, emit
from .tokens import SUBJECT_DEPS
from .words import load_words

WORDS = load_words()


def resolve_name(kb: KnowledgeBase, state: DocState, ph: Phrase) -> None:
    """The entity of a phrase whose last item is a state, organisation, seat of power or demonym."""
    item = ph.items[-1]
    if item.kind == "unk_org":
        _unknown_org(kb, state, ph, item)
        return
    e = item.entries[0]
    head_tok = ph.sdoc[item.end - 1]
    prev = _token_before(state, ph)  # (a "the" before the name joins the phrase)
    locative = _locative(ph, head_tok, prev)
    if e.kind == "org":
        if locative and ph.sdoc[item.start].ent_type_ in ("GPE", "LOC", "FAC"):
            return  # "traveled from Brussels", "told reporters at the Pentagon": a place
        emit(state, ph, kb.org_candidate(e.key), "ner", "ORG")
    elif e.kind == "metonym":
        _metonym(kb, state, ph, e, head_tok, locative)
    elif e.kind == "country":
        _country(kb, state, ph, e, head_tok, locative)
    else:
        _adjective(kb, state, ph, e, item, head_tok)


def _unknown_org(kb: KnowledgeBase, state: DocState, ph: Phrase, item: Item) -> None:
    """An organisation the NER finds and the knowledge base does not know: a person the article names
    ("Kilimnik", "Manafort’s"), a ship, a place or law (no entity), else an unresolved organisation,
    with a state if its name opens with one ("US Cyber Command")."""
    sdoc = ph.sdoc
    otext = sdoc[item.start : item.end].text
    for suffix in ("’s", "'s", "’"):
        otext = otext.removesuffix(suffix)
    if otext and state.is_ship(sdoc, item.start, otext):
        return  # "the Ford": a ship, no organisation
    if _place_or_law(kb, sdoc, item):
        return
    prior = state.person_by_name(otext) if otext else None
    if prior is not None:
        _cut_after(ph, otext)
        emit(
            state, ph, prior, "ner", "PERSON", ["the NER labelled a person named earlier as an organisation"]
        )
        return
    if otext and " " not in otext and otext in state.person_surnames():
        # "Manafort had interactions with Kilimnik" where the article names "Konstantin Kilimnik" as a
        # person later: a surname, not an organisation (no country: the text gives none here)
        cand = Candidate(otext, None, None, None, "unresolved-person", state.local_ref(otext), 0.3, "person")
        _cut_after(ph, otext)
        emit(state, ph, cand, "ner", "PERSON", ["NER organisation: a surname of a person in the article"])
        return
    cand = Candidate(
        ph.text, None, None, None, "unresolved-organisation", state.local_ref(ph.text), 0.3, "org"
    )
    # "US Cyber Command", "Russian Railways": a state name or adjective opening the name
    for k in range(min(item.end, item.start + 3), item.start, -1):
        first = sdoc[item.start : k].text
        hits = [x for x in kb.lookup(first) if x.kind in ("country", "adjective")]
        if hits and k < item.end:
            cand.code = hits[0].key
            cand.role = "unresolved-organisation (named after a state)"
            cand.basis = "organisation_state_name"
            cand.confidence = 0.5
            break
    emit(state, ph, cand, "ner", "ORG")


def _cut_after(ph: Phrase, otext: str) -> None:
    """The phrase's text ends with ``otext`` (a possessive after it goes)."""
    cut = ph.text.rfind(otext) + len(otext) if otext in ph.text else len(ph.text)
    ph.text, ph.end = ph.text[:cut], ph.start + cut


def _place_or_law(kb: KnowledgeBase, sdoc: Doc, item: Item) -> bool:
    """An unknown organisation name that is a place ("Normandy, France", "Saint-Jean-de-Luz, France":
    followed by a state in apposition) or a treaty or law ("the North American Free Trade Agreement")."""
    last = sdoc[item.end - 1]
    if last.lower_ in WORDS.law_words:
        return True
    nxt = sdoc[item.end + 1] if item.end + 1 < len(sdoc) else None
    if nxt is None or sdoc[item.end].text != ",":
        return False
    return any(x.kind == "country" for x in kb.lookup(nxt.text))


def _token_before(state: DocState, ph: Phrase) -> Token | None:
    """The word before the name, past lower-case modifiers ("in northern Syria"); a "the" there joins
    the phrase ("the Kremlin"), and the word before it is returned."""
    sdoc, m = ph.sdoc, ph.m
    prev = sdoc[m.start - 1] if m.start > 0 else None
    # "in northern Syria": a lower-case modifier between the preposition and the name
    while (
        prev is not None
        and prev.i > sdoc[m.start].sent.start
        and prev.dep_ in ("amod", "compound")
        and prev.text.islower()
        and prev.head.i >= m.start
    ):
        prev = sdoc[prev.i - 1]
    if prev is not None and prev.lower_ == "the" and prev.i >= sdoc[m.start].sent.start:
        ph.start = prev.idx
        ph.text = state.doc.text[ph.start : ph.end]
        prev = sdoc[prev.i - 1] if prev.i > 0 else None
    return prev


def _locative(ph: Phrase, head_tok: Token, prev: Token | None) -> bool:
    """The name is a place here: after a locative preposition, a destination or reference point ("a trip
    to Baghdad", "returned to Iraq", "outside of China", "south of Canberra"), in apposition to a place
    ("the capital, Pyongyang", "arriving in Tehran, Iran,"), or a conjunct of one of those."""
    locative = (
        (prev is not None and prev.lower_ in WORDS.locative_preps)
        or place_prep(prev)
        or (
            head_tok.dep_ == "appos"
            and (
                head_tok.head.lemma_.lower() in WORDS.settlement_nouns
                or head_tok.head.ent_type_ in ("GPE", "LOC")
                # "Normandy, France", "Saint-Jean-de-Luz, France": a place name and its state
                or (head_tok.head.pos_ == "PROPN" and head_tok.head.i == head_tok.i - 2)
            )
        )
    )
    if not locative and head_tok.dep_ == "conj":
        # "fly to Washington, Tehran and European capitals": a conjunct of a destination is one too
        first = head_tok
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        lead = ph.sdoc[first.left_edge.i - 1] if first.left_edge.i > 0 else None
        locative = (
            first.i != head_tok.i
            and lead is not None
            and (lead.lower_ in WORDS.locative_preps or place_prep(lead))
        )
    return locative


def place_prep(prev: Token | None) -> bool:
    """``prev`` (the word before a state name) makes the name a place: "to"/"for" after a verb or noun of
    motion, "of" after a word of position."""
    if prev is None:
        return False
    head = prev.head.lemma_.lower()
    if prev.lower_ in WORDS.destination_preps:
        # "turned back to Mexico", "outside the entrance to Downing Street"
        back = prev.head.lower_ == "back" or any(c.lower_ == "back" for c in prev.head.children)
        return head in WORDS.motion or head in WORDS.place_to or (back and prev.lower_ == "to")
    return prev.lower_ == "of" and (head in WORDS.place_of or prev.head.lower_ in WORDS.place_of)


def _modifier(kb: KnowledgeBase, head_tok: Token) -> bool:
    """ "Islamabad time", "the Hanoi meeting", "U.S. private interests": a modifier of a thing, no actor."""
    return (
        head_tok.dep_ in ("compound", "nmod", "amod")
        and head_tok.head.i > head_tok.i
        and head_tok.head.pos_ == "NOUN"
        and head_tok.head.lemma_.lower() not in kb.agents
    )


def _metonym(
    kb: KnowledgeBase, state: DocState, ph: Phrase, e: LexEntry, head_tok: Token, locative: bool
) -> None:
    """A seat of power for its government ("the Kremlin", "Moscow said"); a place where locative."""
    if locative:
        return  # "in Moscow": a place, the geo stage's business
    if _modifier(kb, head_tok):
        c = kb.state_candidate(e.key, None, f"metonym:{e.surface} (modifier)", 0.6)
        emit(state, ph, c, "ner", "GPE")
        return
    c = kb.state_candidate(e.key, e.sector, f"metonym:{e.surface}", 0.8)
    c.name = e.name or c.name
    c.wikidata_id = e.wikidata
    if e.sector == "REL" and e.key == "VAT":
        c.ref = "VAT:REL"
    emit(state, ph, c, "metonym", "GPE")


def _country(
    kb: KnowledgeBase, state: DocState, ph: Phrase, e: LexEntry, head_tok: Token, locative: bool
) -> None:
    """A state's name: its government, or (no sector) its people, a place, a modifier."""
    if e.key == "VAT":
        c = kb.state_candidate("VAT", "REL", "country-name", 0.85)
        c.wikidata_id = kb.states["VAT"].wikidata
        emit(state, ph, c, "ner", "GPE")
        return
    adjs = [x for x in kb.lexicon.get(norm(e.surface)[:-1], []) if x.kind == "adjective"]
    if head_tok.tag_ == "NNPS" and norm(e.surface).endswith("s") and adjs:
        c = kb.state_candidate(e.key, None, "demonym (people)", 0.6)  # "many Palestinians"
    elif locative:
        c = kb.state_candidate(e.key, None, "country-name (place)", 0.7)
    elif head_tok.dep_ == "compound" or _modifier(kb, head_tok):
        c = kb.state_candidate(e.key, None, "country-name (modifier)", 0.6)
    else:
        c = kb.state_candidate(e.key, "GOV", "country-name", 0.8)
    emit(state, ph, c, "ner", "GPE")


def _adjective(
    kb: KnowledgeBase, state: DocState, ph: Phrase, e: LexEntry, item: Item, head_tok: Token
) -> None:
    """An adjective or demonym without a head noun the grouping knew: an agent noun it modifies ("the
    Russian and Ukrainian sides": the shared head), the people ("Palestinians"), or the adjective."""
    gov = head_tok.head.head if head_tok.dep_ == "conj" else head_tok.head
    if head_tok.dep_ in ("amod", "compound", "conj") and gov.pos_ == "NOUN":
        lemma = gov.lemma_.lower()
        if lemma in kb.agents and gov.i > head_tok.i:
            a = kb.agents[lemma]
            cand = generic_candidate(kb, e.key, None, a.sector, f"agent:{lemma}", ph.text, [item])
            emit(state, ph, cand, "agent")
            return
    tok = ph.sdoc[item.start]
    if head_tok.tag_ in ("NNS", "NNPS") or (tok.ent_type_ == "NORP" and head_tok.dep_ in SUBJECT_DEPS):
        c = kb.state_candidate(e.key, None, "demonym (people)", 0.6)
        emit(state, ph, c, "noun_phrase", "NORP")
    elif head_tok.dep_ in ("amod", "compound") and head_tok.head.pos_ == "NOUN":
        c = kb.state_candidate(e.key, None, "adjective", 0.5)
        emit(state, ph, c, "noun_phrase", "NORP")
