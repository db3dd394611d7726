"""A parse's text, computed once per document.

spaCy's ``Doc.text`` joins every token's text on each call: reading it once per candidate word turns a stage
quadratic in the document's length.  ``text_of`` keeps it in the parse's ``user_data``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_KEY = "eventwire_text"


def text_of(sdoc: Doc) -> str:
    """The parse's text (``Doc.text``), computed once and kept in its ``user_data``."""
    text = sdoc.user_data.get(_KEY)
    if text is None:
        text = sdoc.text
        sdoc.user_data[_KEY] = text
    return text


def keep_text(sdoc: Doc, text: str) -> None:
    """Record ``text`` (the article text the parse was made from, equal to ``Doc.text``) as the parse's text,
    so that ``text_of`` never joins the tokens; a text already recorded is kept."""
    sdoc.user_data.setdefault(_KEY, text)
