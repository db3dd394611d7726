"""What the syntax of a person pronoun's sentence says before any search for its referent (binding):
the names its clause binds away ("He said that X would testify": not X), a rival the stage cannot name
("shouted at the girl and pushed her"), the owner a coordinated or fronted possessive takes ("X and his Y",
"In his letter, X promised"), relative clauses ("X, whom he knew": not X), and the tokens an object pronoun
cannot be ("Trump told him": not Trump).  The search itself is in ``antecedents.py``."""

from __future__ import annotations

from spacy.tokens import Token

from .docstate import DocState
from .kb import Candidate
from .tokens import SUBJECT_DEPS
from .words import load_words

WORDS = load_words()


def commanded_names(state: DocState, tok: Token) -> set[str]:
    """The refs of the people named after a subject or object pronoun as arguments of its own clause or
    of a complement clause of its verb ("He said Oldfield would testify", "he rejected Brandt's
    plan": not Oldfield, not Brandt); names inside a relative or adverbial clause, an apposition or
    a modifier ("he met X, a Brandt donor", "a plan which Brandt backs") do not count."""
    if tok.dep_ not in (*SUBJECT_DEPS, "dobj", "dative"):
        return set()
    out: set[str] = set()
    # the sentence as the text has it: the parser's sentence may run on over a full stop or a paragraph
    end = next(
        (t.i for t in tok.doc[tok.i + 1 : tok.sent.end] if t.text in (".", "!", "?") or "\n" in t.text),
        tok.sent.end,
    )
    stack = [(ch, 0) for ch in tok.head.children if tok.i < ch.i < end]
    while stack:
        t, depth = stack.pop()
        if t.dep_ in _NO_COMMAND or (t.dep_ == "ccomp" and depth > 0) or t.i >= end:
            continue
        if t.pos_ == "PROPN" and t.dep_ not in ("compound", "amod", "nmod"):
            c = state.person_by_name(t.text)
            if c is not None:
                out.add(c.ref)
        stack.extend((ch, depth + 1) for ch in t.children)
    return out


#: dependencies whose phrase a pronoun's clause does not bind a name in (Principle C stops there)
_NO_COMMAND = ("relcl", "advcl", "acl", "appos", "parataxis", "conj", "cc", "npadvmod")


def unnamed_rival(state: DocState, tok: Token, g: str | None) -> bool:
    """An object or possessive pronoun has a rival referent the stage cannot name: a common noun of its
    gender earlier in the sentence ("shouted at the girl and pushed her", "the man and his dog"), outside the
    mentions of people and not in apposition to or predicated of one."""
    if g is None:
        return False
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    verbs = {verb.i, verb.head.i} if verb.dep_ == "conj" else {verb.i}
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if t.pos_ != "NOUN" or WORDS.person_nouns.get(t.lemma_.lower()) != g:
            continue
        if t.dep_ in ("appos", "attr", "compound") or t.head.dep_ == "appos":
            continue
        if any(x.dep_ == "appos" and x.ent_type_ == "PERSON" for x in t.children):
            continue  # "Lee's father, Tom Lee, ...": a named person
        if any(e.start <= t.idx < e.end for e in state.entities):
            continue
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.i in verbs:
            continue  # "a man came in and hit him": a subject does not compete with its object
        if any(x.dep_ == "poss" and WORDS.person_pronouns.get(x.lower_) == g for x in t.children):
            continue  # "her son held her hand": the same pronoun's relative
        return True
    return False



def person_noun_for(noun: Token, tok: Token | None) -> bool:
    """``noun`` is a common noun for a person of a gender the pronoun ``tok`` may have."""
    if noun.pos_ != "NOUN" or noun.tag_ not in ("NN", "NNP"):
        return False
    g = WORDS.person_nouns.get(noun.lemma_.lower())
    if g is None:
        return False
    if tok is not None and tok.lower_ in ("him", "her") and tok.dep_ in SUBJECT_DEPS:
        return False  # "agreed to let her go": an object form is not the governing subject's
    want = WORDS.person_pronouns.get(tok.lower_) if tok is not None else None
    return g == "" or want is None or g == want


def _coordinated_owner(state: DocState, tok: Token) -> tuple[Candidate | None] | None:
    """ "X and his Y" -> X (no answer where X is a person with no name)."""
    noun = tok.head
    if tok.dep_ == "poss" and noun.dep_ == "conj" and noun.head.i < tok.i:
        if any(x.dep_ == "poss" for x in noun.head.children):
            return None  # "his uncle and his father": both the same owner's
        for e, c, _s, _p in reversed(state.history):
            if e.start <= noun.head.idx < e.end:
                if c.kind == "person":
                    return (c,)
                break
        named = state.person_by_name(noun.head.text) if noun.head.pos_ == "PROPN" else None
        if named is not None:
            return (named,)  # "Wendt's and his family's hope": a name the NER did not tag
        if (
            noun.head.ent_type_ == "PERSON"
            or state.person_noun(noun.head)
            or person_noun_for(noun.head, tok)
        ):
            return (None,)  # "the rival candidate and his aides": that person, unnamed
    return None


def syntax_blocks(state: DocState, tok: Token) -> tuple[Candidate | None] | None:
    """What the sentence's syntax says of a possessive or object pronoun before any search:
    "X and his Y" -> X; "Iran's foreign minister ... talks with his counterpart": the clause's subject
    is a person the stage could not resolve, so the pronoun's referent is unknown (no answer, not a
    person named earlier).  None where the syntax does not decide."""
    if tok.dep_ in SUBJECT_DEPS:
        return None
    coordinated = _coordinated_owner(state, tok)
    if coordinated is not None:
        return coordinated
    verb = tok.head
    steps = 0
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and steps < 6:
        verb = verb.head
        steps += 1
    if not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in verb.children) and verb.dep_ in (
        "advcl", "xcomp", "pcomp", "acl",
    ):  # fmt: skip
        verb = verb.head  # "a president can obstruct justice while exercising his powers"
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
    if tok.dep_ == "poss":
        found = _possessive_in_clause(state, tok, verb)
        if found is not None:
            return found
    for ch in verb.children:
        inside = ch.left_edge.i <= tok.i <= ch.right_edge.i
        if ch.dep_ not in ("nsubj", "nsubjpass") or ch.i >= tok.i or inside:
            continue  # ("Irina, his sister, wore": a pronoun inside the subject is not the subject)
        # "their leader, Jo Swinson, lost her seat": the subject's apposition; "Trump's way of showing
        # his affection is guided by his desire": the possessor of a subject that is no person
        if tok.dep_ == "poss" and ch.lower_ == "who" and verb.dep_ == "relcl":
            # "Wendt, who denied his guilt": Wendt; "a soldier, who would not reveal his rank": none
            head = verb.head
            person = named_person(state, _relative_head(verb))
            unnamed = head.ent_type_ == "PERSON" or state.person_noun(head) or person_noun_for(head, tok)
            if person is not None or (head.tag_ in ("NN", "NNP") and unnamed):
                return (person,)
        appos = [x for x in ch.children if x.dep_ == "appos"]
        person = state.person_at([ch, *appos]) if tok.dep_ == "poss" else None
        if person is not None:
            return (person,)  # (an object pronoun is no subject of its verb: see ``bound_tokens``)
        if state.person_noun(ch):
            return (None,)
        owner = state.person_at([x for x in ch.children if x.dep_ == "poss"])
        if owner is not None and ch.pos_ == "NOUN":
            return (owner,)
    return None


def _possessive_in_clause(state: DocState, tok: Token, verb: Token) -> tuple[Candidate | None] | None:
    """A possessive before its clause's subject or after its clause's object: "In his letter, Brandt
    promised" -> Brandt (a person the article has not named yet: no answer); "X praised Y for his
    courage" -> Y; "X called him because of his work", "the scandal may cost the governor his seat": the
    object is a person who competes with the subject, so no answer.  None where neither applies."""
    g = WORDS.person_pronouns.get(tok.lower_)
    top = next((ch for ch in verb.children if ch.left_edge.i <= tok.i <= ch.right_edge.i), None)
    if top is None:
        return None
    subjects = [ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")]
    if (
        top.i < verb.i
        and top.dep_ in ("prep", "npadvmod", "advcl")
        and any(tok.i < ch.i < verb.i for ch in subjects)
    ):
        subj = next(ch for ch in subjects if tok.i < ch.i)
        words = [subj, *(x for x in subj.children if x.dep_ in ("appos", "compound"))]
        for t in words:
            c = state.person_by_name(t.text) if t.pos_ == "PROPN" else None
            if c is not None and state.gender.get(c.ref, g) == g:
                return (c,)
        if (
            any(t.ent_type_ == "PERSON" for t in words)
            or state.person_noun(subj)
            or person_noun_for(subj, tok)
        ):
            return (None,)
        return None
    if top.dep_ not in ("prep", "dobj", "dative") or top.i < verb.i:
        return None
    by_for = top.dep_ == "prep" and top.lower_ == "for"
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "dative") or obj.i >= tok.i or obj.i == top.i:
            continue
        pronoun = WORDS.person_pronouns.get(obj.lower_) == g
        if pronoun:
            person = state.pronoun_referent(obj)
        else:
            person = state.person_at([obj]) or (
                state.person_by_name(obj.text) if obj.pos_ == "PROPN" else None
            )
            unnamed = person is None and (state.person_noun(obj) or person_noun_for(obj, tok))
            if not (unnamed or (by_for and person is not None)):
                continue  # a named object competes only after "for" (the subject is the default)
        if person is not None and state.gender.get(person.ref, g) != g:
            continue
        if by_for:
            return (person,)  # "thanked Y for his service": the object
        if pronoun and not any(_is_person(state, ch, tok) for ch in subjects):
            return (person,)  # "the ruling kept him in office despite his record"
        return (None,)
    return None


def _is_person(state: DocState, t: Token, tok: Token) -> bool:
    """``t`` is a person: a person pronoun, a person mention, a person's name or a noun for a person."""
    return (
        t.lower_ in WORDS.person_pronouns
        or state.person_at([t]) is not None
        or t.ent_type_ == "PERSON"
        or state.person_noun(t)
        or person_noun_for(t, tok)
    )


def named_person(state: DocState, toks: list[Token]) -> Candidate | None:
    """The person a mention or a name among ``toks`` denotes (a surname the NER did not tag included)."""
    person = state.person_at(toks)
    if person is None:
        named = (state.person_by_name(t.text) for t in toks if t.pos_ == "PROPN")
        person = next((c for c in named if c is not None), None)
    return person


def object_relative(clause: Token) -> bool:
    """``clause`` is a relative clause whose relative pronoun for a person is no subject ("whom he
    knew")."""
    if clause.dep_ != "relcl":
        return False
    words = [*clause.children, *(x for ch in clause.children if ch.dep_ == "prep" for x in ch.children)]
    return any(w.lower_ in ("whom", "who") and w.dep_ not in SUBJECT_DEPS for w in words)


def _relative_head(clause: Token) -> list[Token]:
    """The noun a relative clause modifies, and the noun that noun is in apposition to."""
    head = clause.head
    return [head, head.head] if head.dep_ == "appos" else [head]


def bound_tokens(tok: Token) -> list[Token]:
    """Tokens a pronoun cannot refer to for syntax alone: the subject of the verb an object pronoun
    depends on ("Trump told him": not Trump; "X and Y told them" holds both), and the noun a phrase
    holding the pronoun is in apposition to ("Maria, his bride": not Maria)."""
    out: list[Token] = []
    verb = tok.head
    objective = tok.lower_ in ("him", "them")
    if tok.dep_ in ("nsubj", "nsubjpass") and verb.dep_ in ("xcomp", "ccomp") and objective:
        verb = verb.head  # "X told him to wait": "him" parsed as the subject of "wait"
    if tok.dep_ in ("dobj", "dative", "iobj", "nsubj", "nsubjpass") and tok.lower_ in ("him", "her", "them"):
        for ch in verb.children:
            if ch.dep_ in ("nsubj", "nsubjpass"):
                out.append(ch)
                out.extend(x for x in ch.children if x.dep_ == "conj")
                if ch.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                    out.extend(_relative_head(verb))  # "X, the partner who blamed him": not X
    if (
        tok.dep_ in ("nsubj", "nsubjpass")
        and object_relative(verb)
        and tok.lower_ not in ("him", "her", "them")
    ):
        out.extend(_relative_head(verb))  # "Oldfield, whom he knew": the relative is the object, not he
    node, steps = tok, 0
    while node.dep_ in ("poss", "pobj", "prep", "compound", "amod") and steps < 3:
        node = node.head
        steps += 1
    if node.dep_ == "appos" and node.head.i != node.i:
        out.append(node.head)
    return out
