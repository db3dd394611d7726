"""Plausible base forms of an inflected English word, for lexicon lookups.

Shared by the events coder (a trigger whose lemmatizer lemma is unknown) and the selective parse
(which words of a sentence could be a trigger's lemma).
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=65_536)
def lemma_candidates(word: str) -> tuple[str, ...]:
    """``word`` lowercased, then the stems its -ing / -ed / -ies / -es / -s endings allow, in that order."""
    w = word.lower()
    out = [w]
    for suf in ("ing", "ed"):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            stem = w[: -len(suf)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
            if suf == "ed" and stem.endswith("i"):
                out.append(stem[:-1] + "y")
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    return tuple(out)
