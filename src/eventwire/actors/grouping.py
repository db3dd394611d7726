"""Mentions from items: adjacent items that form one noun phrase ("former US President Donald Trump", "a
Ukrainian official", "the President of the United States") become one mention covering the whole
phrase."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .items import Item
from .kb import KnowledgeBase
from .tokens import line_break

#: dependencies that make a noun an argument of a verb or preposition (not a title before a name)
_ARGUMENT_DEPS = {"dobj", "pobj", "iobj", "dative", "attr", "nsubj", "nsubjpass", "oprd"}
#: item kinds that head a noun phrase
_HEADS = ("person", "unk_person", "title", "agent")
#: item kinds of a state, an organisation or a seat of power
_NAMES = ("country", "org", "metonym")


@dataclass
class Mention:
    items: list[Item]
    start: int  # token indices
    end: int
    sentence: int


def group_items(kb: KnowledgeBase, span: Span, items: list[Item], sent_index: int) -> list[Mention]:
    """The mentions of sentence ``sent_index`` from its items (``find_items``)."""
    sdoc = span.doc
    mentions: list[Mention] = []
    k = 0
    while k < len(items):
        group = [items[k]]
        k = _grow(kb, sdoc, items, k + 1, group)
        # a group must start and end in something that belongs to a noun phrase
        while group and group[0].kind == "of":
            group.pop(0)
        while group and group[-1].kind in ("det", "mod", "of"):
            group.pop()
        if not group:
            continue
        if any(g.kind in _HEADS for g in group):
            mentions.append(Mention(group, group[0].start, group[-1].end, sent_index))
        else:
            # leading modifiers without a head: split off each standalone item
            for g in group:
                if g.kind in ("country", "org", "metonym", "adjective", "unk_org"):
                    mentions.append(Mention([g], g.start, g.end, sent_index))
    return mentions


def _grow(kb: KnowledgeBase, sdoc: Doc, items: list[Item], k: int, group: list[Item]) -> int:
    """Add to ``group`` the items from ``k`` on that go on with its noun phrase; the index of the first
    item not taken."""
    while k < len(items):
        prev, nxt = group[-1], items[k]
        if line_break(sdoc, prev.end - 1, nxt.start):
            break  # a headline, caption or byline line ends the noun phrase
        if not (nxt.start == prev.end or _gap_ok(sdoc, prev.end, nxt.start, nxt)):
            break
        if not _may_follow(kb, sdoc, prev, nxt):
            break
        if nxt.kind == "of":
            after_of = _of_phrase(items, k, group)
            if after_of is not None:
                group.append(nxt)
                group.extend(after_of)
                k += 1 + len(after_of)
            break
        group.append(nxt)
        k += 1
    return k


def _may_follow(kb: KnowledgeBase, sdoc: Doc, prev: Item, nxt: Item) -> bool:
    """Item ``nxt`` may go on with the noun phrase ending in ``prev`` (adjacent or with a gap allowed)."""
    if prev.kind in ("person", "unk_person") and not (
        nxt.kind == "of" or _person_modifies(kb, sdoc, prev, nxt)
    ):
        return False  # "the Trump administration": a person's government
    if prev.kind in _NAMES and nxt.kind in _NAMES:
        return False
    if nxt.kind == "det" and prev.kind != "det":
        return False
    if prev.kind in ("agent", "title") and nxt.kind in ("person", "unk_person"):
        # "told reporters Trump slammed ...": the noun is an argument of its own, not a title
        t = sdoc[prev.start : prev.end].root
        if t.dep_ in _ARGUMENT_DEPS and not nxt.start <= t.head.i < nxt.end:
            return False
    return True


def _of_phrase(items: list[Item], k: int, group: list[Item]) -> list[Item] | None:
    """The items after "of" (``items[k]``) that name whose title the group is ("President of Russia",
    "the President of the United States"); None where the "of" does not go on with the phrase."""
    if not any(g.kind == "title" for g in group):
        return None
    rest = items[k + 1 : k + 3]
    if rest and rest[0].kind == "det" and rest[0].lemma == "the":
        rest = rest[1:]
    if not rest or rest[0].kind not in _NAMES:
        return None
    after_of = items[k + 1 : k + 1 + (items[k + 1 : k + 3].index(rest[0]) + 1)]
    if any(a.start != b.end for a, b in zip(after_of, [items[k], *after_of], strict=False)):
        return None
    return after_of


def _person_modifies(kb: KnowledgeBase, sdoc: Doc, prev: Item, nxt: Item) -> bool:
    """A person modifying a government noun ("the Trump administration", "Putin spokesman X")."""
    if nxt.kind not in ("agent", "title") or sdoc[prev.end - 1].dep_ not in ("compound", "poss"):
        return False
    a = kb.agents[nxt.lemma or ""]
    return a.sector == "GOV" and a.office_type is None


def _gap_ok(sdoc: Doc, a: int, b: int, nxt: Item) -> bool:
    """Tokens between two items may be unknown noun modifiers ("Russian defence ministry")."""
    if nxt.kind not in ("title", "agent") or b - a > 2:
        return False
    for t in sdoc[a:b]:
        if t.dep_ not in ("compound", "amod") or t.pos_ not in ("NOUN", "ADJ", "PROPN"):
            return False
        if t.head.i < a or t.head.i > nxt.end:
            return False
    return True


def join_org_modifiers(sdoc: Doc, mentions: list[Mention]) -> list[Mention]:
    """An unknown organisation name that modifies the title or name after it is part of that mention
    ("United Nations Human Rights Commissioner X"): the NER ends the organisation before the title word."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and len(prev.items) == 1
            and prev.items[0].kind == "unk_org"
            and m.items[0].kind in ("person", "unk_person", "title")
            and m.start - prev.end <= 2
            and all(
                t.dep_ == "compound"
                and t.pos_ == "PROPN"
                and t.text[:1].isupper()
                and prev.end <= t.head.i < m.end
                for t in sdoc[prev.end : m.start]
            )
            and sdoc[prev.end - 1].dep_ == "compound"
            and prev.end <= sdoc[prev.end - 1].head.i < m.end
        ):
            out[-1] = Mention([*prev.items, *m.items], prev.start, m.end, m.sentence)
            continue
        out.append(m)
    return out


def in_spans(sdoc: Doc, m: Mention, spans: list[tuple[int, int]]) -> bool:
    """The mention lies inside one of the character spans."""
    a = sdoc[m.start].idx
    last = sdoc[m.end - 1]
    b = last.idx + len(last.text)
    return any(s <= a and b <= e for s, e in spans)
