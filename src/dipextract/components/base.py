"""What batched components share: `pipe` collects docs so a model sees many sentences at once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc


class BatchedComponent:
    """A component whose work is `_annotate(list_of_docs)`; `__call__` and `pipe` both route there."""

    def _annotate(self, docs: list[Doc]) -> None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                self._annotate(batch)
                yield from batch
                batch = []
        if batch:
            self._annotate(batch)
            yield from batch
