"""spaCy's Russian lexeme attributes, the same answers with less Python for every new word.

spaCy computes some 23 attributes of every word its vocabulary meets for the first time, each through a
Python function: a new word cost ~20 µs, ~13 of them in those functions, and a run over the 746 NEREL
train articles meets 36,000 new words. Here the string predicates are `str`'s own methods (the same
answer without a Python frame), `like_num` looks its number words up in a set, and `shape` and
`like_url` answer the common cases (a word in lower case or capitalised, a word without a dot) directly
and leave the rest to spaCy's functions. tests/test_lex_attrs.py checks every one against spaCy's.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

from spacy import attrs
from spacy.lang import lex_attrs as spacy_lex_attrs
from spacy.lang.ru import lex_attrs as spacy_ru_lex_attrs
from spacy.vocab import Vocab

_NUMBER_WORDS = frozenset(spacy_ru_lex_attrs._num_words)


def like_num(text: str) -> bool:
    """spaCy's Russian `like_num` with its number words in a set: the original scans a list of about
    1,000 words for every new word the vocabulary sees (half the cost of creating a lexeme)."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    if text.endswith("%"):
        text = text[:-1]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    return text.lower() in _NUMBER_WORDS


def word_shape(text: str) -> str:
    """spaCy's `word_shape` ("Xxxxx", "dddd"): a lower-case, capitalised or all-digit word is shaped here,
    anything else by spaCy. A run of one shape character is cut at four."""
    n = len(text)
    if n < 100:
        if text.isalpha():
            if text.islower():  # no upper-case letter: every letter is "x"
                return "xxxx"[:n]
            if text[0].isupper() and text[1:].islower():
                return "X" + "xxxx"[: n - 1]
        elif text.isdigit():
            return "dddd"[:n]
    return spacy_lex_attrs.word_shape(text)


def like_url(text: str) -> bool:
    """spaCy's `like_url`; without a dot in it only an "http://" or "https://" start makes a URL."""
    if "." not in text:
        return text.startswith(("http://", "https://"))
    return spacy_lex_attrs.like_url(text)


# attribute -> (spaCy's function, ours): install() replaces only getters that are still spaCy's
_FASTER: dict[int, tuple[Callable[[str], Any], Callable[[str], Any]]] = {
    attrs.LOWER: (spacy_lex_attrs.lower, str.lower),
    attrs.PREFIX: (spacy_lex_attrs.prefix, operator.itemgetter(0)),
    attrs.SUFFIX: (spacy_lex_attrs.suffix, operator.itemgetter(slice(-3, None))),
    attrs.IS_ALPHA: (spacy_lex_attrs.is_alpha, str.isalpha),
    attrs.IS_DIGIT: (spacy_lex_attrs.is_digit, str.isdigit),
    attrs.IS_LOWER: (spacy_lex_attrs.is_lower, str.islower),
    attrs.IS_SPACE: (spacy_lex_attrs.is_space, str.isspace),
    attrs.IS_TITLE: (spacy_lex_attrs.is_title, str.istitle),
    attrs.IS_UPPER: (spacy_lex_attrs.is_upper, str.isupper),
    attrs.IS_ASCII: (spacy_lex_attrs.is_ascii, str.isascii),
    attrs.SHAPE: (spacy_lex_attrs.word_shape, word_shape),
    attrs.LIKE_URL: (spacy_lex_attrs.like_url, like_url),
    attrs.LIKE_NUM: (spacy_ru_lex_attrs.like_num, like_num),
}


def install(vocab: Vocab) -> None:
    """Put the faster functions in the vocabulary's getters where spaCy's own Russian ones are."""
    getters = vocab.lex_attr_getters
    for attr, (theirs, ours) in _FASTER.items():
        if getters.get(attr) is theirs:
            getters[attr] = ours
    norm = getters.get(attrs.NORM)
    if isinstance(norm, functools.partial) and norm.args and norm.args[0] is spacy_lex_attrs.lower:
        # the norm exceptions table first, else the lower case: the same partial around `str.lower`
        getters[attrs.NORM] = functools.partial(norm.func, str.lower, *norm.args[1:], **norm.keywords)
