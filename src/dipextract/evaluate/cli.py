"""`dipextract evaluate …`: tables on stdout, progress and messages on stderr; mounted by the top-level CLI."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

evaluate_app = typer.Typer(
    help="Measure quality on NEREL, FactRuEval-2016 and the events-dev gold.", no_args_is_help=True
)
err_console = Console(stderr=True)


def _require_dir(path: Path, what: str) -> None:
    if not path.is_dir():
        err_console.print(f"error: {path}: no such folder ({what})")
        raise typer.Exit(code=2)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A stderr progress bar fed by (done, total) callbacks; silent when stderr is not a terminal."""
    bar = Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True, disable=not err_console.is_terminal,
    )  # fmt: skip
    task = bar.add_task(label, total=None)
    with bar:
        yield lambda done, total: bar.update(task, completed=done, total=total)


@evaluate_app.command("nerel")
def nerel(
    corpus_dir: Annotated[Path, typer.Argument(help="NEREL brat folder (*.txt + *.ann), e.g. nerel/dev.")],
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Only the first N documents.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON instead of a table.")
    ] = False,
) -> None:
    """Entity spans per type (exact and overlap), person–post links, speed."""
    from .nerel import evaluate_nerel

    _require_dir(corpus_dir, "NEREL brat folder")
    with _progress("nerel") as progress:
        report = evaluate_nerel(corpus_dir, limit=limit, progress=progress)
    typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1) if as_json else report.table())


@evaluate_app.command("factrueval")
def factrueval(
    devset_dir: Annotated[
        Path, typer.Argument(help="FactRuEval-2016 folder (book_N.txt/.spans/.objects/...).")
    ],
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Only the first N documents.")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON instead of a table.")
    ] = False,
) -> None:
    """PER/ORG/LOC mentions (track 1) and Occupation/Meeting facts (track 3)."""
    from .factru import evaluate_factrueval

    _require_dir(devset_dir, "FactRuEval-2016 devset")
    with _progress("factrueval") as progress:
        report = evaluate_factrueval(devset_dir, limit=limit, progress=progress)
    typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=1) if as_json else report.table())


@evaluate_app.command("events")
def events(
    events_dev_dir: Annotated[Path, typer.Argument(help="The events-dev folder (gold/ and events_eval.py).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Keep the predictions here.")] = None,
    report_json: Annotated[
        Path | None, typer.Option("--report-json", help="Write the scorer's per-document JSON report here.")
    ] = None,
) -> None:
    """Predict the events-dev documents and print the shipped scorer's report."""
    from .events import EventsDevError, evaluate_events

    _require_dir(events_dev_dir, "events-dev folder")
    if not (events_dev_dir / "events_eval.py").is_file():
        err_console.print(f"error: {events_dev_dir}: no events_eval.py (not an events-dev folder)")
        raise typer.Exit(code=2)
    try:
        with _progress("events") as progress:
            output = evaluate_events(events_dev_dir, out, report_json=report_json, progress=progress)
    except EventsDevError as e:
        err_console.print(f"error: {e}")
        raise typer.Exit(code=2) from e
    if out is not None:
        err_console.print(f"predictions in {out}")
    if report_json is not None:
        err_console.print(f"scorer report in {report_json}")
    typer.echo(output.rstrip("\n"))
