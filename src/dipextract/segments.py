"""Sentences as lists of word tokens (whitespace tokens left out), and which ones are Russian."""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.tokens import Doc, Token

_CACHE_KEY = "dipextract.sentences"
_TEXT_KEY = "dipextract.text"
_IDS_KEY = "dipextract.sentence_ids"
_WORDS_KEY = "dipextract.words"

# Letters of Kyrgyz, Kazakh, Tatar, Ukrainian… that Russian does not use.
_NON_RUSSIAN_CYRILLIC = re.compile(r"[ңүөәғқһіїєұҗҫӊ]", re.IGNORECASE)
# runs, not single letters: the letters are counted from the runs' lengths (fewer match objects)
_CYRILLIC = re.compile(r"[а-яё]+", re.IGNORECASE)
_LATIN = re.compile(r"[a-z]+", re.IGNORECASE)


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per doc: spaCy rebuilds the string from all tokens on every access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str, words: list[str] | None = None) -> None:
    """Give `doc_text` the string the doc was made from (the tokenizer keeps every character of it), and
    `token_texts` the tokens' texts when the tokenizer has them."""
    doc.user_data[_TEXT_KEY] = text
    if words is not None:
        doc.user_data[_WORDS_KEY] = words


def _sentence_index(doc: Doc) -> list[tuple[list[int], bool]]:
    """Token indices of each sentence's words and whether it is Russian; computed once per doc (hot path)."""
    cached = doc.user_data.get(_CACHE_KEY)
    if cached is not None:
        return cached
    index: list[tuple[list[int], bool]] = []
    if len(doc):
        flags = doc.to_array([SENT_START, IS_SPACE]).astype(np.int64)  # SENT_START may be -1
        current: list[int] = []
        for i, (start, space) in enumerate(zip(flags[:, 0].tolist(), flags[:, 1].tolist())):
            if start == 1 and current:
                index.append((current, False))
                current = []
            if not space:
                current.append(i)
        if current:
            index.append((current, False))
        text = doc_text(doc)
        index = [
            (words, is_russian(text[doc[words[0]].idx : doc[words[-1]].idx + len(doc[words[-1]])]))
            for words, _ in index
        ]
    doc.user_data[_CACHE_KEY] = index
    return index


def sentence_ids(doc: Doc) -> list[int]:
    """The sentence number of every token, computed once per doc (for O(1) same-sentence checks)."""
    cached = doc.user_data.get(_IDS_KEY)
    if cached is None:
        cached, current = [], -1
        for start in doc.to_array([SENT_START]).tolist():
            current += start == 1 or current < 0
            cached.append(current)
        doc.user_data[_IDS_KEY] = cached
    return cached


def sentence_indices(doc: Doc, *, russian: bool = False) -> list[list[int]]:
    """Token indices of each sentence's words (of the Russian sentences only with `russian`); no Token objects."""
    return [words for words, is_ru in _sentence_index(doc) if is_ru or not russian]


def token_texts(doc: Doc) -> list[str]:
    """The text of every token, without creating spaCy Token objects (kept from the tokenizer when it made
    the doc; treat the list as read-only)."""
    words = doc.user_data.get(_WORDS_KEY)
    if words is None or len(words) != len(doc):
        strings = doc.vocab.strings
        words = doc.user_data[_WORDS_KEY] = [strings[orth] for orth in doc.to_array(ORTH).tolist()]
    return words


def sentence_words(doc: Doc) -> list[list[Token]]:
    """Word tokens of each sentence, in order; sentences of whitespace only are skipped."""
    return [[doc[i] for i in words] for words, _ in _sentence_index(doc)]


def is_russian(text: str) -> bool:
    """True when a stretch of text reads as Russian: no letters of other Cyrillic alphabets, mostly Cyrillic."""
    if _NON_RUSSIAN_CYRILLIC.search(text):
        return False
    cyrillic = sum(map(len, _CYRILLIC.findall(text)))
    latin = sum(map(len, _LATIN.findall(text)))
    return cyrillic > 0 and cyrillic >= 0.5 * (cyrillic + latin)


def russian_sentences(doc: Doc) -> list[list[Token]]:
    """Word tokens of the sentences that entity and event extraction should read."""
    return [[doc[i] for i in words] for words, russian in _sentence_index(doc) if russian]
