"""What the actors stage remembers while walking one article: the entities so far, the history of
resolved mentions (the antecedents), the names and genders of the people named, the ships and states the
article names.  The searches over it (pronouns, quote speakers) are in ``antecedents.py``,
``pronouns.py`` and ``speakers.py``."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..model import Document, Entity
from .items import trim_person
from .kb import Candidate, KnowledgeBase, norm
from .tokens import SUBJECT_DEPS
from .words import load_words

WORDS = load_words()
#: a ship's name after its prefix ("USS John S. McCain")
_SHIP = re.compile(
    r"\b(?:" + "|".join(sorted(WORDS.ship_prefixes)) + r")\s+((?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w-]*)"
)

#: a resolved mention: (entity, candidate, is_subject, is_plural)
Record = tuple[Entity, Candidate, bool, bool]


class DocState:
    """What the resolver remembers while walking one article."""

    def __init__(self, doc: Document, day: str) -> None:
        self.doc = doc
        self.day = day
        self.entities: list[Entity] = []
        # (entity, candidate, is_subject, is_plural)
        self.history: list[Record] = []
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

    # ------------------------------------------------------------------ the article

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
            names = [trim_person(sdoc, e) for e in ents if e.label_ == "PERSON"] if sdoc else []
            full = [e for e in names if e is not None and len(e) > 1]
            self._names = [e for e in full if e[-1].lower_ not in WORDS.not_name_words]
            self._surnames = {e[-1].text for e in self._names}
        return self._surnames

    def local_ref(self, text: str) -> str:
        return f"local:{norm(text)}"

    def pasted(self, ante_sent: int, sent_index: int) -> bool:
        """A mention in boilerplate (a pasted headline) is no antecedent for story text."""
        sents = self.doc.sentences
        if not (0 <= ante_sent < len(sents)) or ante_sent == sent_index:
            return False
        own = sents[sent_index].boilerplate if 0 <= sent_index < len(sents) else None
        return own is None and sents[ante_sent].boilerplate is not None

    # ------------------------------------------------------------------ remembering a mention

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

    # ------------------------------------------------------------------ what was said before

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

    def pronoun_referent(self, t: Token) -> Candidate | None:
        """The candidate a person pronoun already resolved to (None if it is unresolved)."""
        ent = next((e for e in self.entities if e.kind == "pronoun" and e.start == t.idx), None)
        if ent is None or ent.name is None:
            return None
        return next((c for _e, c, _s, _p in reversed(self.history) if c.ref == ent.ref), None)

    def person_at(self, toks: list[Token]) -> Candidate | None:
        """The person of a history mention covering one of ``toks``."""
        for e, c, _s, _p in reversed(self.history):
            if c.kind == "person" and any(e.start <= t.idx < e.end for t in toks):
                return c
        return None

    def person_noun(self, t: Token) -> bool:
        """``t`` heads a singular mention of a person the stage did not resolve to a person ("the
        committee's chairman", "Iran's foreign minister")."""
        if t.tag_ not in ("NN", "NNP"):
            return False
        for e, c, _s, _p in reversed(self.history):
            if e.sentence < 0 or not e.start <= t.idx < e.end:
                continue
            return c.kind != "person" and e.kind == "title" and c.sector is not None
        return False

    def person_noun_subject(self, sent_index: int) -> bool:
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
