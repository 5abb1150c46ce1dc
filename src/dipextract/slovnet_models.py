"""natasha's shipped slovnet models and navec embeddings, loaded once and driven on our own tokens."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from natasha.data import NEWS_EMBEDDING, NEWS_MORPH, NEWS_NER, NEWS_SYNTAX

BATCH_SIZE = 64


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


def _by_length(sentences: Sequence[Sequence[str]]) -> list[int]:
    """Indices sorted by sentence length: slovnet pads each batch to its longest sentence."""
    return sorted(range(len(sentences)), key=lambda i: len(sentences[i]))


def _unsort(order: list[int], results: Iterable[Any]) -> list[Any]:
    out: list[Any] = [None] * len(order)
    for i, result in zip(order, results):
        out[i] = result
    return out


def _tag(model: Any, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """Run a slovnet tagger's encoder/model/decoder directly on pre-tokenised sentences."""
    infer = model.infer
    order = _by_length(sentences)
    inputs = infer.encoder([list(sentences[i]) for i in order])
    return _unsort(order, infer.decoder(infer.process(inputs)))


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
    order = _by_length(sentences)
    markups = syntax_model().map([list(sentences[i]) for i in order])
    return _unsort(order, ([(int(t.head_id) - 1, t.rel) for t in markup.tokens] for markup in markups))
