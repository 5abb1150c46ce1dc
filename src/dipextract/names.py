"""Person names in the nominative, also for surnames pymorphy3 does not know (Central Asian, Caucasian, foreign)."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from .morph import UD_TO_OPENCORPORA_CASE, parse

_INITIAL = re.compile(r"^[А-ЯЁA-Z]\.?$")
ROMAN = re.compile(r"^[IVXLC]+$")

# Endings of Russian-type surnames by (gender, case) -> nominative ending; the first match wins.
# pymorphy3 reads unknown "-овым" surnames as adjectives ("Смаиловым" -> "смаиловый"), hence these rules.
_POSSESSIVE_STEMS = ("ов", "ев", "ёв", "ин", "ын")  # Смаилов, Токаев, Путин: noun-like endings
_MASC_POSSESSIVE = {"gent": "а", "accs": "а", "datv": "у", "ablt": "ым", "loct": "е"}
_MASC_ADJECTIVAL = {  # Зеленский, Толстой: adjective-like endings
    "gent": (("ского", "ский"), ("цкого", "цкий"), ("ого", "ой"), ("его", "ий")),
    "accs": (("ского", "ский"), ("цкого", "цкий"), ("ого", "ой"), ("его", "ий")),
    "datv": (("скому", "ский"), ("цкому", "цкий"), ("ому", "ой"), ("ему", "ий")),
    "ablt": (("ским", "ский"), ("цким", "цкий"), ("ым", "ый")),
    "loct": (("ском", "ский"), ("цком", "цкий")),
}
_FEMN_ENDING = {"gent": "ой", "datv": "ой", "ablt": "ой", "loct": "ой", "accs": "у"}


def _build_surname_rules() -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    rules: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}
    for case, ending in _MASC_POSSESSIVE.items():
        rules[("masc", case)] = (
            tuple((stem + ending, stem) for stem in _POSSESSIVE_STEMS) + _MASC_ADJECTIVAL[case]
        )
    for case, ending in _FEMN_ENDING.items():
        possessive = tuple(
            (stem.replace("ё", "е") + ending, stem.replace("ё", "е") + "а")
            for stem in _POSSESSIVE_STEMS
            if stem != "ёв"
        )
        adjectival_ending = "ую" if case == "accs" else "ой"
        rules[("femn", case)] = possessive + tuple(
            (root + adjectival_ending, root + "ая") for root in ("ск", "цк")
        )
    return rules


_SURNAME_RULES = _build_surname_rules()

# Masculine names in "-а" (Мандела, Маехара) decline like feminine nouns.
_A_STEM_RULES: dict[str, tuple[str, ...]] = {"gent": ("ы",), "accs": ("у",), "datv": ("е",), "ablt": ("ой",)}
# Other masculine names ending in a consonant (Эрдоган, Алихан, Акылбек): drop the case ending.
_CONSONANT_RULES: dict[str, tuple[str, ...]] = {
    "gent": ("а", "я"),
    "accs": ("а", "я"),
    "datv": ("у", "ю"),
    "ablt": ("ом", "ем", "ём"),
    "loct": ("е",),
}
_VOWELS = set("аеёиоуыэюя")
_HUSHING = set("цжшчщ")  # hard stems that take "-ем" in the instrumental and no soft sign
_SOFT_ENDINGS = frozenset({"я", "ю", "ем", "ём"})
_INSTRUMENTAL_ENDINGS = ("ом", "ем", "ём", "ым", "им")


@dataclass(frozen=True, slots=True)
class NameWord:
    """One word of a person mention with what the tagger says about it."""

    text: str
    case: str | None = None  # UD case: Nom, Gen, …
    gender: str | None = None  # UD gender: Masc, Fem


@dataclass(frozen=True, slots=True)
class PersonName:
    first: str | None
    middle: str | None
    last: str | None

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.last) if p)


@functools.cache
def first_names() -> frozenset[str]:
    """natasha's list of first names, lower case (it knows "софия" where pymorphy3 sees only the city)."""
    from .slovnet_models import natasha_data  # its path only: importing natasha loads all its modules

    names = set()
    with open(os.path.join(natasha_data(), "dict", "first.txt"), encoding="utf-8") as lines:
        for (
            line
        ) in lines:  # as natasha's `load_dict` reads it: a "#" after the first character starts a comment
            comment = line.find("#")
            names.add((line[:comment] if comment > 0 else line).rstrip())
    return frozenset(names)


def _restore_case(normal: str, original: str) -> str:
    """Capitalise like the original: each hyphen/space part upper-cased where the original's was."""
    if original.isupper() and len(original) > 1:
        return normal.upper()
    parts = re.split(r"([-\s])", normal)
    return "".join(p[:1].upper() + p[1:] if p and p not in "- " else p for p in parts)


def _name_parse(word: str, tag: str, case: str | None, gender: str | None):  # type: ignore[no-untyped-def]
    """The pymorphy3 parse of `word` carrying `tag` (Name/Surn/Patr) that fits the case and gender."""
    best = None
    for p in parse(word):
        if tag not in p.tag or "plur" in p.tag:
            continue
        if case and p.tag.case != case:
            continue
        if gender and gender not in p.tag.grammemes and "ms-f" not in p.tag.grammemes:
            continue
        best = p
        break
    return best


def _gender_of(words: list[NameWord]) -> str | None:
    """The tagger's gender when its words agree; else the dictionary's first reading of the first name
    ("Мария Шукшина" read as "Марий Шукшин" in a genitive chain: Мария is first a woman's name)."""
    tagged = {w.gender for w in words} & {"Fem", "Masc"}
    if len(tagged) == 1:
        return "femn" if tagged == {"Fem"} else "masc"
    if tagged:
        first = next((p for p in parse(words[0].text) if p.is_known), None)
        if first is not None and "Name" in first.tag and first.tag.gender in ("masc", "femn"):
            return str(first.tag.gender)
        return "femn" if next(w.gender for w in words if w.gender in tagged) == "Fem" else "masc"
    for w in words:
        for p in parse(w.text):
            if "Name" in p.tag and p.tag.gender in ("masc", "femn"):
                return str(p.tag.gender)
    return None


def nominative_word(word: str, role: str, case: str | None, gender: str | None) -> str:
    """One name word in the nominative: pymorphy3 where it knows the name, suffix rules where it does not."""
    if case in (None, "nomn") or _INITIAL.match(word) or "-" in word and word.count("-") > 1:
        return word
    tag = {"first": "Name", "middle": "Patr", "last": "Surn"}[role]
    p = _name_parse(word, tag, case, gender)
    if p is not None:
        form = p.inflect({"nomn", "sing"} | ({gender} if gender and gender in p.tag.grammemes else set()))
        if form is not None:
            return _restore_case(form.word, word)
    if "-" in word:
        head, _, tail = word.rpartition("-")
        return head + "-" + nominative_word(tail, role, case, gender)
    lower = word.lower()
    for ending, nominative in _SURNAME_RULES.get((gender or "masc", case), ()):
        if lower.endswith(ending) and len(lower) > len(ending) + 1:
            return _restore_case(lower[: -len(ending)] + nominative, word)
    if gender != "femn" or role == "first":  # "Никитой", and a woman's given name: "Грасой Машел"
        for ending in _A_STEM_RULES.get(case, ()):
            stem = lower[: -len(ending)]
            if lower.endswith(ending) and len(stem) >= 3 and stem[-1] not in _VOWELS:
                return _restore_case(stem + "а", word)
    if gender != "femn":
        for ending in _CONSONANT_RULES.get(case, ()):
            stem = lower[: -len(ending)]
            if not lower.endswith(ending) or len(stem) < 3:
                continue
            if ending in _SOFT_ENDINGS and stem[-1] in _HUSHING:  # "Мерцем" -> "Мерц", "Бушем" -> "Буш"
                return _restore_case(stem, word)
            if ending in _SOFT_ENDINGS:  # "Мигеля" -> "Мигель", "Андрея" -> "Андрей"
                return _restore_case(stem + ("й" if stem[-1] in _VOWELS else "ь"), word)
            if stem[-1] not in _VOWELS:
                return _restore_case(stem, word)
    return word


def _name_cases(words: list[NameWord], gender: str | None, *, guessed: bool = False) -> list[list[str]]:
    """Per word, the cases of its name readings (of that gender; dictionary ones unless `guessed`)."""
    options: list[list[str]] = []
    for w in words:
        if guessed and w.text.lower().endswith("и"):
            continue  # an unknown name in -и does not decline ("Такэси", "Хироси", "Моди"), whatever the guess
        cases = [
            str(p.tag.case)
            for p in parse(w.text)
            if (p.is_known or guessed)
            and ({"Name", "Surn", "Patr"} & p.tag.grammemes)
            and "plur" not in p.tag
            and "Fixd" not in p.tag
            and (gender is None or gender in p.tag.grammemes or "ms-f" in p.tag.grammemes)
        ]
        if cases:
            options.append(cases)
    return options


def _possible_case(surname: str, gender: str | None, case: str | None) -> str | None:
    """The genitive when a man's -ов/-ин surname has a genitive ending the tagged case cannot have
    ("встречи Садыра Жапарова", tagged instrumental: "Жапаровым" would be that)."""
    if gender != "masc" or case in (None, "nomn", "gent", "accs"):
        return case
    lower = surname.lower()

    def fits(c: str) -> bool:
        return any(lower.endswith(ending) for ending, _ in _SURNAME_RULES.get(("masc", c), ()))

    return "gent" if not fits(case) and fits("gent") else case


def _case_of(words: list[NameWord], gender: str | None) -> str | None:
    """The mention's case: the tagger's, unless the name forms rule it out ("Алиханом" is never nominative)."""
    # the surname's case: a foreign first name is often indeclinable and tagged nominative ("Сейджи Маехары")
    tagged = next((UD_TO_OPENCORPORA_CASE.get(w.case or "") for w in reversed(words) if w.case), None)
    options = _name_cases(words, gender)
    if not options and gender is not None:
        # a man's name pymorphy3 only guesses as a woman's ("Нарендру"): its form tells the case when
        # every guess agrees on one ("Маэхара" could be nominative or genitive: the tagger decides)
        guessed = _name_cases(words, None, guessed=True)
        if guessed and len(set(guessed[0]).intersection(*guessed[1:])) == 1:
            options = guessed
    if options:
        common = set(options[0]).intersection(*options[1:]) or set(min(options, key=len))
        if tagged in common:
            return tagged
        best = min(options, key=len)
        return next(c for c in best if c in common)
    if (
        tagged == "nomn"
        and words[-1].text.lower().endswith(_INSTRUMENTAL_ENDINGS)
        and len(words[-1].text) > 4
    ):
        return "ablt"  # "Цзиньпином": an unknown name in "-ом/-ым" is instrumental whatever the tagger says
    return tagged


def _known_first(word: str) -> bool:
    """A given name the dictionary or the first-name list knows, not one pymorphy3 only guesses."""
    return word.lower() in first_names() or any(p.is_known and "Name" in p.tag for p in parse(word))


def _role_of(word: str) -> str | None:
    """'first', 'middle' or 'last' when the dictionary tells; None when only the position can."""
    lower = word.lower()
    tags = [p.tag for p in parse(word)[:3]]
    if any("Patr" in t for t in tags) and re.search(
        r"(вич|вна|вны|вне|вну|вной|вича|вичу|вичем|виче|кызы|оглы|улы|уулу)$", lower
    ):
        return "middle"
    if any("Name" in t for t in tags) or lower in first_names():
        return "first"
    if any("Surn" in t for t in tags):
        return "last"
    return None


def normalize_person(words: list[NameWord]) -> PersonName:
    """Split a person mention into first/middle/last and put each part into the nominative."""
    return _normalized(tuple(words))


@functools.lru_cache(maxsize=50_000)  # a person is named again and again, in a document and across the news
def _normalized(name_words: tuple[NameWord, ...]) -> PersonName:
    words = [w for w in name_words if any(ch.isalpha() for ch in w.text)]
    if not words:
        return PersonName(None, None, None)
    gender = _gender_of(words)
    case = _possible_case(words[-1].text, gender, _case_of(words, gender))
    if len(words) >= 2 and ROMAN.match(words[-1].text):
        # regnal names are kept whole, as written: "Бенедикта XVI" -> "Бенедикт XVI", "Елизаветой II"
        given = " ".join(nominative_word(w.text, "first", case, gender) for w in words[:-1])
        return PersonName(None, None, f"{given} {words[-1].text}")
    roles: list[str | None] = [_role_of(w.text) for w in words]
    initials = [bool(_INITIAL.match(w.text)) for w in words]
    n = len(words)
    if n == 1:
        roles = ["last"]  # a lone word is a surname in news ("Путин"); single names are kept as written
    elif n == 2:
        if initials[0]:
            roles = ["first", "last"]
        elif roles[1] == "first" and roles[0] == "last" and _known_first(words[1].text):
            roles = ["last", "first"]  # "Жапаров Акылбек"; not "Оливье Декотиньи" (a guessed "Декотинья")
        else:
            roles = ["first", "last"]
    else:
        if roles[1] == "middle" or initials[1]:
            roles = ["first", "middle", "last"] + ["last"] * (n - 3)
        elif roles[-1] == "middle":
            roles = ["last", "first", "middle"] + ["middle"] * (n - 3)
        else:
            roles = ["first"] * (n - 1) + ["last"]
    parts: dict[str, list[str]] = {"first": [], "middle": [], "last": []}
    for w, role in zip(words, roles):
        word_case = case
        parts[role or "last"].append(nominative_word(w.text, role or "last", word_case, gender))
    return PersonName(
        " ".join(parts["first"]) or None, " ".join(parts["middle"]) or None, " ".join(parts["last"]) or None
    )
