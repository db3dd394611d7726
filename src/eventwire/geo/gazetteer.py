"""The offline gazetteer: GeoNames places, divisions, countries and regions, loaded once per process.

The data file ``data/geo/gazetteer.tsv.gz`` is built by ``scripts/build_gazetteer.py`` (see
``data/geo/SOURCE.md``).  Records are held in flat columns; ``lookup(key)`` gives the rows
whose primary or alternate name normalises to ``key``.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from sys import intern
from typing import Any

DATA = Path(__file__).resolve().parents[1] / "data" / "geo"
_PUNCT = re.compile(r"[\u2019\u2018`´]")
_SEP = re.compile(r"[\s\-\u2010-\u2015_]+")
_DROP = re.compile(r"[.\"]")


@lru_cache(maxsize=1 << 16)
def norm(name: str) -> str:
    """Matching key: accents stripped, lower case, hyphens as spaces, no leading "the"."""
    s = name
    if not s.isascii():  # NFKD and the combining marks leave ASCII unchanged
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _PUNCT.sub("'", s)
    s = _DROP.sub("", s)
    s = _SEP.sub(" ", s).strip().lower()
    if s.startswith("the "):
        s = s[4:]
    if s.endswith("'s"):
        s = s[:-2]
    return s.rstrip("'").strip()


_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|ash|at|az|ez|es|et|en|ul|ur|um)\s+")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")


def loose(key: str) -> str:
    """A looser key for transliteration variants: "Ar Raqqa" and "Ar Raqqah" -> "raqa".

    Drops Arabic article prefixes and a word-final "h" after a vowel, folds "ou" to "u", "ee" to
    "i", "q" to "k" and doubled letters.  Used only when the exact key finds nothing.  Spaces
    are kept ("Madras A" is not "Madrassa").
    """
    k = _ARTICLE.sub("", key)
    k = k.replace("'", "").replace("ou", "u").replace("ee", "i").replace("q", "k")
    k = _FINAL_H.sub("", k)
    k = _DOUBLE.sub(r"\1", k)
    return k.strip()


@dataclass(frozen=True, slots=True)
class Record:
    row: int
    id: int
    name: str
    cc: str
    admin1: str
    admin2: str
    lat: float
    lon: float
    feature: str
    population: int

    @property
    def geonameid(self) -> int | None:
        """The GeoNames id, None for build-local records (divisions, hand-written regions)."""
        return self.id if self.id > 0 else None


class Gazetteer:
    """Flat columns and a name index.  Build with :func:`gazetteer` (cached)."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.ids = array("q")
        self.names: list[str] = []
        self.cc: list[str] = []
        self.admin1: list[str] = []
        self.admin2: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.feature: list[str] = []
        self.population = array("q")
        #: key -> row, or a tuple of rows; a negative row number marks an alternate-name match (-(row+1))
        self.index: dict[str, int | tuple[int, ...]] = {}
        #: loose key -> row(s) of places of 1,000+ people and divisions (primary names only)
        self.loose_index: dict[str, int | tuple[int, ...]] = {}
        self.max_words = 1
        idx = self.index
        lidx = self.loose_index
        for i, line in enumerate(lines):
            f = line.rstrip("\n").split("\t")
            self.ids.append(int(f[0]))
            self.names.append(f[1])
            self.cc.append(intern(f[2]))
            self.admin1.append(intern(f[3]))
            self.admin2.append(intern(f[4]))
            self.lat.append(float(f[5]))
            self.lon.append(float(f[6]))
            self.feature.append(intern(f[7]))
            self.population.append(int(f[8]))
            v = i
            for k in f[10].split("|"):
                old = idx.get(k)
                if old is None:
                    idx[k] = v
                elif isinstance(old, int):
                    idx[k] = (old, v)
                else:
                    idx[k] = (*old, v)
                v = -(i + 1)
            lk = f[11]
            if lk:
                old = lidx.get(lk)
                lidx[lk] = i if old is None else ((old, i) if isinstance(old, int) else (*old, i))
        for k in idx:
            w = k.count(" ") + 1
            if w > self.max_words:
                self.max_words = w
        self.max_words = min(self.max_words, 8)
        self.country_row = {
            c: i for i, (c, f) in enumerate(zip(self.cc, self.feature, strict=True)) if f == "PCLI"
        }

    def record(self, row: int) -> Record:
        return Record(
            row,
            self.ids[row],
            self.names[row],
            self.cc[row],
            self.admin1[row],
            self.admin2[row],
            self.lat[row],
            self.lon[row],
            self.feature[row],
            self.population[row],
        )

    def lookup(self, key: str) -> list[tuple[Record, bool]]:
        """Records named ``key`` (already normalised), each with True when the primary name matched."""
        out = []
        got = self.index.get(key, ())
        for r in (got,) if isinstance(got, int) else got:
            if r >= 0:
                out.append((self.record(r), True))
            else:
                out.append((self.record(-r - 1), False))
        return out

    def lookup_loose(self, key: str) -> list[tuple[Record, bool]]:
        """Records whose primary name matches ``key`` loosely (see :func:`loose`), as alternate matches."""
        lk = loose(key)
        if len(lk) < 4:
            return []
        got = self.loose_index.get(lk, ())
        return [(self.record(r), False) for r in ((got,) if isinstance(got, int) else got)]

    def __len__(self) -> int:
        return len(self.ids)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use, a few seconds)."""
    with gzip.open(DATA / "gazetteer.tsv.gz", "rt", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[-2:] != ["keys", "loose"]:
            raise RuntimeError("gazetteer.tsv.gz is out of date: rebuild it with scripts/build_gazetteer.py")
        return Gazetteer(ln for ln in f if ln.strip())


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / "lexicon.json").read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """One-word gazetteer names that are also English words (built with the gazetteer)."""
    text = (DATA / "common_words.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
