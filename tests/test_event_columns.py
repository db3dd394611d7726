"""The event stage's token columns (``events/columns.py``) read exactly what the ``Token`` attributes say, and
the scans built on them make the decisions the ``Token`` versions made."""

from __future__ import annotations

import pytest

from eventwire.events.columns import columns
from eventwire.events.learned import CANDIDATE_POS, _candidate_words, _conditional_heads, sentence_features

TEXT = (
    "WASHINGTON (AP) - Senator Smith said on Monday that 55 percent of voters in a new poll would not back "
    "the plan if it passed.  Did Russia's army shell the city?  See https://example.com for more.  "
    "Officials in Kyiv, unless told otherwise, will meet whether or not talks resume."
)


@pytest.fixture(scope="module")
def sdoc(nlp):
    return nlp(TEXT)


def test_columns_are_the_token_attributes(sdoc) -> None:
    cols = columns(sdoc)
    assert columns(sdoc) is cols  # read once per parse
    assert cols.heads() == [t.head.i for t in sdoc]
    assert cols.children() == [[c.i for c in t.children] for t in sdoc]
    assert cols.dep_strings() == [t.dep_ for t in sdoc]
    assert cols.starts() == [t.idx for t in sdoc]
    assert cols.lemma_lower() == [t.lemma_.lower() for t in sdoc]
    assert cols.lower_strings() == [t.lower_ for t in sdoc]
    assert cols.length.tolist() == [len(t.text) for t in sdoc]
    for name in ("is_stop", "is_alpha", "is_punct", "like_num"):
        assert getattr(cols, name).tolist() == [getattr(t, name) for t in sdoc], name
    assert cols.where("pos", ("VERB", "AUX")).tolist() == [t.pos_ in ("VERB", "AUX") for t in sdoc]
    assert cols.where("dep", ("mark",)).tolist() == [t.dep_ == "mark" for t in sdoc]
    assert cols.where("lower", ("percent",)).tolist() == [t.lower_ == "percent" for t in sdoc]


def test_starting_in_is_the_tokens_starting_in_the_range(sdoc) -> None:
    cols = columns(sdoc)
    for sent in sdoc.sents:
        a, b = sent.start_char + 3, sent.end_char - 5
        assert list(cols.starting_in(sent.start, sent.end, a, b)) == [t.i for t in sent if a <= t.idx < b]


def test_scans_decide_as_the_token_versions(sdoc) -> None:
    keep = _candidate_words(sdoc, set())
    assert keep.tolist() == [
        t.pos_ in CANDIDATE_POS and not (t.is_stop and t.pos_ == "AUX") and len(t.text) >= 3 and t.is_alpha
        for t in sdoc
    ]
    marks = ("if", "unless", "whether")
    heads = frozenset(t.head.i for t in sdoc if t.dep_ == "mark" and t.lower_ in marks and t.head.i != t.i)
    assert heads and _conditional_heads(sdoc) == heads
    for k, sent in enumerate(sdoc.sents):
        words = [t for t in sent if not t.is_punct]
        n = len(words)
        want = {"s_first": 1.0} if k == 0 else {}
        if any(t.like_num or t.lower_ in ("percent", "%") for t in words):
            want["s_number"] = 1.0
        if any(t.lower_ in ("poll", "polls", "survey", "percent", "%") for t in words):
            want["s_poll"] = 1.0
        want["s_len=" + ("short" if n < 8 else "mid" if n < 25 else "long")] = 1.0
        if sent.text.rstrip().endswith("?"):
            want["s_question"] = 1.0
        if "http" in sent.text or "www." in sent.text:
            want["s_url"] = 1.0
        got = sentence_features(sent, k)
        assert list(got.items()) == list(want.items())
