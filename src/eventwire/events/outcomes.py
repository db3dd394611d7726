"""One act, one event: a clause that tells what another event of the same type did is that event.

"A drone strike that killed a general", "a bombing in Kabul killed 40 soldiers", "the troops attacked the
convoy, killing six", "six were killed in the attack": the strike, the bombing, the attack and the killing are
one ASSAULT, as a PLOVER coder records it, not two.  Two events of one type in a sentence are merged when the
trigger word of one is, in the parse, what the other's clause says of it:

- a clause attached to the other's word: a relative or participle clause of its noun ("strike that killed",
  "an attack killing six"), or a participle clause of its verb ("attacked the convoy, killing six");
- or the other's word is its subject ("a bombing killed 40"), or the object of "in", "during" or "by" attached
  to it ("killed in the attack", "wounded by the blast").

Coordinated acts ("beat the organizers and shot a woman") and acts of other types are left alone.  Of a group
of such events (a chain: "a strike that killed X hit the convoy") the most confident is kept, with the group's
highest confidence; an actor or recipient it lacks is taken from another of them (the strike names who struck,
its clause whom it killed), and no event word is a party of its own act ("a car bombing killed 12": the
bombing is the act, not its actor).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Document, Entity, Event
from .status import trigger_token

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: clauses that tell what the governing event word did
OUTCOME_CLAUSES = frozenset({"relcl", "acl"})
#: prepositions whose object is the event a verb's outcome belongs to ("killed in the attack")
EVENT_PREPS = frozenset({"in", "during", "by"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def tells_of(b: Token, a: Token) -> bool:
    """Whether the clause of event word ``b`` says what the event word ``a`` did (see the module text)."""
    if b.head.i == a.i and b.i != a.i:
        if b.dep_ in OUTCOME_CLAUSES:
            return True
        if b.dep_ == "advcl" and b.tag_ == "VBG":
            return True
    if a.pos_ != "NOUN" or a.head.i == a.i:
        return False
    if a.head.i == b.i and a.dep_ in SUBJECTS:
        return True
    prep = a.head
    return (
        a.dep_ == "pobj"
        and prep.lower_ in EVENT_PREPS
        and prep.head.i == b.i
        and prep.dep_ in ("prep", "agent")
    )


def _covers_trigger(ent: Entity, group: list[Event]) -> bool:
    """Whether a party's words hold one of the group's event words ("a car bombing" is no actor of it)."""
    return any(ev.trigger_start is not None and ent.start <= ev.trigger_start < ent.end for ev in group)


def _merge(group: list[Event]) -> Event:
    """The most confident event of a group of one act, with the group's best confidence and, where it names
    none, the actor or recipient another of them names (never a party that is one of the event words)."""
    kept = max(group, key=lambda e: e.confidence)
    kept.confidence = max(e.confidence for e in group)
    by_confidence = sorted(group, key=lambda e: -e.confidence)
    for side in ("actor", "recipient"):
        parties = [x for x in getattr(kept, side) if not _covers_trigger(x, group)]
        if not parties:
            parties = next(
                (
                    found
                    for e in by_confidence
                    if (found := [x for x in getattr(e, side) if not _covers_trigger(x, group)])
                ),
                [],
            )
        setattr(kept, side, list(parties))
    taken = {(x.start, x.end) for x in kept.actor}
    kept.recipient = [x for x in kept.recipient if (x.start, x.end) not in taken]
    return kept


def merge_outcomes(doc: Document, events: list[Event]) -> list[Event]:
    """The events with every outcome clause merged into the event it tells of (text order kept)."""
    sdoc = doc.spacy
    if sdoc is None or len(events) < 2:
        return events
    toks = [trigger_token(sdoc, ev) for ev in events]
    root = list(range(len(events)))

    def find(k: int) -> int:
        while root[k] != k:
            root[k] = root[root[k]]
            k = root[k]
        return k

    for i, (ev, a) in enumerate(zip(events, toks, strict=True)):
        for j, (other, b) in enumerate(zip(events, toks, strict=True)):
            if a is None or b is None or j == i or other.event != ev.event or other.sentence != ev.sentence:
                continue
            if tells_of(b, a):
                root[find(j)] = find(i)
    groups: dict[int, list[Event]] = {}
    for k, ev in enumerate(events):
        groups.setdefault(find(k), []).append(ev)
    if len(groups) == len(events):
        return events
    keep = {id(_merge(g)) if len(g) > 1 else id(g[0]) for g in groups.values()}
    return [ev for ev in events if id(ev) in keep]
