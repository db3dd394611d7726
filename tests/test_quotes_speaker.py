"""Quotes stage: who the speaker of a quote is, on sentences written here.

Each row: a text, a fragment of the quote's content, the text its speaker span must hold, and
text that no quote's speaker span may hold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from eventwire.model import Document
from helpers import check_offsets

Code = Callable[..., Document]


@dataclass(frozen=True)
class Row:
    text: str
    #: a piece of the quote's content that picks the quote
    fragment: str
    #: text the speaker span must contain (None: the quote may be absent)
    speaker: str | None = None
    #: text no quote's speaker span may contain
    absent: str | None = None
    #: text the resolved speaker entity must contain
    entity: str | None = None


ROWS = {
    # an outer reporting frame speaks for the frames nested in what it reports
    "outer_frame_after_clause": Row(
        "The union wants higher wages for the drivers, the minister said.",
        "higher wages",
        speaker="the minister",
        absent="union",
    ),
    "outer_frame_after_clause_thought": Row(
        "Most farmers believe the dam will flood their fields, the engineer told reporters on Friday.",
        "flood their fields",
        speaker="the engineer",
        absent="farmers",
    ),
    "outer_frame_mixed_quote": Row(
        'The union wants a "fair deal" for the drivers, the minister said on Friday.',
        "fair deal",
        speaker="the minister",
        absent="union",
    ),
    # a reporting verb inside a quotation gives no indirect speech of its own
    "cue_inside_unattributed_quotation": Row(
        'Residents gathered near a banner reading "The council says the water is safe to drink" on Monday.',
        "safe to drink",
        absent="council",
    ),
    "cue_inside_quotation_third_person": Row(
        'The leaflet, titled "Everyone knows the mayor is hiding the real budget figures", was found.',
        "real budget",
        absent="Everyone",
    ),
    # '"...," said X' with the parser's subject inside the quotation
    "inverted_after_quotation": Row(
        '"We cannot allow this to happen again in our town. #Harbor," tweeted a teacher from the valley.',
        "allow this",
        speaker="a teacher",
        absent="Harbor",
    ),
    # a subject parsed inside a quotation belongs to the quoted words: the noun phrase between the
    # closing mark and the verb speaks ('"...," Jane Doe, 58, told reporters')
    "named_after_quotation_said_by": Row(
        '"If the council had listened, I would not be standing here today," Mr. Berg, now 72 and retired in'
        " Malmo, said by telephone.",
        "council had listened",
        speaker="Mr. Berg",
        absent="I",
    ),
    "named_after_quotation_said_of": Row(
        '"They were never partners, only rivals," Peter Lund, the former mayor of the town, said of the two'
        " councillors.",
        "never partners",
        speaker="Peter Lund",
        absent="They",
    ),
    # the noun phrase after "tells" is the addressee, never an inverted speaker
    "addressee_after_tells": Row(
        '"Yes, I back the mayor," Tom Reed III, founder of the Harbor Trust, tells the Gazette in an'
        " interview.",
        "back the mayor",
        speaker="Tom Reed",
        absent="Gazette",
    ),
    # a cue in the next sentence with a clause of its own does not attribute the quotation
    "next_sentence_cue_with_own_clause": Row(
        '"We have been waiting for months," the mayor said on Monday. "The ferry has not run since the storm'
        ' in May." The minister added that the ferry would return soon.',
        "has not run",
        speaker="the mayor",
    ),
    "next_sentence_cue_keeps_its_clause": Row(
        '"We have been waiting for months," the mayor said on Monday. "The ferry has not run since the storm'
        ' in May." The minister added that the ferry would return soon.',
        "would return soon",
        speaker="The minister",
    ),
    # the speaker span is the whole noun phrase: appositions and prepositional modifiers
    "apposition_name": Row(
        "The head of the farmers union, Anna Berg, said that prices would fall.",
        "prices would fall",
        speaker="Anna Berg",
        entity="Anna Berg",
    ),
    "apposition_after_title": Row(
        "A spokesman for the port authority, Tomas Vidal, said the cranes would be replaced by March.",
        "cranes would be replaced",
        speaker="Tomas Vidal",
        entity="Tomas Vidal",
    ),
    "apposition_after_generic_title": Row(
        "An aide to the governor, Daniel Foster, said the bridge would stay closed until June.",
        "bridge would stay closed",
        speaker="Daniel Foster",
        entity="Daniel Foster",
    ),
    "prepositional_source": Row(
        "A new survey from the Harbor Institute shows that most residents oppose the plan.",
        "most residents oppose",
        speaker="from the Harbor Institute",
    ),
    # "it" as the active subject of a verb of saying stands for an organisation or document
    "it_said_after_statement": Row(
        "The ministry released a statement on Monday. It said that the border would reopen soon.",
        "border would reopen",
        speaker="It",
    ),
    "it_added_after_notice": Row(
        "The ferry company published a notice online. It added that the crossings would resume in May.",
        "crossings would resume",
        speaker="It",
    ),
}


@pytest.mark.parametrize("row", list(ROWS.values()), ids=list(ROWS))
def test_speaker(code: Code, row: Row) -> None:
    doc = code(row.text)
    check_offsets(doc)
    hits = [q for q in doc.quotes if row.fragment in q.content]
    if row.absent is not None:
        for q in doc.quotes:
            assert row.absent not in (q.speaker_text or ""), (q.speaker_text, q.content)
    if row.speaker is None:
        return
    assert hits, f"no quote holding {row.fragment!r}: {[q.content for q in doc.quotes]}"
    q = hits[0]
    assert q.speaker_text is not None and row.speaker in q.speaker_text, (q.speaker_text, q.content)
    if row.entity is not None:
        assert q.speaker is not None and row.entity in q.speaker.entity_text, q.speaker
