"""Public entry points: load the pipeline once, turn texts into contract Documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from .schema import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TextItem = str | tuple[str, dict[str, Any]]


# spaCy keeps every word it has met for good (a lexeme and its strings, ~2 KB with the caches keyed on it):
# an archive's long tail of names, numbers and typos grew a process past 800 MB within 2,000 articles of
# new words. Past this many lexemes the pipeline is rebuilt between groups of articles (0.05 s: the models
# stay loaded), and the old vocabulary goes with the old pipeline.
VOCAB_LIMIT = 100_000
_GROUP = 256  # articles per `nlp.pipe` call; the vocabulary is checked between calls


def load() -> Language:
    """The spaCy Language that does the analysis, built once per process (rebuilt by `extract_many` when
    its vocabulary outgrows `VOCAB_LIMIT`)."""
    from .pipeline import build_pipeline

    return build_pipeline()


def _renewed(nlp: Language) -> Language:
    """A fresh pipeline when `nlp` has met more than `VOCAB_LIMIT` words, else `nlp`."""
    if len(nlp.vocab) <= VOCAB_LIMIT:
        return nlp
    from .pipeline import build_pipeline

    build_pipeline.cache_clear()
    return build_pipeline()


def _prepare(nlp: Language, text: str, meta: dict[str, Any]) -> tuple[Doc, dict[str, Any]]:
    """Tokenise and attach the caller's publication date, so date components resolve against it."""
    doc = nlp.make_doc(text)
    published = meta.get("published")
    doc._.published = published.isoformat() if published else None
    return doc, meta


def extract(
    text: str,
    *,
    doc_id: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    tokens: bool = False,
    include_text: bool = False,
) -> Document:
    """One article's entities and events."""
    return next(
        extract_many(
            [(text, {"doc_id": doc_id, "published": published, "source": source})],
            tokens=tokens,
            include_text=include_text,
        )
    )


def extract_many(
    items: Iterable[TextItem],
    *,
    tokens: bool = False,
    include_text: bool = False,
    batch_size: int = 16,
) -> Iterator[Document]:
    """Documents for many texts, batched through `nlp.pipe`; items are texts or (text, {doc_id, published, source})."""
    from .collector import fewer_collections
    from .export import to_document

    nlp = load()
    pairs = ((item, {}) if isinstance(item, str) else item for item in items)
    with fewer_collections():  # the garbage collector's default pace cost 7% of a run for nothing
        while group := list(islice(pairs, _GROUP)):
            nlp = _renewed(nlp)
            for doc, meta in nlp.pipe(
                (_prepare(nlp, text, meta) for text, meta in group), as_tuples=True, batch_size=batch_size
            ):
                yield to_document(
                    doc,
                    doc_id=meta.get("doc_id"),
                    published=meta.get("published"),
                    source=meta.get("source"),
                    tokens=tokens,
                    include_text=include_text,
                )
