"""A small hand-made corpus for the API and dashboard tests (texts written for these tests).

``build_corpus(path)`` writes four coded articles to a store, with events, quotes, times and
places whose offsets are computed from the texts, then runs the deduplication.  The coding
is written by hand (it is the fixture, not a claim about the coder), so the tests do not
depend on how far the pipeline's stages have come.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from eventwire.dedup import recompute
from eventwire.model import Article, Document, Entity, Event, Place, Quote, Sentence, Timex
from eventwire.store.db import Store

ARTICLES = {
    "t-a": (
        "2024-03-04",
        "Wire One",
        "Lavrov and Wang meet",
        "MOSCOW, March 4: Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi "
        "in Moscow on Monday. Ukraine accused Russia of shelling Kharkiv on Sunday. "
        '"The talks were useful and frank," Lavrov told reporters.',
    ),
    "t-b": (
        "2024-03-05",
        "Wire Two",
        "Kyiv blames Moscow for Kharkiv shelling",
        "KYIV, March 5: Ukrainian officials accused Russia on Monday of shelling Kharkiv. "
        "Russian troops shelled Kharkiv again overnight, the regional governor said.",
    ),
    "t-c": (
        "2024-03-20",
        "Wire One",
        "Washington pledges aid",
        "WASHINGTON, March 20: The United States pledged new military aid to Ukraine on Wednesday. "
        'President Joe Biden said: "We will stand with Ukraine for as long as it takes."',
    ),
    "t-d": (
        "2024-04-10",
        "Wire Three",
        "Prisoner exchange agreed",
        "ANKARA, April 10: Russia agreed with Ukraine on Tuesday to exchange prisoners of war, "
        "Turkish officials said. <b>Officials</b> gave no date.",
    ),
}


def find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the ``nth`` whole-word occurrence of ``needle`` in ``text``."""
    hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text)]
    return hits[nth], hits[nth] + len(needle)


def sentences(text: str) -> list[Sentence]:
    out = []
    for i, m in enumerate(re.finditer(r'[^.!?]+[.!?]"?', text)):
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        out.append(Sentence(i, start, m.end()))
    return out


class Builder:
    def __init__(self, aid: str) -> None:
        date, source, title, text = ARTICLES[aid]
        self.doc = Document(
            Article(
                id=aid, text=text, date=dt.date.fromisoformat(date), title=title, source=source, origin=aid
            )
        )
        self.doc.sentences = sentences(text)
        self.text = text

    def ent(
        self, needle: str, code: str | None, sector: str | None, name: str | None, nth: int = 0
    ) -> Entity:
        s, e = find(self.text, needle, nth)
        ent = Entity(needle, s, e, self.doc.sentence_at(s), name=name, code=code, sector=sector, role="test")
        self.doc.entities.append(ent)
        return ent

    def time(self, needle: str, value: str) -> Timex:
        s, e = find(self.text, needle)
        t = Timex(needle, s, e, self.doc.sentence_at(s), "DATE", value)
        self.doc.times.append(t)
        return t

    def place(self, needle: str, name: str, cc: str, lat: float, lon: float, gid: int, nth: int = 0) -> Place:
        s, e = find(self.text, needle, nth)
        p = Place(needle, s, e, self.doc.sentence_at(s), name, gid, cc, None, lat, lon, "PPLA")
        self.doc.places.append(p)
        return p

    def event(
        self,
        kind: str,
        trigger: str,
        evidence: str,
        actor: list[Entity],
        recipient: list[Entity],
        date: str,
        quad: int,
        goldstein: float,
        scale: float,
        cameo: str,
        loc: Place | None = None,
    ) -> Event:
        s, e = find(self.text, evidence)
        ts, te = find(self.text, trigger)
        ev = Event(
            id=f"{self.doc.article.id}-e{len(self.doc.events)}",
            event=kind,
            start=s,
            end=e,
            event_text=evidence,
            sentence=self.doc.sentence_at(s),
            date=date,
            actor=actor,
            recipient=recipient,
            event_loc=loc,
            quad_code=quad,
            event_scale=scale,
            cameo_root=cameo,
            goldstein=goldstein,
            confidence=0.9,
            trigger=trigger,
            trigger_start=ts,
            trigger_end=te,
            date_source="timex",
        )
        self.doc.events.append(ev)
        return ev

    def quote(self, content: str, speaker: Entity | None, cue: str) -> Quote:
        s, e = find(self.text, content)
        cs, ce = find(self.text, cue)
        qt = Quote(
            content,
            s,
            e,
            self.doc.sentence_at(s),
            "direct",
            speaker=speaker,
            speaker_text=speaker.entity_text if speaker else None,
            speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None,
            cue=cue,
            cue_start=cs,
            cue_end=ce,
        )
        self.doc.quotes.append(qt)
        return qt


def documents() -> list[Document]:
    a = Builder("t-a")
    lavrov = a.ent("Sergei Lavrov", "RUS", "GOV", "Sergey Lavrov")
    wang = a.ent("Wang Yi", "CHN", "GOV", "Wang Yi")
    moscow = a.place("Moscow", "Moscow", "RU", 55.7558, 37.6173, 524901)
    a.time("on Monday", "2024-03-04")
    ukraine = a.ent("Ukraine", "UKR", "GOV", "Ukraine")
    russia = a.ent("Russia", "RUS", None, "Russia", nth=0)
    a.place("Kharkiv", "Kharkiv", "UA", 49.9935, 36.2304, 706483)
    a.time("on Sunday", "2024-03-03")
    lavrov2 = a.ent("Lavrov", "RUS", "GOV", "Sergey Lavrov", nth=1)
    a.event(
        "CONSULT",
        "met",
        "Sergei Lavrov met Chinese Foreign Minister Wang Yi in Moscow on Monday",
        [lavrov],
        [wang],
        "2024-03-04",
        1,
        1.0,
        2.0,
        "04",
        moscow,
    )
    a.event(
        "ACCUSE",
        "accused",
        "Ukraine accused Russia of shelling Kharkiv on Sunday",
        [ukraine],
        [russia],
        "2024-03-04",
        3,
        -2.0,
        -3.0,
        "11",
    )
    a.quote("The talks were useful and frank,", lavrov2, "told")

    b = Builder("t-b")
    officials = b.ent("Ukrainian officials", "UKR", "GOV", None)
    russia_b = b.ent("Russia", "RUS", None, "Russia")
    troops = b.ent("Russian troops", "RUS", "MIL", None)
    kharkiv_b = b.place("Kharkiv", "Kharkiv", "UA", 49.9935, 36.2304, 706483, nth=1)
    b.time("on Monday", "2024-03-04")
    b.time("overnight", "2024-03-05")
    b.event(
        "ACCUSE",
        "accused",
        "Ukrainian officials accused Russia on Monday of shelling Kharkiv",
        [officials],
        [russia_b],
        "2024-03-04",
        3,
        -2.0,
        -3.0,
        "11",
    )
    b.event(
        "ASSAULT",
        "shelled",
        "Russian troops shelled Kharkiv again overnight",
        [troops],
        [],
        "2024-03-05",
        4,
        -9.0,
        -8.0,
        "18",
        kharkiv_b,
    )

    c = Builder("t-c")
    usa = c.ent("The United States", "USA", "GOV", "United States")
    ukr_c = c.ent("Ukraine", "UKR", "GOV", "Ukraine")
    c.place("WASHINGTON", "Washington", "US", 38.8951, -77.0364, 4140963)
    c.time("on Wednesday", "2024-03-20")
    biden = c.ent("Joe Biden", "USA", "GOV", "Joe Biden")
    c.event(
        "AID",
        "pledged",
        "The United States pledged new military aid to Ukraine on Wednesday",
        [usa],
        [ukr_c],
        "2024-03-20",
        2,
        7.0,
        6.0,
        "07",
    )
    c.quote("We will stand with Ukraine for as long as it takes.", biden, "said")

    d = Builder("t-d")
    russia_d = d.ent("Russia", "RUS", "GOV", "Russia")
    ukr_d = d.ent("Ukraine", "UKR", "GOV", "Ukraine")
    ankara = d.place("ANKARA", "Ankara", "TR", 39.9199, 32.8543, 323786)
    d.time("on Tuesday", "2024-04-09")
    d.event(
        "AGREE",
        "agreed",
        "Russia agreed with Ukraine on Tuesday to exchange prisoners of war",
        [russia_d],
        [ukr_d],
        "2024-04-09",
        1,
        4.0,
        5.0,
        "03",
        ankara,
    )
    return [a.doc, b.doc, c.doc, d.doc]


def build_corpus(path: str | Path) -> Path:
    path = Path(path)
    with Store(path) as st:
        st.write_batch(documents())
        recompute(st, "cluster")
    return path


def test_corpus_offsets_slice_the_text() -> None:
    for doc in documents():
        t = doc.text
        for e in doc.entities:
            assert t[e.start : e.end] == e.entity_text
        for ev in doc.events:
            assert t[ev.start : ev.end] == ev.event_text
            assert ev.trigger_start is not None and ev.trigger_end is not None
            assert t[ev.trigger_start : ev.trigger_end] == ev.trigger
        for qt in doc.quotes:
            assert t[qt.content_start : qt.content_end] == qt.content
        for p in doc.places:
            assert t[p.start : p.end] == p.text
        for s in doc.sentences:
            assert t[s.start : s.end].strip() == t[s.start : s.end]


def test_corpus_dedup_joins_the_two_accusations(tmp_path: Path) -> None:
    db = build_corpus(tmp_path / "c.duckdb")
    with Store(db, read_only=True) as st:
        rows = st.rows("SELECT event, num_mentions, num_articles, num_sources FROM events ORDER BY event")
    accuse = [r for r in rows if r["event"] == "ACCUSE"]
    assert accuse == [{"event": "ACCUSE", "num_mentions": 2, "num_articles": 2, "num_sources": 2}]
    assert len(rows) == 5
