"""Word lists and regex fragments for Russian date expressions (shared by all date rules)."""

from __future__ import annotations

import re

# Month stems in matching order: the prefix of the matched word decides the month number.
MONTH_PREFIXES: tuple[tuple[str, int], ...] = (
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("ма", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
)

WEEKDAY_PREFIXES: tuple[tuple[str, int], ...] = (
    ("понед", 0),
    ("вторн", 1),
    ("сред", 2),
    ("четв", 3),
    ("пятн", 4),
    ("субб", 5),
    ("воскр", 6),
)

SEASON_MONTHS: dict[str, tuple[int, int]] = {"вес": (3, 5), "лет": (6, 8), "осе": (9, 11), "зим": (12, 2)}

NUMBER_WORDS: dict[str, int] = {
    "один": 1,
    "одну": 1,
    "одного": 1,
    "одна": 1,
    "два": 2,
    "две": 2,
    "двух": 2,
    "пару": 2,
    "три": 3,
    "трех": 3,
    "трёх": 3,
    "четыре": 4,
    "четырех": 4,
    "четырёх": 4,
    "пять": 5,
    "пяти": 5,
    "шесть": 6,
    "шести": 6,
    "семь": 7,
    "семи": 7,
    "восемь": 8,
    "восьми": 8,
    "девять": 9,
    "девяти": 9,
    "десять": 10,
    "десяти": 10,
    "полтора": 1,
}

ORDINALS: dict[str, int] = {"перв": 1, "втор": 2, "трет": 3, "четв": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

NOT_LOWER = r"(?![а-яёa-z])"

# Full month words (any case form) and common abbreviations.
MONTH_RE = (
    r"(?:январ(?:[ьяею]|ём|ем)|феврал(?:[ьяею]|ём|ем)|март(?:[ауе]|ом)?|апрел(?:[ьяею]|ем)|ма(?:[йяею]|ем)|июн(?:[ьяею]|ем)"
    r"|июл(?:[ьяею]|ем)|август(?:[ауе]|ом)?|сентябр(?:[ьяею]|ём|ем)|октябр(?:[ьяею]|ём|ем)|ноябр(?:[ьяею]|ём|ем)"
    r"|декабр(?:[ьяею]|ём|ем)"
    r"|янв|февр?|апр|июн|июл|авг|сент?|окт|нояб?|дек)(?![а-яё])(?:\.(?=\s*\d))?"
)
WEEKDAY_RE = r"(?:понедельник[аеу]?|вторник[аеу]?|сред[ауеы]|четверг[аеу]?|пятниц[ауеы]|суббот[ауеы]|воскресень[ея])(?![а-яё])"

# Relative adjectives grouped by offset.
PAST_ADJ = r"(?:прошл|минувш|предыдущ|прошедш)[а-яё]*"
PREPAST_ADJ = r"позапрошл[а-яё]*"
THIS_ADJ = r"(?:эт(?:от|ом|ого|у|ой|а|и|их|им)|текущ[а-яё]*|нынешн[а-яё]*|сего|то(?:м|го|т)\s+же|т(?:у|ой|е)\s+же|данн[а-яё]*)"
NEXT_ADJ = r"(?:следующ|будущ|наступающ|грядущ|предстоящ|наступивш)[а-яё]*"
REL_ADJ = rf"(?:{PREPAST_ADJ}|{PAST_ADJ}|{NEXT_ADJ}|{THIS_ADJ})"

PREP = r"(?:(?:в|во|с|c|со|на|до|по|от|около|начиная\s+с|вплоть\s+до|в\s+течение|на\s+протяжении)\s+)"
PART = (
    r"(?:(?:самом\s+|самого\s+|самый\s+)?(?:начал[оауе]|середин[аеуы]|конц[аеу]|конец|исход[аеу]?"
    r"|перв(?:ой|ую|ая)\s+половин[аеуы]|втор(?:ой|ую|ая)\s+половин[аеуы])\s+)"
)
# "года", "г.", "гг." after a year; the abbreviation's dot is kept only mid-sentence.
YEAR_WORD = (
    r"(?:год(?:а|у|ом|ы|ов|ах)?(?![а-яё])|гг?(?![а-яё])(?:\.(?=\s*(?-i:[а-яё0-9,;:)»(\-—–]))|\.(?=,))?)"
)
UNIT_YEAR = r"(?:год(?:а|у|ом)?|лет)"


def month_number(word: str) -> int:
    """Map any month form or abbreviation to its number."""
    w = word.lower()
    for prefix, num in MONTH_PREFIXES:
        if w.startswith(prefix):
            return num
    raise ValueError(word)


def weekday_number(word: str) -> int:
    """Map any weekday form to Monday=0..Sunday=6."""
    w = word.lower()
    for prefix, num in WEEKDAY_PREFIXES:
        if w.startswith(prefix):
            return num
    raise ValueError(word)


def rel_offset(adj: str | None) -> int | None:
    """Offset in units for a relative adjective (прошлый -1, этот 0, следующий +1)."""
    if not adj:
        return None
    a = adj.lower()
    if re.fullmatch(PREPAST_ADJ, a):
        return -2
    if re.fullmatch(PAST_ADJ, a):
        return -1
    if re.fullmatch(NEXT_ADJ, a):
        return 1
    return 0


def roman_to_int(s: str) -> int:
    """Roman numeral (Latin or Cyrillic Х/С/І) to int."""
    s = s.upper().replace("Х", "X").replace("С", "C").replace("І", "I")
    total = 0
    for i, ch in enumerate(s):
        v = ROMAN[ch]
        total += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    return total


def number_value(word: str | None) -> int | None:
    """Digits or a small number word to int; None for vague quantities."""
    if not word:
        return 1
    w = word.lower()
    if w.isdigit():
        return int(w)
    return NUMBER_WORDS.get(w)
