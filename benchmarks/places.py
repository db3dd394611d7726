"""Benchmark of the ``geo`` stage on ACLED event notes.

Run: ``.venv/bin/python benchmarks/places.py [--limit N] [--fast] [--no-cache] [--errors N]``

Reads ``$EVENTWIRE_SHARED/data/events-dev/acled_dev.csv`` (default: the ``shared`` folder beside
the repository).  Each note is an article dated with its ``event_date``; the gold location is
ACLED's ``location`` with its ``latitude``/``longitude``.

* **place@50km**: share of notes where some resolved ``Place`` lies within 50 km of ACLED's point.
* **event_loc@50km**: share of notes where a violent or protest event (PLOVER ASSAULT, PROTEST,
  COERCE, MOBILIZE, THREATEN) coded by the ``events`` stage has an ``event_loc`` within 50 km.
  This column depends on the event coder (another stage) as much as on geo.
* **attached_place@50km**: the same, with the place ``eventwire.geo.attached_place`` attaches to
  each such event's span (full mode only).

Failures of place@50km are split by cause: *not in gazetteer* (no gazetteer record named like
ACLED's location lies within 50 km of its point), *not found* (there is one but no place was
emitted for that name), *ambiguous* (that name was emitted but resolved to a homonym more than
50 km away) and *other* (a record within 50 km exists, the name was emitted elsewhere, etc.).

By default every note runs through the full ``Pipeline``.  ``--fast`` parses once (cached under
/tmp) and runs only the ``boilerplate`` and ``geo`` stages (no event_loc column).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import require, shared_dir, table, write_result
from eventwire.geo.gazetteer import distance_km, gazetteer, norm
from eventwire.model import Article, Document, Place

CACHE_DIR = Path("/tmp/eventwire-places-bench")
VIOLENT = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN"})
RADIUS_KM = 50.0


@dataclass
class Note:
    id: str
    date: dt.date
    text: str
    location: str
    lat: float
    lon: float
    country: str
    precision: int


def load_notes(path: Path, limit: int | None) -> list[Note]:
    out: list[Note] = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if not row["notes"].strip():
                continue
            out.append(
                Note(
                    row["event_id_cnty"],
                    dt.date.fromisoformat(row["event_date"]),
                    row["notes"],
                    row["location"],
                    float(row["latitude"]),
                    float(row["longitude"]),
                    row["country"],
                    int(float(row["geo_precision"] or 0)),
                )
            )
            if limit and len(out) >= limit:
                break
    return out


def run_full(
    notes: list[Note],
) -> tuple[list[Document], list[list[Place | None]], list[list[Place | None]]]:
    """Every note through the full pipeline; also the geo helper's place for each violent event."""
    from eventwire.geo import attached_place
    from eventwire.pipeline import Pipeline

    pipe = Pipeline()
    pipe.keep_parse = True
    arts = [Article(id=n.id, text=n.text, date=n.date) for n in notes]
    out: list[Document] = []
    helper: list[list[Place | None]] = []
    helper_fb: list[list[Place | None]] = []
    for d in pipe.run(arts):
        if isinstance(d, Document):
            evs = [e for e in d.events if e.event in VIOLENT]
            helper.append([attached_place(d, e.start, e.end) for e in evs])
            helper_fb.append([attached_place(d, e.start, e.end, fallback=True) for e in evs])
            d.spacy = None
            out.append(d)
        else:
            out.append(Document(Article(id=d.article_id or "", text="")))
            helper.append([])
            helper_fb.append([])
    return out, helper, helper_fb


def run_fast(notes: list[Note], use_cache: bool) -> list[Document]:
    from spacy.tokens import DocBin

    from eventwire.config import PipelineConfig
    from eventwire.nlp import load_model, sentences_of
    from eventwire.pipeline import _import_stages
    from eventwire.registry import stages

    config = PipelineConfig()
    nlp = load_model(config.model)
    key = hashlib.sha1("\n\x00".join(n.text for n in notes).encode()).hexdigest()[:16]
    cache = CACHE_DIR / f"{config.model}-{key}.spacy"
    if use_cache and cache.exists():
        parsed = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe([n.text for n in notes], batch_size=32))
        if use_cache:
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            db = DocBin(store_user_data=False)
            for d in parsed:
                db.add(d)
            db.to_disk(cache)
    _import_stages()
    run = [stages.get(name)(config) for name in ("boilerplate", "geo")]
    out: list[Document] = []
    for n, sdoc in zip(notes, parsed, strict=True):
        doc = Document(Article(id=n.id, text=n.text, date=n.date))
        doc.spacy = sdoc
        doc.sentences = list(sentences_of(sdoc))
        for st in run:
            st(doc)
        out.append(doc)
    return out


def near(p: Place | None, n: Note) -> bool:
    return (
        p is not None
        and p.lat is not None
        and p.lon is not None
        and (distance_km(p.lat, p.lon, n.lat, n.lon) <= RADIUS_KM)
    )


def failure(n: Note, doc: Document) -> str:
    gaz = gazetteer()
    key = norm(n.location)
    recs = gaz.lookup(key)
    close = [r for r, _p in recs if distance_km(r.lat, r.lon, n.lat, n.lon) <= RADIUS_KM]
    if not close:
        return "not in gazetteer"
    named = [p for p in doc.places if norm(p.text) == key]
    if not named:
        return "not found"
    return "ambiguous"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--fast", action="store_true", help="cached parse, boilerplate+geo stages only")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print N failures")
    args = ap.parse_args()

    path = require(shared_dir() / "data" / "events-dev" / "acled_dev.csv", "ACLED dev notes")
    notes = load_notes(path, args.limit)
    t0 = time.time()
    helper: list[list[Place | None]] = [[] for _ in notes]
    helper_fb: list[list[Place | None]] = [[] for _ in notes]
    if args.fast:
        docs = run_fast(notes, not args.no_cache)
    else:
        docs, helper, helper_fb = run_full(notes)
    wall = time.time() - t0

    place_hit = ev_hit = with_ev = with_loc = helper_hit = fb_hit = 0
    causes: Counter[str] = Counter()
    by_prec: dict[int, list[int]] = {}
    errors: list[tuple[Note, Document, str]] = []
    n_places = 0
    for n, doc, hp, fb in zip(notes, docs, helper, helper_fb, strict=True):
        n_places += len(doc.places)
        helper_hit += any(near(p, n) for p in hp)
        fb_hit += any(near(p, n) for p in fb)
        hit = any(near(p, n) for p in doc.places)
        place_hit += hit
        b = by_prec.setdefault(n.precision, [0, 0])
        b[0] += 1
        b[1] += hit
        if not hit:
            c = failure(n, doc)
            causes[c] += 1
            errors.append((n, doc, c))
        evs = [e for e in doc.events if e.event in VIOLENT]
        if evs:
            with_ev += 1
            if any(e.event_loc is not None for e in evs):
                with_loc += 1
            if any(near(e.event_loc, n) for e in evs):
                ev_hit += 1
    total = len(notes)
    mode = "fast (boilerplate+geo only)" if args.fast else "full pipeline"
    rows = [
        [
            "eventwire geo",
            total,
            place_hit / total,
            "n/a" if args.fast else ev_hit / total,
            "n/a" if args.fast else helper_hit / total,
            "n/a" if args.fast else fb_hit / total,
        ]
    ]
    out = [
        f"# Places benchmark (ACLED dev notes, {mode})\n",
        f"Command: `.venv/bin/python benchmarks/places.py{' --fast' if args.fast else ''}"
        f"{f' --limit {args.limit}' if args.limit else ''}`  \nGoal: place@50km >= 0.85.\n",
        table(
            ["system", "notes", "place@50km", "event_loc@50km", "attached_place@50km", "... +fallback@50km"],
            rows,
        ),
        "\n*attached_place@50km*: the same events, located with `eventwire.geo.attached_place` on the "
        "event's clause span instead of the events stage's own `event_loc` (what the helper would give); "
        "*+fallback*: with `fallback=True` (the sentence's locative place when none attaches; flagged).\n",
        "",
        table(
            ["notes with a violent/protest event", "... with event_loc", "places per note", "wall s"],
            [[with_ev, with_loc, n_places / max(total, 1), wall]],
        ),
        "\n## Failures of place@50km by cause\n",
        table(["cause", "notes", "share of notes"], [[c, k, k / total] for c, k in causes.most_common()]),
        "\n## By ACLED geo_precision (1 = the town itself, 2 = near it, 3 = only a larger area)\n",
        table(
            ["geo_precision", "notes", "place@50km"],
            [[p, v[0], v[1] / max(v[0], 1)] for p, v in sorted(by_prec.items())],
        ),
    ]
    text = "\n".join(out)
    print(text)
    name = "places" if not args.limit and not args.fast else "places-subset"
    print(f"\nwritten to {write_result(name, text)}")
    for n, doc, c in errors[: args.errors]:
        got = [
            (
                p.text,
                p.name,
                p.country_code,
                p.feature_code,
                round(distance_km(p.lat or 0, p.lon or 0, n.lat, n.lon)),
            )
            for p in doc.places
        ]
        print(json.dumps({"id": n.id, "cause": c, "gold": [n.location, n.country, n.precision], "got": got}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
