"""The one pymorphy3 analyzer of the process, with cached look-ups."""

from __future__ import annotations

import functools

import pymorphy3
from pymorphy3.analyzer import Parse


@functools.cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """Build the analyzer once: loading its dictionaries takes ~0.3 s and 15 MB."""
    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=30_000)  # parses are heavy (~2 KB each); the frequent words fit in 30K
def parse(word: str) -> tuple[Parse, ...]:
    """All pymorphy3 parses of a word, most probable first (cached: news repeats words)."""
    try:
        return tuple(analyzer().parse(word))
    except ValueError:
        return ()  # pymorphy3 asks unicodedata.name() of letters that have none (Tangut "𗍒"): unknown word


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Context-free lemma (lower case) of the most probable parse."""
    parses = parse(word)
    return parses[0].normal_form if parses else word.lower()
