"""Corpus commands: ingest, dedup, events, quotes, actors, timeline, plot timeline, export.

``register(app)`` adds them to the ``eventwire`` typer app (``cli.py`` calls it).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from ..config import DEFAULT_MODEL, DEFAULT_PARSE, DEFAULT_PARSE_MODE, PARSE_HELP, ParseMode
from ..dedup import METHODS
from ..model import Article, Document, Reject
from .db import Store, StoreError

DbOpt = Annotated[Path, typer.Option("--db", help="The DuckDB database file.")]
DEFAULT_DB = Path("events.duckdb")


class Dedup(StrEnum):
    none = "none"
    one_a_day = "one-a-day"
    cluster = "cluster"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class OutFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


class EventSort(StrEnum):
    day = "day"
    newest = "-day"
    mentions = "mentions"
    goldstein = "goldstein"


class Freq(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class ExportTable(StrEnum):
    events = "events"
    quotes = "quotes"
    actors = "actors"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    plover = "plover"
    gdelt = "gdelt"


def _err() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _fail(msg: str, code: int = 2) -> typer.Exit:
    _err().print(f"[bold red]error[/] {msg}", highlight=False)
    return typer.Exit(code)


def _open(db: Path, read_only: bool) -> Store:
    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        raise _fail(str(exc)) from exc


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise _fail(f"{name} {value!r} is not a YYYY-MM-DD date") from exc


class _LazyCoder:
    """Builds the pipeline only when there is something to code (a resumed ingest with
    nothing left to do never loads the model)."""

    def __init__(self, model: str, max_chars: int, batch_size: int, parse: str = DEFAULT_PARSE) -> None:
        self.args = (model, max_chars, batch_size, parse)

    def run(self, records: Iterable[Article | Reject]) -> Iterator[Document | Reject]:
        it = iter(records)
        first = next(it, None)
        if first is None:
            return
        coder = make_coder(*self.args)

        def chain() -> Iterator[Article | Reject]:
            yield first
            yield from it

        yield from coder.run(chain())


def make_coder(model: str, max_chars: int, batch_size: int, parse: str = DEFAULT_PARSE) -> Any:
    """The pipeline ingest codes with (tests replace this to reuse a session pipeline)."""
    from ..cli import build_config
    from ..pipeline import Pipeline

    return Pipeline(build_config(model, max_chars, batch_size, parse))


# --------------------------------------------------------------------------- ingest


def ingest_cmd(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or directories to code; '-' or nothing reads standard input."),
    ] = None,
    db: DbOpt = DEFAULT_DB,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Input format: auto|text|jsonl|csv|html.")
    ] = "auto",
    replace: Annotated[bool, typer.Option("--replace", help="Re-code articles already stored.")] = False,
    dedup: Annotated[
        Dedup | None,
        typer.Option(
            "--dedup", help="none | one-a-day | cluster (default: the db's last method, else cluster)."
        ),
    ] = None,
    batch: Annotated[int, typer.Option("--batch", help="Articles written per transaction.")] = 64,
    model: Annotated[str, typer.Option(help="spaCy model, the name spacy.load takes.")] = DEFAULT_MODEL,
    max_chars: Annotated[int, typer.Option(help="Reject articles longer than this.")] = 1_000_000,
    batch_size: Annotated[int, typer.Option(help="Articles parsed together.")] = 32,
    parse: Annotated[ParseMode, typer.Option("--parse", help=PARSE_HELP)] = DEFAULT_PARSE_MODE,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar on standard error.")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details and every warning.")] = False,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local: code in this process; dask: on Dask workers.")
    ] = Engine.local,
    workers: Annotated[
        int | None, typer.Option("--workers", help="dask: worker processes of a local cluster.")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="dask: address of a running scheduler (tcp://host:8786)."),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="The confidence the summary counts stored event mentions at (default: the calibrated "
            "threshold, what events, timeline and the dashboard show by default). Every event is stored.",
        ),
    ] = None,
) -> None:
    """Code articles and store them (articles, events, quotes, entities, times, places, rejects).

    Articles already stored (by id) are skipped before parsing, so running the same
    ingest again adds nothing and an interrupted ingest resumes; --replace re-codes them.
    Each --batch of articles is written in one transaction.  After the last batch the
    events are deduplicated over the whole database.

    --engine dask codes partitions of --batch articles on Dask workers (a local cluster of
    --workers processes, or the cluster at --scheduler), writes them as Parquet beside the
    database and loads them into it: the same database as the local engine (docs/scale.md).

    Exit code: 0 all records coded, 1 some records rejected (stored in the rejects table
    with their reasons), 2 usage or fatal error (such as the database in use by another
    ingest).
    """
    from ..cli import report_reject, with_progress
    from ..ingest import FORMATS, limits_for, read_paths
    from .ingest import ingest

    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr)
    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if batch < 1:
        raise _fail("--batch must be at least 1")
    err = _err()
    show = progress if progress is not None else sys.stderr.isatty()
    store = _open(db, read_only=False)
    method = dedup.value if dedup else (store.get_meta("dedup_method") or "cluster")
    warned = 0

    def on_document(doc: Document) -> None:
        nonlocal warned
        from ..cli import QUIET_WARNINGS

        for w in doc.warnings:
            if w.code in QUIET_WARNINGS:
                continue
            warned += 1
            if verbose:
                where = escape(doc.article.origin or doc.article.id)
                err.print(f"[yellow]warning[/] {where}: {escape(w.message)}", highlight=False)

    def on_warning(origin: str, code: str, message: str) -> None:
        nonlocal warned
        from ..cli import QUIET_WARNINGS

        if code in QUIET_WARNINGS:
            return
        warned += 1
        if verbose:
            err.print(f"[yellow]warning[/] {escape(origin)}: {escape(message)}", highlight=False)

    if engine is Engine.local and (workers is not None or scheduler):
        store.close()
        raise _fail("--workers and --scheduler go with --engine dask")
    try:
        if engine is Engine.dask:
            from ..cli import build_config
            from ..scale.commands import ingest_with_dask

            stats = ingest_with_dask(
                store,
                paths,
                fmt,
                build_config(model, max_chars, batch_size, parse.value),
                workers=workers,
                scheduler=scheduler,
                replace=replace,
                batch=batch,
                dedup=method,
                progress=show,
                on_reject=lambda r: report_reject(r, err),
                on_warning=on_warning,
            )
        else:
            stats = ingest(
                store,
                read_paths(paths, fmt, limits_for(max_chars)),
                _LazyCoder(model, max_chars, batch_size, parse.value),
                replace=replace,
                batch=batch,
                dedup=method,
                progress=lambda items: with_progress(items, show, "ingesting"),
                on_reject=lambda r: report_reject(r, err),
                on_document=on_document,
            )
    except (RuntimeError, OSError, ValueError) as exc:
        store.close()
        raise _fail(str(exc)) from exc
    from ..events.threshold import DEFAULT_MIN_CONFIDENCE

    mc = DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence
    total, shown = store.con.execute(
        "SELECT count(*), count(*) FILTER (WHERE confidence >= ?) FROM event_mentions", [mc]
    ).fetchone()
    store.close()
    parts = [f"stored {stats.coded} article(s)", f"rejected {stats.rejected}"]
    if stats.skipped:
        parts.append(f"skipped {stats.skipped} already stored")
    if stats.duplicates:
        parts.append(f"skipped {stats.duplicates} repeated id(s)")
    if warned:
        parts.append(f"{warned} warning(s)" + ("" if verbose else " (see articles.warnings, or -v)"))
    if stats.dedup:
        parts.append(
            f"{stats.dedup.mentions} event mention(s) -> {stats.dedup.events} event(s) ({stats.dedup.method})"
        )
    parts.append(
        f"{shown} of the database's {total} event mention(s) at or above confidence {mc} "
        "(shown by default; all are stored)"
    )
    err.print(", ".join(parts) + f" in {db}", highlight=False)
    raise typer.Exit(1 if stats.rejected else 0)


def dedup_cmd(
    db: DbOpt = DEFAULT_DB,
    method: Annotated[
        Dedup, typer.Option("--method", "-m", help="none | one-a-day | cluster.")
    ] = Dedup.cluster,
    window: Annotated[
        int, typer.Option(help="Days a cluster may span from its first mention (cluster).")
    ] = 1,
) -> None:
    """Recompute the deduplicated events over the whole database."""
    from ..dedup import recompute

    store = _open(db, read_only=False)
    try:
        stats = recompute(store, method.value, window)
    finally:
        store.close()
    typer.echo(f"{stats.mentions} event mention(s) -> {stats.events} event(s) ({stats.method})")


# --------------------------------------------------------------------------- output helpers


def _emit(rows: Sequence[dict[str, Any]], fmt: OutFormat, columns: Sequence[str], title: str = "") -> None:
    if fmt is OutFormat.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=_json_default) + "\n")
        return
    if fmt is OutFormat.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: _cell(r.get(k)) for k in columns})
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*[_cell(r.get(c)) for c in columns])
    Console(width=None if sys.stdout.isatty() else 200).print(table)


def _json_default(v: Any) -> Any:
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    raise TypeError(type(v).__name__)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.2f}"
    if isinstance(v, list):
        return ";".join(map(str, v))
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    return str(v)


LimitOpt = Annotated[int, typer.Option("--limit", "-n", help="Rows to show; 0 for all.")]
OffsetOpt = Annotated[int, typer.Option("--offset", min=0, help="Rows to skip first (for paging).")]


def _shown(rows: Sequence[Any], total: int, what: str) -> str:
    """A table title: how many rows, and of how many when that is not all."""
    return f"{len(rows)} {what}(s)" if len(rows) >= total else f"{len(rows)} of {total} {what}(s)"


FormatOpt = Annotated[OutFormat, typer.Option("--format", "-f", help="table | csv | jsonl.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this day (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this day, inclusive (YYYY-MM-DD).")]


def _event_query(**opts: Any) -> Any:
    """The one event filter (``filters.EventQuery``) from the command's options; a wrong value
    stops the command with the filter's sentence."""
    from .filters import EventQuery, FilterError

    try:
        return EventQuery.parse({k: v for k, v in opts.items() if v not in (None, [], False)})
    except FilterError as exc:
        raise _fail(str(exc)) from exc


ActorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--actor", help="Actor code with optional sector (USA, 'USA GOV') or Wikidata id; repeatable."
    ),
]
RecipientOpt = Annotated[list[str] | None, typer.Option("--recipient", help="As --actor, for the recipient.")]
TypeOpt = Annotated[
    list[str] | None, typer.Option("--type", "-t", help="PLOVER event type(s), repeat or comma.")
]
QuadOpt = Annotated[list[str] | None, typer.Option("--quad", help="PLOVER quad class(es), 1-4.")]
ModeOpt = Annotated[
    list[str] | None,
    typer.Option("--mode", help="PLOVER mode(s) required (phone, visit...); -mode excludes."),
]
ExcludeModeOpt = Annotated[list[str] | None, typer.Option("--exclude-mode", help="PLOVER mode(s) excluded.")]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option("--status", help="real (default), future, hypothetical, negated, or all; repeatable."),
]
MinConfOpt = Annotated[
    float | None,
    typer.Option("--min-confidence", help="Lowest event confidence (default: the calibrated one)."),
]
PlaceOpt = Annotated[
    list[str] | None, typer.Option("--place", help="Event place: country code (IRN or IR) or place name.")
]
SourceOpt = Annotated[list[str] | None, typer.Option("--source", help="Article source, exact; repeatable.")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Words in the event text.")]
NameOpt = Annotated[str | None, typer.Option("--q", help="Part of an actor's or recipient's name.")]
SectorExactOpt = Annotated[
    bool,
    typer.Option("--sector-exact", help="A code without a sector matches only participants without one."),
]


def events_cmd(
    db: DbOpt = DEFAULT_DB,
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    types: TypeOpt = None,
    quad: QuadOpt = None,
    mode: ModeOpt = None,
    exclude_mode: ExcludeModeOpt = None,
    status: StatusOpt = None,
    min_confidence: MinConfOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    source: SourceOpt = None,
    text: TextOpt = None,
    q: NameOpt = None,
    dyad: Annotated[
        str | None, typer.Option("--dyad", help="Only events of two sides, A-B (as for `timeline`).")
    ] = None,
    directed: DirectedOpt = False,
    sector_exact: SectorExactOpt = False,
    sort: Annotated[
        str, typer.Option("--sort", help="date, -date, goldstein, -goldstein, confidence, mentions, type...")
    ] = "date",
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = OutFormat.table,
) -> None:
    """Deduplicated events, by day: real ones (not future, hypothetical or negated) at or above
    the confidence threshold unless --status/--min-confidence say otherwise.  jsonl gives the
    output contract's event fields plus article_id, the GDELT counts and every mention."""
    from .filters import SORTS
    from .queries import (
        EVENT_FLAT_COLUMNS,
        count_events,
        event_flat,
        event_record,
        event_table_row,
        find_events,
    )

    if sort not in SORTS:
        raise _fail(f"--sort must be one of {', '.join(SORTS)}; got {sort!r}")
    flt = _event_query(
        actor=actor, recipient=recipient, type=types, quad=quad, mode=mode, exclude_mode=exclude_mode,
        status=status, min_confidence=min_confidence, since=since, until=until, place=place,
        source=source, text=text, q=q, dyad=dyad, directed=directed, sector_exact=sector_exact,
    )  # fmt: skip
    store = _open(db, read_only=True)
    try:
        rows = find_events(store, flt, limit, offset, sort)
        total = count_events(store, flt) if fmt is OutFormat.table else len(rows)
    finally:
        store.close()
    if fmt is OutFormat.jsonl:
        _emit([event_record(r) for r in rows], fmt, [])
    elif fmt is OutFormat.csv:
        _emit([event_flat(r) for r in rows], fmt, EVENT_FLAT_COLUMNS)
    else:
        trs = [event_table_row(r) for r in rows]
        cols = ["day", "event", "actor", "recipient", "ment/art/src", "text"]
        _emit(trs, fmt, cols, _shown(rows, total, "event"))


def quotes_cmd(
    db: DbOpt = DEFAULT_DB,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Speaker: code, Wikidata id, name part.")
    ] = None,
    text: Annotated[str | None, typer.Option("--text", help="Words in the quote.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct | indirect | mixed.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    article: Annotated[str | None, typer.Option("--article", help="One article id.")] = None,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    fmt: FormatOpt = OutFormat.table,
) -> None:
    """Attributed quotes, by article date."""
    from .queries import QUOTE_COLUMNS, QuoteFilter, count_quotes, find_quotes

    flt = QuoteFilter(speaker, text, kind, _date(since, "--since"), _date(until, "--until"), article)
    store = _open(db, read_only=True)
    try:
        rows = find_quotes(store, flt, limit, offset)
        total = count_quotes(store, flt) if fmt is OutFormat.table else len(rows)
    finally:
        store.close()
    cols = (
        QUOTE_COLUMNS
        if fmt is not OutFormat.table
        else ("date", "source", "speaker_text", "speaker_name", "speaker_code", "kind", "content")
    )
    _emit(rows, fmt, cols, _shown(rows, total, "quote"))


def actors_cmd(
    db: DbOpt = DEFAULT_DB,
    by: Annotated[str, typer.Option("--by", help="name (resolved actor) or code (code+sector).")] = "name",
    match: Annotated[
        str | None, typer.Option("--match", help="Only actors matching: code, Wikidata id, name part.")
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: LimitOpt = 50,
    fmt: FormatOpt = OutFormat.table,
) -> None:
    """Counts per resolved actor: mentions, articles, events as actor / recipient, quotes."""
    from .queries import ACTOR_COLUMNS, find_actors

    if by not in ("name", "code"):
        raise _fail("--by must be name or code")
    store = _open(db, read_only=True)
    try:
        rows = find_actors(store, by, _date(since, "--since"), _date(until, "--until"), match, limit)
    finally:
        store.close()
    _emit(rows, fmt, ACTOR_COLUMNS, f"{len(rows)} actor(s)")


DyadOpt = Annotated[
    str,
    typer.Option(
        "--dyad",
        help="Two sides, A-B (or A:B), each a code, Wikidata id or name part; '*' or 'anyone' for any.",
    ),
]
DirectedOpt = Annotated[
    bool, typer.Option("--directed", help="A as actor and B as recipient only (default: either direction).")
]


def _timeline(db: Path, dyad: str, freq: Freq, **opts: Any) -> Any:
    from .timeline import timeline

    flt = _event_query(dyad=dyad, **opts)
    store = _open(db, read_only=True)
    try:
        return timeline(store, None, None, freq.value, False, flt)
    finally:
        store.close()


def timeline_cmd(
    dyad: DyadOpt,
    db: DbOpt = DEFAULT_DB,
    freq: Annotated[
        Freq, typer.Option("--freq", help="day | week | month (weeks start Monday).")
    ] = Freq.week,
    directed: DirectedOpt = False,
    types: TypeOpt = None,
    quad: QuadOpt = None,
    mode: ModeOpt = None,
    exclude_mode: ExcludeModeOpt = None,
    status: StatusOpt = None,
    min_confidence: MinConfOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    source: SourceOpt = None,
    sector_exact: SectorExactOpt = False,
    fmt: FormatOpt = OutFormat.table,
) -> None:
    """Events of one dyad per period: counts per PLOVER quad class (1 verbal cooperation,
    2 material cooperation, 3 verbal conflict, 4 material conflict), mean PLOVER event_scale,
    mean Goldstein and the mentions behind them.  Counts deduplicated real events (as
    `events`, with the same filter options); either direction unless --directed."""
    tl = _timeline(
        db, dyad, freq, directed=directed, type=types, quad=quad, mode=mode, exclude_mode=exclude_mode,
        status=status, min_confidence=min_confidence, since=since, until=until, place=place,
        source=source, sector_exact=sector_exact,
    )  # fmt: skip
    from .timeline import TL_COLUMNS

    _emit(tl.rows, fmt, TL_COLUMNS, f"{dyad} per {freq.value}" + (" (directed)" if directed else ""))


def plot_timeline_cmd(
    dyad: DyadOpt,
    output: Annotated[Path, typer.Option("--output", "-o", help="The chart file (.png, .svg, .pdf).")],
    db: DbOpt = DEFAULT_DB,
    freq: Annotated[Freq, typer.Option("--freq", help="day | week | month.")] = Freq.week,
    directed: DirectedOpt = False,
    types: TypeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    title: Annotated[str | None, typer.Option("--title", help="Chart title.")] = None,
) -> None:
    """Chart a dyad's timeline: stacked events per quad class, mean Goldstein and PLOVER scale."""
    from .plot import plot_timeline

    tl = _timeline(db, dyad, freq, directed=directed, type=types, since=since, until=until)
    if not tl.rows:
        raise _fail(f"no events for {dyad} in {db}", 1)
    arrow = "->" if directed else "<->"
    a, _, b = dyad.partition(":" if ":" in dyad else "-")
    plot_timeline(tl, title or f"{a} {arrow} {b}: events per {freq.value}", output)
    _err().print(f"wrote {output} ({len(tl.rows)} {freq.value}s)", highlight=False)


def export_cmd(
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    db: DbOpt = DEFAULT_DB,
    table: Annotated[
        ExportTable, typer.Option("--table", help="events | quotes | actors.")
    ] = ExportTable.events,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="parquet | csv | jsonl | plover | gdelt (events).")
    ] = ExportFormat.parquet,
) -> None:
    """Export a table: Parquet, CSV, JSONL; events also as PLOVER JSONL or a GDELT-like CSV."""
    from .export import ExportError, export

    store = _open(db, read_only=True)
    try:
        n = export(store, table.value, fmt.value, output)
    except ExportError as exc:
        raise _fail(str(exc)) from exc
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        store.close()
    _err().print(f"wrote {n} {table.value} record(s) to {output}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the ``eventwire`` app."""
    app.command("ingest")(ingest_cmd)
    app.command("dedup")(dedup_cmd)
    app.command("events")(events_cmd)
    app.command("quotes")(quotes_cmd)
    app.command("actors")(actors_cmd)
    app.command("timeline")(timeline_cmd)
    plot = typer.Typer(help="Charts.", no_args_is_help=True, rich_markup_mode=None)
    plot.command("timeline")(plot_timeline_cmd)
    app.add_typer(plot, name="plot")
    app.command("export")(export_cmd)


assert set(METHODS) == {d.value for d in Dedup}
