"""Posts and organisations named in the nominative: the head and its agreeing words change, the rest stays."""

from __future__ import annotations

from dipextract import extract

TEXT = (
    "Переговоры прошли с Министром иностранных дел Республики Узбекистан Бахтиёром Саидовым. "
    "Документ подписали вице-премьером Правительства России Денисом Мантуровым. "
    "Министр иностранных дел Республики Узбекистан прибыл в Москву."
)


def test_phrases_in_the_nominative() -> None:
    names = {(e.type, e.name) for e in extract(TEXT).entities}
    assert ("POST", "Министр иностранных дел Республики Узбекистан") in names
    assert ("POST", "вице-премьер Правительства России") in names
    assert ("ORGANIZATION", "Правительство России") in names


def test_the_same_phrase_in_two_cases_is_one_name() -> None:
    """The instrumental and the nominative mention give one post name (a remembered answer is keyed by the
    words' features, not by the text alone)."""
    doc = extract(TEXT)
    posts = [e for e in doc.entities if e.type == "POST" and e.name.startswith("Министр иностранных дел Р")]
    assert {m.text for e in posts for m in e.mentions} == {
        "Министром иностранных дел Республики Узбекистан",
        "Министр иностранных дел Республики Узбекистан",
    }
    assert {e.name for e in posts} == {"Министр иностранных дел Республики Узбекистан"}


def test_a_superlative_keeps_its_own_stem() -> None:
    """pymorphy3 files "высший" and "лучший" under "высокий" and "хороший"; the nominative stays "Высший"."""
    names = {
        e.name
        for e in extract("Заседание Высшего Евразийского экономического совета прошло в Минске.").entities
        if e.type == "ORGANIZATION"
    }
    assert "Высший Евразийский экономический совет" in names
