"""First-person pronouns of a direct quote are entities of its speaker (``quotes/first_person.py``).
Sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Document

Code = Callable[..., Document]


@pytest.mark.parametrize(
    ("text", "pronoun", "speaker"),
    [
        ('"I will not resign," Prime Minister Boris Johnson said on Monday.', "I", "Boris Johnson"),
        ('Johnson said: "I reject the claims made by my opponents."', "my", "Boris Johnson"),
        ('Maria Lopez told reporters: "They asked me to stay, and I said no."', "me", "Maria Lopez"),
        ('"Nobody asked me," Maria Lopez said. "I read it in the paper myself."', "myself", "Maria Lopez"),
    ],
)
def test_first_person_in_a_direct_quote_is_its_speaker(
    code: Code, text: str, pronoun: str, speaker: str
) -> None:
    doc = code(text, date="2019-12-01")
    hits = [e for e in doc.entities if e.entity_text == pronoun]
    assert hits, doc.entities
    for e in hits:
        assert (e.name, e.kind, e.basis) == (speaker, "pronoun", "quote_speaker")
        assert doc.text[e.start : e.end] == pronoun
        assert e.confidence is not None and 0 < e.confidence <= 0.8
    ref = next(e.ref for e in doc.entities if e.name == speaker and e.basis != "quote_speaker")
    assert all(e.ref == ref for e in hits)


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        # no speaker resolved to a person: the pronoun stays out
        ('"They attacked me," he said.', "me"),
        # "we" may be a party, a government or a family
        ('Maria Lopez said: "We will fight this ruling."', "We"),
        # reported speech: the reporter's "I", not the speaker's
        ("Maria Lopez said I was wrong about the vote.", "I"),
    ],
)
def test_no_speaker_entity_for_other_first_person_pronouns(code: Code, text: str, pronoun: str) -> None:
    doc = code(text, date="2019-12-01")
    assert not [e for e in doc.entities if e.entity_text == pronoun and e.basis == "quote_speaker"]


def test_entities_stay_in_text_order(code: Code) -> None:
    doc = code('Johnson said: "I reject the claims made by my opponents," and left.', date="2019-12-01")
    starts = [e.start for e in doc.entities]
    assert starts == sorted(starts)
