"""Extraction on a Dask cluster: `extract_bag` for library users, `run_dask` behind `dipextract --dask`.

Dask is an optional extra (`pip install 'dipextract[dask]'`), imported only here and only when used.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batch import Options, Result, Task, chunked, read_task, run_chunk
from .errors import DipextractError, InputError
from .schema import Document

if TYPE_CHECKING:
    import dask.bag
    import distributed

LOCAL = "local"
MISSING = "dask is not installed; install the extra: pip install 'dipextract[dask]'"


def require_dask() -> None:
    """Raise a DipextractError naming the fix when dask or distributed is missing."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DipextractError(MISSING) from exc


def _task(index: int, item: Any) -> Task:
    if isinstance(item, str):
        return Task(index, source=f"<item {index}>", text=item)
    if isinstance(item, os.PathLike):
        path = Path(item)
        return Task(index, source=str(path), doc_id=path.stem, path=path)
    text, meta = item
    published = meta.get("published")
    return Task(
        index,
        source=meta.get("source") or f"<item {index}>",
        doc_id=meta.get("doc_id"),
        text=text,
        published=dt.date.fromisoformat(published) if isinstance(published, str) else published,
    )


def _as_dict(result: Result) -> dict[str, Any]:
    if result.document is None:
        return {"error": result.error, "source": result.task.source}
    return json.loads(result.document.to_json())


def _extract_partition(items: Iterable[Any], options: Options) -> list[dict[str, Any]]:
    tasks = [_task(index, item) for index, item in enumerate(items)]
    return [_as_dict(result) for result in run_chunk(tasks, options)]


def extract_bag(bag: dask.bag.Bag, options: Options | None = None) -> dask.bag.Bag:
    """A bag of Document dicts (contract JSON) for a bag of texts, paths or (text, {doc_id, source}) pairs.

    Items that cannot be read or analysed become `{"error": ..., "source": ...}`. Each partition goes
    through `extract_many` in one go; the models are loaded once per worker process (`api.load` caches).
    Paths are read on the workers, so they must see the same file system.
    """
    require_dask()
    return bag.map_partitions(_extract_partition, options or Options())


@contextmanager
def open_client(address: str) -> Iterator[distributed.Client]:
    """A client of the scheduler at `address`, or of a 2-process LocalCluster for "local"."""
    require_dask()
    from distributed import Client, LocalCluster

    if address == LOCAL:
        with LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            with Client(cluster) as client:
                yield client
    else:
        with Client(address) as client:
            yield client


def run_dask(tasks: Iterable[Task], options: Options, address: str, *, window: int = 32) -> Iterator[Result]:
    """Results for all Tasks in input order, computed on the cluster `window` partitions at a time.

    Inputs are read here and sent as texts, so workers need no access to the files; the next window is
    submitted before the current one is collected to keep the workers busy.
    """
    import dask.bag as db

    with open_client(address) as client:
        pending: deque[tuple[list[Result | Task], Any]] = deque()
        for chunk in chunked(tasks, options.batch_size * window):
            slots: list[Result | Task] = []
            items: list[tuple[str, dict[str, Any]]] = []
            for task in chunk:
                try:
                    text = read_task(task, options)
                except InputError as exc:
                    slots.append(Result(task, error=exc.reason))
                else:
                    slots.append(task)
                    items.append(
                        (text, {"doc_id": task.doc_id, "source": task.source, "published": task.published})
                    )
            future = None
            if items:
                bag = db.from_sequence(items, partition_size=options.batch_size)
                future = client.compute(extract_bag(bag, options))
            pending.append((slots, future))
            if len(pending) > 1:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(slots: list[Result | Task], future: Any) -> Iterator[Result]:
    records = iter(future.result() if future is not None else ())
    for slot in slots:
        if isinstance(slot, Result):
            yield slot
            continue
        record = next(records)
        if "error" in record:
            yield Result(slot, error=record["error"])
        else:
            yield Result(slot, document=Document.model_validate(record))
