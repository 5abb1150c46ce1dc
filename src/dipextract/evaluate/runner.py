"""What every evaluation shares: the predictor (the pipeline, loaded apart from the timing) and the scoring loop."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from ..schema import Document

Item = tuple[str, dict[str, Any]]
Predict = Callable[[Iterable[Item]], Iterator[Document]]
Progress = Callable[[int, int], None]


class GoldDoc(Protocol):
    name: str
    text: str


class Report(Protocol):
    docs: int
    seconds: float
    load_seconds: float


G = TypeVar("G", bound=GoldDoc)
R = TypeVar("R", bound=Report)


def _default_predict(items: Iterable[Item]) -> Iterator[Document]:
    from ..api import extract_many

    return extract_many(items)


def resolve_predict(predict: Predict | None) -> tuple[Predict, float]:
    """`predict`, or the pipeline loaded now so that its load time is kept out of docs/s."""
    if predict is not None:
        return predict, 0.0
    from ..api import load

    start = time.perf_counter()
    load()
    return _default_predict, time.perf_counter() - start


def score_all(
    golds: Sequence[G],
    report: R,
    score_document: Callable[[Document, G, R], None],
    predict: Predict | None,
    progress: Progress | None,
) -> R:
    """Predict every gold document's text (no publication date given) and add its scores to `report`."""
    predict, report.load_seconds = resolve_predict(predict)
    items = [(g.text, {"doc_id": g.name, "published": None, "source": g.name + ".txt"}) for g in golds]
    start = time.perf_counter()
    for n, (gold, pred) in enumerate(zip(golds, predict(items), strict=True), 1):
        score_document(pred, gold, report)
        report.docs = n
        if progress:
            progress(n, len(golds))
    report.seconds = time.perf_counter() - start
    return report
