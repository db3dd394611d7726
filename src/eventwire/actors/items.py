"""The items of a story sentence: the pieces an actor mention is made of.

Spans the knowledge base knows (states, demonyms, seats of power, organisations, people) found by a
longest-match phrase lookup, generic agents and titles found by lemma, NER persons and organisations the
knowledge base does not know, modifiers ("former"), determiners and "of".  ``grouping.py`` joins adjacent
items into mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .kb import KnowledgeBase, LexEntry, city_countries, norm
from .lookup import KbIndex
from .tokens import GLUED, Toks, first_word, next_word, toks
from .words import load_words

WORDS = load_words()
#: "Immigration and Customs Enforcement (ICE)": a capitalised name and the acronym after it
_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'.-]*[ \t]+(?:(?:of|and|for|the|on|de|du|des|la|el|&)[ \t]+)*){1,9})\(([A-Z][A-Z&]{1,9})\)"
)
#: NER labels of a named entity a known name may be inside of (``inside_other_name``)
_NAME_LABELS = ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PERSON", "GPE", "LOC")


@dataclass
class Item:
    kind: str  # person, unk_person, country, adjective, metonym, org, unk_org, agent, title, mod, det, of
    start: int  # token index (doc-level)
    end: int  # exclusive token index
    entries: list[LexEntry] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    lemma: str | None = None
    label: str | None = None


@dataclass
class _Sentence:
    """What the item steps read of one sentence."""

    index: KbIndex
    span: Span
    tk: Toks
    acronyms: dict[str, LexEntry] | None
    #: NER persons and organisations (ORG, NORP, GPE, FAC) by start token
    ner_person: dict[int, Span] = field(default_factory=dict)
    ner_org: dict[int, Span] = field(default_factory=dict)


def find_items(
    index: KbIndex,
    span: Span,
    span_ents: list[Span] | None = None,
    acronyms: dict[str, LexEntry] | None = None,
) -> list[Item]:
    """The items of ``span`` in text order (``span_ents``: its NER entities, else ``span.ents``;
    ``acronyms``: those the article defines)."""
    sc = _Sentence(index, span, toks(span.doc), acronyms)
    for ent in span.ents if span_ents is None else span_ents:
        if ent.label_ == "PERSON":
            sc.ner_person[ent.start] = ent
        elif ent.label_ in ("ORG", "NORP", "GPE", "FAC"):
            sc.ner_org[ent.start] = ent
    tk = sc.tk
    items: list[Item] = []
    i = 0
    while i < len(span):
        ti = span.start + i
        acr = _acronym_item(sc, ti) if acronyms else None
        if acr is not None:
            items.append(acr)
            i += 1
            continue
        best = _lexicon_item(sc, i)
        if ti in sc.ner_person:
            title, best = _ner_person_item(sc, ti, best)
            if title is not None:
                items.append(title)
        if best is None:
            best = _agent_item(sc, ti)
        if best is None:
            best = _word_item(sc, ti)
        if best is None:
            i += 1
            continue
        if best.start == ti and tk.lower[ti] == "the" and best.end - best.start > 1:
            items.append(Item("det", ti, ti + 1, lemma="the"))
            best.start = ti + 1
        items.append(best)
        i = best.end - span.start
    return items


def _acronym_item(sc: _Sentence, ti: int) -> Item | None:
    """An acronym the article defined, where the knowledge base does not know it otherwise."""
    word = sc.tk.orth[ti]
    acr = sc.acronyms.get(word) if sc.acronyms else None
    if acr is not None and not sc.index.kb.lookup(word):
        return Item("org", ti, ti + 1, [acr])
    return None


def _window_top(sc: _Sentence, i: int, upper: bool) -> int:
    """The end (sentence-relative) of the longest window the phrase lookup tries at ``i``.

    A window reaching past the first space has a key starting with this word: if no lexicon or people
    key starts with it, only the windows before the space can match."""
    kb, tk, s0 = sc.index.kb, sc.tk, sc.span.start
    dtext = tk.text
    j_top = min(len(sc.span), i + kb.max_phrase_tokens)
    l_top = s0 + j_top - 1
    end_top = tk.idx[l_top] + len(tk.orth[l_top])
    cut = -1
    first = first_word(dtext, tk.idx[s0 + i], end_top)
    if first is not None:
        word, cut = first
        if word == "the":
            # the lexicon drops a leading "the": its keys start with the next word; a people key
            # may start with "the" only for a capitalised "The"
            nxt = None if upper and word in sc.index.alias_first else next_word(dtext, cut, end_top)
            if nxt is None or nxt[0] in sc.index.lex_first:
                cut = -1
            else:
                cut = nxt[1]
        elif word in sc.index.lex_first or (upper and word in sc.index.alias_first):
            cut = -1
    if cut >= 0:
        k = i
        while k < j_top and tk.idx[s0 + k] + len(tk.orth[s0 + k]) <= cut:
            k += 1
        j_top = k
    return j_top


def _lexicon_item(sc: _Sentence, i: int) -> Item | None:
    """The phrase lexicon (states, demonyms, metonyms, organisations) and the knowledge base's people,
    longest window first."""
    index, tk, s0 = sc.index, sc.tk, sc.span.start
    kb, dtext, sdoc = index.kb, tk.text, sc.span.doc
    ti = s0 + i
    tok_idx = tk.idx[ti]
    upper = tk.orth[ti][:1].isupper()
    may_be_person = upper and (tk.pos[ti] == "PROPN" or tk.ent_type[ti] in ("PERSON", "ORG", "GPE", "NORP"))
    # "Angela Davis" inside "Michaela Angela Davis" is another person's name
    inside_name = (
        i > 0
        and tk.ent_type[ti] == "PERSON"
        and tk.ent_type[ti - 1] == "PERSON"
        and tk.orth[ti - 1][:1].isupper()
        and "\n" not in dtext[tk.idx[ti - 1] : tok_idx]
    )
    for j in range(_window_top(sc, i, upper), i, -1):
        lj = s0 + j - 1
        if tk.is_punct[lj] and tk.orth[lj] != ".":
            continue
        text = dtext[tok_idx : tk.idx[lj] + len(tk.orth[lj])]
        if text.endswith(("'s", "’s", "’", "'")) or "\n" in text:
            continue  # a possessive is no part of a name; a name does not cross a line break
        key = norm(text)
        entries = kb.lookup(text, key)
        if entries and inside_other_name(index, sdoc[ti], sdoc[lj]):
            entries = []
        if entries:
            kinds = {e.kind for e in entries}
            kind = next(k for k in ("org", "metonym", "country", "adjective") if k in kinds)
            return Item(kind, ti, lj + 1, [e for e in entries if e.kind == kind])
        credit = i > 0 and tk.orth[ti - 1] == "/"  # "Jane Roe/Bloomberg": a photo agency after a credit
        if upper and (j - i > 1 or may_be_person) and not inside_name and not credit:
            people = index.people(text, key)
            if people:
                return Item("person", ti, lj + 1, people=people)
    return None


def _ner_person_item(sc: _Sentence, ti: int, best: Item | None) -> tuple[Item | None, Item | None]:
    """``(title, best)``: the NER person starting at ``ti``, if longer than ``best``, replaces it,
    less a title the NER put inside the name ("President Putin"), which becomes an item of its own."""
    index, sdoc = sc.index, sc.span.doc
    ent = trim_person(sdoc, sc.ner_person[ti])
    if ent is None or (best is not None and best.end - best.start >= len(ent)):
        return None, best
    if best is None and not index.people(ent.text) and not person_shaped(index.kb, ent):
        return None, None  # "LEE HELM", "Jane Roe/Bloomberg", "Carlisle and Exeter": no person
    title = None
    s = ent.start
    while s < ent.end - 1:
        # only a title of a state, a body or a force is cut off: "Hunter Biden" is no hunter
        ag = index.agent_at(sdoc, s, ent.end - 1)
        if ag is None or index.kb.agents[ag[0]].sector not in WORDS.title_sectors:
            break
        s = ag[1]
    if s > ent.start:
        ag = index.agent_at(sdoc, ent.start, s)
        if ag is not None:
            title = Item("title", ent.start, ag[1], lemma=ag[0])
    people = index.people(sdoc[s : ent.end].text)
    return title, Item("person" if people else "unk_person", s, ent.end, people=people, label="PERSON")


def _agent_item(sc: _Sentence, ti: int) -> Item | None:
    """A generic agent ("police") or, for a person of the government sector, a title ("minister")."""
    kb = sc.index.kb
    if ti > 0 and sc.tk.orth[ti - 1] == "/":
        return None  # "K. Roe/Army": the agency of a photo credit
    ag = sc.index.agent_at(sc.span.doc, ti, min(sc.span.end, ti + kb.max_agent_len))
    if ag is None:
        return None
    lemma, end = ag
    a = kb.agents[lemma]
    return Item("title" if a.person and a.sector == "GOV" else "agent", ti, end, lemma=lemma)


def _word_item(sc: _Sentence, ti: int) -> Item | None:
    """A modifier, a determiner, "of", or an organisation the NER finds and the knowledge base does not
    know."""
    low = sc.tk.lower[ti]
    if low in WORDS.modifiers:
        return Item("mod", ti, ti + 1, lemma=WORDS.modifiers[low])
    if low in WORDS.articles or low in WORDS.group_words:
        return Item("det", ti, ti + 1, lemma=low)
    if low == "of":
        return Item("of", ti, ti + 1)
    e = sc.ner_org.get(ti)
    if e is None or e.label_ != "ORG":
        return None
    if (
        e.end <= sc.span.end
        and not any(t.like_num for t in e)
        and (
            len(e) > 1
            or (
                e[0].pos_ == "PROPN"
                and not (e[0].is_upper and len(e[0]) > 4)
                and e[0].lower_ not in sc.index.kb.agents
                and e[0].lower_ not in WORDS.not_org_words  # "Photo", "Brexit"
            )
        )
        and name_shaped(sc.index.kb, e)
    ):
        return Item("unk_org", e.start, e.end, label="ORG")
    return None


#: characters no person name has ("[W]e", "a=b")
_NOT_IN_NAME = re.compile(r"[\[\]{}<>|=+*#_\\]")


def name_shaped(kb: KnowledgeBase, ent: Span) -> bool:
    """An NER name the knowledge base does not know may be an actor's: not a photo credit or link ("Jane
    Roe/Bloomberg", "@handle"), not the name of a place, building, programme or event ("Camden Market",
    ``thing_words``); and, unless it may be a person's surname (the knowledge base's, or of a person the
    article names in full), not a city after "in" ("a rally in Exeter") and not a member of a list of places
    ("Leeds, Bristol and Exeter": a conjunct of a state or city the NER finds)."""
    if any("/" in t.text or "@" in t.text for t in ent):
        return False
    if ent[-1].lower_ in WORDS.thing_words and (len(ent) > 1 or ent[-1].text.endswith("s")):
        return False  # "Camden Market"; one word only as a plural event name ("the Championships")
    if ent.text.isupper() or _surname(kb, ent):
        return True  # "the ICA": an acronym, not the city of Ica; "Pompeo, Esper and Milley"
    cities = city_countries()
    h = ent.root
    if h.dep_ == "pobj" and h.head.lower_ in WORDS.city_preps and norm(ent.text) in cities:
        return False
    while h.dep_ == "conj" and h.head.i != h.i:
        h = h.head
        if h.ent_type_ in ("GPE", "LOC") and not (ent.start <= h.i < ent.end):
            place = next((e for e in h.doc.ents if e.start <= h.i < e.end), None)
            if place is not None and (
                norm(place.text) in cities
                or any(x.kind in ("country", "metonym") for x in kb.lookup(place.text))
            ):
                return False
    return True


def _surname(kb: KnowledgeBase, ent: Span) -> bool:
    """The last word of ``ent`` is a surname of a known person or of a person the article names in full."""
    last = ent[-1].text
    if norm(last) in kb.by_surname:
        return True
    return last in _full_name_surnames(ent.doc)


def _full_name_surnames(sdoc: Doc) -> frozenset[str]:
    """The last words of the parse's NER persons of two words or more, computed once per parse (spaCy's
    ``Doc.ents`` builds every span again on each call)."""
    out = sdoc.user_data.get("eventwire_full_name_surnames")
    if out is None:
        out = frozenset(e[-1].text for e in sdoc.ents if e.label_ == "PERSON" and len(e) > 1)
        sdoc.user_data["eventwire_full_name_surnames"] = out
    return out


def person_shaped(kb: KnowledgeBase, ent: Span) -> bool:
    """An NER person the knowledge base does not know looks like a person's name: ``name_shaped``, not
    one lower-case word, and not all capitals in a sentence that is not ("LEE HELM" on a screen)."""
    if not name_shaped(kb, ent):
        return False
    words = [t for t in ent if any(ch.isalpha() for ch in t.text)]  # "O'Brien" is a word
    if any(_NOT_IN_NAME.search(t.text) for t in ent):
        return False  # "[W]e": a bracket or symbol is in no name
    if not words or (len(ent) == 1 and not ent[0].text[:1].isupper()):
        return False
    caps = all(t.is_upper for t in words) and sum(len(t) for t in words) > 3
    if caps:
        sent_words = [t for t in ent.sent if t.is_alpha and len(t) > 1 and not (ent.start <= t.i < ent.end)]
        return bool(sent_words) and all(t.is_upper for t in sent_words)
    return True


def inside_other_name(index: KbIndex, first: Token, last: Token) -> bool:
    """A known name strictly inside a longer named entity that starts elsewhere is part of another name
    ("Commission" in "Chilpancingo Water Commission", "Washington" in "Washington Post"); a place name
    inside a longer place name is another place ("America" in "South America", "Mexico" in "New
    Mexico"): the longer name wins, and gives no actor if it is not one."""
    if not first.ent_type_ or first.ent_type_ not in _NAME_LABELS:
        return False
    if first.ent_type_ in ("GPE", "LOC"):
        # only a proper name around it makes a longer place name: "South America", "New Mexico";
        # not "northeast Nigeria" or "Saudi Arabia's Asir region"
        sdoc = first.doc
        a = first.i
        while a > 0 and sdoc[a].ent_iob_ == "I":
            a -= 1
        b = last.i + 1
        while b < len(sdoc) and sdoc[b].ent_iob_ == "I":
            b += 1
        rest = [*sdoc[a : first.i], *sdoc[last.i + 1 : b]]
        return bool(rest) and all(t.is_alpha and t.text[:1].isupper() for t in rest)
    if first.ent_iob_ == "B" and (last.i + 1 >= len(first.doc) or first.doc[last.i + 1].ent_iob_ != "I"):
        return False  # the match is the whole entity
    if first.ent_iob_ == "B":
        # "Russian Foreign Ministry" is a state's body; "The Washington Post" is another name
        end = last.i + 1
        while end < len(first.doc) and first.doc[end].ent_iob_ == "I":
            end += 1
        # "British Defence Secretary": the NER's organisation ends inside a title
        reach = min(len(first.doc), end + 2)
        return not any(index.agent_at(first.doc, t.i, reach) for t in first.doc[last.i + 1 : end])
    return True


def trim_person(sdoc: Doc, ent: Span) -> Span | None:
    """A PERSON span cut to one name: it ends at a line break, before a possessive, before a word glued to
    the name by a lost space ("TrumpGOP"), and before caption or link words ("Trump MORE")."""
    s, e = ent.start, ent.end
    for k in range(s + 1, e):
        prev = sdoc[k - 1]
        if "\n" in prev.whitespace_ or prev.is_space or sdoc[k].is_space:
            e = k
            break
    for k in range(s, min(len(sdoc), ent.end + 6)):
        if "\n" in sdoc[k].text or not GLUED.search(sdoc[k].text):
            continue
        # a link list repeats the name: "Trump Donald John TrumpDem...", "Mike Pompeo Michael (Mike) Richard
        # PompeoPompeo": the name ends at the first word the glued one starts with
        glued = sdoc[k].text
        starts = [j for j in range(s, min(k, e)) if len(sdoc[j]) > 2 and glued.startswith(sdoc[j].text)]
        j = starts[0] if starts else None
        if j is not None:
            e = j + 1
        elif k < e:
            e = k
        break
    while e > s:
        t = sdoc[e - 1]
        low = t.text.lower()
        if (
            low in ("'s", "’s", "'", "’")
            or t.is_punct
            or (e - 1 > s and low in WORDS.not_name_words)
            or (e - 1 > s and t.is_upper and len(t.text) >= 3 and not sdoc[s].is_upper)
        ):
            e -= 1
        else:
            break
    if e <= s or (e - s == 1 and sdoc[s].lower_ in WORDS.not_name_words):
        return None  # "responded on Twitter": a platform tagged as a person
    return ent if (s, e) == (ent.start, ent.end) else sdoc[s:e]


def defined_acronyms(kb: KnowledgeBase, text: str) -> dict[str, LexEntry]:
    """Acronyms the article defines in parentheses after an organisation the knowledge base knows:
    "Immigration and Customs Enforcement (ICE)" -> ICE is that organisation in this article."""
    out: dict[str, LexEntry] = {}
    for m in _ACRONYM_DEF.finditer(text):
        acr = m.group(2)
        words = m.group(1).split()
        for k in range(len(words)):
            cand = words[k:]
            if not cand[0][:1].isupper():
                continue
            initials = "".join(
                part[0] for w in cand if w[:1].isupper() for part in w.split("-") if part[:1].isupper()
            )
            if initials.lower() == acr.replace("&", "").lower():
                entries = [e for e in kb.lookup(" ".join(cand)) if e.kind == "org"]
                if entries:
                    e = entries[0]
                    out[acr] = LexEntry("org", e.key, acr, e.sector, e.name, e.wikidata)
                break
    return out
