"""Entities end to end on real Russian sentences and on the seed article."""

from __future__ import annotations

import datetime as dt

import pytest
from contract import assert_contract

from dipextract import extract
from dipextract.schema import Document


def _by_type(doc: Document, type_: str) -> list:  # type: ignore[type-arg]
    return [e for e in doc.entities if e.type == type_]


def _entity(doc: Document, type_: str, name: str):  # type: ignore[no-untyped-def]
    found = [e for e in doc.entities if e.type == type_ and e.name == name]
    assert found, f"no {type_} {name!r} in {[(e.type, e.name) for e in doc.entities]}"
    return found[0]


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Document:
    return extract(seed_text, doc_id="seed", published=dt.date(2023, 5, 19))


def test_seed_contract(seed_text: str, seed: Document) -> None:
    assert_contract(seed_text, seed)


def test_seed_people_in_the_nominative(seed: Document) -> None:
    zhaparov = _entity(seed, "PERSON", "Акылбек Жапаров")
    smailov = _entity(seed, "PERSON", "Алихан Смаилов")
    assert (zhaparov.first, zhaparov.last) == ("Акылбек", "Жапаров")
    assert (smailov.first, smailov.last) == ("Алихан", "Смаилов")
    assert any(m.text == "Алиханом Смаиловым" for m in smailov.mentions)
    # one entity per person: the headline, the lead and the quotes are merged
    assert len([p for p in _by_type(seed, "PERSON") if p.last == "Жапаров"]) == 1
    assert len([p for p in _by_type(seed, "PERSON") if p.last == "Смаилов"]) == 1


def test_seed_no_person_from_kyrgyz_words(seed: Document) -> None:
    assert not any("Жаңылыктар" in m.text for e in seed.entities for m in e.mentions)


def test_seed_posts_linked_to_holders(seed: Document) -> None:
    ids = {e.id: e for e in seed.entities}
    zhaparov = _entity(seed, "PERSON", "Акылбек Жапаров")
    smailov = _entity(seed, "PERSON", "Алихан Смаилов")
    zh_posts = {ids[p].name for p in zhaparov.posts}
    sm_posts = {ids[p].name for p in smailov.posts}
    assert "Председатель Кабинета Министров" in zh_posts
    assert "Премьер-министр Республики Казахстан" in sm_posts
    assert not zh_posts & sm_posts
    for post_id in smailov.posts:
        assert ids[post_id].holder == smailov.id
    assert smailov.country == "KZ"


def test_seed_countries_and_city(seed: Document) -> None:
    isos = {e.iso for e in _by_type(seed, "COUNTRY")}
    assert {"KG", "KZ"} <= isos
    almaty = _entity(seed, "CITY", "Алматы")
    assert almaty.country == "KZ"
    # "кыргызско-казахстанского" gives two country mentions inside one word
    compound = [
        m for e in _by_type(seed, "COUNTRY") for m in e.mentions if m.text in ("кыргызско", "казахстанского")
    ]
    assert {m.text for m in compound} == {"кыргызско", "казахстанского"}


@pytest.mark.parametrize(
    ("text", "type_", "name", "field", "value"),
    [
        (
            "Министр иностранных дел России Сергей Лавров прибыл в Анкару.",
            "PERSON",
            "Сергей Лавров",
            "country",
            "RU",
        ),
        ("Визит в Москву совершил глава МИД Китая Ван И.", "COUNTRY", "Китай", "iso", "CN"),
        ("Переговоры прошли в Алма-Ате.", "CITY", "Алматы", "country", "KZ"),
        ("Делегация Российской Федерации прибыла в Бишкек.", "COUNTRY", "Россия", "iso", "RU"),
        ("Российско-китайские переговоры завершились.", "COUNTRY", "Китай", "iso", "CN"),
        ("Госсекретарь США Энтони Блинкен встретился с Лавровым.", "COUNTRY", "США", "iso", "US"),
        ("Глава Республики Алтай встретился с делегацией.", "REGION", "Республика Алтай", "country", "RU"),
    ],
)
def test_entity_fields(text: str, type_: str, name: str, field: str, value: str) -> None:
    doc = extract(text)
    assert_contract(text, doc)
    assert getattr(_entity(doc, type_, name), field) == value


@pytest.mark.parametrize(
    ("text", "person", "post"),
    [
        (
            "Министр иностранных дел России Сергей Лавров прибыл в Анкару.",
            "Сергей Лавров",
            "Министр иностранных дел России",
        ),
        (
            "Сергей Лавров, министр иностранных дел России, прибыл в Анкару.",
            "Сергей Лавров",
            "министр иностранных дел России",
        ),
        (
            "В Кремле Владимир Путин принял губернатора Тульской области Алексея Дюмина.",
            "Алексей Дюмин",
            "губернатор Тульской области",
        ),
        (
            "Вчера премьер-министр Японии Фумио Кисида встретился с президентом.",
            "Фумио Кисида",
            "премьер-министр Японии",
        ),
    ],
)
def test_post_holder(text: str, person: str, post: str) -> None:
    doc = extract(text)
    holder = _entity(doc, "PERSON", person)
    ids = {e.id: e for e in doc.entities}
    assert post in {ids[p].name for p in holder.posts}


@pytest.mark.parametrize(
    ("text", "type_", "names"),
    [
        # a trip's destination (accusative) is not part of the post; a posting (locative) is
        (
            "Запланирован визит Президента Кыргызской Республики в Республику Казахстан.",
            "POST",
            {"Президент Кыргызской Республики"},
        ),
        (
            "Посол Италии в Грузии Виторио Сандали вручил верительные грамоты.",
            "POST",
            {"Посол Италии в Грузии"},
        ),
        # a former office is marked without "бывший"/"экс-", as NEREL does
        (
            "Юрий Солошенко, бывший директор предприятия «Знамя», вернулся домой.",
            "POST",
            {"директор предприятия «Знамя»"},
        ),
    ],
)
def test_normalised_names(text: str, type_: str, names: set[str]) -> None:
    doc = extract(text)
    assert names <= {e.name for e in _by_type(doc, type_)}


def test_inflected_abbreviation_keeps_capitals() -> None:
    doc = extract("Глава японского МИДа прибыл в Москву.")
    organizations = {e.name for e in _by_type(doc, "ORGANIZATION")}
    assert any(name.endswith("МИД") for name in organizations), organizations


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n",
        "The Prime Minister of Kazakhstan met the President of Kyrgyzstan in Almaty.",
        "Жаңылыктар Кыргызстандын Өкмөтү",
        "12345 !!! ???",
        "<p>Привет</p>",
    ],
)
def test_nothing_from_empty_or_foreign_text(text: str) -> None:
    doc = extract(text)
    assert_contract(text, doc)
    assert [e for e in doc.entities if e.type != "DATE"] == []


@pytest.mark.parametrize(
    ("text", "name", "mentions"),
    [
        (
            "Реджеп Тайип Эрдоган прибыл в Киев. Позже Реджеп Эрдоган встретился с коллегой. Эрдоган доволен.",
            "Реджеп Тайип Эрдоган",
            3,
        ),
        (
            "Акылбек Жапаров встретился с Алиханом Смаиловым. Жапаров отметил успехи. А. Жапаров уехал.",
            "Акылбек Жапаров",
            3,
        ),
    ],
)
def test_one_entity_per_person(text: str, name: str, mentions: int) -> None:
    doc = extract(text)
    person = _entity(doc, "PERSON", name)
    assert len(person.mentions) == mentions


def test_post_mention_leaves_out_the_closing_quote() -> None:
    doc = extract("Глава «Металлоинвеста» Андрей Варичев посетил завод.")
    post = next(e for e in _by_type(doc, "POST") if e.name == "Глава «Металлоинвеста»")
    assert [m.text for m in post.mentions] == ["Глава «Металлоинвеста"]  # as NEREL marks it


def test_post_mention_keeps_a_closing_straight_quote() -> None:
    doc = extract('Лидер партии "Новый путь" Иван Петров заявил о бойкоте выборов.')
    assert [m.text for e in _by_type(doc, "POST") for m in e.mentions] == ['Лидер партии "Новый путь"']


def test_post_mention_stops_before_a_quoted_word() -> None:
    doc = extract("В святилище бывший император «известил» богиню о своём уходе с поста.")
    assert [m.text for e in _by_type(doc, "POST") for m in e.mentions] == ["император"]


def test_post_and_organisation_end_before_the_event_they_attend() -> None:
    doc = extract(
        "Это решение приняли министры иностранных дел Европейского союза на совещании в Люксембурге."
    )
    spans = {(e.type, m.text) for e in doc.entities for m in e.mentions}
    assert ("POST", "министры иностранных дел Европейского союза") in spans
    assert ("ORGANIZATION", "Европейского союза") in spans
    assert not [text for _, text in spans if "совещании" in text]


def test_post_holds_no_verb_of_its_own() -> None:
    doc = extract("Эрдоган пригласил казахстанского лидера посетить Турцию с государственным визитом.")
    assert [m.text for e in _by_type(doc, "POST") for m in e.mentions] == ["казахстанского лидера"]
    # a verb inside a quoted name stays
    doc = extract("Главный редактор радиостанции «Говорит Москва» Сергей Доренко погиб.")
    assert any("«Говорит Москва" in m.text for e in _by_type(doc, "POST") for m in e.mentions)


def test_sentence_initial_surname_with_a_common_noun_homograph_stays_a_person() -> None:
    # "Токаев" is also the genitive plural of "токай"; only a nominative noun opens a sentence as a post
    doc = extract("Токаев провел телефонный разговор с Эрдоганом.")
    assert {e.name for e in _by_type(doc, "PERSON")} == {"Токаев", "Эрдоган"}
    assert _by_type(doc, "POST") == []


def test_one_letter_given_name_before_a_full_stop() -> None:
    doc = extract(
        "Сергей Лавров провёл переговоры с главой МИД КНР Ван И. Стороны обсудили визит. Ван И отметил успех."
    )
    assert {e.name for e in _by_type(doc, "PERSON")} == {"Сергей Лавров", "Ван И"}


def test_organisation_keeps_its_ordinal() -> None:
    doc = extract("Он служил в 1-й армии США, а затем в штабе 1-го Украинского фронта.")
    mentions = {m.text for e in _by_type(doc, "ORGANIZATION") for m in e.mentions}
    assert "1-й армии США" in mentions
    assert "1-я армия США" in {e.name for e in _by_type(doc, "ORGANIZATION")}


def test_a_place_opening_a_sentence_is_no_person() -> None:
    # the tagger reads "Муром" as the instrumental of the surname "Мур"; inside a sentence it may be one
    doc = extract("Муром готовится к празднику. Встреча с Муром прошла в Лондоне.")
    assert [(e.type, e.name) for e in doc.entities if e.name in ("Муром", "Мур")] == [
        ("CITY", "Муром"),
        ("PERSON", "Мур"),
    ]


def test_person_name_without_title() -> None:
    doc = extract("Вчера мадам Тюссо открыла выставку в Лондоне.")
    assert all(not e.name.lower().startswith("мадам") for e in _by_type(doc, "PERSON"))


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a first name spelt like a place stays in the name: not Dominica, not St Petersburg
        ("Глава МИД Великобритании Доминик Рааб заявил об этом в понедельник.", {"Доминик Рааб"}),
        ("Об этом сообщил Питер Цвак, руководитель компании.", {"Питер Цвак"}),
        # a capitalised noun or adjective before the name is not part of it
        ("Нейрохирург Мэри Кобб рассказала о редком случае.", {"Мэри Кобб"}),
        ("Шестидесятивосьмилетняя Руссефф отвергла обвинения.", {"Руссефф"}),
        # inside a sentence a capitalised word is part of the name even when it is also a noun
        (
            "Эмир Катара шейх Хамад бен Халиф Аль Тани встретится с членами семьи.",
            {"Хамад бен Халиф Аль Тани"},
        ),
        ("Режиссёр София Коппола получила приз фестиваля.", {"София Коппола"}),
        # a name after an oblique post takes the post's case, whatever the tagger read for the name
        ("Ожидается визит в Москву министра иностранных дел Японии Сейджи Маехары.", {"Сейджи Маехара"}),
        # initials after a surname belong to it; repeated initials are one name
        ("Документ подписал Михальчук И. Ф. на заседании.", {"Михальчук И. Ф."}),
        ("Вчера В.\xa0В.\xa0Путину доложили о ситуации.", {"В. В. Путин"}),
        # one name the tagger cut in two: a nickname between given name and surname, a double regnal name
        ("Вчера Джеймс «Бадди» Макгирт рассказал о бое.", {"Джеймс Бадди Макгирт"}),
        ("В 1986 году Папа Иоанн Павел II назначил его епископом.", {"Иоанн Павел II"}),
        ("Встреча Путина (Россия) и Меркель прошла в Берлине.", {"Путин", "Меркель"}),
        (
            "Судьи матча: Тору Камикава (Япония) Шамсул Майдин (Сингапур) и Валентин Иванов (Россия).",
            {"Тору Камикава", "Шамсул Майдин", "Валентин Иванов"},
        ),
        # two people the tagger ran together; initials keep their dots
        ("Встреча прошла с участием В.Шеймана А.Кулешов не пришел.", {"В. Шейман", "А. Кулешов"}),
        # a first name after a first name and surname starts another person; double first names stay
        ("Мать Майкла Джексона Кэтрин подала иск в суд.", {"Майкл Джексон", "Кэтрин"}),
        (
            "Жан Поль Бельмондо и Габриэль Гарсиа Маркес встречались в Париже.",
            {"Жан Поль Бельмондо", "Габриэль Гарсиа Маркес"},
        ),
    ],
)
def test_person_span_edges(text: str, names: set[str]) -> None:
    doc = extract(text)
    assert {e.name for e in _by_type(doc, "PERSON")} == names
    assert not [
        e for e in doc.entities if e.type in ("COUNTRY", "CITY") and e.name in ("Доминика", "Санкт-Петербург")
    ]
    for e in _by_type(doc, "PERSON"):
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "name", "iso"),
    [
        ("МОСКВА, 5 марта — РИА Новости. Министр прибыл в Муром.", "Москва", "RU"),
        ("ВАШИНГТОН, 3 мая. /ТАСС/. Госсекретарь США встретился с коллегой.", "Вашингтон", "US"),
    ],
)
def test_dateline_city_in_capitals(text: str, name: str, iso: str) -> None:
    doc = extract(text)
    city = _entity(doc, "CITY", name)
    assert city.country == iso
    assert text[city.mentions[0].start : city.mentions[0].end] == name.upper()
    assert not [e for e in _by_type(doc, "ORGANIZATION") if e.name.upper() == name.upper()]


@pytest.mark.parametrize(
    ("text", "post", "iso"),
    [
        ("Британский премьер Гордон Браун отказался от участия в саммите.", "премьер", "GB"),
        (
            "Наблюдатель от ОБСЕ португальский парламентарий Хуан Суареш сообщил об итогах.",
            "парламентарий",
            "PT",
        ),
    ],
)
def test_post_country_from_the_adjective_before_it(text: str, post: str, iso: str) -> None:
    doc = extract(text)
    found = _entity(doc, "POST", post)
    assert found.country == iso
    holder = next(e for e in doc.entities if e.id == found.holder)
    assert holder.country == iso


def test_a_national_post_without_a_country_is_the_articles_country() -> None:
    text = (
        "Внешний долг России за год уменьшился на треть. В этом году Премьер-министр Михаил Фрадков "
        "предполагает досрочно выплатить долг Парижскому клубу. Минфин России подготовил расчёты."
    )
    doc = extract(text)
    post = _entity(doc, "POST", "Премьер-министр")
    assert post.country == "RU"
    assert next(e for e in doc.entities if e.id == post.holder).country == "RU"


def test_the_articles_country_counts_its_people_and_cities() -> None:
    # China is named twice, Kyrgyzstan once, but the article is about the Kyrgyz president in Bishkek
    text = (
        "Бишкек, 28 июня. Президент Кыргызской Республики Садыр Жапаров примет участие в саммите. "
        "Садыр Жапаров проведёт встречу с Председателем Китайской Народной Республики Си Цзиньпином. "
        "Как сообщила пресс-служба главы государства, Садыр Жапаров уже посещал Китай."
    )
    doc = extract(text)
    assert _entity(doc, "POST", "глава государства").country == "KG"


def test_a_government_post_takes_the_country_named_just_before_it() -> None:
    # a digest: Iran is the article's main country, the Italian section names Italy just before the premier
    text = (
        "Иран продолжает ядерную программу. Иран отверг требования МАГАТЭ. Иран готов к переговорам: "
        "глава делегации заявил, что страна открыта к диалогу с шестёркой посредников в ближайшие месяцы, "
        "а эксперты ожидают, что следующий раунд консультаций пройдёт уже весной и принесёт первые итоги.\n\n"
        "Италия\n\nДва дня итальянцы выбирали новый парламент, и Премьер-министр Сильвио Берлускони не доволен."
    )
    assert _entity(extract(text), "POST", "Премьер-министр").country == "IT"


def test_bare_heads_of_different_posts_are_different_posts() -> None:
    doc = extract(
        "Президент Казахстана Касым-Жомарт Токаев позвонил президенту Турции Реджепу Тайипу Эрдогану."
    )
    heads = [e for e in _by_type(doc, "POST") if e.name.lower() == "президент"]
    assert sorted(e.country for e in heads) == ["KZ", "TR"]


def test_a_post_nested_in_another_takes_its_country() -> None:
    text = (
        "Министр иностранных дел России Сергей Лавров прибыл в Китай. В Китае его встретили в аэропорту. "
        "Китай и Россия готовят визит."
    )
    posts = {m.text: e.country for e in _by_type(extract(text), "POST") for m in e.mentions}
    assert posts["Министр иностранных дел России"] == "RU"
    assert posts["Министр иностранных дел"] == "RU"  # not China, the country the article names most


@pytest.mark.parametrize(
    "text",
    [
        # two countries named as often: the article is about neither alone
        "Россия и Франция подписали соглашение. Премьер-министр Михаил Фрадков назвал его важным.",
        # a job, not an office of state
        "Экономика России растёт, сообщил журналист Михаил Фрадков. Россия готовит бюджет.",
        # an office of a club, not of the state
        "Клубы России растут, сообщил президент клуба Александр Медведев. Россия готовит бюджет.",
    ],
)
def test_no_country_guessed_for_a_post_when_the_text_does_not_settle_it(text: str) -> None:
    posts = _by_type(extract(text), "POST")
    assert posts
    assert all(p.country is None for p in posts)


@pytest.mark.parametrize(
    "text",
    [
        "Эта поездка связана с Южными Курилами.",
        "Семья Шаймиевых владеет компанией.",
        "Дом Романовых правил Россией.",
    ],
)
def test_plural_names_are_no_person(text: str) -> None:
    assert _by_type(extract(text), "PERSON") == []


def test_surname_in_ykh_is_a_person() -> None:
    doc = extract("Тимур Черных заявил об этом. Черных добавил, что рад.")
    assert [e.name for e in _by_type(doc, "PERSON")] == ["Тимур Черных"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Девятая симфония Шуберта прозвучала в зале.", "Шуберт"),
        ("Хамад бен Халиф Аль Тани прибыл в Доху.", "Хамад бен Халиф Аль Тани"),
    ],
)
def test_common_words_before_a_name(text: str, name: str) -> None:
    """A lower-case noun before a name is left out; a capitalised opener only when it reads as a subject."""
    assert [e.name for e in _by_type(extract(text), "PERSON")] == [name]


def test_latin_spelling_joins_the_person() -> None:
    text = (
        "На станцию должен прилететь астронавт Грегори Чамитофф (Gregory Chamitoff), который сменит коллегу."
    )
    doc = extract(text)
    person = _entity(doc, "PERSON", "Грегори Чамитофф")
    assert [text[m.start : m.end] for m in person.mentions] == ["Грегори Чамитофф", "Gregory Chamitoff"]
    assert len(_by_type(doc, "PERSON")) == 1


def test_post_records_the_holder_mention_it_was_read_from() -> None:
    text = "Президент России Владимир Путин прибыл в Минск. Путин, президент страны, провёл переговоры."
    doc = extract(text)
    putin = _entity(doc, "PERSON", "Владимир Путин")
    for post in (e for e in _by_type(doc, "POST") if e.holder == putin.id):
        assert len(post.holder_mentions) == len(post.mentions)
        for hm in post.holder_mentions:
            assert hm is not None and hm in putin.mentions
            assert text[hm.start : hm.end] == hm.text
    second = _entity(doc, "POST", "президент страны")
    assert second.holder_mentions[0].text == "Путин"  # the mention next to it, not the first one
    assert all(p.holder_mentions == [] for p in _by_type(doc, "POST") if p.holder is None)


def test_organisation_between_post_and_holder() -> None:
    """When the post's span stops before the organisation ("наблюдатель" | "ОБСЕ" | "Хуан Суареш"), the
    organisation standing between the post and its holder's name is the post's."""
    from dipextract.components.entities import EntityResolver
    from dipextract.mentions import Mention

    text = "Наблюдатель от ОБСЕ Хуан Суареш сообщил об итогах."

    def mention(surface: str, type_: str) -> Mention:
        start = text.index(surface)
        return Mention(start, start + len(surface), type_, surface, 0, 0, "test")

    post_m, org_m, person_m = (
        mention("Наблюдатель", "POST"),
        mention("ОБСЕ", "ORGANIZATION"),
        mention("Хуан Суареш", "PERSON"),
    )
    person = {"id": "e3", "type": "PERSON", "posts": [], "country": None, "mentions": [person_m]}
    org = {"id": "e2", "type": "ORGANIZATION", "country": None, "mentions": [org_m]}
    post = {
        "id": "e1",
        "type": "POST",
        "holder": person,
        "holder_mentions": [person_m],
        "organization": None,
        "country": None,
        "mentions": [post_m],
    }
    EntityResolver._fill_post_fields([post, org, person], text)
    assert post["organization"] == "e2" and post["holder"] == "e3" and person["posts"] == ["e1"]
    # no holder after it: the organisation is not taken
    lone = dict(post, holder=None, holder_mentions=[], organization=None, id="e4")
    EntityResolver._fill_post_fields([lone, org], text)
    assert lone["organization"] is None


def test_post_keeps_the_region_after_it() -> None:
    doc = extract("В Мюнхене выступил премьер-министр земли Бавария Маркус Зёдер.")
    post = next(e for e in _by_type(doc, "POST") if e.holder is not None)
    assert [m.text for m in post.mentions] == ["премьер-министр земли Бавария"]  # as NEREL marks it
    assert [m.text for m in post.holder_mentions] == ["Маркус Зёдер"]


@pytest.mark.parametrize(
    ("text", "post", "holder"),
    [
        ("Сенатора-демократа Джона Смита переизбрали на второй срок.", "Сенатора", "Джона Смита"),
        ("Женщина-президент Мишель Бачелет посетила Москву.", "президент", "Мишель Бачелет"),
    ],
)
def test_hyphened_word_about_the_holder_is_left_out_of_the_post(text: str, post: str, holder: str) -> None:
    doc = extract(text)
    posts = [e for e in _by_type(doc, "POST") if e.holder is not None]
    assert [m.text for e in posts for m in e.mentions] == [post]  # as NEREL marks it
    assert [m.text for e in posts for m in e.holder_mentions] == [holder]


def _country_mentions(doc: Document) -> list[str]:
    return [m.text for e in _by_type(doc, "COUNTRY") for m in e.mentions]


@pytest.mark.parametrize(
    ("text", "nationality"),
    [
        ("Американский актёр Брэд Питт прилетел в Москву на премьеру фильма.", "Американский"),
        ("Концерт открыл польский композитор Кшиштоф Пендерецкий.", "польский"),
        ("Французская теннисистка вышла в финал турнира в Мадриде.", "Французская"),
    ],
)
def test_country_adjective_of_a_private_persons_origin_is_no_country(text: str, nationality: str) -> None:
    # NEREL's NATIONALITY ("американскому актёру"), outside the contract's types
    doc = extract(text)
    assert nationality not in _country_mentions(doc)
    assert_contract(text, doc)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Российские власти ответили на заявление Вашингтона.", "Российские"),
        ("Британский премьер Кир Стармер прибыл в Берлин.", "Британский"),
        ("Украинские бойцы отошли на новые позиции.", "Украинские"),
    ],
)
def test_country_adjective_of_the_state_stays_a_country(text: str, country: str) -> None:
    assert country in _country_mentions(extract(text))


def test_organisation_keeps_the_quote_it_opens_closed() -> None:
    # NEREL train: 21 organisation names end on the closing quote, 10 before it; the tagger stops before it
    text = "Об этом сообщила пресс-служба ОАО «Газпром» в понедельник."
    doc = extract(text)
    org = _entity(doc, "ORGANIZATION", "пресс-служба ОАО «Газпром»")
    assert [text[m.start : m.end] for m in org.mentions] == ["пресс-служба ОАО «Газпром»"]
    assert_contract(text, doc)


@pytest.mark.parametrize(
    ("text", "name", "mentions"),
    [
        (
            "Коммунистическая партия Российской Федерации провела съезд в Москве. Лидер КПРФ Геннадий Зюганов "
            "выступил с докладом.",
            "Коммунистическая партия Российской Федерации",
            ["Коммунистическая партия Российской Федерации", "КПРФ"],
        ),
        (
            "Национальная хоккейная лига объявила расписание. Матчи НХЛ начнутся в октябре.",
            "Национальная хоккейная лига",
            ["Национальная хоккейная лига", "НХЛ"],
        ),
    ],
)
def test_an_abbreviation_is_the_organisation_whose_initials_it_is(
    text: str, name: str, mentions: list[str]
) -> None:
    doc = extract(text)
    org = _entity(doc, "ORGANIZATION", name)
    assert [text[m.start : m.end] for m in org.mentions] == mentions
    assert len(_by_type(doc, "ORGANIZATION")) == 1
    assert_contract(text, doc)


def test_initials_leave_function_words_out() -> None:
    from dipextract.components.entities import _initials

    assert _initials("Совет Федерации") == "СФ"
    assert _initials("Министерство иностранных дел") == "МИД"
    assert _initials("Движение против нелегальной иммиграции") == "ДПНИ"
    assert _initials("Совет национальной безопасности и обороны") == "СНБО"


def test_organisation_named_as_the_text_capitalises_it_inside_a_sentence() -> None:
    text = (
        "После переговоров либерально-демократическая партия одобрила соглашение. "
        "Консерваторы сформируют коалицию с Либерально-демократической партией."
    )
    org = _entity(extract(text), "ORGANIZATION", "Либерально-демократическая партия")
    assert [text[m.start : m.end] for m in org.mentions] == [
        "либерально-демократическая партия",
        "Либерально-демократической партией",
    ]


def test_post_holds_the_organisation_whose_closing_quote_it_leaves_out() -> None:
    # NEREL: the post "Глава ОАО «Газпром" without the quote, the organisation "ОАО «Газпром»" with it
    doc = extract("Глава ОАО «Газпром» Алексей Миллер заявил о росте поставок.")
    post = _entity(doc, "POST", "Глава ОАО «Газпром»")
    org = _entity(doc, "ORGANIZATION", "ОАО «Газпром»")
    assert post.organization == org.id
    assert post.holder == _entity(doc, "PERSON", "Алексей Миллер").id


def test_a_listed_union_named_by_its_initials_is_not_a_council_with_the_same_initials() -> None:
    """The gazetteer names "Европейского союза" "ЕС"; that is no abbreviation the text wrote for "Европейский совет"."""
    from dipextract import extract

    doc = extract(
        "Президент Европейского совета Антониу Кошта обсудил сотрудничество Таджикистана и Европейского союза."
    )
    organisations = {e.name: [m.text for m in e.mentions] for e in doc.entities if e.type == "ORGANIZATION"}
    assert organisations["Европейский совет"] == ["Европейского совета"]
    assert organisations["ЕС"] == ["Европейского союза"]
