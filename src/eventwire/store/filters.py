"""One event filter for the API, the dashboard and the ``events``/``timeline`` commands.

``EventQuery.parse(pairs)`` reads query parameters (repeated ones keep every value) and
validates them once; a wrong value raises ``FilterError`` with a sentence a person can act on
("dyad must be two actor codes joined by '-', e.g. USA-IRN; got 'USA-IRN-RUS'").

Meaning of the filters (all of them hold together, on one *mention* of a deduplicated event):

- ``actor``/``recipient``: an actor code with or without a sector ("USA", "USA GOV") or a
  Wikidata id ("Q30"), matched exactly, never as part of a name.  A code without a sector
  matches every sector unless ``sector_exact`` is set (then only participants without one:
  the network's "USA" node).  Repeated values: any of them.
- ``dyad``: two sides joined by '-' (or ':'), each like ``actor`` or ``anyone``; undirected
  unless ``directed``.
- ``status``: real (asserted), future, hypothetical, negated: derived from the mode
  (``future``, ``hypothetical``, ``negated``/``negation``).  Default: real only.
- ``min_confidence``: the mention's confidence; default ``DEFAULT_MIN_CONFIDENCE``.
- ``mode``/``exclude_mode``: modes that must / must not be there (``mode=-phone`` excludes too).
- ``type``, ``quad``, ``from``/``to`` (``since``/``until``), ``place`` (ISO country code,
  alpha-3 like actor codes or alpha-2, or a place name matched whole), ``source`` (exact),
  ``text`` (words in the event text), ``q`` (part of a participant's name or text).

Every user value reaches DuckDB as a ``?`` parameter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from ..events.threshold import DEFAULT_MIN_CONFIDENCE
from ..model import PLOVER_EVENTS

STATUSES = ("real", "future", "hypothetical", "negated")
#: the modes that make a mention not real, by status
STATUS_MODES: dict[str, tuple[str, ...]] = {
    "future": ("future",),
    "hypothetical": ("hypothetical",),
    "negated": ("negated", "negation"),
}
_NOT_REAL = [m for ms in STATUS_MODES.values() for m in ms]
ANYONE = frozenset({"*", "any", "anyone"})
SORTS: dict[str, str] = {
    "date": "e.day NULLS LAST, e.id",
    "-date": "e.day DESC NULLS LAST, e.id",
    "goldstein": "e.goldstein NULLS LAST, e.day, e.id",
    "-goldstein": "e.goldstein DESC NULLS LAST, e.day, e.id",
    "confidence": "m.confidence NULLS LAST, e.day, e.id",
    "-confidence": "m.confidence DESC NULLS LAST, e.day, e.id",
    "mentions": "e.num_mentions, e.day, e.id",
    "-mentions": "e.num_mentions DESC, e.day NULLS LAST, e.id",
    "type": "e.event, e.day, e.id",
    "-type": "e.event DESC, e.day, e.id",
}
SORTS["day"] = SORTS["date"]
SORTS["-day"] = SORTS["-date"]

_CODE = re.compile(r"^[A-Za-z]{3}$")
_QID = re.compile(r"^[Qq][0-9]+$")
#: parameter names the filter reads (others are left to the endpoint)
PARAMS = (
    "type", "quad", "actor", "recipient", "dyad", "directed", "sector_exact", "mode", "exclude_mode",
    "status", "min_confidence", "from", "to", "since", "until", "place", "source", "text", "q",
)  # fmt: skip


class FilterError(ValueError):
    """A filter value that cannot be used; the message is a sentence for a person."""


@dataclass(frozen=True)
class Side:
    """An actor as a filter names it: a code with an optional sector, or a Wikidata id."""

    code: str | None = None
    sector: str | None = None
    wikidata_id: str | None = None
    #: a resolved name, matched whole (``name:Sergey Lavrov``; the network's names without a Wikidata id)
    name: str | None = None

    @classmethod
    def parse(cls, value: str, what: str = "actor") -> Side:
        v = value.strip()
        if v.lower().startswith("name:") and v[5:].strip():
            return cls(name=v[5:].strip())
        if _QID.match(v):
            return cls(wikidata_id=v.upper())
        parts = v.split()
        if 1 <= len(parts) <= 2 and all(_CODE.match(p) for p in parts):
            return cls(parts[0].upper(), parts[1].upper() if len(parts) == 2 else None)
        raise FilterError(
            f"{what} must be an actor code with an optional sector (USA, USA GOV), a Wikidata id (Q30) "
            f"or name:<a whole name>; got {value!r}. To search part of a name use q={value.strip()!r}"
        )

    def __str__(self) -> str:
        if self.name:
            return f"name:{self.name}"
        return self.wikidata_id or " ".join(x for x in (self.code, self.sector) if x)

    def sql(self, p: str, sector_exact: bool) -> tuple[str, list[Any]]:
        """A condition on the participant alias ``p``."""
        if self.name:
            return f"lower({p}.name) = lower(?)", [self.name]
        if self.wikidata_id:
            return f"upper({p}.wikidata_id) = ?", [self.wikidata_id]
        if self.sector:
            return f"(upper({p}.code) = ? AND upper({p}.sector) = ?)", [self.code, self.sector]
        if sector_exact:
            return f"(upper({p}.code) = ? AND {p}.sector IS NULL)", [self.code]
        return f"upper({p}.code) = ?", [self.code]


def parse_dyad(value: str) -> tuple[Side | None, Side | None]:
    """``"USA-IRN"`` (or ``"USA GOV:IRN"``, ``"name:Jean-Marie Le Pen:anyone"``) -> two sides;
    ``anyone``/``*`` is None.  A ':' splits the sides when there is one (other than a
    ``name:`` prefix), else a '-'."""
    parts = [x.strip() for x in re.split(r"(?<![Nn][Aa][Mm][Ee]):", value)]
    if len(parts) == 1:
        parts = [x.strip() for x in value.split("-")]
    if len(parts) != 2 or not all(parts):
        raise FilterError(
            f"dyad must be two actor codes joined by '-', e.g. USA-IRN (or anyone-IRN); got {value!r}"
        )
    return tuple(None if p.lower() in ANYONE else Side.parse(p, "each side of the dyad") for p in parts)  # type: ignore[return-value]


def _date(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FilterError(f"{name} must be a date like 2020-01-31; got {value!r}") from None


def _bool(value: str, name: str) -> bool:
    v = value.strip().lower()
    if v in ("1", "true", "yes", "on"):
        return True
    if v in ("", "0", "false", "no", "off"):
        return False
    raise FilterError(f"{name} must be true or false; got {value!r}")


def country_alpha2(value: str) -> str | None:
    """ISO alpha-2 of a country given as alpha-3 (as actor codes) or alpha-2; None if not one."""
    import pycountry

    v = value.strip().upper()
    c = pycountry.countries.get(alpha_3=v) if len(v) == 3 else pycountry.countries.get(alpha_2=v)
    return c.alpha_2 if c else None


def country_alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    import pycountry

    c = pycountry.countries.get(alpha_2=alpha2.upper())
    return c.alpha_3 if c else None


def _split(values: Iterable[str]) -> list[str]:
    return [x.strip() for v in values for x in v.split(",") if x.strip()]


@dataclass(frozen=True)
class EventQuery:
    """The validated filter; ``where()`` gives the SQL condition on ``events e``."""

    types: tuple[str, ...] = ()
    quads: tuple[int, ...] = ()
    actors: tuple[Side, ...] = ()
    recipients: tuple[Side, ...] = ()
    dyad: tuple[Side | None, Side | None] | None = None
    directed: bool = False
    sector_exact: bool = False
    modes: tuple[str, ...] = ()
    exclude_modes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ("real",)
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    since: dt.date | None = None
    until: dt.date | None = None
    places: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    text: str | None = None
    q: str | None = None

    # ------------------------------------------------------------------ parsing

    @classmethod
    def parse(cls, pairs: Iterable[tuple[str, str]] | Mapping[str, Any]) -> EventQuery:
        """From query parameters: ``(name, value)`` pairs or a mapping of names to a value or a list."""
        got: dict[str, list[str]] = {}
        items = pairs.items() if isinstance(pairs, Mapping) else pairs
        for k, v in items:
            vals = v if isinstance(v, list | tuple) else [v]
            got.setdefault(k, []).extend(str(x) for x in vals if x is not None)
        one = {k: v[-1] for k, v in got.items() if v}
        kw: dict[str, Any] = {}
        types = [t.upper() for t in _split(got.get("type", []))]
        bad = [t for t in types if t not in PLOVER_EVENTS]
        if bad:
            raise FilterError(
                f"unknown event type {', '.join(bad)}; PLOVER types are {', '.join(PLOVER_EVENTS)}"
            )
        kw["types"] = tuple(dict.fromkeys(types))
        quads = _split(got.get("quad", []))
        if any(x not in ("1", "2", "3", "4") for x in quads):
            raise FilterError(f"quad must be 1, 2, 3 or 4 (the PLOVER quad classes); got {', '.join(quads)}")
        kw["quads"] = tuple(sorted({int(x) for x in quads}))
        kw["actors"] = tuple(Side.parse(v, "actor") for v in got.get("actor", []) if v.strip())
        kw["recipients"] = tuple(Side.parse(v, "recipient") for v in got.get("recipient", []) if v.strip())
        dyads = got.get("dyad", [])
        if len(dyads) > 1:
            raise FilterError(f"give one dyad, not {len(dyads)} ({', '.join(dyads)})")
        if dyads:
            d = parse_dyad(dyads[0])
            kw["dyad"] = None if d == (None, None) else d
        kw["directed"] = _bool(one.get("directed", ""), "directed")
        kw["sector_exact"] = _bool(one.get("sector_exact", ""), "sector_exact")
        modes = [m.lower() for m in _split(got.get("mode", []))]
        kw["modes"] = tuple(m for m in modes if not m.startswith("-"))
        kw["exclude_modes"] = tuple(
            [m[1:] for m in modes if m.startswith("-")]
            + [m.lower() for m in _split(got.get("exclude_mode", []))]
        )
        sts = [s.lower() for s in _split(got.get("status", []))]
        if "all" in sts:
            sts = list(STATUSES)
        bad = [s for s in sts if s not in STATUSES]
        if bad:
            raise FilterError(
                f"status must be real, future, hypothetical, negated or all; got {', '.join(bad)}"
            )
        if sts:
            kw["statuses"] = tuple(s for s in STATUSES if s in sts)
        if one.get("min_confidence", "").strip():
            try:
                mc = float(one["min_confidence"])
            except ValueError:
                mc = -1.0
            if not 0.0 <= mc <= 1.0:
                raise FilterError(
                    f"min_confidence must be a number from 0 to 1; got {one['min_confidence']!r}"
                )
            kw["min_confidence"] = mc
        for key, alias in (("since", "from"), ("until", "to")):
            v = one.get(alias) or one.get(key)
            if v and v.strip():
                kw[key] = _date(v, alias)
        if kw.get("since") and kw.get("until") and kw["since"] > kw["until"]:
            raise FilterError(f"from ({kw['since']}) is after to ({kw['until']})")
        places = []
        for p in _split(got.get("place", [])):
            if len(p) in (2, 3) and p.isalpha():
                a2 = country_alpha2(p)
                if a2 is None:
                    raise FilterError(
                        f"place {p!r} is not an ISO country code (like USA or US) nor a place name"
                    )
                places.append(a2)
            else:
                places.append(p)
        kw["places"] = tuple(places)
        kw["sources"] = tuple(s for s in got.get("source", []) if s.strip())
        for key in ("text", "q"):
            if one.get(key, "").strip():
                kw[key] = one[key].strip()
        return cls(**kw)

    def replace(self, **changes: Any) -> EventQuery:
        return replace(self, **changes)

    @property
    def hides_some(self) -> bool:
        """Whether some statuses or low-confidence events are left out."""
        return self.statuses != STATUSES or self.min_confidence > 0

    # ------------------------------------------------------------------ describing

    def params(self) -> dict[str, Any]:
        """The filter as query parameters (lists for repeatable ones); what exports record."""
        out: dict[str, Any] = {}
        if self.types:
            out["type"] = list(self.types)
        if self.quads:
            out["quad"] = list(self.quads)
        if self.actors:
            out["actor"] = [str(a) for a in self.actors]
        if self.recipients:
            out["recipient"] = [str(a) for a in self.recipients]
        if self.dyad:
            out["dyad"] = "-".join(str(s) if s else "anyone" for s in self.dyad)
        if self.directed:
            out["directed"] = True
        if self.sector_exact:
            out["sector_exact"] = True
        if self.modes:
            out["mode"] = list(self.modes)
        if self.exclude_modes:
            out["exclude_mode"] = list(self.exclude_modes)
        out["status"] = list(self.statuses)
        out["min_confidence"] = self.min_confidence
        if self.since:
            out["from"] = self.since.isoformat()
        if self.until:
            out["to"] = self.until.isoformat()
        for key, val in (("place", self.places), ("source", self.sources)):
            if val:
                out[key] = list(val)
        for key in ("text", "q"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out

    def describe(self) -> str:
        """One line: ``type=ASSAULT&status=real&...`` (what a CSV export's first line records)."""
        from urllib.parse import urlencode

        return urlencode(self.params(), doseq=True)

    # ------------------------------------------------------------------ SQL

    def mention_conds(self, m: str = "m2") -> tuple[list[str], list[Any]]:
        """Conditions on one mention (alias ``m``) of the event."""
        conds: list[str] = []
        params: list[Any] = []

        def parts(side: str | None, sides: tuple[Side, ...]) -> None:
            ors, ps = [], []
            for s in sides:
                c, p = s.sql("p", self.sector_exact)
                ors.append(c)
                ps += p
            on_side = "" if side is None else f"AND p.side = '{side}' "
            conds.append(
                f"EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id = {m}.article_id "
                f"AND p.event_idx = {m}.idx {on_side}AND ({' OR '.join(ors)}))"
            )
            params.extend(ps)

        if self.actors:
            parts("actor", self.actors)
        if self.recipients:
            parts("recipient", self.recipients)
        if self.dyad:
            a, b = self.dyad
            if self.directed:
                if a:
                    parts("actor", (a,))
                if b:
                    parts("recipient", (b,))
            elif a and b:
                ca, pa = a.sql("p1", self.sector_exact)
                cb, pb = b.sql("p2", self.sector_exact)
                conds.append(
                    "EXISTS (SELECT 1 FROM event_participants p1 JOIN event_participants p2 "
                    "ON p1.article_id = p2.article_id AND p1.event_idx = p2.event_idx "
                    "AND NOT (p1.side = p2.side AND p1.pos = p2.pos) "
                    f"WHERE p1.article_id = {m}.article_id AND p1.event_idx = {m}.idx AND {ca} AND {cb})"
                )
                params += pa + pb
            else:
                parts(None, tuple(x for x in (a, b) if x))
        if set(self.statuses) != set(STATUSES):
            ors = []
            if "real" in self.statuses:
                ors.append(f"NOT list_has_any(coalesce({m}.mode, []), ?::VARCHAR[])")
                params.append(_NOT_REAL)
            for st in self.statuses:
                if st != "real":
                    ors.append(f"list_has_any(coalesce({m}.mode, []), ?::VARCHAR[])")
                    params.append(list(STATUS_MODES[st]))
            conds.append("(" + (" OR ".join(ors) or "FALSE") + ")")
        if self.min_confidence > 0:
            conds.append(f"coalesce({m}.confidence, 0) >= ?")
            params.append(self.min_confidence)
        for mode in self.modes:
            conds.append(f"list_contains({m}.mode, ?)")
            params.append(mode)
        if self.exclude_modes:
            conds.append(f"NOT list_has_any(coalesce({m}.mode, []), ?::VARCHAR[])")
            params.append(list(self.exclude_modes))
        if self.places:
            ors = []
            for p in self.places:
                if len(p) == 2 and p.isalpha() and p.isupper():
                    ors.append(f"upper({m}.loc_country_code) = ?")
                    params.append(p)
                else:
                    ors.append(
                        f"(lower({m}.loc_name) = lower(?) OR lower({m}.loc_text) = lower(?) "
                        f"OR lower({m}.loc_admin1) = lower(?))"
                    )
                    params += [p, p, p]
            conds.append("(" + " OR ".join(ors) + ")")
        if self.sources:
            conds.append(
                f"EXISTS (SELECT 1 FROM articles a2 WHERE a2.id = {m}.article_id "
                "AND lower(a2.source) IN (SELECT lower(unnest(?::VARCHAR[]))))"
            )
            params.append(list(self.sources))
        if self.text:
            conds.append(f"contains(lower({m}.event_text), lower(?))")
            params.append(self.text)
        if self.q:
            conds.append(
                f"EXISTS (SELECT 1 FROM event_participants pq WHERE pq.article_id = {m}.article_id "
                f"AND pq.event_idx = {m}.idx AND (contains(lower(pq.name), lower(?)) "
                "OR contains(lower(pq.entity_text), lower(?))))"
            )
            params += [self.q, self.q]
        return conds, params

    def event_conds(self, e: str = "e") -> tuple[list[str], list[Any]]:
        """Conditions on the deduplicated event itself (type, quad class, day)."""
        conds: list[str] = []
        params: list[Any] = []
        if self.types:
            conds.append(f"{e}.event IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.types))
        if self.quads:
            conds.append(f"{e}.quad_code IN (SELECT unnest(?::INTEGER[]))")
            params.append(list(self.quads))
        if self.since:
            conds.append(f"{e}.day >= ?")
            params.append(self.since)
        if self.until:
            conds.append(f"{e}.day <= ?")
            params.append(self.until)
        return conds, params

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on ``events e``: the event's own conditions, and one mention
        (``m2``) meeting every mention condition."""
        conds, params = self.event_conds()
        mconds, mparams = self.mention_conds("m2")
        if mconds:
            conds.append(
                "EXISTS (SELECT 1 FROM event_mentions m2 WHERE m2.cluster_id = e.id AND "
                + " AND ".join(mconds)
                + ")"
            )
            params += mparams
        return (" AND ".join(conds) or "TRUE"), params


QUERY_FIELDS = tuple(f.name for f in fields(EventQuery) if not f.name.startswith("_"))
