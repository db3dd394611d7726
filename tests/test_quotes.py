"""Quotes stage: direct, indirect, mixed and floating quotations on sentences written here."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.model import Document, Quote
from eventwire.pipeline import Pipeline
from eventwire.quotes import load_cues
from eventwire.quotes.marks import find_quotes
from helpers import check_offsets

Code = Callable[..., Document]


def _check_offsets(doc: Document) -> None:
    check_offsets(doc)
    for q in doc.quotes:
        if q.speaker is not None:
            assert q.speaker in doc.entities


def _find(doc: Document, fragment: str) -> Quote:
    hits = [q for q in doc.quotes if fragment in q.content]
    assert hits, f"no quote holding {fragment!r}: {[q.content for q in doc.quotes]}"
    return hits[0]


# --------------------------------------------------------------------------- marks


def test_marks_pair_straight_curly_guillemets_single() -> None:
    text = 'A "first one" and “second one” and «third one» and ‘fourth one’ here.'
    got = [text[a:b] for q in find_quotes(text) for a, b in q.parts]
    assert got == ["first one", "second one", "third one", "fourth one"]


def test_apostrophes_do_not_open_quotes() -> None:
    text = "The ministers' view isn't new: Russia's envoy said “we can’t wait” in the ’90s."
    got = [text[a:b] for q in find_quotes(text) for a, b in q.parts]
    assert got == ["we can’t wait"]


def test_nested_quote_belongs_to_outer() -> None:
    text = "“They called it ‘a farce’ at the time,” she said."
    (q,) = find_quotes(text)
    assert text[q.inner_start : q.inner_end] == "They called it ‘a farce’ at the time,"


def test_multi_paragraph_quote_is_one_span() -> None:
    text = "“The first paragraph ends open.\n\n“The second one closes,” she said."
    (q,) = find_quotes(text)
    assert len(q.parts) == 2
    assert text[q.inner_start : q.inner_end].endswith("closes,")


@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"'“”‘’«»")), max_size=80))
@settings(max_examples=200, deadline=None)
def test_marks_never_crash_and_stay_in_bounds(text: str) -> None:
    prev_end = -1
    for q in find_quotes(text):
        assert 0 <= q.open < q.close < len(text)
        assert q.open >= prev_end  # outermost pairs do not overlap
        prev_end = q.end
        for a, b in q.parts:
            assert q.open < a <= b <= q.close


def test_lexicon_loads() -> None:
    verbs, phrases = load_cues()
    assert verbs["say"] == "speech"
    assert ("according", "to") in phrases


# --------------------------------------------------------------------------- stage


@pytest.fixture(scope="module")
def story(code: Code) -> Document:
    text = (
        "Lisbon, March 3: Portuguese Prime Minister Ana Ferreira on Tuesday called the summit "
        '"a turning point" for the region. "We have waited a long time for this. '
        'Today we can finally begin," Ferreira told reporters after the meeting.\n\n'
        "The finance ministry said that the budget would be balanced by next year. "
        "Growth will slow in the second half, according to the central bank.\n\n"
        "“Nobody should doubt our resolve,” Ferreira said. “We will keep our promises.”\n\n"
        "“And we will keep them on time.”\n\n"
        "Martin Koller, the opposition leader, wrote on social media that the plan was reckless."
    )
    doc = code(text, date="2025-03-04")
    _check_offsets(doc)
    return doc


def test_direct_quote_over_sentences_with_cue_after(story: Document) -> None:
    q = _find(story, "We have waited a long time")
    assert q.kind == "direct"
    assert q.content.startswith("We have waited")
    assert q.content.endswith("begin,") or q.content.endswith("begin")
    assert q.cue == "told reporters"
    assert q.speaker_text == "Ferreira"
    assert q.speaker is not None and "Ferreira" in q.speaker.entity_text


def test_mixed_quote_fragment(story: Document) -> None:
    q = _find(story, "a turning point")
    assert q.kind == "mixed"
    assert q.cue == "called"
    assert q.speaker_text is not None and "Ferreira" in q.speaker_text


def test_indirect_that_clause_and_according_to(story: Document) -> None:
    q = _find(story, "the budget would be balanced")
    assert q.kind == "indirect"
    assert q.cue == "said"
    assert q.speaker_text == "The finance ministry"
    q2 = _find(story, "Growth will slow")
    assert q2.kind == "indirect"
    assert q2.cue == "according to"
    assert q2.speaker_text == "the central bank"


def test_quote_continues_after_cue_and_floating_paragraph(story: Document) -> None:
    first = _find(story, "Nobody should doubt")
    second = _find(story, "We will keep our promises")
    floating = _find(story, "keep them on time")
    assert first.speaker_text == second.speaker_text == floating.speaker_text == "Ferreira"
    assert floating.speaker is first.speaker
    assert floating.kind == "direct"


def test_written_cue(story: Document) -> None:
    q = _find(story, "the plan was reckless")
    assert q.cue == "wrote"
    assert q.speaker_text is not None and "Martin Koller" in q.speaker_text


def test_cue_before_quote_with_colon(code: Code) -> None:
    doc = code('The spokesman said: "The border stays closed until further notice."')
    _check_offsets(doc)
    q = _find(doc, "border stays closed")
    assert q.kind == "direct" and q.cue == "said" and q.speaker_text == "The spokesman"


def test_scare_quotes_without_cue_are_not_quotes(code: Code) -> None:
    doc = code('The so-called "peace plan" was published on Monday by the committee.')
    assert doc.quotes == []


def test_no_quotes_from_headlines(code: Code) -> None:
    text = (
        "The minister said the talks would continue on Friday. "
        "Trade Talks: Minister Says Deal Will Be Signed Quickly After Meeting With Partners.\n\n"
        "The weather was calm."
    )
    doc = code(text)
    _check_offsets(doc)
    for q in doc.quotes:
        assert not doc.in_boilerplate(q.content_start, q.content_end)
        assert "Deal Will Be Signed" not in q.content


def test_pronoun_speaker_without_entity_is_left_unresolved(code: Code) -> None:
    doc = code('Maria Lopez arrived late. "We expect a decision soon," she said.')
    _check_offsets(doc)
    q = _find(doc, "We expect a decision")
    assert q.speaker_text == "she"
    # only an actors-stage pronoun entity resolves it: the pronoun record at the span's own offsets
    assert q.speaker is not None
    assert q.speaker.kind == "pronoun"
    assert q.speaker.start == q.speaker_start


def test_unbalanced_marks_do_not_crash(code: Code) -> None:
    doc = code('He said "this never closes.\n\nAnother paragraph" and « odd » marks ” here.')
    _check_offsets(doc)


def test_relative_pronoun_speaker_keeps_span_and_resolves_antecedent(code: Code) -> None:
    doc = code("The talks were led by Maria Lopez, who said that a deal was close.")
    _check_offsets(doc)
    q = _find(doc, "a deal was close")
    assert q.speaker_text == "who"
    assert q.speaker is not None
    assert "Lopez" in q.speaker.entity_text


def test_programme_titles_are_not_quotes(code: Code) -> None:
    doc = code('The senator spoke on the radio on Tuesday, then appeared on CNN\'s "State of the Union."')
    _check_offsets(doc)
    assert all("State of the Union" not in q.content for q in doc.quotes)


def test_transcript_labels(code: Code) -> None:
    text = (
        "HOST: Welcome back to the programme this morning.\n"
        "GUEST: Thank you, it is good to be here.\n"
        "HOST: Let us talk about the budget first."
    )
    doc = code(text)
    _check_offsets(doc)
    q = _find(doc, "Thank you, it is good to be here")
    assert q.speaker_text == "GUEST" and q.kind == "direct"
    assert len([x for x in doc.quotes if x.speaker_text == "HOST"]) == 2


def test_single_heading_label_is_not_a_transcript(code: Code) -> None:
    doc = code("UPDATE: The bridge reopened to traffic on Sunday evening after repairs.")
    assert all(q.cue != ":" for q in doc.quotes)


def test_pull_quote_attributed_by_dash_and_label(code: Code) -> None:
    text = (
        "Voters in the valley were asked about the new road.\n\n"
        "“It has cut my commute in half and I am grateful for it.” ― Tomas Berg, teacher\n\n"
        "Ines Valdez: “The noise at night is worse than anyone promised us.”"
    )
    doc = code(text)
    _check_offsets(doc)
    q = _find(doc, "cut my commute")
    assert q.speaker_text == "Tomas Berg" and q.kind == "direct"
    q2 = _find(doc, "The noise at night")
    assert q2.speaker_text == "Ines Valdez"


def test_dash_after_quote_with_plain_text_is_not_a_speaker(code: Code) -> None:
    doc = code("The sign read “closed for the season” - and nobody came back that winter.")
    assert all(q.speaker_text != "and nobody came back that winter" for q in doc.quotes)


def test_doubled_apostrophes_act_as_double_quotes() -> None:
    text = "''It is settled,'' the mayor said, ''and we move on.'' The town's mood 'improved'."
    got = [text[q.inner_start : q.inner_end] for q in find_quotes(text)]
    assert got == ["It is settled,", "and we move on.", "improved"]


def test_inverted_cue_speaker_after_verb(code: Code) -> None:
    doc = code('"The harvest was better than last year," said Jonas Petrauskas, a farmer from the north.')
    _check_offsets(doc)
    q = _find(doc, "The harvest was better")
    assert q.cue == "said" and q.speaker_text is not None and "Petrauskas" in q.speaker_text


def test_participle_object_is_not_a_speaker(code: Code) -> None:
    doc = code("The mayor opened the bridge, calling the project a triumph of local engineering.")
    _check_offsets(doc)
    for q in doc.quotes:
        assert q.speaker_text != "the project"


_PIECES = [
    "the minister said",
    "“we will",
    "win,”",
    "she added.",
    '"Nobody',
    'knows"',
    "according to the agency",
    "it's",
    "the leaders'",
    "‘plan’",
    "«non»",
    "—",
    "\n\n",
    "'tis",
    "told reporters that",
    "prices rose.",
]


@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14))
@settings(max_examples=25, deadline=None)
def test_stage_offsets_hold_on_arbitrary_text(pipeline: Pipeline, pieces: list[str]) -> None:
    from eventwire.ingest import make_article

    text = " ".join(pieces).strip() or "x"
    doc = pipeline.code(make_article(text=text, date="2025-01-01"))
    _check_offsets(doc)
    for q in doc.quotes:
        assert q.content_end > q.content_start
        assert not doc.in_boilerplate(q.content_start, q.content_end)
