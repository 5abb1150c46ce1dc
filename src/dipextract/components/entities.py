"""Entities of the contract from all candidate mentions: typed, normalised, clustered, posts linked to holders."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from typing import Any

import numpy as np
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup, Token

from ..const import (
    CITY,
    COUNTRY,
    DATE,
    ORGANIZATION,
    PERSON,
    POST,
    REGION,
    SPANS_MENTIONS,
    SPANS_NER,
)
from ..dates import find_dates, find_published
from ..events.lexicon import trigger_lemmas
from ..gazetteer import Gazetteer, GazetteerHit, gazetteer
from ..link_model import LinkContext, link_holders, load_weights
from ..links import relative_named, rule_holders
from ..mentions import Mention
from ..morph import parse
from ..morph_features import feature
from ..names import NameWord, first_names, normalize_person
from ..nationalities import names_nationality
from ..offsets import char_span, token_range
from ..persons import cluster_persons
from ..phrases import nominative_phrase
from ..posts import (
    apposition_posts,
    document_heads,
    find_posts,
    national_posts,
    post_descriptors,
    post_heads,
    region_nouns,
)
from ..segments import doc_text, is_russian, sentence_indices

for _name, _default in (("published", None), ("entities", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

_PLACE_TYPES = (COUNTRY, CITY, REGION)
_RUSSIAN_OR_LATIN = re.compile(r"[А-Яа-яЁёA-Za-z]")
_TITLES = frozenset(
    {
        "мадам",
        "господин",
        "госпожа",
        "сэр",
        "мистер",
        "миссис",
        "мисс",
        "леди",
        "лорд",
        "фрау",
        "герр",
        "маршал",
        "полковник",
        "генерал",
        "доктор",
        "профессор",
        "святой",
    }
)
_GAZETTEER_ADDS = (COUNTRY, CITY, REGION, ORGANIZATION)


_NAME_READINGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})


def _dictionary_word(
    word: str, pos: tuple[str, ...], *, nominative: bool = False, not_also: frozenset[str] = _NAME_READINGS
) -> bool:
    """A known word whose best reading has one of `pos` (in the nominative if asked) and no reading
    with a grammeme of `not_also` (a name, surname, place…)."""
    parses = parse(word)
    return (
        bool(parses)
        and parses[0].is_known
        and parses[0].tag.POS in pos
        and (not nominative or "nomn" in parses[0].tag)
        and not any(not_also & p.tag.grammemes for p in parses)
    )


def _common_noun(word: str) -> bool:
    """A dictionary noun with no name reading: "Литератор", not "Путин" or "Алихан"."""
    return _dictionary_word(word, ("NOUN",))


_ADJECTIVE_ENDINGS = (
    "ий",
    "ый",
    "ой",
    "ая",
    "ое",
    "ого",
    "ому",
    "ым",
    "ом",
    "ую",
    "ой",
    "ие",
    "ых",
    "их",
    "ими",
    "ыми",
)


def _home_country(entities: list[dict[str, Any]]) -> str | None:
    """The country an article is about: the one named most often — counting its cities and regions and
    the people the text gives its posts — when no other is named as often."""
    counts: dict[str, int] = {}
    for e in entities:
        if e["type"] == COUNTRY:
            iso = e.get("iso")
        elif e["type"] in (CITY, REGION, PERSON):
            iso = e.get("country")
        else:
            continue
        if iso:
            counts[iso] = counts.get(iso, 0) + len(e["mentions"])
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _country_just_before(entities: list[dict[str, Any]], post: dict[str, Any], text: str) -> str | None:
    """The one country named in the 250 characters before the post (a heading "Италия", then "Два дня
    выбирали итальянцы новый парламент, … Премьер-министр Берлускони"); none when two are."""
    start = min(m.start for m in post["mentions"])
    named = {
        e["iso"]
        for e in entities
        if e["type"] == COUNTRY and e.get("iso")
        for m in e["mentions"]
        if start - 250 < m.start < start
    }
    return named.pop() if len(named) == 1 else None


def _national_post(name: str) -> bool:
    """A government post of a state by its normalised name: the office alone ("премьер-министр", "глава
    государства") or a minister with a portfolio ("министр финансов"); "президент клуба" is not one."""
    words = name.lower().split()
    if " ".join(words) in national_posts():
        return True
    return bool(words) and (
        words[0] in ("министр", "замминистра") or words[:2] == ["заместитель", "министра"]
    )


def _country_adjective_before(country: Mention, post: Mention) -> bool:
    """A country adjective ending where the post begins, one space between: "британский премьер"."""
    return 0 <= post.start - country.end <= 1 and country.text.lower().endswith(_ADJECTIVE_ENDINGS)


def _apposition_case(doc: Doc, m: Mention, post_ends: dict[int, Mention]) -> str | None:
    """The case of the post a name stands in apposition to, when the tagger read every word of the name
    as nominative after an oblique post: "визита министра иностранных дел Японии Сейджи Маехары"."""
    post = post_ends.get(m.token_start)
    if m.type != PERSON or post is None or relative_named(doc, post, m):
        return None
    post_case = (feature(doc[post.token_start], "Case") or [None])[0]
    name_cases = {(feature(t, "Case") or [None])[0] for t in doc[m.token_start : m.token_end] if t.is_alpha}
    if post_case in (None, "Nom") or name_cases - {"Nom"}:
        return None
    return post_case


_LATIN_NAME = re.compile(r"\s*\(([A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-.]+){0,3})\)")


def _with_latin_spellings(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A name followed by its Latin spelling, "Грегори Чамитофф (Gregory Chamitoff)", has it as a second
    mention of the same person (the Cyrillic name is kept as the entity's name)."""
    text = doc_text(doc)
    persons_at = {(m.start, m.end): m for m in mentions if m.type == PERSON}
    added: list[Mention] = []
    for m in [m for m in mentions if m.type == PERSON]:
        match = _LATIN_NAME.match(text, m.end)
        if match is None:
            continue
        start, end = match.span(1)
        latin = persons_at.get((start, end))
        if latin is None:
            span = char_span(doc, start, end)
            if span is None or (span.start_char, span.end_char) != (start, end):
                continue
            if any(
                o.overlaps(Mention(start, end, PERSON, "", 0, 0, "")) for o in mentions if o.type != PERSON
            ):
                continue  # "(NASA)" is the tagger's organisation, not a name
            latin = _mention_from_span(span, PERSON, "rules")
            added.append(latin)
        latin.name, latin.first, latin.middle, latin.last = m.name, m.first, m.middle, m.last
    return mentions + added


class _Inner:
    """(mention, entity) pairs looked up by position, in their original order, for long documents."""

    def __init__(self, pairs: list[tuple[Mention, dict[str, Any]]]) -> None:
        self._pairs = pairs
        self._by_start = sorted(range(len(pairs)), key=lambda k: pairs[k][0].start)
        self._starts = [pairs[k][0].start for k in self._by_start]
        self._by_end: dict[int, list[int]] = {}
        for k, (m, _) in enumerate(pairs):
            self._by_end.setdefault(m.end, []).append(k)

    def within(self, outer: Mention) -> list[tuple[Mention, dict[str, Any]]]:
        lo = bisect.bisect_left(self._starts, outer.start)
        hi = bisect.bisect_right(self._starts, outer.end)
        found = sorted(k for k in self._by_start[lo:hi] if self._pairs[k][0].end <= outer.end)
        return [self._pairs[k] for k in found]

    def starting_in(self, lo: int, hi: int) -> list[tuple[Mention, dict[str, Any]]]:
        found = sorted(
            self._by_start[bisect.bisect_left(self._starts, lo) : bisect.bisect_right(self._starts, hi)]
        )
        return [self._pairs[k] for k in found]

    def ending_near(self, position: int) -> list[tuple[Mention, dict[str, Any]]]:
        found = sorted(k for end in (position - 1, position) for k in self._by_end.get(end, ()))
        return [self._pairs[k] for k in found]


class _TokenCover:
    """Mentions in text order with an index from token to the mentions over it, for overlap lookups."""

    def __init__(self, mentions: list[Mention]) -> None:
        self._all: dict[int, Mention] = {}
        self._by_token: dict[int, dict[int, Mention]] = {}
        for m in mentions:
            self.add(m)

    def add(self, m: Mention) -> None:
        self._all[id(m)] = m
        for t in range(m.token_start, max(m.token_end, m.token_start + 1)):
            self._by_token.setdefault(t, {})[id(m)] = m

    def remove(self, found: list[Mention]) -> None:
        for m in found:
            self._all.pop(id(m), None)
            for t in range(m.token_start, max(m.token_end, m.token_start + 1)):
                self._by_token.get(t, {}).pop(id(m), None)

    def overlapping(self, m: Mention) -> list[Mention]:
        seen: dict[int, Mention] = {}
        for t in range(m.token_start, max(m.token_end, m.token_start + 1)):
            seen.update(self._by_token.get(t, {}))
        return [o for o in seen.values() if o.overlaps(m)]

    def mentions(self) -> list[Mention]:
        return list(self._all.values())


_UN_BODY = re.compile(r"\bООН\b|Объедин[её]нных\s+Наций")


def _names_document(span: Span) -> bool:
    """Does the span name a document ("Соглашение о ...", "Программу сотрудничества ...") rather than a body?"""
    first = next((t for t in span if t.is_alpha), None)
    return first is not None and first.lemma_.lower() in document_heads() and not _UN_BODY.search(span.text)


def _titled(text: str) -> str:
    """ "НЬЮ-ЙОРК" as the gazetteer spells it: "Нью-Йорк" (upper-case words are read as codes)."""
    return "-".join(part.capitalize() for part in text.split("-"))


_FAMILY_ENDINGS = ("овых", "евых", "ёвых", "иных", "ыных")  # not "Черных", "Седых": those are singular


def _first_name(word: str) -> bool:
    """A dictionary first name ("Питер", "Доминик", "София"), even when a place is spelt the same."""
    known = [p for p in parse(word) if p.is_known]
    return any("Name" in p.tag for p in known) or any(p.normal_form in first_names() for p in known[:1])


def _word_before_name(token: Token) -> bool:
    """A common noun or adjective the tagger ran into a name: a sentence's capitalised first word ("Сын",
    "Нейрохирург", "Безлюдная") or a lower-case word ("симфония Шуберта", "мать Терезу"); inside a
    sentence a capital means a name ("шейх Хамад")."""
    lower = token.text[:1].islower()
    if len(token.text) < 3 or not (lower or token.is_sent_start and token.text[:1].isupper()):
        return False
    # a capitalised opener is a subject ("Сын ..."), not "Хамад" read as the genitive of "хамада"
    return _dictionary_word(
        token.text, ("NOUN", "ADJF"), nominative=not lower, not_also=_NAME_READINGS | {"Abbr"}
    )


def _initial_with_dot(token: Token) -> bool:
    """ "А" followed by "." in "А.Лукашенко": the name keeps the initial's dot (not a full stop that ends
    the sentence after "Ван И")."""
    doc = token.doc
    return (
        len(token.text) == 1
        and token.text.isupper()
        and token.i + 1 < len(doc)
        and token.nbor(1).text == "."
        and not (token.i + 2 < len(doc) and doc[token.i + 2].is_sent_start)
    )


def _name_words(doc: Doc, m: Mention) -> list[Token]:
    return [t for t in doc[m.token_start : m.token_end] if any(ch.isalpha() for ch in t.text)]


_ORDINAL = re.compile(r"\d+-(?:й|я|е|го|ой|ая|ое|ого|ом|ым|ей|м|му|ю)")


def _with_ordinal(doc: Doc, m: Mention) -> Mention:
    """ "1-го Украинского фронта", "58-й армии": the numbered unit's ordinal is part of its name."""
    if m.token_start == 0 or not _ORDINAL.fullmatch(doc[m.token_start - 1].text):
        return m
    start = doc[m.token_start - 1]
    return dataclasses.replace(m, start=start.idx, text=doc_text(doc)[start.idx : m.end], token_start=start.i)


def _quote_closes_after(text: str, m: Mention) -> bool:
    """m opens a « it leaves out, and the » closing it follows at once ("глава ОАО «Газпром»")."""
    return text[m.end : m.end + 1] == "»" and m.text.count("«") > m.text.count("»")


def _with_closing_quote(doc: Doc, m: Mention) -> Mention:
    """ "ЗАО «Медиа-Мост»": an organisation's name keeps the quote it opens closed (NEREL train: 21 names
    end on the closing quote, 10 before it; the tagger stops before it)."""
    text = doc_text(doc)
    if m.token_end >= len(doc) or doc[m.token_end].idx != m.end or not _quote_closes_after(text, m):
        return m
    return dataclasses.replace(m, end=m.end + 1, text=text[m.start : m.end + 1], token_end=m.token_end + 1)


def _cut_before(doc: Doc, m: Mention, i: int, *, punct: bool = False) -> Mention:
    """m ended before token i, with the spaces (and, if asked, punctuation) before that left out."""
    end = i
    while end > m.token_start + 1 and (doc[end - 1].is_space or (punct and doc[end - 1].is_punct)):
        end -= 1
    span = doc[m.token_start : end]
    return dataclasses.replace(m, end=span.end_char, text=span.text, token_end=span.end)


def _before_event_phrase(doc: Doc, m: Mention) -> Mention:
    """ "министры иностранных дел Европейского союза [на совещании в Люксембурге]": a post or an organisation
    ends before "в/на" + an event noun, which says where its holder was, not what it is."""
    triggers = trigger_lemmas()
    for i in range(m.token_start + 1, m.token_end - 1):
        if doc[i].lower_ in ("в", "во", "на") and doc[i + 1].pos_ == "NOUN" and doc[i + 1].lemma_ in triggers:
            return _cut_before(doc, m, i)
    return m


_OPENING_QUOTES = frozenset({"«", '"', "„", "“"})


def _hyphen_post(m: Mention, word: str) -> Mention:
    """ "сенатора-демократа", "женщина-президент": of a post and a word about its holder, NEREL marks the post
    ("сенатора", "президент"): 13 of 15 such words in train, and 5 of 5 after "женщина"."""
    first, sep, second = word.partition("-")
    if not sep or not first or not second or "-" in second:
        return m
    if (
        parse(second.lower())[0].normal_form in post_descriptors()
        and parse(first.lower())[0].normal_form in post_heads()
    ):
        return dataclasses.replace(m, end=m.start + len(first), text=first)
    if (
        parse(first.lower())[0].normal_form in ("женщина", "мужчина")
        and parse(second.lower())[0].normal_form in post_heads()
    ):
        return dataclasses.replace(m, start=m.end - len(second), text=second)
    return m


def _region_end(doc: Doc, m: Mention, places: dict[int, Mention]) -> int | None:
    """The token where the region after post `m` ends: "министр финансов [немецкой земли Бавария]", "губернатор
    [штата Техас]", "министр транспорта [Пермского края]" — NEREL keeps the region in the post (61 of 63 region
    nouns after a post in train). None when no place mention follows."""
    place = places.get(m.token_end)
    if place is not None and place.type != COUNTRY and doc[place.token_end - 1].lemma_ in region_nouns():
        # not a state's own name: "артист Российской Федерации" is an honorary title, NEREL's post is "артист"
        return place.token_end
    i = m.token_end
    while i < len(doc) and doc[i].pos_ == "ADJ" and feature(doc[i], "Case") == ["Gen"]:
        i += 1
    if i < len(doc) and doc[i].lemma_ in region_nouns() and feature(doc[i], "Case") == ["Gen"]:
        place = places.get(i + 1)
        if place is not None:
            return place.token_end
    return None


def _with_region_posts(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A post the tagger ended before its region ("министра финансов" of "земли Бавария") gets an outer post
    with it; a post cut inside the region ("Министр финансов немецкой" of "немецкой земли Бавария") is replaced by it."""
    places = {m.token_start: m for m in mentions if m.type in (REGION, CITY, COUNTRY)}
    posts = [m for m in mentions if m.type == POST]
    spans = {(m.token_start, m.token_end) for m in posts}
    out = []
    for m in mentions:
        end = None
        if m.type == POST and not any(o is not m and o.contains(m) for o in posts):
            end = _region_end(doc, m, places)
        if end is None or (m.token_start, end) in spans:
            out.append(m)
            continue
        span = doc[m.token_start : end]
        if doc[m.token_end - 1].pos_ != "ADJ":
            out.append(m)
        out.append(dataclasses.replace(m, end=span.end_char, text=span.text, token_end=end))
        spans.add((m.token_start, end))
    return out


def _with_apposition_posts(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Нейрохирург Мэри Кобб", "моряк Мендонса": a noun that, right before a name, names a post
    (data/apposition_posts.txt) is that person's post when the tagger has left it outside
    every mention (or `_person_core` has cut it off the name)."""
    taken = {i for m in mentions for i in range(m.token_start, m.token_end)}
    added = []
    for m in mentions:
        i = m.token_start - 1
        if m.type != PERSON or i < 0 or i in taken:
            continue
        word = doc[i]
        if (
            word.pos_ in ("NOUN", "PROPN")
            and word.is_alpha
            and word.lemma_.lower() in apposition_posts()
            and word.idx + len(word.text) < m.start
        ):
            added.append(_mention_from_span(doc[i : i + 1], POST, "rules"))
            taken.add(i)
    return mentions + added


def _name_after_full_name(part: list[Token], word: Token) -> bool:
    """ "Майкла Джексона Кэтрин": a first name after a first name and surname starts another person."""
    return (
        len(part) >= 2
        and not any(_initial_with_dot(w) for w in (*part, word))
        and len(word.text) > 2
        and word.text[:1].isupper()
        and _first_name(part[0].text)
        and any("Surn" in p.tag for p in parse(part[-1].text)[:1])
        and _first_name(word.text)
        and not any("Patr" in p.tag for p in parse(word.text)[:2])
    )


def _split_persons(doc: Doc, m: Mention) -> list[Mention]:
    """Two names the tagger ran together: "В.Шеймана А.Кулешов", "А.Лукашенко Виктор", "Дадашев Дадашев",
    "Майкла Джексона Кэтрин".

    A new name starts at an initial that follows a full word, at a first name that follows an
    initial-led name or a first name and surname, and at a word that repeats the one before it.
    """
    if m.type != PERSON:
        return [m]
    words = _name_words(doc, m)
    cuts: list[int] = []
    begin = 0
    for k in range(1, len(words)):
        part = words[begin:k]
        initial_led = _initial_with_dot(part[0]) and any(len(w.text) > 1 for w in part)
        full_word_before = any(len(w.text) > 1 for w in part)
        # initials lead a new name only when a full word follows them ("Михальчука И. Ф." is one name)
        leading_initial = _initial_with_dot(words[k]) and any(len(w.text) > 1 for w in words[k + 1 :])
        if (
            (leading_initial and full_word_before)
            or (initial_led and _first_name(words[k].text) and not _initial_with_dot(words[k]))
            or (len(words[k].text) > 3 and words[k].lower_ == words[k - 1].lower_)
            or _name_after_full_name(part, words[k])
        ):
            cuts.append(words[k].i)
            begin = k
    if not cuts:
        return [m]
    parts = []
    for start, end in zip([m.token_start, *cuts], [*cuts, m.token_end]):
        span = doc[start:end]
        while len(span) and not any(ch.isalpha() for ch in span[-1].text):
            span = doc[span.start : span.end - 1]
        if len(span):
            parts.append(_mention_from_span(span, PERSON, m.source))
    return parts


_NICKNAME_GAP = re.compile(r"\s*[«\"(][A-ZА-ЯЁ][^«»\"()\n]{0,30}[»\")]\s*$")
_REGNAL = re.compile(r"\s[IVXLC]+$")


def _join_persons(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """One name the tagger cut in two: "Джеймс «Бадди» Макгирт" (a nickname in quotes or brackets between
    given name and surname) and "Иоанн" + "Павел II" (a double regnal name); not two names around a
    place ("Тору Камикава (Япония) • Шамсул Майдин")."""
    text = doc_text(doc)
    persons = sorted((m for m in mentions if m.type == PERSON), key=lambda m: m.start)
    drop: set[int] = set()
    joined: list[Mention] = []
    for k, a in enumerate(persons):
        if id(a) in drop:
            continue
        # the next name, or the one after it when the nickname itself was tagged ("James (Buddy) McGirt")
        pair = next(
            (
                b
                for b in persons[k + 1 : k + 3]
                if b.start > a.end
                and b.text[:1].isalpha()
                and (
                    _NICKNAME_GAP.match(text[a.end : b.start])
                    or text[a.end : b.start] == " "
                    and " " not in a.text
                    and _REGNAL.search(b.text)
                )
                # the scan over all mentions last: it runs only for the rare gap that fits
                and not any(m.type != PERSON and a.end <= m.start < b.start for m in mentions)
            ),
            None,
        )
        if pair is None:
            continue
        b = pair
        span = doc[a.token_start : b.token_end]
        inside = [m for m in mentions if a.start <= m.start and m.end <= b.end and m.type == PERSON]
        drop.update(id(m) for m in inside)
        joined.append(_mention_from_span(span, PERSON, a.source))
    if not joined:
        return mentions
    return [m for m in mentions if id(m) not in drop] + joined


_ABBREVIATION = re.compile(r"[А-ЯЁ]{2,6}")
_NOT_IN_ABBREVIATIONS = frozenset(
    {"и", "по", "при", "в", "во", "на", "для", "о", "об", "с", "со", "за", "к", "от", "из"}
)


def _initials(name: str) -> str:
    """ "Совет Федерации" -> "СФ", "Министерство иностранных дел" -> "МИД" (function words left out)."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _NOT_IN_ABBREVIATIONS]
    return "".join(w[0] for w in words).upper().replace("Ё", "Е")


def _abbreviations_joined(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An organisation named by an abbreviation joins the one organisation of the article whose name's
    initials it is ("СФ" after "Совет Федерации"), when the gazetteer has not made them one already."""
    organisations = [e for e in entities if e["type"] == ORGANIZATION]
    initials = {id(f): _initials(f["name"]) for f in organisations}  # an abbreviation's own is one letter
    joined: set[int] = set()
    for e in organisations:
        if not _ABBREVIATION.fullmatch(e["name"]) or not any(
            m.text.startswith(e["name"]) for m in e["mentions"]
        ):
            continue  # initials the text writes: "Европейского союза", named "ЕС" by the list, is no abbreviation
        abbreviation = e["name"].replace("Ё", "Е")
        hosts = [f for f in organisations if id(f) not in joined and initials[id(f)] == abbreviation]
        if len(hosts) == 1:
            hosts[0]["mentions"].extend(e["mentions"])
            joined.add(id(e))
    return [e for e in entities if id(e) not in joined]


def _capitalised_name(doc: Doc, name: str, mentions: list[Mention]) -> str:
    """ "либерально-демократическая партия" is named as the text capitalises it elsewhere, "с
    Либерально-демократической партией" (a capital at a sentence's start proves nothing)."""
    if not name[:1].islower():
        return name
    for m in mentions:
        if m.name[:1].isupper() and m.name.lower() == name.lower() and not doc[m.token_start].is_sent_start:
            return m.name
    return name


def _russian_words(doc: Doc) -> tuple[list[tuple[int, int]], set[int]]:
    """Character offsets of the words of the Russian sentences, and which of them (by position in that
    list) start a sentence; read from token arrays (no Token objects for every word)."""
    words = [i for sent in sentence_indices(doc, russian=True) for i in sent]
    rows = doc.to_array([IDX, LENGTH, SENT_START]).astype(np.int64)[words]  # SENT_START may be -1
    starts = rows[:, 0].tolist()
    ends = (rows[:, 0] + rows[:, 1]).tolist()
    return list(zip(starts, ends)), set(np.flatnonzero(rows[:, 2] == 1).tolist())


def _mention_from_span(span: Span, type_: str, source: str) -> Mention:
    return Mention(span.start_char, span.end_char, type_, span.text, span.start, span.end, source)


class EntityResolver:
    """Reads candidate spans (tagger/NER, gazetteer, rules, dates) and writes `doc._.entities` and mentions."""

    def __init__(
        self, nlp: Language, name: str, *, rule_posts: str = "fallback", link_model: str = "learnt"
    ) -> None:
        self.name = name
        self.rule_posts = rule_posts
        self.link_model = link_model
        self.gazetteer: Gazetteer = gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        published = self._published(doc)
        mentions = self._collect(doc, published)
        entities = self._cluster(doc, mentions)
        doc._.entities = entities
        spans = []
        for m in mentions:
            span = char_span(doc, m.start, m.end, label=m.type)
            if span is not None:
                span.kb_id_ = m.entity or ""
                spans.append(span)
        spans.sort(key=lambda s: (s.start, -s.end))
        doc.spans[SPANS_MENTIONS] = SpanGroup(doc, name=SPANS_MENTIONS, spans=spans)
        return doc

    # ------------------------------------------------------------------ candidates

    @staticmethod
    def _published(doc: Doc) -> dt.date | None:
        if doc._.published is None:
            found = find_published(doc_text(doc))
            doc._.published = found.isoformat() if found else None
        return dt.date.fromisoformat(doc._.published) if doc._.published else None

    def _collect(self, doc: Doc, published: dt.date | None) -> list[Mention]:
        token_offsets, sentence_starts = _russian_words(doc)
        hits = self.gazetteer.find(doc_text(doc), token_offsets, sentence_starts)
        mentions: list[Mention] = []
        for span in doc.spans.get(SPANS_NER, []):
            mention = self._typed(doc, span)
            if mention is not None:
                mentions.append(mention)
        mentions = [
            self._post_core(doc, self._without_destination(doc, m)) if m.type == POST else m for m in mentions
        ]
        mentions = [
            _with_closing_quote(doc, _with_ordinal(doc, m)) if m.type == ORGANIZATION else m for m in mentions
        ]
        mentions = [_before_event_phrase(doc, m) if m.type in (POST, ORGANIZATION) else m for m in mentions]
        mentions = self._without_holder_names(doc, mentions)
        places = [(h.start, h.end) for h in hits if h.place.kind != ORGANIZATION]
        mentions = [self._person_core(doc, m, places) if m.type == PERSON else m for m in mentions]
        mentions = [part for m in mentions if m is not None for part in _split_persons(doc, m)]
        mentions = _join_persons(doc, mentions)
        tagged_posts = any(m.type == POST for m in mentions)
        mentions = self._merge_gazetteer(doc, mentions, hits)
        # "американскому актёру": the adjective is his nationality, not the state (NEREL's NATIONALITY)
        mentions = [
            m for m in mentions if m.type != COUNTRY or not names_nationality(doc, m.token_start, m.token_end)
        ]
        mentions = _with_region_posts(doc, mentions)
        mentions = _with_apposition_posts(doc, mentions)
        if self.rule_posts == "always" or (self.rule_posts == "fallback" and not tagged_posts):
            mentions.extend(self._rule_posts(doc, mentions))
        for match in find_dates(doc_text(doc), published):
            if (
                is_russian(doc_text(doc)[max(0, match.start - 40) : match.end + 40])
                or match.text[:1].isdigit()
            ):
                found = token_range(doc, match.start, match.end)
                if found is not None:
                    mentions.append(
                        Mention(
                            match.start,
                            match.end,
                            DATE,
                            match.text,
                            found[0],
                            found[1],
                            "dates",
                            name=match.text,
                            value=match.value,
                        )
                    )
        post_ends = {m.token_end: m for m in mentions if m.type == POST}
        for m in mentions:
            self._normalize(doc, m, _apposition_case(doc, m, post_ends))
        mentions = [self._place_not_person(doc, m) for m in mentions]
        mentions = _with_latin_spellings(doc, mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
        return mentions

    def _merge_gazetteer(self, doc: Doc, mentions: list[Mention], hits: list[GazetteerHit]) -> list[Mention]:
        """Add the gazetteer's mentions where the tagger has none; a longer gazetteer name replaces its pieces.

        (Measured on NEREL dev: the union beats either source alone for COUNTRY, CITY and REGION.)
        """
        mentions = [m for m in mentions if not self._compound(m, hits)]
        cover = _TokenCover(mentions)  # overlap lookups by token: long documents stay linear
        for hit in hits:
            mention = self._from_hit(doc, hit)
            if mention is None:
                continue
            near = cover.overlapping(mention)
            same = [m for m in near if m.type == mention.type]
            if (
                same
                and all(
                    mention.contains(m) and (m.start, m.end) != (mention.start, mention.end) for m in same
                )
                and len(mention.text.split()) > 1
            ):
                cover.remove(same)  # "Нижнем" + "Новгороде"
            elif same:
                continue
            if any(m.type == PERSON and (mention.type != COUNTRY or _first_name(mention.text)) for m in near):
                continue  # "Королёв" the person, not the town; "Доминик Рааб", not Dominica
            cover.add(mention)
        return cover.mentions()

    @staticmethod
    def _person_core(doc: Doc, m: Mention, places: list[tuple[int, int]]) -> Mention | None:
        """A name without a leading title or place: "Полковник Квачков", "Гессен Фолькер Буфье"."""
        words = [t for t in doc[m.token_start : m.token_end] if t.is_alpha]
        if words and all(feature(t, "Number") == ["Plur"] for t in words):
            return None  # "Южными Курилами", "семья Шаймиевых": a plural is a place or a family, not a person
        if len(words) == 1 and words[0].lower_.endswith(_FAMILY_ENDINGS):
            return None  # "Шаймиевых", "Романовых": the plural of an -ов/-ев/-ин surname names a family
        if (
            m.token_end - m.token_start == 1
            and doc[m.token_start].is_sent_start
            and _dictionary_word(m.text, ("NOUN",), nominative=True)
        ):
            # "Литератор проведёт конференцию": a capitalised sentence-initial person noun, not a name
            # ("Токаев провёл …" is no genitive plural of "токай")
            return Mention(m.start, m.end, POST, m.text, m.token_start, m.token_end, m.source)
        start = m.token_start
        while start < m.token_end - 1:
            token = doc[start]
            is_place = any(s <= token.idx and token.idx + len(token.text) <= e for s, e in places)
            if (
                token.lemma_ in post_heads()
                or token.lemma_.lower() in apposition_posts()
                or token.lemma_ in _TITLES
                or is_place
                and not _first_name(token.text)  # "Гессен Фолькер Буфье", not "Питер Цвак"
                or _word_before_name(token)  # "Сын А. Лукашенко", "Шестидесятилетняя Руссефф"
            ):
                start += 1
            else:
                break
        if start == m.token_start:
            return m
        span = doc[start : m.token_end]
        return Mention(span.start_char, span.end_char, PERSON, span.text, span.start, span.end, m.source)

    @staticmethod
    def _without_holder_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A post that runs into its holder's name ("Император Акихито") ends before the name."""
        persons = [m for m in mentions if m.type == PERSON]
        out = []
        for m in mentions:
            inner = [p for p in persons if m.type == POST and m.start < p.start and p.end >= m.end > p.start]
            if inner:
                end = min(p.token_start for p in inner)
                while end > m.token_start and doc[end - 1].is_space:
                    end -= 1
                span = doc[m.token_start : end]
                if not len(span):
                    continue
                m = Mention(span.start_char, span.end_char, POST, span.text, span.start, span.end, m.source)
            out.append(m)
        return out

    @staticmethod
    def _post_core(doc: Doc, m: Mention) -> Mention:
        """ "экс-главе МВД", "бывший директор": a post is the office itself, as NEREL marks it.

        NEREL also leaves out a closing quote ("Глава «Металлоинвеста»" is marked without "»": 85 of 133
        quoted posts in train), but not a straight one.
        """
        text = doc_text(doc)
        for i in range(m.token_start + 1, m.token_end):
            # "пригласил казахстанского лидера [посетить Турцию]": a post holds no verb of its own, but a
            # quoted name may ("радиостанции «Говорит Москва»", "«Уральской стали»")
            if doc[i].text in _OPENING_QUOTES:
                break
            if doc[i].pos_ in ("VERB", "AUX") and feature(doc[i], "VerbForm") in (["Inf"], ["Fin"]):
                m = _cut_before(doc, m, i, punct=True)
                break
        for i in range(m.token_start + 1, m.token_end - 1):
            # "император «известил» богиню": a quoted word in lower case is a quotation, not a name
            if doc[i].text in _OPENING_QUOTES and doc[i + 1].text[:1].islower():
                m = _cut_before(doc, m, i)
                break
        if m.end - m.start > 2 and text[m.end - 1] in "»”":
            m = Mention(
                m.start, m.end - 1, POST, text[m.start : m.end - 1], m.token_start, m.token_end, m.source
            )
        elif text.count('"', m.start, m.end) % 2 and text[m.end : m.end + 1] == '"' == doc[m.token_end].text:
            # straight quotes are kept closed ('глава "Движения за демократические перемены"': 34 of 35 in train)
            quote = doc[m.token_end]
            m = Mention(
                m.start,
                quote.idx + 1,
                POST,
                text[m.start : quote.idx + 1],
                m.token_start,
                m.token_end + 1,
                m.source,
            )
        first = doc[m.token_start]
        if m.token_end - m.token_start == 1 and m.end - m.start == len(first.text):
            m = _hyphen_post(m, first.text)
        if first.lemma_ == "бывший" and m.token_end - m.token_start > 1:
            span = doc[m.token_start + 1 : m.token_end]
            return Mention(span.start_char, span.end_char, POST, span.text, span.start, span.end, m.source)
        if first.lower_.startswith("экс-") and len(first.text) > 4:
            start = m.start + 4
            return Mention(
                start, m.end, POST, doc_text(doc)[start : m.end], m.token_start, m.token_end, m.source
            )
        return m

    @staticmethod
    def _without_destination(doc: Doc, m: Mention) -> Mention:
        """A post ends before a direction: "визит Президента КР [в Республику Казахстан]" (accusative).

        "посол Италии в Грузии" keeps its locative; only "в/на" + accusative is the trip's destination.
        """
        for i in range(m.token_start + 1, m.token_end - 1):
            token = doc[i]
            if token.lower_ in ("в", "во", "на") and feature(doc[i + 1], "Case") == ["Acc"]:
                return _cut_before(doc, m, i)
        return m

    @staticmethod
    def _compound(mention: Mention, hits: list[GazetteerHit]) -> bool:
        """A tagged "российско-китайские" gives way to the gazetteer's two country mentions inside it."""
        if mention.type != COUNTRY:
            return False
        inside = [
            h for h in hits if h.place.kind == COUNTRY and mention.start <= h.start and h.end <= mention.end
        ]
        return len(inside) >= 2

    def _typed(self, doc: Doc, span: Span) -> Mention | None:
        """A tagger/NER span as a mention; slovnet's LOC becomes a country, city or region via the gazetteer."""
        text = span.text.strip("«»\"'()., ")
        if not text or not any(ch.isalpha() for ch in text):
            return None
        label = span.label_
        if label == ORGANIZATION and _names_document(span):
            return None  # "Программа сотрудничества между министерствами": a document the parties sign
        if label in _PLACE_TYPES and not _RUSSIAN_OR_LATIN.search(text):
            return None  # a place in Russian news is written in Cyrillic or Latin letters, not "聯字頭"
        if text.isupper() and len(text) > 3 and label in (ORGANIZATION, *_PLACE_TYPES):
            # a dateline "МОСКВА, 5 марта" is the city, not an agency; the list knows it as "Москва"
            kind = next(
                (k for k in (CITY, COUNTRY, REGION) if self.gazetteer.resolve(k, _titled(text)) is not None),
                None,
            )
            if kind is not None:
                return _mention_from_span(span, kind, "tagger")
        if label in _PLACE_TYPES and self.gazetteer.resolve(label, span.text) is None:
            # the tagger's COUNTRY "Республики Алтай" is the gazetteer's REGION: trust the list for the kind
            label = next((k for k in _PLACE_TYPES if self.gazetteer.resolve(k, span.text) is not None), label)
        if label != "LOC":
            return _mention_from_span(span, label, "tagger")
        for kind in _PLACE_TYPES:
            place = self.gazetteer.resolve(kind, span.text)
            if place is not None:
                m = _mention_from_span(span, kind, "slovnet")
                return m
        return None

    def _from_hit(self, doc: Doc, hit: GazetteerHit) -> Mention | None:
        found = token_range(doc, hit.start, hit.end)
        if found is None:
            return None
        m = Mention(
            hit.start,
            hit.end,
            hit.place.kind,
            doc_text(doc)[hit.start : hit.end],
            found[0],
            found[1],
            "gazetteer",
            name=hit.place.name,
            iso=hit.place.iso,
        )
        return m

    def _place_not_person(self, doc: Doc, m: Mention) -> Mention:
        """ "Муром готовится к празднику": a sentence's first word read as a person only in an oblique case
        ("Мур" in the instrumental) that is, as written, the name of a known place, is that place ("с Муром"
        inside a sentence stays the man)."""
        if m.type != PERSON or m.token_end - m.token_start != 1 or m.name == m.text:
            return m
        if not doc[m.token_start].is_sent_start:
            return m
        for kind in _PLACE_TYPES:
            place = self.gazetteer.resolve(kind, m.text)
            if place is not None and place.name == m.text:
                return dataclasses.replace(
                    m, type=kind, name=place.name, iso=place.iso, first=None, last=None
                )
        return m

    def _rule_posts(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        blocked = {i for m in mentions if m.type == PERSON for i in range(m.token_start, m.token_end)}
        russian = {i for words in sentence_indices(doc, russian=True) for i in words}
        found = []
        for start, end in find_posts(doc, blocked):
            if start in russian:
                span = doc[start:end]
                found.append(_mention_from_span(span, POST, "rules"))
        return found

    # ------------------------------------------------------------------ normalisation

    def _normalize(self, doc: Doc, m: Mention, case_hint: str | None = None) -> None:
        if m.type == DATE:
            return
        if m.type == PERSON:
            span = char_span(doc, m.start, m.end)
            tokens = list(span) if span is not None else []
            name = normalize_person(
                [
                    NameWord(
                        t.text + "." if _initial_with_dot(t) else t.text,
                        case_hint or (feature(t, "Case") or [None])[0],
                        (feature(t, "Gender") or [None])[0],
                    )
                    for t in tokens
                    if t.text not in ("(", ")", ",")
                ]
            )
            m.first, m.middle, m.last = name.first, name.middle, name.last
            m.name = name.full or m.text
            return
        if m.source != "gazetteer":
            kind = m.type
            place = self.gazetteer.resolve(kind, m.text)
            if place is None and m.text.isupper():
                place = self.gazetteer.resolve(kind, _titled(m.text))
            if place is not None:
                m.name, m.iso = place.name, place.iso
                return
        if not m.name:  # the tokens only now: most mentions were named by the gazetteer
            span = char_span(doc, m.start, m.end)
            if span is not None and len(span):
                tokens = list(span)
                name = nominative_phrase(tokens)
                prefix = doc_text(doc)[tokens[0].idx : m.start]  # a mention may start inside a word ("экс-")
                m.name = name[len(prefix) :] if name.lower().startswith(prefix.lower()) else m.text
            else:
                m.name = m.text
        if m.name.count("«") > m.name.count("»"):
            m.name += "»"  # the mention leaves the closing quote out (NEREL); the name keeps it balanced

    # ------------------------------------------------------------------ clustering and links

    def _cluster(self, doc: Doc, mentions: list[Mention]) -> list[dict[str, Any]]:
        entities: list[dict[str, Any]] = []
        persons = [m for m in mentions if m.type == PERSON]
        for name, first, middle, last, group in cluster_persons(persons):
            entities.append(
                {
                    "type": PERSON,
                    "name": name,
                    "first": first,
                    "middle": middle,
                    "last": last,
                    "posts": [],
                    "country": None,
                    "mentions": group,
                }
            )
        by_key: dict[tuple[str, str], dict[str, Any]] = {}
        posts = [m for m in mentions if m.type == POST]
        cluster_of = {id(m): n for n, e in enumerate(entities) for m in e["mentions"]}
        countries = [(m.start, m.end, m.iso) for m in mentions if m.type == COUNTRY and m.iso]
        holders = self._holders(doc, persons, posts, cluster_of, countries)
        person_of = {id(m): e for e in entities for m in e["mentions"]}
        # a post held by several people ("сенаторы Маккейн и Рубио") is one POST entity per holder,
        # each with its own copy of the mention
        for m in posts:
            for extra in holders[id(m)][1:]:
                copy = dataclasses.replace(m)
                holders[id(copy)] = [extra]
                mentions.append(copy)
        mentions.sort(key=lambda m: (m.start, -m.end))
        # the longest post starting where a shorter one does: "Президент" inside "Президент Казахстана" and
        # inside "президентом Турции" are two posts, not one with two countries
        outer_at: dict[int, Mention] = {}
        for m in mentions:
            if m.type == POST and m.start not in outer_at:
                outer_at[m.start] = m
        for m in mentions:
            if m.type == PERSON:
                continue
            if m.type == COUNTRY:
                key = (m.type, m.iso or m.name.lower())
            elif m.type == POST:
                holder = next(iter(holders[id(m)]), None)
                outer = outer_at[m.start]
                inside = outer.name.lower() if holder is None and outer.end > m.end else ""
                key = (m.type, f"{m.name.lower()}|{id(person_of[id(holder)]) if holder else ''}|{inside}")
            elif m.type == DATE:
                key = (m.type, m.value or m.text.lower())
            else:
                key = (m.type, m.name.lower().replace("ё", "е"))
            entity = by_key.get(key)
            if entity is None:
                entity = {"type": m.type, "name": m.name, "mentions": []}
                if m.type == COUNTRY:
                    entity["iso"] = m.iso
                elif m.type in (CITY, REGION, ORGANIZATION):
                    entity["country"] = m.iso
                elif m.type == DATE:
                    entity["value"] = m.value
                elif m.type == POST:
                    entity.update(
                        holder=person_of[id(holder)] if holder else None,
                        holder_mentions=[],
                        organization=None,
                        country=None,
                    )
                by_key[key] = entity
                entities.append(entity)
            entity["mentions"].append(m)
            if m.type == POST:
                entity["holder_mentions"].append(next(iter(holders[id(m)]), None))
        entities = _abbreviations_joined(entities)
        for entity in entities:
            if entity["type"] == ORGANIZATION:
                entity["name"] = _capitalised_name(doc, entity["name"], entity["mentions"])
        entities.sort(key=lambda e: min(m.start for m in e["mentions"]))
        for i, entity in enumerate(entities, 1):
            entity["id"] = f"e{i}"
            for m in entity["mentions"]:
                m.entity = entity["id"]
        self._fill_post_fields(entities, doc_text(doc))
        return [self._plain(e) for e in entities]

    def _holders(
        self,
        doc: Doc,
        persons: list[Mention],
        posts: list[Mention],
        cluster_of: dict[int, int],
        countries: list[tuple[int, int, str]],
    ) -> dict[int, list[Mention]]:
        """Each post's holders (none, one, or several for a plural post), by mention id.

        The rules of `links.find_holder` look among the names of the post's own sentence; with
        `link_model="learnt"` their answer is one feature of the learnt scorer, which also weighs the
        people named in the sentences around (a bare "премьер" after "Борис Джонсон ..."), lists and order.
        """
        rule = rule_holders(doc, persons, posts)
        if self.link_model == "rules":
            return {k: [h] if h is not None else [] for k, h in rule.items()}
        weights, settings = load_weights()
        return link_holders(LinkContext(doc, persons, posts, cluster_of, rule, countries), weights, settings)

    @staticmethod
    def _fill_post_fields(entities: list[dict[str, Any]], text: str) -> None:
        """A post's country and organisation are the ones named inside it (an organisation's country too);
        its holder lists it."""
        inner = _Inner(
            [(m, e) for e in entities if e["type"] in (COUNTRY, ORGANIZATION) for m in e["mentions"]]
        )
        for org in (e for e in entities if e["type"] == ORGANIZATION and e.get("country") is None):
            # "японский МИД", "Правительство России": the country named inside the organisation's name
            org["country"] = next(
                (
                    e.get("iso")
                    for om in org["mentions"]
                    for m, e in inner.within(om)
                    if e["type"] == COUNTRY and e.get("iso")
                ),
                None,
            )
        for post in (e for e in entities if e["type"] == POST):
            for pm in post["mentions"]:
                # "глава ОАО «Газпром" leaves the closing quote out (NEREL), the organisation keeps it
                if _quote_closes_after(text, pm):
                    pm = dataclasses.replace(pm, end=pm.end + 1)
                for m, e in inner.within(pm):
                    if (pm.start, pm.end) != (m.start, m.end):
                        if e["type"] == COUNTRY and post["country"] is None:
                            post["country"] = e.get("iso")
                        elif e["type"] == ORGANIZATION and post["organization"] is None:
                            post["organization"] = e["id"]
                            post["country"] = post["country"] or e.get("country")
            if post["organization"] is None and post["holder"] is not None:
                # "фотограф Ассошиэйтед Пресс Билал Хассеин", "наблюдатель от ОБСЕ Хуан Суареш": the
                # organisation between the post and its holder's name
                org = next(
                    (
                        e
                        for pm, hm in zip(post["mentions"], post["holder_mentions"])
                        if hm is not None and hm.start > pm.end
                        for m, e in inner.starting_in(pm.end, pm.end + 4)
                        if e["type"] == ORGANIZATION
                        and m.end <= hm.start
                        and text[pm.end : m.start].strip().lower() in ("", "от")
                        and not text[m.end : hm.start].strip(" ,")
                    ),
                    None,
                )
                if org is not None:
                    post["organization"] = org["id"]
                    post["country"] = post["country"] or org.get("country")
            if post["country"] is None:
                # "британский премьер", "португальский парламентарий": the adjective just before the post
                post["country"] = next(
                    (
                        e.get("iso")
                        for pm in post["mentions"]
                        for m, e in inner.ending_near(pm.start)
                        if e["type"] == COUNTRY and _country_adjective_before(m, pm)
                    ),
                    None,
                )
            holder = post["holder"]
            if holder is not None and post["id"] not in holder["posts"]:
                holder["posts"].append(post["id"])
                holder["country"] = holder["country"] or post["country"]
                post["holder"] = holder["id"]
        home = _home_country(entities)
        by_id = {e["id"]: e for e in entities}
        outer = [(m, e) for e in entities if e["type"] == POST and e["country"] for m in e["mentions"]]
        for post in (e for e in entities if e["type"] == POST and e["country"] is None):
            # "Министр иностранных дел" inside "Министр иностранных дел России" is Russia's too
            post["country"] = next(
                (
                    e["country"]
                    for pm in post["mentions"]
                    for m, e in outer
                    if m.contains(pm) and (m.start, m.end) != (pm.start, pm.end)
                ),
                None,
            )
            if (
                post["country"] is None
                and post["organization"] is None
                and _national_post(post.get("name") or "")
            ):
                holder = by_id.get(post["holder"]) if post["holder"] is not None else None
                post["country"] = (
                    (holder["country"] if holder is not None else None)
                    or _country_just_before(entities, post, text)
                    or home
                )
                if holder is not None:
                    holder["country"] = holder["country"] or post["country"]

    @staticmethod
    def _plain(entity: dict[str, Any]) -> dict[str, Any]:
        """Only plain values in `doc._` (pydantic or dataclass objects there break `doc.to_bytes`)."""
        out = {k: v for k, v in entity.items() if k not in ("mentions", "holder_mentions")}
        out["mentions"] = [(m.start, m.end) for m in entity["mentions"]]
        if entity.get("holder") is not None:
            out["holder_mentions"] = [(h.start, h.end) if h else None for h in entity["holder_mentions"]]
        return out


@Language.factory(
    "dipextract_entities",
    assigns=["doc._.entities", "doc.spans", "doc._.published"],
    requires=["doc.spans", "token.morph", "token.lemma"],
    default_config={"rule_posts": "fallback", "link_model": "learnt"},
)
def make_entity_resolver(nlp: Language, name: str, rule_posts: str, link_model: str) -> EntityResolver:
    """`link_model`: "learnt" (the shipped scorer of `link_model.py`) or "rules" (`links.find_holder` alone)."""
    return EntityResolver(nlp, name, rule_posts=rule_posts, link_model=link_model)
