"""A short summary of coded output (``eventwire summary FILE.jsonl``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


def load_jsonl(paths: Iterable[Path]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for p in paths:
        with p.open(encoding="utf-8") as f:
            out.extend(json.loads(line) for line in f if line.strip())
    return out


def summarise(records: list[dict[str, Any]], console: Console | None = None, top: int = 15) -> None:
    c = console or Console()
    n_events = sum(len(r["events"]) for r in records)
    n_quotes = sum(len(r["quotes"]) for r in records)
    ents = [e for r in records for e in r["entities"]]
    resolved = sum(1 for e in ents if e.get("code"))
    times = [t for r in records for t in r["times"]]
    places = [p for r in records for p in r["places"]]
    t = Table("articles", "events", "quotes", "actor mentions", "resolved", "times", "places",
              title="eventwire summary", title_justify="left")
    t.add_row(
        str(len(records)), str(n_events), str(n_quotes), str(len(ents)),
        f"{resolved / len(ents):.0%}" if ents else "-",
        f"{len(times)} ({sum(1 for x in times if x.get('value'))} normalised)",
        f"{len(places)} ({sum(1 for p in places if p.get('geonameid') is not None)} geocoded)",
    )
    c.print(t)
    types = Counter(e["event"] for r in records for e in r["events"])
    if types:
        tt = Table("PLOVER event", "count", title="Events by type", title_justify="left")
        for k, v in types.most_common():
            tt.add_row(k, str(v))
        c.print(tt)
        ev = Table("date", "event", "actor", "recipient", "evidence", title=f"First {top} events",
                   title_justify="left")
        shown = 0
        for r in records:
            for e in r["events"]:
                if shown >= top:
                    break
                ev.add_row(e.get("date") or "-", e["event"], _names(e["actor"]), _names(e["recipient"]),
                           (e.get("event_text") or "")[:70])
                shown += 1
        c.print(ev)
    if n_quotes:
        speakers = Counter(
            (q["speaker"] or {}).get("name") or q.get("speaker_text") or "?"
            for r in records
            for q in r["quotes"]
        )
        qt = Table("speaker", "quotes", title="Top speakers", title_justify="left")
        for k, v in speakers.most_common(10):
            qt.add_row(k, str(v))
        c.print(qt)
    warns = Counter(w["code"] for r in records for w in r["warnings"])
    if warns:
        c.print("warnings: " + ", ".join(f"{k} x{v}" for k, v in warns.most_common()), highlight=False)


def _names(ents: list[dict[str, Any]]) -> str:
    parts = []
    for e in ents:
        tag = f" ({e['code']}/{e.get('sector') or '-'})" if e.get("code") else ""
        parts.append(f"{e.get('name') or e['entity_text']}{tag}")
    return "; ".join(parts) or "-"
