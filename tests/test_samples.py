"""The bundled sample articles (written for this project) end to end: the facts a reader takes from each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dipextract import extract
from dipextract.schema import Document

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _doc(name: str) -> Document:
    path = SAMPLES / name
    return extract(path.read_text(encoding="utf-8"), doc_id=path.stem)


def _events(doc: Document) -> list[tuple[str, str, set[str], Any, Any]]:
    """(type, status, participant names, city name, when value) per event."""
    names = {e.id: e.name for e in doc.entities}
    return [
        (
            e.type,
            e.status,
            {p.name for p in e.participants},
            names.get(e.location.city) if e.location and e.location.city else None,
            e.when.value if e.when else None,
        )
        for e in doc.events
    ]


@pytest.fixture(scope="module")
def lavrov_in_beijing() -> Document:
    return _doc("mid-kitai-2024-04-09.txt")


def test_dateline_gives_the_publication_date(lavrov_in_beijing: Document) -> None:
    assert str(lavrov_in_beijing.published) == "2024-04-09"


def test_talks_in_beijing_are_one_meeting(lavrov_in_beijing: Document) -> None:
    meetings = [e for e in _events(lavrov_in_beijing) if e[0] == "meeting" and e[1] == "held"]
    assert ("meeting", "held", {"Сергей Лавров", "Ван И"}, "Пекин", "2024-04-09") in meetings
    assert any(e[2] == {"Сергей Лавров", "Си Цзиньпин"} for e in meetings)


def test_planned_events_of_the_beijing_article(lavrov_in_beijing: Document) -> None:
    planned = [e for e in _events(lavrov_in_beijing) if e[1] == "planned"]
    assert ("visit", "planned", {"Владимир Путин"}, None, "2024-05") in planned
    assert ("visit", "planned", {"Сергей Лавров"}, "Шанхай", "2024-04-10") in planned  # "в среду", ahead
    assert ("meeting", "planned", {"Россия", "Китай"}, "Москва", "2024-07-01/2024-12-31") in planned


def test_one_letter_chinese_name_is_one_person(lavrov_in_beijing: Document) -> None:
    persons = {e.name for e in lavrov_in_beijing.entities if e.type == "PERSON"}
    assert persons == {"Сергей Лавров", "Ван И", "Владимир Путин", "Си Цзиньпин"}


def test_phone_call_is_not_placed_by_an_earlier_visit() -> None:
    events = _events(_doc("akorda-2025-03-15.txt"))
    assert ("talks", "held", {"Касым-Жомарт Токаев", "Реджеп Тайип Эрдоган"}, None, "2025-03-14") in events
    assert ("visit", "cancelled", {"Мурат Нуртлеу"}, "Берлин", "2025-03-20") in events
    assert (
        "session",
        "planned",
        {"Касым-Жомарт Токаев", "Совет иностранных инвесторов при Президенте Казахстана"},  # the chair, too
        "Астана",
        "2025-03-18",
    ) in events


def test_summit_and_planned_bilateral_meetings() -> None:
    doc = _doc("kabar-2024-06-28.txt")
    events = _events(doc)
    summit = [e for e in events if e[0] in ("forum", "session")]
    assert len(summit) == 1 and summit[0][3] == "Астана" and summit[0][4] == "2024-07-03/2024-07-04"
    meetings = [e for e in events if e[0] == "meeting" and e[1] == "planned"]
    assert meetings and {"Садыр Жапаров", "Владимир Путин", "Си Цзиньпин"} <= meetings[0][2]
    head_of_state = next(e for e in doc.entities if e.type == "POST" and e.name == "глава государства")
    assert head_of_state.country == "KG"


def test_kremlin_reception_and_the_kazan_trip() -> None:
    events = _events(_doc("kremlin-2025-11-12.txt"))
    assert ("meeting", "held", {"Владимир Путин", "Лыонг Кыонг"}, "Москва", None) in events
    assert ("visit", "planned", {"Владимир Путин"}, "Казань", "2025-11-17/2025-11-23") in events
    sittings = [e for e in events if e[0] == "session"]
    assert len(sittings) == 2


def test_dateline_apart_keeps_the_secretary_of_state_in_his_talks() -> None:
    doc = _doc("gosdep-2026-02-04.txt")
    events = _events(doc)
    vilnius = next(e for e in events if e[3] == "Вильнюс")
    assert (
        vilnius[:2] == ("meeting", "planned") and "Марко Рубио" in vilnius[2] and vilnius[4] == "2026-02-05"
    )
    assert ("talks", "held", {"Марко Рубио", "Фридрих Мерц"}, None, "2026-02-03") in events
    # "после визита в Литву Рубио отправится в Брюссель": the visit is to Lithuania, the meeting in Brussels
    visit = next(e for e in doc.events if e.type == "visit")
    names = {e.id: e.name for e in doc.entities}
    assert (
        visit.location is not None
        and names[visit.location.country] == "Литва"
        and visit.location.city is None
    )
    assert any(e[3] == "Брюссель" and "НАТО" in e[2] for e in events)


def test_a_football_match_is_no_meeting() -> None:
    assert _doc("sport-2025-10-03.txt").events == []


def test_tashkent_talks_and_what_the_ministers_planned() -> None:
    events = _events(_doc("mfa-uz-2026-11-18.txt"))
    ministers = {"Бахтиёр Саидов", "Хакан Фидан"}
    assert ("meeting", "held", ministers, "Ташкент", None) in events
    assert (
        "meeting",
        "planned",
        ministers,
        "Стамбул",
        "2026-12",
    ) in events  # "министры договорились провести"
    assert (
        "session",
        "planned",
        {"Совет стратегического сотрудничества"},
        "Анкара",
        "2027-01-01/2027-03-31",
    ) in (events)
    assert ("signing", "held", ministers, None, None) in events  # the programme's term is no date
    assert ("meeting", "held", {"Хакан Фидан", "Шавкат Мирзиёев"}, None, None) in events  # "был принят"
    assert len(events) == 6


def test_washington_talks_and_the_next_meetings() -> None:
    events = _events(_doc("gosdep-japan-2026-01-14.txt"))
    assert ("meeting", "held", {"Марко Рубио", "Такэси Ивая"}, None, "2026-01-13") in events
    assert ("meeting", "planned", {"Марко Рубио", "Такэси Ивая"}, "Токио", "2026-02") in events
    assert ("meeting", "planned", {"Такэси Ивая", "Мелани Жоли"}, "Оттава", "2026-01-16") in events


def test_minsk_meeting_gathers_everyone_who_took_part() -> None:
    events = _events(_doc("minsk-2026-12-03.txt"))
    held = [e for e in events if e[1] == "held"]
    assert [e[2] for e in held] == [{"Александр Турчин", "Глеб Никитин", "Борис Грызлов", "Александр Ефимов"}]
    forum = next(e for e in events if e[0] == "forum")
    assert (forum[1], forum[3], forum[4]) == ("planned", "Гродно", "2027-06")
