"""Append the seed article's worked example to docs/output.md.

    .venv/bin/python scripts/output_example.py [--write]

Codes ``../shared/examples/seed-article.txt`` (not shipped: it belongs to its publisher) and
prints a trimmed excerpt of the output contract: a few records of each kind, enough to show
the fields; ``--write`` replaces the worked-example section of docs/output.md with it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from eventwire.events.threshold import DEFAULT_MIN_CONFIDENCE
from eventwire.ingest import read_paths
from eventwire.model import Document
from eventwire.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared")) / "examples" / "seed-article.txt"
MARK = "## Worked example: the seed article"


def excerpt(doc: Document) -> str:
    d = doc.to_dict(include_text=False)
    # what `eventwire code` prints: the events at or above the default --min-confidence
    d["events"] = [e for e in d["events"] if e["confidence"] >= DEFAULT_MIN_CONFIDENCE]
    ents = [e for e in d["entities"] if e["kind"] in ("title", "pronoun", "metonym")][:4]
    out = {
        "article": d["article"],
        "events": d["events"][:2],
        "quotes": d["quotes"][:2],
        "entities": ents,
        "times": d["times"][:5],
        "places": d["places"][:3],
        "sentences": [s for s in d["sentences"] if s["boilerplate"]],
        "warnings": d["warnings"],
    }
    counts = {k: len(d[k]) for k in ("events", "quotes", "entities", "times", "places")}
    head = (
        f"`eventwire code ../shared/examples/seed-article.txt --no-text` gives {counts['events']} events "
        f"(at or above the default `--min-confidence` {DEFAULT_MIN_CONFIDENCE}; the store keeps all), "
        f"{counts['quotes']} quotes, {counts['entities']} actor mentions, {counts['times']} time expressions "
        f"and {counts['places']} places. An excerpt (a few records of each kind; the two pasted headlines "
        "appear as boilerplate sentences):\n"
    )
    return head + "\n```json\n" + json.dumps(out, indent=1, ensure_ascii=False) + "\n```\n"


def main() -> None:
    if not SEED.exists():
        print(f"skipped: {SEED} not found")
        return
    (doc,) = list(Pipeline().run(read_paths([SEED])))
    assert isinstance(doc, Document)
    text = excerpt(doc)
    if "--write" in sys.argv:
        path = ROOT / "docs" / "output.md"
        page = path.read_text(encoding="utf-8")
        page = page[: page.index(MARK)] + MARK + "\n\n" + text
        path.write_text(page, encoding="utf-8")
        print(f"written to {path}")
    else:
        print(text)


if __name__ == "__main__":
    main()
