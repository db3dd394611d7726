"""Benchmark of the ``actors`` stage.

Run: ``.venv/bin/python benchmarks/actors.py [--limit N]``  (``--limit`` caps the ACLED and PLV rows; 0 = all)

1. **Dated test set** (``tests/data/actors_dated.tsv``, in the repository; sentences written for the project):
   accuracy of code, sector and canonical name of each gold mention on the sentence's date.
2. **ACLED dev notes** (``$EVENTWIRE_SHARED/data/events-dev/acled_dev.csv``): for actor1/actor2, the country
   in
   ACLED's actor name ("Protesters (France)", "Military Forces of Russia (2000-)") and a sector from the
   ACLED actor type (``inter`` code) and name; agreement = some entity in the notes has that country /
   that sector / both.
3. **PLV train** (``$EVENTWIRE_SHARED/data/events-dev/plv_train.tsv``): where the gold source/target span
   names a
   state (a state name or demonym of the knowledge base), agreement = an entity overlapping the span has
   that state's code.  PLV rows carry no date: actors are resolved on the latest roles.

Also prints the knowledge base's size and coverage.  Results go to ``benchmarks/results/actors.md``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS as RESULTS_DIR
from common import ROOT, shared_dir

SHARED = shared_dir()
DATED = ROOT / "tests" / "data" / "actors_dated.tsv"
ACLED = SHARED / "data" / "events-dev" / "acled_dev.csv"
PLV = SHARED / "data" / "events-dev" / "plv_train.tsv"
RESULTS = RESULTS_DIR / "actors.md"

#: ACLED interaction codes -> PLOVER sectors that agree with them
ACLED_INTER = {
    "1": {"MIL", "GOV", "COP"},  # state forces
    "2": {"REB"},  # rebel groups
    "3": {"REB", "PRM", "PTY", "OPP"},  # political militias
    "4": {"REB", "PRM", "CVL"},  # identity militias
    "5": {"CVL"},  # rioters
    "6": {"CVL", "OPP", "LAB", "EDU", "AGR"},  # protesters
    "7": {"CVL", "REF", "JRN", "EDU", "MED", "REL", "LAB", "AGR", "BUS"},  # civilians
    "8": {"IGO", "MIL", "GOV"},  # external/other forces
}


def md_table(header: list[str], rows: list[list[object]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def kb_section() -> str:
    from eventwire.actors.kb import load_kb

    kb = load_kb()
    people = kb.people
    roles = [r for p in people for r in p.roles]
    src = Counter(r.source for r in roles)
    latest = max((d for r in roles for d in (r.start, r.end) if d), default="")
    heads = {
        (r.code)
        for r in roles
        if r.office_type in ("president", "prime_minister", "chancellor", "monarch", "supreme_leader")
    }
    rows = [
        ["states (ISO 3166 + PLOVER extras)", len(kb.states)],
        ["organisations (IGOs, armed groups, institutions)", len(kb.orgs)],
        ["generic agents", len(kb.agents)],
        ["lexicon surface forms", len(kb.lexicon)],
        ["people", len(people)],
        ["people with a Wikidata id", sum(1 for p in people if p.wikidata)],
        [
            "dated roles (hand-checked / Wikidata / Phoenix)",
            f"{len(roles)} ({src['manual']} / {src['wikidata']} / {src['phoenix']})",
        ],
        ["states with a typed head of state/government role", len(heads)],
        ["latest role date", latest],
    ]
    return md_table(["knowledge base", "size"], rows)


def dated_section(pipe: object) -> tuple[str, list[str]]:
    from eventwire.actors.evaluate import load_dated_set, score
    from eventwire.ingest import make_article

    sents = load_dated_set(DATED)
    acc, errors = score(sents, lambda t, d: pipe.code(make_article(text=t, date=d)))  # type: ignore[attr-defined]
    rows = [[k, f"{acc[k]:.3f}"] for k in ("found", "code", "sector", "name", "all")]
    return f"{len(sents)} sentences, {acc['n']} gold mentions\n\n" + md_table(
        ["dated set", "accuracy"], rows
    ), errors


def acled_country(actor: str, kb: object) -> str | None:
    m = re.search(r"\(([^()0-9]+)\)\s*$", actor) or re.search(
        r"\bof (?:the )?([A-Z][\w' -]+?)(?: \(|$)", actor
    )
    if not m:
        return None
    name = m.group(1).strip()
    for e in kb.lookup(name):  # type: ignore[attr-defined]
        if e.kind in ("country", "adjective"):
            return e.key
    import pycountry

    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        try:
            return pycountry.countries.search_fuzzy(name)[0].alpha_3
        except LookupError:
            return None


def acled_sectors(actor: str, inter: str) -> set[str]:
    low = actor.lower()
    if low.startswith("police forces"):
        return {"COP"}
    if low.startswith("military forces"):
        return {"MIL"}
    if low.startswith("government of"):
        return {"GOV"}
    return ACLED_INTER.get(inter.split(".")[0], set())


def acled_section(pipe: object, limit: int) -> str:
    from eventwire.actors.kb import load_kb
    from eventwire.ingest import make_article

    kb = load_kb()
    with ACLED.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    if limit:
        rows = rows[:limit]
    stats: Counter[str] = Counter()
    for row in rows:
        try:
            doc = pipe.code(make_article(text=row["notes"], date=row["event_date"]))  # type: ignore[attr-defined]
        except ValueError:
            continue
        ents = [e for e in doc.entities if e.kind != "pronoun"]
        for side in ("1", "2"):
            actor = row[f"actor{side}"]
            if not actor:
                continue
            country = acled_country(actor, kb)
            sectors = acled_sectors(actor, row[f"inter{side}"])
            stats[f"a{side}_n"] += 1
            if country:
                stats[f"a{side}_country_n"] += 1
                stats[f"a{side}_country"] += any(e.code == country for e in ents)
            if sectors:
                stats[f"a{side}_sector_n"] += 1
                stats[f"a{side}_sector"] += any(e.sector in sectors for e in ents)
            if country and sectors:
                stats[f"a{side}_both_n"] += 1
                stats[f"a{side}_both"] += any(e.code == country and e.sector in sectors for e in ents)
            # when the notes name an actor of that country, is its sector right?
            of_country = [e for e in ents if country and e.code == country and e.sector]
            if of_country and sectors:
                stats[f"a{side}_cs_n"] += 1
                stats[f"a{side}_cs"] += any(e.sector in sectors for e in of_country)

    def rate(k: str) -> str:
        n = stats[f"{k}_n"]
        return f"{stats[k] / n:.3f} ({n})" if n else "-"

    table = md_table(
        [
            "ACLED actor",
            "country found",
            "sector found",
            "country+sector on one entity",
            "sector right when country found",
        ],
        [
            [f"actor{s}", rate(f"a{s}_country"), rate(f"a{s}_sector"), rate(f"a{s}_both"), rate(f"a{s}_cs")]
            for s in ("1", "2")
        ],
    )
    return f"{len(rows)} events (notes), resolved on the event date\n\n{table}"


def plv_section(pipe: object, limit: int) -> str:
    from eventwire.actors.kb import load_kb
    from eventwire.ingest import make_article

    kb = load_kb()
    with PLV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    if limit:
        rows = rows[:limit]
    stats: Counter[str] = Counter()
    for row in rows:
        text = row["sentence"]
        golds = []
        for role in ("source", "target"):
            span = row[role]
            if not span or span not in text:
                continue
            code = None
            words = re.findall(r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*", span)
            for w in words:
                for cand in [w, *w.split()]:
                    hits = [e for e in kb.lookup(cand) if e.kind in ("country", "adjective")]
                    if hits:
                        code = hits[0].key
                        break
                if code:
                    break
            if code:
                start = text.find(span)
                golds.append((role, start, start + len(span), code))
        if not golds:
            continue
        doc = pipe.code(make_article(text=text, date=None))  # type: ignore[attr-defined]
        for role, s, e, code in golds:
            stats[f"{role}_n"] += 1
            over = [x for x in doc.entities if x.start < e and x.end > s]
            stats[role] += any(x.code == code for x in over)
    rows_out = [
        [r, f"{stats[r] / stats[r + '_n']:.3f}" if stats[r + "_n"] else "-", stats[r + "_n"]]
        for r in ("source", "target")
    ]
    return md_table(["PLV span naming a state", "code agreement", "n"], rows_out)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=300, help="ACLED/PLV rows (0 = all)")
    ap.add_argument("--parse", choices=["full", "selective"], help="parse mode (default: config)")
    args = ap.parse_args()
    from eventwire.config import DEFAULT_PARSE, PipelineConfig
    from eventwire.pipeline import Pipeline

    parse = args.parse or DEFAULT_PARSE
    t0 = time.time()
    pipe = Pipeline(PipelineConfig(stages=("boilerplate", "actors"), parse=parse))
    parts = [
        "# actors benchmark",
        "",
        "Command: `.venv/bin/python benchmarks/actors.py"
        + (f" --limit {args.limit}" if args.limit != 300 else "")
        + (f" --parse {parse}`" if parse != DEFAULT_PARSE else "`"),
        "",
        kb_section(),
        "",
    ]
    dated, errors = dated_section(pipe)
    parts += ["## Dated test set", "", dated, ""]
    if errors:
        parts += ["Errors:", "", *[f"- {e}" for e in errors], ""]
    if ACLED.exists():
        parts += ["## ACLED dev notes", "", acled_section(pipe, args.limit), ""]
    else:
        parts += [f"ACLED data not found at {ACLED}: skipped", ""]
        print(f"ACLED data not found at {ACLED}: skipped", file=sys.stderr)
    if PLV.exists():
        parts += ["## PLV train", "", plv_section(pipe, args.limit), ""]
    else:
        parts += [f"PLV data not found at {PLV}: skipped", ""]
        print(f"PLV data not found at {PLV}: skipped", file=sys.stderr)
    parts.append(f"_{time.time() - t0:.0f} s_")
    out = "\n".join(parts) + "\n"
    print(out)
    if parse == DEFAULT_PARSE:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(out, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
