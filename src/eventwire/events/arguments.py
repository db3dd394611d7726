"""Argument entities: the actor / recipient records for the head tokens of a candidate."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Entity
from .context import CoderBase
from .lexicon import DATA
from .syntax import time_like
from .vocab import (
    CONTAINER_NOUNS,
    FIRST_PERSON,
    MULTI_ACTOR_PREPS,
    NON_ACTOR_PRONOUNS,
    NOUN_ACTOR_PREPS,
    OF_HEADS,
    PAREN_ABBR,
    PAREN_TAIL,
    TIME_WORDS,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_NONAGENTS: set[str] = set()


class Arguments(CoderBase):
    # complexity over 15: one loop over argument heads with a guard per kind of head that is no argument
    def entities_for(self, heads: list[Token], taken: set[int]) -> list[Entity]:  # noqa: C901
        out: list[Entity] = []
        seen: set[tuple[int, int]] = set()
        todo: list[Token] = []
        for h in heads:
            group = [h, *[x for x in h.conjuncts if x.i > h.i]]
            if h.pos_ == "PROPN" and any(x.dep_ == "cc" for x in h.children):
                # "Evil A, the awful B, and good C": a name "in apposition" to a name, inside a list, is one
                # more item (a title's apposition names the title: "the president, X, and Y")
                group += [
                    x
                    for x in h.children
                    if x.dep_ == "appos"
                    and (x.pos_ == "PROPN" or (x.text[:1].isupper() and x.i not in self.ctx.ent_at))
                    and any(y.dep_ == "conj" and y.i > x.i for y in h.children)
                ]
            for g in group:
                # "welcomed the resumption of ties between X and Y": the named parties are the arguments
                inner = self.inner_actor(g)
                partner = inner is not None and (
                    any(x.i > inner[0].i for x in inner[0].conjuncts)
                    or inner[0].head.lower_ in MULTI_ACTOR_PREPS | {"with"}
                )
                if inner is not None and partner:
                    # "ties with X": the partner is the argument, not the relation
                    todo.extend([inner[0], *[x for x in inner[0].conjuncts if x.i > inner[0].i]])
                else:
                    todo.append(g)
        for h in todo:
            if (
                h.pos_ in ("VERB", "AUX", "ADP", "PUNCT", "SCONJ", "CCONJ", "DET")
                and h.i not in self.ctx.ent_at
            ) or h.dep_ == "expl":
                continue
            if (h.ent_type_ in ("DATE", "TIME") and time_like(h)) or self.lemma(h) in TIME_WORDS:
                continue
            if self.ctx.in_dateline(h):
                continue
            ent = self.entity_for(h)
            if ent is None or any(s < ent.end and ent.start < e for s, e in self.ctx.dateline):
                continue
            found = [ent, *[g for g in self.ctx.group.get((ent.start, ent.end), []) if g is not ent]]
            # "the Russian and Ukrainian sides": entities on conjoined modifiers of the head
            for ch in h.lefts:
                if ch.dep_ in ("amod", "compound", "nmod") and ch.conjuncts:
                    for m in (ch, *ch.conjuncts):
                        me = self.ctx.ent_at.get(m.i)
                        if me is not None and me is not ent and me not in found:
                            found.append(me)
            for e in found:
                e = self.with_parenthesis(e)
                key = (e.start, e.end, e.name)
                if key in seen:
                    continue
                seen.add(key)
                out.append(e)
        return out

    def with_parenthesis(self, e: Entity) -> Entity:
        """A name followed by its short form in parentheses ("the National Security Council (NSC)") or cut
        inside them: the argument ends after the closing parenthesis."""
        text = self.ctx.doc.text
        if e.entity_text.count("(") > e.entity_text.count(")"):
            m = PAREN_TAIL.match(text, e.end)
        else:
            m = PAREN_ABBR.match(text, e.end)
        if m is None or self.ctx.doc.sentence_at(m.end() - 1) != e.sentence:
            return e
        return replace(e, entity_text=text[e.start : m.end()], end=m.end())

    # complexity over 15: the ways a head names an actor, tried in order of preference (one place)
    def entity_for(self, h: Token) -> Entity | None:  # noqa: C901
        ent = self.ctx.ent_at.get(h.i)
        if ent is not None and ent.kind in ("title", "agent") and h.idx + len(h.text) == ent.end:
            loc = self.locative_pp(h, of=True)
            if loc is not None and not any(ch.dep_ == "appos" for ch in h.children):
                # "lawmakers in X", "a court in X": the phrase, resolved through X where the mention is not
                last, inner = loc
                end = last.idx + len(last.text)
                base = self.with_possessor(h, ent)
                notes = [*base.notes]
                code = base.code
                if code is None and inner is not None and inner.code is not None:
                    code = inner.code
                    notes.append(f"contains actor mention {inner.entity_text!r}")
                text = self.ctx.doc.text[base.start : end]
                return replace(base, entity_text=text, end=end, code=code, notes=notes)
        if ent is not None:
            if ent.kind in ("title", "agent") and ent.name is None:
                # "the Palestinian president, X": the apposition names who the title is
                for ch in h.children:
                    ap = self.ctx.ent_at.get(ch.i) if ch.dep_ == "appos" else None
                    if ap is not None and ap is not ent and ap.name is not None:
                        return self.apposition(h, ap)
            if ent.label == "PERSON" and h.idx + len(h.text) == ent.end:
                # "X, the president of Y": the title in apposition belongs to the name's phrase
                for ch in h.rights:
                    if ch.dep_ != "appos" or not (ch.pos_ == "NOUN" or ch.i in self.ctx.ent_at):
                        continue
                    last = ch.right_edge
                    while last.i > ch.i and last.is_punct:
                        last = last.nbor(-1)
                    end = last.idx + len(last.text)
                    if self.ctx.doc.sentence_at(end - 1) == ent.sentence:
                        title = self.ctx.ent_at.get(ch.i)
                        if ent.code is None and title is not None and title.code is not None:
                            # an unknown name: the title says whom the person acts for
                            note = f"contains actor mention {title.entity_text!r}"
                            ent = replace(ent, code=title.code, sector=title.sector, notes=[*ent.notes, note])
                        ent = replace(ent, entity_text=self.ctx.doc.text[ent.start : end], end=end)
                    break
            return self.with_possessor(h, ent)
        if h.lower_ in FIRST_PERSON:
            ent = self.quote_speaker(h)
            if ent is not None:
                return ent
        # an entity inside the head's own noun phrase: "the government of Iraq", "Iraqi forces"
        for ch in h.children:
            if ch.dep_ == "appos" and ch.i in self.ctx.ent_at:
                return self.apposition(h, self.ctx.ent_at[ch.i])
        for ch in h.children:
            if ch.dep_ in ("compound", "amod", "poss", "nmod") and ch.i in self.ctx.ent_at and ch.i < h.i:
                inner = self.ctx.ent_at[ch.i]
                return self.noun_phrase(h, resolved_from=inner)
            if ch.dep_ == "prep" and ch.lower_ == "of":
                for p in ch.children:
                    if p.dep_ == "pobj" and p.i in self.ctx.ent_at and self.lemma(h) in OF_HEADS:
                        return self.noun_phrase(h, resolved_from=self.ctx.ent_at[p.i], include_of=True)
        inner = self.inner_actor(h)
        if inner is not None:
            ie = self.entity_for(inner[0])
            if ie is not None:
                return self.noun_phrase(h, resolved_from=ie, upto=inner[1])
        return self.noun_phrase(h)

    def actorish(self, t: Token) -> bool:
        """A token that names (or heads a phrase naming) a possible actor: an actor mention, a proper name,
        a personal pronoun, or a noun with an actor mention or a name among its modifiers."""
        if t.i in self.ctx.ent_at or t.pos_ == "PROPN":
            return True
        if t.pos_ == "PRON":
            return t.lower_ not in NON_ACTOR_PRONOUNS
        return any(
            ch.dep_ in ("poss", "compound", "amod", "nmod")
            and (ch.i in self.ctx.ent_at or ch.pos_ == "PROPN")
            for ch in t.children
        )

    def inner_actor(self, h: Token) -> tuple[Token, Token] | None:
        """The actor inside an event noun's phrase ("an attack by X", "a request from X", "the resumption
        of ties with X", "talks between X and Y"): (the actor's head, the prepositional phrase of ``h`` that
        holds it).  Never for a head that names an actor itself."""
        if h.pos_ != "NOUN" or self.actorish(h):
            return None
        event_noun = self.lemma(h) in CONTAINER_NOUNS or self.match(h, "N") is not None
        for preps in (NOUN_ACTOR_PREPS, frozenset({"of"}), MULTI_ACTOR_PREPS, frozenset({"with"})):
            for ch in h.rights:
                if ch.dep_ != "prep":
                    continue
                if ch.lower_ in preps:
                    for p in ch.children:
                        # "an attack by gunmen": the agent of an event noun is its actor, named or not
                        agent = event_noun and ch.lower_ == "by" and p.pos_ in ("NOUN", "PROPN")
                        # "of" only for an actor named by the object itself ("the decision of X"), not for
                        # a thing an actor modifies ("a settlement of the X crisis")
                        own = p.i in self.ctx.ent_at or p.pos_ == "PROPN"
                        named = self.actorish(p) if ch.lower_ != "of" else own
                        if p.dep_ == "pobj" and (agent or named):
                            return p, ch
                # "the resumption of ties with X": one "of" step down
                if ch.lower_ == "of" and preps is not NOUN_ACTOR_PREPS:
                    for p in ch.children:
                        if p.dep_ != "pobj" or p.pos_ != "NOUN":
                            continue
                        for ch2 in p.rights:
                            if ch2.dep_ == "prep" and ch2.lower_ in preps and ch2.lower_ != "of":
                                for p2 in ch2.children:
                                    if p2.dep_ == "pobj" and self.actorish(p2):
                                        return p2, ch
        return None

    def with_possessor(self, h: Token, ent: Entity) -> Entity:
        """An actor mention whose head has a named possessor outside it ("China's government", "Iran's
        parliament"): the argument is the whole phrase, resolved as the mention is."""
        start = ent.start
        owner: Entity | None = None
        for ch in h.lefts:
            if ch.dep_ == "poss" and ch.idx < ent.start and (ch.i in self.ctx.ent_at or ch.pos_ == "PROPN"):
                start = min(start, ch.left_edge.idx)
                owner = self.ctx.ent_at.get(ch.i)
            elif ch.dep_ in ("det", "nummod", "quantmod", "amod") and ch.idx < ent.start:
                # "at least 17 soldiers", "the two armies": the mention's own determiners and numbers
                start = min(start, ch.left_edge.idx)
        if start == ent.start or any(s < ent.end and start < e for s, e in self.ctx.dateline):
            return ent
        between = [t for t in h.doc[h.i].sent if start <= t.idx < ent.start]
        if any(t.dep_ in ("cc", "conj") for t in between):
            return ent  # "the Russian and Ukrainian sides": another mention, not a modifier of this one
        if h.idx + len(h.text) != ent.end:
            return ent
        if ent.code is None and owner is not None and owner.code is not None:
            # "Ecuador's president" with the title unresolved: the possessor says whose it is
            note = f"contains actor mention {owner.entity_text!r}"
            text = self.ctx.doc.text[start : ent.end]
            return replace(ent, entity_text=text, start=start, code=owner.code, notes=[*ent.notes, note])
        return replace(ent, entity_text=self.ctx.doc.text[start : ent.end], start=start)

    def locative_pp(self, h: Token, of: bool = False) -> tuple[Token, Entity | None] | None:
        """A prepositional phrase placing the head's referent ("a court in X", "soldiers from X", "the base
        near X"; with ``of``, also "the mayor of X"): (its last token, the actor mention it names) or None."""
        for ch in h.rights:
            if ch.dep_ != "prep" or ch.lower_ not in ("in", "from", "near", "at", *(("of",) if of else ())):
                continue
            for p in ch.children:
                if p.dep_ != "pobj" or p.ent_type_ in ("DATE", "TIME") or self.lemma(p) in TIME_WORDS:
                    continue
                named = [x for x in p.subtree if x.i in self.ctx.ent_at or x.pos_ == "PROPN"]
                if named:
                    inner = next((self.ctx.ent_at[x.i] for x in named if x.i in self.ctx.ent_at), None)
                    return ch.right_edge, inner
        return None

    def apposition(self, h: Token, ap: Entity) -> Entity:
        """A head with a named apposition ("the Palestinian president, X", "his counterpart, X"): the whole
        phrase, resolved as the apposition is."""
        np = self.noun_phrase(h, resolved_from=ap)
        if np is None:
            return ap
        return replace(
            ap,
            entity_text=np.entity_text,
            start=np.start,
            end=np.end,
            sentence=np.sentence,
            notes=[*np.notes, *ap.notes],
        )

    def quote_speaker(self, h: Token) -> Entity | None:
        """ "I"/"my" inside a direct quotation is its speaker (from the quotes stage): a pronoun record at
        the token's own offsets, resolved as the speaker is."""
        for q in self.ctx.doc.quotes:
            sp = q.speaker
            if q.kind == "indirect" or sp is None or (sp.code is None and sp.name is None):
                continue
            if not q.content_start <= h.idx < q.content_end:
                continue
            return replace(
                sp,
                entity_text=h.text,
                start=h.idx,
                end=h.idx + len(h.text),
                sentence=self.ctx.doc.sentence_at(h.idx),
                kind="pronoun",
                label=None,
                role=f"quote speaker->{sp.name or sp.entity_text}",
                notes=[],
            )
        return None

    def noun_phrase(
        self,
        h: Token,
        resolved_from: Entity | None = None,
        include_of: bool = False,
        upto: Token | None = None,
    ) -> Entity | None:
        if h.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"):
            return None
        left = h
        for ch in h.lefts:
            if ch.dep_ in (
                "det",
                "amod",
                "compound",
                "poss",
                "nummod",
                "nmod",
                "quantmod",
                "npadvmod",
                "advmod",
            ):
                left = min(left, ch.left_edge, key=lambda x: x.i)
        right = h
        # the whole noun phrase: "of"-complements, appositions and reduced (participle) clauses on the head
        # ("the rebel-held enclave of X", "his counterpart, President Y", "warplanes supported by Z")
        for ch in h.rights:
            if (ch.dep_ == "prep" and ch.lower_ == "of") or ch.dep_ in ("appos", "acl"):
                if ch.dep_ in ("acl", "relcl") and not include_of and h.pos_ == "PRON":
                    continue
                if ch.dep_ == "acl" and ch.tag_ not in ("VBN", "VBG"):
                    continue  # "the decision to recognise X", "the announcement that X": the noun's content
                right = max(right, ch.right_edge, key=lambda x: x.i)
        if upto is not None:
            right = max(right, upto.right_edge, key=lambda x: x.i)
        loc = self.locative_pp(h) if h.pos_ == "NOUN" else None
        if loc is not None:
            right = max(right, loc[0], key=lambda x: x.i)
        for ch in h.rights:
            if ch.dep_ in ("compound", "case") and ch.i == right.i + 1:
                right = ch
        span = h.doc[left.i : right.i + 1]
        while len(span) > 1 and (
            span[0].pos_ == "PUNCT"
            or (span[0].i < h.i and span[0].ent_type_ in ("DATE", "TIME") and time_like(span[0]))
        ):
            span = span[1:]
        while len(span) > 1 and (
            span[-1].pos_ == "PUNCT"
            or (span[-1].i > h.i and span[-1].ent_type_ in ("DATE", "TIME") and time_like(span[-1]))
            or (span[-1].i > h.i and span[-1].dep_ in ("prep", "cc"))
        ):
            span = span[:-1]  # "... on March 31": the time of the event, not part of the argument
        start, end = span.start_char, span.end_char
        notes = []
        if resolved_from is not None:
            notes.append(f"contains actor mention {resolved_from.entity_text!r}")
        return Entity(
            entity_text=self.ctx.doc.text[start:end],
            start=start,
            end=end,
            sentence=self.ctx.doc.sentence_at(start),
            name=resolved_from.name if resolved_from is not None else None,
            code=resolved_from.code if resolved_from is not None else None,
            sector=None,
            kind="noun_phrase",
            ref=resolved_from.ref if resolved_from is not None else None,
            notes=notes,
        )

    def non_agent(self, h: Token) -> bool:
        """A subject naming a quantity or market ("sales", "oil prices"), with no actor inside its phrase."""
        words = nonagents()
        if (
            h.pos_ != "NOUN"
            or h.i in self.ctx.ent_at
            or (self.lemma(h) not in words and h.lower_ not in words)
        ):
            return False
        return not any(x.i != h.i and (x.i in self.ctx.ent_at or x.pos_ == "PROPN") for x in h.subtree)


def nonagents() -> set[str]:
    """Lemmas of nouns that are never a political actor (``data/events/nonagents.txt``)."""
    if not _NONAGENTS:
        for line in (DATA / "nonagents.txt").read_text(encoding="utf-8").splitlines():
            w = line.split("#", 1)[0].strip().lower()
            if w:
                _NONAGENTS.add(w)
    return _NONAGENTS
