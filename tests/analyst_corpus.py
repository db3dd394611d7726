"""A generated corpus for the filter and count tests (sentences written for these tests).

Sixty short wire items over 2020 between a few actors with and without sectors (USA, USA GOV,
USA MIL, IRN MIL, CHN GOV, RUS GOV), placed in three countries, with future, hypothetical and
negated events, low-confidence ones, one event dated years before the corpus (a recalled
history) and quotes by a pronoun and by resolved speakers.  ``build(path)`` writes and
deduplicates it (one event per mention: every sentence differs).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventwire.dedup import recompute
from eventwire.model import Article, Document, Entity, Event, Place, Quote, Sentence
from eventwire.store.db import Store

#: (actor words, code, sector, name) used as the two sides
SIDES = [
    ("The United States", "USA", None, "United States"),
    ("The Pentagon", "USA", "MIL", "United States Department of Defense"),
    ("The White House", "USA", "GOV", "United States"),
    ("Iranian forces", "IRN", "MIL", None),
    ("Beijing", "CHN", "GOV", "China"),
    ("The Kremlin", "RUS", "GOV", "Russia"),
]
#: (verb phrase, type, quad, goldstein)
ACTS = [
    ("attacked", "ASSAULT", 4, -10.0),
    ("agreed a truce with", "AGREE", 1, 4.0),
    ("accused", "ACCUSE", 3, -2.0),
    ("sent aid to", "AID", 2, 7.0),
]
#: (place words, name, ISO alpha-2, lat, lon)
PLACES = [
    ("in Baghdad", "Baghdad", "IQ", 33.34, 44.40),
    ("in Tehran", "Tehran", "IR", 35.69, 51.39),
    ("in Geneva", "Geneva", "CH", 46.20, 6.15),
]
MODES = [[], [], [], ["future"], ["hypothetical"], ["negated"], [], ["visit"]]
N = 60
START = dt.date(2020, 1, 6)


def _doc(i: int) -> Document:
    a_words, a_code, a_sec, a_name = SIDES[i % len(SIDES)]
    r_words, r_code, r_sec, r_name = SIDES[(i * 5 + 1) % len(SIDES)]
    if (a_code, a_sec) == (r_code, r_sec):
        r_words, r_code, r_sec, r_name = SIDES[(i * 5 + 2) % len(SIDES)]
    verb, kind, quad, gold = ACTS[i % len(ACTS)]
    place = PLACES[i % len(PLACES)]
    date = START + dt.timedelta(days=3 * i)
    r_text = r_words.lower() if r_words.startswith("The") else r_words
    text = f"{a_words} {verb} {r_text} {place[0]} in item {i}."
    quote = f' "We stand firm number {i}," he said.' if i % 3 == 0 else ""
    text += quote
    art = Article(
        id=f"w-{i:02d}", text=text, date=date, title=f"Wire item {i}", source=f"Wire {i % 3}", origin="t"
    )
    doc = Document(art)
    end1 = text.index(".") + 1
    doc.sentences = [Sentence(0, 0, end1)] + ([Sentence(1, end1 + 1, len(text))] if quote else [])
    a_ent = Entity(a_words, 0, len(a_words), 0, name=a_name, code=a_code, sector=a_sec, role="test")
    rs = text.index(r_text)
    r_ent = Entity(r_text, rs, rs + len(r_text), 0, name=r_name, code=r_code, sector=r_sec, role="test")
    doc.entities += [a_ent, r_ent]
    ps = text.index(place[0]) + 3
    loc = Place(
        place[1], ps, ps + len(place[1]), 0, place[1], 1000 + i % 3, place[2], None, place[3], place[4]
    )
    doc.places.append(loc)
    vs = text.index(verb)
    event_date = "2012-05-01" if i == 7 else date.isoformat()  # a recalled history, years before
    doc.events.append(
        Event(
            id=f"w-{i:02d}-e0",
            event=kind,
            start=0,
            end=end1 - 1,
            event_text=text[: end1 - 1],
            sentence=0,
            date=event_date,
            mode=list(MODES[i % len(MODES)]),
            actor=[a_ent],
            recipient=[r_ent],
            event_loc=loc,
            quad_code=quad,
            event_scale=gold,
            cameo_root="18" if kind == "ASSAULT" else "03",
            goldstein=gold + (i % 5) / 10,
            confidence=0.2 if i % 10 == 9 else 0.9,
            trigger=verb.split()[0],
            trigger_start=vs,
            trigger_end=vs + len(verb.split()[0]),
            date_source="timex",
        )
    )
    if quote:
        cs = text.index('"We') + 1
        ce = text.index(',"', cs)
        hs = text.index(" he said") + 1
        he = Entity("he", hs, hs + 2, 1, kind="pronoun", role="test")
        doc.entities.append(he)
        speaker = he if i % 2 == 0 else a_ent
        doc.quotes.append(
            Quote(
                text[cs:ce],
                cs,
                ce,
                1,
                "direct",
                speaker=speaker,
                speaker_text=speaker.entity_text,
                speaker_start=speaker.start,
                speaker_end=speaker.end,
                cue="said",
                cue_start=hs + 3,
                cue_end=hs + 7,
            )
        )
    return doc


def documents() -> list[Document]:
    return [_doc(i) for i in range(N)]


def build(path: str | Path) -> Path:
    path = Path(path)
    with Store(path) as st:
        st.write_batch(documents())
        recompute(st, "cluster")
    return path
