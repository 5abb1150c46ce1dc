"""Batch extraction that survives bad articles: chunks through `extract_many`, optionally in worker processes."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice, repeat
from pathlib import Path
from typing import Any

from .collector import fewer_collections
from .errors import InputError, ModelError
from .io import MAX_BYTES, article_text, read_article
from .schema import Document

STDIN = "<stdin>"


@dataclass(frozen=True, slots=True)
class Task:
    """One input: a file (`path`), raw bytes (`data`, e.g. stdin) or a decoded text (`text`)."""

    index: int
    source: str
    doc_id: str | None = None
    path: Path | None = None
    data: bytes | None = None
    text: str | None = None
    published: dt.date | None = None  # overrides Options.published for this input


@dataclass(frozen=True, slots=True)
class Options:
    """What every worker needs to turn a Task into a Document."""

    published: dt.date | None = None
    tokens: bool = False
    include_text: bool = False
    max_bytes: int = MAX_BYTES
    batch_size: int = 16


@dataclass(frozen=True, slots=True)
class Result:
    """A Task's Document, or the reason it failed (`error`)."""

    task: Task
    document: Document | None = None
    error: str | None = None


@dataclass(slots=True)
class Summary:
    """Counts for the end-of-batch line on stderr."""

    articles: int = 0
    entities: int = 0
    events: int = 0
    failures: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.perf_counter)

    def add(self, result: Result) -> None:
        if result.document is None:
            self.failures += 1
            return
        self.articles += 1
        self.entities += len(result.document.entities)
        self.events += len(result.document.events)

    def line(self) -> str:
        elapsed = time.perf_counter() - self.started
        rate = self.articles / elapsed if elapsed > 0 else 0.0
        skipped = f", skipped (already done): {self.skipped}" if self.skipped else ""
        return (
            f"articles: {self.articles}, entities: {self.entities}, events: {self.events}, "
            f"failures: {self.failures}{skipped}, {rate:.2f} articles/s ({elapsed:.1f} s)"
        )


def read_task(task: Task, options: Options) -> str:
    """The text of a Task's input; InputError if it cannot be read as an article."""
    if task.text is not None:
        return task.text
    if task.data is not None:
        if len(task.data) > options.max_bytes:
            raise InputError(task.source, f"too large: {len(task.data)} bytes > {options.max_bytes}")
        return article_text(task.data, source=task.source)
    if task.path is None:
        raise InputError(task.source, "no input")
    return read_article(task.path, max_bytes=options.max_bytes)


def _meta(task: Task, options: Options) -> dict[str, Any]:
    return {"doc_id": task.doc_id, "published": task.published or options.published, "source": task.source}


def _failure(exc: Exception) -> str:
    return f"pipeline failed: {type(exc).__name__}: {exc}"


def extract_texts(pairs: list[tuple[Task, str]], options: Options) -> list[Result]:
    """Documents for decoded texts; if the batch breaks, it is redone one by one so only the culprit fails."""
    from .api import extract_many

    def run(batch: list[tuple[Task, str]]) -> list[Document]:
        items = [(text, _meta(task, options)) for task, text in batch]
        return list(
            extract_many(
                items, tokens=options.tokens, include_text=options.include_text, batch_size=options.batch_size
            )
        )

    try:
        documents = run(pairs)
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported as one article's error; the batch goes on
        if len(pairs) == 1:
            return [Result(pairs[0][0], error=_failure(exc))]
        return [result for pair in pairs for result in extract_texts([pair], options)]
    return [Result(task, doc) for (task, _), doc in zip(pairs, documents, strict=True)]


def run_chunk(tasks: list[Task], options: Options) -> list[Result]:
    """Results for a chunk of Tasks, in the chunk's order."""
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    results: dict[int, Result] = {}
    pairs: list[tuple[Task, str]] = []
    for task in tasks:
        try:
            pairs.append((task, read_task(task, options)))
        except InputError as exc:
            results[task.index] = Result(task, error=exc.reason)
    if pairs:
        results.update((result.task.index, result) for result in extract_texts(pairs, options))
    return [results[task.index] for task in tasks]


def chunked(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    iterator = iter(tasks)
    while chunk := list(islice(iterator, size)):
        yield chunk


_WORKER_ERROR: ModelError | None = None
# Forked workers share the parent's loaded models (copy-on-write) and start at once; where fork is not
# the safe default (macOS, Windows), workers are spawned and load the models themselves.
FORK = sys.platform.startswith("linux")


def load_models() -> None:
    """Build the pipeline once in this process; any failure becomes a ModelError naming the cause."""
    from .api import load

    try:
        load()
    except ModelError:
        raise
    except Exception as exc:  # noqa: BLE001 - re-raised with the cause, so the batch stops with one message
        raise ModelError(f"cannot load the models: {type(exc).__name__}: {exc}") from exc


def _init_worker(threads: int) -> None:
    """Load the models once per worker process; a failure is raised on the worker's first chunk.

    BLAS threads are capped so N workers do not each start one thread per core (oversubscription made
    `--jobs 2` slower than `--jobs 1`).
    """
    global _WORKER_ERROR
    from threadpoolctl import threadpool_limits

    threadpool_limits(threads)
    try:
        load_models()
    except ModelError as exc:
        _WORKER_ERROR = exc


def run_batch(tasks: Iterable[Task], options: Options, *, jobs: int = 1) -> Iterator[Result]:
    """Results for all Tasks in input order; `jobs` > 1 spreads chunks over that many worker processes."""
    with fewer_collections():  # here too: unpickling the workers' results made the collector scan the
        yield from _run_batch(tasks, options, jobs=jobs)  # parent's caches over and over, on a core they need


def _run_batch(tasks: Iterable[Task], options: Options, *, jobs: int) -> Iterator[Result]:
    size = options.batch_size
    if jobs > 1 and isinstance(tasks, Sequence):  # small inputs: give every worker a share
        size = max(1, min(size, -(-len(tasks) // jobs)))
    chunks = chunked(tasks, size)
    if jobs <= 1:
        for chunk in chunks:
            yield from run_chunk(chunk, options)
        return
    if FORK:
        load_models()
    context = multiprocessing.get_context("fork" if FORK else "spawn")
    threads = max(1, (os.cpu_count() or 1) // jobs)
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(threads,))
    try:
        for results in pool.map(run_chunk, chunks, repeat(options)):
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
