"""Actor mentions in a parsed article and their date-aware resolution.

For each story sentence (never boilerplate):

1. *items*: spans the knowledge base knows (states, demonyms, seats of power, organisations, people) found by
   a longest-match phrase lookup, generic agents and titles found by lemma, NER persons and organisations
   the knowledge base does not know, and modifiers such as "former";
2. *groups*: adjacent items that form one noun phrase ("former US President Donald Trump", "a Ukrainian
   official", "the President of the United States") become one mention covering the whole phrase;
3. *resolution* on the article date: a named person by the dated role the knowledge base gives; a definite
   title ("the Russian leader") by the office holder on the date or by an earlier mention; a generic agent by
   its modifiers; pronouns by the last compatible antecedent.

All mentions of one referent share ``Entity.ref``.  Group mentions ("the two leaders") are emitted as one
entity per member, with identical spans.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import Document, Entity
from ..nlp.dateline import dateline_names
from .kb import Candidate, KnowledgeBase, LexEntry, city_countries, load_kb, norm
from .words import load_words

SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
#: the word lists (``data/actors/words.json``)
WORDS = load_words()
_WS = re.compile(r"\s")
_NON_WS = re.compile(r"\S")


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
class Mention:
    items: list[Item]
    start: int  # token indices
    end: int
    sentence: int


class ActorResolver:
    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or load_kb()
        self._firsts_of: tuple[int, int] = (-1, -1)
        self._lex_first: set[str] = set()
        self._alias_first: set[str] = set()
        self._agent_first_of = -1
        self._agent_first_set: set[str] = set()
        self._heads_of = -1
        self._heads: set[str] = set()

    def _agent_first(self) -> set[str]:
        if self._agent_first_of != len(self.kb.agents):
            self._agent_first_set = {k.split(" ")[0] for k in self.kb.agents}
            self._agent_first_of = len(self.kb.agents)
        return self._agent_first_set

    def _first_words(self) -> None:
        """The first words of the lexicon's and the people's keys (a word no key starts with cannot
        begin a match); rebuilt if the knowledge base grew."""
        sizes = (len(self.kb.lexicon), len(self.kb.by_alias))
        if sizes != self._firsts_of:
            self._lex_first = {k.split(" ")[0] for k in self.kb.lexicon}
            self._alias_first = {k.split(" ")[0] for k in self.kb.by_alias}
            self._firsts_of = sizes

    # ------------------------------------------------------------------ entry point

    def __call__(self, doc: Document) -> None:
        assert doc.spacy is not None
        sdoc = doc.spacy
        if doc.article.date is None:
            day = self.kb.latest
            doc.warn(
                "no_article_date",
                f"article has no date: actors resolved on the latest roles the knowledge base knows ({day})",
            )
        else:
            day = (
                doc.article.date.isoformat()
                if isinstance(doc.article.date, dt.date)
                else str(doc.article.date)
            )
        state = _DocState(doc, day)
        self._first_words()
        # the parse's text is the article body (the parser checks it): no need to join the tokens
        sdoc.user_data.setdefault("eventwire_text", doc.text)
        ents = list(sdoc.ents)
        dateline = dateline_names(doc.text)
        acronyms = self.defined_acronyms(doc.text)
        ent_starts = [e.start for e in ents]
        for sent in doc.sentences:
            if sent.boilerplate is not None:
                continue
            span = sdoc.char_span(sent.start, sent.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            items = self._items(span, _span_ents(ents, ent_starts, span.start, span.end), acronyms)
            mentions = _join_org_modifiers(sdoc, self._group(span, items, sent.index))
            if dateline:
                # the dateline names where the story was filed, not an actor ("LISBON, March 4 -")
                mentions = [m for m in mentions if not _in_spans(sdoc, m, dateline)]
            lower = _toks(sdoc).lower
            pronouns = [
                sdoc[k]
                for k in range(span.start, span.end)
                if lower[k] in WORDS.person_pronouns
                or lower[k] in WORDS.plural_pronouns
                or lower[k] in WORDS.neuter_pronouns
            ]
            # process named/nominal mentions and pronouns in text order so antecedents come first
            queue: list[tuple[int, Mention | Token]] = [(m.start, m) for m in mentions]
            covered = {i for m in mentions for i in range(m.start, m.end)}
            queue += [(t.i, t) for t in pronouns if t.i not in covered]
            queue.sort(key=lambda x: x[0])
            for _, obj in queue:
                if isinstance(obj, Mention):
                    self._resolve_mention(state, obj)
                else:
                    self._resolve_pronoun(state, obj, sent.index)
        self._apposition_country(doc, state)
        self._context_country(doc, state, ents)
        doc.entities.extend(state.entities)

    # ------------------------------------------------------------------ items

    def defined_acronyms(self, text: str) -> dict[str, LexEntry]:
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
                    entries = [e for e in self.kb.lookup(" ".join(cand)) if e.kind == "org"]
                    if entries:
                        e = entries[0]
                        out[acr] = LexEntry("org", e.key, acr, e.sector, e.name, e.wikidata)
                    break
        return out

    def _items(
        self, span: Span, span_ents: list[Span] | None = None, acronyms: dict[str, LexEntry] | None = None
    ) -> list[Item]:
        kb = self.kb
        sdoc = span.doc
        tk = _toks(sdoc)
        dtext = tk.text
        s0 = span.start
        n = len(span)
        items: list[Item] = []
        i = 0
        ner_person = {}
        ner_org = {}
        for ent in span.ents if span_ents is None else span_ents:
            if ent.label_ == "PERSON":
                ner_person[ent.start] = ent
            elif ent.label_ in ("ORG", "NORP", "GPE", "FAC"):
                ner_org[ent.start] = ent
        while i < n:
            ti = s0 + i
            best: Item | None = None
            tok_idx = tk.idx[ti]
            upper = tk.orth[ti][:1].isupper()
            may_be_person = upper and (
                tk.pos[ti] == "PROPN" or tk.ent_type[ti] in ("PERSON", "ORG", "GPE", "NORP")
            )
            # "Angela Davis" inside "Michaela Angela Davis" is another person's name
            inside_name = (
                i > 0
                and tk.ent_type[ti] == "PERSON"
                and tk.ent_type[ti - 1] == "PERSON"
                and tk.orth[ti - 1][:1].isupper()
                and "\n" not in dtext[tk.idx[ti - 1] : tok_idx]
            )
            acr = acronyms.get(tk.orth[ti]) if acronyms else None
            if acr is not None and not kb.lookup(tk.orth[ti]):
                best = Item("org", ti, ti + 1, [acr])
                items.append(best)
                i += 1
                continue
            # 1. phrase lexicon (states, demonyms, metonyms, organisations) and KB people, longest first
            j_top = min(n, i + kb.max_phrase_tokens)
            l_top = s0 + j_top - 1
            end_top = tk.idx[l_top] + len(tk.orth[l_top])
            # a window reaching past the first space has a key starting with this word: if no lexicon
            # or people key starts with it, only the windows before the space can match
            cut = -1
            first = _first_word(dtext, tok_idx, end_top)
            if first is not None:
                word, cut = first
                if word == "the":
                    # the lexicon drops a leading "the": its keys start with the next word; a people key
                    # may start with "the" only for a capitalised "The"
                    nxt = None if upper and word in self._alias_first else _next_word(dtext, cut, end_top)
                    if nxt is None or nxt[0] in self._lex_first:
                        cut = -1
                    else:
                        cut = nxt[1]
                elif word in self._lex_first or (upper and word in self._alias_first):
                    cut = -1
            if cut >= 0:
                k = i
                while k < j_top and tk.idx[s0 + k] + len(tk.orth[s0 + k]) <= cut:
                    k += 1
                j_top = k
            for j in range(j_top, i, -1):
                lj = s0 + j - 1
                if tk.is_punct[lj] and tk.orth[lj] != ".":
                    continue
                text = dtext[tok_idx : tk.idx[lj] + len(tk.orth[lj])]
                if text.endswith(("'s", "’s", "’", "'")) or "\n" in text:
                    continue  # a possessive is no part of a name; a name does not cross a line break
                key = norm(text)
                entries = kb.lookup(text, key)
                if entries and self._inside_other_name(sdoc[ti], sdoc[lj]):
                    entries = []
                if entries:
                    kinds = {e.kind for e in entries}
                    kind = next(k for k in ("org", "metonym", "country", "adjective") if k in kinds)
                    best = Item(kind, ti, lj + 1, [e for e in entries if e.kind == kind])
                    break
                if upper and (j - i > 1 or may_be_person) and not inside_name:
                    people = self._people_lookup(text, key)
                    if people:
                        best = Item("person", ti, lj + 1, people=people)
                        break
            ent = ner_person.get(ti)
            if ent is not None:
                ent = _trim_person(sdoc, ent)
            if ent is not None and (best is None or best.end - best.start < len(ent)):
                # trim titles the NER put inside the name ("President Putin")
                s = ent.start
                while s < ent.end - 1:
                    # only a title of a state, a body or a force is cut off: "Hunter Biden" is no hunter
                    ag = self._agent_at(sdoc, s, ent.end - 1)
                    if ag is None or kb.agents[ag[0]].sector not in WORDS.title_sectors:
                        break
                    s = ag[1]
                if s > ent.start:
                    ag = self._agent_at(sdoc, ent.start, s)
                    if ag is not None:
                        items.append(Item("title", ent.start, ag[1], lemma=ag[0]))
                text = sdoc[s : ent.end].text
                people = self._people_lookup(text)
                best = Item("person" if people else "unk_person", s, ent.end, people=people, label="PERSON")
            if best is None:
                ag = self._agent_at(sdoc, ti, min(span.end, ti + kb.max_agent_len))
                if ag is not None:
                    lemma, end = ag
                    a = kb.agents[lemma]
                    best = Item("title" if a.person and a.sector == "GOV" else "agent", ti, end, lemma=lemma)
            if best is None:
                low = tk.lower[ti]
                if low in WORDS.modifiers:
                    best = Item("mod", ti, ti + 1, lemma=WORDS.modifiers[low])
                elif low in WORDS.articles or low in WORDS.group_words:
                    best = Item("det", ti, ti + 1, lemma=low)
                elif low == "of":
                    best = Item("of", ti, ti + 1)
                elif ti in ner_org and ner_org[ti].label_ == "ORG":
                    e = ner_org[ti]
                    if (
                        e.end <= span.end
                        and not any(t.like_num for t in e)
                        and (
                            len(e) > 1
                            or (
                                e[0].pos_ == "PROPN"
                                and not (e[0].is_upper and len(e[0]) > 4)
                                and e[0].lower_ not in self.kb.agents
                                and e[0].lower_ not in WORDS.not_org_words  # "Photo", "Brexit"
                            )
                        )
                    ):
                        best = Item("unk_org", e.start, e.end, label="ORG")
            if best is None:
                i += 1
                continue
            if best.start == ti and tk.lower[ti] == "the" and best.end - best.start > 1:
                items.append(Item("det", ti, ti + 1, lemma="the"))
                best.start = ti + 1
            items.append(best)
            i = best.end - span.start
        return items

    def _inside_other_name(self, first: Token, last: Token) -> bool:
        """A known name strictly inside a longer named entity that starts elsewhere is part of another name
        ("Commission" in "Chilpancingo Water Commission", "Washington" in "Washington Post"); a place name
        inside a longer place name is another place ("America" in "South America", "Mexico" in "New
        Mexico"): the longer name wins, and gives no actor if it is not one."""
        if not first.ent_type_ or first.ent_type_ not in (
            "ORG",
            "FAC",
            "WORK_OF_ART",
            "EVENT",
            "LAW",
            "PERSON",
            "GPE",
            "LOC",
        ):
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
            return not any(self._agent_at(first.doc, t.i, reach) for t in first.doc[last.i + 1 : end])
        return True

    def _people_lookup(self, text: str, key: str | None = None) -> list[int]:
        if key is None:
            key = norm(text)
        hits = self.kb.by_alias.get(key)
        if hits:
            return list(dict.fromkeys(hits))
        parts = key.split()
        if len(parts) >= 3:
            return list(dict.fromkeys(self.kb.by_alias.get(f"{parts[0]} {parts[-1]}", [])))
        return []

    def _agent_at(self, sdoc: object, start: int, limit: int) -> tuple[str, int] | None:
        """Longest generic agent/title starting at token ``start`` (last token matched by lemma)."""
        kb = self.kb
        tk = _toks(sdoc)  # type: ignore[arg-type]
        pos, tag = tk.pos, tk.tag
        if not tk.orth[start].strip():
            return None  # a line-break token starts nothing
        top = min(limit, start + kb.max_agent_len + 2)
        # keys of heads reaching past the first space start with its first word (see ``_first_word``)
        cut = len(tk.text)
        if top - 1 > start:
            first = _first_word(tk.text, tk.idx[start], tk.idx[top - 1])
            if first is not None and first[0] not in self._agent_first():
                cut = first[1]
        for j in range(top, start, -1):
            k = j - 1
            if pos[k] not in ("NOUN", "PROPN") and tag[k] not in ("NN", "NNS", "NNP", "NNPS"):
                continue
            if tk.idx[k] > cut:
                continue
            head = tk.text[tk.idx[start] : tk.idx[k]]
            lemma, lower = tk.lemma_low[k], tk.lower[k]
            if norm(head + lemma) in kb.agents:
                return norm(head + lemma), j
            if lower != lemma and norm(head + lower) in kb.agents:
                return norm(head + lower), j
        return None

    # ------------------------------------------------------------------ grouping

    def _group(self, span: Span, items: list[Item], sent_index: int) -> list[Mention]:
        sdoc = span.doc
        mentions: list[Mention] = []
        k = 0
        heads = ("person", "unk_person", "title", "agent")
        while k < len(items):
            group = [items[k]]
            k += 1
            while k < len(items):
                prev, nxt = group[-1], items[k]
                if _line_break(sdoc, prev.end - 1, nxt.start):
                    break  # a headline, caption or byline line ends the noun phrase
                if nxt.start == prev.end or self._gap_ok(sdoc, prev.end, nxt.start, nxt):
                    if prev.kind in ("person", "unk_person") and not (
                        nxt.kind == "of" or self._person_modifies(sdoc, prev, nxt)
                    ):
                        break  # "the Trump administration": a person's government
                    if prev.kind in ("country", "org", "metonym") and nxt.kind in (
                        "country",
                        "org",
                        "metonym",
                    ):
                        break
                    if nxt.kind == "det" and prev.kind != "det":
                        break
                    if prev.kind in ("agent", "title") and nxt.kind in ("person", "unk_person"):
                        # "told reporters Trump slammed ...": the noun is an argument of its own, not a title
                        t = sdoc[prev.start : prev.end].root
                        if t.dep_ in _ARGUMENT_DEPS and not nxt.start <= t.head.i < nxt.end:
                            break
                    if nxt.kind == "of":
                        # "President of Russia", "the President of the United States"
                        if not any(g.kind == "title" for g in group):
                            break
                        rest = items[k + 1 : k + 3]
                        if rest and rest[0].kind == "det" and rest[0].lemma == "the":
                            rest = rest[1:]
                        if not rest or rest[0].kind not in ("country", "org", "metonym"):
                            break
                        after_of = items[k + 1 : k + 1 + (items[k + 1 : k + 3].index(rest[0]) + 1)]
                        if any(a.start != b.end for a, b in zip(after_of, [nxt, *after_of], strict=False)):
                            break
                        group.append(nxt)
                        group.extend(after_of)
                        k += 1 + len(after_of)
                        break
                    group.append(nxt)
                    k += 1
                    continue
                break
            # a group must start and end in something that belongs to a noun phrase
            while group and group[0].kind == "of":
                group.pop(0)
            while group and group[-1].kind in ("det", "mod", "of"):
                group.pop()
            # leading modifiers without a head: split off each standalone item
            if not group:
                continue
            if any(g.kind in heads for g in group):
                mentions.append(Mention(group, group[0].start, group[-1].end, sent_index))
            else:
                for g in group:
                    if g.kind in ("country", "org", "metonym", "adjective", "unk_org"):
                        mentions.append(Mention([g], g.start, g.end, sent_index))
        return mentions

    def _place_or_law(self, sdoc: Doc, item: Item) -> bool:
        """An unknown organisation name that is a place ("Normandy, France", "Saint-Jean-de-Luz, France":
        followed by a state in apposition) or a treaty or law ("the North American Free Trade Agreement")."""
        last = sdoc[item.end - 1]
        if last.lower_ in WORDS.law_words:
            return True
        nxt = sdoc[item.end + 1] if item.end + 1 < len(sdoc) else None
        if nxt is None or sdoc[item.end].text != ",":
            return False
        return any(x.kind == "country" for x in self.kb.lookup(nxt.text))

    def _no_actor_noun(self, head: Token) -> bool:
        """A title or agent noun that names no one: a predicate ("is a good negotiator", "wants to be prime
        minister", "called himself a tough negotiator", "as a master negotiator") or a modifier of a noun
        that is no actor ("the troop pullout", "government rates", "Army Times")."""
        if head.dep_ in ("attr", "oprd") or (head.dep_ == "pobj" and head.head.lower_ == "as"):
            return True
        if head.dep_ != "compound":
            return False
        # the nouns it modifies, up the compound chain ("government watchdog agency"): none may be the head
        # word of an actor noun ("police investigators", "opposition members", "a police helicopter")
        heads = self._agent_heads()
        gov, steps = head.head, 0
        while gov.i > head.i and gov.pos_ in ("NOUN", "PROPN") and steps < 4:
            if gov.lemma_.lower() in heads or gov.lower_ in heads:
                return False
            if gov.dep_ != "compound":
                return True
            gov, steps = gov.head, steps + 1
        return False

    def _agent_heads(self) -> set[str]:
        if self._heads_of != len(self.kb.agents):
            self._heads = {k.split(" ")[-1] for k in self.kb.agents}
            self._heads_of = len(self.kb.agents)
        return self._heads

    @staticmethod
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

    def _person_modifies(self, sdoc: Doc, prev: Item, nxt: Item) -> bool:
        """A person modifying a government noun ("the Trump administration", "Putin spokesman X")."""
        if nxt.kind not in ("agent", "title") or sdoc[prev.end - 1].dep_ not in ("compound", "poss"):
            return False
        a = self.kb.agents[nxt.lemma or ""]
        return a.sector == "GOV" and a.office_type is None

    @staticmethod
    def _gap_ok(sdoc: object, a: int, b: int, nxt: Item) -> bool:
        """Tokens between two items may be unknown noun modifiers ("Russian defence ministry")."""
        if nxt.kind not in ("title", "agent") or b - a > 2:
            return False
        for t in sdoc[a:b]:  # type: ignore[index]
            if t.dep_ not in ("compound", "amod") or t.pos_ not in ("NOUN", "ADJ", "PROPN"):
                return False
            if t.head.i < a or t.head.i > nxt.end:
                return False
        return True

    # ------------------------------------------------------------------ resolution

    def _resolve_mention(self, state: _DocState, m: Mention) -> None:
        kb = self.kb
        doc = state.doc
        sdoc = doc.spacy
        assert sdoc is not None
        items = m.items
        lead = items[0]
        start_tok = m.start
        det = lead.lemma if lead.kind == "det" else None
        group_word = next((i.lemma for i in items if i.kind == "det" and i.lemma in WORDS.group_words), None)
        if group_word:
            det = group_word
        mods = {i.lemma for i in items if i.kind == "mod"}
        people = [i for i in items if i.kind in ("person", "unk_person")]
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
        if "deputy" in mods or (titles and self._qualified_title(sdoc, titles[-1])):
            office_type = None  # "the majority leader", "the union's president": not a state's office
        if office_type == "president" and any(
            norm(sdoc[t.start : t.end].text).startswith("vice") for t in titles
        ):
            office_type = "vice_president"
        head_agent = agents[-1].lemma if agents else None
        # the whole noun phrase: adjective/compound modifiers left of the mention ("global leaders")
        sent_start = sdoc[m.start].sent.start
        while start_tok > sent_start and items[0].kind != "det":
            t = sdoc[start_tok - 1]
            if (
                t.dep_ in ("amod", "compound", "nummod")
                and t.pos_ in ("ADJ", "NOUN", "NUM", "PROPN")
                and start_tok <= t.head.i < m.end  # a chain of modifiers: "West Bengal Chief Minister X"
                and not t.ent_type_
                and not _line_break(sdoc, start_tok - 1, start_tok)
                and not _GLUED.search(t.text)
            ):
                start_tok -= 1
            else:
                break
        if start_tok < m.start and start_tok > sent_start and sdoc[start_tok - 1].lower_ in WORDS.articles:
            start_tok -= 1
        start_char = sdoc[start_tok].idx
        last = sdoc[m.end - 1]
        end_char = last.idx + len(last.text)
        text = doc.text[start_char:end_char]

        strip_sector = False

        def emit(c: Candidate, kind: str, label: str | None = None, notes: list[str] | None = None) -> Entity:
            ent = Entity(
                entity_text=text,
                start=start_char,
                end=end_char,
                sentence=m.sentence,
                name=c.name,
                code=c.code,
                sector=None if strip_sector else c.sector,
                wikidata_id=c.wikidata_id,
                role=c.role,
                kind=kind,
                label=label,
                ref=c.ref,
                confidence=round(c.confidence, 2),
                notes=[*c.notes, *(notes or [])],
                basis=c.basis or basis_of(c),
            )
            state.add(ent, c, sdoc[m.start : m.end])
            return ent

        # ---- a person's administration/government/aides: the state the person governs
        nouns = [i for i in items if i.kind in ("agent", "title")]
        if people and nouns and nouns[-1].start > people[0].start:
            p = people[0]
            c = self._person(state, p, sdoc[p.start : p.end].text, hint_code, None, None)
            if c is not None and c.code and c.sector not in ("ELI", None):
                if people[-1].start > nouns[-1].start:
                    hint_code = hint_code or c.code  # "Trump adviser John Bolton": Bolton is of Trump's state
                    people = people[-1:]
                else:
                    lemma = nouns[-1].lemma or ""
                    a = kb.agents[lemma]
                    cand = kb.state_candidate(c.code, a.sector, f"person+agent:{lemma} ({c.name})", 0.75)
                    emit(cand, "agent")
                    return
            else:
                people = people[-1:] if people[-1].start > nouns[-1].start else []
        # ---- a named person
        if people:
            p = people[-1]
            ptext = sdoc[p.start : p.end].text
            ptok = sdoc[p.end - 1]
            if state.is_ship(sdoc, p.start, ptext):
                return  # "the USS John S. McCain", "the Ford's flight deck": a ship named after a person
            near = {t.lower_ for t in sdoc[max(0, p.start - 1) : min(len(sdoc), p.end + 1)]}
            if near & WORDS.case_markers:
                return  # "Innovation Law Lab v. McAleenan": the name of a case
            before = items[items.index(p) - 1] if items.index(p) > 0 else None
            thing = (
                before is not None
                and before.kind == "agent"
                and (before.lemma or "").split(" ")[-1] in WORDS.org_nouns
                and not titles
                and p.label == "PERSON"
            )
            if thing:
                # "Ukrainian energy company Burisma": the name of the company, not a person
                a = kb.agents[before.lemma or ""]
                cand = Candidate(
                    ptext, hint_code, a.sector, None, f"unresolved-organisation (agent:{a.lemma})",
                    state.local_ref(ptext), 0.5 if hint_code else 0.3, "org",
                )  # fmt: skip
                emit(cand, "noun_phrase", "ORG")
                return
            if (
                p is items[-1]
                and ptok.dep_ == "compound"
                and ptok.head.i >= m.end
                and (
                    ptok.head.pos_ == "NOUN"
                    or (ptok.head.pos_ == "PROPN" and ptok.head.ent_type_ in ("FAC", "ORG", "WORK_OF_ART"))
                )
                and ptok.head.lemma_.lower() not in kb.agents
            ):
                return  # "Clinton charities", "the Clinton email probe": about the person, not the person
            title_sector = (
                kb.agents[title_lemma].sector
                if title_lemma
                else (kb.agents[head_agent].sector if head_agent else None)
            )
            cand = self._person(state, p, ptext, hint_code, office_type, title_sector)
            if cand is None:
                # not in the knowledge base: what the text's own title says
                code = hint_code
                sector = title_sector or (hint_org.sector if hint_org else None)
                if sector and "former" in mods:
                    sector = "ELI"  # "former national security adviser X"
                role = "unresolved-person" + (f" ({title_lemma or head_agent})" if title_sector else "")
                cand = Candidate(
                    ptext, code, sector, None, role, state.local_ref(ptext), 0.5 if sector else 0.3, "person"
                )
            notes = self._title_check(state, cand, mods, office_type, hint_code, text)
            kind = "ner" if p.label == "PERSON" or len(items) == 1 else "noun_phrase"
            emit(cand, kind, "PERSON", notes)
            return
        if (titles or agents) and self._no_actor_noun(sdoc[m.end - 1]):
            if not places:
                return
            # "U.S. troop casualties", "is the Iraqi prime minister": the state the phrase names, no sector
            strip_sector = True
        # ---- a title without a name: "the Russian leader", "the President of the United States"
        if titles and (title_lemma in kb.title_office or head_agent is None):
            plural = sdoc[titles[-1].end - 1].tag_ in ("NNS", "NNPS")
            if det in WORDS.group_words and plural:
                group = state.recent_people(WORDS.group_words[det], m.sentence)
                if group:
                    for c in group:
                        emit(c, "title", None, [f"group member of '{text}'"])
                    return
            definite = det == "the" or (
                det is None and sdoc[titles[-1].start].text[:1].isupper() and not plural
            )
            if definite and not plural and office_type and "former" not in mods:
                cand = self._office(state, hint_code, office_type, title_lemma or "")
                if cand is not None:
                    emit(cand, "title")
                    return
            a = kb.agents[title_lemma] if title_lemma else None
            sector = "ELI" if "former" in mods else (a.sector if a else None)
            if hint_code is None and a and a.needs_modifier:
                return
            cand = self._generic(hint_code, hint_org, sector, f"title:{title_lemma}", text, places)
            emit(cand, "title")
            return
        # ---- a generic agent: "Syrian rebels", "police", "a Ukrainian official"
        if agents or titles:
            lemma = head_agent or title_lemma or ""
            a = kb.agents[lemma]
            if a.needs_modifier and hint_code is None:
                return
            sector = "ELI" if ("former" in mods and a.person) else a.sector
            cand = self._generic(hint_code, hint_org, sector, f"agent:{lemma}", text, places)
            emit(cand, "agent")
            return
        # ---- a single state/organisation/seat of power
        item = items[-1]
        if item.kind == "unk_org":
            # "Kilimnik", "Manafort’s": the NER's organisation is a person the article named before
            otext = sdoc[item.start : item.end].text
            for suffix in ("’s", "'s", "’"):
                otext = otext.removesuffix(suffix)
            if otext and state.is_ship(sdoc, item.start, otext):
                return  # "the Ford": a ship, no organisation
            if self._place_or_law(sdoc, item):
                return
            prior = state.person_by_name(otext) if otext else None
            if prior is not None:
                cut = text.rfind(otext) + len(otext) if otext in text else len(text)
                text, end_char = text[:cut], start_char + cut
                emit(prior, "ner", "PERSON", ["the NER labelled a person named earlier as an organisation"])
                return
            if otext and " " not in otext and otext in state.person_surnames():
                # "Manafort had interactions with Kilimnik" where the article names "Konstantin Kilimnik" as a
                # person later: a surname, not an organisation (no country: the text gives none here)
                cand = Candidate(
                    otext, None, None, None, "unresolved-person", state.local_ref(otext), 0.3, "person"
                )
                cut = text.rfind(otext) + len(otext) if otext in text else len(text)
                text, end_char = text[:cut], start_char + cut
                emit(cand, "ner", "PERSON", ["NER organisation: a surname of a person in the article"])
                return
            cand = Candidate(
                text, None, None, None, "unresolved-organisation", state.local_ref(text), 0.3, "org"
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
            emit(cand, "ner", "ORG")
            return
        e = item.entries[0]
        tok = sdoc[item.start]
        head_tok = sdoc[item.end - 1]
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
            start_char = prev.idx
            text = doc.text[start_char:end_char]
            prev = sdoc[prev.i - 1] if prev.i > 0 else None
        # "the capital, Pyongyang", "arriving in Tehran, Iran,": apposition to a place; "a trip to Baghdad",
        # "returned to Iraq", "outside of China", "south of Canberra": a destination or a reference point
        locative = (
            (prev is not None and prev.lower_ in WORDS.locative_preps)
            or _place_prep(prev)
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
            lead = sdoc[first.left_edge.i - 1] if first.left_edge.i > 0 else None
            locative = (
                first.i != head_tok.i
                and lead is not None
                and (lead.lower_ in WORDS.locative_preps or _place_prep(lead))
            )
        if e.kind == "org":
            if locative and tok.ent_type_ in ("GPE", "LOC", "FAC"):
                return  # "traveled from Brussels", "told reporters at the Pentagon": a place
            emit(kb.org_candidate(e.key), "ner", "ORG")
            return
        # "Islamabad time", "the Hanoi meeting", "U.S. private interests": a modifier of a thing, no actor
        modifier = (
            head_tok.dep_ in ("compound", "nmod", "amod")
            and head_tok.head.i > head_tok.i
            and head_tok.head.pos_ == "NOUN"
            and head_tok.head.lemma_.lower() not in kb.agents
        )
        if e.kind == "metonym":
            if locative:
                return  # "in Moscow": a place, the geo stage's business
            if modifier:
                c = kb.state_candidate(e.key, None, f"metonym:{e.surface} (modifier)", 0.6)
                emit(c, "ner", "GPE")
                return
            c = kb.state_candidate(e.key, e.sector, f"metonym:{e.surface}", 0.8)
            c.name = e.name or c.name
            c.wikidata_id = e.wikidata
            if e.sector == "REL" and e.key == "VAT":
                c.ref = "VAT:REL"
            emit(c, "metonym", "GPE")
            return
        if e.kind == "country":
            if e.key == "VAT":
                c = kb.state_candidate("VAT", "REL", "country-name", 0.85)
                c.wikidata_id = kb.states["VAT"].wikidata
                emit(c, "ner", "GPE")
                return
            adjs = [x for x in kb.lexicon.get(norm(e.surface)[:-1], []) if x.kind == "adjective"]
            if head_tok.tag_ == "NNPS" and norm(e.surface).endswith("s") and adjs:
                c = kb.state_candidate(e.key, None, "demonym (people)", 0.6)  # "many Palestinians"
            elif locative:
                c = kb.state_candidate(e.key, None, "country-name (place)", 0.7)
            elif head_tok.dep_ == "compound" or modifier:
                c = kb.state_candidate(e.key, None, "country-name (modifier)", 0.6)
            else:
                c = kb.state_candidate(e.key, "GOV", "country-name", 0.8)
            emit(c, "ner", "GPE")
            return
        # adjective/demonym without a head noun we know; "the Russian and Ukrainian sides": the shared head
        gov = head_tok.head.head if head_tok.dep_ == "conj" else head_tok.head
        if head_tok.dep_ in ("amod", "compound", "conj") and gov.pos_ == "NOUN":
            lemma = gov.lemma_.lower()
            if lemma in kb.agents and gov.i > head_tok.i:
                a = kb.agents[lemma]
                cand = self._generic(e.key, None, a.sector, f"agent:{lemma}", text, [item])
                emit(cand, "agent")
                return
        if head_tok.tag_ in ("NNS", "NNPS") or (tok.ent_type_ == "NORP" and head_tok.dep_ in SUBJECT_DEPS):
            c = kb.state_candidate(e.key, None, "demonym (people)", 0.6)
            emit(c, "noun_phrase", "NORP")
        elif head_tok.dep_ in ("amod", "compound") and head_tok.head.pos_ == "NOUN":
            c = kb.state_candidate(e.key, None, "adjective", 0.5)
            emit(c, "noun_phrase", "NORP")

    def _person(
        self,
        state: _DocState,
        p: Item,
        ptext: str,
        hint_code: str | None,
        office_type: str | None,
        title_sector: str | None,
    ) -> Candidate | None:
        kb = self.kb
        day = state.day
        # within-article coreference first: "Putin" after "Vladimir Putin", a surname of an unknown person
        prior = state.person_by_name(ptext)
        if prior is not None and (prior.person is not None or office_type is None):
            return prior
        hits = [i for i in p.people] if p.people else []
        if hits:
            hits = kb.find_people(ptext, day, hint_code, office_type) or hits
        else:
            hits = kb.find_people(ptext, day, hint_code, office_type)
        if prior is not None:
            # "Former Vice President Biden" after "Hunter Biden": the office names the known person
            held = [i for i in hits if any(r.office_type == office_type for r in kb.people[i].roles)]
            if not held:
                return prior
            hits = held
        if not hits:
            return None
        if " " not in ptext.strip() and office_type is None and title_sector is None:
            # "Mitchell told investigators" in an article that names a sailor "Kyle Mitchell" and never the
            # knowledge base's Mitchell in full: a surname of someone the article names, not a namesake
            person = kb.people[hits[0]]
            known = {norm(person.name), *(norm(a) for a in person.aliases)}
            others = state.full_names().get(norm(ptext), set())
            text = norm(state.doc.text)
            # ... unless the article names the known person in full or a state they serve
            states = state.article_states(kb)
            serves = any(r.active(day) and r.code in states for r in person.roles)
            in_full = any(" " in k and k in text for k in known)
            if others and not others & known and not serves and not in_full:
                return None
        c = kb.person_candidate(hits[0], day, title_sector)
        if c.code is None and hint_code:
            c.code = hint_code
        return c

    def _title_check(
        self,
        state: _DocState,
        c: Candidate,
        mods: set[str | None],
        office_type: str | None,
        hint_code: str | None,
        text: str,
    ) -> list[str]:
        """The dated role wins over the text's title; a contradiction is reported."""
        if c.person is None:
            return []
        notes = []
        if "former" in mods and c.active_role is not None:
            if office_type is None or c.active_role.office_type == office_type or office_type == "leader":
                msg = (
                    f"'{text}': the text says former, but on {state.day} {c.name} holds "
                    f"{c.active_role.office} (since {c.active_role.start})"
                )
                state.doc.warn("title_mismatch", msg)
                notes.append(f"title_mismatch: {msg}")
        elif office_type and "former" not in mods and "then" not in mods and "elect" not in mods:
            ok = c.active_role is not None and (
                c.active_role.office_type == office_type or office_type == "leader"
            )
            if not ok and c.active_role is None:
                msg = (
                    f"'{text}': the title says {office_type.replace('_', ' ')}, but on {state.day} "
                    f"{c.name} holds no such office ({c.role})"
                )
                state.doc.warn("title_mismatch", msg)
                notes.append(f"title_mismatch: {msg}")
        return notes

    def _office(self, state: _DocState, code: str | None, office_type: str, title: str) -> Candidate | None:
        kb = self.kb
        inferred = False
        if code is None:
            # "the president": the last person mentioned who holds such an office ...
            prior = state.recent_holder(office_type)
            if prior is not None:
                return prior
            # ... else the holder of that office in the state whose seat of power the passage names
            # ("Downing Street said the prime minister ..."); another state named nearby is no evidence
            code = state.recent_state(kb)
            if code is None:
                return None
            inferred = True
        prior = state.recent_holder(office_type, code)
        if prior is not None:
            return prior
        hit = kb.office_holder(code, office_type, state.day)
        if hit is None:
            return None
        c = kb.person_candidate(hit[0], state.day)
        c.role = f"{c.role} (title:{title})"
        c.confidence = min(c.confidence, 0.6 if inferred else 0.85)
        if inferred:
            c.notes.append(f"country {code} inferred from the preceding mentions")
        return c

    def _generic(
        self,
        code: str | None,
        org: Candidate | None,
        sector: str | None,
        role: str,
        text: str,
        places: list[Item],
    ) -> Candidate:
        kb = self.kb
        how = (
            "demonym+"
            if places and places[-1].kind == "adjective"
            else ("org+" if org else ("country+" if places else ""))
        )
        if org is not None:
            if org.sector in WORDS.armed_sectors and sector in ("GOV", "LEG"):
                sector = org.sector  # "Taliban representatives" are the armed group's, not legislators
            return Candidate(
                org.name,
                org.code,
                sector or org.sector,
                org.wikidata_id,
                f"{how}{role}",
                f"{org.ref}:{sector}",
                0.7,
                "org",
            )
        if code is not None:
            c = kb.state_candidate(code, sector, f"{how}{role}", 0.75)
            if sector is not None:
                c.name = f"{c.name} ({sector})"
            return c
        return Candidate(text, None, sector, None, role, f"agent:{norm(text)}", 0.5, "agent")

    # ------------------------------------------------------------------ apposition

    def _apposition_country(self, doc: Document, state: _DocState) -> None:
        """An unresolved person in apposition to a title the text gives a country ("Bill Tyler, the senior
        U.S. diplomat in Kyiv", "a fellow White House official, Tim Morrow") takes that country, and the
        title's sector when the title entity is the whole apposition (not "president of the U.S." cut
        from "president of the U.S. Chamber of Commerce")."""
        sdoc = doc.spacy
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
                break

    # ------------------------------------------------------------------ context country

    def _context_country(self, doc: Document, state: _DocState, ents: list[Span] | None = None) -> None:
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
        sdoc = doc.spacy
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
                    code = self._place_code(ch, cities)
                    how = "possessive"
            for prep in span.root.children if e.basis == "agent" else ():
                if code is not None:
                    break
                if prep.dep_ != "prep" or prep.lower_ not in WORDS.attached_place_preps:
                    continue
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    # "in the West Bank city of Hebron": the name modifying or following the place noun
                    places = [obj, *(x for x in obj.children if x.dep_ == "compound")]
                    places += [
                        y for x in obj.children if x.dep_ == "prep" for y in x.children if y.dep_ == "pobj"
                    ]
                    for pl in places:
                        code = self._place_code(pl, cities)
                        if code is not None:
                            break
                    if code is not None:
                        break
                if code is not None:
                    break
            if code is None:
                continue
            e.code = code
            e.role = f"{e.role} +attached-place"
            e.basis = how
            e.notes.append(f"country {code} from the place attached to '{e.entity_text}'")
            e.confidence = round(min(e.confidence or 0.5, 0.55), 2)
            if e.ref and e.ref.startswith("agent:"):
                e.ref = f"{code}:{e.sector}:{e.ref[6:]}"

    def _place_code(self, tok: Token, cities: dict[str, str]) -> str | None:
        """The state of a place word: a state name or seat of power, else a city of the city table."""
        ent = next((x for x in tok.doc.ents if x.start <= tok.i < x.end), None)
        # "the Government of India" is one ORG entity for the NER: then the place word alone
        text = ent.text if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") else tok.text
        if not text[:1].isupper():
            return None
        for entry in self.kb.lookup(text):
            if entry.kind in ("country", "metonym"):
                return entry.key
        if text.lower().startswith("the "):
            text = text[4:]
        return cities.get(norm(text))

    # ------------------------------------------------------------------ pronouns

    def _resolve_pronoun(self, state: _DocState, tok: Token, sent_index: int) -> None:
        low = tok.lower_
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if tok.text == "He" and prev is not None and prev.pos_ == "PROPN" and prev.ent_type_ == "PERSON":
            return  # "Liu He": a name, no pronoun
        if low in WORDS.person_pronouns:
            ante = state.antecedent_person(tok, sent_index)
        elif low in WORDS.neuter_pronouns:
            if low == "it" and (tok.dep_ not in SUBJECT_DEPS or _expletive(tok)):
                return  # "it is clear that ...": expletive; "said it": not an actor
            verb = tok.head
            if low == "it" and not (
                verb.lemma_.lower() in WORDS.actor_verbs
                or (
                    tok.dep_ == "nsubj"
                    and verb.dep_ in ("ccomp", "conj")
                    and verb.head.lemma_.lower() in WORDS.actor_verbs
                )
            ):
                # "it raised worries", "it gets worse": most often a thing, not a state; "Turkey asked that
                # it not be done": a passive subject of a reported clause is what is asked about
                return
            ante = state.antecedent_collective(sent_index, plural=False, possessive=low == "its", tok=tok)
        else:
            ante = state.antecedent_collective(sent_index, plural=True, possessive=low == "their")
        if ante is not None and low in ("it", "they", "them") and _unlinked_subject(state, tok):
            ante = None  # "critics said they ...": the subject noun of the governing clause is the referent
        if ante is None:
            if low in ("he", "she") and tok.dep_ in SUBJECT_DEPS:
                # an unresolved subject pronoun (often a quote's speaker): said so, with no name
                state.entities.append(
                    Entity(
                        entity_text=tok.text,
                        start=tok.idx,
                        end=tok.idx + len(tok.text),
                        sentence=sent_index,
                        role="pronoun (unresolved)",
                        kind="pronoun",
                        ref=f"unresolved:{tok.idx}",
                        confidence=0.0,
                        basis="unresolved_pronoun",
                    )
                )
            return
        ent = Entity(
            entity_text=tok.text,
            start=tok.idx,
            end=tok.idx + len(tok.text),
            sentence=sent_index,
            name=ante.name,
            code=ante.code,
            sector=ante.sector,
            wikidata_id=ante.wikidata_id,
            role=f"pronoun->{ante.name}",
            kind="pronoun",
            label=None,
            ref=ante.ref,
            confidence=round(min(0.8, (ante.confidence or 0.5)), 2),
            basis="coreference",
        )
        state.entities.append(ent)


def basis_of(c: Candidate) -> str:
    """``Entity.basis`` from a candidate's role: why the mention got its code."""
    role = c.role
    if role.startswith(("office:", "former:", "last-known:", "before:", "person (no dated role)")):
        return "office_holder" if "(title:" in role else "kb_person_role"
    if role.startswith("person+agent"):
        return "person_government"
    if role.startswith("unresolved-person"):
        return "title_nationality" if c.code else ("title" if c.sector else "unresolved_person")
    if role.startswith("unresolved-organisation"):
        return "unresolved_organisation"
    if role.startswith("demonym+"):
        return "demonym"
    if role.startswith(("org+", "org:")):
        return "organisation"
    if role.startswith(("country+", "country-name")):
        return "country_name"
    if role.startswith("metonym:"):
        return "metonym"
    if role.startswith(("adjective", "demonym")):
        return "demonym"
    if role.startswith(("agent:", "title:")):
        return "agent"
    return "other"


_ACRONYM_DEF = re.compile(
    r"((?:[A-Z][\w’'.-]*[ \t]+(?:(?:of|and|for|the|on|de|du|des|la|el|&)[ \t]+)*){1,9})\(([A-Z][A-Z&]{1,9})\)"
)
#: dependencies that make a noun an argument of a verb or preposition (not a title before a name)
_ARGUMENT_DEPS = {"dobj", "pobj", "iobj", "dative", "attr", "nsubj", "nsubjpass", "oprd"}


def _unlinked_subject(state: _DocState, tok: Token) -> bool:
    """The clause governing the pronoun's clause has a noun subject that is no actor entity ("critics said
    they were angry")."""
    verb = tok.head
    if verb.dep_ not in ("ccomp", "advcl") or verb.head.i == verb.i:
        return False
    gov = verb.head
    if gov.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in gov.children):
        gov = gov.head  # "staffers had to know they would lose"
    for ch in gov.children:
        if ch.dep_ in ("nsubj", "nsubjpass") and ch.pos_ in ("NOUN", "PROPN") and ch.i < tok.i:
            return not any(e.start <= ch.idx < e.end for e in state.entities)
    return False


def _clause_subjects(tok: Token) -> list[Token]:
    """Subjects that may be the referent of ``tok`` (it/its) by syntax: the subject of the pronoun's own
    clause (not one holding the pronoun), of the clauses governing it (up to three links), the object of
    the verb a possessive's phrase depends on ("thanked Russia for its support"), and the noun a
    possessive's noun is coordinated with ("the EU and its members")."""
    out: list[Token] = []
    if tok.dep_ == "poss" and tok.head.dep_ == "conj":
        out.append(tok.head.head)
    holders = {tok.i}
    verb, steps = tok, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 6:
        holders.add(verb.i)
        verb = verb.head
        steps += 1
    sdoc = tok.doc
    if tok.dep_ == "poss" and any(sdoc[h].dep_ == "prep" and sdoc[h].head.i == verb.i for h in holders):
        # "thanked Russia for its support", "praised Iran for its restraint": the verb's object
        out.extend(ch for ch in verb.children if ch.dep_ == "dobj" and ch.i < tok.i)
    for _ in range(4):
        for ch in verb.children:
            if ch.dep_ in ("nsubj", "nsubjpass") and ch.i not in holders and ch.i < tok.i:
                out.append(ch)
                out.extend(x for x in ch.children if x.dep_ == "conj")
        if verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or verb.head.i == verb.i:
            break
        if verb.dep_ == "xcomp":
            # "forced the administration to abandon its policy": the object of the governing verb
            out.extend(ch for ch in verb.head.children if ch.dep_ == "dobj" and ch.i < tok.i)
        verb = verb.head
    return out


def _bound_tokens(tok: Token) -> list[Token]:
    """Tokens a pronoun cannot refer to for syntax alone: the subject of the verb an object pronoun
    depends on ("Trump told him": not Trump; "X and Y told them" holds both), and the noun a phrase
    holding the pronoun is in apposition to ("Maria, his bride": not Maria)."""
    out: list[Token] = []
    verb = tok.head
    objective = tok.lower_ in ("him", "them")
    if tok.dep_ in ("nsubj", "nsubjpass") and verb.dep_ in ("xcomp", "ccomp") and objective:
        verb = verb.head  # "X told him to wait": "him" parsed as the subject of "wait"
    if tok.dep_ in ("dobj", "dative", "iobj", "nsubj", "nsubjpass") and tok.lower_ in ("him", "her", "them"):
        for ch in verb.children:
            if ch.dep_ in ("nsubj", "nsubjpass"):
                out.append(ch)
                out.extend(x for x in ch.children if x.dep_ == "conj")
    node, steps = tok, 0
    while node.dep_ in ("poss", "pobj", "prep", "compound", "amod") and steps < 3:
        node = node.head
        steps += 1
    if node.dep_ == "appos" and node.head.i != node.i:
        out.append(node.head)
    return out


_GLUED = re.compile(r"[a-z]{3}[A-Z]")
_SHIP = re.compile(
    r"\b(?:" + "|".join(sorted(WORDS.ship_prefixes)) + r")\s+((?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w-]*)"
)


def _place_prep(prev: Token | None) -> bool:
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


def _line_break(sdoc: Doc, a: int, b: int) -> bool:
    """A line break between token ``a`` and token ``b`` (``a < b``)."""
    return any("\n" in t.whitespace_ or t.is_space for t in sdoc[a:b])


def _trim_person(sdoc: Doc, ent: Span) -> Span | None:
    """A PERSON span cut to one name: it ends at a line break, before a possessive, before a word glued to
    the name by a lost space ("TrumpGOP"), and before caption or link words ("Trump MORE")."""
    s, e = ent.start, ent.end
    for k in range(s + 1, e):
        prev = sdoc[k - 1]
        if "\n" in prev.whitespace_ or prev.is_space or sdoc[k].is_space:
            e = k
            break
    for k in range(s, min(len(sdoc), ent.end + 6)):
        if "\n" in sdoc[k].text or not re.search(r"[a-z]{3}[A-Z]", sdoc[k].text):
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


def _join_org_modifiers(sdoc: Doc, mentions: list[Mention]) -> list[Mention]:
    """An unknown organisation name that modifies the title or name after it is part of that mention
    ("United Nations Human Rights Commissioner X"): the NER ends the organisation before the title word."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.items) == 1
            and prev.items[0].kind == "unk_org"
            and m.items[0].kind in ("person", "unk_person", "title")
            and m.start - prev.end <= 2
            and all(
                t.dep_ == "compound"
                and t.pos_ == "PROPN"
                and t.text[:1].isupper()
                and prev.end <= t.head.i < m.end
                for t in sdoc[prev.end : m.start]
            )
            and sdoc[prev.end - 1].dep_ == "compound"
            and prev.end <= sdoc[prev.end - 1].head.i < m.end
        ):
            out[-1] = Mention([*prev.items, *m.items], prev.start, m.end, m.sentence)
            continue
        out.append(m)
    return out


def _in_spans(sdoc: Doc, m: Mention, spans: list[tuple[int, int]]) -> bool:
    """The mention lies inside one of the character spans."""
    a = sdoc[m.start].idx
    last = sdoc[m.end - 1]
    b = last.idx + len(last.text)
    return any(s <= a and b <= e for s, e in spans)


class _DocState:
    """What the resolver remembers while walking one article."""

    def __init__(self, doc: Document, day: str) -> None:
        self.doc = doc
        self.day = day
        self.entities: list[Entity] = []
        # (entity, candidate, is_subject, is_plural)
        self.history: list[tuple[Entity, Candidate, bool, bool]] = []
        #: name or name part -> the person it denotes; None where two different people share it
        self.names: dict[str, Candidate | None] = {}
        #: person ref -> "m"/"f" where the text says so (Mr/Mrs/Ms, a gendered title, an unambiguous pronoun)
        self.gender: dict[str, str] = {}
        self._surnames: set[str] | None = None
        self._ships: set[str] | None = None
        self._names: list[Span] = []
        self._full: dict[str, set[str]] | None = None
        self._states: set[str] | None = None
        self._ship_last: set[str] = set()

    def is_ship(self, sdoc: Doc, start: int, text: str) -> bool:
        """A name after a ship prefix ("USS Gerald R. Ford"), or, in an article that names such a ship, the
        ship's full name or its last word alone ("the Ford", "McCain’s crew")."""
        if self._ships is None:
            self._ships = {m.group(1).strip() for m in _SHIP.finditer(self.doc.text)}
            self._ship_last = {n.split()[-1] for n in self._ships}
        if not self._ships:
            return False
        prefixes = WORDS.ship_prefixes
        if (start > 0 and sdoc[start - 1].text in prefixes) or sdoc[start].text in prefixes:
            return True
        name = text.strip()
        return name in self._ships or (" " not in name and name in self._ship_last)

    def article_states(self, kb: KnowledgeBase) -> set[str]:
        """Codes of the states the NER's places and nationalities name anywhere in the article."""
        if self._states is None:
            sdoc = self.doc.spacy
            ents = sdoc.ents if sdoc is not None else ()
            self._states = {
                x.key
                for e in ents
                if e.label_ in ("GPE", "NORP", "FAC", "ORG")
                for x in kb.lookup(e.text)
                if x.kind in ("country", "adjective", "metonym")
            }
        return self._states

    def full_names(self) -> dict[str, set[str]]:
        """Surname -> the full names (normalised) the NER finds for it anywhere in the article."""
        if self._full is None:
            self._full = {}
            self.person_surnames()
            for e in self._names:
                self._full.setdefault(norm(e[-1].text), set()).add(norm(e.text))
        return self._full

    def person_surnames(self) -> set[str]:
        """Last words of the NER's person names of two or more words anywhere in the article."""
        if self._surnames is None:
            sdoc = self.doc.spacy
            ents = sdoc.ents if sdoc is not None else ()
            names = [_trim_person(sdoc, e) for e in ents if e.label_ == "PERSON"] if sdoc else []
            names = [e for e in names if e is not None and len(e) > 1]
            self._names = [e for e in names if e[-1].lower_ not in WORDS.not_name_words]
            self._surnames = {e[-1].text for e in self._names}
        return self._surnames

    def local_ref(self, text: str) -> str:
        return f"local:{norm(text)}"

    def add(self, ent: Entity, c: Candidate, span: Span) -> None:
        self.entities.append(ent)
        root = span.root
        subj = root.dep_ in SUBJECT_DEPS or (root.dep_ == "conj" and root.head.dep_ in SUBJECT_DEPS)
        plural = root.tag_ in ("NNS", "NNPS") and c.kind != "person"
        self.history.append((ent, c, subj, plural))
        if c.kind == "person":
            self.names[norm(c.name)] = c
            # the name's own words, not the title's ("White House press secretary X": not "House")
            words = norm(c.name).split()
            words += [w for t in span if t.ent_type_ == "PERSON" for w in norm(t.text).split()]
            for part in dict.fromkeys(words):
                if len(part) > 2:
                    if part not in self.names:
                        self.names[part] = c
                    elif (prev := self.names[part]) is not None and prev.ref != c.ref:
                        self.names[part] = None  # "Davis" after two different Davises: no match
            sdoc = span.doc
            words = [t.lower_ for t in sdoc[max(span.sent.start, span.start - 2) : span.end]]
            for w in words:
                if w in WORDS.gender_words:
                    self.gender.setdefault(c.ref, WORDS.gender_words[w])

    def person_by_name(self, text: str) -> Candidate | None:
        key = norm(text)
        c = self.names.get(key)
        if c is not None:
            return c
        parts = key.split()
        if len(parts) == 1:
            return None
        return self.names.get(key)

    def recent_holder(self, office_type: str, code: str | None = None) -> Candidate | None:
        for _ent, c, _s, _p in reversed(self.history):
            if c.kind != "person" or c.active_role is None:
                continue
            if code is not None and c.code != code:
                continue
            if c.active_role.office_type == office_type or (
                office_type == "leader" and c.active_role.office_type in WORDS.leader_offices
            ):
                return c
        return None

    def recent_state(self, kb: KnowledgeBase) -> str | None:
        """The state whose seat of power ("the White House", "Downing Street") is named in this or the
        previous sentence, when it is the only state named there as an actor."""
        if not self.history:
            return None
        last_sent = self.history[-1][0].sentence
        seats: set[str] = set()
        others: set[str] = set()
        for ent, c, _s, _p in reversed(self.history):
            if ent.sentence < last_sent - 1:
                break
            if c.code in kb.states:
                (seats if ent.kind == "metonym" else others).add(c.code)
        if len(seats) == 1 and others <= seats:
            return next(iter(seats))
        return None

    def recent_people(self, n: int, sent_index: int) -> list[Candidate]:
        out: list[Candidate] = []
        seen: set[str] = set()
        for ent, c, _s, _p in reversed(self.history):
            if c.kind != "person" or ent.sentence < sent_index - 5 or ent.kind == "pronoun":
                continue
            if c.ref in seen:
                continue
            seen.add(c.ref)
            out.append(c)
            if len(out) == n:
                return list(reversed(out))
        return []

    def antecedent_person(self, tok: Token, sent_index: int) -> Candidate | None:
        """he/she/his/her: the subject of the current clause before the pronoun, else the subject of the
        nearest earlier sentence with a person subject, else the nearest person; never a person whose
        gender the text gives as the other one.  A pronoun with a single candidate gives it its gender."""
        g = WORDS.person_pronouns.get(tok.lower_)
        c = self._antecedent_person(tok, sent_index, g)
        if c is not None and g is not None and c.ref not in self.gender:
            window = {
                x.ref
                for e, x, _s, _p in self.history
                if x.kind == "person" and e.start < tok.idx and e.sentence >= sent_index - 3
            }
            if len(window) == 1:
                self.gender[c.ref] = g
        return c

    def _antecedent_person(self, tok: Token, sent_index: int, g: str | None) -> Candidate | None:
        # '"...," he said': the people named inside the quotation just closed are not its speaker, and
        # the antecedent is looked for before the quotation opened
        base, quoted = sent_index, (-1, -1)
        text = self.doc.text
        k = tok.idx - 1
        while k >= 0 and text[k] in " \t\n,":
            k -= 1
        if k >= 0 and text[k] in '"\u201d':
            opening = max(text.rfind('"', 0, k), text.rfind("\u201c", 0, k))
            if opening >= 0:
                quoted = (opening, k)
                for sen in self.doc.sentences:
                    if sen.start <= opening < sen.end:
                        base = min(base, sen.index)
                        break
        people = [
            (e, c, s)
            for e, c, s, _ in self.history
            if c.kind == "person"
            and e.start < tok.idx
            and e.sentence >= base - 3
            and not quoted[0] < e.start < quoted[1]
            and not self.pasted(e.sentence, sent_index)
            and (g is None or self.gender.get(c.ref, g) == g)
        ]
        speakers = self.quote_speakers(tok)
        if speakers:
            # '"He should be positive," Mr. Trump said': inside a quotation, he/she is not its speaker
            people = [x for x in people if x[1].ref not in speakers]
        # "Trump told him": an object pronoun is not the subject of its own verb; "Maria, his bride": a
        # pronoun inside an apposition is not the noun it is in apposition to
        excluded = _bound_tokens(tok)
        if excluded:
            refs = {c.ref for e, c, _s in people if any(e.start <= t.idx < e.end for t in excluded)}
            people = [x for x in people if x[1].ref not in refs]
        blocked = self._syntax_blocks(tok)
        if blocked is not None:
            return blocked[0]
        if g is not None:
            # "She disagreed with his plan": a pronoun of the other gender earlier in the sentence took
            # its person, who is not this pronoun's
            other = {
                e.ref
                for e in self.entities
                if e.kind == "pronoun"
                and e.sentence == sent_index
                and e.start < tok.idx
                and WORDS.person_pronouns.get(e.entity_text.lower(), g) != g
            }
            people = [x for x in people if x[1].ref not in other]
        if not people:
            return None
        same = [(e, c, s) for e, c, s in people if e.sentence == sent_index]
        if tok.dep_ in SUBJECT_DEPS:
            found, gov = self._governing_subject(tok, same)
            if found:
                return gov  # the governing subject, or None where it is no single known person
            if same:
                # "X clarified that ... and that he considered": the person subject of the main clause
                # the sentence's first subject; a thing owned by a person ("Manafort's motivation remains
                # unclear: was he ...", "For Barr, Mueller's non-decision ... he'd take"): no answer
                first = next((t for t in tok.sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < tok.i), None)
                for e, c, _s in reversed(same):
                    if first is not None and e.start <= first.idx < e.end:
                        return c
                if first is not None and any(x.dep_ == "poss" for x in first.children):
                    return None
        if same and tok.dep_ not in SUBJECT_DEPS:
            subj = [x for x in same if x[2]]
            return (subj or same)[-1][1]
        for idx in range(sent_index - 1, base - 4, -1):
            sent_people = [(e, c, s) for e, c, s in people if e.sentence == idx]
            subj = [x for x in sent_people if x[2]]
            if subj:
                return subj[0][1]
            if self._person_noun_subject(idx):
                # "The shadow foreign secretary called ... / “...,” she said": the nearest subject is a
                # person the stage could not resolve; a person named further back is not the referent
                return None
            if sent_people:
                return sent_people[0][1]
        return people[-1][1]

    def quote_speakers(self, tok: Token) -> set[str]:
        """The refs of the speakers of the quotation holding ``tok`` (empty if ``tok`` is outside quotation
        marks of its paragraph): a person named right after the closing mark ('"...," Mr. X said'), a
        person subject outside the marks in the sentences the quotation spans ("X said: “...”"), and, for
        a quotation with neither, the speaker of the quotation closed before it in the previous lines
        ('“...,” says X. / “They are afraid ... he will leave”')."""
        text = self.doc.text
        para = text.rfind("\n", 0, tok.idx) + 1
        before = text[para : tok.idx]
        curly = before.count("\u201c") > before.count("\u201d")
        if not curly and before.count('"') % 2 == 0:
            return set()
        opening = text.rfind("\u201c", para, tok.idx) if curly else text.rfind('"', para, tok.idx)
        if text[max(para, opening - 6) : opening].rstrip().lower().endswith(" that"):
            return set()  # 'X told them that “he would do it again”': a fragment in reported speech
        closes = [i for i in (text.find("\u201d", tok.idx), text.find('"', tok.idx)) if i >= 0]
        close = min(closes) if closes else len(text)
        out = self._speakers_around(tok.doc, opening, close)
        if not out:
            prev_close = max(text.rfind("\u201d", 0, opening), text.rfind('"', 0, opening))
            if prev_close >= 0 and opening - prev_close < 600:
                prev_open = max(text.rfind("\u201c", 0, prev_close), text.rfind('"', 0, prev_close))
                out = self._speakers_around(tok.doc, max(prev_open, 0), prev_close)
        return out

    def _speakers_around(self, sdoc: Doc, opening: int, close: int) -> set[str]:
        out: set[str] = set()
        idx = _toks(sdoc).idx
        k = bisect_left(idx, close + 1)
        while k < len(sdoc) and sdoc[k].idx <= close + 40 and "\n" not in sdoc[k].text:
            t = sdoc[k]
            if t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_.rstrip(".") not in WORDS.honorifics:
                c = self.person_by_name(t.text)
                if c is not None:
                    out.add(c.ref)
                break
            k += 1
        from ..quotes import load_cues

        verbs = load_cues()[0]
        colon = self.doc.text[:opening].rstrip().endswith(":")
        sents = [s for s in self.doc.sentences if s.start <= close and s.end > opening]
        ids = {s.index for s in sents}
        for e, c, subj, _p in self.history:
            if c.kind != "person" or not subj or e.sentence not in ids or opening <= e.start <= close:
                continue
            span = sdoc.char_span(e.start, e.end, alignment_mode="expand")
            if span is None:
                continue
            verb = span.root.head
            # the reporting verb is next to the marks ("X said: “...”", "“...,” X told reporters"), not in
            # another clause of the sentence ("after Cohen told a committee that ...")
            near = close < verb.idx <= close + 60 or opening - 60 <= verb.idx < opening
            if near and verbs.get(verb.lemma_.lower()) in ("speech", "written"):
                out.add(c.ref)
            elif colon and e.start < verb.idx < opening and opening - 120 <= verb.idx:
                out.add(c.ref)  # "X sees only darkness in this: “...”": a quotation a colon introduces
        return out

    def _governing_subject(
        self, tok: Token, same: list[tuple[Entity, Candidate, bool]]
    ) -> tuple[bool, Candidate | None]:
        """A subject pronoun of a complement or adverbial clause refers to the person who is the subject
        of the clause governing it ("X signalled he might come", "X said he would", "When X landed, he
        said", "Comey, as he testified, refused"): climb the clause links from the pronoun's verb and look
        for a subject there (or in an adverbial clause of the pronoun's own verb that comes before the
        pronoun).  ``(True, person)`` where that subject is a person; ``(True, None)`` where it is two
        people ("X and Y met the president so he could sign": no single antecedent) or a person noun the
        stage could not resolve ("the chairman, who said he"); ``(False, None)`` where no clause says."""

        def subject_of(verb: Token) -> tuple[bool, Candidate | None]:
            for ch in verb.children:
                if ch.dep_ not in ("nsubj", "nsubjpass") or ch.i >= tok.i:
                    continue
                gender = WORDS.person_pronouns
                same_gender = gender.get(ch.lower_, "?") == gender.get(tok.lower_)
                if same_gender:
                    # "X said he thinks he can win": the governing pronoun's referent, or none
                    return True, self._pronoun_referent(ch)
                return self._subject_referent(ch, same)
            return False, None

        def told(verb: Token) -> tuple[bool, Candidate | None]:
            """ "X told Y that he had to act": the person told."""
            if verb.lemma_.lower() not in WORDS.tell_verbs:
                return False, None
            for ch in verb.children:
                if ch.dep_ in ("dobj", "dative") and ch.i < tok.i:
                    found, c = self._subject_referent(ch, same)
                    if found:
                        return found, c
            return False, None

        verb = tok.head
        for ch in verb.children:
            if ch.dep_ == "advcl" and ch.i < tok.i:
                found, c = subject_of(ch)
                if found:
                    return found, c
        node, steps = verb, 0
        clause_links = ("ccomp", "xcomp", "advcl", "conj", "relcl")
        while node.dep_ in clause_links and node.head.i != node.i and steps < 3:
            modifies_noun = node.head.pos_ in ("NOUN", "PROPN") and node.head.i < tok.i
            if node.dep_ in ("advcl", "relcl") and modifies_noun:
                # "Comey, as he testified, ...": the clause modifies the noun
                return self._subject_referent(node.head, same)
            if node.dep_ == "relcl":
                break
            node = node.head
            steps += 1
            found, c = told(node) if steps == 1 else (False, None)
            if not found:
                found, c = subject_of(node)
            if found:
                return found, c
        return False, None

    def _pronoun_referent(self, t: Token) -> Candidate | None:
        """The candidate a person pronoun already resolved to (None if it is unresolved)."""
        ent = next((e for e in self.entities if e.kind == "pronoun" and e.start == t.idx), None)
        if ent is None or ent.name is None:
            return None
        return next((c for _e, c, _s, _p in reversed(self.history) if c.ref == ent.ref), None)

    def _subject_referent(
        self, subj: Token, same: list[tuple[Entity, Candidate, bool]]
    ) -> tuple[bool, Candidate | None]:
        """What a subject noun says of a singular pronoun it governs: a person (found), two coordinated
        people or a person noun with no resolved person (found, None), or nothing (a thing, a state)."""
        if subj.lower_ in WORDS.person_pronouns:
            return False, None
        coordinated = any(ch.dep_ == "conj" for ch in subj.children) or subj.dep_ == "conj"
        if coordinated and any(e.start <= subj.idx < e.end for e, _c, _s in same):
            return True, None  # "Lighthizer and Mnuchin met the president so he could sign"
        toks = [subj, *(ch for ch in subj.children if ch.dep_ == "appos")]
        for e, c, _s in reversed(same):
            if any(e.start <= t.idx < e.end for t in toks):
                return True, c
        if self._person_noun(subj):
            return True, None
        return False, None

    def _person_noun(self, t: Token) -> bool:
        """``t`` heads a singular mention of a person the stage did not resolve to a person ("the
        committee's chairman", "Iran's foreign minister")."""
        if t.tag_ not in ("NN", "NNP"):
            return False
        for e, c, _s, _p in reversed(self.history):
            if e.sentence < 0 or not e.start <= t.idx < e.end:
                continue
            return c.kind != "person" and e.kind == "title" and c.sector is not None
        return False

    def _person_noun_subject(self, sent_index: int) -> bool:
        """Sentence ``sent_index`` has a singular subject noun that is a person the stage did not resolve."""
        return any(
            e.sentence == sent_index
            and subj
            and not plural
            and c.kind != "person"
            and e.kind == "title"
            and c.sector is not None
            for e, c, subj, plural in self.history
        )

    def _syntax_blocks(self, tok: Token) -> tuple[Candidate | None] | None:
        """What the sentence's syntax says of a possessive or object pronoun before any search:
        "X and his Y" -> X; "Iran's foreign minister ... talks with his counterpart": the clause's subject
        is a person the stage could not resolve, so the pronoun's referent is unknown (no answer, not a
        person named earlier).  None where the syntax does not decide."""
        if tok.dep_ in SUBJECT_DEPS:
            return None
        noun = tok.head
        if tok.dep_ == "poss" and noun.dep_ == "conj" and noun.head.i < tok.i:
            for e, c, _s, _p in reversed(self.history):
                if e.start <= noun.head.idx < e.end:
                    if c.kind == "person":
                        return (c,)
                    break
            if self._person_noun(noun.head):
                return (None,)
        verb = tok.head
        steps = 0
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 6:
            verb = verb.head
            steps += 1
        if not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children) and verb.dep_ in (
            "advcl", "xcomp", "pcomp", "acl",
        ):  # fmt: skip
            verb = verb.head  # "a president can obstruct justice while exercising his powers"
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
        for ch in verb.children:
            inside = ch.left_edge.i <= tok.i <= ch.right_edge.i
            if ch.dep_ not in ("nsubj", "nsubjpass") or ch.i >= tok.i or inside:
                continue  # ("Irina, his sister, wore": a pronoun inside the subject is not the subject)
            # "their leader, Jo Swinson, lost her seat": the subject's apposition; "Trump's way of showing
            # his affection is guided by his desire": the possessor of a subject that is no person
            appos = [x for x in ch.children if x.dep_ == "appos"]
            person = self._person_at([ch, *appos]) if tok.dep_ == "poss" else None
            if person is not None:
                return (person,)  # (an object pronoun is no subject of its verb: see ``_bound_tokens``)
            if self._person_noun(ch):
                return (None,)
            owner = self._person_at([x for x in ch.children if x.dep_ == "poss"])
            if owner is not None and ch.pos_ == "NOUN":
                return (owner,)
        return None

    def _person_at(self, toks: list[Token]) -> Candidate | None:
        """The person of a history mention covering one of ``toks``."""
        for e, c, _s, _p in reversed(self.history):
            if c.kind == "person" and any(e.start <= t.idx < e.end for t in toks):
                return c
        return None

    def pasted(self, ante_sent: int, sent_index: int) -> bool:
        """A mention in boilerplate (a pasted headline) is no antecedent for story text."""
        sents = self.doc.sentences
        if not (0 <= ante_sent < len(sents)) or ante_sent == sent_index:
            return False
        own = sents[sent_index].boilerplate if 0 <= sent_index < len(sents) else None
        return own is None and sents[ante_sent].boilerplate is not None

    def antecedent_collective(
        self, sent_index: int, plural: bool, possessive: bool = False, tok: Token | None = None
    ) -> Candidate | None:
        """it/its/they/their/them: a state, organisation or group; "its"/"their" only from the same sentence,
        "it"/"they"/"them" only from a subject of this or the previous sentence (else no antecedent: a
        thing named in between is the likelier referent).  With ``tok`` (it/its), an antecedent in the
        same sentence must be the subject of the pronoun's clause or of a clause governing it ("Turkey
        said its troops ...", "Iran has ties to Iraq, and its influence grew": Iran) or the noun "its" is
        coordinated with ("the EU and its members"): "the visit at its core", "EU membership ... its
        choices" are things."""
        support = _clause_subjects(tok) if tok is not None else None
        for ent, c, s, p in reversed(self.history):
            if ent.sentence < sent_index - (0 if possessive else 1):
                break
            if (
                support is not None
                and ent.sentence == sent_index
                and not any(ent.start <= t.idx < ent.end for t in support)
            ):
                continue
            if not possessive and not s:
                continue
            if self.pasted(ent.sentence, sent_index):
                continue
            if c.kind == "person" or ent.kind == "pronoun":
                continue
            if plural and not p and c.kind != "org":
                continue
            if (not plural and (p or c.kind not in ("state", "org"))) or c.sector is None:
                continue
            return c
        return None


_RESOLVER: ActorResolver | None = None


def resolver() -> ActorResolver:
    global _RESOLVER
    if _RESOLVER is None:
        _RESOLVER = ActorResolver()
    return _RESOLVER


def _first_word(text: str, start: int, end: int) -> tuple[str, int] | None:
    """``(word, cut)``: every slice ``text[start:e]`` with ``e > cut`` has a ``norm`` key whose first
    word is ``word``.  ``cut`` is the first whitespace in ``text[start:end]``; it must be ASCII.
    Normalising works character by character and a whitespace character is a starter that nothing
    reorders across, so the key's first word is ``norm`` of the text before ``cut``, provided that
    is one non-empty word.  None when there is no such word."""
    m = _WS.search(text, start, end)
    if m is None or m.start() == start:
        return None
    cut = m.start()
    if not text[cut].isascii():
        return None
    word = text[start:cut]
    if word.isascii():
        return word.lower(), cut
    word = norm(word)
    if not word or " " in word:
        return None
    return word, cut


def _next_word(text: str, cut: int, end: int) -> tuple[str, int] | None:
    """``_first_word`` of the word after the ASCII whitespace run at ``cut`` (the word after "the")."""
    m = _NON_WS.search(text, cut, end)
    if m is None or not text[cut : m.start()].isascii():
        return None
    return _first_word(text, m.start(), end)


def _span_ents(ents: list[Span], starts: list[int], start: int, end: int) -> list[Span]:
    """``Span.ents`` from the document's entities (sorted, non-overlapping): those starting at or after
    ``start``, up to the first that ends after ``end``."""
    out = []
    for k in range(bisect_left(starts, start), len(ents)):
        if ents[k].end > end:
            break
        out.append(ents[k])
    return out


class _Toks:
    """Token attributes as plain lists, read once per parse (each spaCy attribute access builds a Token)."""

    __slots__ = ("ent_type", "idx", "is_punct", "lemma_low", "lower", "orth", "pos", "tag", "text")

    def __init__(self, sdoc: Doc) -> None:
        from spacy.attrs import ENT_TYPE, IDX, IS_PUNCT, LEMMA, LOWER, ORTH, POS, TAG

        self.text = _text_of(sdoc)
        strings = sdoc.vocab.strings
        cols = sdoc.to_array([IDX, ORTH, POS, TAG, LEMMA, LOWER, IS_PUNCT, ENT_TYPE]).T.tolist()
        self.idx = cols[0]
        self.orth = [strings[h] for h in cols[1]]
        self.pos = [strings[h] for h in cols[2]]
        self.tag = [strings[h] for h in cols[3]]
        self.lemma_low = [strings[h].lower() for h in cols[4]]
        self.lower = [strings[h] for h in cols[5]]
        self.is_punct = [bool(v) for v in cols[6]]
        self.ent_type = [strings[h] for h in cols[7]]


def _toks(sdoc: Doc) -> _Toks:
    tk = sdoc.user_data.get("eventwire_toks")
    if tk is None:
        tk = _Toks(sdoc)
        sdoc.user_data["eventwire_toks"] = tk
    return tk


def _text_of(sdoc: Doc) -> str:
    """The parse's text, computed once (spaCy's ``Doc.text`` joins every token on each call)."""
    text = sdoc.user_data.get("eventwire_text")
    if text is None:
        text = sdoc.text
        sdoc.user_data["eventwire_text"] = text
    return text


def _expletive(tok: Token) -> bool:
    """'it' in "it is unclear whether", "it seems that", "it took two days to"."""
    verb = tok.head
    if verb.lemma_ not in WORDS.expletive_verbs:
        return False
    for t in tok.doc[verb.i + 1 : min(len(tok.doc), verb.i + 6)]:
        if t.lower_ in WORDS.expletive_complements:
            return True
        if t.is_punct:
            break
    return any(c.dep_ in ("ccomp", "csubj") for c in verb.children)
