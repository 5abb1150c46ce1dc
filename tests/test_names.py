"""Person names come out in the nominative, also surnames pymorphy3 does not know."""

from __future__ import annotations

import pytest

from dipextract import extract
from dipextract.names import NameWord, normalize_person


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([("Алиханом", "Ins", "Masc"), ("Смаиловым", "Ins", "Masc")], ("Алихан", None, "Смаилов")),
        # slovnet sometimes tags such a name nominative; the "-ом" form rules that out
        ([("Алиханом", "Nom", "Masc"), ("Смаиловым", "Nom", "Masc")], ("Алихан", None, "Смаилов")),
        ([("Акылбек", "Nom", "Masc"), ("Жапаров", "Nom", "Masc")], ("Акылбек", None, "Жапаров")),
        ([("Жапаровым", "Ins", None)], (None, None, "Жапаров")),
        ([("Касым-Жомартом", "Ins", "Masc"), ("Токаевым", "Ins", "Masc")], ("Касым-Жомарт", None, "Токаев")),
        ([("Сергея", "Gen", "Masc"), ("Лаврова", "Gen", "Masc")], ("Сергей", None, "Лавров")),
        ([("Марии", "Gen", "Fem"), ("Захаровой", "Gen", "Fem")], ("Мария", None, "Захарова")),
        ([("Валентине", "Dat", "Fem"), ("Матвиенко", "Dat", "Fem")], ("Валентина", None, "Матвиенко")),
        (
            [("Владимира", "Gen", "Masc"), ("Владимировича", "Gen", "Masc"), ("Путина", "Gen", "Masc")],
            ("Владимир", "Владимирович", "Путин"),
        ),
        (
            [("Реджепом", "Ins", "Masc"), ("Тайипом", "Ins", "Masc"), ("Эрдоганом", "Ins", "Masc")],
            ("Реджеп Тайип", None, "Эрдоган"),
        ),
        ([("Ангелой", "Ins", "Fem"), ("Меркель", "Ins", "Fem")], ("Ангела", None, "Меркель")),
        ([("Си", "Nom", None), ("Цзиньпином", "Ins", "Masc")], ("Си", None, "Цзиньпин")),
        ([("Ф.", "Nom", None), ("Олесси", "Nom", None)], ("Ф.", None, "Олесси")),
        ([("Шойгу", "Dat", None)], (None, None, "Шойгу")),
        ([("Нельсона", "Gen", "Masc"), ("Манделы", "Gen", "Masc")], ("Нельсон", None, "Мандела")),
        ([("Эндой", "Ins", "Masc"), ("Кенни", "Ins", "Masc")], ("Энда", None, "Кенни")),
        # a man's name in "-а" that pymorphy3 only guesses as a woman's, mis-cased by the tagger
        ([("Нарендру", "Gen", "Masc"), ("Моди", "Gen", "Masc")], ("Нарендра", None, "Моди")),
        ([("Нарендре", "Dat", "Masc"), ("Моди", "Dat", "Masc")], ("Нарендра", None, "Моди")),
        # an indeclinable first name tagged nominative does not hide the surname's genitive
        ([("Сейджи", "Nom", "Masc"), ("Маехары", "Gen", "Masc")], ("Сейджи", None, "Маехара")),
        ([("Львом", "Ins", "Masc"), ("Толстым", "Ins", "Masc")], ("Лев", None, "Толстой")),
        ([("Мигеля", "Gen", "Masc"), ("Диас-Канеля", "Gen", "Masc")], ("Мигель", None, "Диас-Канель")),
        ([("Андрея", "Gen", "Masc"), ("Иванова", "Gen", "Masc")], ("Андрей", None, "Иванов")),
        # regnal names stay whole, as written
        ([("Бенедикта", "Gen", "Masc"), ("XVI", None, None)], (None, None, "Бенедикт XVI")),
        ([("Елизаветой", "Ins", "Fem"), ("II", None, None)], (None, None, "Елизавета II")),
    ],
)
def test_nominative(
    words: list[tuple[str, str | None, str | None]], expected: tuple[str | None, ...]
) -> None:
    name = normalize_person([NameWord(*w) for w in words])
    assert (name.first, name.middle, name.last) == expected


def test_unknown_name_in_a_or_u_keeps_the_taggers_nominative() -> None:
    """ "Маэхара" may be a nominative or a genitive: only an unambiguous form overrides the tagger."""
    name = normalize_person([NameWord("Сейдзи", "Nom", "Masc"), NameWord("Маэхара", "Nom", "Masc")])
    assert (name.first, name.last) == ("Сейдзи", "Маэхара")


def test_tagger_genders_in_conflict_follow_the_first_names_dictionary_reading() -> None:
    # in "дочь … режиссёра Мария Шукшина" the tagger read "Мария" as the genitive of the man's name "Марий"
    name = normalize_person([NameWord("Мария", "Gen", "Masc"), NameWord("Шукшина", "Nom", "Fem")])
    assert (name.first, name.last) == ("Мария", "Шукшина")
    # a first name the dictionary does not know keeps the tagger's reading of it
    name = normalize_person([NameWord("Айссата", "Nom", "Fem"), NameWord("Сиссе", "Nom", "Masc")])
    assert (name.first, name.last) == ("Айссата", "Сиссе")


def test_unknown_womans_given_name_in_an_oblique_case() -> None:
    # "с женой политика Грасой Машел": a foreign woman's given name declines like "Анна"
    name = normalize_person([NameWord("Грасой", "Ins", "Fem"), NameWord("Машел", "Ins", "Fem")])
    assert (name.first, name.last) == ("Граса", "Машел")


def test_a_mans_genitive_surname_overrides_an_impossible_tagged_case() -> None:
    # "встречи Садыра Жапарова с …": the tagger said instrumental, which would be "Жапаровым"
    name = normalize_person([NameWord("Садыра", "Ins", "Masc"), NameWord("Жапарова", "Ins", "Masc")])
    assert (name.first, name.last) == ("Садыр", "Жапаров")


@pytest.mark.parametrize(
    ("given", "surname", "full"), [("Фридрихом", "Мерцем", "Мерц"), ("Джорджем", "Бушем", "Буш")]
)
def test_hard_stem_instrumental_takes_no_soft_sign(given: str, surname: str, full: str) -> None:
    assert normalize_person([NameWord(given, "Ins", "Masc"), NameWord(surname, "Ins", "Masc")]).last == full


def test_an_unknown_given_name_in_i_does_not_decline() -> None:
    """pymorphy3 guesses "Такэси" as the genitive of a woman's "Такэся"; the surname beside it stays as written."""
    doc = extract("Такэси Ивая отправится в Оттаву, где встретится с Мелани Жоли.")
    assert "Такэси Ивая" in {e.name for e in doc.entities if e.type == "PERSON"}


def test_a_guessed_given_name_does_not_turn_a_french_name_around() -> None:
    """ "Декотиньи" is only guessed as a woman's "Декотинья", and "Оливье" is a known surname: the name keeps
    the order it is written in."""
    doc = extract("Спикер парламента принял посла Франции Оливье Декотиньи.")
    persons = {e.name: (e.first, e.last) for e in doc.entities if e.type == "PERSON"}
    assert persons == {"Оливье Декотиньи": ("Оливье", "Декотиньи")}
