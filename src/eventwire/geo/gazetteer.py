"""The offline gazetteer: GeoNames places, divisions, countries and regions, loaded once per process.

The data file ``data/geo/gazetteer.tsv.gz`` is built by ``scripts/build_gazetteer.py`` (see
``data/geo/SOURCE.md``).  ``lookup(key)`` gives the rows whose primary or alternate name
normalises to ``key``.

Loading: parsing the TSV takes seconds, so the process-wide ``gazetteer()`` reads a
*compact* form instead: one binary file of flat arrays (records as columns, string blobs
with offsets, a hash table of the matching keys) that is memory-mapped, so opening it costs
milliseconds and only the pages a lookup touches are read.  The compact file is derived
from the TSV (named by a hash of it) and kept in a cache directory (``EVENTWIRE_CACHE``,
else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``); the first process that
finds none builds it (the seconds of the TSV parse, once), and
``scripts/build_gazetteer.py`` builds it with the TSV.  ``TsvGazetteer`` is the TSV parse
itself (the reference that the compact form is built from and tested against).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import math
import mmap
import os
import re
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from sys import intern
from typing import Any

from ..cache import cache_dir, write_atomic

log = logging.getLogger(__name__)

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


class TsvGazetteer:
    """Flat columns and a name index, parsed from the TSV lines (seconds).  The reference for
    :class:`Gazetteer`, which is built from it."""

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


def read_tsv(path: Path | None = None) -> TsvGazetteer:
    """Parse the TSV (a few seconds)."""
    with gzip.open(path or DATA / "gazetteer.tsv.gz", "rt", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header[-2:] != ["keys", "loose"]:
            raise RuntimeError("gazetteer.tsv.gz is out of date: rebuild it with scripts/build_gazetteer.py")
        return TsvGazetteer(ln for ln in f if ln.strip())


# --------------------------------------------------------------------------- the compact form

#: bump when the layout of the compact file changes
COMPACT_FORMAT = 1
_MAGIC = b"EWGAZ001"
_EMPTY = 0xFFFFFFFF


def _hash(key: bytes) -> int:
    return zlib.crc32(key)


def _key_table(index: dict[str, int | tuple[int, ...]]) -> dict[str, array]:
    """Arrays of one name index: keys (blob + offsets), their rows (values + offsets) and an
    open-addressing hash table (``slots``: key number, or empty) sized to a power of two."""
    keys = list(index)
    blob = bytearray()
    koff = array("I", [0])
    vals = array("i")
    voff = array("I", [0])
    for k in keys:
        blob += k.encode("utf-8")
        koff.append(len(blob))
        v = index[k]
        vals.extend((v,) if isinstance(v, int) else v)
        voff.append(len(vals))
    size = 1
    while size < 2 * max(1, len(keys)):
        size *= 2
    slots = array("I", [_EMPTY]) * size
    mask = size - 1
    for n, k in enumerate(keys):
        h = _hash(k.encode("utf-8")) & mask
        while slots[h] != _EMPTY:
            h = (h + 1) & mask
        slots[h] = n
    return {"blob": array("B", bytes(blob)), "koff": koff, "vals": vals, "voff": voff, "slots": slots}


def compact_bytes(g: TsvGazetteer) -> bytes:
    """The compact file for ``g``: magic, header length, a JSON header, 8-byte aligned arrays."""
    vocab: dict[str, list[str]] = {}
    arrays: dict[str, array] = {
        "ids": g.ids,
        "lat": g.lat,
        "lon": g.lon,
        "population": g.population,
    }
    for col in ("cc", "admin1", "admin2", "feature"):
        values: list[str] = getattr(g, col)
        words = sorted(set(values))
        code = {w: i for i, w in enumerate(words)}
        vocab[col] = words
        arrays[col] = array("I", (code[v] for v in values))
    nblob = bytearray()
    noff = array("I", [0])
    for name in g.names:
        nblob += name.encode("utf-8")
        noff.append(len(nblob))
    arrays["names.blob"] = array("B", bytes(nblob))
    arrays["names.off"] = noff
    for prefix, index in (("index", g.index), ("loose", g.loose_index)):
        for part, arr in _key_table(index).items():
            arrays[f"{prefix}.{part}"] = arr
    layout: dict[str, list[Any]] = {}
    body = bytearray()
    for name, arr in arrays.items():
        body += b"\0" * (-len(body) % 8)
        layout[name] = [len(body), arr.typecode, len(arr)]
        body += arr.tobytes()
    header = json.dumps(
        {
            "format": COMPACT_FORMAT,
            "byteorder": sys.byteorder,
            "n": len(g),
            "max_words": g.max_words,
            "country_row": g.country_row,
            "vocab": vocab,
            "arrays": layout,
        },
        separators=(",", ":"),
    ).encode("utf-8")
    header += b" " * (-(len(_MAGIC) + 8 + len(header)) % 8)
    return _MAGIC + len(header).to_bytes(8, "little") + header + bytes(body)


class _Strings:
    """A read-only sequence of strings kept as one UTF-8 blob (at ``base`` in ``raw``) and offsets."""

    __slots__ = ("base", "off", "raw")

    def __init__(self, raw: Any, base: int, off: memoryview) -> None:
        self.raw = raw
        self.base = base
        self.off = off

    def __len__(self) -> int:
        return len(self.off) - 1

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += len(self)
        b = self.base
        return self.raw[b + self.off[i] : b + self.off[i + 1]].decode("utf-8")  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))


class _Coded:
    """A read-only sequence of strings stored as codes into a small vocabulary."""

    __slots__ = ("codes", "vocab")

    def __init__(self, codes: memoryview, vocab: list[str]) -> None:
        self.codes = codes
        self.vocab = [intern(w) for w in vocab]

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i: int) -> str:
        return self.vocab[self.codes[i]]

    def __iter__(self) -> Iterator[str]:
        v = self.vocab
        return (v[c] for c in self.codes)


class KeyIndex:
    """The name index of the compact form: ``key -> row or rows`` (the ``TsvGazetteer.index``
    values: a negative row ``-(row+1)`` marks an alternate-name match), looked up in a hash
    table over the memory-mapped arrays."""

    __slots__ = ("_n", "base", "koff", "mask", "raw", "slots", "vals", "voff")

    def __init__(self, raw: Any, base: int, parts: dict[str, memoryview]) -> None:
        self.raw = raw  # the buffer (an mmap or bytes: slicing it gives bytes)
        self.base = base  # where the key blob starts in it
        self.koff = parts["koff"]
        self.vals = parts["vals"]
        self.voff = parts["voff"]
        self.slots = parts["slots"]
        self.mask = len(self.slots) - 1
        self._n = len(self.koff) - 1

    def _find(self, key: str) -> int:
        kb = key.encode("utf-8")
        slots, koff, raw, base, mask = self.slots, self.koff, self.raw, self.base, self.mask
        h = _hash(kb) & mask
        while True:
            n = slots[h]
            if n == _EMPTY:
                return -1
            if raw[base + koff[n] : base + koff[n + 1]] == kb:
                return int(n)
            h = (h + 1) & mask

    def get(self, key: str, default: Any = None) -> int | tuple[int, ...] | Any:
        n = self._find(key)
        if n < 0:
            return default
        a, b = self.voff[n], self.voff[n + 1]
        return int(self.vals[a]) if b - a == 1 else tuple(self.vals[a:b])

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) >= 0

    def __getitem__(self, key: str) -> int | tuple[int, ...]:
        got = self.get(key, _MISSING)
        if got is _MISSING:
            raise KeyError(key)
        return got  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[str]:
        raw, base, koff = self.raw, self.base, self.koff
        return (raw[base + koff[i] : base + koff[i + 1]].decode("utf-8") for i in range(self._n))


_MISSING = object()


class Gazetteer:
    """The gazetteer over a compact buffer (``compact_bytes``; usually a memory-mapped file):
    the same columns, indexes and lookups as :class:`TsvGazetteer`.  Build with
    :func:`gazetteer` (cached)."""

    def __init__(self, buf: Any) -> None:
        mv = memoryview(buf)
        if bytes(mv[:8]) != _MAGIC:
            raise ValueError("not a compact gazetteer")
        hlen = int.from_bytes(mv[8:16], "little")
        head = json.loads(bytes(mv[16 : 16 + hlen]))
        if head["format"] != COMPACT_FORMAT or head["byteorder"] != sys.byteorder:
            raise ValueError("compact gazetteer of another format")
        start = 16 + hlen
        body = mv[start:]
        self._buf = buf

        def arr(name: str) -> memoryview:
            off, code, n = head["arrays"][name]
            size = array(code).itemsize
            return body[off : off + n * size].cast(code)

        def at(name: str) -> int:
            return start + int(head["arrays"][name][0])

        self.ids = arr("ids")
        self.lat = arr("lat")
        self.lon = arr("lon")
        self.population = arr("population")
        self.names = _Strings(buf, at("names.blob"), arr("names.off"))
        self.cc = _Coded(arr("cc"), head["vocab"]["cc"])
        self.admin1 = _Coded(arr("admin1"), head["vocab"]["admin1"])
        self.admin2 = _Coded(arr("admin2"), head["vocab"]["admin2"])
        self.feature = _Coded(arr("feature"), head["vocab"]["feature"])
        parts = ("koff", "vals", "voff", "slots")
        self.index = KeyIndex(buf, at("index.blob"), {p: arr(f"index.{p}") for p in parts})
        self.loose_index = KeyIndex(buf, at("loose.blob"), {p: arr(f"loose.{p}") for p in parts})
        self.max_words: int = head["max_words"]
        self.country_row: dict[str, int] = head["country_row"]
        self._n: int = head["n"]

    # the same columns by the same names as TsvGazetteer's: one record builder and lookup for both
    record = TsvGazetteer.record
    lookup = TsvGazetteer.lookup
    lookup_loose = TsvGazetteer.lookup_loose

    def __len__(self) -> int:
        return self._n


def compact_path(tsv: Path | None = None) -> Path:
    """Where the compact form of ``tsv`` (default: the shipped TSV) is cached: named by the
    format and a fingerprint of the TSV (its size and the gzip trailer, the CRC-32 and length of
    its uncompressed content: read in microseconds, where hashing 10 MB takes tens of ms), so
    a rebuilt TSV never meets a stale compact file."""
    src = tsv or DATA / "gazetteer.tsv.gz"
    with src.open("rb") as f:
        size = f.seek(0, os.SEEK_END)
        f.seek(max(0, size - 8))
        trailer = f.read(8)
    digest = hashlib.blake2b(size.to_bytes(8, "little") + trailer, digest_size=10).hexdigest()
    return cache_dir() / f"gazetteer-{COMPACT_FORMAT}-{digest}.bin"


def build_compact(tsv: Path | None = None, out: Path | None = None) -> Path:
    """Parse the TSV and write its compact form (atomically: a temp file, then a rename)."""
    dest = out or compact_path(tsv)
    write_atomic(dest, compact_bytes(read_tsv(tsv)))
    return dest


def open_compact(path: Path) -> Gazetteer:
    with path.open("rb") as f:
        mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return Gazetteer(mm)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: the cached compact form, memory-mapped (milliseconds); built
    from the TSV first when there is none (seconds, once per TSV and cache directory)."""
    try:
        path = compact_path()
    except (OSError, RuntimeError) as exc:  # no home directory to hold the cache
        log.warning("no cache directory for the compact gazetteer (%s); building it in memory", exc)
        return Gazetteer(compact_bytes(read_tsv()))
    if not path.exists():
        try:
            build_compact(out=path)
        except OSError as exc:  # no writable cache: build in memory
            log.warning("cannot write the compact gazetteer to %s (%s); building it in memory", path, exc)
            return Gazetteer(compact_bytes(read_tsv()))
    try:
        return open_compact(path)
    except (OSError, ValueError):  # a damaged file: rebuild it
        return open_compact(build_compact(out=path))


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
