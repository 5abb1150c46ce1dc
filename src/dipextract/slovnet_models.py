"""natasha's shipped slovnet models and navec embeddings, loaded once and driven on our own tokens."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

from natasha.data import NEWS_EMBEDDING, NEWS_MORPH, NEWS_NER, NEWS_SYNTAX

BATCH_SIZE = 32


@functools.cache
def navec() -> Any:
    """The 250K-word navec table (26 MB) shared by every slovnet model."""
    from navec import Navec

    return Navec.load(NEWS_EMBEDDING)


@functools.cache
def morph_model() -> Any:
    from slovnet import Morph

    return Morph.load(NEWS_MORPH, batch_size=BATCH_SIZE).navec(navec())


@functools.cache
def syntax_model() -> Any:
    from slovnet import Syntax

    return Syntax.load(NEWS_SYNTAX, batch_size=BATCH_SIZE).navec(navec())


@functools.cache
def ner_model() -> Any:
    from slovnet import NER

    return NER.load(NEWS_NER, batch_size=BATCH_SIZE).navec(navec())


def _tag(model: Any, sentences: Sequence[Sequence[str]]) -> Iterator[list[str]]:
    """Run a slovnet tagger's encoder/model/decoder directly on pre-tokenised sentences."""
    infer = model.infer
    inputs = infer.encoder([list(words) for words in sentences])
    yield from infer.decoder(infer.process(inputs))


def tag_morph(sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, dict[str, str]]]]:
    """(UPOS, features) per word, from slovnet's morphology model."""
    result = []
    for tags in _tag(morph_model(), sentences):
        row = []
        for tag in tags:
            pos, _, feats = tag.partition("|")
            row.append((pos, dict(f.split("=", 1) for f in feats.split("|") if "=" in f)))
        result.append(row)
    return result


def tag_ner(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """BIO tags (PER, LOC, ORG) per word, from slovnet's news NER model."""
    return list(_tag(ner_model(), sentences))


def parse_syntax(sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, str]]]:
    """(head index within the sentence or -1 for the root, relation) per word."""
    result = []
    for markup in syntax_model().map([list(words) for words in sentences]):
        result.append([(int(t.head_id) - 1, t.rel) for t in markup.tokens])
    return result
