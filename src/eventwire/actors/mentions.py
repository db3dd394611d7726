"""Actor mentions in a parsed article and their date-aware resolution: ``ActorResolver`` walks the
story sentences (never boilerplate) and runs the steps, each in its own module:

1. *items* (``items.py``): spans the knowledge base knows (states, demonyms, seats of power,
   organisations, people) found by a longest-match phrase lookup (``lookup.py``), generic agents and
   titles found by lemma, NER persons and organisations the knowledge base does not know, and modifiers
   such as "former";
2. *groups* (``grouping.py``): adjacent items that form one noun phrase ("former US President Donald
   Trump", "a Ukrainian official", "the President of the United States") become one mention covering the
   whole phrase;
3. *resolution* on the article date (``resolve.py``, ``names.py``, ``candidates.py``): a named person by
   the dated role the knowledge base gives; a definite title ("the Russian leader") by the office holder
   on the date or by an earlier mention; a generic agent by its modifiers; pronouns by the last
   compatible antecedent (``pronouns.py``, ``antecedents.py``, ``speakers.py``), from what the article
   said so far (``docstate.py``);
4. *countries from the context* (``countries.py``): an apposition's, a place attached to an agent.

All mentions of one referent share ``Entity.ref``.  Group mentions ("the two leaders") are emitted as one
entity per member, with identical spans.  The word lists are ``data/actors/words.json`` (``words.py``).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Span, Token

from ..model import Document
from ..nlp.dateline import dateline_names
from ..nlp.doctext import keep_text
from .candidates import basis_of
from .countries import apposition_country, context_country
from .docstate import DocState
from .grouping import Mention, group_items, in_spans, join_org_modifiers
from .items import Item, defined_acronyms, find_items
from .kb import KnowledgeBase, LexEntry, load_kb
from .lookup import KbIndex
from .pronouns import resolve_pronoun
from .resolve import resolve_mention
from .tokens import span_ents, toks
from .words import load_words

__all__ = ["ActorResolver", "Item", "Mention", "basis_of", "resolver"]

WORDS = load_words()


class ActorResolver:
    """The actors stage's work on one document: its mentions, resolved, on ``doc.entities``."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or load_kb()
        self.index = KbIndex(self.kb)

    def __call__(self, doc: Document) -> None:
        assert doc.spacy is not None
        sdoc = doc.spacy
        state = DocState(doc, self._day(doc))
        self.index.refresh()
        # the parse's text is the article body (the parser checks it): no need to join the tokens
        keep_text(sdoc, doc.text)
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
            items = find_items(self.index, span, span_ents(ents, ent_starts, span.start, span.end), acronyms)
            mentions = join_org_modifiers(sdoc, group_items(self.kb, span, items, sent.index))
            if dateline:
                # the dateline names where the story was filed, not an actor ("LISBON, March 4 -")
                mentions = [m for m in mentions if not in_spans(sdoc, m, dateline)]
            # process named/nominal mentions and pronouns in text order so antecedents come first
            for obj in _in_text_order(mentions, _pronouns(span)):
                if isinstance(obj, Mention):
                    resolve_mention(self.index, state, obj)
                else:
                    resolve_pronoun(state, obj, sent.index)
        apposition_country(state)
        context_country(self.kb, state)
        doc.entities.extend(state.entities)

    def _day(self, doc: Document) -> str:
        """The date roles are resolved on: the article's, else the latest the knowledge base knows."""
        if doc.article.date is None:
            day = self.kb.latest
            doc.warn(
                "no_article_date",
                f"article has no date: actors resolved on the latest roles the knowledge base knows ({day})",
            )
            return day
        return (
            doc.article.date.isoformat() if isinstance(doc.article.date, dt.date) else str(doc.article.date)
        )

    def defined_acronyms(self, text: str) -> dict[str, LexEntry]:
        """Acronyms the article defines after an organisation the knowledge base knows (``items.py``)."""
        return defined_acronyms(self.kb, text)


def _pronouns(span: Span) -> list[Token]:
    """The pronouns of the sentence that may refer to an actor."""
    sdoc = span.doc
    lower = toks(sdoc).lower
    return [
        sdoc[k]
        for k in range(span.start, span.end)
        if lower[k] in WORDS.person_pronouns
        or lower[k] in WORDS.plural_pronouns
        or lower[k] in WORDS.neuter_pronouns
    ]


def _in_text_order(mentions: list[Mention], pronouns: list[Token]) -> list[Mention | Token]:
    """The mentions and the pronouns outside them, by their first token."""
    queue: list[tuple[int, Mention | Token]] = [(m.start, m) for m in mentions]
    covered = {i for m in mentions for i in range(m.start, m.end)}
    queue += [(t.i, t) for t in pronouns if t.i not in covered]
    queue.sort(key=lambda x: x[0])
    return [obj for _, obj in queue]


_RESOLVER: ActorResolver | None = None


def resolver() -> ActorResolver:
    """The process's resolver (on the default knowledge base)."""
    global _RESOLVER
    if _RESOLVER is None:
        _RESOLVER = ActorResolver()
    return _RESOLVER
