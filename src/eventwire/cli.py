"""The ``eventwire`` command line."""

from __future__ import annotations

import importlib
import json
import logging
import platform
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Annotated, Any

import typer

from . import __version__
from .config import DEFAULT_MODEL, DEFAULT_PARSE, DEFAULT_PARSE_MODE, PARSE_HELP, ParseMode, PipelineConfig
from .events.threshold import DEFAULT_MIN_CONFIDENCE
from .model import Reject

EXAMPLES = """

\b
Examples:
  eventwire code article.txt                      # one text file (first line: date YYYY-MM-DD)
  eventwire code corpus.jsonl -o pretty            # readable tables for a person
  eventwire code news/ > coded.jsonl               # a directory, recursively, one JSON object per article
  cat story.txt | eventwire code -                 # standard input
  eventwire code pages/ --format html              # HTML pages (main text and date extracted)
  eventwire info --json                            # versions and the spaCy model in use
"""

app = typer.Typer(
    name="eventwire",
    help="Political event data (PLOVER, CAMEO, Goldstein) and attributed quotes from dated news articles."
    + EXAMPLES,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: modules that add their own commands to ``app`` (each calls ``register(app)``)
COMMAND_MODULES: tuple[str, ...] = ("eventwire.store.commands", "eventwire.api.commands")


class Format(StrEnum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


class Output(StrEnum):
    jsonl = "jsonl"
    pretty = "pretty"


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def report_reject(rej: Reject, console: Any) -> None:
    from rich.markup import escape

    # escape: file names and reasons may hold [brackets] that rich would read as markup
    console.print(f"[bold red]rejected[/] {escape(rej.origin)}: {escape(rej.reason)}", highlight=False)


def with_progress(items: Iterable[Any], enabled: bool, label: str = "coding") -> Iterator[Any]:
    """Yield ``items`` while showing articles done and articles/s on standard error."""
    if not enabled:
        yield from items
        return
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} articles/s"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=_stderr_console(), transient=True) as progress:
        task = progress.add_task(label, total=None, rate="-")
        for n, item in enumerate(items, 1):
            yield item
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{n / elapsed:.1f}" if elapsed > 0 else "-"
            progress.update(task, advance=1, rate=rate)


def build_config(model: str, max_chars: int, batch_size: int, parse: str = DEFAULT_PARSE) -> PipelineConfig:
    return PipelineConfig(model=model, max_chars=max_chars, batch_size=batch_size, parse=parse)


@app.command()
def code(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or directories to code; '-' or nothing reads standard input."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Input format.")] = Format.auto,
    output: Annotated[
        Output | None,
        typer.Option("--output", "-o", help="jsonl (default when piped) or pretty (default on a terminal)."),
    ] = None,
    model: Annotated[str, typer.Option(help="spaCy model, the name spacy.load takes.")] = DEFAULT_MODEL,
    max_chars: Annotated[int, typer.Option(help="Reject articles longer than this.")] = 1_000_000,
    batch_size: Annotated[int, typer.Option(help="Articles parsed together.")] = 32,
    parse: Annotated[ParseMode, typer.Option("--parse", help=PARSE_HELP)] = DEFAULT_PARSE_MODE,
    no_text: Annotated[bool, typer.Option("--no-text", help="Leave the body text out.")] = False,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Output only events whose confidence (the calibrated probability that the sentence holds "
            "an event of that type) is at least this; 0 outputs every event. The default is the threshold "
            "chosen for precision on the tune half (benchmarks/events_exhaustive.py).",
        ),
    ] = DEFAULT_MIN_CONFIDENCE,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar on standard error.")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details on standard error.")] = False,
) -> None:
    """Code articles: one JSON object per article (events, quotes, entities, times, places).

    Exit code: 0 all records coded, 1 some records rejected (each reported on standard
    error with its reason), 2 usage or fatal error.  A later article with an id already
    read in this run is skipped (as `eventwire ingest` does), with a note on standard error.
    """
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr)
    from rich.markup import escape

    from .ingest import limits_for, read_paths, skip_repeated_ids
    from .model import Article
    from .pipeline import Pipeline

    err = _stderr_console()
    out_mode = output or (Output.pretty if sys.stdout.isatty() else Output.jsonl)
    show_progress = progress if progress is not None else sys.stderr.isatty()
    try:
        pipe = Pipeline(build_config(model, max_chars, batch_size, parse.value))
    except (RuntimeError, KeyError) as exc:
        err.print(f"[bold red]error[/] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    rejected = 0
    coded = 0
    repeated = 0

    def on_repeat(art: Article, first: str) -> None:
        nonlocal repeated
        repeated += 1
        where = escape(art.origin or art.id)
        msg = f"skipped: id {art.id!r} was already read at {first}"
        err.print(f"[yellow]warning[/] {where}: {escape(msg)}", highlight=False)

    records = skip_repeated_ids(read_paths(paths, fmt.value, limits_for(max_chars)), on_repeat)
    for item in with_progress(pipe.run(records), show_progress):
        if isinstance(item, Reject):
            rejected += 1
            report_reject(item, err)
            continue
        coded += 1
        if min_confidence > 0:
            item.events = [e for e in item.events if e.confidence >= min_confidence]
        for w in item.warnings:
            if w.code not in QUIET_WARNINGS:
                where = item.article.origin or item.article.id
                err.print(f"[yellow]warning[/] {escape(where)}: {escape(w.message)}", highlight=False)
        if out_mode is Output.jsonl:
            sys.stdout.write(json.dumps(item.to_dict(include_text=not no_text), ensure_ascii=False) + "\n")
        else:
            from .pretty import print_document

            print_document(item)
    sys.stdout.flush()
    if show_progress or rejected or repeated:
        skipped = f", skipped {repeated} repeated id(s)" if repeated else ""
        err.print(f"coded {coded} article(s), rejected {rejected}{skipped}", highlight=False)
    raise typer.Exit(1 if rejected else 0)


#: warnings that are facts about the article rather than input problems: not echoed to stderr
QUIET_WARNINGS = frozenset({"title_mismatch"})


def info_dict(model: str = DEFAULT_MODEL) -> dict[str, Any]:
    import duckdb
    import spacy

    data: dict[str, Any] = {
        "eventwire": __version__,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "spacy_model": model,
        "duckdb": duckdb.__version__,
        "stages": list(PipelineConfig().stages),
    }
    try:
        meta = spacy.util.get_package_version(model)
        data["spacy_model_version"] = meta
    except Exception:  # noqa: BLE001
        data["spacy_model_version"] = None
    try:
        from .knowledge import knowledge_info

        data["knowledge"] = knowledge_info()
    except ImportError:
        pass
    return data


@app.command()
def info(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
    model: Annotated[str, typer.Option(help="spaCy model to report on.")] = DEFAULT_MODEL,
) -> None:
    """Versions, the spaCy model and the pipeline's stages."""
    data = info_dict(model)
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    for k, v in data.items():
        typer.echo(f"{k:>20}: {v}")


@app.command()
def summary(
    files: Annotated[list[str], typer.Argument(help="JSON lines written by 'eventwire code'.")],
    top: Annotated[int, typer.Option(help="Events to list.")] = 15,
) -> None:
    """Summarise coded output: counts, events by type, top speakers, warnings."""
    from pathlib import Path

    from .summary import load_jsonl, summarise

    try:
        records = load_jsonl(Path(f) for f in files)
    except (OSError, ValueError) as exc:
        _stderr_console().print(f"[bold red]error[/] {exc}")
        raise typer.Exit(2) from exc
    summarise(records, top=top)


def _register_commands() -> None:
    for mod in COMMAND_MODULES:
        try:
            module = importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:
                raise
            continue
        module.register(app)


def main() -> None:
    _register_commands()
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None


if __name__ == "__main__":  # pragma: no cover
    main()
