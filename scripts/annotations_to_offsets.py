"""Turn annotators' sentence files (GUIDE.md output format, with the batch file they worked from) into the
offsets-only training file ``training/news-events.jsonl``: no article text is stored, only character offsets
into the news corpus articles in shared/ and the annotators' labels.

    .venv/bin/python scripts/annotations_to_offsets.py BATCH.jsonl OUT.jsonl [BATCH OUT ...] \\
        > training/news-events.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def read_lines(path: str | Path, encoding: str = "utf-8") -> list[str]:
    """The lines of a text file (JSON lines here)."""
    return Path(path).read_text(encoding=encoding).splitlines()


def main(argv: list[str]) -> None:
    pairs = list(zip(argv[0::2], argv[1::2], strict=True))
    for batch_path, out_path in pairs:
        arts = map(json.loads, read_lines(batch_path))
        batch = {a["id"]: {s["n"]: s for s in a["sentences"]} for a in arts}
        seen: set[tuple[str, int]] = set()
        for row in map(json.loads, read_lines(out_path)):
            aid, n = row["article"], row["sentence"]
            if (aid, n) in seen or aid not in batch or n not in batch[aid]:
                continue
            seen.add((aid, n))
            s = batch[aid][n]
            text = s["text"]
            events = []
            for e in row["events"]:
                ev = {k: e.get(k, "") for k in ("type", "mode", "status", "actor_ref", "recipient_ref")}
                if e.get("historical"):
                    ev["historical"] = True
                for part in ("actor", "recipient", "trigger"):
                    val = e.get(part) or ""
                    i = text.find(val) if val else -1
                    ev[part] = [s["start"] + i, s["start"] + i + len(val)] if i >= 0 else None
                events.append(ev)
            print(
                json.dumps(
                    {"article": aid, "sentence": n, "start": s["start"], "end": s["end"], "events": events}
                )
            )
        missing = sum(len(v) for v in batch.values()) - len(seen)
        if missing:
            print(f"{out_path}: {missing} sentences of the batch not annotated (yet)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
