"""Boilerplate: sentences that are not story text.

News pages pasted into a body carry "related story" headlines, photo captions and
credits, share prompts and sign-up lines.  They must not yield events or quotes of their
own.  They stay in the body (offsets never shift); the sentence is marked with the reason
and the coding stages skip it.

Rules (each general, none fitted to one article):

* **headline**: a sentence of 6+ content words, not holding quotation marks, in which
  every content word is capitalised (headline case: only short function words such as
  "of", "and", "for" stay lower case), typically "Topic: Headline" pasted mid-paragraph;
* **caption**: lines that start with photo/file/image credits ("(Photo: ...)",
  "File photo", "Image credit", "Getty Images", "AP Photo");
* **prompt**: "Also read", "Read more", "Click here", "Subscribe to", "Follow us",
  "Sign up for" lines.
"""

from __future__ import annotations

import re

from ..config import PipelineConfig
from ..model import Document
from ..nlp.selective import SentenceView
from ..registry import Stage, stages

_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.UNICODE)
#: short function words that stay lower case even in headline case
_MINOR = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "over",
        "per",
        "the",
        "to",
        "up",
        "via",
        "vs",
        "with",
        "amid",
        "after",
        "before",
        "than",
        "off",
        "out",
        "nor",
        "so",
        "yet",
    ]
)
_CAPTION = re.compile(
    r"^\s*[\(\[]?\s*(?:photo|file photo|image|picture|pic|video|graphic|credit|caption)s?"
    r"(?:\s+credit)?\s*[:/|\-–—]"
    r"|\b(?:getty images|ap photo|reuters/|afp photo|afp via getty|epa-efe|shutterstock)\b",
    re.IGNORECASE,
)
_PROMPT = re.compile(
    r"^\s*(?:also read|read more|read also|related|recommended|more from|click here|"
    r"subscribe(?: to)?|sign up(?: for)?|follow us|download the|watch(?: the)? video|"
    r"advertisement|story continues below)\b",
    re.IGNORECASE,
)
_QUOTES = '"“”«»„'


def headline_case_ratio(text: str) -> tuple[int, float]:
    """Number of content words and the share of them that start with a capital."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _MINOR]
    if not words:
        return 0, 0.0
    caps = sum(1 for w in words if w[0].isupper())
    return len(words), caps / len(words)


def classify(sentence: str) -> str | None:
    """The boilerplate kind of one sentence's text, or None for story text."""
    if _PROMPT.search(sentence):
        return "prompt"
    if _CAPTION.search(sentence):
        return "caption"
    if any(q in sentence for q in _QUOTES):
        return None
    n, ratio = headline_case_ratio(sentence)
    if n >= 6 and ratio == 1.0:
        # Running prose has lower-case content words (verbs, common nouns), even when it
        # is full of names; a headline pasted mid-paragraph is capitalised throughout.
        return "headline"
    return None


class BoilerplateStage:
    name = "boilerplate"

    def __call__(self, doc: Document) -> None:
        text = doc.text
        for sent in doc.sentences:
            kind = classify(text[sent.start : sent.end])
            if kind is not None:
                sent.boilerplate = kind

    def wants_parse(self, sent: SentenceView) -> bool:
        """Boilerplate is told from the sentence text: it never needs the parse."""
        return False


@stages.register("boilerplate")
def make_boilerplate(config: PipelineConfig) -> Stage:
    return BoilerplateStage()
