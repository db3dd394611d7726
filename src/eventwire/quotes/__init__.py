"""Stage ``quotes``: who said what.

Finds attributed statements in story text (never in boilerplate sentences):

* **direct** quotes: text inside paired quotation marks (see ``marks.py``), possibly over
  several sentences or paragraphs, attributed to the reporting verb ("cue") of the same
  sentence, before, after or in the middle of the quote ("...," he said. "..."), or to a
  cue ending the previous sentence with a colon ("Caddell continued:");
* **indirect** speech: the clausal complement of a reporting verb ("Putin said that Russia
  supports a settlement"; "Russia supports a settlement, Putin said") and the clause
  carrying an "according to X" phrase;
* **mixed** quotes: indirect speech holding a quoted fragment (described the call as
  "substantive"; noted that talks "are on track");
* **floating** quotes: a quotation with no cue of its own that continues the previous
  quote (next sentence or paragraph) takes that quote's speaker and cue.

Content offsets exclude the quotation marks for direct quotes (``content`` is the text inside
the marks; a quote over several paragraphs spans from after the first opening mark to before
the last closing mark).  Indirect and mixed content is the complement clause.

The speaker span is the subject of the cue verb (or the object of "according to"), the whole noun
phrase with its appositions and prepositional modifiers ("The head of the union, Jane Doe");
WHO it is comes from ``doc.entities`` (the actors stage): the entity covering the span's head is
used, else one on an apposition.  A reporting frame nested in the content of another ("Y wants
Z, X said") yields to the outer one, and a reporting verb inside a quotation gives no indirect
speech of its own (the quoted speaker said it).
Pronoun speakers are resolved only through the actors stage's pronoun entities; when none
covers the span, ``speaker`` stays None with ``speaker_text`` set.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import PipelineConfig
from ..model import Document, Entity, Quote
from ..nlp.selective import SentenceView
from ..registry import BaseStage, Stage, stages
from .first_person import add_entities, first_person_entities
from .lexicon import TABLES, WORDS, load_cues
from .marks import QuoteSpan, find_quotes
from .speaker import entity_for, it_speaks, past_dateline, speaker_entity, speaker_span, speaker_subject

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = ["QuoteStage", "find_quotes", "load_cues"]


#: a quotation mark (a straight single quote only where it can open or close a quotation)
_QUOTE_MARK = re.compile(r"[\"“”„«»‹›‘‚]|(?:^|\s)'|'(?:\s|$)|’(?:\s|$)")

_SUBJ = ("nsubj", "nsubjpass", "csubj")
#: a quote's confidence by the class of its cue (``data/quotes/tables.json``)
_CONF = TABLES["class_confidence"]
_MIN_WORDS = 1


@dataclass(slots=True)
class Cue:
    """A reporting verb (or phrase) found in a sentence with its speaker and content."""

    verb: Token  # the cue head
    cls: str
    cue_start: int
    cue_end: int
    speaker_start: int | None
    speaker_end: int | None
    speaker_head: Token | None
    content_start: int | None
    content_end: int | None
    sentence: int
    used: bool = False
    #: the cue lies inside a quotation
    inside: bool = False
    #: for a relative-pronoun speaker ("who said"), the noun it refers to
    antecedent: Token | None = None


class QuoteStage(BaseStage):
    name = "quotes"
    requires = ("parse", "sentences", "boilerplate", "entities")
    #: and the first-person pronouns of direct quotes as entities of their speakers (``first_person.py``)
    assigns = ("quotes", "entities")

    def __call__(self, doc: Document) -> None:
        sp = doc.spacy
        if sp is None:
            return
        text = doc.text
        verbs, phrases = load_cues()
        spans = [
            q
            for q in find_quotes(text)
            if not doc.in_boilerplate(q.open, q.open + 1) and not _is_title(text, q)
        ]
        cues = _find_cues(doc, verbs, phrases, spans)
        # a reporting verb inside a quotation belongs to the quoted speech: it attributes
        # neither that quotation nor another one
        for cue in cues:
            cue.inside = any(q.open < cue.cue_start < q.close for q in spans)
        quotes: list[Quote] = []
        consumed: set[int] = set()

        # 1. quotes embedded in the content of a cue and smaller than it: mixed (the outer
        # reporting frame first, as for indirect speech below)
        by_nesting = sorted(cues, key=lambda c: _nesting(c, cues))
        for qi, qs in enumerate(spans):
            for cue in by_nesting:
                if cue.content_start is None or cue.content_end is None or cue.inside:
                    continue
                if cue.speaker_start is None:
                    continue
                inside = min(qs.inner_end, cue.content_end) - max(qs.inner_start, cue.content_start)
                if inside >= 0.8 * (qs.inner_end - qs.inner_start):
                    outside = _chars_outside(text, cue.content_start, cue.content_end, qs)
                    if outside >= 3:
                        consumed.add(qi)
                        cue.used = True
                        # the whole clause is the quote (one mixed quote per cue)
                        if not any(q.cue_start == cue.cue_start for q in quotes):
                            quotes.append(_make(doc, cue, cue.content_start, cue.content_end, "mixed", 0.8))
                        break

        # 2. remaining quotations: direct quotes with a cue, floating continuations
        prev: Quote | None = None
        prev_end = -1
        for qi, qs in enumerate(spans):
            if qi in consumed:
                continue
            words = len(text[qs.inner_start : qs.inner_end].split())
            cue = _cue_for(doc, qs, cues, spans, qi)
            if cue is not None:
                cue.used = True
                kind = "direct"
                if _is_fragment(text, qs, cue):
                    kind = "mixed"
                q = _make(doc, cue, qs.inner_start, qs.inner_end, kind, 0.9 if kind == "direct" else 0.8)
                q.content_start, q.content_end = _trim(text, qs.inner_start, qs.inner_end)
                q.content = text[q.content_start : q.content_end]
                if q.content:
                    quotes.append(q)
                    prev, prev_end = q, qs.end
                continue
            label = _label_attribution(doc, qs)
            if label is not None:
                quotes.append(label)
                prev, prev_end = label, qs.end
                continue
            if prev is not None and words >= 4 and _continues(text, prev_end, qs.open):
                s, e = _trim(text, qs.inner_start, qs.inner_end)
                if e > s:
                    q = _quote(
                        doc,
                        (s, e),
                        "direct",
                        0.6,
                        (prev.speaker, prev.speaker_text, prev.speaker_start, prev.speaker_end),
                        (prev.cue, prev.cue_start, prev.cue_end),
                    )
                    quotes.append(q)
                    prev_end = qs.end

        # 3. interview transcripts: paragraphs opening with an upper-case speaker label
        for q in _transcript(doc):
            if not any(o.content_start < q.content_end and q.content_start < o.content_end for o in quotes):
                quotes.append(q)

        # 4. indirect speech from cues not used by a quotation; an outer reporting frame
        # before the frames nested in its content ("Y wants Z, X said": X said it)
        for cue in by_nesting:
            if cue.used or cue.content_start is None or cue.content_end is None:
                continue
            if cue.speaker_start is None:
                continue
            s, e = _trim(text, cue.content_start, cue.content_end)
            if len(text[s:e].split()) < _MIN_WORDS:
                continue
            if cue.inside:
                continue  # "I think ..." inside a quotation: the quotation's speaker said it
            if any(q.content_start < e and s < q.content_end for q in quotes):
                continue
            quotes.append(_make(doc, cue, s, e, "indirect", _CONF.get(cue.cls, 0.7)))

        quotes.sort(key=lambda q: (q.content_start, q.content_end))
        doc.quotes.extend(quotes)
        add_entities(doc, first_person_entities(doc, quotes, WORDS["first_person"]))

    def wants_parse(self, sent: SentenceView) -> bool:
        """Selective parsing: a sentence with a reporting verb, a cue phrase or a quotation mark."""
        verbs, phrases = load_cues()
        if not sent.lemmas.isdisjoint(verbs):
            return True
        if any(sent.words.issuperset(p) for p in phrases):
            return True
        return _QUOTE_MARK.search(sent.text) is not None


# --------------------------------------------------------------------------- helpers


_LABEL = re.compile(r"^[ \t]*[\"“]?((?:[A-Z][A-Z'\-]+\.? )*[A-Z][A-Z'\-]{2,}):[ \t]+(?=\S)", re.MULTILINE)


def _transcript(doc: Document) -> list[Quote]:
    """Interview transcripts ("WALLACE: ...", "PENCE: ..."): each labelled paragraph is a
    direct quote of the labelled speaker.  Only when the article has at least two labels of
    which one recurs, so that a heading such as "UPDATE: ..." is not taken for a speaker."""
    text = doc.text
    hits = list(_LABEL.finditer(text))
    names = [m.group(1) for m in hits]
    if len(hits) < 2 or len(set(names)) == len(names):
        return []
    out = []
    for m in hits:
        s = m.end()
        e = text.find("\n", s)
        e = len(text) if e < 0 else e
        s, e = _trim(text, s, e)
        if e <= s or doc.in_boilerplate(s, s + 1) or len(text[s:e].split()) < 2:
            continue
        ls, le = m.start(1), m.end(1)
        ent = entity_for(doc, ls, le, None)
        out.append(_quote(doc, (s, e), "direct", 0.7, (ent, text[ls:le], ls, le), (":", le, le + 1)))
    return out


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


#: words just before a quoted title-case name that mark it as the title of a programme, book
#: or work ("on CNN's "State of the Union"", "an episode of "...", "a book titled "..."")
_TITLE_CONTEXT = WORDS["title_context"]


def _is_title(text: str, qs: QuoteSpan) -> bool:
    """A short quoted name in title case introduced as the title of a show or work ("on
    MSNBC's "Morning Joe""), not something said."""
    inner = text[qs.inner_start : qs.inner_end]
    before = text[max(0, qs.open - 40) : qs.open].split()
    if not before:
        return False
    prev = before[-1].lower()
    if not (prev in _TITLE_CONTEXT or prev.endswith(("'s", "’s"))):
        return False
    words = _TITLE_WORD.findall(inner)
    if not words or len(words) > 6:
        return False
    long = [w for w in words if len(w) > 3 or w == words[0]]
    return all(w[0].isupper() for w in long)


_DASH_AFTER = re.compile(r"[ \t]*([―—–]|--?)[ \t]*([A-Z][^\n]{1,80}?)[ \t.]*(?=\n|$)")
_NAME_BEFORE = re.compile(r"(?:^|\n)[ \t]*([A-Z][^\n:]{1,60}?)[ \t]*(:|[―—–])[ \t]*$")


def _label_attribution(doc: Document, qs: QuoteSpan) -> Quote | None:
    """A quotation attributed by a name set beside it rather than a verb: a pull quote or
    epigraph ('"...." ― Jane Doe' at the end of the line) or a labelled line ('Jane Doe: "..."'
    at the start of a paragraph).  The name must hold an actor entity or be one capitalised
    name, so that ordinary text after a dash is not taken for a speaker."""
    text = doc.text
    m = _DASH_AFTER.match(text, qs.end)
    if m is not None:
        ns, ne = m.start(2), m.end(2)
        cue = (m.start(1), m.end(1))
    else:
        m = _NAME_BEFORE.search(text, max(0, qs.open - 70), qs.open)
        if m is None:
            return None
        ns, ne = m.start(1), m.end(1)
        cue = (m.start(2), m.end(2))
    # the name ends at a comma ("Jane Doe, student") and must look like one
    comma = text.find(",", ns, ne)
    if comma > 0:
        ne = comma
    while ne > ns and text[ne - 1] in " \t":
        ne -= 1
    name = text[ns:ne]
    words = name.split()
    if not words or len(words) > 6 or not all(w[0].isupper() for w in words if len(w) > 3):
        return None
    ent = entity_for(doc, ns, ne, None)
    if ent is None and len(words) < 2:
        return None
    s, e = _trim(text, qs.inner_start, qs.inner_end)
    if e <= s or len(text[s:e].split()) < 3:
        return None
    return _quote(doc, (s, e), "direct", 0.6, (ent, text[ns:ne], ns, ne), (text[cue[0] : cue[1]], *cue))


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Strip surrounding whitespace, quotation marks and trailing commas/dashes."""
    strip_l = " \t\n\r\"'“”‘’«»‹›—–-,:;("
    strip_r = " \t\n\r\"'“”‘’«»‹›—–-,:;"
    while s < e and text[s] in strip_l:
        s += 1
    while e > s and text[e - 1] in strip_r:
        e -= 1
    # keep an opening bracket balanced
    if e > s and text[e - 1] == ")" and "(" not in text[s:e]:
        e -= 1
    return s, e


def _chars_outside(text: str, s: int, e: int, qs: QuoteSpan) -> int:
    """Word characters of [s, e) outside the quotation ``qs``."""
    left = text[s : max(s, qs.open)]
    right = text[min(e, qs.end) : e]
    return sum(ch.isalnum() for ch in left + right)


def _is_fragment(text: str, qs: QuoteSpan, cue: Cue) -> bool:
    """A short lower-case quoted phrase used inside the reporting clause ("described X as ...")."""
    inner = text[qs.inner_start : qs.inner_end].strip()
    if not inner:
        return True
    verb = cue.verb
    # the quotation is the object of a preposition or an object of the cue verb's clause
    head_in_clause = any(
        t.idx >= qs.inner_start and t.idx < qs.inner_end and t.head.dep_ == "prep" for t in verb.subtree
    )
    return (inner[0].islower() and len(inner.split()) <= 12) or (head_in_clause and len(inner.split()) <= 6)


def _continues(text: str, prev_end: int, start: int) -> bool:
    """True when the quotation at ``start`` follows the previous quote closely: nothing but
    at most one short cue sentence or a paragraph break lies between them."""
    if prev_end < 0 or start < prev_end:
        return False
    gap = text[prev_end:start]
    return len(re.findall(r"\n\s*", gap)) <= 1 and len(gap) <= 250


def _find_cues(
    doc: Document,
    verbs: dict[str, str],
    phrases: dict[tuple[str, ...], str],
    quoted: Sequence[QuoteSpan] = (),
) -> list[Cue]:
    sp = doc.spacy
    assert sp is not None
    from spacy.attrs import DEP, LEMMA, LOWER, POS

    out: list[Cue] = []
    strings = sp.vocab.strings
    # token attributes read once (each spaCy attribute access builds a Token)
    cols = sp.to_array([POS, LEMMA, DEP, LOWER]).T.tolist()
    pos = [strings[h] for h in cols[0]]
    lemmas = [strings[h].lower() for h in cols[1]]
    deps = [strings[h] for h in cols[2]]
    lowers = [strings[h] for h in cols[3]]
    for sent in sp.sents:
        si = doc.sentence_at(sent.start_char)
        if doc.sentences and doc.sentences[si].boilerplate is not None:
            continue
        for i in range(sent.start, sent.end):
            lemma = lemmas[i]
            if pos[i] in ("VERB", "AUX") and lemma in verbs and deps[i] != "amod":
                out.append(_verb_cue(doc, sp[i], verbs[lemma], si, quoted))
        out.extend(_phrase_cues(doc, sent, phrases, si, lowers[sent.start : sent.end]))
    return [c for c in out if c is not None]


def _verb_cue(doc: Document, tok: Token, cls: str, si: int, quoted: Sequence[QuoteSpan] = ()) -> Cue | None:
    t = tok
    # passive "it was reported that" has no speaker; agentive "by X" gives one
    subj = speaker_subject(t, quoted)
    antecedent = None
    if subj is not None and subj.tag_ in ("WP", "WDT") and subj.lower_ in ("who", "that", "which"):
        # "Trump, who said ...": the span stays "who"; the relative clause's antecedent
        # says who it is
        v = subj.head
        antecedent = v.head if v.dep_ == "relcl" else None
    if subj is not None:
        subj = past_dateline(subj, t)
    if subj is not None and subj.lower_ in ("it", "there") and not it_speaks(subj, t, cls):
        subj = None
    if subj is None:
        for ch in t.children:
            if ch.dep_ == "agent":
                objs = [g for g in ch.children if g.dep_ == "pobj"]
                if objs:
                    subj = objs[0]
    # cue span: the verb with particles ("point out") and a "told reporters" object
    c_start, c_end = t.idx, t.idx + len(t.text)
    for ch in t.children:
        if ch.dep_ == "prt" and ch.i == t.i + 1:
            c_end = ch.idx + len(ch.text)
        if ch.dep_ in ("dobj", "dative") and t.lemma_ in ("tell", "inform", "assure", "ask", "warn", "urge"):
            sub = list(ch.subtree)
            if sub[0].i == t.i + 1 or (sub[0].i == t.i + 2 and ch.i == t.i + 2):
                c_end = max(c_end, sub[-1].idx + len(sub[-1].text))
    # content: the clausal complement
    content: tuple[int, int] | None = None
    for ch in t.children:
        if ch.dep_ in ("ccomp", "parataxis") or (
            ch.dep_ == "xcomp" and cls != "thought" and _has_quote_or_subj(ch)
        ):
            sub = list(ch.subtree)
            clipped = _clip_to_paragraph(doc.text, (sub[0].idx, sub[-1].idx + len(sub[-1].text)), c_start)
            if clipped is None:
                continue
            s, e = clipped
            if content is None or (e - s) > (content[1] - content[0]):
                content = (s, e)
    if content is None:
        content = _object_content(t)
    if content is not None:
        content = _clip_to_paragraph(doc.text, content, c_start)
    if content is None and t.dep_ in ("parataxis", "ccomp") and t.head.i != t.i:
        # "Russia, he said, supports a settlement": the governing clause is the content
        head = t.head
        toks = [w for w in head.subtree if not (w.i >= t.left_edge.i and w.i <= t.right_edge.i)]
        if head.dep_ == "ROOT" and toks and t.dep_ == "parataxis":
            content = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
    sp_s = sp_e = None
    if subj is not None:
        sp_s, sp_e = speaker_span(subj)
    return Cue(
        verb=t,
        cls=cls,
        cue_start=c_start,
        cue_end=c_end,
        speaker_start=sp_s,
        speaker_end=sp_e,
        speaker_head=subj,
        antecedent=antecedent,
        content_start=content[0] if content else None,
        content_end=content[1] if content else None,
        sentence=si,
    )


#: verbs whose direct object is the addressee, not what was said ("told reporters")
_ADDRESSEE = WORDS["addressee_verbs"]
_ABOUT = WORDS["about_preps"]
#: prepositions that introduce what was said after particular cue verbs
_VERB_PREP = {k: frozenset(v) for k, v in TABLES["verb_preps"].items()}
#: verbs whose infinitive complement states a position ("declined to comment")
_STANCE_XCOMP = WORDS["stance_verbs"]


def _object_content(t: Token) -> tuple[int, int] | None:
    """What was said when a cue verb takes a noun phrase: "denied the report", "urged
    supporters to vote" (object and its infinitive), "spoke about the economy"."""
    kids = list(t.children)
    dobj = next((c for c in kids if c.dep_ == "dobj"), None)
    xcomp = next((c for c in kids if c.dep_ == "xcomp"), None)
    lemma = t.lemma_.lower()
    if dobj is not None and lemma in _ADDRESSEE:
        if xcomp is not None and xcomp.i > dobj.i:
            sub = list(xcomp.subtree)
            return dobj.left_edge.idx, sub[-1].idx + len(sub[-1].text)
        dobj = None
    if dobj is not None and dobj.ent_type_ in ("DATE", "TIME"):
        dobj = None  # "announced Tuesday" (a date parsed as the object)
    if dobj is not None and dobj.pos_ != "PRON":
        sub = list(dobj.subtree)
        return sub[0].idx, sub[-1].idx + len(sub[-1].text)
    if lemma in _STANCE_XCOMP and xcomp is not None and xcomp.i > t.i:
        # "refused to comment", "wants to build a wall": the infinitive is the position taken
        sub = list(xcomp.subtree)
        return sub[0].idx, sub[-1].idx + len(sub[-1].text)
    preps = _ABOUT | _VERB_PREP.get(lemma, frozenset())
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in preps and c.i > t.i:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                sub = list(objs[0].subtree)
                return sub[0].idx, sub[-1].idx + len(sub[-1].text)
    return None


def _clip_to_paragraph(text: str, span: tuple[int, int], at: int) -> tuple[int, int] | None:
    """Clip ``span`` to the paragraph (line) holding offset ``at``: the parser's sentences
    sometimes run over a paragraph break, reported speech never does."""
    p_start = text.rfind("\n", 0, at) + 1
    p_end = text.find("\n", at)
    p_end = len(text) if p_end < 0 else p_end
    s, e = max(span[0], p_start), min(span[1], p_end)
    return (s, e) if e > s else None


def _has_quote_or_subj(tok: Token) -> bool:
    return any(ch.dep_ in _SUBJ for ch in tok.children)


def _phrase_cues(
    doc: Document,
    sent: Span,
    phrases: dict[tuple[str, ...], str],
    si: int,
    lowers: list[str] | None = None,
) -> list[Cue]:
    out: list[Cue] = []
    toks: list[Token] | None = None
    if lowers is None:
        toks = list(sent)
        lowers = [t.lower_ for t in toks]
    for phrase, cls in phrases.items():
        n = len(phrase)
        first = phrase[0] if phrase else None
        for k in range(len(lowers) - n + 1):
            if (n and lowers[k] != first) or tuple(lowers[k : k + n]) != phrase:
                continue
            if toks is None:
                toks = list(sent)
            last = toks[k + n - 1]
            objs = [c for c in last.children if c.dep_ == "pobj"]
            if not objs and k + n < len(toks) and toks[k + n].pos_ in ("PROPN", "NOUN", "DET", "PRON"):
                # "according to X": parsers sometimes hang X elsewhere; take the next noun phrase
                nxt = toks[k + n]
                objs = [nxt.head if nxt.head.i > nxt.i and nxt.head.i < toks[-1].i + 1 else nxt]
            if not objs:
                continue
            obj = objs[0]
            phrase_toks = [toks[k + j] for j in range(n)]
            ps = phrase_toks[0]
            obj_sub = list(obj.subtree)
            obj_end = max(obj_sub[-1].i, obj.i)
            # the content: the rest of the sentence, on the larger side of the phrase
            left = [t for t in toks if t.i < ps.i and not t.is_space]
            right = [t for t in toks if t.i > obj_end and not t.is_space]
            side = left if sum(len(t.text) for t in left) >= sum(len(t.text) for t in right) else right
            if not side:
                continue
            sp_s, sp_e = speaker_span(obj)
            out.append(
                Cue(
                    verb=ps,
                    cls=cls,
                    cue_start=ps.idx,
                    cue_end=last.idx + len(last.text),
                    speaker_start=sp_s,
                    speaker_end=sp_e,
                    speaker_head=obj,
                    content_start=side[0].idx,
                    content_end=side[-1].idx + len(side[-1].text),
                    sentence=si,
                )
            )
    return out


def _cue_for(doc: Document, qs: QuoteSpan, cues: list[Cue], spans: list[QuoteSpan], qi: int) -> Cue | None:
    """The cue that attributes the quotation ``qs``: a reporting verb outside the quote in a
    sentence the quote touches, not separated from it by another quotation; else a cue ending
    the previous sentence with a colon."""
    text = doc.text
    s_first = doc.sentence_at(qs.open)
    s_last = doc.sentence_at(max(qs.open, qs.close))
    # the sentence after a quote closing a sentence ('"...." he said' split by the parser)
    after = s_last + 1 if s_last + 1 < len(doc.sentences) else s_last
    lo = qs.open
    hi = qs.end
    prev_q = spans[qi - 1].end if qi > 0 else -1
    next_q = spans[qi + 1].open if qi + 1 < len(spans) else len(text) + 1
    best: tuple[float, Cue] | None = None
    governors = _governors(doc, qs)
    for cue in cues:
        if cue.speaker_start is None or cue.inside:
            continue
        if cue.cue_start >= lo and cue.cue_end <= hi:
            continue  # inside the quote
        if not (s_first <= cue.sentence <= after):
            continue
        gap = text[cue.cue_end : lo] if cue.cue_end <= lo else text[hi : cue.cue_start]
        if "\n" in gap:
            continue  # a cue attributes quotations of its own paragraph only
        if _in_subject(cue.verb, qs):
            continue  # 'the so-called "plan" was published by': the quotation is not what was said
        depth = governors.get(cue.verb.i, -1) if cue.verb is not None else -1
        if depth >= 0:
            # the cue verb governs the quotation in the parse: the strongest evidence
            score = -200.0 + 20 * depth
            if best is None or score < best[0]:
                best = (score, cue)
            continue
        if cue.cue_end <= lo:
            if cue.cue_start < prev_q:
                continue
            dist = lo - cue.cue_end
            # a cue before the quote in the same sentence: 'X said: "..."'
            if cue.sentence != s_first:
                continue
        else:
            if cue.cue_start > next_q:
                continue
            dist = cue.cue_start - hi
            if cue.sentence == after and after != s_last:
                # only when the parser split '"..." he said.' after the closing mark
                between = text[hi : cue.cue_start]
                if "\n" in between or len(between) > 60:
                    continue
                if (
                    cue.content_start is not None
                    and cue.content_start >= cue.cue_end
                    and cue.content_end is not None
                    and cue.speaker_start is not None
                    and cue.speaker_start < cue.cue_start
                    and not any(o.open < cue.content_end and cue.content_start < o.end for o in spans)
                ):
                    continue  # '"...." X added that ...': the cue reports a clause of its own
        score = dist + (80 if cue.cls in ("thought", "stance") else 0)
        if (
            cue.content_start is not None
            and cue.content_end is not None
            and cue.content_start < qs.close
            and qs.open < cue.content_end
        ):
            score -= 40
        if best is None or score < best[0]:
            best = (score, cue)
    if best is not None:
        return best[1]
    # "Caddell continued:" in the previous sentence or paragraph
    if s_first > 0:
        for cue in cues:
            if cue.sentence == s_first - 1 and cue.speaker_start is not None:
                prev_s = doc.sentences[s_first - 1]
                tail = text[cue.cue_end : qs.open]
                colon = text[prev_s.start : prev_s.end].rstrip().endswith(":")
                if colon and len(tail) < 80 and cue.cue_start > prev_q and not cue.inside:
                    return cue
    return None


def _nesting(cue: Cue, cues: list[Cue]) -> int:
    """How many other cues with a speaker hold this cue's verb in their content: 0 for an
    outer reporting frame, 1 for a frame reported inside it..."""
    return sum(
        1
        for o in cues
        if o is not cue
        and o.speaker_start is not None
        and o.content_start is not None
        and o.content_end is not None
        and o.content_start <= cue.cue_start < o.content_end
    )


def _in_subject(verb: Token, qs: QuoteSpan) -> bool:
    """The quotation lies inside the subject of the cue verb."""
    for ch in verb.children:
        if ch.dep_ in _SUBJ:
            sub = list(ch.subtree)
            if sub[0].idx <= qs.open < sub[-1].idx + len(sub[-1].text):
                return True
    return False


def _governors(doc: Document, qs: QuoteSpan) -> dict[int, int]:
    """Token index -> tree distance for every token outside the quotation that governs a
    token inside it (its ancestors outside the quote)."""
    sp = doc.spacy
    assert sp is not None
    out: dict[int, int] = {}
    inner = sp.char_span(qs.inner_start, qs.inner_end, alignment_mode="expand")
    if inner is None:
        return out
    for tok in inner:
        if tok.is_punct or tok.is_space or tok.head.i == tok.i:
            continue
        if tok.head.idx >= qs.open and tok.head.idx < qs.end:
            continue
        depth = 0
        cur = tok.head
        while True:
            if not (cur.idx >= qs.open and cur.idx < qs.end):
                if cur.i not in out or out[cur.i] > depth:
                    out[cur.i] = depth
                depth += 1
            if cur.head.i == cur.i or depth > 6:
                break
            cur = cur.head
    return out


def _make(doc: Document, cue: Cue, s: int, e: int, kind: str, conf: float) -> Quote:
    text = doc.text
    s, e = _trim(text, s, e)
    speaker = None
    sp_text = None
    if cue.speaker_start is not None and cue.speaker_end is not None:
        speaker = speaker_entity(doc, cue.speaker_head, cue.speaker_start, cue.speaker_end)
        if speaker is None and cue.antecedent is not None:
            a_s, a_e = speaker_span(cue.antecedent, wide=False)
            speaker = entity_for(doc, a_s, a_e, cue.antecedent)
        sp_text = text[cue.speaker_start : cue.speaker_end]
    return _quote(
        doc,
        (s, e),
        kind,
        conf,
        (speaker, sp_text, cue.speaker_start, cue.speaker_end),
        (text[cue.cue_start : cue.cue_end], cue.cue_start, cue.cue_end),
    )


def _quote(
    doc: Document,
    content: tuple[int, int],
    kind: str,
    conf: float,
    speaker: tuple[Entity | None, str | None, int | None, int | None],
    cue: tuple[str | None, int | None, int | None],
) -> Quote:
    """A quote record: ``content`` (start, end) of the text; ``speaker`` (record, text, start, end);
    ``cue`` (text, start, end)."""
    s, e = content
    return Quote(
        content=doc.text[s:e],
        content_start=s,
        content_end=e,
        sentence=doc.sentence_at(s),
        kind=kind,  # type: ignore[arg-type]
        speaker=speaker[0],
        speaker_text=speaker[1],
        speaker_start=speaker[2],
        speaker_end=speaker[3],
        cue=cue[0],
        cue_start=cue[1],
        cue_end=cue[2],
        confidence=conf,
    )


@stages.register("quotes")
def make_quotes(config: PipelineConfig) -> Stage:
    return QuoteStage()
