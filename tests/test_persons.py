"""Clustering person mentions: one entity per person, named as its mentions read it."""

from __future__ import annotations

from dipextract.const import PERSON
from dipextract.mentions import Mention
from dipextract.persons import cluster_persons


def _mention(start: int, text: str, first: str | None, last: str | None) -> Mention:
    name = " ".join(p for p in (first, last) if p)
    return Mention(
        start, start + len(text), PERSON, text, start, start + 1, "tagger", name=name, first=first, last=last
    )


def _people(mentions: list[Mention]) -> list[tuple[str, list[str]]]:
    return [(name, [m.text for m in group]) for name, _, _, _, group in cluster_persons(mentions)]


def test_the_same_words_read_in_two_cases_are_one_person_in_the_nominative() -> None:
    # "поговорил по телефону с женой 94-летнего политика Грасой Машел" read once as a nominative
    people = _people(
        [_mention(0, "Грасой Машел", "Грасой", "Машел"), _mention(100, "Грасой Машел", "Граса", "Машел")]
    )
    assert people == [("Граса Машел", ["Грасой Машел", "Грасой Машел"])]


def test_an_indeclinable_name_keeps_its_form_on_a_tie() -> None:
    people = _people([_mention(0, "Пеле", None, "Пела"), _mention(50, "Пеле", None, "Пеле")])
    assert people == [("Пеле", ["Пеле", "Пеле"])]


def test_the_reading_of_most_mentions_names_the_person() -> None:
    mentions = [_mention(i * 40, "Марин Ле Пен", "Марин", "Ле Пен") for i in range(3)]
    mentions.append(_mention(200, "Марин Ле Пен", "Марина", "Ле Пен"))
    assert _people(mentions) == [("Марин Ле Пен", ["Марин Ле Пен"] * 4)]


def test_a_surname_left_as_written_joins_the_person_it_is_written_for() -> None:
    # "семьей Манделы" read as a nominative early on; the same words inflected later join the full name
    people = _people(
        [
            _mention(0, "Нельсон Мандела", "Нельсон", "Мандела"),
            _mention(50, "Манделы", None, "Манделы"),
            _mention(90, "Манделы", None, "Мандела"),
            _mention(130, "Мандела", None, "Мандела"),
        ]
    )
    assert people == [("Нельсон Мандела", ["Нельсон Мандела", "Манделы", "Манделы", "Мандела"])]


def test_different_people_with_different_names_stay_apart() -> None:
    people = _people(
        [_mention(0, "Иван Петров", "Иван", "Петров"), _mention(40, "Олег Сидоров", "Олег", "Сидоров")]
    )
    assert [name for name, _ in people] == ["Иван Петров", "Олег Сидоров"]
