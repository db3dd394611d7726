"""Parse modes: ``full`` (every sentence parsed, the reference) and ``selective`` (the parser runs only
on sentences a stage wants)."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.config import DEFAULT_STAGES, PipelineConfig
from eventwire.ingest import make_article
from eventwire.model import Document
from eventwire.nlp.selective import LemmaCandidates
from eventwire.pipeline import Pipeline

#: sentences no stage needs a parse for: no trigger, cue, quotation mark, name, time or place
PLAIN = "The old bridge was painted green and blue. The cake tasted sweet."
#: a sentence with an event trigger and named actors
TRIGGER = "Rebel fighters attacked an army base near Mosul on Tuesday."


@pytest.fixture(scope="module")
def selective() -> Pipeline:
    p = Pipeline(PipelineConfig(parse="selective"))
    p.keep_parse = True
    return p


def _code(p: Pipeline, text: str) -> Document:
    return p.code(make_article(text=text, date="2024-03-05"))


def _records(items: list) -> list[dict]:
    return [{k: v for k, v in x.to_dict().items() if k != "id"} for x in items]


def test_default_is_full_and_bad_mode_is_refused() -> None:
    assert PipelineConfig().parse == "full"
    with pytest.raises(ValueError, match="parse mode"):
        Pipeline(PipelineConfig(parse="some"))


def test_every_default_stage_says_what_it_parses_for(selective: Pipeline) -> None:
    # a stage without wants_parse would make the selective mode parse everything
    assert [s.name for s in selective.stages] == list(DEFAULT_STAGES)
    assert all(callable(getattr(s, "wants_parse", None)) for s in selective.stages)


def test_unparsed_sentences_give_no_events_and_a_flat_tree(selective: Pipeline) -> None:
    before = selective.parse_stats.parsed_sentences
    doc = _code(selective, PLAIN)
    assert selective.parse_stats.parsed_sentences == before  # nothing went through the parser
    assert doc.events == [] and doc.quotes == []
    assert len(doc.sentences) == 2
    sdoc = doc.spacy
    assert sdoc is not None and sdoc.text == doc.text
    for sent in sdoc.sents:
        words = [t for t in sent if not t.is_space]
        assert sum(t.dep_ == "ROOT" for t in words) == 1
        assert all(t.dep_ in ("ROOT", "dep") and t.head.i == sent.root.i for t in words)
        assert sent.root.tag_.startswith("VB")  # the first verb is the root of a flat tree
    painted = next(t for t in sdoc if t.text == "painted")
    assert painted.lemma_ == "paint" and painted.pos_ == "VERB"
    for s in doc.sentences:
        assert doc.text[s.start : s.end].strip() == doc.text[s.start : s.end]


def test_a_sentence_with_a_trigger_gets_the_events_of_a_full_parse(
    selective: Pipeline, pipeline: Pipeline
) -> None:
    text = f"{PLAIN} {TRIGGER}"
    before = selective.parse_stats.parsed_sentences
    sel = _code(selective, text)
    full = pipeline.code(make_article(text=text, date="2024-03-05"))
    assert selective.parse_stats.parsed_sentences == before + 1
    assert sel.events, "the attack is coded"
    assert _records(sel.events) == _records(full.events)
    assert _records(sel.entities) == _records(full.entities)
    for e in sel.events:
        assert sel.text[e.start : e.end] == e.event_text


def test_lemma_candidates_cover_irregular_forms(nlp: Language) -> None:
    cands = LemmaCandidates(nlp)
    assert "meet" in cands("met")
    assert "fight" in cands("fought")
    assert "talk" in cands("talks")
    assert "be" in cands("was")
    assert "have" in cands("'ve")


def test_cli_parse_flag() -> None:
    res = CliRunner().invoke(app, ["code", "--parse", "selective", "-o", "jsonl", "-"], input=TRIGGER + "\n")
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert [e["event"] for e in out["events"]] == ["ASSAULT"]
    bad = CliRunner().invoke(app, ["code", "--parse", "half", "-"], input=TRIGGER)
    assert bad.exit_code == 2


def test_vectorised_attribute_ruler_matches_spacy(nlp: Language) -> None:
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    from eventwire.nlp.attrs import compile_ruler

    ruler = nlp.get_pipe("attribute_ruler")
    fast = compile_ruler(ruler)
    assert fast is not None
    text = (
        "I'm gonna tell y'all: she ain't got the money, and they've had enough.\n\n"
        "Did he do it? There is something nobody knows, but we'll see what it's worth to them.  "
        "Let's go, said the mayor, who would've been there once."
    )
    names = [n for n in nlp.pipe_names if n not in ("attribute_ruler", "lemmatizer")]
    with nlp.select_pipes(enable=names):
        doc = nlp(text)
    assert fast.match(doc) == ruler.match(doc)
    a, b = doc.copy(), doc.copy()
    ruler(a)
    fast(b)
    cols = [POS, MORPH, LEMMA, TAG, DEP]
    assert (a.to_array(cols) == b.to_array(cols)).all()


def test_vectorised_attribute_ruler_leaves_other_patterns_to_spacy() -> None:
    import spacy

    from eventwire.nlp.attrs import compile_ruler

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "big"}, {"LOWER": "apple", "OP": "?"}]], {"LEMMA": "city"})  # type: ignore[attr-defined]
    assert compile_ruler(ruler) is None


def test_full_mode_pipe_equals_spacy_pipe(nlp: Language) -> None:
    """Full mode runs every pipe with the vectorised ruler: the Docs equal ``nlp.pipe``'s."""
    from spacy.tokens import DocBin

    from eventwire.nlp import pipe_full

    texts = [
        "The ministers of Chile and Peru met in Lima on Monday, and they'd agreed to talk again.",
        "Rebels ain't leaving: they shelled the town twice, police said.\n\nNobody was hurt.",
        "\"We will not yield,\" the president told reporters. Let's see what y'all think of it.",
    ]
    attrs = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]
    spacy_bin, ours_bin = DocBin(attrs=attrs), DocBin(attrs=attrs)
    for d in nlp.pipe(texts):
        spacy_bin.add(d)
    for d in pipe_full(nlp, texts):
        ours_bin.add(d)
    assert spacy_bin.to_bytes() == ours_bin.to_bytes()


LEMMA_TEXTS = [
    "I'm gonna tell y'all: she ain't got the money, and they've had enough of the better offers.",
    "Rebels were shelling the towns; the ministers' meetings went worse than the worst forecasts.",
    "She leaves now and the leaves fall; they were building the building; we saw the saws; it lies.",
    "",
]


@pytest.mark.parametrize("overwrite", [False, True])
@pytest.mark.parametrize("text", LEMMA_TEXTS, ids=["contractions", "inflections", "ambiguous", "empty"])
def test_remembering_lemmatizer_equals_spacy(nlp: Language, text: str, overwrite: bool) -> None:
    from spacy.attrs import LEMMA

    from eventwire.nlp.lemmas import compile_lemmatizer

    lem = nlp.get_pipe("lemmatizer")
    fast = compile_lemmatizer(lem)
    assert fast is not None
    names = [n for n in nlp.pipe_names if n not in ("lemmatizer", "ner")]
    with nlp.select_pipes(enable=names):
        doc = nlp(text)
    was = lem.overwrite
    lem.overwrite = overwrite
    try:
        a, b = doc.copy(), doc.copy()
        lem(a)
        fast(b)
        fast(c := doc.copy())  # the second time from the memo
        for other in LEMMA_TEXTS:  # and after other documents filled it
            with nlp.select_pipes(enable=names):
                fast(nlp(other))
        fast(d := doc.copy())
    finally:
        lem.overwrite = was
    assert [t.lemma_ for t in a] == [t.lemma_ for t in b] == [t.lemma_ for t in c] == [t.lemma_ for t in d]
    assert (a.to_array([LEMMA]) == b.to_array([LEMMA])).all()


def test_remembering_lemmatizer_leaves_other_lemmatizers_to_spacy() -> None:
    import spacy

    from eventwire.nlp.lemmas import compile_lemmatizer

    blank = spacy.blank("en")
    assert compile_lemmatizer(blank.add_pipe("lemmatizer", config={"mode": "lookup"})) is None
