"""Tests for dipextract.dates: NEREL-style DATE spans, ISO values and publication-date detection."""

from __future__ import annotations

import datetime as dt
import re
import string
import sys
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dipextract.dates import DateMatch, find_dates, find_published, resolve_date
from dipextract.dates.rules import REJECT, RULES, Rule, Scan

PUB = dt.date(2023, 5, 19)  # a Friday

SPANS = [
    ("В понедельник министр прибыл в Пекин.", "В понедельник", "2023-05-15"),
    ("Переговоры продолжились во вторник в Кремле.", "во вторник", "2023-05-16"),
    ("Соглашение было подписано в 2009 году в Женеве.", "в 2009 году", "2009"),
    ("Товарооборот вырос в прошлом году на треть.", "в прошлом году", "2022"),
    ("Об этом министр сообщил на прошлой неделе.", "на прошлой неделе", "2023-05-08/2023-05-14"),
    ("Делегация побывала в Париже в мае.", "в мае", "2023-05"),
    ("Сегодня посол вручил верительные грамоты.", "Сегодня", "2023-05-19"),
    ("Накануне, отметил он, стороны обменялись нотами.", "Накануне", "2023-05-18"),
    ("В тот же день глава МИД вылетел в Анкару.", "В тот же день", None),
    ("Визит начался 5 августа в Пекине.", "5 августа", "2023-08-05"),
    ("Саммит БРИКС пройдёт с 8 по 13 октября в Казани.", "с 8 по 13 октября", "2023-10-08/2023-10-13"),
    ("Посольство открылось в сентябре 2012г. после ремонта.", "в сентябре 2012г.", "2012-09"),
    ("Заседание комиссии назначено на 27 апреля.", "на 27 апреля", "2023-04-27"),
    ("Мораторий сохранится до конца года.", "до конца года", "2023-05-19/2023-12-31"),
    (
        "План работы на второе полугодие текущего года утверждён.",
        "на второе полугодие текущего года",
        "2023-07-01/2023-12-31",
    ),
    (
        "Визит запланирован во втором полугодии текущего года.",
        "во втором полугодии текущего года",
        "2023-07-01/2023-12-31",
    ),
    (
        "Форум состоится в первой половине 2024 года в Сочи.",
        "в первой половине 2024 года",
        "2024-01-01/2024-06-30",
    ),
    ("Программа рассчитана на реализацию в 2023-2024 годах.", "в 2023-2024 годах", "2023-01-01/2024-12-31"),
    ("Дата публикации 14.06.2023, источник: МИД России.", "14.06.2023", "2023-06-14"),
    ("Указ подписан 12 июня 2023 года в Москве.", "12 июня 2023 года", "2023-06-12"),
    ("Консультации пройдут в начале марта в Женеве.", "в начале марта", "2023-03"),
    ("Сделка была заключена в конце прошлого года.", "в конце прошлого года", "2022"),
    ("Министры встретятся на следующей неделе в Минске.", "на следующей неделе", "2023-05-22/2023-05-28"),
    ("Ответ будет направлен в ближайшие дни.", "в ближайшие дни", None),
    ("Россия в XXI веке остаётся великой державой.", "в XXI веке", "2001-01-01/2100-12-31"),
    ("Завод был закрыт в 90-е годы прошлого века.", "в 90-е годы", "1990-01-01/1999-12-31"),
    ("Весной президент посетит Вьетнам.", "Весной", "2023-03-01/2023-05-31"),
    ("Этой осенью откроется новое консульство.", "Этой осенью", "2023-09-01/2023-11-30"),
    ("Митинг назначен в эти выходные.", "в эти выходные", "2023-05-20/2023-05-21"),
    ("Премьер приедет в следующий понедельник.", "в следующий понедельник", "2023-05-22"),
    ("Три года назад посольство переехало.", "Три года назад", "2020"),
    ("Делегация вернётся через две недели.", "через две недели", "2023-06-02"),
    (
        "В пятницу, 7 декабря 2012 года, кабмин собрался вновь.",
        "В пятницу, 7 декабря 2012 года",
        "2012-12-07",
    ),
    ("Выборы прошли в марте 2018 года.", "в марте 2018 года", "2018-03"),
    ("Он работает в ведомстве с 2011 года.", "с 2011 года", "2011"),
    ("Хартия была принята в 1990-е годы.", "в 1990-е годы", "1990-01-01/1999-12-31"),
    ("Поставки возобновятся в следующем году.", "в следующем году", "2024"),
    ("Вчера глава МИД провёл переговоры.", "Вчера", "2023-05-18"),
    ("Квота утверждена на I квартал 2024 года.", "на I квартал 2024 года", "2024-01-01/2024-03-31"),
    ("Отчёт выйдет в этом месяце.", "в этом месяце", "2023-05"),
    ("Летом 2013 года соглашение вступило в силу.", "Летом 2013 года", "2013-06-01/2013-08-31"),
    ("Документ действовал с 2001 по 2008 год.", "с 2001 по 2008 год", "2001-01-01/2008-12-31"),
]


@pytest.mark.parametrize(("sentence", "span", "value"), SPANS)
def test_span_and_value(sentence: str, span: str, value: str | None) -> None:
    matches = find_dates(sentence, PUB)
    assert [m.text for m in matches] == [span]
    assert matches[0].value == value
    assert sentence[matches[0].start : matches[0].end] == span


ABSOLUTE_NO_PUB = [
    ("Указ подписан 12 июня 2023 года.", "12 июня 2023 года", "2023-06-12"),
    ("Выставка откроется в 2024 году.", "в 2024 году", "2024"),
    ("Документ датирован 14.06.2023.", "14.06.2023", "2023-06-14"),
    ("Форум пройдёт в первой половине 2024 года.", "в первой половине 2024 года", "2024-01-01/2024-06-30"),
    ("Саммит назначен на 5 марта 2014 г. в Москве.", "на 5 марта 2014 г.", "2014-03-05"),
    ("Это случилось в 1990-х годах.", "в 1990-х годах", "1990-01-01/1999-12-31"),
]


@pytest.mark.parametrize(("sentence", "span", "value"), ABSOLUTE_NO_PUB)
def test_absolute_without_published(sentence: str, span: str, value: str) -> None:
    (m,) = find_dates(sentence)
    assert (m.text, m.value) == (span, value)


RELATIVE_NO_PUB = [
    ("Сегодня посол вручил грамоты.", "Сегодня"),
    ("В понедельник министр прибыл в Пекин.", "В понедельник"),
    ("Сделка была заключена в прошлом году.", "в прошлом году"),
    ("Стороны встретятся 12 июня.", "12 июня"),
    ("Визит запланирован во втором полугодии текущего года.", "во втором полугодии текущего года"),
    ("Министры встретятся на следующей неделе.", "на следующей неделе"),
]


@pytest.mark.parametrize(("sentence", "span"), RELATIVE_NO_PUB)
def test_relative_without_published_has_no_value(sentence: str, span: str) -> None:
    (m,) = find_dates(sentence)
    assert m.text == span and m.value is None


NOT_DATES = [
    "Бюджет проекта составил 2017 рублей.",
    "Нарушения выявлены в 2017 случаях из трёх тысяч.",
    "Телефон приёмной: 8 (495) 244-16-06.",
    "Главный тренер был признан тренером года.",
    "В соревнованиях участвуют юниоры до 18 лет.",
    "Министр ответил на вопросы журналистов.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence: str) -> None:
    assert find_dates(sentence, PUB) == []


def test_bare_year_in_context() -> None:
    text = "Президент (2000—2008) вернулся к теме на ЧМ-2018."
    assert [m.text for m in find_dates(text)] == ["2000", "2008", "2018"]


def test_several_dates_sorted_and_non_overlapping() -> None:
    text = "Вчера, 7 мая 2013 года, министр заявил, что в 2014 году и на следующей неделе визитов не будет."
    ms = find_dates(text, dt.date(2013, 5, 8))
    assert [m.text for m in ms] == ["Вчера, 7 мая 2013 года", "в 2014 году", "на следующей неделе"]
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))
    assert ms[0].value == "2013-05-07"


PUBLISHED = [
    ("12 июня 2023\n\nПрезидент вручил государственные премии.", dt.date(2023, 6, 12)),
    (
        "Путин провёл совещание\n\n14.06.2023 10:15\n\nМОСКВА. Президент провёл совещание.",
        dt.date(2023, 6, 14),
    ),
    ("МОСКВА, 5 марта 2014 — РИА Новости. Министр иностранных дел заявил...", dt.date(2014, 3, 5)),
    ("Заголовок новости\nОпубликовано: 19.05.2023\nТекст новости о визите.", dt.date(2023, 5, 19)),
    ("Как стало известно редакции. Вчера, 7 мая 2013 года, в Кремле прошла встреча.", dt.date(2013, 5, 8)),
    (
        "В четверг, 24 июля 2014 года, в Брюсселе прошли консультации. Ранее сегодня министр сделал заявление.",
        dt.date(2014, 7, 24),
    ),
    ("МОСКВА, 1 авг — РИА Новости. Министр прибыл в Минск.", None),
    ("Министр прибыл в Минск для переговоров с коллегой.", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), PUBLISHED)
def test_find_published(text: str, expected: dt.date | None) -> None:
    assert find_published(text) == expected


RESOLVE = [
    ("в следующий понедельник", PUB, "2023-05-22"),
    ("во втором полугодии текущего года", PUB, "2023-07-01/2023-12-31"),
    ("12 июня 2023 года", None, "2023-06-12"),
    ("в 2024 году", None, "2024"),
    ("сегодня", None, None),
    ("завтра", PUB, "2023-05-20"),
    ("до конца года", dt.date(2023, 11, 2), "2023-11-02/2023-12-31"),
    ("встреча без даты", PUB, None),
]


@pytest.mark.parametrize(("expr", "published", "expected"), RESOLVE)
def test_resolve_date(expr: str, published: dt.date | None, expected: str | None) -> None:
    assert resolve_date(expr, published) == expected


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("вВсна 0123456789.-/,:годуямаярьиюлмартпонедльк\n")), max_size=80)
    | st.text(max_size=60)
)
def test_random_text_never_raises_and_offsets_slice(text: str) -> None:
    ms = find_dates(text, PUB)
    assert all(isinstance(m, DateMatch) and text[m.start : m.end] == m.text and m.start < m.end for m in ms)
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))
    find_published(text)


def _kept(rule: Rule, matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    """Spans of the matches the rule's resolver keeps (not REJECT)."""
    return [m.span() for m in matches if rule.resolve(m, PUB) is not REJECT]


def _full_and_windowed(text: str) -> list[tuple[str, list[tuple[int, int]], list[tuple[int, int]]]]:
    """Per rule: the spans of a scan of the whole text and of `Rule.finditer` (windows around anchors, keys,
    word anchors); then, as "<name> kept", the same for the matches the resolver keeps, where `kept=True`
    (find_dates' call, which also drops windows without `Rule.keep`) must lose none."""
    scan = Scan(text)
    out = []
    for rule in RULES:
        full = list(rule.regex.finditer(text))
        out.append((rule.name, [m.span() for m in full], [m.span() for m in rule.finditer(text, scan)]))
        out.append(
            (f"{rule.name} kept", _kept(rule, full), _kept(rule, rule.finditer(text, scan, kept=True)))
        )
    return out


WIDE = " \n\t ".join(sentence for sentence, _, _ in SPANS) + (
    "  С   8   по   13   октября   2023   года  ,  в  прошлую   пятницу,   15  —  16   мая  "
    "НАКАНУНЕ ВСТРЕЧИ, В ПЯТНИЦУ, 7 ДЕКАБРЯ 2012 Г. Президент в 1990-х годах и в XX веке"
)


def test_declared_reach_is_what_the_pattern_allows() -> None:
    """Each anchored rule declares the window its pattern needs: too narrow a window would lose matches."""
    from dipextract.dates.rules import RULES, _reach

    anchored = [rule for rule in RULES if rule.anchor is not None]
    assert anchored and all(rule.reach is not None for rule in anchored)
    assert {rule.name: rule.reach for rule in anchored} == {
        rule.name: _reach(rule.regex, rule.anchor_group) for rule in anchored
    }


def test_anchored_windows_find_what_a_full_scan_finds() -> None:
    """The windows around anchors (month words, units, years) give every rule exactly its full-scan matches."""
    rules = _full_and_windowed(WIDE)
    assert sum(len(full) for _, full, _ in rules) > 60  # the text exercises the rules
    for name, full, windowed in rules:
        assert windowed == full, name


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "в",
                "на",
                "прошлую",
                "пятницу",
                ",",
                "15",
                "—",
                "16",
                "мая",
                "2020",
                "года",
                "г.",
                "Президент",
                "через",
                "две",
                "недели",
                "назад",
                "XX",
                "веке",
                "90-е",
                "годы",
                "летом",
                "этой",
                "осенью",
                "с",
                "по",
                "полгода",
                "позавчера",
                "три",
                "дня",
                "спустя",
                "этом",
                "году",
                "год",
                "5",
                "лет",
                "12.05.2020",
                "2020-06-01",
            ]
        ),
        max_size=30,
    ),
    st.lists(st.sampled_from([" ", "  ", "\n", " \n\t ", ""]), min_size=30, max_size=30),
)
def test_anchored_windows_match_full_scan_on_random_word_sequences(words: list[str], gaps: list[str]) -> None:
    text = "".join(word + gap for word, gap in zip(words, gaps))
    for name, full, windowed in _full_and_windowed(text):
        assert windowed == full, (name, text)


# Real sentences for the plain-text fast path: the words anchors sit inside of ("полгода", "позавчера"), what the
# keys name (a day number before a month, a number before a unit, "через", a Roman number before "век") and what
# `keep` drops (a bare "год", digits before "лет").
FAST_PATH = (
    "За прошедшие полгода товарооборот вырос.",
    "За последние полвека страна изменилась до неузнаваемости.",
    "Позавчера министр прилетел в Хельсинки.",
    "Послезавтра он проведёт встречу.",
    "Договор подписан 12.05.2020 в Москве.",
    "Соглашение вступило в силу 2020-06-01.",
    "Переговоры шли в течение полугода.",
    "Спустя три дня стороны согласовали текст.",
    "Ещё три дня спустя документ подписали.",
    "Пять лет назад это было невозможно.",
    "Обычный срок таких договоров 5 лет.",
    "Через 2 недели всё решится.",
    "Полтора года назад никто не верил.",
    "На проверку уйдёт ещё полтора месяца.",
    "Храм построен в XIX в. купцами.",
    "Собор перестроили в XXI веке.",
    "Здание перестроено в 21-м веке.",
    "Завод пустовал в 1990-х.",
    "В 80-ми годами всё изменилось.",
    "В 2010-ых цены выросли.",
    "В этом году прошли выборы.",
    "В конце недели соберётся совет.",
    "В том же месяце закроют сессию.",
    "Год назад он ушёл.",
    "Целый год он молчал.",
    "В прошлом квартале он вернулся.",
    "В ближайшие выходные откроется форум.",
    "Во втором полугодии 2021 года он работал в Париже.",
    "В течение 3 месяцев готовили визит.",
    "Договор заключён на 18 лет.",
    "Ему грозит до 5 лет заключения.",
    "С 10 апреля по 5 мая 2016 года шла подготовка.",
    "Встречи прошли от 3 мая – 5 июня.",
    "Сессия откроется 3-го июня.",
    "Демонстрация прошла 1-е мая.",
    "Форум прошёл 15—16 мая в Сочи.",
    "Посол приедет в мае.",
    "Звоните в среду.",
    "Среди недели он звонил.",
    "На ЧМ-2018 и Евро-2020 собрались болельщики.",
    "Билет стоил 2017 рублей.",
    "В 2017 случаях обошлось.",
    "В 2020-м году начались выборы.",
    "В последние годы рост замедлился.",
    "В прошлые годы рост был выше.",
    "В эти дни решается многое.",
    "В скором времени всё прояснится.",
    "На днях министр выступил.",
    "До сегодняшнего дня ответа нет.",
    "В сегодняшний день ответа нет.",
    "Этой осенью откроется выставка.",
    "Летом 2013 года соглашение вступило в силу.",
)


def test_fast_path_finds_what_a_full_scan_finds() -> None:
    """On a plain text every rule's keys, keep patterns and word anchors leave its matches as a full scan's
    (each sentence alone: in one long text a window's key could come from a neighbour's)."""
    matched = set()
    for text in (*FAST_PATH, " ".join(FAST_PATH)):
        assert Scan(text).plain
        for name, full, windowed in _full_and_windowed(text):
            assert windowed == full, (name, text)
            matched.update([name] if full else [])
    assert matched >= {rule.name for rule in RULES if rule.key or rule.keep or rule.word_anchor}


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Сегодня, 5 МАЯ 2020 ГОДА", True),
        ("", True),
        ("5 ᲂктября", False),
        ("İstanbul, 5 мая", False),
        ("ſ", False),
    ],
)
def test_plain_texts(text: str, plain: bool) -> None:
    assert Scan(text).plain is plain


def test_plain_means_lower_case_matching() -> None:
    """What makes `Scan.plain` sound: the rules' letters are Russian and Latin ones; the only letters that re's
    IGNORECASE matches to them besides their own cases (re._casefix) are the ones `_CASE_EXTRAS` finds, and no
    other character lower-cases into those; lower-casing keeps every character's `\\w`, `\\s`, `\\d` class."""
    from re import _casefix  # type: ignore[attr-defined]

    from dipextract.dates import published
    from dipextract.dates.rules import _CASE_EXTRAS, _compile_key

    alphabet = set(string.ascii_lowercase + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
    patterns = [rule.source for rule in RULES]
    patterns += [
        p.pattern for rule in RULES for p in (rule.needs, rule.anchor, rule.word_anchor) if p is not None
    ]
    patterns += [_compile_key(k).pattern for rule in RULES for k in (rule.key, rule.keep) if k is not None]
    patterns += [published._TIED_RE.pattern, published._FULL_RE.pattern, published._TODAY_RE.pattern]
    assert {c.lower() for p in patterns for c in p if c.isalpha()} <= alphabet
    extras = {chr(x) for c in alphabet for x in _casefix._EXTRA_CASES.get(ord(c), ())}
    assert extras and all(_CASE_EXTRAS.fullmatch(c) for c in extras)
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        low = c.lower()
        if len(low) != 1 or 0xD800 <= code < 0xE000:
            continue
        assert (low in extras) <= (c in extras), hex(code)
        assert (c.isalnum() or c == "_", c.isspace(), c.isdecimal()) == (
            low.isalnum() or low == "_",
            low.isspace(),
            low.isdecimal(),
        ), hex(code)


def test_deictic_word_spelt_with_a_look_alike_letter_is_no_date() -> None:
    """IGNORECASE reads the Georgian-Cyrillic "ᲃ" as "с": "ᲃегодня" is not "сегодня" and must not crash."""
    published = dt.date(2024, 3, 12)
    assert [m.text for m in find_dates("вчера ᲃегодня", published)] == ["вчера"]
    assert find_dates("вчера ᲃегодня", published)[0].value == "2024-03-11"
