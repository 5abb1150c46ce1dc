"""Person–post links: the learnt scorer over the rules (`link_model.py`), on sentences written for the tests."""

from __future__ import annotations

import pytest

from dipextract import extract
from dipextract.link_model import WEIGHTS_PATH, load_weights
from dipextract.schema import Document


def _holders(doc: Document, post_text: str) -> set[str]:
    """Names of the holders of every POST entity with a mention reading `post_text`."""
    ids = {e.id: e for e in doc.entities}
    return {
        ids[e.holder].name
        for e in doc.entities
        if e.type == "POST" and e.holder and any(m.text == post_text for m in e.mentions)
    }


def test_weights_ship_and_load() -> None:
    weights, settings = load_weights()
    assert WEIGHTS_PATH.is_file()
    assert len(weights) > 100
    assert 0 < settings["threshold"] <= settings["second"] < 1


def test_plural_post_has_each_holder() -> None:
    doc = extract("Сенаторы Джон Маккейн и Марко Рубио потребовали ввести новые санкции.")
    assert _holders(doc, "Сенаторы") == {"Джон Маккейн", "Марко Рубио"}
    ids = {e.id: e for e in doc.entities}
    for person in ("Джон Маккейн", "Марко Рубио"):
        entity = next(e for e in doc.entities if e.type == "PERSON" and e.name == person)
        assert [ids[p].name for p in entity.posts] == ["Сенаторы"]
        assert all(ids[p].holder == entity.id for p in entity.posts)


def test_singular_post_has_one_holder() -> None:
    doc = extract("Министр обороны Сергей Шойгу и его заместитель Николай Панков прибыли в Минск.")
    assert _holders(doc, "Министр обороны") == {"Сергей Шойгу"}


@pytest.mark.parametrize(
    ("text", "post", "person"),
    [
        # the name after the post, with the post's own dependents
        (
            "Министр иностранных дел России Сергей Лавров прибыл в Анкару.",
            "Министр иностранных дел России",
            "Сергей Лавров",
        ),
        # apposition after the name, then the verb
        (
            "Иван Петров, министр финансов Татарстана, заявил о росте доходов.",
            "министр финансов Татарстана",
            "Иван Петров",
        ),
        (
            "Анна Смирнова — главный редактор журнала «Вокруг света».",
            "главный редактор журнала «Вокруг света",
            "Анна Смирнова",
        ),
        # a copula
        ("Олег Громов был назначен послом России в Эстонии.", "послом России в Эстонии", "Олег Громов"),
    ],
)
def test_post_linked_in_its_sentence(text: str, post: str, person: str) -> None:
    assert _holders(extract(text), post) == {person}


def test_nested_post_inside_linked_post_stays_unlinked() -> None:
    doc = extract("Министр иностранных дел России Сергей Лавров прибыл в Анкару.")
    assert _holders(doc, "Министр иностранных дел России") == {"Сергей Лавров"}
    assert _holders(doc, "Министр") == set()


def test_post_named_again_in_the_next_sentence() -> None:
    doc = extract(
        "Певица Алла Пугачёва дала концерт в Риге. После выступления певица поблагодарила зрителей."
    )
    singer = next(e for e in doc.entities if e.type == "PERSON" and e.name == "Алла Пугачёва")
    posts = [e for e in doc.entities if e.type == "POST" and e.holder == singer.id]
    assert {m.text for e in posts for m in e.mentions} == {"Певица", "певица"}


def test_post_between_sentences_links_the_name_before_it() -> None:
    # no name in the post's sentence: the link is read from the person's last mention before it, though the
    # next sentence names him closer
    text = (
        "Сергей Волков долго работал в министерстве. В 2015 году он стал руководителем комиссии по энергетике. "
        "Волков выдвигается в парламент."
    )
    doc = extract(text)
    post = next(e for e in doc.entities if e.type == "POST" and e.holder)
    assert post.mentions[0].text == "руководителем комиссии по энергетике"
    assert [(m.start, m.end) for m in post.holder_mentions] == [(0, len("Сергей Волков"))]


def test_plural_post_holds_each_name_of_its_list() -> None:
    # a bracket after the first name does not break the list
    doc = extract(
        "На фестивале выступили музыканты Иван Петров (группа «Рассвет»), Олег Сидоров и Павел Громов."
    )
    assert _holders(doc, "музыканты") == {"Иван Петров", "Олег Сидоров", "Павел Громов"}


def test_genitive_name_after_a_post_is_not_its_holder() -> None:
    # "адвокат Петрова" is Petrov's lawyer, not Petrov
    doc = extract("Адвокат Ивана Петрова обжаловал приговор в Верховном суде.")
    assert "Иван Петров" not in _holders(doc, "Адвокат")


def test_name_after_the_genitive_owner_holds_the_post() -> None:
    # "Адвокат Ивана Петрова Андрей Смирнов": Petrov's lawyer is Smirnov
    doc = extract("Адвокат Ивана Петрова Андрей Смирнов обжаловал приговор в Верховном суде.")
    assert _holders(doc, "Адвокат") == {"Андрей Смирнов"}


def test_name_after_a_kin_nouns_post_is_the_relative() -> None:
    # the daughter is named, not the captain; in the genitive the name is the captain's
    doc = extract("В начале апреля дочь капитана Ханна Ингрэм-Мур предложила ему новый маршрут.")
    assert _holders(doc, "капитана") == set()
    assert next(e for e in doc.entities if e.type == "PERSON").name == "Ханна Ингрэм-Мур"
    doc = extract("Подарок вручили дочери капитана Тома Мура.")
    assert _holders(doc, "капитана") == {"Том Мур"}


def test_link_features_see_a_post_of_another_country() -> None:
    from dipextract.api import load
    from dipextract.link_model import LinkContext
    from dipextract.links import rule_holders
    from dipextract.mentions import Mention

    text = "Президент ЮАР Нельсон Мандела болен. Президент США Барак Обама посетит тюрьму, где сидел Мандела."
    doc = load()(text)

    def mention(surface: str, type_: str, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        span = doc.char_span(start, start + len(surface))
        return Mention(start, start + len(surface), type_, surface, span.start, span.end, "test")

    mandela, obama, mandela2 = (
        mention("Нельсон Мандела", "PERSON"),
        mention("Барак Обама", "PERSON"),
        mention("Мандела", "PERSON", 1),
    )
    za_post, us_post = mention("Президент ЮАР", "POST"), mention("Президент США", "POST")
    persons, posts = [mandela, obama, mandela2], [za_post, us_post]
    cluster_of = {id(mandela): 0, id(mandela2): 0, id(obama): 1}
    countries = [
        (text.index("ЮАР"), text.index("ЮАР") + 3, "ZA"),
        (text.index("США"), text.index("США") + 3, "US"),
    ]
    ctx = LinkContext(doc, persons, posts, cluster_of, rule_holders(doc, persons, posts), countries)
    by_person = {c.person: c.features for c in ctx.candidates(us_post)}
    assert "country_conflict" in by_person[0]
    assert "country_conflict" not in by_person[1]


def test_name_behind_its_own_preposition_does_not_hold_the_post_before_it() -> None:
    doc = extract("Вице-президент США Джо Байден беседовал с президентом Эквадора о Сноудене.")
    assert "Сноуден" not in _holders(doc, "президентом Эквадора")


def test_rules_alone_still_available(nlp) -> None:  # type: ignore[no-untyped-def]
    pipe = nlp.get_pipe("dipextract_entities")
    pipe.link_model = "rules"
    try:
        doc = extract("Сенаторы Джон Маккейн и Марко Рубио потребовали ввести новые санкции.")
        assert _holders(doc, "Сенаторы") == {"Джон Маккейн"}  # the rules give a post one holder at most
    finally:
        pipe.link_model = "learnt"


def test_noun_before_a_name_is_its_post() -> None:
    # "каллиграф" is one of data/apposition_posts.txt's nouns; the tagger leaves it out of every mention
    doc = extract("В субботу на ярмарке каллиграф Анна Белова учила детей писать пером.")
    assert _holders(doc, "каллиграф") == {"Анна Белова"}


def test_post_links_the_name_not_its_latin_spelling() -> None:
    text = "Переговоры вёл Жан-Поль Моро (Jean-Paul Moreau). В прошлом году он был назначен послом Франции в Казахстане."
    doc = extract(text)
    post = next(e for e in doc.entities if e.type == "POST" and e.holder)
    assert [text[m.start : m.end] for m in post.holder_mentions] == ["Жан-Поль Моро"]
