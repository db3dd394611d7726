"""Candidates (who a mention is) from the knowledge base on the article's date: a named person, the
holder of an office, a generic agent of a state or organisation; the title check and the ``basis`` of a
candidate."""

from __future__ import annotations

from .docstate import DocState
from .items import Item
from .kb import Candidate, KnowledgeBase, norm
from .words import load_words

WORDS = load_words()


def person_candidate(
    kb: KnowledgeBase,
    state: DocState,
    p: Item,
    ptext: str,
    hint_code: str | None,
    office_type: str | None,
    title_sector: str | None,
) -> Candidate | None:
    """The person the name ``ptext`` (item ``p``) is: a person named before in the article, else the
    knowledge base's on the date (``hint_code``: the state the phrase names; ``office_type``,
    ``title_sector``: what its title says); None where neither knows the name."""
    day = state.day
    # within-article coreference first: "Putin" after "Vladimir Putin", a surname of an unknown person
    prior = state.person_by_name(ptext)
    if prior is not None and (prior.person is not None or office_type is None):
        return prior
    hits = [i for i in p.people] if p.people else []
    if hits:
        hits = kb.find_people(ptext, day, hint_code, office_type) or hits
    else:
        hits = kb.find_people(ptext, day, hint_code, office_type)
    if prior is not None:
        # "Former Vice President Biden" after "Hunter Biden": the office names the known person
        held = [i for i in hits if any(r.office_type == office_type for r in kb.people[i].roles)]
        if not held:
            return prior
        hits = held
    if not hits:
        return None
    one_word = " " not in ptext.strip() and office_type is None and title_sector is None
    if one_word and _namesake(kb, state, hits[0], ptext):
        return None  # a surname of someone else the article names
    c = kb.person_candidate(hits[0], day, title_sector)
    if c.code is None and hint_code:
        c.code = hint_code
    return c


def _namesake(kb: KnowledgeBase, state: DocState, hit: int, ptext: str) -> bool:
    """ "Mitchell told investigators" in an article that names a sailor "Kyle Mitchell" and never the
    knowledge base's Mitchell in full: a surname of someone the article names, not a namesake ...
    unless the article names the known person in full or a state they serve."""
    person = kb.people[hit]
    known = {norm(person.name), *(norm(a) for a in person.aliases)}
    others = state.full_names().get(norm(ptext), set())
    text = norm(state.doc.text)
    states = state.article_states(kb)
    serves = any(r.active(state.day) and r.code in states for r in person.roles)
    in_full = any(" " in k and k in text for k in known)
    return bool(others) and not others & known and not serves and not in_full


def title_check(
    state: DocState, c: Candidate, mods: set[str | None], office_type: str | None, text: str
) -> list[str]:
    """The dated role wins over the text's title; a contradiction is reported (a warning on the document,
    and the notes returned)."""
    if c.person is None:
        return []
    notes = []
    if "former" in mods and c.active_role is not None:
        if office_type is None or c.active_role.office_type == office_type or office_type == "leader":
            msg = (
                f"'{text}': the text says former, but on {state.day} {c.name} holds "
                f"{c.active_role.office} (since {c.active_role.start})"
            )
            state.doc.warn("title_mismatch", msg)
            notes.append(f"title_mismatch: {msg}")
    elif office_type and "former" not in mods and "then" not in mods and "elect" not in mods:
        ok = c.active_role is not None and (
            c.active_role.office_type == office_type or office_type == "leader"
        )
        if not ok and c.active_role is None:
            msg = (
                f"'{text}': the title says {office_type.replace('_', ' ')}, but on {state.day} "
                f"{c.name} holds no such office ({c.role})"
            )
            state.doc.warn("title_mismatch", msg)
            notes.append(f"title_mismatch: {msg}")
    return notes


def office_candidate(
    kb: KnowledgeBase, state: DocState, code: str | None, office_type: str, title: str
) -> Candidate | None:
    """A title without a name ("the president"): the last person mentioned who holds such an office (of
    state ``code``, if given), else the holder of that office on the date."""
    inferred = False
    if code is None:
        # "the president": the last person mentioned who holds such an office ...
        prior = state.recent_holder(office_type)
        if prior is not None:
            return prior
        # ... else the holder of that office in the state whose seat of power the passage names
        # ("Downing Street said the prime minister ..."); another state named nearby is no evidence
        code = state.recent_state(kb)
        if code is None:
            return None
        inferred = True
    prior = state.recent_holder(office_type, code)
    if prior is not None:
        return prior
    hit = kb.office_holder(code, office_type, state.day)
    if hit is None:
        return None
    c = kb.person_candidate(hit[0], state.day)
    c.role = f"{c.role} (title:{title})"
    c.confidence = min(c.confidence, 0.6 if inferred else 0.85)
    if inferred:
        c.notes.append(f"country {code} inferred from the preceding mentions")
    return c


def generic_candidate(
    kb: KnowledgeBase,
    code: str | None,
    org: Candidate | None,
    sector: str | None,
    role: str,
    text: str,
    places: list[Item],
) -> Candidate:
    """A generic agent or title ("Syrian rebels", "a Ukrainian official", "police") of the organisation
    ``org`` or the state ``code`` the phrase names, else of no one known."""
    how = (
        "demonym+"
        if places and places[-1].kind == "adjective"
        else ("org+" if org else ("country+" if places else ""))
    )
    if org is not None:
        if org.sector in WORDS.armed_sectors and sector in ("GOV", "LEG"):
            sector = org.sector  # "Taliban representatives" are the armed group's, not legislators
        return Candidate(
            org.name,
            org.code,
            sector or org.sector,
            org.wikidata_id,
            f"{how}{role}",
            f"{org.ref}:{sector}",
            0.7,
            "org",
        )
    if code is not None:
        c = kb.state_candidate(code, sector, f"{how}{role}", 0.75)
        if sector is not None:
            c.name = f"{c.name} ({sector})"
        return c
    return Candidate(text, None, sector, None, role, f"agent:{norm(text)}", 0.5, "agent")


def basis_of(c: Candidate) -> str:
    """``Entity.basis`` from a candidate's role: why the mention got its code."""
    role = c.role
    if role.startswith(("office:", "former:", "last-known:", "before:", "person (no dated role)")):
        return "office_holder" if "(title:" in role else "kb_person_role"
    if role.startswith("person+agent"):
        return "person_government"
    if role.startswith("unresolved-person"):
        return "title_nationality" if c.code else ("title" if c.sector else "unresolved_person")
    if role.startswith("unresolved-organisation"):
        return "unresolved_organisation"
    if role.startswith("demonym+"):
        return "demonym"
    if role.startswith(("org+", "org:")):
        return "organisation"
    if role.startswith(("country+", "country-name")):
        return "country_name"
    if role.startswith("metonym:"):
        return "metonym"
    if role.startswith(("adjective", "demonym")):
        return "demonym"
    if role.startswith(("agent:", "title:")):
        return "agent"
    return "other"
