"""The evidence of an event: its character span in the sentence, the trigger span, and the modes and
contexts read from cue words inside the evidence."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Entity
from .columns import columns
from .context import Cand
from .lexicon import Lexicon
from .reduce import Coding
from .vocab import WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

#: dependents of the clause head that are not part of its evidence (other clauses, the subject, punctuation)
CLAUSE_SKIP = frozenset(
    {
        "conj",
        "cc",
        "parataxis",
        "advcl",
        "relcl",
        "punct",
        "mark",
        "discourse",
        "ccomp",
        "appos",
        "nsubj",
        "nsubjpass",
        "csubj",
        "meta",
        "dep",
        "acl",
    }
)
TRIM_END = " ,;:.\n\t\"'”’"
TRIM_START = " ,;:\n\t\"'“‘"
PHONE_WORDS = WORDS["phone_words"]


def clause_tokens(c: Cand) -> list[Token]:
    """The clause head and the subtrees of its dependents, less other clauses (a governed clause counts
    when the candidate absorbed one)."""
    head = c.clause
    out = [head]
    skip = CLAUSE_SKIP - {"ccomp"} if c.inner is not None else CLAUSE_SKIP
    for ch in head.children:
        if ch.dep_ in skip:
            continue
        out.extend(ch.subtree)
    return out


def evidence_span(
    c: Cand, actors: list[Entity], recips: list[Entity], sent: Span, text: str
) -> tuple[int, int] | None:
    """Characters from the first to the last of the trigger, the argument heads and records and the
    clause, inside the sentence, trimmed of punctuation and quotes; None when nothing is left."""
    toks = set(c.tokens) | set(c.extra)
    for h in c.actor_heads + c.recipient_heads:
        toks.add(h)
    starts = [t.idx for t in toks] + [e.start for e in actors + recips]
    ends = [t.idx + len(t.text) for t in toks] + [e.end for e in actors + recips]
    for t in clause_tokens(c):
        starts.append(t.idx)
        ends.append(t.idx + len(t.text))
    start = max(min(starts), sent.start_char)
    end = min(max(ends), sent.end_char)
    while end > start and text[end - 1] in TRIM_END:
        end -= 1
    while start < end and text[start] in TRIM_START:
        start += 1
    if end <= start:
        return None
    return start, end


def span_lemmas(c: Cand, sent: Span, start: int, end: int, lemma: Callable[[Token], str]) -> set[str]:
    """Words and lemmas of the evidence span (and, for a noun trigger, the words hanging from it)."""
    cols = columns(sent.doc)
    starts, lengths = cols.starts(), cols.length
    inside = cols.starting_in(sent.start, sent.end, start, end)
    span_toks = [sent.doc[i] for i in inside if starts[i] + int(lengths[i]) <= end]
    lemmas = {t.lower_ for t in span_toks} | {lemma(t) for t in span_toks}
    if c.nominal:
        lemmas |= {x.lower_ for x in c.tokens[0].children}
    return lemmas


def cue_modes(lex: Lexicon, k: Coding, lemmas: set[str]) -> None:
    """Modes from cue words (``keywords.tsv``): the first matching cue of the event when it has no
    mode, a drone or air strike over a generic weapon, a phone call over a visit."""
    if not k.mode and k.event in lex.mode_cues:
        for value, cue in lex.mode_cues[k.event]:
            if lemmas & cue:
                k.mode = [value]
                break
    if k.event == "ASSAULT" and (not k.mode or k.mode[0] in ("explosives", "heavy-weapons")):
        for value in ("drone", "aerial"):
            cue = dict(lex.mode_cues.get("ASSAULT", [])).get(value, frozenset())
            if lemmas & cue:
                k.mode = [value]
                break
    if k.event == "CONSULT" and "phone" not in k.mode and lemmas & PHONE_WORDS:
        k.mode = ["phone", *[m for m in k.mode if m != "visit"]]


def cue_contexts(lex: Lexicon, c: Cand, mode: list[str], lemmas: set[str]) -> set[str]:
    """The candidate's contexts plus those whose cue words are in the evidence."""
    context = set(c.context)
    for value, cue in lex.context_cues:
        if lemmas & cue:
            context.add(value)
    if "cyber" in mode:
        context.add("cyber")
    if "human" in lemmas and "rights" in lemmas:
        context.add("human_rights")
    if "human" not in lemmas:
        context.discard("human_rights")
    return context


def trigger_span(c: Cand) -> tuple[int, int]:
    trig = sorted(c.tokens, key=lambda t: t.i)
    return trig[0].idx, trig[-1].idx + len(trig[-1].text)
