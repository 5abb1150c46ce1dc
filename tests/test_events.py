"""Events: the seed article end to end, and one table per construction (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dipextract.api import extract

PUBLISHED = dt.date(2023, 5, 19)


def _events(text: str, published: dt.date | None = PUBLISHED) -> tuple[list[Any], dict[str, Any]]:
    doc = extract(text, published=published)
    return list(doc.events), {e.id: e for e in doc.entities}


def _surnames(event: Any) -> set[str]:
    return {p.name.split()[-1] for p in event.participants}


# ---------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed_events(seed_text: str) -> tuple[list[Any], dict[str, Any]]:
    return _events(seed_text)


def test_seed_one_held_meeting(seed_events: tuple[list[Any], dict[str, Any]]) -> None:
    events, ents = seed_events
    meetings = [e for e in events if e.type == "meeting" and e.status == "held"]
    assert len(meetings) == 1
    meeting = meetings[0]
    assert {"Жапаров", "Смаилов"} <= _surnames(meeting)
    assert meeting.location is not None and meeting.location.city is not None
    city = ents[meeting.location.city]
    assert city.name == "Алматы" and city.country == "KZ"
    assert meeting.occasion is not None and "форум" in meeting.occasion.lower()


def test_seed_working_visit_held(seed_events: tuple[list[Any], dict[str, Any]]) -> None:
    events, _ = seed_events
    visits = [e for e in events if e.type == "visit" and e.status == "held"]
    assert any("Жапаров" in _surnames(v) for v in visits)


def test_seed_three_planned(seed_events: tuple[list[Any], dict[str, Any]]) -> None:
    events, ents = seed_events
    planned = [e for e in events if e.status == "planned"]
    assert sorted(e.type for e in planned) == ["session", "session", "visit"]
    for event in planned:
        assert event.when is not None
        assert event.when.text == "на второе полугодие текущего года"
        assert event.when.value == "2023-07-01/2023-12-31"
    visit = next(e for e in planned if e.type == "visit")
    assert [ents[p.entity].iso for p in visit.participants] == ["KG"]
    assert visit.location is not None and ents[visit.location.country].iso == "KZ"


def test_seed_evidence_is_a_sentence(seed_text: str, seed_events: tuple[list[Any], dict[str, Any]]) -> None:
    events, _ = seed_events
    for event in events:
        assert seed_text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert event.evidence.start <= event.trigger.start < event.evidence.end


# ---------------------------------------------------------------- participants


@pytest.mark.parametrize(
    ("text", "kind", "surnames"),
    [
        (
            "Министр иностранных дел России Сергей Лавров встретился в Москве с министром иностранных дел Египта "
            "Самехом Шукри.",
            "meeting",
            {"Лавров", "Шукри"},
        ),
        (
            "Президент Франции Эммануэль Макрон принял в Елисейском дворце канцлера Германии Олафа Шольца.",
            "meeting",
            {"Макрон", "Шольц"},
        ),
        (
            "Владимир Путин провёл переговоры с президентом Турции Реджепом Эрдоганом.",
            "meeting",
            {"Путин", "Эрдоган"},
        ),
        (
            "Президент Казахстана Касым-Жомарт Токаев посетил с официальным визитом Ташкент.",
            "visit",
            {"Токаев"},
        ),
        (
            "Вчера состоялся телефонный разговор Владимира Путина с Эммануэлем Макроном.",
            "talks",
            {"Путин", "Макрон"},
        ),
    ],
)
def test_participants(text: str, kind: str, surnames: set[str]) -> None:
    events, _ = _events(text)
    chosen = [e for e in events if e.type == kind]
    assert chosen, [e.type for e in events]
    assert surnames <= _surnames(chosen[0])


# ---------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Премьер-министр Армении Никол Пашинян встретился с Владимиром Путиным.", "held"),
        ("Премьер-министр Армении Никол Пашинян встретится с Владимиром Путиным в понедельник.", "planned"),
        ("Президент Узбекистана Шавкат Мирзиёев планирует посетить Москву в июне.", "planned"),
        ("Визит Шавката Мирзиёева в Москву, запланированный на июнь, отменён.", "cancelled"),
        ("Заседание Совета Федерации состоится 20 июня.", "planned"),
        # an event being prepared lies ahead, whatever the tense of the sentence
        ("Готовится визит Владимира Путина в Китай, сообщил Сергей Лавров.", "planned"),
    ],
)
def test_status(text: str, status: str) -> None:
    events, _ = _events(text)
    assert events, "no event found"
    assert events[0].status == status


def test_an_event_being_prepared_is_planned_inside_a_past_sentence() -> None:
    events, _ = _events("Сергей Лавров и Ван И обсудили подготовку визита Владимира Путина в Китай.")
    assert [(e.type, e.status) for e in events] == [("meeting", "held"), ("visit", "planned")]


# ---------------------------------------------------------------- place and time


@pytest.mark.parametrize(
    ("text", "city", "when"),
    [
        ("Во вторник в Минске Александр Лукашенко встретился с Владимиром Путиным.", "Минск", "Во вторник"),
        ("Сергей Лавров 12 мая провёл переговоры в Анкаре с Мевлютом Чавушоглу.", "Анкара", "12 мая"),
    ],
)
def test_place_and_time(text: str, city: str, when: str) -> None:
    events, ents = _events(text)
    assert events
    event = events[0]
    assert event.location is not None and event.location.city is not None
    assert ents[event.location.city].name == city
    assert event.when is not None and when in event.when.text


# ---------------------------------------------------------------- not events


@pytest.mark.parametrize(
    "text",
    [
        "Водитель выехал на встречную полосу и столкнулся с грузовиком.",
        "Государственная дума приняла закон о связи в третьем чтении.",
        "Сборная России по хоккею во встрече с командой Финляндии забросила три шайбы.",
        "Министр Сергей Шойгу ответил на вопросы журналистов на пресс-конференции.",
        "В беседе с корреспондентом политолог Андрей Смирнов рассказал о выборах.",
        "Президент Владимир Путин подписал указ о назначении губернатора.",
        "Министр здравоохранения Михаил Мурашко получил консультацию врача в Москве 5 марта.",
        "«Зенит» обыграл «Спартак» в центральной встрече тура",
    ],
)
def test_not_events(text: str) -> None:
    events, _ = _events(text)
    assert events == []


# ---------------------------------------------------------------- constructions added after the NEREL entity layer


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        # one sentence, a meeting and a phone call with another person: two events
        (
            "Президент Финляндии Саули Ниинистё встретился с семьёй Яна Сибелиуса и поговорил по телефону "
            "с министром культуры Эстонии Тийной Ланг.",
            "talks",
            1,
        ),
        # two calls of the same leader with different people: two events
        (
            "Канцлер Германии Олаф Шольц в телефонном разговоре поздравил Эммануэля Макрона с победой. "
            "Олаф Шольц также поговорил с Джорджей Мелони.",
            "talks",
            2,
        ),
    ],
)
def test_distinct_events_not_merged(text: str, kind: str, count: int) -> None:
    events, _ = _events(text)
    assert len([e for e in events if e.type == kind]) == count, [(e.type, _surnames(e)) for e in events]


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        # the chair's name after a prepositional dependent of the post
        (
            "В среду председатель комитета Государственной думы по образованию Ольга Казакова провела "
            "заседание комитета.",
            "Казакова",
        ),
        # "отказался от участия в саммите": the subject takes part
        ("Премьер-министр Венгрии Виктор Орбан отказался от участия в саммите в Брюсселе.", "Орбан"),
    ],
)
def test_participant_through_post_or_participation(text: str, surname: str) -> None:
    events, _ = _events(text)
    assert events and surname in _surnames(events[0]), [(e.type, _surnames(e)) for e in events]


def test_premier_hyphen_post_finds_holder() -> None:
    text = (
        "Премьер-министр Италии Джорджа Мелони вернулась в Рим. "
        "На 5 мая у премьера намечено заседание правительства."
    )
    events, _ = _events(text)
    sessions = [e for e in events if e.type == "session"]
    assert sessions and "Мелони" in _surnames(sessions[0])


@pytest.mark.parametrize(
    "text",
    [
        # a crowd gathering near a building is no sitting of the embassy
        "Утром в понедельник активисты собрались у британского посольства в Москве.",
        # plural visits dated only inside a relative clause: advice, not a visit
        "Министерство советует воздерживаться от посещений Ливии, где с весны 2014 года идут бои.",
        # what the participants of a forum will discuss is not a meeting of its own
        "Участники форума «Цифровая экономика» обсудят вопросы регулирования.",
        # admitting members and taking in applications receive no guest
        "Евросоюз не может принять новых членов, пока у кандидатов есть споры о границах.",
        "Регистратор начал приём заявок на доменные имена в зоне .РФ.",
    ],
)
def test_more_not_events(text: str) -> None:
    events, _ = _events(text)
    assert [e for e in events if e.type in ("meeting", "session", "visit")] == [], [
        (e.type, e.trigger.text) for e in events
    ]


def test_tour_stops_are_separate_visits() -> None:
    text = (
        "Президент Бразилии Луис Инасиу Лула да Силва посетит Португалию. "
        "Затем Лула да Силва посетит Испанию."
    )
    events, _ = _events(text)
    visits = [e for e in events if e.type == "visit" and e.status == "planned"]
    assert len(visits) == 2, [(e.type, e.location and e.location.text) for e in events]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # the sitting's participle carries its date
        ("Об этом объявили на заседании парламента Молдавии, прошедшем в четверг 3 марта.", "3 марта"),
    ],
)
def test_when_of_participle(text: str, when: str) -> None:
    events, _ = _events(text)
    assert events and events[0].when is not None and when in events[0].when.text


@pytest.mark.parametrize(
    ("text", "visits"),
    [
        ("Министр культуры Ольга Любимова побывала в Казани.", 1),
        ("Побывав на могиле родителей, епископ Тихон покинет город.", 0),
    ],
)
def test_pobyvat_needs_a_named_place(text: str, visits: int) -> None:
    events, _ = _events(text)
    assert len([e for e in events if e.type == "visit"]) == visits, [(e.type, e.trigger.text) for e in events]


# ---------------------------------------------------------------- status: past plans, negated plans, parser slips


@pytest.mark.parametrize(
    ("text", "trigger", "status"),
    [
        # "должен был" tells a due event as past, even when the event noun is an adjunct of the infinitive
        (
            "Вчера министр заявил, что этот вопрос должен был обсуждаться во время встречи между Олафом Шольцем "
            "и Эммануэлем Макроном.",
            "встречи",
            "held",
        ),
        # a plan denied because the event already took place
        (
            "Канцлеру обещана встреча с Эммануэлем Макроном, однако разговор с Олафом Шольцем не планировался, "
            "так как он уже состоялся неделю назад.",
            "разговор",
            "held",
        ),
        # the event noun belongs to the verb beside it, not to a predicate across the comma
        (
            "В ответ спикер Сената Марк Ферран пообещал обсудить вопрос на заседании сенатской комиссии по этике, "
            "а депутат Жан Дюбуа назвал его лжецом.",
            "заседании",
            "planned",
        ),
    ],
)
def test_status_of_due_denied_and_slipped(text: str, trigger: str, status: str) -> None:
    events, _ = _events(text)
    chosen = [e for e in events if e.trigger.text == trigger]
    assert chosen and chosen[0].status == status, [(e.trigger.text, e.status) for e in events]


# ---------------------------------------------------------------- unnamed roles and groups


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # the chief of an office is the document's holder of the office's post
        (
            "Министр иностранных дел Италии Антонио Таяни прилетит в Париж. Накануне визита главы итальянского "
            "МИДа премьер Италии выступил в парламенте.",
            "visit",
            "Таяни",
        ),
        # an unnamed group of a country's people stands for the country
        ("В ходе учений венгерские наблюдатели посетят военные базы.", "visit", "Венгрия"),
        # a country's leader is the one person of that country holding a leading post
        (
            "Президент Бразилии Жаир Болсонару прибыл в Рим. В пятницу министры встретятся с бразильским лидером.",
            "meeting",
            "Болсонару",
        ),
    ],
)
def test_unnamed_role_or_group(text: str, kind: str, expected: str) -> None:
    events, _ = _events(text)
    chosen = [e for e in events if e.type == kind]
    assert chosen and any(p.name.endswith(expected) for e in chosen for p in e.participants), [
        (e.type, [p.name for p in e.participants]) for e in events
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a sentence-initial common noun the tagger capitalised as a proper name still means the doc's main person
        ("Архитектор Норман Фостер прибудет в Казань 3 мая. Зодчий проведёт научную конференцию.", "Фостер"),
        # a bare noun the entity layer took for a post without a holder
        (
            "Писатель Виктор Пелевин прибудет в Казань 3 мая. Литератор проведёт научную конференцию.",
            "Пелевин",
        ),
    ],
)
def test_sentence_initial_bare_person(text: str, expected: str) -> None:
    events, _ = _events(text)
    forums = [e for e in events if e.type == "forum"]
    assert forums and any(p.name.endswith(expected) for p in forums[0].participants), [
        (e.type, [p.name for p in e.participants]) for e in events
    ]


# ---------------------------------------------------------------- place and time from linked mentions


@pytest.mark.parametrize(
    ("text", "kind", "city", "when"),
    [
        # a relative clause about the event noun places and dates it, even past a genitive chain
        (
            "Министр заявил о подготовке саммита Шанхайской организации сотрудничества, который должен пройти "
            "в Астане в июле.",
            "forum",
            "Астана",
            "в июле",
        ),
        (
            "На конференции «Цифровое будущее», которая пройдёт в ближайшие выходные в Лондоне, выступит "
            "Илон Маск.",
            "forum",
            "Лондон",
            "в ближайшие выходные",
        ),
        # a nameless earlier mention lends place and time to the event named right after it
        (
            "Соглашение было подписано в среду в Шанхае. На подписании соглашения присутствовал министр "
            "финансов Китая Лю Кунь.",
            "signing",
            "Шанхай",
            "в среду",
        ),
    ],
)
def test_place_and_time_linked(text: str, kind: str, city: str, when: str) -> None:
    events, ents = _events(text)
    chosen = [e for e in events if e.type == kind]
    assert chosen, [(e.type, e.trigger.text) for e in events]
    event = chosen[0]
    assert event.location is not None and event.location.city is not None
    assert ents[event.location.city].name == city
    assert event.when is not None and when in event.when.text


def test_meeting_merges_with_meeting_not_call() -> None:
    text = (
        "Президент Финляндии Саули Ниинистё встретился с Олафом Шольцем и поговорил по телефону с Эммануэлем "
        "Макроном. Саули Ниинистё встретился с Олафом Шольцем в пятницу в Берлине."
    )
    events, ents = _events(text)
    meetings = [e for e in events if e.type == "meeting"]
    assert meetings and meetings[0].location is not None and meetings[0].location.city is not None
    assert ents[meetings[0].location.city].name == "Берлин"


@pytest.mark.parametrize(
    ("text", "when"),
    [
        # a participle before the noun dates it
        (
            "Правительство Грузии осудило состоявшийся в среду визит премьер-министра Армении Никола Пашиняна.",
            "в среду",
        ),
        # a month or weekday adjective on the event noun is its time
        ("На ноябрьском заседании в Вене министры нефти стран ОПЕК договорились о квотах.", "ноябрьском"),
        ("Король Карл III отменил воскресную поездку в Шотландию.", "воскресную"),
    ],
)
def test_when_from_participle_or_adjective(text: str, when: str) -> None:
    events, _ = _events(text)
    assert events and events[0].when is not None and events[0].when.text == when, [
        (e.trigger.text, e.when and e.when.text) for e in events
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Визит президента Индонезии Джоко Видодо в Москву перенесён на 5 июня.",
        "Заседание Совета Федерации перенесли на 12 июля.",
    ],
)
def test_postponed_gives_cancelled_and_planned(text: str) -> None:
    events, _ = _events(text)
    statuses = sorted(e.status for e in events)
    assert statuses == ["cancelled", "planned"], [(e.status, e.when and e.when.text) for e in events]
    planned = next(e for e in events if e.status == "planned")
    cancelled = next(e for e in events if e.status == "cancelled")
    assert planned.when is not None and cancelled.when is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("глава", "главы", True),
        ("министра", "министром", True),
        ("первосвятитель", "первоверховный", False),  # an unnamed post is not another post sharing a prefix
        ("президент", "премьер-министр", False),
    ],
)
def test_post_words_compare_by_stem(a: str, b: str, same: bool) -> None:
    from dipextract.events.index import _same_word

    assert _same_word(a, b) is same


@pytest.mark.parametrize(
    ("text", "when"),
    [
        (
            "Александр Турчинов в 18.00 по местному времени (19:00 мск) закрыл заседание Верховной рады.",
            "в 18.00 по местному времени (19:00 мск)",
        ),
        (
            "Встреча президента Владимира Путина с премьер-министром Японии Синдзо Абэ начнётся в 10 часов утра.",
            "в 10 часов утра",
        ),
    ],
)
def test_time_of_day_is_the_when_without_a_date(text: str, when: str) -> None:
    events, _ = _events(text)
    assert events and events[0].when is not None
    assert events[0].when.text == when and events[0].when.value is None
    assert when in text


@pytest.mark.parametrize(
    ("text", "published", "status", "value"),
    [
        # a planned event's weekday, month or day without a year lies ahead of the publication date
        (
            "В среду глава российского МИД Сергей Лавров посетит Шанхай.",
            dt.date(2024, 4, 9),
            "planned",
            "2024-04-10",
        ),
        ("Президент России Владимир Путин посетит Китай в мае.", dt.date(2023, 6, 10), "planned", "2024-05"),
        (
            "Президент России Владимир Путин посетит Китай 5 мая.",
            dt.date(2023, 6, 10),
            "planned",
            "2024-05-05",
        ),
        # held events, and a planned one said on its own weekday, stay where the text puts them
        ("Президент России Владимир Путин посетил Китай 5 мая.", dt.date(2023, 6, 10), "held", "2023-05-05"),
        ("В прошлую среду Сергей Лавров посетил Шанхай.", dt.date(2024, 4, 9), "held", "2024-04-03"),
        (
            "Во вторник Сергей Лавров проведёт переговоры с Ван И.",
            dt.date(2024, 4, 9),
            "planned",
            "2024-04-09",
        ),
    ],
)
def test_planned_event_time_lies_ahead(text: str, published: dt.date, status: str, value: str) -> None:
    (event,), _ = _events(text, published)
    assert event.status == status
    assert event.when is not None and event.when.value == value


def test_consultations_between_countries_are_a_meeting() -> None:
    events, ents = _events(
        "Следующий раунд российско-китайских консультаций по стратегической стабильности пройдёт в Москве "
        "во второй половине года."
    )
    (event,) = events
    assert (event.type, event.status) == ("meeting", "planned")
    assert {p.name for p in event.participants} == {"Россия", "Китай"}
    assert event.location is not None and ents[event.location.city].name == "Москва"


def test_a_visit_in_a_participle_clause_does_not_place_the_call() -> None:
    events, ents = _events(
        "Президент Казахстана Касым-Жомарт Токаев в пятницу провел телефонный разговор с президентом Турции "
        "Реджепом Тайипом Эрдоганом. Главы государств обсудили ход реализации договоренностей, достигнутых в "
        "ходе официального визита Токаева в Анкару в октябре прошлого года."
    )
    talks = next(e for e in events if e.type == "talks")
    visit = next(e for e in events if e.type == "visit")
    assert talks.location is None
    assert visit.location is not None and ents[visit.location.city].name == "Анкара"


def test_summit_and_its_council_session_are_one_gathering() -> None:
    events, _ = _events(
        "Садыр Жапаров примет участие в саммите ШОС в Астане\n\n"
        "Президент Кыргызской Республики Садыр Жапаров 3-4 июля примет участие в заседании Совета глав "
        "государств — членов Шанхайской организации сотрудничества, которое пройдет в городе Астана."
    )
    gatherings = [e for e in events if e.type in ("forum", "session")]
    assert len(gatherings) == 1
    assert gatherings[0].when is not None and gatherings[0].when.text.startswith("3-4 июля")


def test_plural_meetings_with_named_people_are_kept() -> None:
    events, _ = _events(
        "На полях саммита запланированы двусторонние встречи Садыра Жапарова с Президентом Российской "
        "Федерации Владимиром Путиным и Председателем КНР Си Цзиньпином."
    )
    (meeting,) = [e for e in events if e.type == "meeting"]
    assert meeting.status == "planned"
    assert _surnames(meeting) >= {"Жапаров", "Путин", "Цзиньпин"}


def test_a_planned_meeting_that_will_not_take_place_is_cancelled() -> None:
    (event,), _ = _events("Запланированная на 10 июля встреча Сергея Лаврова и Ван И в Москве не состоится.")
    assert event.status == "cancelled"


def test_a_seat_of_government_places_the_event_in_its_city() -> None:
    events, ents = _events(
        "Москва, 12 ноября. Президент России Владимир Путин принял в Кремле президента Вьетнама Лыонг Кыонга."
    )
    (meeting,) = [e for e in events if e.type == "meeting"]
    assert meeting.location is not None and ents[meeting.location.city].name == "Москва"
    assert meeting.location.text == "Кремле"


def test_a_where_clause_sitting_stays_apart_from_another_bodys_meeting() -> None:
    events, ents = _events(
        "В пятницу Владимир Путин проведет по видеосвязи совещание с членами Совета Безопасности. Кроме того, "
        "на следующей неделе глава государства посетит Казань, где примет участие в пленарном заседании "
        "форума «Россия — Исламский мир»."
    )
    sittings = [e for e in events if e.type == "session"]
    assert len(sittings) == 2
    plenary = next(e for e in sittings if e.trigger.text == "заседании")
    assert plenary.location is not None and ents[plenary.location.city].name == "Казань"
    assert plenary.when is None or plenary.when.text != "В пятницу"


def test_a_where_clause_borrows_the_subject_of_the_clause_above() -> None:
    events, _ = _events(
        "Садыр Жапаров совершил государственный визит в Китай, где провел переговоры с Си Цзиньпином."
    )
    talks = next(e for e in events if e.type == "meeting")
    assert _surnames(talks) == {"Жапаров", "Цзиньпин"}


# ---------------------------------------------------------------- diplomatic news written for the tenth session


def test_a_guest_received_in_the_passive_meets_the_host() -> None:
    events, _ = _events(
        "В тот же день министр иностранных дел Турции Хакан Фидан был принят Президентом Республики "
        "Узбекистан Шавкатом Мирзиёевым."
    )
    (meeting,) = events
    assert (meeting.type, meeting.status) == ("meeting", "held")
    assert _surnames(meeting) == {"Фидан", "Мирзиёев"}


def test_a_law_passed_in_the_passive_is_no_meeting() -> None:
    events, _ = _events("Закон о бюджете был принят Верховной радой Украины во втором чтении.")
    assert events == []


def test_the_sides_agree_on_talks_of_their_own() -> None:
    events, ents = _events(
        "Министр иностранных дел Узбекистана Бахтиёр Саидов провёл переговоры с министром иностранных дел "
        "Турции Хаканом Фиданом. Кроме того, министры договорились провести очередной раунд политических "
        "консультаций между внешнеполитическими ведомствами двух стран в декабре текущего года в Стамбуле.",
        published=dt.date(2026, 11, 18),
    )
    planned = [e for e in events if e.status == "planned"]
    assert len(planned) == 1
    (consultations,) = planned
    assert consultations.trigger.text == "консультаций"
    assert _surnames(consultations) == {"Саидов", "Фидан"}
    assert consultations.location is not None and ents[consultations.location.city].name == "Стамбул"
    assert consultations.when is not None and consultations.when.value == "2026-12"


def test_a_signed_programme_is_a_signing_and_its_term_is_not_the_date() -> None:
    events, ents = _events(
        "По итогам переговоров Бахтиёр Саидов и Хакан Фидан подписали Программу сотрудничества между "
        "министерствами иностранных дел на 2027–2028 годы."
    )
    signing = next(e for e in events if e.type == "signing")
    assert _surnames(signing) == {"Саидов", "Фидан"}
    assert signing.when is None
    # the programme is a document, no organisation taking part
    assert not any(e.type == "ORGANIZATION" and e.name.startswith("Программ") for e in ents.values())


def test_more_people_at_the_meeting_join_it() -> None:
    events, _ = _events(
        "Председатель Совета Министров Беларуси Александр Турчин встретился с губернатором Нижегородской "
        "области Глебом Никитиным. Глава правительства отметил рост товарооборота. Во встрече также приняли "
        "участие посол России в Беларуси Борис Грызлов и министр промышленности Беларуси Александр Ефимов."
    )
    (meeting,) = events
    assert _surnames(meeting) == {"Турчин", "Никитин", "Грызлов", "Ефимов"}


def test_a_forum_taken_part_in_gets_its_clauses_date_and_the_city_after_its_name() -> None:
    events, ents = _events(
        "Глеб Никитин сообщил, что в феврале в Нижнем Новгороде пройдёт заседание рабочей группы по "
        "машиностроению, а в июне делегация области примет участие в Форуме регионов Беларуси и России в "
        "Гродно.",
        published=dt.date(2026, 12, 3),
    )
    (forum,) = [e for e in events if e.type == "forum"]
    assert forum.status == "planned"
    assert forum.when is not None and forum.when.text == "в июне"
    assert forum.location is not None and ents[forum.location.city].name == "Гродно"


def test_a_visit_announced_by_its_visitor() -> None:
    events, ents = _events(
        "Президент Азербайджана Ильхам Алиев подтвердил, что посетит Казахстан с государственным визитом "
        "в начале 2027 года.",
        published=dt.date(2026, 11, 25),
    )
    (visit,) = events
    assert (visit.type, visit.status) == ("visit", "planned")
    assert [p.name for p in visit.participants] == ["Ильхам Алиев"]  # Kazakhstan is the place, not a guest
    assert visit.location is not None and ents[visit.location.country].name == "Казахстан"


def test_a_date_of_another_sitting_does_not_date_the_call() -> None:
    events, _ = _events(
        "Касым-Жомарт Токаев провёл телефонный разговор с Ильхамом Алиевым. Главы государств обсудили "
        "подготовку к заседанию Высшего межгосударственного совета, запланированному на весну следующего "
        "года в Баку.",
        published=dt.date(2026, 11, 25),
    )
    call = next(e for e in events if e.type == "talks")
    assert call.when is None
    session = next(e for e in events if e.type == "session")
    assert session.when is not None and session.when.value == "2027-03-01/2027-05-31"
    assert [p.name for p in session.participants] == ["Высший межгосударственный совет"]


def test_a_visit_put_off_is_called_off_and_its_new_month_planned() -> None:
    events, _ = _events(
        "Визит Сергея Лаврова в Улан-Батор, намеченный на ноябрь, был отложен на январь.",
        published=dt.date(2026, 10, 10),
    )
    assert sorted((e.status, e.when.value if e.when else None) for e in events) == [
        ("cancelled", "2026-11"),
        ("planned", "2027-01"),
    ]
    assert all(_surnames(e) == {"Лавров"} for e in events)


def test_a_city_in_what_a_signed_agreement_is_about_does_not_place_the_talks() -> None:
    events, _ = _events(
        "Си Цзиньпин провёл переговоры с президентом Вьетнама Лыонг Кыонгом. После переговоров лидеры двух стран "
        "присутствовали на церемонии подписания соглашения о строительстве железной дороги Лаокай — Ханой."
    )
    talks = next(e for e in events if e.type == "meeting")
    assert _surnames(talks) == {"Цзиньпин", "Кыонг"}
    assert talks.location is None


def test_a_delegation_received_meets_its_head() -> None:
    events, _ = _events(
        "Торага Жогорку Кенеша Нурланбек Шакиев принял делегацию Национального собрания Республики Армения "
        "во главе с вице-спикером Рубеном Рубиняном."
    )
    (meeting,) = events
    assert (meeting.type, meeting.status) == ("meeting", "held")
    assert {"Шакиев", "Рубинян"} <= _surnames(meeting)


def test_an_invited_visit_paid_with_an_official_visit_is_one_planned_visit() -> None:
    events, _ = _events(
        "Нурланбек Шакиев пригласил председателя Национального собрания Армении Алена Симоняна посетить "
        "Кыргызстан с официальным визитом в 2027 году."
    )
    (visit,) = events
    assert (visit.type, visit.status) == ("visit", "planned")
    assert visit.when is not None and visit.when.value == "2027"


def test_a_minister_at_a_ballet_is_no_visit() -> None:
    events, _ = _events("Министр культуры Ольга Любимова посетит спектакль вместе с послом Италии.")
    assert events == []


def test_ministers_agreeing_to_hold_a_meeting_plan_it_for_both_sides() -> None:
    events, ents = _events(
        "Государственный секретарь США Марко Рубио провел переговоры с министром иностранных дел Японии "
        "Такэси Ивая. Министры также договорились о проведении в феврале в Токио встречи в формате "
        "«два плюс два».",
        published=dt.date(2026, 1, 14),
    )
    held = next(e for e in events if e.status == "held")
    assert held.location is None  # Tokyo is the next meeting's place
    planned = next(e for e in events if e.status == "planned")
    assert _surnames(planned) == {"Рубио", "Ивая"}
    assert planned.location is not None and ents[planned.location.city].name == "Токио"
    assert planned.when is not None and planned.when.value == "2026-02"


def test_talks_in_a_where_clause_take_the_day_of_the_trip() -> None:
    events, ents = _events(
        "В пятницу Такэси Ивая отправится в Оттаву, где проведет переговоры с канадским коллегой Мелани Жоли.",
        published=dt.date(2026, 1, 14),
    )
    talks = next(e for e in events if e.type == "meeting")
    assert talks.status == "planned"
    assert _surnames(talks) == {"Ивая", "Жоли"}
    assert talks.when is not None and talks.when.text == "В пятницу" and talks.when.value == "2026-01-16"
    assert talks.location is not None and ents[talks.location.city].name == "Оттава"


def test_a_discussion_partner_hung_on_the_object_still_meets_the_subject() -> None:
    events, _ = _events(
        "Ранее глава МИД Турции обсудил подготовку к саммиту с генеральным секретарем ОТГ Кубанычбеком "
        "Омуралиевым. Встреча состоялась в штаб-квартире организации в Стамбуле."
    )
    (meeting,) = [e for e in events if e.type == "meeting"]
    assert meeting.status == "held"
    assert "Омуралиев" in _surnames(meeting)
    assert not any(e.type == "forum" and "Омуралиев" in _surnames(e) for e in events)


def test_the_head_of_a_ministry_is_not_the_head_of_state() -> None:
    events, _ = _events(
        "Президент Турции Реджеп Тайип Эрдоган примет участие в саммите в Бишкеке. Ранее глава МИД Турции "
        "обсудил подготовку к саммиту с генеральным секретарем ОТГ Кубанычбеком Омуралиевым."
    )
    meeting = next(e for e in events if e.type == "meeting")
    assert "Эрдоган" not in _surnames(meeting)


def test_leaders_named_after_a_reporting_clause_discuss_at_the_announced_talks() -> None:
    events, ents = _events(
        "Во вторник в Кремле состоятся российско-индийские переговоры на высшем уровне. Как сообщил помощник "
        "президента Юрий Ушаков, Владимир Путин и Нарендра Моди обсудят торгово-экономическое сотрудничество."
    )
    (talks,) = events
    assert talks.status == "planned"
    assert {"Путин", "Моди"} <= _surnames(talks)
    assert "Ушаков" not in _surnames(talks)
    assert talks.when is not None and talks.when.text == "Во вторник"


def test_the_fund_an_agreement_creates_is_no_party_to_its_signing() -> None:
    events, _ = _events(
        "Кроме того, на полях саммита планируется подписание соглашения о создании Тюркского инвестиционного "
        "фонда."
    )
    assert not any(any("фонд" in p.name.lower() for p in e.participants) for e in events)


def test_bilateral_meetings_with_others_stay_apart_from_the_one_before() -> None:
    events, _ = _events(
        "Сергей Лавров на полях сессии Генеральной Ассамблеи ООН встретился с Генеральным секретарём ООН "
        "Антониу Гутерришем. В тот же день глава российского МИД провёл двусторонние встречи с министрами "
        "иностранных дел Индии, Бразилии и ЮАР. С министром иностранных дел Индии Субраманьямом Джайшанкаром "
        "обсуждалась подготовка к саммиту БРИКС."
    )
    guterres = next(e for e in events if "Гутерриш" in _surnames(e))
    assert _surnames(guterres) == {"Лавров", "Гутерриш"}
    assert guterres.when is None  # "В тот же день" dates the other meetings
    assert any({"Лавров", "Джайшанкар"} <= _surnames(e) for e in events)  # "с X обсуждалась"


def test_a_delegation_visits_with_the_person_at_its_head() -> None:
    events, _ = _events(
        "В августе делегация Свердловской области во главе с вице-губернатором Олегом Чемезовым совершит "
        "визит в провинцию Хэйлунцзян."
    )
    (visit,) = events
    assert (visit.type, visit.status) == ("visit", "planned")
    assert _surnames(visit) == {"Чемезов"}


def test_a_question_discussed_with_nobody_named_is_no_meeting() -> None:
    events, _ = _events("На заседании правительства обсуждался вопрос о ценах на топливо.")
    assert not any(e.type == "meeting" for e in events)


def test_talks_held_by_video_link_are_one_talks_event() -> None:
    events, _ = _events(
        "Президент России Владимир Путин сегодня провёл переговоры в режиме видеоконференции с Председателем "
        "КНР Си Цзиньпином.",
        published=dt.date(2026, 2, 5),
    )
    (talks,) = events
    assert (talks.type, talks.status) == ("talks", "held")
    assert _surnames(talks) == {"Путин", "Цзиньпин"}
    assert talks.when is not None and talks.when.value == "2026-02-05"


def test_a_summit_named_by_its_two_sides_is_called_off() -> None:
    events, ents = _events(
        "Запланированный на март саммит Россия — АСЕАН в Казани отменён.", published=dt.date(2026, 2, 5)
    )
    (summit,) = events
    assert (summit.type, summit.status) == ("forum", "cancelled")
    assert {p.name for p in summit.participants} == {"Россия", "АСЕАН"}
    assert summit.location is not None and ents[summit.location.city].name == "Казань"


def test_a_visitor_described_by_a_participle_hung_on_a_genitive() -> None:
    events, _ = _events(
        "Эмомали Рахмон встретился с Президентом Европейского совета Антониу Коштой, прибывшим в Таджикистан с "
        "официальным визитом. В ходе встречи стороны обсудили расширение сотрудничества Таджикистана и "
        "Европейского союза."
    )
    visit = next(e for e in events if e.type == "visit")
    assert [p.name for p in visit.participants] == ["Антониу Кошта"]
    meetings = [e for e in events if e.type == "meeting"]
    assert len(meetings) == 1 and _surnames(meetings[0]) == {"Рахмон", "Кошта"}


def test_who_will_take_part_in_a_conference_named_in_its_relative_clause() -> None:
    events, ents = _events(
        "В июле текущего года в Душанбе состоится Международная конференция по водным ресурсам, в которой, как "
        "ожидается, примут участие Генеральный секретарь ООН и главы ряда государств.",
        published=dt.date(2026, 6, 12),
    )
    (conference,) = events
    assert (conference.type, conference.status) == ("forum", "planned")
    assert [p.name for p in conference.participants] == ["ООН"]  # an unnamed Secretary-General stands for it
    assert conference.location is not None and ents[conference.location.city].name == "Душанбе"
    assert conference.when is not None and conference.when.value == "2026-07"


def test_a_state_visit_by_invitation_and_the_talks_in_its_programme() -> None:
    events, ents = _events(
        "По приглашению Президента Казахстана Касым-Жомарта Токаева 2–3 сентября Астану посетит с "
        "государственным визитом Президент Республики Корея Ли Чжэ Мён. В программе визита — переговоры в узком "
        "и расширенном составах, а также участие в бизнес-форуме.",
        published=dt.date(2026, 8, 20),
    )
    visit = next(e for e in events if e.type == "visit")
    assert visit.status == "planned"
    assert {p.name for p in visit.participants} == {"Ли Чжэ Мён", "Касым-Жомарт Токаев"}  # the host invited
    talks = next(e for e in events if e.type == "meeting")
    assert talks.status == "planned"
    assert {p.name for p in talks.participants} == {"Ли Чжэ Мён", "Касым-Жомарт Токаев"}
    assert talks.when is not None and talks.when.value == "2026-09-02/2026-09-03"
    assert talks.location is not None and ents[talks.location.city].name == "Астана"


def test_the_head_of_state_of_a_kremlin_report_is_its_leader() -> None:
    events, _ = _events(
        "Владимир Путин провёл совещание с членами Правительства. Затем глава государства провёл рабочую "
        "встречу с губернатором Калужской области Владиславом Шапшой."
    )
    meeting = next(e for e in events if e.type == "meeting")
    assert _surnames(meeting) == {"Путин", "Шапша"}


def test_the_next_round_of_the_ministers_talks_is_theirs() -> None:
    events, ents = _events(
        "В Баку состоялись переговоры министров иностранных дел Азербайджана и Армении Джейхуна Байрамова и "
        "Арарата Мирзояна. В рамках визита Арарат Мирзоян также провёл встречу с Президентом Азербайджана "
        "Ильхамом Алиевым. Следующий раунд переговоров министров запланирован на ноябрь в Вашингтоне.",
        published=dt.date(2026, 10, 7),
    )
    planned = next(e for e in events if e.status == "planned")
    assert _surnames(planned) == {"Байрамов", "Мирзоян"}  # the ministers of the talks, not the later meeting
    assert planned.location is not None and ents[planned.location.city].name == "Вашингтон"
    assert planned.when is not None and planned.when.value == "2026-11"


def test_a_sitting_under_a_chair_and_a_meeting_in_a_where_clause() -> None:
    events, ents = _events(
        "В тот же день в Ереване прошло заседание армяно-французской межправительственной комиссии под "
        "председательством вице-премьера Мгера Григоряна. Министр иностранных дел Армении Арарат Мирзоян 20 марта "
        "отправится с рабочим визитом в Париж, где встретится с министром иностранных дел Франции Жаном-Ноэлем "
        "Барро.",
        published=dt.date(2026, 3, 14),
    )
    sitting = next(e for e in events if e.type == "session")
    assert "Григорян" in _surnames(sitting)
    meeting = next(e for e in events if e.type == "meeting")
    assert meeting.status == "planned"
    assert meeting.location is not None and ents[meeting.location.city].name == "Париж"
    assert meeting.when is not None and meeting.when.value == "2026-03-20"
