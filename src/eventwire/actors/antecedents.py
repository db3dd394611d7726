"""The antecedent of a person pronoun (he, him, his, she, her, hers).

The subject of the current clause before the pronoun, else the subject of the nearest earlier sentence
with a person subject, else the nearest person; never a person whose gender the text gives as the other
one, the speaker of the quotation the pronoun is in, or a person the syntax binds away ("Trump told
him")."""

from __future__ import annotations

from spacy.tokens import Token

from ..model import Entity
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
    blocked = _syntax_blocks(state, tok)
    if blocked is not None:
        return blocked[0]
    if tok.dep_ not in SUBJECT_DEPS and _unnamed_rival(state, tok, g):
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
    excluded = _bound_tokens(tok)
    if excluded:
        refs = {c.ref for e, c, _s in people if any(e.start <= t.idx < e.end for t in excluded)}
        # a surname the NER did not tag ("Oldfield, whom he knew"): the person the article named so
        named = (state.person_by_name(t.text) for t in excluded if t.pos_ == "PROPN")
        refs |= {c.ref for c in named if c is not None}
        people = [x for x in people if x[1].ref not in refs]
    # "He said that Oldfield would testify": a pronoun is not a person named in the clause it governs
    named = _commanded_names(state, tok)
    return [x for x in people if x[1].ref not in named]


def _commanded_names(state: DocState, tok: Token) -> set[str]:
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


def _unnamed_rival(state: DocState, tok: Token, g: str | None) -> bool:
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
        if node.i == tok.head.i and tok.dep_ in ("nsubj", "nsubjpass") and _object_relative(node):
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
            other = _named(state, [obj, *(x for x in obj.children if x.dep_ == "appos")])
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
    if state.person_noun(subj) or _person_noun_for(subj, tok):
        return True, None
    return False, None


def _person_noun_for(noun: Token, tok: Token | None) -> bool:
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
            or _person_noun_for(noun.head, tok)
        ):
            return (None,)  # "the rival candidate and his aides": that person, unnamed
    return None


def _syntax_blocks(state: DocState, tok: Token) -> tuple[Candidate | None] | None:
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
            person = _named(state, _relative_head(verb))
            unnamed = head.ent_type_ == "PERSON" or state.person_noun(head) or _person_noun_for(head, tok)
            if person is not None or (head.tag_ in ("NN", "NNP") and unnamed):
                return (person,)
        appos = [x for x in ch.children if x.dep_ == "appos"]
        person = state.person_at([ch, *appos]) if tok.dep_ == "poss" else None
        if person is not None:
            return (person,)  # (an object pronoun is no subject of its verb: see ``_bound_tokens``)
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
            or _person_noun_for(subj, tok)
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
            unnamed = person is None and (state.person_noun(obj) or _person_noun_for(obj, tok))
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
        or _person_noun_for(t, tok)
    )


def _named(state: DocState, toks: list[Token]) -> Candidate | None:
    """The person a mention or a name among ``toks`` denotes (a surname the NER did not tag included)."""
    person = state.person_at(toks)
    if person is None:
        named = (state.person_by_name(t.text) for t in toks if t.pos_ == "PROPN")
        person = next((c for c in named if c is not None), None)
    return person


def _object_relative(clause: Token) -> bool:
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


def _bound_tokens(tok: Token) -> list[Token]:
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
        and _object_relative(verb)
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
