"""Tests of the ``time`` stage and of ``eventwire.time.normalise`` (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.config import PipelineConfig
from eventwire.ingest import make_article
from eventwire.model import Document
from eventwire.pipeline import Pipeline
from eventwire.time import find, normalise

TUE = dt.date(2025, 5, 20)  # a Tuesday


# --------------------------------------------------------------------------- normalise


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Monday", "PAST", ("DATE", "2025-05-19", None)),
        ("on Monday", "FUTURE", ("DATE", "2025-05-26", None)),
        ("Tuesday", "PAST", ("DATE", "2025-05-20", None)),
        ("last Friday", None, ("DATE", "2025-05-16", None)),
        ("next Friday", None, ("DATE", "2025-05-23", None)),
        ("May 20", None, ("DATE", "2025-05-20", None)),
        ("20 May 2025", None, ("DATE", "2025-05-20", None)),
        ("May 20, 2025", None, ("DATE", "2025-05-20", None)),
        ("Tuesday, May 20", None, ("DATE", "2025-05-20", None)),
        ("2025-05-20", None, ("DATE", "2025-05-20", None)),
        ("5/20/2025", None, ("DATE", "2025-05-20", None)),
        ("20/5/2025", None, ("DATE", "2025-05-20", None)),
        ("Nov. 3", "PAST", ("DATE", "2024-11-03", None)),
        ("Nov. 3", "FUTURE", ("DATE", "2025-11-03", None)),
        ("June 3", "FUTURE", ("DATE", "2025-06-03", None)),
        ("yesterday", None, ("DATE", "2025-05-19", None)),
        ("today", None, ("DATE", "2025-05-20", None)),
        ("tomorrow", None, ("DATE", "2025-05-21", None)),
        ("tonight", None, ("TIME", "2025-05-20TNI", None)),
        ("last week", None, ("DATE", "2025-W20", None)),
        ("next month", None, ("DATE", "2025-06", None)),
        ("earlier this month", None, ("DATE", "2025-05", None)),
        ("last year", None, ("DATE", "2024", None)),
        ("early next year", None, ("DATE", "2026", "START")),
        ("February", "PAST", ("DATE", "2025-02", None)),
        ("November", "PAST", ("DATE", "2024-11", None)),
        ("November", "FUTURE", ("DATE", "2025-11", None)),
        ("July 2023", None, ("DATE", "2023-07", None)),
        ("1998", None, ("DATE", "1998", None)),
        ("the 1990s", None, ("DATE", "199", None)),
        ("the late 1980s", None, ("DATE", "198", "END")),
        ("the 20th century", None, ("DATE", "19", None)),
        ("last summer", None, ("DATE", "2024-SU", None)),
        ("winter 2021", None, ("DATE", "2021-WI", None)),
        ("the fourth quarter", "PAST", ("DATE", "2024-Q4", None)),
        ("the fourth quarter", "FUTURE", ("DATE", "2025-Q4", None)),
        ("the first quarter", None, ("DATE", "2025-Q1", None)),
        ("the first quarter of 2024", None, ("DATE", "2024-Q1", None)),
        ("the second half", "FUTURE", ("DATE", "2025-H2", None)),
        ("two years ago", None, ("DATE", "2023", None)),
        ("three days ago", None, ("DATE", "2025-05-17", None)),
        ("two-hour", None, ("DURATION", "PT2H", None)),
        ("two-hour-long", None, ("DURATION", "PT2H", None)),
        ("three-year-long", None, ("DURATION", "P3Y", None)),
        ("more than two hours", None, ("DURATION", "PT2H", "MORE_THAN")),
        ("about 30 minutes", None, ("DURATION", "PT30M", "APPROX")),
        ("at least 20 years", None, ("DURATION", "P20Y", "EQUAL_OR_MORE")),
        ("two and a half years", None, ("DURATION", "P2Y6M", None)),
        ("several weeks", None, ("DURATION", "PXW", None)),
        ("the past three months", None, ("DURATION", "P3M", None)),
        ("two decades", None, ("DURATION", "P20Y", None)),
        ("every Monday", None, ("SET", "XXXX-WXX-1", None)),
        ("each year", None, ("SET", "P1Y", None)),
        ("daily", None, ("SET", "P1D", None)),
        ("at 5:15 PM", None, ("TIME", "2025-05-20T17:15", None)),
        ("9 a.m. Monday", "PAST", ("TIME", "2025-05-19T09:00", None)),
        ("noon", None, ("TIME", "2025-05-20T12:00", None)),
        ("yesterday morning", None, ("TIME", "2025-05-19TMO", None)),
        ("now", None, ("DATE", "PRESENT_REF", None)),
        ("currently", None, ("DATE", "PRESENT_REF", None)),
        ("recently", None, ("DATE", "PAST_REF", None)),
        ("the near future", None, ("DATE", "FUTURE_REF", None)),
        ("Christmas", "FUTURE", ("DATE", "2025-12-25", None)),
        ("Thanksgiving", "PAST", ("DATE", "2024-11-28", None)),
        ("nineteen ninety-six", None, ("DATE", "1996", None)),
    ],
)
def test_normalise(text: str, tense: str | None, expected: tuple[str, str | None, str | None]) -> None:
    assert normalise(text, TUE, tense) == expected


def test_normalise_rejects_non_times() -> None:
    assert normalise("the committee", TUE) is None
    assert normalise("", TUE) is None
    assert normalise("five-year-old", TUE) is None


def test_normalise_without_anchor() -> None:
    # absolute expressions keep their value, relative ones have none
    assert normalise("May 20, 2025", None) == ("DATE", "2025-05-20", None)
    assert normalise("two-hour", None) == ("DURATION", "PT2H", None)
    assert normalise("Monday", None, "PAST") == ("DATE", None, None)
    assert normalise("last week", None) == ("DATE", None, None)
    assert normalise("now", None) == ("DATE", "PRESENT_REF", None)


def test_weekday_tense_slack() -> None:
    # a past-tense clause still reads tomorrow's weekday forward (a schedule: "set a meeting
    # Wednesday"), six days back is too far; two days either way goes back
    assert normalise("Wednesday", TUE, "PAST") == ("DATE", "2025-05-21", None)
    assert normalise("Thursday", TUE, "PAST") == ("DATE", "2025-05-15", None)
    # the future tense always reads forward
    assert normalise("Monday", TUE, "FUTURE") == ("DATE", "2025-05-26", None)
    mon = dt.date(2025, 5, 19)
    assert normalise("Tuesday", mon, "PAST") == ("DATE", "2025-05-20", None)
    assert normalise("Friday", mon, "PAST") == ("DATE", "2025-05-16", None)
    assert normalise("Friday", mon, "FUTURE") == ("DATE", "2025-05-23", None)


# --------------------------------------------------------------------------- find (no parse)


def test_find_spans_are_tight_and_disjoint() -> None:
    text = "The third-quarter loss came two days ago, and its fourth quarter starts on Oct. 1."
    found = find(text, dt.date(2025, 9, 12))
    got = [(text[m.start : m.end], m.norm.value) for m in found]
    assert got == [
        ("third-quarter", "2025-Q3"),
        ("two days ago", "2025-09-10"),
        ("fourth quarter", "2025-Q4"),
        ("Oct. 1", "2025-10-01"),
    ]


def test_find_leaves_modal_may_alone() -> None:
    # without a parse, a bare "May" is never taken as the month
    assert find("Officials may meet again.", TUE) == []


@st.composite
def _dates(draw: st.DrawFn) -> dt.date:
    return draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@given(_dates(), st.sampled_from(["{M} {d}, {y}", "{d} {M} {y}", "{y}-{mm}-{dd}", "{m}/{d}/{y}"]))
def test_absolute_dates_round_trip(day: dt.date, fmt: str) -> None:
    text = fmt.format(
        M=MONTHS[day.month - 1],
        d=day.day,
        y=day.year,
        m=day.month,
        mm=f"{day.month:02d}",
        dd=f"{day.day:02d}",
    )
    assert normalise(text, TUE) == ("DATE", day.isoformat(), None)


@given(_dates())
def test_relative_weeks_and_days_follow_the_anchor(anchor: dt.date) -> None:
    y, w, _ = (anchor - dt.timedelta(weeks=1)).isocalendar()
    assert normalise("last week", anchor) == ("DATE", f"{y:04d}-W{w:02d}", None)
    assert normalise("yesterday", anchor) == ("DATE", (anchor - dt.timedelta(days=1)).isoformat(), None)
    wd = anchor.strftime("%A")
    assert normalise(wd, anchor, "PAST") == ("DATE", anchor.isoformat(), None)


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("aMy 0123456789,.-/:'ondayJuebwkstlhrTmpAP")), max_size=80))
def test_find_offsets_are_in_bounds_and_disjoint(text: str) -> None:
    found = find(text, TUE)
    last = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= last
        last = m.end


# --------------------------------------------------------------------------- the stage


Code = Callable[..., Document]


@pytest.fixture(scope="module")
def code() -> Code:
    """Code a text with only the stages the time stage needs (the model is loaded once per process)."""
    pipe = Pipeline(PipelineConfig(stages=("boilerplate", "time")))

    def _code(text: str, date: str | None = "2025-05-20") -> Document:
        return pipe.code(make_article(text=text, date=date))

    return _code


def _times(doc: Document) -> list[tuple[str, str, str | None, str | None]]:
    return [(t.text, t.type, t.value, t.mod) for t in doc.times]


def test_stage_wire_story(code: Code) -> None:
    text = (
        "Oslo, May 20: Norway's prime minister on Monday described a three-hour meeting with her Swedish "
        "counterpart as useful. The two leaders met in Stockholm last week and will meet again on Friday. "
        "Talks have been held every Monday since the 1990s."
    )
    doc = code(text, date="2025-05-20")
    for t in doc.times:
        assert doc.text[t.start : t.end] == t.text
        assert doc.sentences[t.sentence].start <= t.start < t.end <= doc.sentences[t.sentence].end
    assert _times(doc) == [
        ("May 20", "DATE", "2025-05-20", None),
        ("Monday", "DATE", "2025-05-19", None),
        ("three-hour", "DURATION", "PT3H", None),
        ("last week", "DATE", "2025-W20", None),
        ("Friday", "DATE", "2025-05-23", None),
        ("every Monday", "SET", "XXXX-WXX-1", None),
        ("the 1990s", "DATE", "199", None),
    ]


def test_stage_uses_the_tense_of_the_governing_verb(code: Code) -> None:
    past = code("The minister spoke to reporters on Thursday.", date="2025-05-20")
    future = code("The minister will speak to reporters on Thursday.", date="2025-05-20")
    assert _times(past) == [("Thursday", "DATE", "2025-05-15", None)]
    assert _times(future) == [("Thursday", "DATE", "2025-05-22", None)]


def test_stage_month_name_versus_modal(code: Code) -> None:
    doc = code("The council may vote again. It last voted in May and will vote in March.", date="2025-10-02")
    assert _times(doc) == [("May", "DATE", "2025-05", None), ("March", "DATE", "2026-03", None)]


def test_stage_without_article_date(code: Code) -> None:
    doc = code("The accord was signed on June 4, 2019 and reviewed last week.", date=None)
    assert _times(doc) == [("June 4, 2019", "DATE", "2019-06-04", None), ("last week", "DATE", None, None)]


def test_stage_year_is_not_an_amount(code: Code) -> None:
    doc = code("The 1998 accord cost $2000 and was renewed in 2004.", date="2025-05-20")
    assert _times(doc) == [("1998", "DATE", "1998", None), ("2004", "DATE", "2004", None)]


def test_anaphoric_expressions_follow_the_story() -> None:
    text = "Talks began on March 3, 2024. The following day they stalled, and later that year they collapsed."
    got = [(text[m.start : m.end], m.norm.value) for m in find(text, TUE)]
    assert got == [
        ("March 3, 2024", "2024-03-03"),
        ("The following day", "2024-03-04"),
        ("later that year", "2024"),
    ]
    # with nothing to follow, the value is unknown rather than guessed
    assert [m.norm.value for m in find("The following day they left.", TUE)] == [None]
    assert normalise("the following day", TUE) == ("DATE", None, None)


def test_rates_are_sets_and_ordinal_second_is_not_a_duration() -> None:
    text = "The plant runs 24 hours a day and pays $2 a year; a second plant waited a week."
    got = [(text[m.start : m.end], m.norm.type, m.norm.value) for m in find(text, TUE)]
    assert got == [
        ("24 hours", "DURATION", "PT24H"),
        ("a day", "SET", "P1D"),
        ("a year", "SET", "P1Y"),
        ("a week", "DURATION", "P1W"),
    ]
