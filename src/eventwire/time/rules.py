"""Rules that find time expressions in text and normalise them to TIMEX3 values.

The grammar is a set of regular expressions built from the word lists in
``data/time/lexicon.json``; each rule has a normaliser that turns a match into a
``Norm`` (TIMEX3 type, value, mod), given the anchor date (the article date) and the
tense of the clause the expression sits in.  ``find`` runs every rule over a piece of
text, keeps the longest non-overlapping matches, and returns them with their values.

Values follow TimeML/TIMEX3: ``2025-05-19``, ``2025-05``, ``2025-W20``, ``2025-Q2``,
``2024-SU``, ``199`` (a decade), ``19`` (a century), ``2025-05-20T17:15``, ``2025-05-20TNI``,
``PT2H``, ``P3Y``, ``PXD`` (a vague number of days), ``XXXX-WXX-1`` (a set), and the
references ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``.  When a relative expression
cannot be anchored (no article date), its value is ``None``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..resources import check_keys

Tense = str | None  # "PAST", "PRESENT", "FUTURE" or None when unknown


@dataclass(frozen=True, slots=True)
class Norm:
    """A normalised expression: TIMEX3 ``type``, ``value`` (None if unresolvable), ``mod``."""

    type: str
    value: str | None
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    norm: Norm
    rule: str


@dataclass(frozen=True, slots=True)
class Context:
    """What a normaliser may use besides the match: the anchor date and the clause tense."""

    anchor: dt.date | None
    tense: Tense


# --------------------------------------------------------------------------- lexicon


#: the keys of ``data/time/lexicon.json`` (another key, or a missing one, is an error)
LEXICON_KEYS = (
    "_about",
    "months",
    "ambiguous_months",
    "weekdays",
    "numbers",
    "vague_numbers",
    "ordinals",
    "units",
    "seasons",
    "parts_of_day",
    "decade_words",
    "mods",
    "point_mods",
    "present_ref",
    "past_ref",
    "future_ref",
    "set_adverbs",
    "holidays",
    "future_verbs",
    "past_prepositions",
    "moving_holidays",
    "relative_words",
    "unit_words",
    "rate_units",
)


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    path = Path(__file__).resolve().parents[1] / "data" / "time" / "lexicon.json"
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    check_keys(data, LEXICON_KEYS, str(path))
    return data


#: relative words ("last week", "next May", "this summer"), by direction
PAST_REL = frozenset(lexicon()["relative_words"]["past"])
FUTURE_REL = frozenset(lexicon()["relative_words"]["future"])
CURRENT_REL = frozenset(lexicon()["relative_words"]["current"])


def _alt(words: list[str] | Any) -> str:
    """A regex alternation of words, longest first, with spaces matching any whitespace."""
    items = sorted({w for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


# --------------------------------------------------------------------------- helpers


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def season_of(d: dt.date) -> tuple[int, str]:
    m = d.month
    if m in (3, 4, 5):
        return d.year, "SP"
    if m in (6, 7, 8):
        return d.year, "SU"
    if m in (9, 10, 11):
        return d.year, "FA"
    return (d.year if m == 12 else d.year - 1), "WI"


_SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


#: how much further (in days) a reading that agrees with the clause's tense may lie than one
#: that does not: "Monday" in a past-tense story dated Tuesday is yesterday, but "Tuesday" in
#: a past-tense clause dated Monday is more likely tomorrow (a schedule) than six days ago.
WEEKDAY_TENSE_SLACK = 3
#: a future-tense clause ("will meet on Monday") reads forward
WEEKDAY_FUTURE_SLACK = 7


def resolve_weekday(anchor: dt.date, wd: int, tense: Tense, rel: str | None = None) -> dt.date:
    """The date of ISO weekday ``wd`` (1 = Monday) relative to ``anchor``.

    ``rel`` is the determiner ("last", "next", "this", "coming", "past"...).  Without one,
    the anchor's own weekday is the anchor itself; otherwise the nearer of the previous and
    the next such day, where the reading the tense points to (back for the past, forward for
    the future) may be up to ``WEEKDAY_TENSE_SLACK`` days further; ties look back (news
    mostly reports what happened).
    """
    diff = wd - anchor.isoweekday()  # -6..6
    back = anchor - dt.timedelta(days=(-diff) % 7 or 7)
    fwd = anchor + dt.timedelta(days=diff % 7 or 7)
    if rel in PAST_REL:
        return back
    if rel in FUTURE_REL:
        return fwd
    if diff == 0:
        return anchor
    b, f = (anchor - back).days, (fwd - anchor).days
    if tense == "PAST":
        b -= WEEKDAY_TENSE_SLACK
    elif tense == "FUTURE":
        f -= WEEKDAY_FUTURE_SLACK
    return back if b <= f else fwd


def _pick(anchor_key: int, cands: list[int], tense: Tense, slack: float) -> int:
    """The candidate key (an ordinal position) nearest ``anchor_key``, where one on the side
    the tense points to (past: at or before, future: at or after) may be ``slack`` further."""

    def cost(c: int) -> float:
        d = abs(c - anchor_key)
        if (tense == "PAST" and c <= anchor_key) or (tense == "FUTURE" and c >= anchor_key):
            d -= slack
        return d

    return min(cands, key=lambda c: (cost(c), -c if tense == "FUTURE" else c))


#: the same for months, days (of "May 20") and quarters: how far the tense may pull
MONTH_SLACK = 4
DAY_SLACK = 120
QUARTER_SLACK = 0.5


def resolve_month(anchor: dt.date, month: int, tense: Tense) -> tuple[int, int]:
    a = anchor.year * 12 + anchor.month - 1
    cands = [(anchor.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    c = _pick(a, cands, tense, MONTH_SLACK)
    return c // 12, c % 12 + 1


def resolve_month_day(anchor: dt.date, month: int, day: int, tense: Tense) -> dt.date | None:
    a = anchor.toordinal()
    dates = [d for k in (-1, 0, 1) if (d := _safe_date(anchor.year + k, month, day)) is not None]
    if not dates:
        return None
    c = _pick(a, [d.toordinal() for d in dates], tense, DAY_SLACK)
    return dt.date.fromordinal(c)


def resolve_quarter(anchor: dt.date, q: int, tense: Tense) -> tuple[int, int]:
    a = anchor.year * 4 + quarter_of(anchor) - 1
    cands = [(anchor.year + k) * 4 + q - 1 for k in (-1, 0, 1)]
    c = _pick(a, cands, tense or "PAST", QUARTER_SLACK)
    return c // 4, c % 4 + 1


def resolve_season(anchor: dt.date, s: str, tense: Tense, rel: str | None) -> str:
    ay, aseason = season_of(anchor)
    a = ay * 4 + _SEASON_ORDER[aseason]
    cands = [(ay + k) * 4 + _SEASON_ORDER[s] for k in (-1, 0, 1)]
    if rel in PAST_REL:
        c = max(x for x in cands if x < a)
    elif rel in ("next", "coming"):
        c = min(x for x in cands if x > a)
    elif rel in CURRENT_REL:
        c = min(cands, key=lambda x: abs(x - a))
    else:
        c = _pick(a, cands, tense, 1)
    return f"{c // 4:04d}-{s}"


def _num(text: str) -> float | str | None:
    """A number from digits or words: 2, "two", "twenty-five", "a", "several" -> "X"."""
    lex = lexicon()
    t = _key(text).replace(",", "")
    if t in lex["vague_numbers"]:
        return "X"
    if re.fullmatch(r"\d+\s+1/2", t):
        return float(t.split()[0]) + 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        v = float(t)
        return v
    if t in lex["numbers"]:
        return float(lex["numbers"][t])
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in lex["numbers"] and parts[1] in lex["numbers"]:
        a, b = lex["numbers"][parts[0]], lex["numbers"][parts[1]]
        if a >= 20 and a % 10 == 0 and 0 < b < 10:
            return float(a + b)
    return None


def _fmt(n: float | str) -> str:
    if isinstance(n, str):
        return n
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | str, unit: str) -> str | None:
    """``PnU`` / ``PTnU`` for a count and a lexicon unit letter ("H", "D", "2W", "DE"...)."""
    if unit == "WE":
        return None if isinstance(n, str) else f"P{_fmt(n * 2)}D"
    if unit == "2W":
        return "PXW" if isinstance(n, str) else f"P{_fmt(n * 2)}W"
    if unit == "Q":  # a quarter is three months
        return "PXM" if isinstance(n, str) else f"P{_fmt(n * 3)}M"
    if unit == "DE":
        return "PXY" if isinstance(n, str) else f"P{_fmt(n * 10)}Y"
    if unit == "CE":
        return "PXY" if isinstance(n, str) else f"P{_fmt(n * 100)}Y"
    t = "T" if unit in ("H", "S", "MIN") else ""
    letter = "M" if unit == "MIN" else unit
    if not isinstance(n, str) and not float(n).is_integer():
        # a half unit: whole units plus the half in the next smaller unit ("P2Y6M", "PT5H30M")
        whole, frac = int(n), n - int(n)
        smaller = {
            "Y": ("M", 12, ""),
            "D": ("H", 24, "T"),
            "H": ("M", 60, ""),
            "W": ("D", 7, ""),
            "MIN": ("S", 60, ""),
        }
        sm = smaller.get(unit)
        if sm is not None and float(frac * sm[1]).is_integer():
            unit2, k, t2 = sm
            head = f"{whole}{letter}" if whole else ""
            sep = t2 if (t2 and "T" not in t) else ""
            return f"P{t}{head}{sep}{int(frac * k)}{unit2}"
    return f"P{t}{_fmt(n)}{letter}"


def _shift(anchor: dt.date, n: int, unit: str, sign: int) -> str | None:
    """The value of "n units ago" (sign -1) / "n units from now" (sign +1), at the unit's grain."""
    if unit == "D":
        return (anchor + dt.timedelta(days=sign * n)).isoformat()
    if unit == "W":
        return iso_week(anchor + dt.timedelta(weeks=sign * n))
    if unit == "2W":
        return iso_week(anchor + dt.timedelta(weeks=2 * sign * n))
    if unit == "M":
        y, m = _add_months(anchor.year, anchor.month, sign * n)
        return f"{y:04d}-{m:02d}"
    if unit == "Q":
        i = anchor.year * 4 + quarter_of(anchor) - 1 + sign * n
        return f"{i // 4:04d}-Q{i % 4 + 1}"
    if unit == "Y":
        return f"{anchor.year + sign * n:04d}"
    if unit == "DE":
        return f"{(anchor.year + sign * 10 * n) // 10:03d}"
    if unit == "CE":
        return f"{(anchor.year + sign * 100 * n) // 100:02d}"
    return None


# --------------------------------------------------------------------------- grammar


Rule = tuple[str, re.Pattern[str], Callable[[re.Match[str], Context], Norm | None]]


@functools.lru_cache(maxsize=1)
def grammar() -> list[Rule]:
    return _grammar_and_gates()[0]


Gate = tuple[re.Pattern[str], tuple[str, ...] | None]


@functools.lru_cache(maxsize=1)
def gated_grammar() -> list[tuple[Rule, tuple[Gate, ...]]]:
    """The rules, each with its gates: patterns that every match of the rule contains (built from
    the rule's own mandatory parts, same flags), so a text none of them matches cannot match it.
    A gate may carry hints: lower-case ASCII words one of which is in every ASCII text it matches."""
    rules, gates, hints = _grammar_and_gates()
    compiled: dict[str, Gate] = {}
    out = []
    for rule in rules:
        pats = gates.get(rule[0], ())
        out.append(
            (rule, tuple(compiled.setdefault(g, (re.compile(g, re.IGNORECASE), hints.get(g))) for g in pats))
        )
    return out


def _hint_words(words: Any) -> tuple[str, ...] | None:
    """Hints for an alternation of ``words`` (``_alt``): each word's first part, lower case; None
    where a word is not ASCII (case-insensitive matching then goes beyond ``str.lower``)."""
    ws = list(words)
    if not ws or not all(w.isascii() and w.split() for w in ws):
        return None
    return tuple(sorted({w.split()[0].lower() for w in ws}))


def _grammar_and_gates() -> tuple[list[Rule], dict[str, tuple[str, ...]], dict[str, tuple[str, ...] | None]]:
    lex = lexicon()
    B = r"(?<![\w'’])"  # left boundary
    E = r"(?!\w)"  # right boundary (a possessive 's may follow)
    MONTH = _month_re(lex)
    WD = _weekday_re(lex)
    DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    YEAR = r"(?:1[6-9]\d\d|20\d\d)"
    NUMW = _alt([k for k in lex["numbers"] if k not in ("a", "an", "half a", "half an")])
    TENS = _alt(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
    ONES = _alt(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
    NUM = rf"(?:\d+\s+1/2|\d+(?:\.\d+)?|{TENS}[- ]{ONES}|{NUMW}|{_alt(lex['vague_numbers'])}|an?|half\s+an?)"
    UNITS = list(lex["units"])
    UNIT = (
        "(?:"
        + "|".join(sorted([re.escape(u) for u in UNITS] + ["centuries", "millennia"], key=len, reverse=True))
        + r")(?:s)?"
    )
    MOD = _alt(lex["mods"])
    PMOD = r"(?:early|mid|late|the\s+(?:beginning|start|middle|end|close)\s+of)"
    SEASON = _alt(lex["seasons"])
    POD = _alt(lex["parts_of_day"])
    REL = r"(?:last|next|this|coming|past|previous|current|following)"
    ORD = _alt([*lex["ordinals"], "final", "last", "latest"])
    AMPM = r"(?:[ap]\.\s?m\.?|[ap]m\b|[AP]M\b|[AP]\.M\.?)"
    CLOCK = (
        rf"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?{AMPM}|(?:[01]?\d|2[0-3]):[0-5]\d|noon|midnight|midday|"
        rf"(?:[01]?\d|{ONES}|ten|eleven|twelve)\s+(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening))"
    )
    TZ = r"(?:\s+(?:[A-Z]{2,4}T|GMT|UTC)\b)?"
    DAYREF = r"(?:today|yesterday|tomorrow|tonight)"
    CENTW = _alt(["nineteenth", "twentieth", "twenty-first"])

    rules: list[tuple[str, str, Callable[[re.Match[str], Context], Norm | None]]] = [
        # first: on a tie in length the earlier rule wins ("$5 a day" is a rate, not a duration)
        (
            "rate_set",
            rf"(?:(?<=\d\s)|(?<=%\s)|(?<=\bonce\s)|(?<=\btwice\s)|(?<=\btimes\s)|(?<=\bhours\s)|(?<=\bdays\s)|(?<=\bminutes\s))(?P<q>a|an)\s+"
            rf"(?P<unit>second|minute|hour|day|night|week|month|quarter|year){E}",
            _n_rate_set,
        ),
        (
            "iso",
            rf"{B}(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?(?![\d-])",
            _n_iso,
        ),
        ("numeric", rf"{B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d\d)(?![\d/])", _n_numeric),
        # 20.05.2025 (day first, as written outside the US) and 2025/05/20
        ("numeric_dmy", rf"{B}(?P<b>\d{{1,2}})\.(?P<a>\d{{1,2}})\.(?P<y>\d{{4}})(?![\d.]\d)", _n_numeric),
        ("numeric_ymd", rf"{B}(?P<y>{YEAR})/(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})(?![\d/])", _n_numeric),
        (
            "month_day",
            rf"{B}(?:(?P<rel>last|this|next)\s+)?(?:(?P<wd>{WD}),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY})(?!\d|:\d)(?:(?:,\s*|\s+)(?P<y>{YEAR}))?{E}",
            _n_month_day,
        ),
        (
            "day_month",
            rf"{B}(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?{E}",
            _n_month_day,
        ),
        (
            "month_year",
            rf"{B}(?:(?P<pm>{PMOD})[\s-]+)?(?P<mon>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR}){E}",
            _n_month_year,
        ),
        (
            "month_rel_year",
            rf"{B}(?P<mon>{MONTH})(?:\s+(?P<d>{DAY}))?,?\s+(?:of\s+)?(?P<rel>last|this|next)\s+year{E}",
            _n_month_rel_year,
        ),
        (
            "spoken_year",
            rf"{B}(?:(?P<mon>{MONTH})\s+)?(?:the\s+year\s+)?(?P<y>(?:nineteen|twenty)[\s-]+(?:{TENS}(?:[\s-]+{ONES})?|"
            rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
            rf"oh[\s-]+{ONES}|hundred)|two\s+thousand(?:[\s-]+(?:and[\s-]+)?(?:{ONES}|ten|eleven|twelve|"
            rf"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-]+{ONES})?))?){E}",
            _n_spoken_year,
        ),
        (
            "period_end",
            rf"{B}(?P<w>(?:the\s+)?(?:year|month)[\s-]end|"
            rf"year's\s+end|the\s+end\s+of\s+(?:the|this)\s+(?:year|month)){E}",
            _n_period_end,
        ),
        (
            "week_of",
            rf"{B}the\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<d>{DAY}){E}",
            _n_week_of,
        ),
        (
            "moving_holiday",
            rf"{B}(?:(?P<rel>last|this|next)\s+)?(?P<w>{_alt(lex['moving_holidays'])}){E}",
            _n_moving_holiday,
        ),
        (
            "the_year",
            rf"{B}(?P<w>the\s+(?:(?:full|fiscal|calendar|entire|whole)\s+)?year)"
            rf"(?:(?=\s+(?:ending|ended|that\s+ended))(?P<ending>))?{E}",
            _n_the_year,
        ),
        (
            "vague_span",
            rf"{B}(?:the\s+)?(?:(?P<dir>recent|coming|past|last|next|previous)\s+)(?:(?:few|several|many)\s+)?"
            rf"(?P<unit>days|weeks|months|years|quarters|decades){E}",
            _n_vague_span,
        ),
        (
            "anaphoric",
            rf"{B}(?:(?P<pre>earlier|later)\s+)?(?:(?:the\s+)?(?P<rel>following|next|previous|preceding|same)|"
            rf"(?P<that>that))\s+(?P<unit>day|morning|afternoon|evening|night|week|month|year){E}",
            _n_anaphoric,
        ),
        (
            "weekend",
            rf"{B}(?P<the>the|this|last|next|that)\s+weekend{E}",
            _n_weekend,
        ),
        (
            "month",
            rf"{B}(?:(?P<rel>{REL}|early|mid|late|(?:the\s+)?(?:beginning|start|middle|end)\s+of)"
            rf"[\s-]+)?(?P<mon>{MONTH}){E}",
            _n_month,
        ),
        (
            "weekday",
            rf"{B}(?:(?P<pm>early|late)\s+)?(?:(?P<rel>{REL})\s+)?(?P<wd>{WD})(?P<pl>s)?(?:\s+(?P<pod>{POD}))?{E}",
            _n_weekday,
        ),
        (
            "clock",
            rf"{B}(?P<clock>{CLOCK}){TZ}(?:,?\s+(?:on\s+)?(?:(?P<day>(?:{WD})|{DAYREF})|"
            rf"(?P<mon>{MONTH})\s+(?P<md>{DAY})(?:,?\s+(?P<y>{YEAR}))?))?{E}",
            _n_clock,
        ),
        ("day_clock", rf"{B}(?P<day>(?:{WD})|{DAYREF})(?:\s+at)?\s+(?P<clock>{CLOCK}){TZ}(?!\w)", _n_clock),
        (
            "dayref",
            rf"{B}(?P<w>today|tonight|yesterday|tomorrow|(?:the\s+)?day\s+(?:before|after)\s+"
            rf"(?:yesterday|tomorrow)){E}",
            _n_dayref,
        ),
        (
            "dayref_pod",
            rf"{B}(?P<w>this|yesterday|tomorrow|last|early\s+this|late\s+last|early|late)\s+"
            rf"(?P<pod>{POD}){E}",
            _n_dayref_pod,
        ),
        (
            "rel_unit",
            rf"{B}(?:(?P<pre>early|late|mid)[\s-]+)?(?P<the>the\s+)?(?P<rel>{REL}|current)"
            rf"\s+(?P<unit>week|month|year|quarter|weekend|decade|century|fiscal\s+year){E}",
            _n_rel_unit,
        ),
        (
            "rel_units",
            rf"{B}(?:(?P<mod>{MOD})\s+(?!the\b|its\b|their\b))?(?:(?:the|its|their)\s+)?(?P<rel>last|next|past|previous|coming|first|final)"
            rf"\s+(?P<n>{NUM})\s+(?P<unit>{UNIT}){E}",
            _n_rel_units,
        ),
        (
            "ago",
            rf"{B}(?:(?P<mod>{MOD})\s+(?!the\b|its\b|their\b))?(?P<n>{NUM})[\s-]+(?P<unit>{UNIT})\s+"
            rf"(?P<dir>ago|earlier|from\s+now|hence){E}",
            _n_ago,
        ),
        (
            "year_ago",
            rf"{B}(?:the\s+)?(?P<unit>year|month|week)[\s-](?P<dir>ago|earlier)"
            rf"(?:\s+(?P<what>quarter|period|month|year))?{E}",
            _n_year_ago,
        ),
        (
            "duration",
            rf"{B}(?:(?P<mod>{MOD})\s+(?!the\b|its\b|their\b))?(?:the\s+(?:first\s+|last\s+|past\s+)?)?(?P<n>{NUM})"
            rf"(?:[\s-]+and[\s-]+a[\s-]+half)?(?:\s+(?:more|additional|further|extra|straight|consecutive|"
            rf"trading|business|working|full))?[\s-]+(?P<unit>{UNIT})(?P<long>[\s-]+(?:long|old))?{E}",
            _n_duration,
        ),
        (
            "unit_long",
            rf"{B}(?P<unit>year|month|week|day|hour|decade)(?P<pl>s)?[\s-]?long{E}",
            _n_unit_long,
        ),
        (
            "vague_units",
            rf"(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bover\s)|(?<=\bwithin\s)|(?<=\bfor\s\s))"
            rf"(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries){E}",
            _n_vague_units,
        ),
        (
            "quarter",
            rf"{B}(?:(?P<det>the|its|their|this\s+year's|last\s+year's|next\s+year's|(?:the\s+)?(?P<yp>{YEAR})(?:'s)?)\s+)?"
            rf"(?:(?P<fiscal>fiscal)\s+)?(?P<ord>{ORD})[\s-]+(?P<what>quarter|half|period)"
            rf"(?:\s+of\s+(?:(?:fiscal|the\s+fiscal\s+year)\s+)?(?P<y>{YEAR})|,?\s+(?P<y2>{YEAR}))?{E}",
            _n_quarter,
        ),
        (
            "the_quarter",
            rf"{B}(?P<det>the|this|that)\s+(?:(?P<adj>latest|most\s+recent|recent|current|"
            rf"just-ended|past)\s+)?(?P<what>quarter){E}",
            _n_the_quarter,
        ),
        (
            "season",
            rf"{B}(?:(?P<rel>{REL}|early|late|mid)[\s-]+)?(?P<the>the\s+)?(?P<s>{SEASON})"
            rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?{E}",
            _n_season,
        ),
        (
            "year",
            rf"{B}(?:the\s+(?=\d{{4}}\s+(?:period|quarter)\b))?(?:(?P<pm>{PMOD}|the\s+end\s+of|(?:the\s+)?(?:fiscal|calendar|FY|model)\s*(?:year\s+)?|"
            rf"the\s+year)[\s-]*)?(?P<y>{YEAR})(?!\d|s\b|-\d|\s*(?:%|percent|per\s*cent))(?:\s+(?:period|quarter))?{E}",
            _n_year,
        ),
        (
            "decade",
            rf"{B}(?:the\s+)?(?:(?P<pm>early|mid|late)[\s-]+)?(?:(?P<c>1[5-9]|20)?(?P<d>\d)0s|'(?P<d2>\d)0s|"
            rf"(?P<w>{_alt(lex['decade_words'])})){E}",
            _n_decade,
        ),
        (
            "century",
            rf"{B}(?:the\s+)?(?P<n>1[0-9]th|2[01](?:st|th)|{CENTW})"
            rf"[\s-]+century{E}",
            _n_century,
        ),
        ("ref", rf"{B}(?P<w>{_alt(lex['present_ref'] + lex['past_ref'] + lex['future_ref'])}){E}", _n_ref),
        ("set_adverb", rf"{B}(?P<w>{_alt(lex['set_adverbs'])}){E}", _n_set_adverb),
        (
            "set",
            rf"{B}(?P<q>every|each|per)\s+(?:(?P<n>{NUM})\s+)?(?:(?P<wd>{WD})|(?P<mon>{MONTH})|(?P<s>{SEASON})|"
            rf"(?P<pod>{POD})|(?P<unit>{UNIT})){E}",
            _n_set,
        ),
        ("holiday", rf"{B}(?P<w>{_alt(lex['holidays'])}){E}", _n_holiday),
    ]
    out = []
    for name, pat, fn in rules:
        out.append((name, re.compile(pat, re.IGNORECASE), fn))
    # gates: a part every match of the rule contains, with the context the rule puts around it (a
    # superset is fine: it only lets more through); cheap to search for, most start with a literal
    # or a character class
    digit = r"\d"
    year = YEAR
    mon = rf"(?<![\w'’])(?:{MONTH})(?!\w)"  # every rule's MONTH has a non-word character or B before it
    unit = rf"[\s-](?:{UNIT})(?!\w)"
    clock = r"\d\s?[ap]\.?\s?m|\d:\d|noon|midnight|midday|morning|afternoon|evening"
    gates: dict[str, tuple[str, ...]] = {
        "rate_set": (r"(?:a|an)\s+(?:second|minute|hour|day|night|week|month|quarter|year)(?!\w)",),
        "iso": (r"\d-\d",),
        "numeric": (r"\d/\d",),
        "numeric_dmy": (r"\d\.\d",),
        "numeric_ymd": (r"\d/\d",),
        "month_day": (digit, mon),
        "day_month": (digit, mon),
        "month_year": (year, mon),
        "month_rel_year": (r"(?:last|this|next)\s+year(?!\w)", mon),
        "spoken_year": ("nineteen|twenty|thousand",),
        "period_end": (r"end(?!\w)",),
        "week_of": (digit, mon),
        "moving_holiday": (_alt(lex["moving_holidays"]),),
        "the_year": (r"year(?!\w)",),
        "vague_span": (r"\s(?:days|weeks|months|years|quarters|decades)(?!\w)",),
        "anaphoric": (
            r"(?:following|next|previous|preceding|same|that)\s+"
            r"(?:day|morning|afternoon|evening|night|week|month|year)(?!\w)",
        ),
        "weekend": (r"\sweekend(?!\w)",),
        "month": (mon,),
        "weekday": (rf"(?<![\w'’])(?:{WD})",),
        "clock": (clock,),
        "day_clock": (clock,),
        "dayref": ("today|tonight|yesterday|tomorrow",),
        "dayref_pod": (POD,),
        "rel_unit": (rf"(?:{REL}|current)\s+(?:week|month|year|quarter|decade|century|fiscal)",),
        "rel_units": (rf"\s(?:{UNIT})(?!\w)",),
        "ago": (rf"[\s-](?:{UNIT})\s+(?:ago|earlier|from\s+now|hence)(?!\w)",),
        "year_ago": (r"(?:year|month|week)[\s-](?:ago|earlier)",),
        "duration": (rf"[\s-](?:{UNIT})(?:[\s-]+(?:long|old))?(?!\w)", unit),
        "unit_long": (r"long(?!\w)",),
        "vague_units": (
            r"(?:for|in|over|within)\s\s?(?:minutes|hours|days|weeks|months|years|decades|centuries)(?!\w)",
        ),
        "quarter": (r"[\s-](?:quarter|half|period)(?!\w)",),
        "the_quarter": (r"quarter(?!\w)",),
        "season": (SEASON,),
        "year": (year,),
        "decade": (rf"\d0s|{_alt(lex['decade_words'])}",),
        "century": (r"[\s-]century",),
        "set": (r"(?:every|each|per)\s",),
    }
    months = list(lex["months"])
    weekdays = list(lex["weekdays"])
    decades = _hint_words(lex["decade_words"])
    unit_words = tuple(lex["unit_words"])
    rate_units = tuple(lex["rate_units"])
    hints: dict[str, tuple[str, ...] | None] = {
        gates["month"][0]: _hint_words(months),
        gates["weekday"][0]: _hint_words(weekdays),
        clock: (*"0123456789", "noon", "midnight", "midday", "morning", "afternoon", "evening"),
        gates["decade"][0]: None if decades is None else ("0s", *decades),
        gates["rel_unit"][0]: ("week", "month", "year", "quarter", "decade", "century", "fiscal"),
        gates["anaphoric"][0]: ("day", "morning", "afternoon", "evening", "night", "week", "month", "year"),
        gates["season"][0]: _hint_words(lex["seasons"]),
        gates["moving_holiday"][0]: _hint_words(lex["moving_holidays"]),
        gates["dayref_pod"][0]: _hint_words(lex["parts_of_day"]),
        gates["vague_units"][0]: unit_words,
        gates["vague_span"][0]: ("days", "weeks", "months", "years", "quarters", "decades"),
        gates["ago"][0]: ("ago", "earlier", "now", "hence"),
        gates["dayref"][0]: ("today", "tonight", "yesterday", "tomorrow"),
        unit: _hint_words([*UNITS, "centuries", "millennia"]),
        gates["rel_units"][0]: _hint_words([*UNITS, "centuries", "millennia"]),
        gates["rate_set"][0]: rate_units,
        gates["year_ago"][0]: ("ago", "earlier"),
        gates["spoken_year"][0]: ("nineteen", "twenty", "thousand"),
    }
    return out, gates, hints


def _month_re(lex: dict[str, Any]) -> str:
    parts = []
    for k in sorted(lex["months"], key=len, reverse=True):
        parts.append(re.escape(k) + (r"\.?" if len(k) <= 4 and k not in ("may", "june", "july") else ""))
    return "(?:" + "|".join(parts) + ")"


def _weekday_re(lex: dict[str, Any]) -> str:
    full = [k for k in lex["weekdays"] if k.endswith("day")]
    abbr = [k for k in lex["weekdays"] if not k.endswith("day")]
    return (
        "(?:"
        + "|".join(sorted(full, key=len, reverse=True))
        + "|"
        + "|".join(re.escape(a) + r"\." for a in sorted(abbr, key=len, reverse=True))
        + ")"
    )


# --------------------------------------------------------------------------- normalisers


def _month_num(s: str) -> int:
    return int(lexicon()["months"][_key(s).rstrip(".")])


def _wd_num(s: str) -> int:
    return int(
        lexicon()["weekdays"][_key(s).rstrip(".").rstrip("s") if not _key(s).endswith("day") else _key(s)]
    )


def _is_cap(s: str) -> bool:
    return s[:1].isupper()


def _n_iso(m: re.Match[str], c: Context) -> Norm | None:
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if d is None:
        return None
    if m["hh"]:
        return Norm("TIME", f"{d.isoformat()}T{m['hh']}:{m['mm']}")
    return Norm("DATE", d.isoformat())


def _n_numeric(m: re.Match[str], c: Context) -> Norm | None:
    a, b, ys = int(m["a"]), int(m["b"]), m["y"]
    y = int(ys) if len(ys) == 4 else (2000 + int(ys) if int(ys) < 50 else 1900 + int(ys))
    # US order month/day unless the first number cannot be a month
    mo, d = (a, b) if a <= 12 else (b, a)
    date = _safe_date(y, mo, d)
    if date is None:
        return None
    return Norm("DATE", date.isoformat())


def _n_month_day(m: re.Match[str], c: Context) -> Norm | None:
    mon = m["mon"]
    if not _is_cap(mon):
        return None
    mo = _month_num(mon)
    d = int(re.match(r"\d+", m["d"]).group(0))  # type: ignore[union-attr]
    if m["y"]:
        date = _safe_date(int(m["y"]), mo, d)
        return Norm("DATE", date.isoformat()) if date else None
    if _safe_date(2000, mo, d) is None:
        return None
    if c.anchor is None:
        return Norm("DATE", None)
    if m["wd"]:
        # a weekday fixes the year where one of the candidate years agrees
        wd = _wd_num(m["wd"])
        for k in (0, -1, 1):
            cand = _safe_date(c.anchor.year + k, mo, d)
            if cand and cand.isoweekday() == wd:
                return Norm("DATE", cand.isoformat())
    rel = m.groupdict().get("rel")
    tense = {"last": "PAST", "next": "FUTURE"}.get(_key(rel), c.tense) if rel else c.tense
    date = resolve_month_day(c.anchor, mo, d, tense)
    return Norm("DATE", date.isoformat()) if date else None


def _pmod(s: str | None) -> str | None:
    if not s:
        return None
    k = _key(s).replace("-", "")
    for w, v in lexicon()["point_mods"].items():
        if k == w or k.endswith(w):
            return str(v)
    return None


def _n_month_year(m: re.Match[str], c: Context) -> Norm | None:
    if not _is_cap(m["mon"]):
        return None
    return Norm("DATE", f"{int(m['y']):04d}-{_month_num(m['mon']):02d}", _pmod(m["pm"]))


def _n_month_rel_year(m: re.Match[str], c: Context) -> Norm | None:
    if not _is_cap(m["mon"]):
        return None
    if c.anchor is None:
        return Norm("DATE", None)
    y = c.anchor.year + {"last": -1, "this": 0, "next": 1}[_key(m["rel"])]
    mo = _month_num(m["mon"])
    if m["d"]:
        d = _safe_date(y, mo, int(re.match(r"\d+", m["d"]).group(0)))  # type: ignore[union-attr]
        return Norm("DATE", d.isoformat()) if d else None
    return Norm("DATE", f"{y:04d}-{mo:02d}")


def _spoken_number(words: list[str]) -> int | None:
    nums = lexicon()["numbers"]
    total = 0
    for w in words:
        if w in ("and", "oh"):
            continue
        if w not in nums:
            return None
        total += int(nums[w])
    return total


def _n_spoken_year(m: re.Match[str], c: Context) -> Norm | None:
    words = re.split(r"[\s-]+", _key(m["y"]))
    if words[:2] == ["two", "thousand"]:
        if len(words) == 2 and "year" not in _key(m.group(0)):
            return None  # "two thousand" alone is a number
        rest = _spoken_number(words[2:]) if len(words) > 2 else 0
        if rest is None:
            return None
        y = 2000 + rest
    else:
        head = {"nineteen": 19, "twenty": 20}[words[0]]
        if words[1:] == ["hundred"]:
            y = head * 100
        else:
            rest = _spoken_number(words[1:])
            if rest is None or rest >= 100:
                return None
            y = head * 100 + rest
    if m["mon"]:
        if not _is_cap(m["mon"]):
            return None
        return Norm("DATE", f"{y:04d}-{_month_num(m['mon']):02d}")
    return Norm("DATE", f"{y:04d}")


def _n_period_end(m: re.Match[str], c: Context) -> Norm | None:
    if c.anchor is None:
        return Norm("DATE", None, "END")
    if "month" in _key(m["w"]):
        return Norm("DATE", f"{c.anchor.year:04d}-{c.anchor.month:02d}", "END")
    return Norm("DATE", f"{c.anchor.year:04d}", "END")


def _n_week_of(m: re.Match[str], c: Context) -> Norm | None:
    if not _is_cap(m["mon"]):
        return None
    if c.anchor is None:
        return Norm("DATE", None)
    day = int(re.match(r"\d+", m["d"]).group(0))  # type: ignore[union-attr]
    d = resolve_month_day(c.anchor, _month_num(m["mon"]), day, c.tense)
    return Norm("DATE", iso_week(d)) if d else None


def nth_weekday(year: int, month: int, wd: int, n: int) -> dt.date:
    """The ``n``-th ISO weekday ``wd`` of a month (``n`` = -1: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - wd) % 7)


def _n_moving_holiday(m: re.Match[str], c: Context) -> Norm | None:
    if not _is_cap(m["w"]):
        return None
    if c.anchor is None:
        return Norm("DATE", None)
    mo, wd, n = lexicon()["moving_holidays"][_key(m["w"])]

    def on(y: int) -> dt.date:
        if n == "election":  # the Tuesday after the first Monday of November
            return nth_weekday(y, mo, 1, 1) + dt.timedelta(days=1)
        return nth_weekday(y, mo, wd, int(n))

    rel = _key(m["rel"]) if m["rel"] else None
    tense = {"last": "PAST", "next": "FUTURE"}.get(rel or "", c.tense)
    a = c.anchor.toordinal()
    cands = [on(c.anchor.year + k).toordinal() for k in (-1, 0, 1)]
    if rel == "last":
        cands = [x for x in cands if x < a]
    elif rel == "next":
        cands = [x for x in cands if x > a]
    return Norm("DATE", dt.date.fromordinal(_pick(a, cands, tense, DAY_SLACK)).isoformat())


def _n_the_year(m: re.Match[str], c: Context) -> Norm | None:
    if m["ending"] is not None:
        # "the year ended June 30": a year-long period
        return Norm("DURATION", "P1Y")
    return Norm("DATE", f"{c.anchor.year:04d}" if c.anchor else None)


def _n_vague_span(m: re.Match[str], c: Context) -> Norm | None:
    """ "recent weeks", "the coming months", "the past few years": a vague stretch of time."""
    u = _unit_letter(m["unit"])
    if u is None:
        return None
    return Norm("DURATION", duration_value("X", u))


def _n_anaphoric(m: re.Match[str], c: Context) -> Norm | None:
    """ "the following day", "that year", "later that month": relative to the story's last
    date, not to the article date.  The value is left to ``resolve_anaphoric`` (the stage
    knows the story); on its own the expression has none."""
    rel = _key(m["rel"]) if m["rel"] else "that"
    unit = _key(m["unit"])
    if rel == "next" and unit in ("week", "month", "year"):
        return None  # "the next month" is a stretch of time ahead (rel_unit)
    kind = "TIME" if unit in ("morning", "afternoon", "evening", "night") else "DATE"
    return Norm(kind, f"@{rel}:{unit}")


_ABSOLUTE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?(?:T.*)?$")


def resolve_story(matches: list[Match], story: list[str]) -> list[Match]:
    """Resolve "the following day", "that year"... (values ``@rel:unit``) in text order
    against the dates the story has named before them; ``story`` collects those dates and
    carries them from one call to the next (one sentence after another)."""
    out: list[Match] = []
    for m in matches:
        v = m.norm.value
        if v is not None and v.startswith("@"):
            v = resolve_anaphoric(v, story)
            m = Match(m.start, m.end, Norm(m.norm.type, v, m.norm.mod), m.rule)
        if v is not None and _ABSOLUTE.match(v):
            story.append(v)
        out.append(m)
    return out


def resolve_anaphoric(value: str, story: list[str]) -> str | None:
    """Resolve ``@rel:unit`` against the latest value in ``story`` fine enough for the unit
    (a day for "the next day", a month for "that month", any date for "that year")."""
    rel, unit = value[1:].split(":")
    need = (
        10
        if unit in ("day", "morning", "afternoon", "evening", "night", "week")
        else 7
        if unit == "month"
        else 4
    )
    ref = next((v for v in reversed(story) if len(v[:10]) >= need), None)
    if ref is None:
        return None
    step = {"following": 1, "next": 1, "previous": -1, "preceding": -1}.get(rel, 0)
    pod = lexicon()["parts_of_day"].get(unit)
    if unit in ("day", "morning", "afternoon", "evening", "night", "week"):
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", ref[:10]) or (len(ref) > 10 and ref[10] != "T"):
            return None
        d = dt.date.fromisoformat(ref[:10])
        if unit == "week":
            return iso_week(d + dt.timedelta(weeks=step))
        d += dt.timedelta(days=step)
        return d.isoformat() + (f"T{pod}" if pod else "")
    if unit == "month":
        mm = re.match(r"(\d{4})-(\d\d)(?:-\d\d)?(?:T.*)?$", ref)
        if mm is None:
            return None
        y, mo = _add_months(int(mm.group(1)), int(mm.group(2)), step)
        return f"{y:04d}-{mo:02d}"
    mm = re.match(r"(\d{4})(?:$|-)", ref)
    return f"{int(mm.group(1)) + step:04d}" if mm else None


def _n_weekend(m: re.Match[str], c: Context) -> Norm | None:
    if c.anchor is None:
        return Norm("DATE", None)
    det = _key(m["the"])
    a = c.anchor
    wd = a.isoweekday()
    if det == "that":
        return None
    if det == "last" or (det == "the" and c.tense != "FUTURE"):
        k = 0 if wd >= 6 else -1
    elif det == "next" or (det == "the" and c.tense == "FUTURE"):
        k = 0 if wd < 6 else 1
    else:
        k = 0
    return Norm("DATE", iso_week(a + dt.timedelta(weeks=k)) + "-WE")


def _n_month(m: re.Match[str], c: Context) -> Norm | None:
    mon = m["mon"]
    k = _key(mon).rstrip(".")
    if not _is_cap(mon):
        return None
    if k in lexicon()["ambiguous_months"] and not m["rel"]:
        # "May" the modal, "March" the verb, "Jan" the name: bare forms need a full name
        # in title case used as a noun; abbreviations alone are not taken
        if k in ("may", "march"):
            return Norm("DATE", "?" + k)  # checked against the parse by the stage
        if len(k) <= 3 or mon.endswith("."):
            return None
    mo = _month_num(mon)
    rel = _key(m["rel"]) if m["rel"] else None
    mod = _pmod(rel) if rel else None
    if c.anchor is None:
        return Norm("DATE", None, mod)
    a = c.anchor
    if rel in PAST_REL:
        y = a.year if mo < a.month else a.year - 1
    elif rel in FUTURE_REL:
        y = a.year if mo > a.month else a.year + 1
    elif rel in CURRENT_REL:
        y = a.year
    else:
        y, _ = resolve_month(a, mo, c.tense)
    return Norm("DATE", f"{y:04d}-{mo:02d}", mod)


def _n_weekday(m: re.Match[str], c: Context) -> Norm | None:
    if not _is_cap(m["wd"]):
        return None
    wd = _wd_num(m["wd"])
    pod = lexicon()["parts_of_day"][_key(m["pod"])] if m["pod"] else None
    if m["pl"]:
        return Norm("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""))
    if c.anchor is None:
        return Norm("TIME" if pod else "DATE", None)
    rel = _key(m["rel"]) if m["rel"] else None
    d = resolve_weekday(c.anchor, wd, c.tense, rel)
    mod = _pmod(m["pm"])
    if pod:
        return Norm("TIME", f"{d.isoformat()}T{pod}", mod)
    return Norm("DATE", d.isoformat(), mod)


def _clock(s: str) -> str | None:
    k = _key(s)
    if k in ("noon", "midday"):
        return "12:00"
    mm = re.match(r"(\w+)\s+(?:o'clock\s+)?in\s+the\s+(morning|afternoon|evening)", k)
    if mm:
        n = _num(mm.group(1))
        if not isinstance(n, float) or not 1 <= n <= 12:
            return None
        h = int(n) % 12 + (12 if mm.group(2) != "morning" else 0)
        return f"{h:02d}:00"
    if k == "midnight":
        return "24:00"
    mm = re.match(r"(\d{1,2})(?::(\d\d))?\s?([ap])?", k)
    if mm is None:
        return None
    h, mi, ap = int(mm.group(1)), int(mm.group(2) or 0), mm.group(3)
    if ap == "p" and h < 12:
        h += 12
    elif ap == "a" and h == 12:
        h = 0
    if h > 24:
        return None
    return f"{h:02d}:{mi:02d}"


def _day_of(word: str, c: Context) -> dt.date | None:
    assert c.anchor is not None
    k = _key(word)
    if k in ("today", "tonight"):
        return c.anchor
    if k == "yesterday":
        return c.anchor - dt.timedelta(days=1)
    if k == "tomorrow":
        return c.anchor + dt.timedelta(days=1)
    return resolve_weekday(c.anchor, _wd_num(word), c.tense)


def _n_clock(m: re.Match[str], c: Context) -> Norm | None:
    hm = _clock(m["clock"])
    if hm is None:
        return None
    if (
        m["day"]
        and not _is_cap(m["day"])
        and _key(m["day"]) not in ("today", "yesterday", "tomorrow", "tonight")
    ):
        return None
    md = m.groupdict().get("md")
    if md:
        if not _is_cap(m["mon"]):
            return None
        mo, day = _month_num(m["mon"]), int(re.match(r"\d+", md).group(0))  # type: ignore[union-attr]
        if m["y"]:
            d = _safe_date(int(m["y"]), mo, day)
        elif c.anchor is not None:
            d = resolve_month_day(c.anchor, mo, day, c.tense)
        else:
            return Norm("TIME", None)
        return Norm("TIME", f"{d.isoformat()}T{hm}") if d else None
    if c.anchor is None:
        return Norm("TIME", None)
    d = _day_of(m["day"], c) if m["day"] else c.anchor
    assert d is not None
    return Norm("TIME", f"{d.isoformat()}T{hm}")


def _n_dayref(m: re.Match[str], c: Context) -> Norm | None:
    k = _key(m["w"])
    if c.anchor is None:
        return Norm("TIME" if k == "tonight" else "DATE", None)
    a = c.anchor
    if k == "tonight":
        return Norm("TIME", f"{a.isoformat()}TNI")
    off = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(k)
    if off is None:
        off = -2 if "yesterday" in k else 2
    return Norm("DATE", (a + dt.timedelta(days=off)).isoformat())


def _n_dayref_pod(m: re.Match[str], c: Context) -> Norm | None:
    w = _key(m["w"])
    pod = lexicon()["parts_of_day"][_key(m["pod"])]
    if c.anchor is None:
        return Norm("TIME", None)
    a = c.anchor
    if w == "yesterday" or (w in ("last", "late last") and pod in ("NI", "EV")):
        d = a - dt.timedelta(days=1)
    elif w == "tomorrow":
        d = a + dt.timedelta(days=1)
    elif w in ("this", "early this", "early", "late"):
        d = a
    else:
        return None
    return Norm("TIME", f"{d.isoformat()}T{pod}")


def _n_rel_unit(m: re.Match[str], c: Context) -> Norm | None:
    rel = _key(m["rel"])
    unit = _key(m["unit"])
    pre = _key(m["pre"]) if m["pre"] else None
    the = bool(m["the"])
    if the and rel in ("past", "last") and not pre:
        # "the past week", "the last year": a duration up to now
        u = lexicon()["units"].get(unit.replace("fiscal ", ""))
        if u is None:
            return None
        return Norm("DURATION", duration_value(1, u))
    if rel == "following" or (the and rel in ("next", "coming")):
        u = lexicon()["units"].get(unit.replace("fiscal ", ""))
        if u is None:
            return None
        return Norm("DURATION", duration_value(1, u))
    mod = {"early": "START", "earlier": None, "later": None, "late": "END", "mid": "MID"}.get(pre or "")
    if c.anchor is None:
        return Norm("DATE", None, mod)
    a = c.anchor
    k = -1 if rel in PAST_REL else 1 if rel in ("next", "coming") else 0
    if unit == "week":
        return Norm("DATE", iso_week(a + dt.timedelta(weeks=k)), mod)
    if unit == "weekend":
        return Norm("DATE", iso_week(a + dt.timedelta(weeks=k)) + "-WE", mod)
    if unit == "month":
        y, mo = _add_months(a.year, a.month, k)
        return Norm("DATE", f"{y:04d}-{mo:02d}", mod)
    if unit == "quarter":
        i = a.year * 4 + quarter_of(a) - 1 + k
        return Norm("DATE", f"{i // 4:04d}-Q{i % 4 + 1}", mod)
    if unit in ("year", "fiscal year"):
        return Norm("DATE", f"{a.year + k:04d}", mod)
    if unit == "decade":
        return Norm("DATE", f"{a.year // 10 + k:03d}", mod)
    if unit == "century":
        return Norm("DATE", f"{a.year // 100 + k:02d}", mod)
    return None


def _unit_letter(s: str) -> str | None:
    k = _key(s)
    units = lexicon()["units"]
    if k in ("centuries",):
        return "CE"
    if k in ("millennia",):
        return "ML"
    if k in units:
        return str(units[k])
    if k.endswith("s") and k[:-1] in units:
        return str(units[k[:-1]])
    return None


def _mod(s: str | None) -> str | None:
    if not s:
        return None
    return lexicon()["mods"].get(_key(s))


def _n_rel_units(m: re.Match[str], c: Context) -> Norm | None:
    n = _num(m["n"])
    u = _unit_letter(m["unit"])
    if n is None or u is None:
        return None
    return Norm("DURATION", duration_value(n, u), _mod(m["mod"]))


def _n_ago(m: re.Match[str], c: Context) -> Norm | None:
    n = _num(m["n"])
    u = _unit_letter(m["unit"])
    if n is None or u is None:
        return None
    d = _key(m["dir"])
    sign = -1 if d in ("ago", "earlier", "before") else 1
    mod = _mod(m["mod"])
    if d == "earlier" and u not in ("Y", "Q", "M", "DE", "CE"):
        return None  # "a day earlier": the duration rule takes "a day"
    if isinstance(n, str):
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    if c.anchor is None or not float(n).is_integer():
        return Norm("DATE", None, mod)
    v = _shift(c.anchor, int(n), u, sign)
    if u in ("H", "MIN", "S"):
        return Norm("TIME", None, mod)
    return Norm("DATE", v, mod)


def _n_year_ago(m: re.Match[str], c: Context) -> Norm | None:
    if c.anchor is None:
        return Norm("DATE", None)
    u = {"year": "Y", "month": "M", "week": "W"}[_key(m["unit"])]
    return Norm("DATE", _shift(c.anchor, 1, u, -1))


def _n_duration(m: re.Match[str], c: Context) -> Norm | None:
    n = _num(m["n"])
    u = _unit_letter(m["unit"])
    if n is None or u is None:
        return None
    if "half" in _key(m.group(0)) and "and" in _key(m.group(0)) and not isinstance(n, str):
        n = n + 0.5
    unit_text = _key(m["unit"])
    plural = (unit_text.endswith("s") and unit_text not in ("hours",)) or unit_text == "hours"
    if not isinstance(n, str) and n == 1 and plural and _key(m["n"]) in ("a", "an"):
        return None
    if u == "S" and _key(m["n"]) in ("a", "an") and not m["mod"]:
        return None  # "a second" is mostly the ordinal ("a second group")
    if u == "WE" or (u == "Q" and re.search(r"\w-quarters?$", _key(m.group(0)))):
        return None
    if u == "Q" and not isinstance(n, str) and n >= 100:
        return None  # "the 1988 quarter" is a date
    if m["long"] and "old" in _key(m["long"]):
        return None  # ages ("five-year-old") are not time expressions here
    return Norm("DURATION", duration_value(n, u), _mod(m["mod"]))


def _n_unit_long(m: re.Match[str], c: Context) -> Norm | None:
    u = _unit_letter(m["unit"])
    return Norm("DURATION", duration_value("X" if m["pl"] else 1, u)) if u else None


def _n_vague_units(m: re.Match[str], c: Context) -> Norm | None:
    u = _unit_letter(m["unit"])
    if u is None:
        return None
    if u in ("DE", "CE"):
        return Norm("DURATION", "PXY")
    return Norm("DURATION", f"PTX{'M' if u == 'MIN' else u}" if u in ("H", "S", "MIN") else f"PX{u}")


def _n_quarter(m: re.Match[str], c: Context) -> Norm | None:
    lex = lexicon()
    o = _key(m["ord"])
    what = _key(m["what"])
    if what == "period" and o not in ("latest",):
        return None
    if what == "half":
        h = 1 if o in ("first", "1st") else 2 if o in ("second", "2nd", "final", "last") else None
        if h is None:
            return None
    y = m["y"] or m["y2"] or m["yp"]
    det = _key(m["det"]) if m["det"] else ""
    if what == "half":
        q = h
    elif o in ("final", "last") and what == "quarter":
        q = 4
    elif o == "latest":
        q = 0
    else:
        q = lex["ordinals"].get(o)
        if q is None:
            return None
    if y:
        year = int(y)
    elif c.anchor is None:
        return Norm("DATE", None)
    elif det.startswith("this year"):
        year = c.anchor.year
    elif det.startswith("last year"):
        year = c.anchor.year - 1
    elif det.startswith("next year"):
        year = c.anchor.year + 1
    elif what == "half":
        year = c.anchor.year if (h == 1 or c.anchor.month > 6 or c.tense == "FUTURE") else c.anchor.year - 1
    elif q == 0:
        i = c.anchor.year * 4 + quarter_of(c.anchor) - 2
        return Norm("DATE", f"{i // 4:04d}-Q{i % 4 + 1}")
    else:
        year, q = resolve_quarter(c.anchor, q, c.tense)
    if what == "half":
        return Norm("DATE", f"{year:04d}-H{h}")
    if q == 0:
        return None
    return Norm("DATE", f"{year:04d}-Q{q}")


def _n_the_quarter(m: re.Match[str], c: Context) -> Norm | None:
    if c.anchor is None:
        return Norm("DATE", None)
    adj = _key(m["adj"]) if m["adj"] else ""
    i = c.anchor.year * 4 + quarter_of(c.anchor) - 1
    first_month = (c.anchor.month - 1) % 3 == 0
    if adj == "current" or _key(m["det"]) == "this":
        pass
    elif adj in ("latest", "most recent", "recent", "just-ended", "past") or first_month:
        # early in a quarter, "the quarter" is the one just reported
        i -= 1
    elif c.tense != "FUTURE":
        i -= 1
    return Norm("DATE", f"{i // 4:04d}-Q{i % 4 + 1}")


def _n_season(m: re.Match[str], c: Context) -> Norm | None:
    s = lexicon()["seasons"][_key(m["s"])]
    rel = _key(m["rel"]) if m["rel"] else None
    if _key(m["s"]) == "fall" and not (rel or m["the"] or m["y"]):
        return None  # "fall" the verb
    mod = _pmod(rel) if rel in ("early", "late", "mid") else None
    if rel in ("early", "late", "mid"):
        rel = None
    if m["y"]:
        return Norm("DATE", f"{int(m['y']):04d}-{s}", mod)
    if c.anchor is None:
        return Norm("DATE", None, mod)
    return Norm("DATE", resolve_season(c.anchor, s, c.tense, rel), mod)


def _n_year(m: re.Match[str], c: Context) -> Norm | None:
    pm = _key(m["pm"]) if m["pm"] else ""
    mod = _pmod(pm) if pm and not pm.startswith(("fiscal", "calendar", "fy", "model", "the year")) else None
    return Norm("DATE", m["y"], mod)


def _n_decade(m: re.Match[str], c: Context) -> Norm | None:
    mod = _pmod(m["pm"])
    if m["w"]:
        d = lexicon()["decade_words"][_key(m["w"])]
        cent = "19"
        if c.anchor is not None and c.anchor.year >= 2030:
            cent = "20"
        return Norm("DATE", f"{cent}{d}", mod)
    if m["d2"]:
        d = int(m["d2"])
        cent = "19" if c.anchor is None or 2000 + d * 10 > c.anchor.year else "20"
        return Norm("DATE", f"{cent}{d}", mod)
    if not m["c"]:
        return None
    return Norm("DATE", f"{m['c']}{m['d']}", mod)


def _n_century(m: re.Match[str], c: Context) -> Norm | None:
    k = _key(m["n"])
    words = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}
    n = words.get(k) or int(re.match(r"\d+", k).group(0))  # type: ignore[union-attr]
    return Norm("DATE", f"{n - 1:02d}")


def _n_ref(m: re.Match[str], c: Context) -> Norm | None:
    k = _key(m["w"])
    lex = lexicon()
    if k in lex["present_ref"]:
        return Norm("DATE", "PRESENT_REF")
    if k in lex["past_ref"]:
        return Norm("DATE", "PAST_REF")
    return Norm("DATE", "FUTURE_REF")


def _n_set_adverb(m: re.Match[str], c: Context) -> Norm | None:
    return Norm("SET", lexicon()["set_adverbs"][_key(m["w"])])


def _n_set(m: re.Match[str], c: Context) -> Norm | None:
    q = _key(m["q"])
    n: float | str = 1.0
    if m["n"]:
        nn = _num(m["n"])
        if nn is None or isinstance(nn, str):
            return None
        n = nn
    if m["wd"]:
        return Norm("SET", f"XXXX-WXX-{_wd_num(m['wd'])}")
    if m["mon"]:
        if not _is_cap(m["mon"]):
            return None
        return Norm("SET", f"XXXX-{_month_num(m['mon']):02d}")
    if m["s"]:
        return Norm("SET", f"XXXX-{lexicon()['seasons'][_key(m['s'])]}")
    if m["pod"]:
        return Norm("SET", f"TXX{lexicon()['parts_of_day'][_key(m['pod'])]}".replace("TXX", "XXXX-XX-XXT"))
    u = _unit_letter(m["unit"]) if m["unit"] else None
    if u is None or u == "WE":
        return None
    if q == "per" and m["n"]:
        return None
    return Norm("SET", duration_value(n, u))


def _n_rate_set(m: re.Match[str], c: Context) -> Norm | None:
    """ "$5 a day", "twice a year": a rate, which TimeML marks as a set."""
    u = _unit_letter(m["unit"])
    if u is None:
        return None
    return Norm("SET", "P1Q" if u == "Q" else duration_value(1, u))


def _n_holiday(m: re.Match[str], c: Context) -> Norm | None:
    w = m["w"]
    if not _is_cap(w):
        return None
    md = lexicon()["holidays"][_key(w)]
    mo, d = int(md[:2]), int(md[3:])
    if c.anchor is None:
        return Norm("DATE", None)
    date = resolve_month_day(c.anchor, mo, d, c.tense)
    return Norm("DATE", date.isoformat() if date else None)


# --------------------------------------------------------------------------- matching


def candidates(
    text: str,
    anchor: dt.date | None,
    tense_at: Callable[[int, int], Tense] | None = None,
    offset: int = 0,
    check: Callable[[Match, Tense], Match | None] | None = None,
) -> list[Match]:
    """Every rule match in ``text`` with its normalisation (overlapping; see ``select``).

    ``tense_at(start, end)`` gives the tense governing a span (offsets include ``offset``);
    ``check(match, tense)`` may veto or revise a match using the parse (see the stage).
    Bare "May"/"March" come out with the value ``"?may"``/``"?march"``: ``check`` decides
    whether they are month names; without one they are dropped.
    """
    out: list[Match] = []
    gated: dict[re.Pattern[str], bool] = {}
    low = text.lower() if text.isascii() else None
    for (name, rx, fn), gates in gated_grammar():
        skip = False
        for g, hints in gates:
            hit = gated.get(g)
            if hit is None:
                if low is not None and hints is not None and not any(h in low for h in hints):
                    hit = False  # none of the words every match of the gate holds
                else:
                    hit = g.search(text) is not None
                gated[g] = hit
            if not hit:
                skip = True
                break
        if skip:
            continue  # the text holds no part every match of the rule needs
        for m in rx.finditer(text):
            s, e = m.span()
            if s == e:
                continue
            tense = tense_at(offset + s, offset + e) if tense_at is not None else None
            norm = fn(m, Context(anchor, tense))
            if norm is None:
                continue
            s, e = _trim(text, s, e)
            match: Match | None = Match(offset + s, offset + e, norm, name)
            if check is not None:
                match = check(match, tense)  # type: ignore[arg-type]
            elif (norm.value or "").startswith("?"):
                match = None
            if match is not None:
                out.append(match)
    return out


#: words ``normalise`` ignores before an expression: prepositions and words the grammar
#: leaves out of spans ("earlier this month" -> "this month")
_LEADING = re.compile(
    r"^(?:(?:on|in|at(?!\s+(?:least|most)\b)|during|since|by|until|from|earlier|later|right|just|its|their)\s+)+",
    re.IGNORECASE,
)
_LEAD_DET = re.compile(r"(?i)(?:its|their|his|her|our|the)\s+(?=\S+-\S+$)|(?:its|their|his|her|our)\s+")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Leave a possessive, or "the" before a hyphenated modifier ("the two-week"), out of the span."""
    m = _LEAD_DET.match(text, s, e)
    if m is not None and m.end() < e:
        return m.end(), e
    return s, e


def resolve_bare_month(match: Match, anchor: dt.date | None, tense: Tense) -> Match:
    """Give a bare "May"/"March" (value ``?may``) its month value once it is known to be a month."""
    k = (match.norm.value or "?")[1:]
    if anchor is None:
        return Match(match.start, match.end, Norm("DATE", None), match.rule)
    y, mo = resolve_month(anchor, _month_num(k), tense)
    return Match(match.start, match.end, Norm("DATE", f"{y:04d}-{mo:02d}"), match.rule)


def select(cands: list[Match]) -> list[Match]:
    """The longest non-overlapping matches, in text order (earlier start wins ties)."""
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda x: (-(x.end - x.start), x.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda x: x.start)


def find(
    text: str, anchor: dt.date | None, tense_at: Callable[[int, int], Tense] | None = None
) -> list[Match]:
    """Time expressions in ``text`` (no parse: tense unknown unless ``tense_at`` gives it)."""
    return resolve_story(select(candidates(text, anchor, tense_at)), [])


def normalise(
    text: str, anchor: dt.date | None, tense: Tense = None
) -> tuple[str, str | None, str | None] | None:
    """Normalise one time expression to ``(type, value, mod)``.

    ``anchor`` is the reference date (an article's date), ``tense`` the tense of the clause
    the expression governs ("PAST", "PRESENT", "FUTURE" or None).  Returns None when the
    text is not a time expression this grammar knows.  The expression must make up the whole
    of ``text`` (surrounding whitespace and a leading "on"/"in"/"at" are ignored)::

        >>> normalise("Monday", dt.date(2025, 5, 20), "PAST")
        ('DATE', '2025-05-19', None)
        >>> normalise("more than two hours", dt.date(2025, 5, 20))
        ('DURATION', 'PT2H', 'MORE_THAN')
    """
    t = text.strip()
    t = _LEADING.sub("", t)

    def _bare(m: Match, tn: Tense) -> Match:
        return resolve_bare_month(m, anchor, tn) if (m.norm.value or "").startswith("?") else m

    cands = [
        c for c in candidates(t, anchor, lambda s, e: tense, check=_bare) if c.start == 0 and c.end == len(t)
    ]
    if not cands:
        return None
    n = cands[0].norm
    value = None if (n.value or "").startswith("@") else n.value
    return (n.type, value, n.mod)
