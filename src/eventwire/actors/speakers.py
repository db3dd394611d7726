"""The speakers of the quotation a pronoun is in: inside a quotation, he/she is not its speaker
('"He should be positive," Mr. Trump said')."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from .docstate import DocState
from .tokens import toks
from .words import load_words

WORDS = load_words()


def quote_speakers(state: DocState, tok: Token) -> set[str]:
    """The refs of the speakers of the quotation holding ``tok`` (empty if ``tok`` is outside quotation
    marks of its paragraph): a person named right after the closing mark ('"...," Mr. X said'), a
    person subject outside the marks in the sentences the quotation spans ("X said: “...”"), and, for
    a quotation with neither, the speaker of the quotation closed before it in the previous lines
    ('“...,” says X. / “They are afraid ... he will leave”')."""
    text = state.doc.text
    para = text.rfind("\n", 0, tok.idx) + 1
    before = text[para : tok.idx]
    curly = before.count("\u201c") > before.count("\u201d")
    if not curly and before.count('"') % 2 == 0:
        return set()
    opening = text.rfind("\u201c", para, tok.idx) if curly else text.rfind('"', para, tok.idx)
    if text[max(para, opening - 6) : opening].rstrip().lower().endswith(" that"):
        return set()  # 'X told them that “he would do it again”': a fragment in reported speech
    closes = [i for i in (text.find("\u201d", tok.idx), text.find('"', tok.idx)) if i >= 0]
    close = min(closes) if closes else len(text)
    out = _speakers_around(state, tok.doc, opening, close)
    if not out:
        prev_close = max(text.rfind("\u201d", 0, opening), text.rfind('"', 0, opening))
        if prev_close >= 0 and opening - prev_close < 600:
            prev_open = max(text.rfind("\u201c", 0, prev_close), text.rfind('"', 0, prev_close))
            out = _speakers_around(state, tok.doc, max(prev_open, 0), prev_close)
    return out


def _speakers_around(state: DocState, sdoc: Doc, opening: int, close: int) -> set[str]:
    """The refs of the people who speak the quotation between ``opening`` and ``close``."""
    out: set[str] = set()
    idx = toks(sdoc).idx
    k = bisect_left(idx, close + 1)
    while k < len(sdoc) and sdoc[k].idx <= close + 40 and "\n" not in sdoc[k].text:
        t = sdoc[k]
        if t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_.rstrip(".") not in WORDS.honorifics:
            c = state.person_by_name(t.text)
            if c is not None:
                out.add(c.ref)
            break
        k += 1
    from ..quotes import load_cues

    verbs = load_cues()[0]
    colon = state.doc.text[:opening].rstrip().endswith(":")
    sents = [s for s in state.doc.sentences if s.start <= close and s.end > opening]
    ids = {s.index for s in sents}
    for e, c, subj, _p in state.history:
        if c.kind != "person" or not subj or e.sentence not in ids or opening <= e.start <= close:
            continue
        span = sdoc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None:
            continue
        verb = span.root.head
        # the reporting verb is next to the marks ("X said: “...”", "“...,” X told reporters"), not in
        # another clause of the sentence ("after Cohen told a committee that ...")
        near = close < verb.idx <= close + 60 or opening - 60 <= verb.idx < opening
        if near and verbs.get(verb.lemma_.lower()) in ("speech", "written"):
            out.add(c.ref)
        elif colon and e.start < verb.idx < opening and opening - 120 <= verb.idx:
            out.add(c.ref)  # "X sees only darkness in this: “...”": a quotation a colon introduces
    return out
