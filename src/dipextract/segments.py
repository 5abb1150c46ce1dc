"""Sentences as lists of word tokens (whitespace tokens left out), and which ones are Russian."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

# Letters of Kyrgyz, Kazakh, Tatar, Ukrainian… that Russian does not use.
_NON_RUSSIAN_CYRILLIC = re.compile(r"[ңүөәғқһіїєұҗҫӊ]", re.IGNORECASE)
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)


def sentence_words(doc: Doc) -> list[list[Token]]:
    """Word tokens of each sentence, in order; sentences of whitespace only are skipped."""
    result = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            result.append(words)
    return result


def is_russian(text: str) -> bool:
    """True when a stretch of text reads as Russian: no letters of other Cyrillic alphabets, mostly Cyrillic."""
    if _NON_RUSSIAN_CYRILLIC.search(text):
        return False
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    return cyrillic > 0 and cyrillic >= 0.5 * (cyrillic + latin)


def russian_sentences(doc: Doc) -> list[list[Token]]:
    """Word tokens of the sentences that entity and event extraction should read."""
    return [words for words in sentence_words(doc) if is_russian(doc.text[words[0].idx : words[-1].idx + len(words[-1])])]


def char_span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    """A Span over the tokens covering [start, end) characters (None if it falls in whitespace)."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")
