"""What batched components share: `pipe` collects docs so a model sees many sentences at once."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.tokens import Doc


@functools.cache
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def single_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """BLAS limited to one thread while our numpy models run.

    Their matrices are small: a second OpenBLAS thread gains little on an idle machine and, when the
    cores are busy, its spinning made the taggers 4-5 times slower (`--jobs` workers cap it as well).
    """
    return _blas().limit(limits=1, user_api="blas")


class BatchedComponent:
    """A component whose work is `_annotate(list_of_docs)`; `__call__` and `pipe` both route there."""

    def _annotate(self, docs: list[Doc]) -> None:
        raise NotImplementedError

    def _annotate_batch(self, docs: list[Doc]) -> None:
        with single_blas_thread():
            self._annotate(docs)

    def __call__(self, doc: Doc) -> Doc:
        self._annotate_batch([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                self._annotate_batch(batch)
                yield from batch
                batch = []
        if batch:
            self._annotate_batch(batch)
            yield from batch
