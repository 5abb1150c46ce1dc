"""The `dipextract` command: articles in, contract JSON out (stdout is JSON only; messages go to stderr).

Exit codes: 0 all inputs done, 1 some inputs failed (each reported as `error: <path>: <reason>`),
2 usage errors.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import importlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from rich.console import Console

from . import deferred_imports
from .batch import STDIN, Options, Result, Summary, Task, run_batch
from .errors import DipextractError, InputError
from .io import (
    DEFAULT_GLOBS,
    MAX_BYTES,
    error_record,
    find_inputs,
    is_complete,
    output_paths,
    parse_size,
    write_atomic,
)


@functools.cache
def err_console() -> Console:
    """The stderr console, made on first use: rich's import is 30 ms a one-article run need not pay."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


OK, FAILED, USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130


class DefaultCommandGroup(TyperGroup):
    """Runs `extract` when the first argument is not a command, and loads heavy subcommands on first use.

    `dipextract FILE`, `dipextract DIR -o OUT` and `dipextract -` mean `dipextract extract ...`;
    `evaluate` (typer app `evaluate_app` in dipextract.evaluate.cli) is imported only when it is asked for,
    so that reading a single article starts fast.
    """

    default_command = "extract"
    lazy_commands: dict[str, tuple[str, str]] = {"evaluate": ("dipextract.evaluate.cli", "evaluate_app")}

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return names + [name for name in self.lazy_commands if name not in names]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            self.add_command(_load_subapp(cmd_name, *self.lazy_commands[cmd_name]), cmd_name)
        return super().get_command(ctx, cmd_name)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.list_commands(ctx) and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def _load_subapp(name: str, module_name: str, attribute: str) -> Any:
    """The click group of a typer sub-app, as `app.add_typer(sub_app, name=name)` would mount it."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return _unavailable(name, module_name)
    group = typer.main.get_group(getattr(module, attribute))
    group.name = name
    return group


def _unavailable(name: str, module_name: str) -> Any:
    stub = typer.Typer(add_completion=False)

    @stub.command(name=name, help=f"(not available: {module_name} is not installed)", hidden=True)
    def missing() -> None:
        err_console().print(f"error: `dipextract {name}` is not available here ({module_name} is missing)")
        raise typer.Exit(code=USAGE)

    return typer.main.get_command(stub)


app = typer.Typer(
    cls=DefaultCommandGroup,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Meetings, visits and planned events from Russian government and diplomatic news, as JSON.\n\n"
    "dipextract FILE | DIR | - [OPTIONS] runs `extract` (the default command).",
)


class Format(str, enum.Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _parse_size(value: str) -> int:
    try:
        return parse_size(str(value))
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.command()
def extract(
    source: Annotated[
        str, typer.Argument(metavar="INPUT", help="An article file, a folder of articles, or - for stdin.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Folder for OUT/<relative path>/<stem>.json (or the CSV tables); "
            "a .json file for one input; the .jsonl file with --format jsonl.",
        ),
    ] = None,
    published: Annotated[
        dt.date | None,
        typer.Option(
            parser=_parse_date, metavar="YYYY-MM-DD", help="Publication date: anchor for relative dates."
        ),
    ] = None,
    pretty: Annotated[bool, typer.Option("--pretty", help="Indent JSON documents (not JSON Lines).")] = False,
    tokens: Annotated[bool, typer.Option("--tokens", help="Include sentences and tokens.")] = False,
    include_text: Annotated[
        bool,
        typer.Option("--include-text", help="Include the text the offsets refer to (visible text for HTML)."),
    ] = False,
    format_: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="json (default for one input or with -o), jsonl (default for a "
            "folder to stdout), csv (events.csv + entities.csv in OUT or the current folder).",
        ),
    ] = None,
    glob: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            "-g",
            help=f"File pattern inside a folder, repeatable [default: {' '.join(DEFAULT_GLOBS)}].",
        ),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0: one per CPU).")] = 1,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume", help="Skip inputs whose OUT/…/<stem>.json already holds a complete document."
        ),
    ] = False,
    max_bytes: Annotated[
        int, typer.Option(parser=_parse_size, metavar="SIZE", help="Refuse larger inputs (e.g. 10MB, 500k).")
    ] = MAX_BYTES,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask", metavar="SCHEDULER_ADDRESS|local", help="Run on a Dask cluster (needs the dask extra)."
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles per pipeline batch.")] = 16,
) -> None:
    """Extract entities and events: one JSON document for a file, JSON Lines for a folder."""
    settings = Settings(
        source=source,
        output=output,
        format=format_,
        globs=tuple(glob or DEFAULT_GLOBS),
        pretty=pretty,
        jobs=jobs or (os.cpu_count() or 1),
        resume=resume,
        dask=dask,
        options=Options(
            published=published,
            tokens=tokens,
            include_text=include_text,
            max_bytes=max_bytes,
            batch_size=batch_size,
        ),
    )
    raise typer.Exit(code=run_extract(settings))


@app.command()
def serve(
    socket_file: Annotated[
        Path | None,
        typer.Option(
            "--socket",
            help="Unix socket to listen on (default: $DIPEXTRACT_SOCKET, else dipextract-UID.sock in "
            "$XDG_RUNTIME_DIR or the temporary folder).",
        ),
    ] = None,
) -> None:
    """Keep the models loaded: while this runs, `dipextract FILE` and `dipextract -` are answered by it
    (no 2–3 s of loading per call). Stop it with Ctrl-C."""
    from .resident import serve as run_server

    def ready(path: Path) -> None:
        err_console().print(f"dipextract serve: models loaded, listening on {path}")

    try:
        run_server(socket_file, ready=ready)
    except RuntimeError as exc:
        err_console().print(f"error: {exc}")
        raise typer.Exit(code=USAGE) from exc


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output documents (generated from the models)."""
    sys.stdout.write(schema_json())


def document_schema() -> dict[str, Any]:
    """JSON Schema of a serialised Document, as committed in schema/dipextract-1.json."""
    from pydantic import TypeAdapter

    from .schema import Document

    return TypeAdapter(Document).json_schema(by_alias=True, mode="serialization")


def schema_json() -> str:
    return json.dumps(document_schema(), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------------------
# What `extract` does, apart from argument parsing


class UsageError(Exception):
    """A combination of arguments that cannot work; reported before any input is read (exit 2)."""


@dataclass(frozen=True, slots=True)
class Settings:
    source: str
    output: Path | None = None
    format: Format | None = None
    globs: tuple[str, ...] = DEFAULT_GLOBS
    pretty: bool = False
    jobs: int = 1
    resume: bool = False
    dask: str | None = None
    options: Options = field(default_factory=Options)


@dataclass(slots=True)
class Plan:
    """Inputs and where each result goes."""

    tasks: list[Task]
    format: Format
    single: bool
    targets: dict[int, Path] = field(default_factory=dict)  # per-input JSON files (json with -o)
    stream_path: Path | None = None  # JSON Lines file (jsonl with -o); None: stdout
    table_dir: Path | None = None  # CSV tables


def run_extract(settings: Settings) -> int:
    """Process every input of `settings`, write the outputs, report on stderr; returns the exit code."""
    try:
        plan = make_plan(settings)
    except UsageError as exc:
        err_console().print(f"error: {exc}", markup=False)
        return USAGE
    except InputError as exc:  # stdin too large
        err_console().print(f"error: {exc}", markup=False)
        return FAILED
    summary = Summary()
    if settings.resume:
        plan.tasks = [task for task in plan.tasks if not _done(plan, task, summary)]
    try:
        with _Sink(plan, indent=2 if settings.pretty else None) as sink:
            for result in _progress(_results(plan, settings), len(plan.tasks), show=not plan.single):
                summary.add(result)
                if result.error is not None:
                    err_console().print(f"error: {result.task.source}: {result.error}", markup=False)
                sink.write(result)
    except KeyboardInterrupt:
        err_console().print("interrupted; rerun with --resume to finish", markup=False)
        err_console().print(summary.line(), markup=False)
        return EXIT_INTERRUPTED
    except DipextractError as exc:
        err_console().print(f"error: {exc}", markup=False)
        return FAILED
    if not plan.single:
        if not plan.tasks and not summary.skipped:
            err_console().print(f"warning: no files matching {' '.join(settings.globs)} in {settings.source}")
        err_console().print(summary.line(), markup=False)
    if plan.table_dir is not None:
        err_console().print(
            f"tables: {plan.table_dir / 'events.csv'}, {plan.table_dir / 'entities.csv'}", markup=False
        )
    return FAILED if summary.failures else OK


def make_plan(settings: Settings) -> Plan:
    """Inputs, output format and destinations; UsageError for impossible combinations."""
    options, output = settings.options, settings.output
    root = Path(settings.source)
    single = settings.source == "-" or root.is_file()
    if not single and not root.is_dir():
        raise UsageError(f"{settings.source}: no such file or folder")
    fmt = settings.format or (Format.json if single or output else Format.jsonl)
    plan = Plan([], fmt, single)
    if settings.dask and settings.jobs > 1:
        raise UsageError("--jobs and --dask do not go together (Dask decides the workers)")
    if settings.dask:
        from .distributed import require_dask

        try:
            require_dask()
        except DipextractError as exc:
            raise UsageError(str(exc)) from None
    if settings.resume and not (fmt is Format.json and output):
        raise UsageError("--resume needs per-article JSON files: -o OUT with --format json")
    if fmt is Format.json and not output and not single:
        raise UsageError("a folder gives many documents: use -o OUT, or --format jsonl for stdout")
    elif fmt is Format.jsonl and output:
        if output.is_dir():
            raise UsageError(f"-o {output} is a folder; --format jsonl writes one file")
        plan.stream_path = output
    elif fmt is Format.csv:
        plan.table_dir = output or Path.cwd()
    if settings.source == "-":
        data = sys.stdin.buffer.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            raise InputError(STDIN, f"too large: more than {options.max_bytes} bytes")
        plan.tasks, relative = [Task(0, STDIN, data=data)], [Path("stdin")]
    elif single:
        plan.tasks, relative = [Task(0, str(root), doc_id=root.stem, path=root)], [Path(root.name)]
    else:
        relative = find_inputs(root, settings.globs)
        plan.tasks = [
            Task(i, str(root / rel), doc_id=rel.stem, path=root / rel) for i, rel in enumerate(relative)
        ]
    if fmt is Format.json and output:
        if single and output.suffix == ".json" and not output.is_dir():
            plan.targets = {0: output}
        else:
            plan.targets = dict(enumerate(output_paths(output, relative)))
    return plan


def _done(plan: Plan, task: Task, summary: Summary) -> bool:
    target = plan.targets.get(task.index)
    if target is not None and is_complete(target):
        summary.skipped += 1
        return True
    return False


def _results(plan: Plan, settings: Settings) -> Iterator[Result]:
    if settings.dask:
        from .distributed import run_dask

        return run_dask(plan.tasks, settings.options, settings.dask)
    return run_batch(plan.tasks, settings.options, jobs=min(settings.jobs, max(1, len(plan.tasks))))


def _progress(results: Iterator[Result], total: int, *, show: bool) -> Iterator[Result]:
    """The results, with a progress bar on stderr when it is a terminal."""
    if not (show and err_console().is_terminal):
        yield from results
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console(), transient=True) as progress:
        bar = progress.add_task("extract", total=total)
        for result in results:
            yield result
            progress.advance(bar)


class _Sink:
    """Where results go: stdout, per-article JSON files, one JSON Lines file, or the CSV tables."""

    def __init__(self, plan: Plan, *, indent: int | None) -> None:
        self.plan = plan
        self.indent = indent
        self.stream: IO[str] = sys.stdout
        self.tables: Any = None
        self._tmp: Path | None = None

    def __enter__(self) -> _Sink:
        if self.plan.stream_path is not None:
            path = self.plan.stream_path
            path.parent.mkdir(parents=True, exist_ok=True)
            self._tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            self.stream = self._tmp.open("w", encoding="utf-8", newline="\n")
        if self.plan.table_dir is not None:
            from .tables import TableWriter

            self.tables = TableWriter(self.plan.table_dir).__enter__()
        return self

    def write(self, result: Result) -> None:
        plan, doc = self.plan, result.document
        if plan.format is Format.csv:
            if doc is not None:
                self.tables.add(doc)
        elif plan.format is Format.jsonl:
            line = error_record(result.task.source, result.error or "") if doc is None else doc.to_json()
            self.stream.write(line + "\n")
            self.stream.flush()
        elif doc is not None:
            text = doc.to_json(indent=self.indent) + "\n"
            target = plan.targets.get(result.task.index)
            if target is None:
                self.stream.write(text)
                self.stream.flush()
            else:
                write_atomic(target, text)

    def __exit__(self, kind: Any, value: Any, tb: Any) -> None:
        if self.tables is not None:
            self.tables.__exit__(kind, value, tb)
        if self._tmp is not None and self.plan.stream_path is not None:
            self.stream.close()
            # Keep what was written when interrupted: every line in it is a whole record.
            if kind is None or issubclass(kind, KeyboardInterrupt):
                os.replace(self._tmp, self.plan.stream_path)
            else:
                self._tmp.unlink(missing_ok=True)


def main() -> None:
    """Console-script entry point."""
    deferred_imports.install()  # spaCy's command line and srsly's YAML are not needed here: 0.4 s less start-up
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(
                encoding="utf-8", errors="backslashreplace" if stream is sys.stderr else "strict"
            )
    app()  # typer exits 1 quietly on a broken pipe (`dipextract DIR | head`)
