"""Event date and place: the TIMEX and the place whose phrase hangs from the event's clause."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Entity, Place, Timex
from ..nlp import governed_by
from .columns import columns
from .context import Cand, CoderBase
from .vocab import CLAUSE_LINKS, OBJECT_LOCATES, PLACE_SPECIFICITY

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


COARSE = re.compile(r"^\d{4}(-(W\d{2}|\d{2}|Q\d|SP|SU|FA|WI|H\d))?$")


class Anchors(CoderBase):
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
        for tx in sorted(self.ctx.doc.times, key=lambda x: abs(x.start - anchor)):
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
        d = self.ctx.doc.article.date
        if d is not None:
            return d.isoformat(), "article"
        return None, None

    def place_anchors(self, c: Cand, sent: Span, start: int, end: int) -> set[int]:
        """Tokens of the event's clause: the evidence span, the trigger's clause heads, and the verbs
        the span's clause hangs from through clause links ("gathered in X to protest")."""
        anchors = self.clause_heads(c)
        cols = columns(sent.doc)
        toks = cols.starting_in(sent.start, sent.end, start, end)
        anchors.update(toks)
        heads, starts = cols.heads(), cols.starts()
        for i in toks:
            head = heads[i]
            if starts[head] < start or starts[head] >= end or head == i:
                h, steps = sent.doc[i], 0
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

    def event_place(self, c: Cand, sent: Span, parties: list[Entity], start: int, end: int) -> Place | None:
        """The place whose locative phrase (``Place.head``, filled by the geo stage) hangs from the
        event's clause; never a dateline place nor a capital used as an actor; a place inside one of
        the ``parties`` (the actors) only through a locative phrase of its own ("residents of X").  A
        target place counts ("shelled the village of X").  Among
        several, the most specific (town before division before country), then the nearest."""
        anchors: set[int] | None = None  # made for the first place that needs them
        taken = {(e.start, e.end) for e in parties}
        best: tuple[tuple[int, int, int], Place] | None = None
        for pl in self.ctx.doc.places:
            if pl.role != "place" or pl.from_dateline or pl.head is None:
                continue
            if not (sent.start_char <= pl.start < sent.end_char):
                continue
            if pl.attachment is None and any(s <= pl.start and pl.end <= e for s, e in taken):
                continue  # a name inside an actor's phrase, not a locative phrase of its own
            if pl.attachment == "obj" and c.event not in OBJECT_LOCATES:
                continue  # "accused Kyiv", "criticised France": the object is a target, not a place
            gov = token_starting_at(sent, pl.head)
            if gov is None:
                continue
            if anchors is None:
                anchors = self.place_anchors(c, sent, start, end)
            if not governed_by(gov, anchors) and not self.under_place_phrase(c, gov, pl):
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


def token_starting_at(sent: Span, offset: int) -> Token | None:
    """The token of ``sent`` whose first character is at ``offset``, if one is."""
    found = columns(sent.doc).starting_in(sent.start, sent.end, offset, offset + 1)
    return sent.doc[found[0]] if found else None


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
