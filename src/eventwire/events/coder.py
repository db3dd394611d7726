"""Rule-based PLOVER event coder over the spaCy parse.

For each story sentence: find trigger words (verbs and event nouns from the lexicon), combine
them with the verbs that govern them (light verbs, verbs that turn an event into another,
control verbs such as "agreed to" / "threatened to" / "called for"), read the actor and
recipient from the parse, set auxiliary modes (future / hypothetical / negated) and apply the
PLOVER manual's reductions (future cooperation -> AGREE, announced retreat -> CONCEDE, refused
cooperation -> REJECT).  Nothing matched -> nothing emitted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..model import Document, Entity, Event, Place, Timex
from ..nlp import governed_by
from ..nlp.forms import lemma_candidates
from .lexicon import DATA, Cond, Entry, Lexicon, inner_matches, load

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "AGREE"})
CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "PROTEST"})
#: events whose verbs govern another event (the inner event sets their mode and is not coded apart)
CONTROL = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN"})
#: material conflict: announced by its actor for the future it is a threat (manual, "Auxiliary modes")
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
NO_ENTRY = Entry("", "N", "", None, "", None, 0.0, Cond())
MATERIAL_KINDS = frozenset(
    {"financial", "economic", "military", "material", "humanitarian", "logistical", "logistic", "technical"}
)
TOPIC_PREPS = frozenset({"about", "over", "of", "on", "for", "at", "regarding"})
CALL_VERBS = frozenset({"call", "phone", "telephone", "ring"})
#: verbal events that can be the purpose of a phone call ("called X to congratulate him")
PURPOSE_EVENTS = frozenset({"SUPPORT", "CONCEDE", "AGREE", "REQUEST", "ACCUSE", "THREATEN", "REJECT"})
ORDER_VERBS = frozenset({"order", "command", "direct", "instruct"})
#: READY words that report someone else's expectation ("is expected to meet"), not the actor's intent
EXPECTATION = frozenset({"expected", "likely", "due", "set", "about", "poised", "scheduled", "slated"})
SPEECH = frozenset(
    {
        "say",
        "tell",
        "state",
        "add",
        "note",
        "report",
        "write",
        "claim",
        "announce",
        "declare",
        "insist",
        "stress",
        "emphasise",
        "emphasize",
        "explain",
        "believe",
        "think",
        "confirm",
    }
)
SUBJ = ("nsubj", "csubj")
NEG_WORDS = frozenset({"not", "n't", "never", "no"})
FUTURE_AMOD = frozenset(
    {
        "planned",
        "proposed",
        "future",
        "upcoming",
        "expected",
        "scheduled",
        "forthcoming",
        "prospective",
        "next",
    }
)
HYPO_AMOD = frozenset({"possible", "potential", "likely", "hypothetical", "would-be"})
NOUN_SUBJ_OF = frozenset(
    {
        "kill",
        "injure",
        "wound",
        "hit",
        "target",
        "destroy",
        "damage",
        "claim",
        "rock",
        "begin",
        "start",
        "erupt",
        "break",
        "resume",
        "occur",
        "happen",
        "take",
    }
)
DEFAULT_PREPS = frozenset({"against", "on", "with", "to", "at", "upon", "toward", "towards", "into"})
EVENT_PREPS: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"with", "to"}),
    "AGREE": frozenset({"with", "to"}),
    "SUPPORT": frozenset({"to", "for", "with"}),
    "COOPERATE": frozenset({"with"}),
    "AID": frozenset({"to", "for"}),
    "REQUEST": frozenset({"to", "on", "upon"}),
    "ASSAULT": frozenset({"on", "against", "at", "upon", "into", "toward", "towards"}),
    "PROTEST": frozenset({"against", "outside"}),
    "SANCTION": frozenset({"on", "against", "to"}),
    "ACCUSE": frozenset({"against", "on", "over"}),
    "THREATEN": frozenset({"against", "with", "to"}),
    "REJECT": frozenset({"with", "to", "from"}),
    # "withdrew its troops from X", "returned the artefacts to X", "lifted restrictions on X"
    "RETREAT": frozenset({"from", "to", "on", "against"}),
    "CONCEDE": frozenset({"on", "against", "to", "with", "for"}),
}
NOUN_ACTOR_PREPS = frozenset({"by", "from"})
WITH = frozenset({"with"})
#: event nouns that can be received from their actor ("received aid / assurances / an apology from X")
RECEIVED_EVENTS = frozenset({"AID", "AGREE", "CONCEDE"})
#: nouns of asking whose infinitive is the content asked for ("pressure from X to help Y")
REQUEST_NOUNS = frozenset({"request", "appeal", "demand", "plea", "call", "pressure", "ultimatum", "urging"})
#: purpose verbs of a transfer of aid ("sent aid to support X")
AID_PURPOSE = frozenset({"support", "help", "assist", "aid"})
TO = frozenset({"to"})
#: military exercise nouns (CAMEO 152): joint ones are COOPERATE 062
EXERCISES = frozenset({"exercise", "drill", "maneuver", "manoeuvre", "game", "wargame"})
#: prepositions introducing an event noun's object ("the blockade of X", "an inquiry into X")
NOUN_OBJECT_PREPS = frozenset({"of", "into"})
#: GeoNames feature codes from the most specific (a town) to the least (a continent)
PLACE_SPECIFICITY = {"PPL": 0, "PPLC": 0, "ADM2": 1, "ADM1": 2, "TERR": 2, "PCLI": 3, "RGN": 4, "CONT": 5}
#: dependency links from a clause to the clause it belongs to ("gathered ... to protest")
#: events whose direct object, when it is a place, is where they happen ("shelled X", "visited X")
OBJECT_LOCATES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "CONSULT", "AID"})
#: first-person singular pronouns: inside a direct quotation they are its speaker
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
CLAUSE_LINKS = frozenset({"xcomp", "advcl", "conj", "ccomp", "acl", "relcl", "pcomp"})
MULTI_ACTOR_PREPS = frozenset({"between", "among", "amongst"})
WH = frozenset({"WDT", "WP"})
TIME_WORDS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "week",
        "month",
        "year",
        "day",
        "night",
        "morning",
        "evening",
        "weekend",
    }
)
#: words before an adverbial "before" ("days before", "shortly before"), not a clause marker
BEFORE_ADVERBS = TIME_WORDS | {"hour", "minute", "shortly", "just", "long", "moment"}
CONTAINER_NOUNS = frozenset(
    {
        "round",
        "series",
        "wave",
        "spate",
        "string",
        "number",
        "set",
        "package",
        "batch",
        "resumption",
        "continuation",
        "text",
        "draft",
        "terms",
        "day",
        "days",
        "week",
        "weeks",
        "state",
    }
)
#: generic heads whose event is named by a modifier ("a mediation effort", "an aid package", "peacekeeping
#: operations"): the modifier is the trigger, the head carries the arguments
GENERIC_HEADS = frozenset(
    {
        "effort",
        "bid",
        "attempt",
        "initiative",
        "process",
        "mission",
        "operation",
        "campaign",
        "programme",
        "program",
        "package",
        "plan",
        "force",
        "warrant",
    }
)
NO_COMMENT = frozenset(
    {
        "comment",
        "elaborate",
        "confirm",
        "say",
        "speak",
        "respond",
        "answer",
        "disclose",
        "reveal",
        "specify",
        "identify",
        "name",
        "discuss",
        "detail",
    }
)
VIOLENCE_CUES = frozenset(
    {
        "killed",
        "kill",
        "killing",
        "dead",
        "wounded",
        "injured",
        "bomb",
        "bombs",
        "gun",
        "guns",
        "troops",
        "soldiers",
        "militants",
        "fighters",
        "weapons",
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "shot",
        "stabbed",
        "armed",
        "gunmen",
        "police",
        "army",
        "forces",
        "drone",
        "drones",
        "casualties",
        "explosion",
        "village",
        "base",
        "convoy",
    }
)
READY = frozenset(
    {
        "going",
        "willing",
        "ready",
        "prepared",
        "eager",
        "determined",
        "keen",
        "poised",
        "due",
        "set",
        "likely",
        "expected",
        "about",
    }
)
MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
#: "(NSC)", "( PML - Q )": a short form in parentheses right after a name
PAREN_ABBR = re.compile(r"[ \t]*\([ \t]*[A-Z][A-Za-z.&\- ]{0,24}?[ \t]*\)")
PAREN_TAIL = re.compile(r"[A-Za-z.&\- ]{0,24}?[ \t]*\)")
DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
COARSE = re.compile(r"^\d{4}(-(W\d{2}|\d{2}|Q\d|SP|SU|FA|WI|H\d))?$")


@dataclass
class Cand:
    tokens: list[Token]  # trigger tokens (first = head of the clause)
    event: str
    mode: list[str]
    cameo: str
    context: set[str]
    conf: float
    clause: Token  # token whose clause the event lives in (verb or noun)
    actor_heads: list[Token] = field(default_factory=list)
    recipient_heads: list[Token] = field(default_factory=list)
    actor_reciprocal: bool = False
    aux: list[str] = field(default_factory=list)
    nominal: bool = False
    extra: list[Token] = field(default_factory=list)  # further tokens inside the evidence span
    inner: Cand | None = None
    #: a reporting verb ("conveyed the results of the talks to X"): events named inside its object
    #: are what it reports on, not events of their own
    reports: bool = False


_KNOWN: set[str] = set()
_NONAGENTS: set[str] = set()


def nonagents() -> set[str]:
    """Lemmas of nouns that are never a political actor (``data/events/nonagents.txt``)."""
    if not _NONAGENTS:
        for line in (DATA / "nonagents.txt").read_text(encoding="utf-8").splitlines():
            w = line.split("#", 1)[0].strip().lower()
            if w:
                _NONAGENTS.add(w)
    return _NONAGENTS


def lower_lemma(t: Token) -> str:
    lemma = t.lemma_.lower()
    if lemma in _KNOWN or not _KNOWN:
        return lemma
    for cand in lemma_candidates(t.lower_):
        if cand in _KNOWN:
            return cand
    return lemma


def dobj(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


def passive_subj(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ in ("nsubjpass", "csubjpass"):
            return c
    return None


def prep_objects(t: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of ``t``'s prepositions in ``preps``; never a time ("on Monday", "in March")."""
    out = []
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out.extend(
                p
                for p in c.children
                if p.dep_ in ("pobj", "pcomp")
                and p.pos_ != "VERB"
                and not (p.ent_type_ in ("DATE", "TIME") and time_like(p))
                and p.lower_ not in TIME_WORDS
            )
    return out


def has_prep(t: Token, preps: frozenset[str]) -> bool:
    return any(
        c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps and not time_phrase(c) for c in t.children
    )


def to_clause(x: Token) -> bool:
    """An infinitival clause the parser hung as an adverbial ("asked X to end ...", "called on Friday for X
    to stay")."""
    marks = {a.lower_ for a in x.children if a.dep_ in ("aux", "mark")}
    return x.dep_ == "advcl" and bool(marks & {"to", "for"})


def time_phrase(prep: Token) -> bool:
    """A prepositional phrase that is a date ("on Saturday", "in May"): no argument of a trigger frame."""
    objs = [p for p in prep.children if p.dep_ == "pobj"]
    return bool(objs) and all(p.ent_type_ in ("DATE", "TIME") or p.lower_ in TIME_WORDS for p in objs)


def particles(t: Token) -> set[str]:
    return {c.lower_ for c in t.children if c.dep_ == "prt"} | {
        c.lower_ for c in t.children if c.dep_ in ("advmod", "prep") and c.i == t.i + 1
    }


class Coder:
    def __init__(self, lex: Lexicon | None = None) -> None:
        self.lex = lex or load()
        if not _KNOWN:
            lx = self.lex
            _KNOWN.update(k[0] for k in lx.triggers)
            _KNOWN.update(
                lx.light | lx.transfer | lx.third | lx.future | lx.hypothetical | lx.negated | lx.objctl
            )
            for turn in lx.turns:
                _KNOWN.update(turn.verbs)

    # ------------------------------------------------------------------ trigger matching
    def match(self, t: Token, pos: str) -> Entry | None:
        lemma = lower_lemma(t)
        if pos == "N" and lemma == "fire" and any(c.lower_ == "cease" for c in t.lefts):
            lemma = "ceasefire"  # "cease-fire" split by the tokenizer
        if pos == "N" and t.lower_ in ("talks", "sanctions", "arms", "forces", "relations", "ties"):
            lemma = {"talks": "talk", "sanctions": "sanction"}.get(t.lower_, lemma)
        for e in self.lex.entries(lemma, pos):
            if self.cond_ok(e, t):
                return e
        return None

    def names_meeting(self, t: Token) -> bool:
        """``t`` is a noun for a meeting ("the summit", "talks"), never a party to one."""
        if t.pos_ != "NOUN":
            return False
        entry = self.match(t, "N")
        return entry is not None and entry.event == "CONSULT"

    def object_of(self, t: Token) -> Token | None:
        return dobj(t) or passive_subj(t)

    def subject_token(self, t: Token) -> Token | None:
        for c in t.children:
            if c.dep_ in SUBJ:
                return c
        return None

    def cond_ok(self, e: Entry, t: Token) -> bool:
        c = e.cond
        obj = self.object_of(t) if e.pos == "V" else None
        obj_lemmas: set[str] = set()
        if obj is not None:
            obj_lemmas = {obj.lower_, lower_lemma(obj)}
            obj_lemmas |= {x.lower_ for x in obj.children if x.dep_ == "compound"}
            obj_lemmas |= {lower_lemma(x) for x in obj.conjuncts}  # "fired 122mm and 82mm mortars"
            if lower_lemma(obj) in CONTAINER_NOUNS:
                # "lifted the state of emergency": the object named inside the container
                obj_lemmas |= {lower_lemma(po) for po in prep_objects(obj, frozenset({"of"}))}
        elif e.pos == "V":
            # "withdraw from the treaty", "walked out of talks"
            for p in t.children:
                if p.dep_ == "prep":
                    for po in p.children:
                        if po.dep_ == "pobj":
                            obj_lemmas |= {po.lower_, lower_lemma(po)}
        if c.obj is not None and not (obj_lemmas & c.obj):
            return False
        if c.noobj is not None and obj_lemmas & c.noobj:
            return False
        if c.prep is not None and not has_prep(t, c.prep):
            return False
        if c.prt is not None and not (particles(t) & c.prt):
            return False
        if c.intrans and dobj(t) is not None:
            return False
        if c.trans and self.object_of(t) is None:  # "was returned by X": the passive subject is the object
            return False
        if c.nocomp and (
            any(x.dep_ in ("xcomp",) for x in t.children) or has_prep(t, frozenset({"on", "to", "upon"}))
        ):
            return False
        if c.kid is not None and not any(
            x.lower_ in c.kid
            # "let free activists": the word after the verb misparsed as a modifier of the object
            or (
                x.dep_ == "dobj"
                and any(m.dep_ == "amod" and m.i == t.i + 1 and m.lower_ in c.kid for m in x.children)
            )
            for x in t.children
        ):
            return False
        if c.dep is not None and not any(x.dep_ in c.dep for x in t.children):
            return False
        if c.dep and "oprd" in c.dep and any(x.dep_ == "oprd" and x.pos_ == "PROPN" for x in t.children):
            return False  # "called President X to ...": a misparsed object, not "called X a liar"
        if c.nokid is not None and any(x.lower_ in c.nokid for x in t.children):
            return False
        if c.nodep is not None and any(x.dep_ in c.nodep for x in t.children):
            return False
        if c.head is not None:
            h = t.head.head if t.dep_ == "pobj" else t.head  # "a state of siege": through the preposition
            if h is t or lower_lemma(h) not in c.head:
                return False
        if c.comp and not (
            any(x.dep_ in ("xcomp", "ccomp") or to_clause(x) for x in t.children)
            or has_prep(t, frozenset({"for", "on", "upon"}))
        ):
            return False
        if c.pobj is not None and not self.pobj_match(t, c.pobj):
            return False
        if c.toent and not self.to_entities(t):
            return False
        if c.objent:
            o = dobj(t)
            if o is None or not (
                o.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") or o.pos_ == "PROPN" or self._is_entity(o)
            ):
                return False
        if c.subj is not None or c.nosubj is not None:
            s = self.subject_token(t)
            sl = {s.lower_, lower_lemma(s)} if s is not None else set()
            if s is not None:
                sl |= {x.lower_ for x in s.children if x.dep_ in ("compound", "amod")}
                # "thousands of teachers", "units of peacekeeping troops"
                for x in prep_objects(s, frozenset({"of"})):
                    sl |= {lower_lemma(x)} | {m.lower_ for m in x.children if m.dep_ in ("compound", "amod")}
            if c.subj is not None and not (sl & c.subj):
                return False
            if c.nosubj is not None and sl & c.nosubj:
                return False
        return True

    @staticmethod
    def pobj_match(t: Token, lemmas: frozenset[str]) -> list[Token]:
        """Objects of ``t``'s prepositions named by one of ``lemmas`` (or with such a modifier)."""
        out = []
        for p in t.children:
            if p.dep_ != "prep":
                continue
            for po in p.children:
                if po.dep_ != "pobj":
                    continue
                words = {po.lower_, lower_lemma(po)}
                words |= {m.lower_ for m in po.children if m.dep_ in ("amod", "compound")}
                if words & lemmas:
                    out.append(po)
        return out

    def _is_entity(self, t: Token) -> bool:
        return t.i in self._ent_at

    def is_locality(self, t: Token) -> bool:
        """A town, district or region named as a location ("attacked a convoy at X"), not a country."""
        return any(
            p.role == "place" and p.start <= t.idx < p.end and not (p.feature_code or "").startswith("PCL")
            for p in self.doc.places
        )

    def _is_place(self, t: Token) -> bool:
        """A mention the geo stage reads as a location (not a capital used as an actor)."""
        return (
            any(p.role == "place" and p.start <= t.idx < p.end for p in self.doc.places)
            and t.ent_type_ != "NORP"
        )

    # ------------------------------------------------------------------ per document
    def code(self, doc: Document) -> list[Event]:
        sdoc = doc.spacy
        assert sdoc is not None
        self.doc = doc
        self._ent_at: dict[int, Entity] = {}
        for ent in sorted(doc.entities, key=lambda e: e.end - e.start):
            span = sdoc.char_span(ent.start, ent.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self._ent_at.setdefault(tok.i, ent)
        # several records on one span ("both leaders" -> two people): all of them are the argument
        self._group: dict[tuple[int, int], list[Entity]] = {}
        for ent in doc.entities:
            self._group.setdefault((ent.start, ent.end), []).append(ent)
        # the dateline ("LISBON, March 4 -") is never an argument, even where the parser makes it a subject
        self._dateline = [(p.start, p.end) for p in doc.places if p.from_dateline]
        events: list[Event] = []
        for s in doc.sentences:
            if s.boilerplate is not None:
                continue
            span = sdoc.char_span(s.start, s.end, alignment_mode="expand")
            if span is None or len(span) < 3:
                continue
            for cand in self.sentence(span):
                ev = self.finish(cand, s.index, span)
                if ev is not None:
                    events.append(ev)
        events.sort(key=lambda e: (e.start, e.trigger_start or 0))
        # a bare later mention of an event already coded ("the conversation ... took place") is the same event
        kept: list[Event] = []
        for ev in events:
            if (
                not ev.actor
                and not ev.recipient
                and any(
                    k.event == ev.event
                    and (k.trigger or "").lower().split()[-1:] == (ev.trigger or "").lower().split()[-1:]
                    for k in kept
                )
            ):
                continue
            kept.append(ev)
        events = kept
        for n, ev in enumerate(events, 1):
            ev.id = f"{doc.article.id}:e{n}"
        return events

    # ------------------------------------------------------------------ per sentence
    def sentence(self, sent: Span) -> list[Cand]:
        cands: dict[int, Cand] = {}
        consumed: set[int] = set()
        # verbs first, so that they can consume the nouns they govern
        for t in sent:
            if t.pos_ in ("VERB", "AUX") or self.verb_like(t):
                c = self.verb(t, consumed)
                if c is not None:
                    cands[t.i] = c
        for t in sent:
            if t.i in consumed or t.i in cands:
                continue
            if (t.pos_ in ("NOUN", "PROPN") and t.is_lower) or t.pos_ == "NOUN":
                c = self.noun(t)
                if c is not None:
                    cands[t.i] = c
                    consumed.update(x.i for x in c.tokens[1:])  # "suspension of aid": the inner noun
        # control verbs absorb the event clause they govern
        for i, c in sorted(cands.items()):
            if c.event not in CONTROL and c.event != "ACCUSE":
                continue
            head = c.clause
            for ch in head.children:
                target = None
                if ch.dep_ in ("xcomp", "ccomp") and ch.i in cands:
                    target = ch
                elif c.event == "REQUEST" and ch.i in cands and to_clause(ch):
                    target = ch  # "called on X to crack down": the infinitive is what is asked for
                elif ch.dep_ == "prep" and ch.lower_ in ("of", "for", "to", "on", "over", "from", "against"):
                    for p in ch.children:
                        if p.dep_ in ("pcomp", "pobj") and p.i in cands:
                            target = p
                if target is None or target.i == i:
                    continue
                inner = cands[target.i]
                if (
                    c.event == "ACCUSE"
                    and ch.dep_ == "ccomp"
                    and lower_lemma(head) not in ("accuse", "allege", "blame", "charge")
                ):
                    continue
                self.absorb(c, inner)
                consumed.add(target.i)
        for c in list(cands.values()):
            o = dobj(c.clause) if c.reports else None
            if o is None:
                continue
            for x in o.subtree:
                if x.i in cands and cands[x.i] is not c and cands[x.i].nominal:
                    consumed.add(x.i)
        self.requested(sent, cands, consumed)
        self.aid_purpose(sent, cands, consumed)
        self.call_purpose(sent, cands, consumed)
        self.not_asserted(sent, cands, consumed)
        for c in cands.values():
            if c.event == "ACCUSE" and c.cameo == "116" and any(
                x.i in cands and cands[x.i].event == "COERCE" and "arrest" in cands[x.i].mode
                for x in c.clause.conjuncts
            ):
                # convicted and sentenced to prison: COERCE arrest (manual, SANCTION ambiguities)
                c.event, c.cameo, c.mode = "COERCE", "173", ["arrest"]
        self.demands(sent, cands, consumed)
        out = [c for i, c in sorted(cands.items()) if i not in consumed]
        return out

    def not_asserted(self, sent: Span, cands: dict[int, Cand], consumed: set[int]) -> None:
        """Events the sentence does not report as happening: the topic of a comment or feeling ("expressed
        concern about the escalation of hostilities", "is skeptical of the announcement that it had opened
        corridors", "hoped for more talks"; CAMEO 01 statements), and the content of an accusation that is
        reported, not asserted ("denied charges that it tortured the priest")."""
        topic = self.lex.topic
        for t in sent:
            if lower_lemma(t) in topic or t.lower_ in topic:
                roots = [
                    ch
                    for ch in t.children
                    if ch.dep_ in ("ccomp", "xcomp", "acl")
                    or (ch.dep_ == "prep" and ch.lower_ in TOPIC_PREPS)
                ]
            elif t.pos_ == "NOUN" and (self.match(t, "N") or NO_ENTRY).event == "ACCUSE":
                # the content clause, on the noun or on a noun inside its phrase ("charges by X that ...")
                roots = [
                    ch
                    for n in t.subtree
                    if n.pos_ in ("NOUN", "PROPN") and (n is t or n.dep_ == "pobj")
                    for ch in n.children
                    if ch.pos_ in ("VERB", "AUX") and self.content_clause(ch)
                ]
            else:
                continue
            for r in roots:
                for x in r.subtree:
                    if x.i in cands and x.i != t.i:
                        consumed.add(x.i)

    @staticmethod
    def content_clause(ch: Token) -> bool:
        """A noun's complement clause ("the allegation that he ..."), not a relative clause ("the allegation
        that reached the court": there "that" is the subject, not a marker)."""
        marked = any(m.dep_ == "mark" for m in ch.children)
        return ch.dep_ in ("acl", "ccomp") or (ch.dep_ == "relcl" and marked)

    def requested(self, sent: Span, cands: dict[int, Cand], consumed: set[int]) -> None:
        """ "a request / an appeal / pressure from X to step down": the infinitive is what is asked for, not
        an event that happened (the request itself is coded where its verb or noun is a trigger)."""
        for t in sent:
            if t.pos_ != "NOUN":
                continue
            entry = self.match(t, "N")
            if lower_lemma(t) not in REQUEST_NOUNS and (entry is None or entry.event != "REQUEST"):
                continue
            for ch in t.children:
                if (
                    ch.dep_ in ("acl", "relcl")
                    and ch.i in cands
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
                ):
                    consumed.add(ch.i)

    def aid_purpose(self, sent: Span, cands: dict[int, Cand], consumed: set[int]) -> None:
        """ "X provided $2 billion in aid to support / help Y": the purpose names who the aid goes to; the
        support is the aid itself, not a separate (verbal) SUPPORT event."""
        for i, c in list(cands.items()):
            if c.event != "AID" or i in consumed or c.clause.pos_ not in ("VERB", "AUX"):
                continue
            for ch in c.clause.children:
                p = cands.get(ch.i)
                if (
                    p is None
                    or ch.i in consumed
                    or ch.dep_ not in ("advcl", "xcomp")
                    or p.event not in ("SUPPORT", "AID")
                    or lower_lemma(ch) not in AID_PURPOSE
                    or not any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
                ):
                    continue
                if not c.recipient_heads:
                    c.recipient_heads = p.recipient_heads
                if p.event == "SUPPORT":
                    c.extra.append(ch)
                    consumed.add(ch.i)
                break

    def call_purpose(self, sent: Span, cands: dict[int, Cand], consumed: set[int]) -> None:
        """ "X called Y to congratulate him / to express support": the call's purpose is the event, on the
        call's dyad (the phone call is its medium, as a letter or a statement would be)."""
        for t in sent:
            own = cands.get(t.i)
            if lower_lemma(t) not in CALL_VERBS or t.i in consumed:
                continue
            if own is not None and own.event != "CONSULT":
                continue
            for ch in t.children:
                p = cands.get(ch.i)
                if (
                    p is None
                    or ch.i in consumed
                    or ch.dep_ not in ("advcl", "xcomp")
                    or p.event not in PURPOSE_EVENTS
                    or not any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
                ):
                    continue
                callee = [x for x in t.children if x.dep_ in ("dobj", "oprd")]
                subj = self.verb_subject(t)
                if subj:
                    p.actor_heads = subj
                if callee and all(r.pos_ == "PRON" for r in p.recipient_heads):
                    p.recipient_heads = callee
                p.extra.append(t)
                if own is not None:
                    consumed.add(t.i)
                break

    def demands(self, sent: Span, cands: dict[int, Cand], consumed: set[int]) -> None:
        """ "X said Y must/should ..." is a demand by X on Y (CAMEO 10 / 02, PLOVER REQUEST)."""
        for t in sent:
            if t.pos_ != "VERB" or lower_lemma(t) not in SPEECH or t.i in cands:
                continue
            for clause in t.children:
                if clause.dep_ != "ccomp":
                    continue
                modal = [a for a in clause.children if a.dep_ == "aux" and a.lower_ in ("must", "should")]
                subj = self.subject_token(clause) or passive_subj(clause)
                if not modal or subj is None or subj.lower_ in ("i", "we", "it", "there", "this", "that"):
                    continue
                c = Cand([t], "REQUEST", [], "100" if modal[0].lower_ == "must" else "020", set(), 0.6, t)
                c.actor_heads = self.verb_subject(t)
                c.recipient_heads = [subj]
                c.extra.extend(clause.subtree)
                inner = cands.get(clause.i)
                if inner is not None and clause.i not in consumed:
                    c.mode = self.inner_mode("REQUEST", inner)
                    consumed.add(clause.i)
                cands[t.i] = c

    @staticmethod
    def verb_like(t: Token) -> bool:
        """A word the tagger called a noun but the parse uses as a verb ("offered to host talks")."""
        if t.pos_ != "NOUN":
            return False
        if t.dep_ == "ROOT" and t.tag_.startswith("VB"):
            return True
        return t.dep_ in ("xcomp", "ccomp", "advcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children
        )

    def absorb(self, outer: Cand, inner: Cand) -> None:
        outer.inner = inner
        outer.extra.extend(inner.tokens)
        addressee = bool(outer.recipient_heads)
        if not outer.recipient_heads and outer.event != "ACCUSE":
            outer.recipient_heads = list(inner.recipient_heads)
        if outer.event == "AGREE":
            if inner.event in CONFLICT and inner.event != "MOBILIZE" and "negated" not in inner.aux:
                outer.event, outer.cameo = "THREATEN", "138" if inner.event == "ASSAULT" else "130"
                outer.mode = self.inner_mode("THREATEN", inner)
            elif inner.event in ("REJECT", "ACCUSE") or (inner.event == "SUPPORT" and inner.nominal):
                outer.event, outer.cameo, outer.mode = inner.event, inner.cameo, list(inner.mode)
            elif inner.event in ("RETREAT", "CONCEDE"):
                # agreeing / promising to yield is AGREE (CAMEO 035 "express intent to yield", CAMEO2PLOVER)
                outer.cameo = "035"
            return
        hostile = inner.event in MATERIAL_CONFLICT or inner.event == "ACCUSE"
        if outer.event == "REQUEST" and hostile and "negated" not in inner.aux:
            if lower_lemma(outer.tokens[0]) in ORDER_VERBS and inner.event != "ACCUSE":
                # an authority's order to arrest / strike / ban is that act, by the one who orders it
                outer.event, outer.cameo, outer.mode = inner.event, inner.cameo, list(inner.mode)
                outer.context |= inner.context
                if inner.recipient_heads:
                    outer.recipient_heads = list(inner.recipient_heads)
                return
            if not addressee and inner.nominal and inner.recipient_heads:
                # a call for sanctions / arrests / an inquiry against X, addressed to no one: disapproval of X
                outer.event, outer.cameo = "ACCUSE", "111"
                outer.mode = ["investigate"] if "investigate" in inner.mode else ["disapprove"]
                return
        m = self.inner_mode(outer.event, inner)
        if m and not outer.mode:
            outer.mode = m

    @staticmethod
    def inner_mode(event: str, inner: Cand) -> list[str]:
        ie, im = inner.event, set(inner.mode)
        if event in ("REQUEST", "REJECT"):
            if ie in ("CONSULT", "AGREE"):
                return ["meet"]
            if ie in ("AID", "COOPERATE", "SUPPORT"):
                return ["assist"]
            if ie in ("RETREAT", "CONCEDE"):
                return ["yield"]
            return []
        if event == "THREATEN":
            if ie in ("ASSAULT", "MOBILIZE"):
                return ["territory"] if inner.cameo == "192" else ["violence"]
            if ie == "SANCTION":
                return ["expel"] if "expel" in im else (["relations"] if "withdraw" in im else ["restrict"])
            if ie == "COERCE":
                if "arrest" in im:
                    return ["arrest"]
                if "deport" in im:
                    return ["expel"]
                if inner.cameo == "192":
                    return ["territory"]
                return ["restrict"]
        return []

    # ------------------------------------------------------------------ verbs
    def verb(self, t: Token, consumed: set[int]) -> Cand | None:
        if t.dep_ in ("amod", "compound") and t.i > 0 and t.doc[t.i - 1].text == "-":
            return None  # "Russia-backed rebels", "Saudi-led coalition": a descriptor, not an event
        lemma = lower_lemma(t)
        lex = self.lex
        own = self.match(t, "V")
        obj = self.object_of(t)
        noun_obj: Token | None = None
        if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
            noun_obj = obj
        elif obj is None:
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ in ("in", "on", "for", "to", "into", "of"):
                    for po in p.children:
                        if po.dep_ == "pobj" and po.pos_ == "NOUN":
                            noun_obj = po
        if noun_obj is not None and lower_lemma(noun_obj) == "part":
            # "took part in talks": the event is what the subject takes part in
            noun_obj = next((po for po in prep_objects(t, frozenset({"in"})) if po.pos_ == "NOUN"), None)
        container = None
        if noun_obj is not None and lower_lemma(noun_obj) in CONTAINER_NOUNS:
            for po in prep_objects(noun_obj, frozenset({"of"})):
                if po.pos_ == "NOUN":
                    container, noun_obj = noun_obj, po
                    break
        also: list[Token] = []  # further nouns whose arguments and span belong to the event
        if noun_obj is not None and self.match(noun_obj, "N") is None:
            mod = self.event_modifier(noun_obj)
            if mod is not None:
                also, noun_obj = [noun_obj], mod
        if lemma in lex.receive:
            got = self.received(t, consumed)
            if got is not None:
                return got
        inner_entry = None
        if noun_obj is not None:
            nt = self.nominal_turn(noun_obj)
            if nt is not None:
                inner_entry, also = nt[0], [nt[1]]
            else:
                inner_entry = self.match(noun_obj, "N")
        if inner_entry is not None and noun_obj is not None:
            inner_entry = self.disambiguate_noun(noun_obj, inner_entry)
        if inner_entry is not None and noun_obj is not None:
            entry, nobj = inner_entry, noun_obj

            def governed(event: str, mode: str | None, cameo: str, bonus: float) -> Cand:
                """The verb coded as the event its noun object names ("held talks")."""
                c = self.make_verb_cand(
                    t, event, [mode] if mode else [], cameo, entry.context, min(0.9, entry.conf + bonus)
                )
                c.tokens.append(nobj)
                if container is not None:
                    # "declared a state of emergency": the container is no participant
                    c.recipient_heads = [r for r in c.recipient_heads if r.i != container.i]
                self.noun_args_into(c, nobj, entry)
                consumed.add(nobj.i)
                for x in also:
                    self.noun_args_into(c, x, entry)
                    consumed.add(x.i)
                    c.extra.append(x)
                return c

            # verbs that turn the noun's event into another
            for turn in lex.turns:
                if lemma in turn.verbs and inner_matches(turn.inner, inner_entry.event, inner_entry.cameo):
                    if turn.event == inner_entry.event and turn.mode is None:
                        break
                    return governed(turn.event, turn.mode, turn.cameo, 0.05)
            if lemma in lex.third and inner_entry.event == "CONSULT":
                c = self.make_verb_cand(t, "CONSULT", ["third-party"], "045", "diplomatic", 0.75)
                c.tokens.append(noun_obj)
                c.recipient_heads = []
                self.noun_args_into(c, noun_obj, inner_entry, participants_as_recipients=True)
                consumed.add(noun_obj.i)
                return c
            own_specific = own is not None and own.cond.obj is not None
            if own is not None and own.event in CONTROL and not own_specific:
                c = self.verb_cand_from_entry(t, own)
                inner = self.noun_cand(noun_obj, inner_entry, allow_bare=True)
                if inner is not None:
                    self.absorb(c, inner)
                consumed.add(noun_obj.i)
                return c
            if lemma in lex.transfer and inner_entry.event == "SUPPORT" and self.material(noun_obj):
                # "gave financial support": material support is AID (manual, SUPPORT: non-material only)
                return governed("AID", None, "070", 0.1)
            if (lemma in lex.light or lemma in lex.transfer) and not own_specific:
                return governed(inner_entry.event, inner_entry.mode, inner_entry.cameo, 0.1)
        if lemma in lex.transfer and obj is not None:
            names = {lower_lemma(obj), obj.lower_} | {
                x.lower_ for x in obj.children if x.dep_ in ("compound", "amod")
            }
            # "sent tons of medicine", "$4 million worth of equipment", "a team of doctors, equipment and
            # drugs": the goods named after a quantity / in a list
            inner = [*prep_objects(obj, frozenset({"of"})), *obj.conjuncts]
            inner += [c for x in list(inner) for c in x.conjuncts if c not in inner]
            later = [n for x in inner for n in (lower_lemma(x), x.lower_)]
            for n in [lower_lemma(obj), obj.lower_, *sorted(names), *later]:
                rule = lex.objects.get(n)
                if (
                    rule is not None
                    and rule.event == "MOBILIZE"
                    and own is not None
                    and own.event != "MOBILIZE"
                ):
                    break  # "handed over the captured soldiers": the verb's own event (a release)
                if rule is not None:
                    c = self.make_verb_cand(
                        t, rule.event, [rule.mode] if rule.mode else [], rule.cameo, rule.context, 0.7
                    )
                    c.tokens.append(obj)
                    c.recipient_heads = self.recipients_of_transfer(t)
                    return c
        if own is None:
            return None
        if own.event in ("SUPPORT", "AID"):
            s = self.subject_token(t)
            se = self.match(s, "N") if s is not None and s.pos_ == "NOUN" else None
            if s is not None and se is not None and se.event == "AID":
                # "Australian aid supported two million girls", "Japan's funding helped the clinic": the aid
                # is what supports; its giver (the noun's possessor or nationality) is the actor
                c = self.make_verb_cand(t, "AID", [], se.cameo, se.context, max(own.conf, se.conf))
                c.actor_heads = []
                c.tokens.append(s)
                self.noun_args_into(c, s, se)
                consumed.add(s.i)
                return c
        if own.event == "REJECT" and any(
            x.dep_ == "xcomp"
            and lower_lemma(x) in NO_COMMENT
            and not any(self.match(po, "N") for po in prep_objects(x, frozenset({"to"})))
            for x in t.children
        ):
            return None  # "declined to comment" is CAMEO 011, a statement, not a PLOVER event
        return self.verb_cand_from_entry(t, own)

    def received(self, t: Token, consumed: set[int]) -> Cand | None:
        """ "X received weapons / $5 million in aid from Y": Y's AID to X, the transfer seen from X (also
        assurances and apologies: Y's AGREE / CONCEDE to X)."""
        goods = [x for x in (dobj(t), *prep_objects(t, frozenset({"in"}))) if x is not None]
        givers = [
            p
            for x in (t, *goods)  # the "from" phrase hangs from the verb or, as often parsed, the goods
            for p in prep_objects(x, frozenset({"from"}))
            if p.i in self._ent_at or p.pos_ == "PROPN" or self.actorish(p)
        ]
        if not givers:
            return None
        for g in goods:
            heads = [g, *prep_objects(g, frozenset({"of"})), *g.conjuncts]
            for h in heads:
                names = [lower_lemma(h), h.lower_]
                names += sorted(x.lower_ for x in h.children if x.dep_ == "compound")
                rule = next((self.lex.objects[n] for n in names if n in self.lex.objects), None)
                entry = self.match(h, "N")
                event = "AID"
                if rule is not None and rule.event == "AID":
                    cameo, context = rule.cameo, rule.context
                elif entry is not None and entry.event in RECEIVED_EVENTS:
                    # "received assurances / an apology from X": X's commitment / concession to the subject
                    event, cameo, context = entry.event, entry.cameo, entry.context
                else:
                    continue
                c = self.make_verb_cand(t, event, [], cameo, context, 0.65)
                c.actor_heads = givers[:1]
                c.recipient_heads = self.verb_subject(t)
                c.tokens.append(h)
                consumed.update(x.i for x in goods)
                consumed.add(h.i)
                return c
        return None

    @staticmethod
    def material(n: Token) -> bool:
        """A noun qualified as material: an amount of money or a material kind ("€45m support", "financial
        support", "military support")."""
        return any(
            ch.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
            and (
                ch.ent_type_ == "MONEY"
                or ch.like_num
                or ch.lower_ in MATERIAL_KINDS
                or ch.tag_ == "$"
                # "€45m support": the amount as a compound ("m") carrying the number and the currency
                or (ch.dep_ == "compound" and any(g.like_num or g.tag_ == "$" for g in ch.children))
            )
            for ch in n.children
        )

    def recipients_of_transfer(self, t: Token) -> list[Token]:
        out = [c for c in t.children if c.dep_ == "dative" and c.pos_ != "ADP"]
        out += prep_objects(t, frozenset({"to", "for", "into"}))  # "flew medicine into X"
        for c in t.children:
            if c.dep_ == "dative" and c.pos_ == "ADP":
                out += [p for p in c.children if p.dep_ == "pobj"]
        return out

    def verb_cand_from_entry(self, t: Token, e: Entry) -> Cand:
        c = self.make_verb_cand(t, e.event, [e.mode] if e.mode else [], e.cameo, e.context, e.conf)
        if e.cond.pobj is not None:
            c.recipient_heads = self.pobj_match(t, e.cond.pobj)[:1]  # "opened its borders to refugees"
        if e.cond.toent:
            c.reports = True
            c.recipient_heads = self.to_entities(t)
            o = dobj(t)
            if o is not None and o not in c.recipient_heads:
                c.extra.append(o)
        return c

    def to_entities(self, t: Token) -> list[Token]:
        """Actor entities (with their conjuncts) in a "to" phrase of ``t`` or, when the parser hung the
        phrase inside the direct object ("conveyed the results of the meeting to X"), of that object."""
        heads = [t]
        o = dobj(t)
        if o is not None:
            heads += [x for x in o.subtree if x.pos_ in ("NOUN", "PROPN")]
        for h in heads:
            for po in prep_objects(h, frozenset({"to"})):
                group = [po, *[x for x in po.conjuncts if x.i > po.i]]
                found = [x for x in group if self._is_entity(x)]
                if found:
                    return found
        return self.to_slip(t)

    def make_verb_cand(
        self, t: Token, event: str, mode: list[str], cameo: str, context: str | None, conf: float
    ) -> Cand:
        c = Cand([t], event, mode, cameo, {context} if context else set(), conf, t)
        actor, recipient = self.verb_args(t, event)
        c.actor_heads, c.recipient_heads = actor, recipient
        c.aux = self.verb_aux(t)
        # protests by states are diplomatic protests (ACCUSE disapprove), per the manual
        if lower_lemma(t) in ("host", "receive", "welcome") and event == "CONSULT":
            c.actor_heads, c.recipient_heads = c.recipient_heads, c.actor_heads
        return c

    def in_dateline(self, t: Token) -> bool:
        return any(s <= t.idx < e for s, e in self._dateline)

    def verb_subject(self, t: Token, depth: int = 0) -> list[Token]:
        if depth > 4:
            return []
        for c in t.children:
            if c.dep_ in SUBJ and self.in_dateline(c):
                # "LISBON, March 4 - Farmers protested": the parser may hang the subject from the dateline
                ap = [x for x in c.children if x.dep_ == "appos" and not self.in_dateline(x)]
                if ap:
                    return ap[:1]
            if c.dep_ in SUBJ and not self.in_dateline(c):
                if c.tag_ in WH and t.dep_ == "relcl":
                    return [t.head]
                speaker = self.reported_speaker(t, c)
                if speaker is not None:
                    return [speaker]
                # a coordination the parser split into two subjects ("A, B, and C agreed" with C as a
                # second nsubj): all of them
                more = [x for x in t.children if x.dep_ == c.dep_ and x.i > c.i and x.i < t.i]
                return [c, *more]
        for c in t.children:
            if c.dep_ == "agent":
                return [p for p in c.children if p.dep_ == "pobj"]
        if passive_subj(t) is not None:
            return []
        h = t.head
        if h.i == t.i:
            return []
        if t.dep_ == "xcomp" and h.pos_ == "ADJ" and h.head.i != h.i:
            return self.verb_subject(h.head, depth + 1)
        if t.dep_ == "xcomp":
            if lower_lemma(h) in self.lex.objctl:
                o = dobj(h)
                if o is not None:
                    return [o]
            return self.verb_subject(h, depth + 1)
        if t.dep_ == "conj":
            return self.verb_subject(h, depth + 1)
        if t.dep_ == "relcl":
            return [h]
        if t.dep_ == "advcl" and t.tag_ == "VBG":
            if lower_lemma(h) in SPEECH and self.subject_token(t) is None:
                # "X overran the base, officials said, killing 17": the participle continues the reported
                # clause, not the speaker's
                for cc in h.children:
                    if cc.dep_ == "ccomp" and cc.i < t.i:
                        return self.verb_subject(cc, depth + 1)
            return self.verb_subject(h, depth + 1)
        purpose = t.dep_ == "advcl" and t.tag_ == "VB"
        if purpose and any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children):
            # a purpose clause ("X sent a team to investigate"): the main clause's subject acts
            return self.verb_subject(h, depth + 1)
        if t.dep_ == "pcomp" and h.lower_ in ("of", "for") and h.head.i != h.i:
            # "accused X of attacking", "blamed X for shelling": X is who did it
            g = h.head
            o = g if g.pos_ in ("NOUN", "PROPN", "PRON") and g.dep_ in ("dobj", "obj") else dobj(g)
            if o is not None and o.i != t.i and self.actorish(o):
                return [o]
        if t.dep_ == "acomp":
            # "X is committed to ...": the copula's subject
            return self.verb_subject(h, depth + 1)
        if t.dep_ == "acl" and t.tag_ == "VBG":
            if (
                h.pos_ == "NOUN"
                and not self.actorish(h)
                and h.dep_ in ("dobj", "obj")
                and lower_lemma(h.head) in self.lex.light | self.lex.transfer
            ):
                # "X issued a statement calling on Y": the statement speaks for whoever issued it
                return self.verb_subject(h.head, depth + 1)
            return [h]
        if t.dep_ in ("acl", "relcl") and t.tag_ == "VB":
            by = prep_objects(h, NOUN_ACTOR_PREPS)
            poss = [x for x in h.children if x.dep_ == "poss"]
            return by or poss
        return []

    def reported_speaker(self, t: Token, pron: Token) -> Token | None:
        """In "X said it/he/they will ...", the pronoun subject of the reported clause is X (the subject of
        the reporting verb) when their person and number agree; None otherwise."""
        p = pron.lower_
        if pron.pos_ != "PRON" or p not in ("he", "she", "it", "they", "we"):
            return None
        node = t
        while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
            node = node.head
        if node.dep_ != "ccomp" or node.head.i == node.i:
            return None
        s = self.subject_token(node.head)
        if s is None or s.pos_ not in ("NOUN", "PROPN") or self.non_agent(s):
            return None  # whoever says something is an agent, unless it is a quantity ("figures show")
        plural = s.tag_ in ("NNS", "NNPS") or any(x.dep_ == "conj" for x in s.children)
        person = s.ent_type_ == "PERSON" or (s.i in self._ent_at and self._ent_at[s.i].kind == "title")
        if p in ("he", "she"):
            ok = person and not plural
        elif p == "it":
            ok = not person and not plural
        else:
            ok = plural or not person
        return s if ok else None

    def object_antecedent(self, r: Token, c: Cand) -> Token:
        """An object pronoun whose antecedent is named earlier in the sentence ("X called Y and urged him
        to...", "filed a lawsuit against Y, accusing him of..."): the nearest preceding person (for "him",
        "her") or plural actor (for "them") that is not the clause's own actor; else the pronoun itself."""
        p = r.lower_
        if r.tag_ != "PRP" or p not in ("him", "her", "them"):
            return r
        own = {a.i for a in c.actor_heads} | {x.i for x in r.head.children if x.dep_ in SUBJ}
        for x in reversed(list(r.sent)[: r.i - r.sent.start]):
            if x.i in own or x.pos_ not in ("NOUN", "PROPN") or x.i not in self._ent_at:
                continue
            if x.dep_ in ("compound", "amod", "poss") or any(x.i == a.i for a in c.actor_heads):
                continue
            ent = self._ent_at[x.i]
            if p == "them":
                ok = x.tag_ in ("NNS", "NNPS")
            else:
                ok = ent.label == "PERSON" or (ent.kind == "title" and x.tag_ in ("NN", "NNP"))
            if ok:
                return x
        return r

    def verb_args(self, t: Token, event: str) -> tuple[list[Token], list[Token]]:
        actor = self.verb_subject(t)
        recipient: list[Token] = []
        ps = passive_subj(t)
        if ps is not None:
            recipient = [ps] if ps.tag_ not in WH else [t.head]
            if event in ("RETREAT", "AID") and not (
                ps.i in self._ent_at or ps.pos_ == "PROPN" or ps.tag_ in ("PRP", *WH)
            ):
                # "the statues were returned to X", "aid was sent to X": the thing passes to X
                to = [p for p in prep_objects(t, TO) if p.i in self._ent_at or p.pos_ == "PROPN"]
                recipient = to[:1] or recipient
        elif t.dep_ == "acl" and t.tag_ == "VBN":
            recipient = [t.head]
        else:
            o = dobj(t)
            if o is not None:
                recipient = [t.head] if (o.tag_ in WH and t.dep_ == "relcl") else [o]
                names_actor = (
                    o.i in self._ent_at
                    or o.pos_ == "PROPN"
                    or o.tag_ == "PRP"
                    or any(x.dep_ == "poss" for x in o.children)
                    or self.inner_actor(o) is not None
                )
                if o.tag_ not in WH and not names_actor:
                    # "restored diplomatic ties with X", "returned six looted statues to X": the object is a
                    # thing, the party is X
                    preps = EVENT_PREPS.get(event, DEFAULT_PREPS)
                    # the party hangs from the verb or, as often parsed, from the object ("lifted
                    # restrictions on X", "withdrew some of its troops from X")
                    holders = [t, o, *[p for p in prep_objects(o, frozenset({"of"}))]]
                    alt = [
                        p
                        for x in holders
                        for p in prep_objects(x, preps)
                        if (p.i in self._ent_at or p.pos_ == "PROPN")
                        and not (event in OBJECT_LOCATES and self.is_locality(p))
                    ]
                    if alt:
                        recipient = alt[:1]
            if not recipient:
                for c in t.children:
                    if c.dep_ == "dative":
                        recipient = [c] if c.pos_ != "ADP" else [p for p in c.children if p.dep_ == "pobj"]
                        break
            if not recipient:
                recipient = prep_objects(t, EVENT_PREPS.get(event, DEFAULT_PREPS))[:1]
            if not recipient:
                # tagging slip: "expressed gratitude to Trump" parsed as an infinitive "to trump"
                recipient = self.to_slip(t)
            if (
                not recipient
                and t.dep_ == "relcl"
                and any(c.tag_ in WH and c.dep_ in ("dobj", "pobj") for c in t.subtree)
            ):
                recipient = [t.head]
        if (
            event in ("ASSAULT", "CONSULT", "AGREE", "COOPERATE")
            and lower_lemma(t)
            in ("clash", "fight", "battle", "meet", "negotiate", "cooperate", "agree", "talk")
            and actor
        ):
            # reciprocal events ("X clashed with Y"): with-objects join the actor list only when the
            # subject itself is plural/compound; otherwise keep actor -> recipient.
            pass
        return actor, recipient

    def verb_aux(self, t: Token) -> list[str]:
        aux: list[str] = []
        node = t
        for _ in range(4):
            for c in node.children:
                if c.dep_ in ("aux", "auxpass"):
                    w = c.lower_
                    if w in ("will", "shall", "'ll", "wo", "would", "'d") or lower_lemma(c) in (
                        "will",
                        "shall",
                    ):
                        aux.append("future")
                    elif w in ("may", "might", "could", "should", "must"):
                        aux.append("hypothetical")
                if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)):
                    aux.append("negated")
                if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                    aux.append("hypothetical")
                if (
                    c.dep_ == "mark"
                    and c.lower_ in ("until", "till", "before", "once")
                    # "arrested days before protested": a time adverb misparsed as a clause marker
                    and not (c.i > 0 and lower_lemma(c.doc[c.i - 1]) in BEFORE_ADVERBS)
                    and node.tag_ != "VBD"
                    and not any(a.dep_ in ("aux", "auxpass") and a.tag_ == "VBD" for a in node.children)
                ):
                    # "will not end the strike until their demands are met", "before they disarm": a
                    # condition still to be fulfilled (in past narration, "until the rebels withdrew", it
                    # happened)
                    aux.append("hypothetical")
            if node.dep_ == "xcomp" and node.head.i != node.i:
                hl = lower_lemma(node.head)
                if hl in self.lex.negated:
                    aux.append("negated")
                elif hl in self.lex.hypothetical:
                    aux.append("hypothetical")
                elif hl in self.lex.expected or node.head.lower_ in EXPECTATION:
                    aux.append("expected")
                elif hl in self.lex.future or node.head.lower_ in READY:
                    aux.append("future")
                node = node.head
                if self.match(node, "V") is not None:
                    break
                continue
            if node.dep_ == "conj" and node.head.i != node.i and self.subject_token(node) is None:
                node = node.head
                continue
            break
        seen: list[str] = []
        for a in aux:
            if a not in seen:
                seen.append(a)
        return seen

    # ------------------------------------------------------------------ nouns
    def disambiguate_noun(self, n: Token, e: Entry) -> Entry | None:
        lemma = lower_lemma(n)
        mods = {c.lower_ for c in n.children if c.dep_ in ("compound", "amod", "nmod")}
        if lemma == "strike":
            if "hunger" in mods:
                return Entry("strike", "N", "PROTEST", "hunger", "142", None, 0.8, e.cond)
            words = {t.lower_ for t in n.sent}
            military = {
                "air",
                "drone",
                "missile",
                "rocket",
                "military",
                "aerial",
                "artillery",
                "retaliatory",
                "precision",
                "surgical",
                "israeli",
                "airstrike",
                "jets",
                "warplanes",
                "bomb",
                "drones",
                "missiles",
                "rockets",
                "killed",
                "killing",
                "targeted",
            }
            labour = {
                "worker",
                "workers",
                "union",
                "unions",
                "wage",
                "wages",
                "pay",
                "salary",
                "salaries",
                "employees",
                "teachers",
                "doctors",
                "nurses",
                "staff",
                "labour",
                "labor",
                "general",
                "nationwide",
                "national",
                "drivers",
                "strikers",
                "walkout",
            }
            if mods & military or (words & military and not words & labour):
                return e
            protest_verbs = {
                "hold",
                "stage",
                "go",
                "call",
                "join",
                "observe",
                "begin",
                "start",
                "continue",
                "end",
            }
            on_strike = any(
                x.lower_ == "strike" and x.i > 0 and x.doc[x.i - 1].lower_ == "on" for x in n.sent
            )
            if mods & labour or words & labour or on_strike or lower_lemma(n.head) in protest_verbs:
                return Entry("strike", "N", "PROTEST", "strike", "143", None, 0.7, e.cond)
            return None
        if lemma in ("exercise", "drill", "maneuver", "game") and (
            {"joint"} & mods or prep_objects(n, MULTI_ACTOR_PREPS | frozenset({"with"}))
        ):
            return Entry(lemma, "N", "COOPERATE", None, "062", "military", 0.7, e.cond)
        if lemma in ("exercise", "drill", "maneuver", "game") and not mods & {
            "military",
            "naval",
            "war",
            "army",
            "air",
            "live-fire",
            "nuclear",
            "missile",
        }:
            return None
        if lemma == "call" and (
            has_prep(n, frozenset({"for"}))
            or any(c.dep_ in ("acl", "relcl") and c.tag_ == "VB" for c in n.children)
        ):
            return Entry("call", "N", "REQUEST", None, "020", None, 0.7, e.cond)
        return e

    def noun(self, n: Token) -> Cand | None:
        if n.dep_ == "compound" and n.head.pos_ in ("NOUN", "PROPN") and self.match(n.head, "N") is not None:
            return None
        nt = self.nominal_turn(n)
        if nt is not None:
            # "Denmark's suspension of aid to Egypt": the noun of a turn verb over an event noun
            c = self.noun_cand(n, nt[0], allow_bare=True)
            if c is not None:
                self.noun_args_into(c, nt[1], nt[0])
                c.tokens.append(nt[1])
                if c.actor_heads or c.recipient_heads:
                    return c
            return None
        e = self.match(n, "N")
        if e is None:
            return None
        e2 = self.disambiguate_noun(n, e)
        if e2 is None:
            return None
        c = self.noun_cand(n, e2)
        if c is None and n.dep_ in ("compound", "amod", "nmod") and self.event_modifier(n.head) is n:
            # "Russia's mediation effort between X and Y": the arguments hang on the generic head
            c = self.noun_cand(n, e2, allow_bare=True)
            if c is not None:
                self.noun_args_into(c, n.head, e2)
                c.extra.append(n.head)
                if not (c.actor_heads or c.recipient_heads):
                    return None
        return c

    def event_modifier(self, head: Token) -> Token | None:
        """The event noun modifying a generic head ("a mediation effort", "peacekeeping operations")."""
        if lower_lemma(head) not in GENERIC_HEADS:
            return None
        for ch in head.children:
            if ch.dep_ in ("compound", "amod", "nmod") and ch.i < head.i and self.match(ch, "N") is not None:
                return ch
        return None

    def nominal_turn(self, n: Token) -> tuple[Entry, Token] | None:
        """A noun of a turn verb over an event noun ("a suspension of aid" = "suspend aid", "the lifting of
        sanctions"): the turned event as a lexicon entry, and the inner event noun."""
        verb = self.lex.nominal.get(lower_lemma(n))
        if verb is None:
            return None
        for po in prep_objects(n, frozenset({"of", "to", "in", "on"})):
            ie = self.match(po, "N") if po.pos_ == "NOUN" else None
            if ie is None:
                continue
            for turn in self.lex.turns:
                if verb in turn.verbs and inner_matches(turn.inner, ie.event, ie.cameo):
                    if turn.event == ie.event and turn.mode is None:
                        return None
                    lemma = lower_lemma(n)
                    return Entry(lemma, "N", turn.event, turn.mode, turn.cameo, ie.context, 0.7, ie.cond), po
        return None

    def noun_cand(self, n: Token, e: Entry, allow_bare: bool = False) -> Cand | None:
        c = Cand(
            [n],
            e.event,
            [e.mode] if e.mode else [],
            e.cameo,
            {e.context} if e.context else set(),
            e.conf - 0.1,
            n,
            nominal=True,
        )
        self.noun_args_into(c, n, e)
        c.aux = self.noun_aux(n)
        v = n.head
        for _ in range(3):
            if v.pos_ in ("VERB", "AUX") or v.head.i == v.i:
                break
            v = v.head
        if v.pos_ in ("VERB", "AUX") and v.i != n.i:
            va = self.verb_aux(v)
            if lower_lemma(v) in self.lex.expected:
                va.append("expected")
            elif lower_lemma(v) in self.lex.future or any(
                x.dep_ == "xcomp" and lower_lemma(x) in ("resume", "begin", "start") for x in v.children
            ):
                va.append("future")
            c.aux = list(dict.fromkeys(c.aux + va))
        if allow_bare:
            return c
        possessive_only = (
            c.actor_heads
            and not c.recipient_heads
            and all(a.dep_ == "poss" and a.head.i == n.i for a in c.actor_heads)
        )
        if possessive_only and not (n.dep_ in ("nsubj", "nsubjpass") and lower_lemma(n.head) in NOUN_SUBJ_OF):
            # "Mueller's investigation has weighed on...", "the United States' support": a possessive names
            # whose process it is; no new event happens in the clause
            return None
        if c.actor_heads or c.recipient_heads:
            return c
        # "clashes broke out between X and Y", "a clash ensued between X and Y": the participants hang
        # from the verb the noun is the subject of, or from a participle on the noun
        verbs = [x for x in n.children if x.dep_ == "acl"]
        if n.dep_ in ("nsubj", "nsubjpass"):
            verbs.append(n.head)
        for v in verbs:
            multi = prep_objects(v, MULTI_ACTOR_PREPS)
            if multi:
                c.actor_heads = multi
                c.actor_reciprocal = True
                c.extra.append(v)
                return c
        # "the attack killed five soldiers", "clashes erupted": the noun is the subject of an event verb
        h = n.head
        if (
            n.dep_ in ("nsubj", "nsubjpass")
            and lower_lemma(h) in NOUN_SUBJ_OF
            and (lower_lemma(h) != "take" or any(x.lower_ == "place" for x in h.children))
        ):
            o = dobj(h)
            if o is not None and lower_lemma(h) in (
                "kill",
                "injure",
                "wound",
                "hit",
                "target",
                "destroy",
                "damage",
                "leave",
                "claim",
                "rock",
            ):
                c.recipient_heads = [o]
            c.conf -= 0.1
            c.aux = self.noun_aux(n) or self.verb_aux(h)
            c.extra.append(h)
            return c
        return self.noun_frame(c, n)

    def noun_frame(self, c: Cand, n: Token) -> Cand | None:
        """Arguments of a bare event noun from the clause around it: "held civilians as human shields"
        (the verb's subject and object), "troops remained on alert" (the subject), "X is responsible for the
        killings" (X is the actor; a claim of responsibility is a statement, CAMEO 015), "the prisoner died
        after torture" (the one who died is the recipient)."""
        if n.dep_ != "pobj" or n.head.head is n.head:
            return None
        prep, gov = n.head, n.head.head
        quantity = lower_lemma(gov) in CONTAINER_NOUNS or lower_lemma(gov) in ("dozen", "hundred", "thousand")
        if prep.lower_ == "of" and gov.dep_ == "pobj" and quantity:
            prep, gov = gov.head, gov.head.head  # "responsible for dozens of killings"
        if gov.pos_ in ("VERB", "AUX") and (
            prep.lower_ == "as" or (prep.lower_ == "in" and lower_lemma(gov) in ("engage", "involve"))
        ):
            # "engaged X in a firefight", "were engaged in ethnic cleansing": the (passive) subject acts
            c.actor_heads, o = self.verb_subject(gov) or [x for x in [passive_subj(gov)] if x], dobj(gov)
            c.recipient_heads = [o] if o is not None else []
        elif prep.lower_ == "on" and lower_lemma(n) == "alert" and gov.pos_ in ("VERB", "AUX"):
            o = dobj(gov)
            c.actor_heads = [o] if o is not None and lower_lemma(gov) != "remain" else self.verb_subject(gov)
        elif prep.lower_ == "for" and lower_lemma(gov) == "responsible":
            v = gov.head if gov.head is not gov else gov
            c.actor_heads = [v] if gov.dep_ == "amod" else self.verb_subject(v)
        else:
            # "died after / from / as a result of torture"
            node, steps = gov, 0
            while node.pos_ not in ("VERB", "AUX") and node.head is not node and steps < 3:
                node, steps = node.head, steps + 1
            if lower_lemma(node) not in ("die", "succumb", "perish") or c.event != "ASSAULT":
                return None
            c.recipient_heads = self.verb_subject(node)
            c.extra.append(node)
        if not (c.actor_heads or c.recipient_heads):
            return None
        c.extra.append(gov)
        return c

    @staticmethod
    def dative_objects(t: Token) -> list[Token]:
        """ "granted asylum to X", "gave X aid": the verb's dative, as a noun or a "to" phrase."""
        out: list[Token] = []
        for c in t.children:
            if c.dep_ == "dative":
                out += [c] if c.pos_ != "ADP" else [p for p in c.children if p.dep_ == "pobj"]
        return out

    def to_slip(self, t: Token) -> list[Token]:
        """A "to" object the tagger read as an infinitive ("expressed gratitude to Trump", with "Trump"
        as a verb in an xcomp/advcl/relcl clause of the verb or of its object): the name is the
        recipient when the actors stage found an entity there and the "clause" has no subject or
        object of its own."""
        kids = list(t.children)
        kids += [g for ch in kids if ch.dep_ == "dobj" for g in ch.children]
        for ch in kids:
            if (
                ch.dep_ in ("xcomp", "advcl", "relcl", "acl")
                and ch.text[:1].isupper()
                and ch.i in self._ent_at
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in ch.children)
                and not any(a.dep_ in ("nsubj", "dobj") for a in ch.children)
            ):
                return [ch]
            if ch.dep_ == "xcomp" and ch.text[:1].isupper() and ch.i in self._ent_at:
                return [ch]
        return []

    def noun_args_into(self, c: Cand, n: Token, e: Entry, participants_as_recipients: bool = False) -> None:
        if n in c.recipient_heads:
            c.recipient_heads = (
                prep_objects(c.clause, EVENT_PREPS.get(e.event, DEFAULT_PREPS))[:1]
                or self.dative_objects(c.clause)[:1]
                or self.to_slip(c.clause)
            )
        actors: list[Token] = []
        recips: list[Token] = []
        for ch in n.children:
            if (
                (ch.dep_ == "poss" and ch.tag_ != "PRP$")
                or ch.dep_ == "poss"
                or (
                    ch.dep_ in ("compound", "amod", "nmod")
                    and (self._is_entity(ch) or ch.ent_type_ in ("NORP", "GPE", "ORG"))
                    and not self._is_place(ch)
                )
            ):
                actors.append(ch)
        by = prep_objects(n, NOUN_ACTOR_PREPS)
        actors.extend(by)
        multi = prep_objects(n, MULTI_ACTOR_PREPS)
        if lower_lemma(n) in ("visit", "trip", "meeting", "summit", "talk", "call", "conversation"):
            actors.extend(prep_objects(n, frozenset({"of"})))
        recips.extend(prep_objects(n, EVENT_PREPS.get(e.event, DEFAULT_PREPS))[:1])
        if not recips:
            # "an attack by X on Y": the parser often hangs "on Y" from X
            for a in by:
                recips.extend(prep_objects(a, EVENT_PREPS.get(e.event, DEFAULT_PREPS))[:1])
        if not recips and lower_lemma(n) == "warrant":
            # "an arrest warrant for X": the one to be arrested
            recips.extend(p for p in prep_objects(n, frozenset({"for", "against"})) if self.actorish(p))
            recips[1:] = []
        if not recips and not multi:
            # "the blockade of X", "an investigation into X": the noun's object, when it names an actor and
            # is not the noun's own actor ("the visit of X")
            keys = {x.i for x in actors}
            recips.extend(
                p for p in prep_objects(n, NOUN_OBJECT_PREPS) if p.i not in keys and self.actorish(p)
            )
            recips[1:] = []
        if multi:
            if participants_as_recipients:
                recips = multi + recips
            else:
                actors.extend(multi)
                c.actor_reciprocal = True
        elif participants_as_recipients:
            recips = recips or prep_objects(n, frozenset({"with"}))
        if not c.actor_heads:
            c.actor_heads = actors
        elif actors and not participants_as_recipients and c.actor_heads != actors:
            # "held talks between X and Y": keep the verb's subject, add the named participants
            for a in actors:
                if a not in c.actor_heads and a.tag_ != "PRP$":
                    # "lifted its blockade": the possessive pronoun is the subject again
                    c.actor_heads.append(a)
        if (recips and (not c.recipient_heads or participants_as_recipients)) or not c.recipient_heads:
            c.recipient_heads = recips
        c.aux = list(dict.fromkeys(c.aux + self.noun_aux(n)))

    def noun_aux(self, n: Token) -> list[str]:
        out = []
        for ch in n.children:
            lw = ch.lower_
            if ch.dep_ == "det" and lw == "no":
                out.append("negated")
            elif ch.dep_ in ("amod", "compound") and lw in FUTURE_AMOD:
                out.append("expected")  # "the planned talks": a future event, nobody's commitment here
            elif ch.dep_ == "amod" and lw in HYPO_AMOD:
                out.append("hypothetical")
        return out

    # ------------------------------------------------------------------ entities
    def entities_for(self, heads: list[Token], taken: set[int]) -> list[Entity]:
        out: list[Entity] = []
        seen: set[tuple[int, int]] = set()
        todo: list[Token] = []
        for h in heads:
            group = [h, *[x for x in h.conjuncts if x.i > h.i]]
            if h.pos_ == "PROPN" and any(x.dep_ == "cc" for x in h.children):
                # "Evil A, the awful B, and good C": a name "in apposition" to a name, inside a list, is one
                # more item (a title's apposition names the title: "the president, X, and Y")
                group += [
                    x
                    for x in h.children
                    if x.dep_ == "appos"
                    and (x.pos_ == "PROPN" or (x.text[:1].isupper() and x.i not in self._ent_at))
                    and any(y.dep_ == "conj" and y.i > x.i for y in h.children)
                ]
            for g in group:
                # "welcomed the resumption of ties between X and Y": the named parties are the arguments
                inner = self.inner_actor(g)
                partner = inner is not None and (
                    any(x.i > inner[0].i for x in inner[0].conjuncts)
                    or inner[0].head.lower_ in MULTI_ACTOR_PREPS | {"with"}
                )
                if inner is not None and partner:
                    # "ties with X": the partner is the argument, not the relation
                    todo.extend([inner[0], *[x for x in inner[0].conjuncts if x.i > inner[0].i]])
                else:
                    todo.append(g)
        for h in todo:
            if (
                h.pos_ in ("VERB", "AUX", "ADP", "PUNCT", "SCONJ", "CCONJ", "DET") and h.i not in self._ent_at
            ) or h.dep_ == "expl":
                continue
            if (h.ent_type_ in ("DATE", "TIME") and time_like(h)) or lower_lemma(h) in TIME_WORDS:
                continue
            if self.in_dateline(h):
                continue
            ent = self.entity_for(h)
            if ent is None or any(s < ent.end and ent.start < e for s, e in self._dateline):
                continue
            found = [ent, *[g for g in self._group.get((ent.start, ent.end), []) if g is not ent]]
            # "the Russian and Ukrainian sides": entities on conjoined modifiers of the head
            for ch in h.lefts:
                if ch.dep_ in ("amod", "compound", "nmod") and ch.conjuncts:
                    for m in (ch, *ch.conjuncts):
                        me = self._ent_at.get(m.i)
                        if me is not None and me is not ent and me not in found:
                            found.append(me)
            for e in found:
                e = self.with_parenthesis(e)
                key = (e.start, e.end, e.name)
                if key in seen:
                    continue
                seen.add(key)
                out.append(e)
        return out

    def with_parenthesis(self, e: Entity) -> Entity:
        """A name followed by its short form in parentheses ("the National Security Council (NSC)") or cut
        inside them: the argument ends after the closing parenthesis."""
        text = self.doc.text
        if e.entity_text.count("(") > e.entity_text.count(")"):
            m = PAREN_TAIL.match(text, e.end)
        else:
            m = PAREN_ABBR.match(text, e.end)
        if m is None or self.doc.sentence_at(m.end() - 1) != e.sentence:
            return e
        return replace(e, entity_text=text[e.start : m.end()], end=m.end())

    def entity_for(self, h: Token) -> Entity | None:
        ent = self._ent_at.get(h.i)
        if ent is not None and ent.kind in ("title", "agent") and h.idx + len(h.text) == ent.end:
            loc = self.locative_pp(h, of=True)
            if loc is not None and not any(ch.dep_ == "appos" for ch in h.children):
                # "lawmakers in X", "a court in X": the phrase, resolved through X where the mention is not
                last, inner = loc
                end = last.idx + len(last.text)
                base = self.with_possessor(h, ent)
                notes = [*base.notes]
                code = base.code
                if code is None and inner is not None and inner.code is not None:
                    code = inner.code
                    notes.append(f"contains actor mention {inner.entity_text!r}")
                text = self.doc.text[base.start : end]
                return replace(base, entity_text=text, end=end, code=code, notes=notes)
        if ent is not None:
            if ent.kind in ("title", "agent") and ent.name is None:
                # "the Palestinian president, X": the apposition names who the title is
                for ch in h.children:
                    ap = self._ent_at.get(ch.i) if ch.dep_ == "appos" else None
                    if ap is not None and ap is not ent and ap.name is not None:
                        return self.apposition(h, ap)
            if ent.label == "PERSON" and h.idx + len(h.text) == ent.end:
                # "X, the president of Y": the title in apposition belongs to the name's phrase
                for ch in h.rights:
                    if ch.dep_ != "appos" or not (ch.pos_ == "NOUN" or ch.i in self._ent_at):
                        continue
                    last = ch.right_edge
                    while last.i > ch.i and last.is_punct:
                        last = last.nbor(-1)
                    end = last.idx + len(last.text)
                    if self.doc.sentence_at(end - 1) == ent.sentence:
                        title = self._ent_at.get(ch.i)
                        if ent.code is None and title is not None and title.code is not None:
                            # an unknown name: the title says whom the person acts for
                            note = f"contains actor mention {title.entity_text!r}"
                            ent = replace(ent, code=title.code, sector=title.sector, notes=[*ent.notes, note])
                        ent = replace(ent, entity_text=self.doc.text[ent.start : end], end=end)
                    break
            return self.with_possessor(h, ent)
        if h.lower_ in FIRST_PERSON:
            ent = self.quote_speaker(h)
            if ent is not None:
                return ent
        # an entity inside the head's own noun phrase: "the government of Iraq", "Iraqi forces"
        for ch in h.children:
            if ch.dep_ == "appos" and ch.i in self._ent_at:
                return self.apposition(h, self._ent_at[ch.i])
        for ch in h.children:
            if ch.dep_ in ("compound", "amod", "poss", "nmod") and ch.i in self._ent_at and ch.i < h.i:
                inner = self._ent_at[ch.i]
                return self.noun_phrase(h, resolved_from=inner)
            if ch.dep_ == "prep" and ch.lower_ == "of":
                for p in ch.children:
                    if (
                        p.dep_ == "pobj"
                        and p.i in self._ent_at
                        and lower_lemma(h)
                        in (
                            "government",
                            "president",
                            "minister",
                            "army",
                            "force",
                            "military",
                            "leader",
                            "people",
                            "police",
                            "ministry",
                            "parliament",
                            "authority",
                            "official",
                            "king",
                            "prime",
                            "foreign",
                            "head",
                            "chief",
                            "spokesman",
                            "spokeswoman",
                            "embassy",
                        )
                    ):
                        return self.noun_phrase(h, resolved_from=self._ent_at[p.i], include_of=True)
        inner = self.inner_actor(h)
        if inner is not None:
            ie = self.entity_for(inner[0])
            if ie is not None:
                return self.noun_phrase(h, resolved_from=ie, upto=inner[1])
        return self.noun_phrase(h)

    def actorish(self, t: Token) -> bool:
        """A token that names (or heads a phrase naming) a possible actor: an actor mention, a proper name,
        a personal pronoun, or a noun with an actor mention or a name among its modifiers."""
        if t.i in self._ent_at or t.pos_ == "PROPN":
            return True
        if t.pos_ == "PRON":
            return t.lower_ not in ("it", "this", "that", "which", "what", "there", "these", "those")
        return any(
            ch.dep_ in ("poss", "compound", "amod", "nmod") and (ch.i in self._ent_at or ch.pos_ == "PROPN")
            for ch in t.children
        )

    def inner_actor(self, h: Token) -> tuple[Token, Token] | None:
        """The actor inside an event noun's phrase ("an attack by X", "a request from X", "the resumption
        of ties with X", "talks between X and Y"): (the actor's head, the prepositional phrase of ``h`` that
        holds it).  Never for a head that names an actor itself."""
        if h.pos_ != "NOUN" or self.actorish(h):
            return None
        event_noun = lower_lemma(h) in CONTAINER_NOUNS or self.match(h, "N") is not None
        for preps in (NOUN_ACTOR_PREPS, frozenset({"of"}), MULTI_ACTOR_PREPS, frozenset({"with"})):
            for ch in h.rights:
                if ch.dep_ != "prep":
                    continue
                if ch.lower_ in preps:
                    for p in ch.children:
                        # "an attack by gunmen": the agent of an event noun is its actor, named or not
                        agent = event_noun and ch.lower_ == "by" and p.pos_ in ("NOUN", "PROPN")
                        # "of" only for an actor named by the object itself ("the decision of X"), not for
                        # a thing an actor modifies ("a settlement of the X crisis")
                        own = p.i in self._ent_at or p.pos_ == "PROPN"
                        named = self.actorish(p) if ch.lower_ != "of" else own
                        if p.dep_ == "pobj" and (agent or named):
                            return p, ch
                # "the resumption of ties with X": one "of" step down
                if ch.lower_ == "of" and preps is not NOUN_ACTOR_PREPS:
                    for p in ch.children:
                        if p.dep_ != "pobj" or p.pos_ != "NOUN":
                            continue
                        for ch2 in p.rights:
                            if ch2.dep_ == "prep" and ch2.lower_ in preps and ch2.lower_ != "of":
                                for p2 in ch2.children:
                                    if p2.dep_ == "pobj" and self.actorish(p2):
                                        return p2, ch
        return None

    def with_possessor(self, h: Token, ent: Entity) -> Entity:
        """An actor mention whose head has a named possessor outside it ("China's government", "Iran's
        parliament"): the argument is the whole phrase, resolved as the mention is."""
        start = ent.start
        owner: Entity | None = None
        for ch in h.lefts:
            if ch.dep_ == "poss" and ch.idx < ent.start and (ch.i in self._ent_at or ch.pos_ == "PROPN"):
                start = min(start, ch.left_edge.idx)
                owner = self._ent_at.get(ch.i)
            elif ch.dep_ in ("det", "nummod", "quantmod", "amod") and ch.idx < ent.start:
                # "at least 17 soldiers", "the two armies": the mention's own determiners and numbers
                start = min(start, ch.left_edge.idx)
        if start == ent.start or any(s < ent.end and start < e for s, e in self._dateline):
            return ent
        between = [t for t in h.doc[h.i].sent if start <= t.idx < ent.start]
        if any(t.dep_ in ("cc", "conj") for t in between):
            return ent  # "the Russian and Ukrainian sides": another mention, not a modifier of this one
        if h.idx + len(h.text) != ent.end:
            return ent
        if ent.code is None and owner is not None and owner.code is not None:
            # "Ecuador's president" with the title unresolved: the possessor says whose it is
            note = f"contains actor mention {owner.entity_text!r}"
            text = self.doc.text[start : ent.end]
            return replace(ent, entity_text=text, start=start, code=owner.code, notes=[*ent.notes, note])
        return replace(ent, entity_text=self.doc.text[start : ent.end], start=start)

    def locative_pp(self, h: Token, of: bool = False) -> tuple[Token, Entity | None] | None:
        """A prepositional phrase placing the head's referent ("a court in X", "soldiers from X", "the base
        near X"; with ``of``, also "the mayor of X"): (its last token, the actor mention it names) or None."""
        for ch in h.rights:
            if ch.dep_ != "prep" or ch.lower_ not in ("in", "from", "near", "at", *(("of",) if of else ())):
                continue
            for p in ch.children:
                if p.dep_ != "pobj" or p.ent_type_ in ("DATE", "TIME") or lower_lemma(p) in TIME_WORDS:
                    continue
                named = [x for x in p.subtree if x.i in self._ent_at or x.pos_ == "PROPN"]
                if named:
                    inner = next((self._ent_at[x.i] for x in named if x.i in self._ent_at), None)
                    return ch.right_edge, inner
        return None

    def apposition(self, h: Token, ap: Entity) -> Entity:
        """A head with a named apposition ("the Palestinian president, X", "his counterpart, X"): the whole
        phrase, resolved as the apposition is."""
        np = self.noun_phrase(h, resolved_from=ap)
        if np is None:
            return ap
        return replace(
            ap,
            entity_text=np.entity_text,
            start=np.start,
            end=np.end,
            sentence=np.sentence,
            notes=[*np.notes, *ap.notes],
        )

    def quote_speaker(self, h: Token) -> Entity | None:
        """ "I"/"my" inside a direct quotation is its speaker (from the quotes stage): a pronoun record at
        the token's own offsets, resolved as the speaker is."""
        for q in self.doc.quotes:
            sp = q.speaker
            if q.kind == "indirect" or sp is None or (sp.code is None and sp.name is None):
                continue
            if not q.content_start <= h.idx < q.content_end:
                continue
            return replace(
                sp,
                entity_text=h.text,
                start=h.idx,
                end=h.idx + len(h.text),
                sentence=self.doc.sentence_at(h.idx),
                kind="pronoun",
                label=None,
                role=f"quote speaker->{sp.name or sp.entity_text}",
                notes=[],
            )
        return None

    def noun_phrase(
        self,
        h: Token,
        resolved_from: Entity | None = None,
        include_of: bool = False,
        upto: Token | None = None,
    ) -> Entity | None:
        if h.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"):
            return None
        left = h
        for ch in h.lefts:
            if ch.dep_ in (
                "det",
                "amod",
                "compound",
                "poss",
                "nummod",
                "nmod",
                "quantmod",
                "npadvmod",
                "advmod",
            ):
                left = min(left, ch.left_edge, key=lambda x: x.i)
        right = h
        # the whole noun phrase: "of"-complements, appositions and reduced (participle) clauses on the head
        # ("the rebel-held enclave of X", "his counterpart, President Y", "warplanes supported by Z")
        for ch in h.rights:
            if (ch.dep_ == "prep" and ch.lower_ == "of") or ch.dep_ in ("appos", "acl"):
                if ch.dep_ in ("acl", "relcl") and not include_of and h.pos_ == "PRON":
                    continue
                if ch.dep_ == "acl" and ch.tag_ not in ("VBN", "VBG"):
                    continue  # "the decision to recognise X", "the announcement that X": the noun's content
                right = max(right, ch.right_edge, key=lambda x: x.i)
        if upto is not None:
            right = max(right, upto.right_edge, key=lambda x: x.i)
        loc = self.locative_pp(h) if h.pos_ == "NOUN" else None
        if loc is not None:
            right = max(right, loc[0], key=lambda x: x.i)
        for ch in h.rights:
            if ch.dep_ in ("compound", "case") and ch.i == right.i + 1:
                right = ch
        span = h.doc[left.i : right.i + 1]
        while len(span) > 1 and (
            span[0].pos_ == "PUNCT"
            or (span[0].i < h.i and span[0].ent_type_ in ("DATE", "TIME") and time_like(span[0]))
        ):
            span = span[1:]
        while len(span) > 1 and (
            span[-1].pos_ == "PUNCT"
            or (span[-1].i > h.i and span[-1].ent_type_ in ("DATE", "TIME") and time_like(span[-1]))
            or (span[-1].i > h.i and span[-1].dep_ in ("prep", "cc"))
        ):
            span = span[:-1]  # "... on March 31": the time of the event, not part of the argument
        start, end = span.start_char, span.end_char
        notes = []
        if resolved_from is not None:
            notes.append(f"contains actor mention {resolved_from.entity_text!r}")
        return Entity(
            entity_text=self.doc.text[start:end],
            start=start,
            end=end,
            sentence=self.doc.sentence_at(start),
            name=resolved_from.name if resolved_from is not None else None,
            code=resolved_from.code if resolved_from is not None else None,
            sector=None,
            kind="noun_phrase",
            ref=resolved_from.ref if resolved_from is not None else None,
            notes=notes,
        )

    # ------------------------------------------------------------------ finishing an event
    def non_agent(self, h: Token) -> bool:
        """A subject naming a quantity or market ("sales", "oil prices"), with no actor inside its phrase."""
        words = nonagents()
        if h.pos_ != "NOUN" or h.i in self._ent_at or (lower_lemma(h) not in words and h.lower_ not in words):
            return False
        return not any(x.i != h.i and (x.i in self._ent_at or x.pos_ == "PROPN") for x in h.subtree)

    def finish(self, c: Cand, sent_index: int, sent: Span) -> Event | None:
        lex = self.lex
        event, mode, cameo, aux = c.event, list(c.mode), c.cameo, list(c.aux)
        if c.actor_heads and all(self.non_agent(h) for h in c.actor_heads):
            return None  # "auto sales are declining": no political actor, no PLOVER event
        if self.under_consider(c):
            return None  # "is considering sending aid": weighing an option is a statement (CAMEO 014)
        if event in ("CONSULT", "AGREE"):
            # "visit the summit": a meeting is where the actor goes, not a participant
            c.recipient_heads = [r for r in c.recipient_heads if not self.names_meeting(r)]
        actors = self.entities_for(c.actor_heads, set())
        rheads = [self.object_antecedent(r, c) for r in c.recipient_heads]
        recips = self.entities_for([r for r in rheads if r not in c.actor_heads], set())
        akeys = {(a.start, a.end) for a in actors}
        recips = [r for r in recips if (r.start, r.end) not in akeys]
        # PLOVER reductions (manual, "Auxiliary modes" and the AGREE / CONCEDE / REJECT notes)
        if "negated" in aux:
            if event in COOPERATIVE and actors:
                inner = Cand(c.tokens, event, mode, cameo, set(), 0, c.clause)
                event, cameo = "REJECT", "12" + ("5" if event in ("CONSULT", "AGREE") else "0")
                mode = self.inner_mode("REJECT", inner)
                aux = [a for a in aux if a != "negated"]
            elif event == "REJECT":
                return None  # "did not reject" is not a rejection
        elif "future" in aux and not {"hypothetical"} & set(aux):
            # the actor's own future ("will meet", "plans to send"), not an expectation reported by others
            if event in ("CONSULT", "SUPPORT", "COOPERATE", "AID"):
                event, cameo, mode = (
                    "AGREE",
                    {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033"}[event],
                    [],
                )
                aux = [a for a in aux if a != "future"]
            elif event == "RETREAT" and not c.nominal:
                # announced intent to yield: CAMEO 035, which CAMEO2PLOVER codes AGREE
                event, cameo, mode = "AGREE", "035", []
                aux = [a for a in aux if a != "future"]
            elif event == "MOBILIZE" and recips:
                # "ready to send troops to X": intent to provide military assistance (CAMEO 0332)
                event, cameo, mode = "AGREE", "033", []
                aux = [a for a in aux if a != "future"]
            elif actors and (event in MATERIAL_CONFLICT or event == "PROTEST" or cameo == "125"):
                # announced force, sanctions, protests or boycotts: THREATEN (manual: THREATEN = ASSAULT +
                # hypothetical, coded as the single category); the mode is the content of the threat
                inner = Cand(c.tokens, event, mode, cameo, set(), 0, c.clause)
                tmode = self.inner_mode("THREATEN", inner)
                if event == "PROTEST" or cameo == "125":
                    tmode = ["relations"]
                event, mode = "THREATEN", tmode
                cameo = {"ASSAULT": "138", "MOBILIZE": "138", "PROTEST": "133"}.get(c.event, "130")
                if c.cameo == "125":
                    cameo = "134"
                aux = [a for a in aux if a != "future"]
        if "expected" in aux:
            aux = list(dict.fromkeys("future" if a == "expected" else a for a in aux))
        if "hypothetical" in aux and not actors and not recips:
            return None  # "should agreements be reached": a condition with no one acting is no event
        if (
            event == "ASSAULT"
            and lower_lemma(c.tokens[-1]) == "attack"
            and lower_lemma(c.tokens[0]) not in ORDER_VERBS
            and c.actor_heads
            and all(h.ent_type_ == "PERSON" for h in c.actor_heads)
            and not ({t.lower_ for t in sent} & VIOLENCE_CUES)
        ):
            # a named person "launching an attack on" someone, with no sign of violence: a verbal attack
            event, mode, cameo = "ACCUSE", ["disapprove"], "111"
        if event == "ASSAULT" and {"cyber", "cyberattack", "hacker", "hackers", "hacking"} & {
            t.lower_ for t in sent
        }:
            event, mode, cameo = "COERCE", ["cyber"], "170"
        if (
            event == "PROTEST"
            and actors
            and all((a.sector in ("GOV", "MIL") or (a.label == "GPE" and a.kind == "ner")) for a in actors)
            and c.tokens[0].pos_ != "NOUN"
        ):
            event, mode, cameo = "ACCUSE", ["disapprove"], "111"
        # evidence span
        toks = set(c.tokens) | set(c.extra)
        for h in c.actor_heads + c.recipient_heads:
            toks.add(h)
        starts = [t.idx for t in toks] + [e.start for e in actors + recips]
        ends = [t.idx + len(t.text) for t in toks] + [e.end for e in actors + recips]
        for t in self.clause_tokens(c):
            starts.append(t.idx)
            ends.append(t.idx + len(t.text))
        start = max(min(starts), sent.start_char)
        end = min(max(ends), sent.end_char)
        text = self.doc.text
        while end > start and text[end - 1] in " ,;:.\n\t\"'”’":
            end -= 1
        while start < end and text[start] in " ,;:\n\t\"'“‘":
            start += 1
        if end <= start:
            return None
        span_toks = [t for t in sent if t.idx >= start and t.idx + len(t.text) <= end]
        # modes and contexts from cues inside the evidence
        lemmas = {t.lower_ for t in span_toks} | {lower_lemma(t) for t in span_toks}
        if c.nominal:
            lemmas |= {x.lower_ for x in c.tokens[0].children}
        if not mode and event in lex.mode_cues:
            for value, cue in lex.mode_cues[event]:
                if lemmas & cue:
                    mode = [value]
                    break
        if event == "ASSAULT" and (not mode or mode[0] in ("explosives", "heavy-weapons")):
            for value in ("drone", "aerial"):
                cue = dict(lex.mode_cues.get("ASSAULT", [])).get(value, frozenset())
                if lemmas & cue:
                    mode = [value]
                    break
        if event == "CONSULT" and "phone" not in mode and lemmas & {"phone", "telephone", "videoconference"}:
            mode = ["phone", *[m for m in mode if m != "visit"]]
        if event == "MOBILIZE" and lemmas & {"peacekeeping", "peacekeeper", "peacekeepers"}:
            # deploying peacekeepers is providing military protection (CAMEO 074, PLOVER AID)
            event, mode, cameo = "AID", [], "074"
        if (
            event == "MOBILIZE"
            and cameo == "152"
            and {lower_lemma(t) for t in c.tokens} & EXERCISES
            and (
                "joint" in lemmas
                or len({a.code or a.entity_text for a in actors}) > 1
                or any(has_prep(t, WITH) for t in c.tokens)
            )
        ):
            # joint military exercises / war games are COOPERATE (CAMEO 062); only single-country exercises
            # are MOBILIZE (manual, MOBILIZE ambiguities)
            event, mode, cameo = "COOPERATE", [], "062"
        context = set(c.context)
        for value, cue in lex.context_cues:
            if lemmas & cue:
                context.add(value)
        if "cyber" in mode:
            context.add("cyber")
        if "human" in lemmas and "rights" in lemmas:
            context.add("human_rights")
        context.discard("human_rights") if not ({"human"} & lemmas) else None
        # trigger text
        trig = sorted(c.tokens, key=lambda t: t.i)
        t_start = trig[0].idx
        t_end = trig[-1].idx + len(trig[-1].text)
        if t_start < start or t_end > end:
            start, end = min(start, t_start), max(end, t_end)
        # confidence
        conf = c.conf
        if not actors:
            conf -= 0.2
        elif all(a.kind == "noun_phrase" and a.code is None for a in actors):
            conf -= 0.1
        else:
            conf += 0.05
        if aux:
            conf -= 0.05
        if c.clause.dep_ == "ccomp" and lower_lemma(c.clause.head) in SPEECH:
            conf -= 0.05
        if c.clause.dep_ in ("relcl", "acl") and not c.nominal:
            conf -= 0.1  # background in a relative clause ("a journalist who was arrested last year")
        conf = round(max(0.05, min(0.99, conf)), 2)
        date, source = self.event_date(c, sent)
        root = cameo[:2]
        return Event(
            id="",
            event=event,
            start=start,
            end=end,
            event_text=text[start:end],
            sentence=sent_index,
            date=date,
            mode=[*dict.fromkeys(m for m in mode if m), *aux],
            context=sorted(context),
            actor=actors,
            recipient=recips,
            event_loc=self.event_place(c, sent, actors, start, end),
            quad_code=lex.quad.get(event),
            event_scale=lex.scale(event, mode),
            cameo_root=root,
            goldstein=lex.goldstein_root.get(root),
            confidence=conf,
            trigger=text[t_start:t_end],
            trigger_start=t_start,
            trigger_end=t_end,
            date_source=source,
        )

    def under_consider(self, c: Cand) -> bool:
        """The event is an option that its governing verb weighs ("is considering sending aid")."""
        node = c.clause
        for _ in range(4):
            if node.head is node or node.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj"):
                return False
            node = node.head
            if lower_lemma(node) in self.lex.consider:
                return True
        return False

    def clause_tokens(self, c: Cand) -> list[Token]:
        head = c.clause
        out = [head]
        skip = {
            "conj",
            "cc",
            "parataxis",
            "advcl",
            "relcl",
            "punct",
            "mark",
            "discourse",
            "ccomp",
            "appos",
            "nsubj",
            "nsubjpass",
            "csubj",
            "meta",
            "dep",
            "acl",
        }
        if c.inner is not None:
            skip.discard("ccomp")
        for ch in head.children:
            if ch.dep_ in skip:
                continue
            out.extend(ch.subtree)
        return out

    # ------------------------------------------------------------------ date and place
    def clause_heads(self, c: Cand) -> set[int]:
        heads = {t.i for t in c.tokens} | {t.i for t in c.extra}
        node = c.clause
        # a noun trigger's clause is the verb it hangs from
        if c.nominal and node.head.i != node.i:
            heads.add(node.head.i)
        n = c.clause
        while n.dep_ in ("xcomp", "conj") and n.head.i != n.i:
            n = n.head
            heads.add(n.i)
        return heads

    def attach(self, tok: Token, heads: set[int]) -> bool:
        node = tok
        for _ in range(8):
            if node.i in heads:
                return True
            if node.head.i == node.i:
                return False
            if node.i != tok.i and node.pos_ in ("VERB", "AUX") and node.i not in heads:
                return False
            node = node.head
        return False

    def event_date(self, c: Cand, sent: Span) -> tuple[str | None, str | None]:
        heads = self.clause_heads(c)
        sdoc = sent.doc
        best: Timex | None = None
        anchor = c.tokens[0].idx
        for tx in sorted(self.doc.times, key=lambda x: abs(x.start - anchor)):
            if tx.type != "DATE" or not (sent.start_char <= tx.start < sent.end_char):
                continue
            span = sdoc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is None:
                continue
            if self.attach(span.root, heads):
                best = tx
                break
        if best is not None:
            v = norm_value(best.value)
            if v is not None:
                return v, "timex"
        d = self.doc.article.date
        if d is not None:
            return d.isoformat(), "article"
        return None, None

    def place_anchors(self, c: Cand, sent: Span, start: int, end: int) -> set[int]:
        """Tokens of the event's clause: the evidence span, the trigger's clause heads, and the verbs
        the span's clause hangs from through clause links ("gathered in X to protest")."""
        anchors = self.clause_heads(c)
        toks = [t for t in sent if start <= t.idx < end]
        anchors |= {t.i for t in toks}
        for t in toks:
            if t.head.idx < start or t.head.idx >= end or t.head.i == t.i:
                h, steps = t, 0
                while h.dep_ in CLAUSE_LINKS and h.head.i != h.i and steps < 3:
                    h = h.head
                    anchors.add(h.i)
                    steps += 1
        return anchors

    @staticmethod
    def under_place_phrase(c: Cand, head: Token, pl: Place) -> bool:
        """The parser sometimes hangs a sentence's main clause inside a fronted locative phrase
        ("On <date>, in X, workers gathered to protest": "gathered" as a modifier of "workers", the
        object of "in"): the event's clause is then inside the place's own prepositional phrase."""
        prep = next(
            (
                ch
                for ch in [head, *head.children]
                if ch.dep_ in ("prep", "ROOT")
                and ch.pos_ == "ADP"
                and ch.left_edge.idx <= pl.start < ch.right_edge.idx + len(ch.right_edge.text)
            ),
            None,
        )
        if prep is None:
            return False
        node, steps = c.clause, 0
        while node.head.i != node.i and steps < 6:
            if node.dep_ not in ("acl", "relcl", "advcl", "xcomp", "conj", "appos", "pobj", "ccomp"):
                return False
            node = node.head
            steps += 1
            if node.i == prep.i:
                return True
        return False

    def event_place(
        self, c: Cand, sent: Span, parties: list[Entity], start: int, end: int
    ) -> Place | None:
        """The place whose locative phrase (``Place.head``, filled by the geo stage) hangs from the
        event's clause; never a dateline place nor a capital used as an actor; a place inside one of
        the ``parties`` (the actors) only through a locative phrase of its own ("residents of X").  A
        target place counts ("shelled the village of X").  Among
        several, the most specific (town before division before country), then the nearest."""
        anchors = self.place_anchors(c, sent, start, end)
        by_idx = {t.idx: t for t in sent}
        taken = {(e.start, e.end) for e in parties}
        best: tuple[tuple[int, int, int], Place] | None = None
        for pl in self.doc.places:
            if pl.role != "place" or pl.from_dateline or pl.head is None:
                continue
            if not (sent.start_char <= pl.start < sent.end_char):
                continue
            if pl.attachment is None and any(s <= pl.start and pl.end <= e for s, e in taken):
                continue  # a name inside an actor's phrase, not a locative phrase of its own
            if pl.attachment == "obj" and c.event not in OBJECT_LOCATES:
                continue  # "accused Kyiv", "criticised France": the object is a target, not a place
            gov = by_idx.get(pl.head)
            if gov is None:
                continue
            if not governed_by(gov, anchors) and not self.under_place_phrase(c, by_idx[pl.head], pl):
                continue
            fc = pl.feature_code or ""
            spec = 0 if fc.startswith("PPL") else PLACE_SPECIFICITY.get(fc, 3)
            # "in X (Y)", "in X, Y": the appositive is the wider area
            span = sent.doc.char_span(pl.start, pl.end, alignment_mode="expand")
            appos = int(span is not None and span.root.dep_ == "appos")
            rank = (spec, appos, abs(pl.start - start))
            if best is None or rank < best[0]:
                best = (rank, pl)
        return best[1] if best is not None else None


def time_like(t: Token) -> bool:
    """A word of a time expression (a number, a month or day name, "week"...), as opposed to a noun the NER
    swept into a DATE entity ("March 4 - Farmers")."""
    return (
        t.like_num
        or t.is_punct
        or t.lower_ in TIME_WORDS
        or t.lower_ in MONTHS
        or t.pos_ not in ("NOUN", "PROPN")
    )


def norm_value(value: str | None) -> str | None:
    """A TIMEX3 value usable as an event date: a day as YYYY-MM-DD, coarser values as given."""
    if not value or "X" in value or value.startswith("P") or value.endswith("_REF"):
        return None
    m = DAY.match(value)
    if m:
        return m.group(1)
    if COARSE.match(value):
        return value
    return None
