"""Person pronouns resolved only where the text supports a referent (docs/names-audit.md: an unresolved
pronoun is no error, a wrong link is).  Sentences written for these tests; the people are fictional."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.model import Document

Code = Callable[..., Document]


def name_of(doc: Document, text: str, nth: int = 0) -> str | None:
    """The name of the ``nth`` pronoun entity ``text`` (None when it has no entity or no name)."""
    hits = [e for e in doc.entities if e.entity_text == text and e.kind == "pronoun"]
    return hits[nth].name or None if len(hits) > nth else None


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # a pronoun is not a person named in the clause it governs (binding, Principle C)
        ("Senator Mark Oldfield spoke on Monday. He said that Oldfield should resign.", "He", None),
        (
            "Carl Brandt spoke to Paul Wendt on Monday. Later he said that Brandt's plan was wrong.",
            "he",
            "Paul Wendt",
        ),
        # a subject pronoun of a relative clause on "whom" is not the noun the clause modifies
        (
            "Mark Oldfield spoke to Carl Brandt. Oldfield, whom he had known for years, praised the plan.",
            "he",
            "Carl Brandt",
        ),
        # an object pronoun of a relative clause on "who" is not the noun the clause modifies
        (
            "Mark Oldfield spoke. The court heard Carl Brandt, his old partner, who blamed him for it.",
            "him",
            "Mark Oldfield",
        ),
        # a person the relative "who" stands for and the stage cannot name: no answer
        ("Carl Brandt spoke first. Later one witness who said he saw the crash left the room.", "he", None),
        # a subject noun for a person governs the pronoun's clause: that person, unnamed
        (
            "Senator Carl Brandt questioned Paul Wendt in the hearing, but the secretary hesitated, "
            "saying he needed more time.",
            "he",
            None,
        ),
        ("Carl Brandt spoke on Monday. The worker said he was tired.", "he", None),
        # the governing clause has a person object besides its person subject: two candidates
        (
            "Carl Brandt spoke on Monday. Senator Mark Oldfield criticised Paul Wendt over the delay, "
            "saying he had to act by Friday.",
            "he",
            None,
        ),
        # a person named in the pronoun's own sentence competes with the subject of an earlier sentence
        (
            "Carl Brandt spoke on Monday. The board pointed to Paul Wendt's silence, and he accepted it.",
            "he",
            None,
        ),
    ],
)
def test_subject_and_object_pronouns(code: Code, text: str, word: str, expected: str | None) -> None:
    doc = code(text, date="2019-06-01")
    assert name_of(doc, word) == expected, [(e.entity_text, e.name) for e in doc.entities]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # "X and his Y": X, also when X is a person with no name
        ("Carl Brandt wanted to question the rival candidate and his aides.", "his", None),
        # a possessive before its clause's subject refers to that subject
        (
            "Mark Oldfield spoke on Monday. In his letter, Oldfield's rival Carl Brandt promised to act.",
            "his",
            None,
        ),
        ("Mark Oldfield met Carl Brandt on Monday. After his loss, Brandt resigned.", "his", "Carl Brandt"),
        # "praised Y for his courage": the object
        (
            "Mark Oldfield said Carl Brandt fired Paul Wendt, and he praised Wendt for his courage.",
            "his",
            "Paul Wendt",
        ),
        # an object of the pronoun's gender competes with the subject: no answer
        ("Carl Brandt met Paul Wendt in May. Mark Oldfield called him because of his work.", "his", None),
        ("Mark Oldfield spoke on Monday. The scandal might cost the governor his seat.", "his", None),
        # a possessive in a relative clause on "who": the noun the clause modifies (here unnamed)
        ("Carl Brandt spoke on Monday. One soldier, who would not reveal his rank, left.", "his", None),
        # a common noun of the pronoun's gender competes: no answer
        ("Carl Brandt shouted at the girl and pushed her.", "her", None),
        ("Maria Oldfield said she visited a woman who had lost her job.", "her", None),
    ],
)
def test_possessive_and_object_pronouns(code: Code, text: str, word: str, expected: str | None) -> None:
    doc = code(text, date="2019-06-01")
    assert name_of(doc, word) == expected, [(e.entity_text, e.name) for e in doc.entities]


def test_capitalised_pronoun_after_a_word_is_part_of_a_title(code: Code) -> None:
    doc = code("Maria Oldfield is a novelist and the author of Show Him the Door.", date="2019-06-01")
    assert not [e for e in doc.entities if e.entity_text == "Him"], doc.entities
