"""The faster lexeme attributes answer exactly as spaCy's Russian ones, for every attribute replaced."""

from __future__ import annotations

import functools
import pathlib

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from dipextract import lex_attrs

WORDS = [
    "Москва", "москва", "МИД", "Садыр", "Жапаров", "2025", "15%", "3/4", "-3,5", "тридцать", "XXI", "Xx",
    "а", "Я", "ё", "Ёлка", "www.kabar.kg", "https://gov.kg", "http://x", "gov.kg", "kg.", ".kg", "a@b.kg",
    "e-mail", "Нью-Йорк", "«", "»", "—", "...", "USD", "$", "№", "ab.cd:80", "site.ru/", "Ǆemal", "ǅemal",
    "ª", "Aª", "A中", "中文", "²", "١٢٣", "x" * 120, "Ab" * 60, " ", "\n", "\t\t", "İstanbul", "ß", "ﬁ",
    "O'Neil", "МаКгрегор", "iPhone", "ДНР-ЛНР", "Ьь", "ʼ", "ǈ",
]  # fmt: skip


@functools.cache
def _originals() -> dict[int, object]:
    return dict(spacy.blank("ru").vocab.lex_attr_getters)


@functools.cache
def _ours() -> dict[int, object]:
    vocab = spacy.blank("ru").vocab
    lex_attrs.install(vocab)
    return dict(vocab.lex_attr_getters)


def _check(words: list[str]) -> None:
    theirs, ours = _originals(), _ours()
    for attr, get in ours.items():
        for word in words:
            assert get(word) == theirs[attr](word), (attr, word)  # type: ignore[operator]


def test_every_getter_replaced_is_faster_python_or_a_method() -> None:
    theirs, ours = _originals(), _ours()
    replaced = {attr for attr in ours if ours[attr] is not theirs[attr]}
    assert len(replaced) >= 14  # the str predicates, prefix/suffix, shape, like_url, like_num, norm
    assert ours[spacy.attrs.IS_ALPHA] is str.isalpha and isinstance(ours[spacy.attrs.NORM], functools.partial)


def test_same_answers_on_chosen_words() -> None:
    _check(WORDS)


def test_same_answers_on_the_sample_articles() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path("samples").glob("*.txt"))]
    words = sorted({w for text in texts for w in text.split()})
    assert len(words) > 400
    _check(words)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=12))
def test_same_answers_on_random_strings(word: str) -> None:
    _check([word])
