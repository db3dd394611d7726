"""Events the learned model proposes where no lexicon trigger fired, with their arguments from the parse.

Most are statement acts ("X said Y lied", "X denied ...", "X urged ..."): the actor is the speaker (the
subject of the reporting verb, or the speaker of the quotation holding the word), the recipient the party
the statement is about (the object, a prepositional object, or the subject of the reported clause).
A passive subject is done to ("Bolton was fired"): it is the recipient and the "by" agent the actor.  A deed
reported by someone else and coded as an accusation ("Y undermined Z," X said) is the speaker's accusation of
the doer.  A recipient the actors stage named beats a bare noun phrase ("cast doubt on X's claims"), and the
actor is never its own recipient ("touted his relationship with X" is directed at X).
The status comes from the clause: a negation, a future or hypothetical auxiliary, a condition.
"""

from __future__ import annotations

import functools
import math
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Document, Entity, Event
from ..quotes import load_cues
from .learned import MODALS_FUTURE, MODALS_HYPOTHETICAL, SPEECH_LEMMAS, Candidate
from .lexicon import load as load_lexicon
from .vocab import FIRST_PERSON, FIRST_PERSON_PLURAL, NON_ACTOR_PRONOUNS, OF_ACTOR_EVENTS, UTTERANCE_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .chooser import Query

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
RECIPIENT_PREPS = frozenset(
    {"against", "on", "to", "with", "at", "of", "toward", "towards", "from", "over", "about"}
)
#: prepositions of an object noun's own party ("support for X", "love for X")
NOUN_RECIPIENT_PREPS = RECIPIENT_PREPS | {"for"}
#: verbs whose complement is wished for, proposed or asked for, not asserted
IRREALIS = frozenset({"want", "hope", "propose", "seek", "try", "ask", "urge", "plan", "consider", "wish"})
PRONOUN_POS = "PRON"
#: classes of the quotes stage's reporting cues whose subject makes a statement (not "thought")
STATEMENT_CUES = frozenset({"speech", "written", "report", "stance"})
CONDITIONS = ("if", "unless")
#: prepositions that make an event noun the goal or content of its clause's act ("flew in for talks")
PURPOSE_PREPS = frozenset({"for", "in", "into", "during", "at"})


@functools.lru_cache(maxsize=1)
def cameo_roots() -> dict[str, str]:
    path = Path(str(resources.files("eventwire"))) / "data" / "events" / "plover_roots.tsv"
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            event, root = line.split("\t")
            out[event] = root
    return out


def _subject(tok: Token) -> Token | None:
    node = tok
    for _ in range(4):
        for c in node.children:
            if c.dep_ in SUBJECT_DEPS:
                return c
        for c in node.children:
            if c.dep_ == "aux" and c.i < node.i:
                # "Mexico did, however, resist": the parser may hang the subject from the auxiliary
                sub = next((g for g in c.children if g.dep_ in SUBJECT_DEPS), None)
                if sub is not None:
                    return sub
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head.i != node.i:
            node = node.head
            continue
        break
    return None


def _passive(tok: Token) -> Token | None:
    """The passive subject of a verb ("Bolton was fired"): the party the act is done to."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "xcomp" for c in tok.children):
        return None  # "is set to meet", "was expected to sign": the subject is the complement's
    for c in tok.children:
        if c.dep_ == "nsubjpass":
            return c
    if tok.tag_ == "VBN" and tok.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        return _passive(tok.head)  # "was arrested and charged": the subject is shared
    return None


def _agent(tok: Token) -> Token | None:
    """The passive agent ("fired by the board")."""
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _verb_actor(tok: Token) -> Token | None:
    """Who acts in a verb's clause: the active subject, or the agent of a passive."""
    if _passive(tok) is not None:
        return _agent(tok)
    return _subject(tok)


def _noun_actor(tok: Token, event: str = "") -> Token | None:
    for c in tok.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and (
            c.lower_ in ("by", "from") or (c.lower_ == "of" and event in OF_ACTOR_EVENTS)
        ):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    node = tok
    # "two days of meetings with X": the event noun is the complement of a measure or kind noun
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
        node = node.head.head
    if node.dep_ in ("dobj", "attr") and node.head.pos_ in ("VERB", "AUX"):
        return _verb_actor(node.head)
    # "flew to Hanoi for talks with X", "took part in the meeting": the event noun is the goal or the
    # content of the clause's act, whose doer is its subject (a time or circumstance phrase such as
    # "after the attack" is not: its event need not be the subject's)
    if node.dep_ == "pobj" and node.head.lower_ in PURPOSE_PREPS and node.head.head.pos_ in ("VERB", "AUX"):
        verb = node.head.head
        return None if _passive(verb) is not None else _subject(verb)
    return None


def _is_pos_pronoun(t: Token) -> bool:
    return t.dep_ == "poss" and t.pos_ == PRONOUN_POS


def _prep_objects(tok: Token, preps: frozenset[str] = RECIPIENT_PREPS) -> list[Token]:
    """Objects of the word's recipient prepositions, less times ("on Wednesday")."""
    return [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in preps
        for g in c.children
        if g.dep_ == "pobj"
        and g.ent_type_ not in ("DATE", "TIME")
        and (g.pos_ in ("PROPN", "NOUN", "PRON") or _part_of(g))
    ]


def _part_of(tok: Token) -> bool:
    """A quantity of a group ("many of his suggestions", "some of the rebels")."""
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _recipients(tok: Token) -> list[Token]:
    """Candidate recipient heads of an event word, best first: the passive subject, the object, a
    prepositional object of the object ("doubt on X", "advice from X"), of the word, and the subject of
    a complement clause ("wants X to lift", "hold X accountable", for a speech verb "said X lied")."""
    out: list[Token] = []
    patient = _passive(tok)
    if patient is not None:
        out.append(patient)
    objs = [
        c
        for c in tok.children
        if c.dep_ in ("dobj", "dative") and (c.pos_ in ("PROPN", "NOUN", "PRON") or _part_of(c))
    ]
    for obj in objs:
        inner = _prep_objects(obj, NOUN_RECIPIENT_PREPS)
        if inner and any(_is_pos_pronoun(c) for c in obj.children):
            out += [*inner, obj]  # "his love for X", "his promise to me": the subject's own act, toward X
        else:
            out += [obj, *inner]
    out += _prep_objects(tok)
    for c in tok.children:
        if c.dep_ == "xcomp" and c.pos_ == "VERB":
            # "tried to open talks with X", "is set to meet with X": the complement's own party
            for obj in (g for g in c.children if g.dep_ == "dobj" and g.pos_ in ("PROPN", "NOUN", "PRON")):
                out += [obj, *_prep_objects(obj, NOUN_RECIPIENT_PREPS)]
            out += _prep_objects(c)
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp", "oprd"):
            sub = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if sub is not None:
                out.append(sub)
    return out


def _status(tok: Token) -> list[str]:
    node = tok
    for depth in range(3):
        for c in node.children:
            if c.dep_ == "neg" and depth == 0:
                return ["negated"]
            if c.dep_ in ("aux", "auxpass"):
                if c.lower_ in MODALS_FUTURE:
                    return ["future"]
                if c.lower_ in MODALS_HYPOTHETICAL:
                    return ["hypothetical"]
            if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether"):
                return ["hypothetical"]
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children):
                return ["hypothetical"]  # the main clause of a condition ("if X fails, Y criticizes it")
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in IRREALIS:
            return ["hypothetical"]
        if node.dep_ not in ("xcomp", "conj", "ccomp") or node.head.i == node.i:
            break
        node = node.head
    return []


class ArgumentFinder:
    """Turns argument tokens into the article's entity records (or a noun phrase when none covers them)."""

    def __init__(self, doc: Document, ent_at: dict[int, Entity]) -> None:
        self.doc = doc
        self.ent_at = ent_at

    def entity(self, tok: Token | None) -> Entity | None:
        if tok is None:
            return None
        ent = self.ent_at.get(tok.i)
        if ent is not None:
            return ent
        for x in tok.subtree:
            if _is_pos_pronoun(x) and x.i != tok.i:
                continue  # "his generals" are not he
            ent = self.ent_at.get(x.i)
            if ent is not None:
                return ent
        if tok.tag_ == "PRP" and tok.lower_ not in NON_ACTOR_PRONOUNS:
            # an unresolved personal pronoun ("we left troops there"): the party as the text names it, with
            # no name or country, as the rule coder keeps it
            return Entity(
                entity_text=tok.text,
                start=tok.idx,
                end=tok.idx + len(tok.text),
                sentence=self.doc.sentence_at(tok.idx),
                kind="noun_phrase",
            )
        if tok.pos_ == PRONOUN_POS or tok.pos_ not in ("NOUN", "PROPN"):
            return None  # a relative or demonstrative pronoun, or a clause: no party we can name
        left = min(x.idx for x in tok.subtree if x.i <= tok.i and x.dep_ not in ("punct", "cc", "prep"))
        ends = [x.idx + len(x.text) for x in tok.subtree if x.i <= tok.i or x.dep_ in ("compound", "amod")]
        right = max(ends)
        return Entity(
            entity_text=self.doc.text[left:right],
            start=left,
            end=right,
            sentence=self.doc.sentence_at(left),
            kind="noun_phrase",
        )

    def owner(self, tok: Token | None) -> Token | None:
        """A subject that names no party but someone's act or thing ("my announcement will affect X",
        "their decision hurt X") acts through its possessive pronoun; people and groups the actors stage
        names ("his advisers") act themselves."""
        if tok is None or tok.pos_ != "NOUN" or self.recognised(tok):
            return tok
        poss = next((c for c in tok.children if _is_pos_pronoun(c)), None)
        return poss if poss is not None else tok

    def recognised(self, tok: Token) -> bool:
        """Whether the actors stage named a party in the phrase (not only a possessive pronoun)."""
        return any(x.i in self.ent_at and not (_is_pos_pronoun(x) and x.i != tok.i) for x in tok.subtree)


def same_party(a: Entity, b: Entity) -> bool:
    """Two records of one party: the same words, or the same resolved name."""
    if (a.start, a.end) == (b.start, b.end):
        return True
    return a.name is not None and a.name == b.name


def reporter(tok: Token, args: ArgumentFinder) -> Entity | None:
    """The speaker of reported speech holding ``tok`` when no quotation span gives one: the subject of the
    speech verb whose complement clause holds it ("Schumer told reporters Trump slammed the table")."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return None
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SPEECH_LEMMAS:
            return args.entity(_subject(node.head))
        node = node.head
    return None


def _possessor(tok: Token) -> Token | None:
    """The possessive pronoun of a thing ("his suggestions", "many of his suggestions")."""
    node = tok
    if node.pos_ not in ("NOUN", "PROPN"):
        of = [g for c in node.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        node = next((g for g in of if g.dep_ == "pobj"), node)
    if node.pos_ != "NOUN":
        return None
    return next((c for c in node.children if _is_pos_pronoun(c)), None)


def choose_recipient(tok: Token, args: ArgumentFinder, actor: Entity | None) -> Entity | None:
    """The first candidate the actors stage recognised, else the first noun phrase; never the actor."""
    fallback: Entity | None = None
    for cand in _recipients(tok):
        ent = args.entity(cand)
        if ent is None or (actor is not None and same_party(ent, actor)):
            continue
        if args.recognised(cand):
            return ent
        owner = args.entity(_possessor(cand))
        if (
            owner is not None
            and owner.name is not None
            and not (actor is not None and same_party(owner, actor))
        ):
            return owner  # "disagreed with many of his suggestions": with him
        if fallback is None:
            fallback = ent
    return fallback


def states_by_word(tok: Token) -> bool:
    """A verb of saying, of uttering ("voiced concern") or of accusing (a reporting cue or a lexicon
    accusation verb): its own subject makes the statement.  Verbs of thought ("knew") do not."""
    lemma = tok.lemma_.lower()
    if lemma in SPEECH_LEMMAS or lemma in UTTERANCE_VERBS or load_cues()[0].get(lemma) in STATEMENT_CUES:
        return True
    return tok.pos_ == "VERB" and any(e.event == "ACCUSE" for e in load_lexicon().entries(lemma, "V"))


def reported_deed(tok: Token, event: str, said_by: Entity | None) -> bool:
    """An accusation made by reporting what someone did ("Y undermined Z," X said; X said Y was plotting):
    an asserted deed in reported speech, not a statement of the doer's own nor a plan ("Y would study")."""
    if event != "ACCUSE" or said_by is None or states_by_word(tok):
        return False
    return not _status(tok)


def speaker_acts(actor_tok: Token | None) -> bool:
    """Whether the speaker of the quotation holding an event word is its actor: when its clause names no
    one who acts (a demand, an announced measure: "his services are no longer needed") or the subject is
    "I" or "we".  A quoted third party ("Either he resigns," X says) is not the speaker."""
    if actor_tok is None:
        return True
    return actor_tok.lower_ in FIRST_PERSON or actor_tok.lower_ in FIRST_PERSON_PLURAL


def proposal_event(
    doc: Document,
    cand: Candidate,
    event: str,
    confidence: float,
    args: ArgumentFinder,
    speaker: Entity | None,
) -> Event | None:
    """An Event for a word the model proposes as ``event``, or None when it has no actor at all."""
    tok = cand.token
    if tok.pos_ in ("NOUN", "PROPN"):
        actor_tok = _noun_actor(tok, event)
    else:
        actor_tok = _verb_actor(tok)
    actor_tok = args.owner(actor_tok)
    actor = args.entity(actor_tok)
    said_by = speaker or reporter(tok, args)
    recip: Entity | None
    if said_by is not None and reported_deed(tok, event, said_by):
        # the accusation is the speaker's, against the doer of what is reported (or, when the doer is the
        # speaker or unnamed, the party it was done to)
        named = actor is not None and actor_tok is not None and args.recognised(actor_tok)
        if named and actor is not None and not same_party(actor, said_by):
            recip = actor
        else:
            recip = choose_recipient(tok, args, said_by)
        actor = said_by
    else:
        unnamed = actor is None or (actor.name is None and actor.code is None)
        if unnamed and speaker is not None and speaker_acts(actor_tok):
            actor = speaker
        recip = choose_recipient(tok, args, actor)
    if recip is not None and actor is not None and same_party(recip, actor):
        recip = None
    if actor is None and recip is None:
        return None
    lex = load_lexicon()
    root = cameo_roots()[event]
    t_start, t_end = tok.idx, tok.idx + len(tok.text)
    sent = tok.sent
    parts = [t_start, t_end] + [e.start for e in (actor, recip) if e] + [e.end for e in (actor, recip) if e]
    start = max(min(parts), sent.start_char)
    end = min(max(parts), sent.end_char)
    return Event(
        id="",
        event=event,
        start=start,
        end=end,
        event_text=doc.text[start:end],
        sentence=cand.sentence,
        date=doc.article.date.isoformat() if doc.article.date else None,
        mode=_status(tok),
        context=[],
        actor=[actor] if actor else [],
        recipient=[recip] if recip else [],
        quad_code=lex.quad.get(event),
        event_scale=lex.scale(event, []),
        cameo_root=root,
        goldstein=lex.goldstein_root.get(root),
        confidence=confidence,
        trigger=tok.text,
        trigger_start=t_start,
        trigger_end=t_end,
        date_source="article" if doc.article.date else None,
    )


def known_parties(
    doc: Document,
    cand: Candidate,
    event: str,
    args: ArgumentFinder,
    rule: Event | None = None,
    heuristic: Event | None = None,
) -> Query:
    """The argument chooser's query for an event on ``cand``'s word: the records known beforehand, tagged
    (``spk`` the quotation's speaker, ``rep`` the reporter of reported speech, ``ha``/``hr`` this module's
    heuristic actor and recipient, ``ra``/``rr`` the rule coder's, given its event).  ``heuristic``: the
    proposal already built by ``proposal_event`` (else it is built here)."""
    from .chooser import Query

    tok = cand.token
    speaker = next((q.speaker for q in doc.quotes if q.content_start <= tok.idx < q.content_end), None)
    tagged: list[tuple[str, Entity | None]] = [("spk", speaker), ("rep", reporter(tok, args))]
    if heuristic is None:
        heuristic = proposal_event(doc, cand, event, 0.5, args, speaker)
    tagged.append(("ha", heuristic.actor[0] if heuristic and heuristic.actor else None))
    tagged.append(("hr", heuristic.recipient[0] if heuristic and heuristic.recipient else None))
    if rule is not None:
        tagged += [("ra", e) for e in rule.actor] or [("ra", None)]
        tagged += [("rr", e) for e in rule.recipient] or [("rr", None)]
    quote = next(
        ((q.content_start, q.content_end) for q in doc.quotes if q.content_start <= tok.idx < q.content_end),
        None,
    )
    keep = [(t, e) for t, e in tagged if e is not None or t in ("ha", "hr", "ra", "rr")]
    return Query(tok, event, keep, quote)


#: a rule event's party is replaced where the chooser prefers another option by at least this much (score
#: difference; on the tune half 1.5 to 4 give the same: actor agreement 0.697 -> 0.708, recipient incl. empty
#: 0.646 -> 0.643; 1 is worse)
RULE_MARGIN = 3.0
#: whether an empty side of a rule event takes the chooser's party (on the tune half: actor agreement 0.678 ->
#: 0.697, recipient 0.551 -> 0.561)
RULE_FILL = True


def _cover(doc: Document, ev: Event, tok: Token, start: int, end: int) -> None:
    """The event's span: from ``start`` to ``end`` and over its parties, inside its sentence."""
    sent = tok.sent
    parties = [*ev.actor, *ev.recipient]
    ev.start = max(min([start, *(e.start for e in parties)]), sent.start_char)
    ev.end = min(max([end, *(e.end for e in parties)]), sent.end_char)
    ev.event_text = doc.text[ev.start : ev.end]


def rechoose(
    doc: Document,
    args: ArgumentFinder,
    proposed: list[tuple[Candidate, Event]],
    scored: list[tuple[Candidate, Event]],
) -> None:
    """The learned argument chooser's parties (``events.chooser``) for the model's proposals, and for rule
    events where ``RULE_FILL`` / ``RULE_MARGIN`` say so.  A proposal keeps the heuristics' parties when the
    chooser finds none on either side (the chooser never drops an event)."""
    from .chooser import choose, load_argument_model

    model = load_argument_model()
    rules = [(c, ev) for c, ev in scored if RULE_FILL or math.isfinite(RULE_MARGIN)]
    if model is None or not (proposed or rules):
        return
    queries = [known_parties(doc, c, ev.event, args, None, ev) for c, ev in proposed]
    queries += [known_parties(doc, c, ev.event, args, ev) for c, ev in rules]
    choices = choose(doc, queries, args, model)
    for (cand, ev), ch in zip(proposed, choices, strict=False):
        if ch.actor is None and ch.recipient is None:
            continue
        ev.actor = [ch.actor] if ch.actor else []
        ev.recipient = [ch.recipient] if ch.recipient else []
        tok = cand.token
        _cover(doc, ev, tok, tok.idx, tok.idx + len(tok.text))
    for (cand, ev), ch in zip(rules, choices[len(proposed) :], strict=True):
        changed = False
        for side, got in (("actor", ch.actor), ("recipient", ch.recipient)):
            have = getattr(ev, side)
            if got is None:
                continue
            if (not have and RULE_FILL) or (
                have and math.isfinite(RULE_MARGIN) and ch.margin[side] >= RULE_MARGIN
            ):
                setattr(ev, side, [got])
                changed = True
        if changed:
            if ev.actor and ev.recipient and same_party(ev.actor[0], ev.recipient[0]):
                ev.recipient = []
            _cover(doc, ev, cand.token, ev.start, ev.end)
