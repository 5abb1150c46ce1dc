"""Lemmas chosen by the tagged POS and features; the dictionary fast path agrees with pymorphy3's full parse."""

from __future__ import annotations

import pytest

from dipextract.lemmas import (
    _GENDERS,
    _NUMBERS,
    _UD_TO_OC,
    _lemma_by_parses,
    choose_lemma,
)
from dipextract.morph import UD_TO_OPENCORPORA_CASE as _CASES
from dipextract.morph import dictionary, known_parses, parse

SENTENCE = (
    "Министры иностранных дел Киргизии и Казахстана встретились в Алма-Ате, обсудили ёмкость рынков "
    "и договорились о визите премьер-министра в Бишкек; стали известны имена новых послов"
)


@pytest.mark.parametrize(
    ("word", "pos", "case", "number", "gender", "lemma"),
    [
        ("Министры", "NOUN", "Nom", "Plur", "Masc", "министр"),
        ("встретились", "VERB", None, "Plur", None, "встретиться"),
        ("стали", "AUX", None, "Plur", None, "стать"),
        ("стали", "NOUN", "Gen", "Sing", "Fem", "сталь"),
        ("ёмкость", "NOUN", "Acc", "Sing", "Fem", "ёмкость"),
        ("новых", "ADJ", "Gen", "Plur", None, "новый"),
        ("Бишкек", "PROPN", "Acc", "Sing", "Masc", "бишкек"),
        ("послов", "NOUN", "Gen", "Plur", "Masc", "посол"),
        ("Алма-Ате", "PROPN", "Loc", "Sing", "Fem", "алма-ата"),
        ("2024", "NUM", None, None, None, "2024"),
    ],
)
def test_lemma_follows_the_tag(word: str, pos: str, case: str, number: str, gender: str, lemma: str) -> None:
    assert choose_lemma(word, pos, case, number, gender) == lemma


def _full_parse_lemma(word: str, pos: str, case: str | None, number: str | None, gender: str | None) -> str:
    """choose_lemma as it was before the dictionary fast path: always through MorphAnalyzer.parse."""
    wanted = {_CASES.get(case or ""), _NUMBERS.get(number or ""), _GENDERS.get(gender or "")} - {None}
    lemma = _lemma_by_parses(word, _UD_TO_OC.get(pos), wanted, pos == "PROPN")
    return word.lower() if lemma.replace("ё", "е") == word.lower().replace("ё", "е") else lemma


@pytest.mark.parametrize("pos", ["NOUN", "PROPN", "ADJ", "VERB", "AUX", "ADV", "NUM", "DET", "X"])
@pytest.mark.parametrize(
    ("case", "number", "gender"), [(None, None, None), ("Gen", "Plur", None), ("Nom", "Sing", "Fem")]
)
def test_dictionary_path_matches_full_parse(
    pos: str, case: str | None, number: str | None, gender: str | None
) -> None:
    words = SENTENCE.replace(",", " ").replace(";", " ").split() + [
        "А",
        "Я",
        "Ёлки",
        "ежик",
        "iPhone",
        "Шойгу",
    ]
    for word in words:
        if any(ch.isalpha() for ch in word):
            assert choose_lemma(word, pos, case, number, gender) == _full_parse_lemma(
                word, pos, case, number, gender
            ), word


def test_dictionary_parses_are_the_analyzers() -> None:
    """For every word the dictionary knows, the direct read gives MorphAnalyzer.parse's parses in its order."""
    words = dictionary()
    checked = 0
    for word in SENTENCE.replace(",", " ").replace(";", " ").split() + [
        "ежик",
        "Ёлки",
        "Стали",
        "А",
        "Шойгу",
    ]:
        known = words.parses(word)
        assert sorted(known or []) == sorted(known_parses(word) or []), word  # the same parses, unordered
        full = [(p.normal_form, str(p.tag)) for p in parse(word)]
        if known is None:
            assert word == "А" or not all(p.is_known for p in parse(word)), word
            continue
        assert [(words.normal_form(e), str(words._gramtab[e[3]])) for e in known] == full, word
        checked += 1
    assert checked >= 20
