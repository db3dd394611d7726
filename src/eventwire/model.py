"""The one data model every stage reads and writes.

article -> sentences -> mentions (entities) -> events, quotes, times, places.

Every record carries character offsets (``start``, ``end``) into ``Article.text`` (the
article body) and the index of the sentence it came from, so that ``text[start:end]``
is exactly the reported surface text.  ``Document`` is the working object the pipeline
passes from stage to stage; ``Document.to_dict()`` gives the output contract documented
in ``docs/output.md``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect", "mixed"]

#: The 16 PLOVER event types (PLOVER manual, section 2).
PLOVER_EVENTS: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass(slots=True)
class Article:
    """An input article: the body ``text`` that all offsets index, and its metadata."""

    id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    #: where the record came from (``path`` or ``path:line``), for messages
    origin: str | None = None
    #: problems the reader met that did not stop the article being coded
    warnings: list[Warning_] = field(default_factory=list)

    def header(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "url": self.url,
            "source": self.source,
        }


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    #: why the sentence is excluded from coding (pasted headline, caption...), else None
    boilerplate: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "boilerplate": self.boilerplate,
        }


@dataclass(slots=True)
class Entity:
    """An actor mention, resolved (where the knowledge base allows) on the article's date."""

    entity_text: str
    start: int
    end: int
    sentence: int
    #: canonical name of who the mention refers to, None when unresolved
    name: str | None = None
    #: ISO 3166-1 alpha-3 for states; documented codes for IGOs and others
    code: str | None = None
    #: PLOVER sector code (GOV, MIL, REB, CVL...)
    sector: str | None = None
    wikidata_id: str | None = None
    #: what made the resolution: "office:President of Russia", "country-name", "agent:police"...
    role: str | None = None
    #: how the mention was found: ner, agent, pronoun, title, metonym, noun_phrase
    kind: str = "ner"
    #: spaCy NER label where there is one
    label: str | None = None
    #: id shared by all mentions of one referent inside the article (coreference)
    ref: str | None = None
    confidence: float | None = None
    notes: list[str] = field(default_factory=list)
    #: why the mention got its code: kb_person_role, title_nationality, demonym, organisation, acronym,
    #: coreference, metonym, country_name, office_holder, unresolved_person, unresolved_pronoun, quote_speaker
    #: (a first-person pronoun of a direct quote: its speaker)...
    basis: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_text": self.entity_text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "code": self.code,
            "sector": self.sector,
            "wikidata_id": self.wikidata_id,
            "role": self.role,
            "kind": self.kind,
            "label": self.label,
            "ref": self.ref,
            "sentence": self.sentence,
            "confidence": self.confidence,
            "notes": list(self.notes),
            "basis": self.basis,
        }


@dataclass(slots=True)
class Place:
    text: str
    start: int
    end: int
    sentence: int
    name: str | None = None
    geonameid: int | None = None
    #: ISO 3166-1 alpha-2
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    #: "place" for a location, "actor" for a capital or seat used as a metonym ("Moscow said")
    role: str = "place"
    #: True when the place comes from the dateline rather than the clause
    from_dateline: bool = False
    confidence: float | None = None
    #: character offset of the token the locative phrase attaches to (the verb or noun it modifies:
    #: "clashed" in "clashed in X", "protest" in "a protest near X"); None when it attaches to nothing
    head: int | None = None
    #: how it attaches: the preposition ("in", "near", "outside", "of" after a place noun) or "obj"
    attachment: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "geonameid": self.geonameid,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "feature_code": self.feature_code,
            "role": self.role,
            "from_dateline": self.from_dateline,
            "sentence": self.sentence,
            "confidence": self.confidence,
            "head": self.head,
            "attachment": self.attachment,
        }


@dataclass(slots=True)
class Timex:
    text: str
    start: int
    end: int
    sentence: int
    type: TimexType
    #: TIMEX3 value ("2025-05-19", "2025-W20", "PT2H", "XXXX-WXX-1"...), None if not normalisable
    value: str | None
    #: TIMEX3 modifier (APPROX, MORE_THAN, START...), when the text gives one
    mod: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "value": self.value,
            "mod": self.mod,
            "sentence": self.sentence,
        }


@dataclass(slots=True)
class Quote:
    content: str
    content_start: int
    content_end: int
    sentence: int
    kind: QuoteKind
    speaker: Entity | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_text": self.speaker_text,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "cue": self.cue,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "content": self.content,
            "content_start": self.content_start,
            "content_end": self.content_end,
            "kind": self.kind,
            "sentence": self.sentence,
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class Event:
    id: str
    event: str
    #: span of the evidence for the event (the clause or phrase), offsets into the body
    start: int
    end: int
    event_text: str
    sentence: int
    date: str | None = None
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    actor: list[Entity] = field(default_factory=list)
    recipient: list[Entity] = field(default_factory=list)
    event_loc: Place | None = None
    quad_code: int | None = None
    event_scale: float | None = None
    cameo_root: str | None = None
    goldstein: float | None = None
    confidence: float = 0.0
    #: the trigger word(s) that fired the event
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    #: where ``date`` came from: "timex" (the governing expression) or "article"
    date_source: str | None = None
    #: the quotation this event is stated in (index into ``Document.quotes``): its trigger is inside the
    #: quoted or reported content, or is the quotation's reporting verb ("accused", "warned")
    quote: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "event": self.event,
            "mode": list(self.mode),
            "context": list(self.context),
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [r.to_dict() for r in self.recipient],
            "event_text": self.event_text,
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "quad_code": self.quad_code,
            "event_scale": self.event_scale,
            "cameo_root": self.cameo_root,
            "goldstein": self.goldstein,
            "confidence": self.confidence,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "date_source": self.date_source,
            "quote": self.quote,
        }


@dataclass(slots=True)
class Warning_:
    """A problem with one record that did not stop it being coded."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(slots=True)
class Reject:
    """A record that could not be coded, with the reason.  Never silently dropped."""

    origin: str
    reason: str
    code: str
    article_id: str | None = None
    #: the first bytes of the raw record, for the rejects table
    raw: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "code": self.code,
            "reason": self.reason,
            "article_id": self.article_id,
        }


@dataclass
class Document:
    """The working object: an article and everything the stages found in it."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    #: the spaCy parse of ``article.text`` (not serialised)
    spacy: Doc | None = None

    def __post_init__(self) -> None:
        self.warnings.extend(self.article.warnings)

    @property
    def text(self) -> str:
        return self.article.text

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(Warning_(code, message))

    def coded_sentences(self) -> list[Sentence]:
        """Sentences that carry story text (not pasted headlines or captions)."""
        return [s for s in self.sentences if s.boilerplate is None]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding character ``offset`` (binary search)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return max(0, min(lo, len(self.sentences) - 1))

    def in_boilerplate(self, start: int, end: int) -> bool:
        if not self.sentences:
            return False
        s = self.sentences[self.sentence_at(start)]
        return s.boilerplate is not None

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """Entities whose span lies inside ``[start, end)``."""
        return [e for e in self.entities if e.start >= start and e.end <= end]

    def to_dict(self, include_text: bool = True) -> dict[str, Any]:
        header = self.article.header()
        if include_text:
            header["text"] = self.article.text
        return {
            "article": header,
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
            "times": [t.to_dict() for t in self.times],
            "places": [p.to_dict() for p in self.places],
            "sentences": [s.to_dict() for s in self.sentences],
            "warnings": [w.to_dict() for w in self.warnings],
        }
