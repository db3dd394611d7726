"""The antecedent of a person pronoun (he, him, his, she, her, hers).

The subject of the current clause before the pronoun, else the subject of the nearest earlier sentence
with a person subject, else the nearest person; never a person whose gender the text gives as the other
one, the speaker of the quotation the pronoun is in, or a person the syntax binds away ("Trump told
him"; ``binding.py``); no answer where the syntax leaves two candidates."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Entity
from .binding import (
    bound_tokens,
    commanded_names,
    named_person,
    object_relative,
    person_noun_for,
    syntax_blocks,
    unnamed_rival,
)
from .docstate import DocState
from .kb import Candidate
from .speakers import quote_speakers
from .tokens import SUBJECT_DEPS
from .words import load_words

WORDS = load_words()

#: an earlier person mention: (entity, candidate, is_subject)
Seen = tuple[Entity, Candidate, bool]


def antecedent_person(state: DocState, tok: Token, sent_index: int) -> Candidate | None:
    """he/she/his/her: the person it refers to, or None.  A pronoun with a single candidate person in
    reach gives that person its gender."""
    g = WORDS.person_pronouns.get(tok.lower_)
    c = _antecedent(state, tok, sent_index, g)
    if c is not None and g is not None and c.ref not in state.gender:
        window = {
            x.ref
            for e, x, _s, _p in state.history
            if x.kind == "person" and e.start < tok.idx and e.sentence >= sent_index - 3
        }
        if len(window) == 1:
            state.gender[c.ref] = g
    return c


def _antecedent(state: DocState, tok: Token, sent_index: int, g: str | None) -> Candidate | None:
    base, quoted = _before_quotation(state, tok, sent_index)
    people = _people_before(state, tok, sent_index, g, base, quoted)
    blocked = syntax_blocks(state, tok)
    if blocked is not None:
        return blocked[0]
    if tok.dep_ not in SUBJECT_DEPS and unnamed_rival(state, tok, g):
        return None
    if g is not None:
        # "She disagreed with his plan": a pronoun of the other gender earlier in the sentence took
        # its person, who is not this pronoun's
        other = {
            e.ref
            for e in state.entities
            if e.kind == "pronoun"
            and e.sentence == sent_index
            and e.start < tok.idx
            and WORDS.person_pronouns.get(e.entity_text.lower(), g) != g
        }
        people = [x for x in people if x[1].ref not in other]
    if not people:
        return None
    same = [(e, c, s) for e, c, s in people if e.sentence == sent_index]
    if tok.dep_ in SUBJECT_DEPS:
        found, c = _subject_in_sentence(state, tok, same)
        if found:
            return c
    if same and tok.dep_ not in SUBJECT_DEPS:
        subj = [x for x in same if x[2]]
        return (subj or same)[-1][1]
    found = _nearest_earlier(state, people, sent_index, base)
    if found is not None and any(c.ref != found.ref for _e, c, _s in same):
        # "The board cited Wendt's report, and he defended it": a person of the pronoun's own sentence
        # competes with the one of an earlier sentence
        return None
    return found


def _before_quotation(state: DocState, tok: Token, sent_index: int) -> tuple[int, tuple[int, int]]:
    """``(base, quoted)``: '"...," he said': the people named inside the quotation just closed
    (``quoted``, character offsets of its marks) are not its speaker, and the antecedent is looked for
    before the quotation opened (``base``: the sentence it opened in)."""
    base, quoted = sent_index, (-1, -1)
    text = state.doc.text
    k = tok.idx - 1
    while k >= 0 and text[k] in " \t\n,":
        k -= 1
    if k >= 0 and text[k] in '"\u201d':
        opening = max(text.rfind('"', 0, k), text.rfind("\u201c", 0, k))
        if opening >= 0:
            quoted = (opening, k)
            for sen in state.doc.sentences:
                if sen.start <= opening < sen.end:
                    base = min(base, sen.index)
                    break
    return base, quoted


def _people_before(
    state: DocState, tok: Token, sent_index: int, g: str | None, base: int, quoted: tuple[int, int]
) -> list[Seen]:
    """The people named before the pronoun that it may refer to."""
    people = [
        (e, c, s)
        for e, c, s, _ in state.history
        if c.kind == "person"
        and e.start < tok.idx
        and e.sentence >= base - 3
        and not quoted[0] < e.start < quoted[1]
        and not state.pasted(e.sentence, sent_index)
        and (g is None or state.gender.get(c.ref, g) == g)
    ]
    speakers = quote_speakers(state, tok)
    if speakers:
        # '"He should be positive," Mr. Trump said': inside a quotation, he/she is not its speaker
        people = [x for x in people if x[1].ref not in speakers]
    # "Trump told him": an object pronoun is not the subject of its own verb; "Maria, his bride": a
    # pronoun inside an apposition is not the noun it is in apposition to
    excluded = bound_tokens(tok)
    if excluded:
        refs = {c.ref for e, c, _s in people if any(e.start <= t.idx < e.end for t in excluded)}
        # a surname the NER did not tag ("Oldfield, whom he knew"): the person the article named so
        named = (state.person_by_name(t.text) for t in excluded if t.pos_ == "PROPN")
        refs |= {c.ref for c in named if c is not None}
        people = [x for x in people if x[1].ref not in refs]
    # "He said that Oldfield would testify": a pronoun is not a person named in the clause it governs
    named = commanded_names(state, tok)
    return [x for x in people if x[1].ref not in named]



def _subject_in_sentence(state: DocState, tok: Token, same: list[Seen]) -> tuple[bool, Candidate | None]:
    """A subject pronoun's referent in its own sentence: ``(True, person or None)`` where the sentence
    decides, ``(False, None)`` where the search goes on to earlier sentences."""
    found, gov = _governing_subject(state, tok, same)
    if found:
        return True, gov  # the governing subject, or None where it is no single known person
    if same:
        # "X clarified that ... and that he considered": the person subject of the main clause
        # the sentence's first subject; a thing owned by a person ("Manafort's motivation remains
        # unclear: was he ...", "For Barr, Mueller's non-decision ... he'd take"): no answer
        first = next((t for t in tok.sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < tok.i), None)
        for e, c, _s in reversed(same):
            if first is not None and e.start <= first.idx < e.end:
                return True, c
        if first is not None and any(x.dep_ == "poss" for x in first.children):
            return True, None
    return False, None


def _nearest_earlier(state: DocState, people: list[Seen], sent_index: int, base: int) -> Candidate | None:
    """The subject of the nearest earlier sentence with a person subject, else the nearest person."""
    for idx in range(sent_index - 1, base - 4, -1):
        sent_people = [(e, c, s) for e, c, s in people if e.sentence == idx]
        subj = [x for x in sent_people if x[2]]
        if subj:
            return subj[0][1]
        if state.person_noun_subject(idx):
            # "The shadow foreign secretary called ... / “...,” she said": the nearest subject is a
            # person the stage could not resolve; a person named further back is not the referent
            return None
        if sent_people:
            return sent_people[0][1]
    return people[-1][1]


def _governing_subject(state: DocState, tok: Token, same: list[Seen]) -> tuple[bool, Candidate | None]:
    """A subject pronoun of a complement or adverbial clause refers to the person who is the subject
    of the clause governing it ("X signalled he might come", "X said he would", "When X landed, he
    said", "Comey, as he testified, refused"): climb the clause links from the pronoun's verb and look
    for a subject there (or in an adverbial clause of the pronoun's own verb that comes before the
    pronoun).  ``(True, person)`` where that subject is a person; ``(True, None)`` where it is two
    people ("X and Y met the president so he could sign": no single antecedent) or a person noun the
    stage could not resolve ("the chairman, who said he"); ``(False, None)`` where no clause says."""
    verb = tok.head
    for ch in verb.children:
        if ch.dep_ == "advcl" and ch.i < tok.i:
            found, c = _subject_of(state, tok, ch, same)
            if found:
                return found, c
    node, steps = verb, 0
    clause_links = ("ccomp", "xcomp", "advcl", "conj", "relcl")
    while node.dep_ in clause_links and node.head.i != node.i and steps < 3:
        modifies_noun = node.head.pos_ in ("NOUN", "PROPN") and node.head.i < tok.i
        if node.i == tok.head.i and tok.dep_ in ("nsubj", "nsubjpass") and object_relative(node):
            break  # "Oldfield, whom he knew, ...": the pronoun is the clause's subject, not the noun
        if node.dep_ in ("advcl", "relcl") and modifies_noun:
            # "Comey, as he testified, ...": the clause modifies the noun
            found, c = _subject_referent(state, node.head, same, tok)
            if (
                not found
                and node.dep_ == "relcl"
                and node.head.tag_ in ("NN", "NNP")
                and tok.lower_ not in ("him", "her")
                and any(ch.lower_ == "who" for ch in node.children)
            ):
                return True, None  # "one witness who said he saw it": a person with no name
            return found, c
        if node.dep_ == "relcl":
            break
        node = node.head
        steps += 1
        found, c = _told(state, tok, node, same) if steps == 1 else (False, None)
        if not found:
            found, c = _subject_of(state, tok, node, same)
        if found:
            return found, c
    return False, None


def _subject_of(state: DocState, tok: Token, verb: Token, same: list[Seen]) -> tuple[bool, Candidate | None]:
    """What the subject of ``verb`` (before the pronoun ``tok``) says of the pronoun."""
    for ch in verb.children:
        if ch.dep_ not in ("nsubj", "nsubjpass") or ch.i >= tok.i:
            continue
        gender = WORDS.person_pronouns
        if gender.get(ch.lower_, "?") == gender.get(tok.lower_):
            # "X said he thinks he can win": the governing pronoun's referent, or none
            return True, state.pronoun_referent(ch)
        found, c = _subject_referent(state, ch, same, tok)
        if found and c is not None and _person_object(state, tok, verb, c):
            return True, None  # "X criticised Y over the delay, saying he": X and Y compete
        return found, c
    return False, None


def _person_object(state: DocState, tok: Token, verb: Token, subject: Candidate) -> bool:
    """``verb`` has a direct object before ``tok`` that is another person the pronoun may refer to."""
    g = WORDS.person_pronouns.get(tok.lower_)
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "dative") or obj.i >= tok.i:
            continue
        if WORDS.person_pronouns.get(obj.lower_) == g:
            other = state.pronoun_referent(obj)
        else:
            other = named_person(state, [obj, *(x for x in obj.children if x.dep_ == "appos")])
        if other is not None and other.ref != subject.ref and state.gender.get(other.ref, g) == g:
            return True
    return False


def _told(state: DocState, tok: Token, verb: Token, same: list[Seen]) -> tuple[bool, Candidate | None]:
    """ "X told Y that he had to act": the person told."""
    if verb.lemma_.lower() not in WORDS.tell_verbs:
        return False, None
    for ch in verb.children:
        if ch.dep_ in ("dobj", "dative") and ch.i < tok.i:
            found, c = _subject_referent(state, ch, same, tok)
            if found:
                return found, c
    return False, None


def _subject_referent(
    state: DocState, subj: Token, same: list[Seen], tok: Token | None = None
) -> tuple[bool, Candidate | None]:
    """What a subject noun says of a singular pronoun ``tok`` it governs: a person (found), two
    coordinated people or a person noun with no resolved person (found, None: "the official hesitated,
    saying he"), or nothing (a thing, a state)."""
    if subj.lower_ in WORDS.person_pronouns:
        return False, None
    coordinated = any(ch.dep_ == "conj" for ch in subj.children) or subj.dep_ == "conj"
    if coordinated and any(e.start <= subj.idx < e.end for e, _c, _s in same):
        return True, None  # "Lighthizer and Mnuchin met the president so he could sign"
    toks = [subj, *(ch for ch in subj.children if ch.dep_ == "appos")]
    for e, c, _s in reversed(same):
        if any(e.start <= t.idx < e.end for t in toks):
            return True, c
    if state.person_noun(subj) or person_noun_for(subj, tok):
        return True, None
    return False, None
