"""Who speaks: the speaker noun phrase of a reporting verb and the entity it names.

The subject of a cue verb (inherited through conjunction, xcomp and participle clauses; after the
verb in the inverted order '"...," said Smith'; after a dateline), its character span (the whole
noun phrase with appositions and prepositional modifiers) and the actors stage's entity for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Document, Entity
from ..nlp.doctext import text_of
from .lexicon import WORDS
from .marks import QuoteSpan

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_PRONOUNS = WORDS["pronouns"]


def speaker_span(tok: Token, wide: bool = True) -> tuple[int, int]:
    """Character span of a speaker noun phrase: its left edge to its head, extended over
    flat/compound name parts to the right; ``wide``: and over the appositions and
    prepositional modifiers after the head ("a spokesman, John Doe", "a report from the
    institute") within its paragraph.  Relative clauses are left out."""
    left = tok.left_edge
    while left.i < tok.i and (left.is_punct or left.dep_ in ("cc", "preconj")):
        left = left.nbor(1)
    right = tok
    for ch in tok.rights:
        if ch.dep_ in ("compound", "flat", "case") and ch.i == right.i + 1:
            right = ch
        else:
            break
    if wide:
        text = text_of(tok.doc)
        for ch in tok.rights:
            if ch.dep_ not in ("appos", "prep"):
                continue
            r = ch.right_edge
            while r.i > right.i and (r.is_punct or r.is_space):
                r = r.nbor(-1)
            if r.i > right.i and "\n" not in text[right.idx : r.idx]:
                right = r
    return left.idx, right.idx + len(right.text)


_NOT_SPEAKER_ENT = frozenset(["DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"])
_TIME_WORDS = WORDS["time_words"]
#: verbs of telling whose following noun phrase is always the addressee, never an inverted speaker
_NEVER_INVERTED = WORDS["never_inverted"]


def _inverted_subject(verb: Token) -> Token | None:
    """The speaker after the verb in the inverted order ('"...," said Skelly'), which the
    parser often labels as a modifier or object: the noun phrase right after a reporting verb
    that itself follows a comma or a closing quotation mark."""
    doc = verb.doc
    i = verb.i
    if i == 0 or i + 1 >= len(doc) or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # only a finite verb inverts: "calling the senator" has an object
    if verb.lemma_.lower() in _NEVER_INVERTED:
        return None  # '"...," Doe told AFP': the noun after "told" is the addressee
    prev = doc[i - 1]
    if not (prev.is_punct or prev.is_quote):
        return None
    nxt = doc[i + 1]
    # the head of the noun phrase starting right after the verb
    head = nxt
    while head.head.i != head.i and head.head.i != i and head.head.i > i and head.head.i <= i + 8:
        head = head.head
    if head.head.i != i:
        return None
    if head.pos_ not in ("PROPN", "NOUN", "PRON") and not (head.is_title and head.is_alpha):
        return None  # a capitalised name the tagger missed ("said Skelly" tagged ADV) is kept
    if head.ent_type_ in _NOT_SPEAKER_ENT or head.lower_ in _TIME_WORDS:
        return None  # '"...," he said Tuesday' / 'said today'
    if head.pos_ == "PRON" and head.lower_ not in _PRONOUNS:
        return None
    if head.dep_ not in ("nsubj", "advmod", "npadvmod", "dobj", "attr", "appos", "dep", "oprd", "nsubjpass"):
        return None
    return head


def _quoted_before(subj: Token, verb: Token, quoted: Sequence[QuoteSpan]) -> bool:
    """The subject lies inside a quotation that closes right before the verb ('"...," said')."""
    text = text_of(verb.doc)
    for q in quoted:
        if q.inner_start <= subj.idx < q.inner_end and q.end <= verb.idx:
            return not text[q.end : verb.idx].strip(" ,\t")
    return False


def _enclosing(tok: Token, quoted: Sequence[QuoteSpan]) -> QuoteSpan | None:
    """The quotation whose words hold ``tok``."""
    return next((q for q in quoted if q.inner_start <= tok.idx < q.inner_end), None)


def _between_subject(verb: Token, q: QuoteSpan) -> Token | None:
    """The noun phrase between a quotation's closing mark and the reporting verb after it
    ('"...," Jane Doe, a lawyer, told the court'): its first noun, raised over compound,
    apposition and flat links while their head stays between the mark and the verb."""
    doc = verb.doc
    i = verb.i
    while i > 0 and doc[i - 1].idx >= q.end:
        i -= 1
    toks = list(doc[i : verb.i])
    noun = next((w for w in toks if w.pos_ in ("PROPN", "NOUN", "PRON")), None)
    if noun is None or (noun.pos_ == "PRON" and noun.lower_ not in _PRONOUNS):
        return None
    while noun.dep_ in ("compound", "flat", "appos", "poss") and noun.head in toks:
        noun = noun.head
    if noun.ent_type_ in _NOT_SPEAKER_ENT:
        return None
    return noun


def _after_quotation(verb: Token, quoted: Sequence[QuoteSpan]) -> Token | None:
    """'"...," an official, who asked not to be named, told Reuters' with the noun phrase parsed
    into the quoted clause: a finite verb with no subject after a quotation that ends its clause
    with a comma (or ? !) and is followed at once by a noun phrase."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    text = text_of(verb.doc)
    start = verb.sent.start_char
    before = [q for q in quoted if start <= q.open and q.end <= verb.idx]
    if not before:
        return None
    q = before[-1]
    if not text[q.inner_start : q.inner_end].rstrip().endswith((",", "?", "!")):
        return None
    nxt = verb.doc.char_span(q.end, verb.idx, alignment_mode="expand")
    first = next((w for w in nxt or () if not w.is_space), None)
    if first is None or first.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM"):
        return None
    return _between_subject(verb, q)


def speaker_subject(tok: Token, quoted: Sequence[QuoteSpan] = ()) -> Token | None:
    """The subject of a verb, inherited through conjunction, xcomp and participle clauses.  A
    subject inside a quotation the verb is not in belongs to the quoted words, not to the
    reporting frame: the noun phrase between the quotation and the verb is taken instead
    ('"...," Jane Doe, 58, told reporters'), else the subject of a governing clause."""
    subj = _subject(tok, quoted)
    if not quoted or _enclosing(tok, quoted) is not None:
        return subj
    if subj is None:
        # '"...," an official, who asked not to be named, told Reuters' with the noun phrase
        # parsed into the quotation: the quotation closing last before the verb in its sentence
        return _after_quotation(tok, quoted)
    cur = tok
    for _ in range(4):
        q = _enclosing(subj, quoted)
        if q is None:
            return subj
        if q.end <= tok.idx:
            return _between_subject(tok, q)
        # '..., telling the crowd, "Some people ..."': the governing clause's subject
        if cur.dep_ not in ("conj", "xcomp", "advcl") or cur.head.i == cur.i:
            return None
        cur = cur.head
        subj = _subject(cur, quoted)
        if subj is None:
            return None
    return None


def _subject(tok: Token, quoted: Sequence[QuoteSpan] = ()) -> Token | None:
    seen = 0
    cur = tok
    while cur is not None and seen < 4:
        subs = [ch for ch in cur.children if ch.dep_ in ("nsubj", "csubj")]
        if subs:
            # the subject nearest the verb ("Moscow, May 20: Putin on Monday said" has two)
            before = [ch for ch in subs if ch.i < cur.i]
            if before and _quoted_before(before[-1], cur, quoted):
                # '"... the party," said Smith': a subject inside a quotation that closes
                # right before the verb belongs to the quoted words
                inv = _inverted_subject(cur)
                if inv is not None:
                    return inv
            return before[-1] if before else subs[0]
        inv = _inverted_subject(cur)
        if inv is not None:
            return inv
        dep = cur.dep_
        if dep in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            seen += 1
            continue
        return None
    return None


def it_speaks(subj: Token, verb: Token, cls: str) -> bool:
    """ "It" as the active subject of a verb of saying or writing ("the company wrote ...; it
    added") stands for an organisation or document; "it was reported", "it seems" do not."""
    return subj.lower_ == "it" and subj.dep_ == "nsubj" and subj.i < verb.i and cls in ("speech", "written")


_DATELINE_SEP = frozenset({":", "—", "–", "--"})


def past_dateline(subj: Token, verb: Token) -> Token:
    """A dateline ("Lisbon, March 3: Minister X said") parsed as the subject: the speaker is
    the noun phrase after the dateline's separator."""
    if subj.i > verb.i:
        return subj
    sep = [w for w in subj.doc[subj.i : verb.i] if w.text in _DATELINE_SEP]
    if not sep:
        return subj
    after = [w for w in subj.subtree if w.i > sep[-1].i and w.dep_ in ("appos", "nsubj")]
    if after:
        return after[0]
    nouns = [
        w
        for w in subj.doc[sep[-1].i + 1 : verb.i]
        if w.pos_ in ("PROPN", "NOUN", "PRON") and w.head.i >= verb.i
    ]
    return nouns[-1] if nouns else subj


def entity_for(doc: Document, start: int, end: int, head: Token | None) -> Entity | None:
    """The entity covering the speaker span: the one holding the head word, else the longest
    overlapping one."""
    cands = [e for e in doc.entities if e.start < end and start < e.end]
    if not cands:
        return None
    if head is not None:
        h_s = head.idx
        h_e = h_s + len(head.text)
        on_head = [e for e in cands if e.start <= h_s and h_e <= e.end]
        if on_head:
            # the widest mention holding the head ("Russian President Vladimir Putin")
            return max(on_head, key=lambda e: (e.name is not None, e.end - e.start))
        if head.lower_ in _PRONOUNS:
            return None
    return max(cands, key=lambda e: (e.name is not None, e.end - e.start))


def speaker_entity(doc: Document, head: Token | None, start: int, end: int) -> Entity | None:
    """Who the speaker ``head`` (span ``start``-``end``) is: the entity on its noun phrase
    (not on its prepositional modifiers: "a report from X" is not X by that alone), unless that is
    only a generic title or agent and an apposition names someone ("a spokesman, John Doe"), or
    there is none."""
    if head is None:
        return entity_for(doc, start, end, None)
    ent = entity_for(doc, *speaker_span(head, wide=False), head)
    if head.lower_ in _PRONOUNS or (ent is not None and ent.basis != "agent"):
        return ent
    # no entity, or only a generic title or agent ("A spokesman for the port, John Doe, said"): the
    # apposition names who spoke
    for ap in head.children:
        if ap.dep_ == "appos":
            named = entity_for(doc, *speaker_span(ap, wide=False), ap)
            if named is not None and named.basis != "agent" and named.kind != "pronoun":
                return named
            if ent is None and named is not None:
                return named
    return ent
