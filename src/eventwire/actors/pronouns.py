"""Pronouns as actors: which are actors at all ("it is clear that" is not), and their referent: a person
for he/she (``antecedents.py``), a state, organisation or group for it/its/they/them/their (here)."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Entity
from .antecedents import antecedent_person
from .docstate import DocState
from .kb import Candidate
from .tokens import SUBJECT_DEPS
from .words import load_words

WORDS = load_words()


def resolve_pronoun(state: DocState, tok: Token, sent_index: int) -> None:
    """The entity of pronoun ``tok`` (resolved, or an unresolved subject he/she), if it is an actor."""
    low = tok.lower_
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if tok.text == "He" and prev is not None and prev.pos_ == "PROPN" and prev.ent_type_ == "PERSON":
        return  # "Liu He": a name, no pronoun
    if tok.text[:1].isupper() and prev is not None and prev.sent == tok.sent and prev.is_alpha:
        return  # "the novel Show Him the Door": a capitalised pronoun after a word is part of a title
    if low in WORDS.person_pronouns:
        ante = antecedent_person(state, tok, sent_index)
    elif low in WORDS.neuter_pronouns:
        if not _actor_it(tok):
            return
        ante = antecedent_collective(state, sent_index, plural=False, possessive=low == "its", tok=tok)
    else:
        ante = antecedent_collective(state, sent_index, plural=True, possessive=low == "their")
    if ante is not None and low in ("it", "they", "them") and _unlinked_subject(state, tok):
        ante = None  # "critics said they ...": the subject noun of the governing clause is the referent
    if ante is None:
        if low in ("he", "she") and tok.dep_ in SUBJECT_DEPS:
            # an unresolved subject pronoun (often a quote's speaker): said so, with no name
            state.entities.append(
                Entity(
                    entity_text=tok.text,
                    start=tok.idx,
                    end=tok.idx + len(tok.text),
                    sentence=sent_index,
                    role="pronoun (unresolved)",
                    kind="pronoun",
                    ref=f"unresolved:{tok.idx}",
                    confidence=0.0,
                    basis="unresolved_pronoun",
                )
            )
        return
    ent = Entity(
        entity_text=tok.text,
        start=tok.idx,
        end=tok.idx + len(tok.text),
        sentence=sent_index,
        name=ante.name,
        code=ante.code,
        sector=ante.sector,
        wikidata_id=ante.wikidata_id,
        role=f"pronoun->{ante.name}",
        kind="pronoun",
        label=None,
        ref=ante.ref,
        confidence=round(min(0.8, (ante.confidence or 0.5)), 2),
        basis="coreference",
    )
    state.entities.append(ent)


def _actor_it(tok: Token) -> bool:
    """it/its may be a state or organisation: "its" always; "it" only as the subject of a verb of what
    actors do ("it said", "it threatened")."""
    if tok.lower_ != "it":
        return True
    if tok.dep_ not in SUBJECT_DEPS or _expletive(tok):
        return False  # "it is clear that ...": expletive; "said it": not an actor
    verb = tok.head
    # "it raised worries", "it gets worse": most often a thing, not a state; "Turkey asked that it not be
    # done": a passive subject of a reported clause is what is asked about
    return verb.lemma_.lower() in WORDS.actor_verbs or (
        tok.dep_ == "nsubj"
        and verb.dep_ in ("ccomp", "conj")
        and verb.head.lemma_.lower() in WORDS.actor_verbs
    )


def _expletive(tok: Token) -> bool:
    """'it' in "it is unclear whether", "it seems that", "it took two days to"."""
    verb = tok.head
    if verb.lemma_ not in WORDS.expletive_verbs:
        return False
    for t in tok.doc[verb.i + 1 : min(len(tok.doc), verb.i + 6)]:
        if t.lower_ in WORDS.expletive_complements:
            return True
        if t.is_punct:
            break
    return any(c.dep_ in ("ccomp", "csubj") for c in verb.children)


def _unlinked_subject(state: DocState, tok: Token) -> bool:
    """The clause governing the pronoun's clause has a noun subject that is no actor entity ("critics said
    they were angry")."""
    verb = tok.head
    if verb.dep_ not in ("ccomp", "advcl") or verb.head.i == verb.i:
        return False
    gov = verb.head
    if gov.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in gov.children):
        gov = gov.head  # "staffers had to know they would lose"
    for ch in gov.children:
        if ch.dep_ in ("nsubj", "nsubjpass") and ch.pos_ in ("NOUN", "PROPN") and ch.i < tok.i:
            return not any(e.start <= ch.idx < e.end for e in state.entities)
    return False


def antecedent_collective(
    state: DocState, sent_index: int, plural: bool, possessive: bool = False, tok: Token | None = None
) -> Candidate | None:
    """it/its/they/their/them: a state, organisation or group; "its"/"their" only from the same sentence,
    "it"/"they"/"them" only from a subject of this or the previous sentence (else no antecedent: a
    thing named in between is the likelier referent).  With ``tok`` (it/its), an antecedent in the
    same sentence must be the subject of the pronoun's clause or of a clause governing it ("Turkey
    said its troops ...", "Iran has ties to Iraq, and its influence grew": Iran) or the noun "its" is
    coordinated with ("the EU and its members"): "the visit at its core", "EU membership ... its
    choices" are things."""
    support = _clause_subjects(tok) if tok is not None else None
    for ent, c, s, p in reversed(state.history):
        if ent.sentence < sent_index - (0 if possessive else 1):
            break
        if (
            support is not None
            and ent.sentence == sent_index
            and not any(ent.start <= t.idx < ent.end for t in support)
        ):
            continue
        if not possessive and not s:
            continue
        if state.pasted(ent.sentence, sent_index):
            continue
        if c.kind == "person" or ent.kind == "pronoun":
            continue
        if plural and not p and c.kind != "org":
            continue
        if (not plural and (p or c.kind not in ("state", "org"))) or c.sector is None:
            continue
        return c
    return None


def _clause_subjects(tok: Token) -> list[Token]:
    """Subjects that may be the referent of ``tok`` (it/its) by syntax: the subject of the pronoun's own
    clause (not one holding the pronoun), of the clauses governing it (up to three links), the object of
    the verb a possessive's phrase depends on ("thanked Russia for its support"), and the noun a
    possessive's noun is coordinated with ("the EU and its members")."""
    out: list[Token] = []
    if tok.dep_ == "poss" and tok.head.dep_ == "conj":
        out.append(tok.head.head)
    holders = {tok.i}
    verb, steps = tok, 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 6:
        holders.add(verb.i)
        verb = verb.head
        steps += 1
    sdoc = tok.doc
    if tok.dep_ == "poss" and any(sdoc[h].dep_ == "prep" and sdoc[h].head.i == verb.i for h in holders):
        # "thanked Russia for its support", "praised Iran for its restraint": the verb's object
        out.extend(ch for ch in verb.children if ch.dep_ == "dobj" and ch.i < tok.i)
    for _ in range(4):
        for ch in verb.children:
            if ch.dep_ in ("nsubj", "nsubjpass") and ch.i not in holders and ch.i < tok.i:
                out.append(ch)
                out.extend(x for x in ch.children if x.dep_ == "conj")
        if verb.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or verb.head.i == verb.i:
            break
        if verb.dep_ == "xcomp":
            # "forced the administration to abandon its policy": the object of the governing verb
            out.extend(ch for ch in verb.head.children if ch.dep_ == "dobj" and ch.i < tok.i)
        verb = verb.head
    return out
