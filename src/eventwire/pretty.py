"""``--output pretty``: a readable summary of one coded article for a person (rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from .model import Document, Entity

_console = Console()


def _who(ents: list[Entity]) -> str:
    parts = []
    for e in ents:
        label = e.name or e.entity_text
        tag = "/".join(x for x in (e.code, e.sector) if x)
        parts.append(f"{label} ({tag})" if tag else label)
    return "; ".join(parts) or "-"


def print_document(doc: Document, console: Console | None = None) -> None:
    c = console or _console
    a = doc.article
    title = a.title or a.text[:80].replace("\n", " ")
    c.rule(f"[bold]{title}[/]")
    c.print(f"id {a.id}  date {a.date or '-'}  source {a.source or '-'}", highlight=False)
    if doc.events:
        t = Table("date", "event", "actor -> recipient", "evidence", title="Events", title_justify="left",
                  expand=True)
        t.columns[0].no_wrap = True
        t.columns[1].ratio, t.columns[2].ratio, t.columns[3].ratio = 2, 3, 4
        for e in doc.events:
            kind = e.event + (f" ({', '.join(e.mode)})" if e.mode else "")
            gold = f", Goldstein {e.goldstein:+.1f}" if e.goldstein is not None else ""
            meta = f"CAMEO {e.cameo_root or '-'}{gold}, conf. {e.confidence:.2f}"
            t.add_row(e.date or "-", kind, f"{_who(e.actor)}\n-> {_who(e.recipient)}",
                      f"{e.event_text[:160]}\n[dim]{meta}[/]")
        c.print(t)
    if doc.quotes:
        t = Table("speaker", "cue", "kind", "content", title="Quotes", title_justify="left", expand=True)
        for q in doc.quotes:
            who = _who([q.speaker]) if q.speaker else (q.speaker_text or "?")
            t.add_row(who, q.cue or "", q.kind, q.content[:160])
        c.print(t)
    if doc.entities:
        t = Table("mention", "name", "code", "sector", "role", title="Actors", title_justify="left")
        seen: set[tuple[str, str | None]] = set()
        for e in doc.entities:
            key = (e.entity_text, e.name)
            if key in seen:
                continue
            seen.add(key)
            t.add_row(e.entity_text, e.name or "-", e.code or "-", e.sector or "-", e.role or "")
        c.print(t)
    if doc.times:
        t = Table("text", "type", "value", title="Times", title_justify="left")
        for x in doc.times:
            t.add_row(x.text, x.type, x.value or "-")
        c.print(t)
    if doc.places:
        t = Table("text", "name", "country", "lat", "lon", "role", title="Places", title_justify="left")
        for p in doc.places:
            t.add_row(p.text, p.name or "-", p.country_code or "-",
                      f"{p.lat:.2f}" if p.lat is not None else "-",
                      f"{p.lon:.2f}" if p.lon is not None else "-", p.role)
        c.print(t)
    for w in doc.warnings:
        c.print(f"[yellow]warning[/] {w.code}: {w.message}", highlight=False)
