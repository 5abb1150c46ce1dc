"""One entity per person per document: full names, surnames alone, initials and mentions written alike merged."""

from __future__ import annotations

from collections import Counter

from .mentions import Mention
from .names import ROMAN

# endings no nominative of a foreign name has: read as the instrumental on a tie ("Грасой", "Мерцем")
_INSTRUMENTAL_ENDINGS = ("ой", "ей", "ом", "ем", "ым", "им")


def _key(word: str | None) -> str:
    return (word or "").lower().replace("ё", "е")


def _same_surname(a: str | None, b: str | None) -> bool:
    """Equal surnames, tolerating one mis-inflected ending ("Смаилова" for "Смаилов")."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    shorter, longer = sorted((ka, kb), key=len)
    head, _, numeral = longer.partition(" ")
    if numeral and ROMAN.match(numeral.upper()) and head == shorter:
        return True  # "Бенедикт" is "Бенедикт XVI"
    return len(shorter) >= 4 and longer.startswith(shorter) and len(longer) - len(shorter) <= 2


def _compatible_first(a: str | None, b: str | None) -> bool:
    """'А.' fits 'Акылбек', 'Реджеп' fits 'Реджеп Тайип'; a missing first name fits any."""
    ka, kb = _key(a).rstrip("."), _key(b).rstrip(".")
    if not ka or not kb:
        return True
    if ka == kb or (len(ka) == 1 and kb.startswith(ka)) or (len(kb) == 1 and ka.startswith(kb)):
        return True
    # "Реджеп" and "Реджеп Тайип"; "Владимир" and "Владимир Козьмич" (a patronymic read as a given name)
    wa, wb = ka.split(), kb.split()
    shorter, longer = sorted((wa, wb), key=len)
    return longer[: len(shorter)] == shorter


class _Person:
    __slots__ = ("first", "middle", "last", "mentions")

    def __init__(self, m: Mention) -> None:
        self.first, self.middle, self.last = m.first, m.middle, m.last
        self.mentions = [m]

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        if m.first and (not self.first or len(self.first.rstrip(".")) < len(m.first.rstrip("."))):
            self.first = m.first
        if m.middle and not self.middle:
            self.middle = m.middle
        if m.last and not self.last:
            self.last = m.last

    def written(self, m: Mention) -> bool:
        """The person has a mention written exactly as m (one text names one person within an article)."""
        return any(_key(x.text) == _key(m.text) for x in self.mentions)

    def settle_reading(self) -> None:
        """The name as most mentions written like the one it came from read it.

        On a tie between a reading that put the words into the nominative and one that left them as written,
        the surface decides: an instrumental ending ("с женой ... Грасой Машел", read once as a nominative)
        is a case ending, while a foreign name ending in a vowel is mostly indeclinable ("Пеле", not "Пела";
        "Аматэрасу"). "Марина Ле Пен" once against "Марин Ле Пен" three times loses either way.
        """
        current = (self.first, self.middle, self.last)
        source = next((x for x in self.mentions if (x.first, x.middle, x.last) == current), None)
        if source is None:
            return
        readings: Counter[tuple[str | None, str | None, str | None]] = Counter()
        inflected: set[tuple[str | None, str | None, str | None]] = set()
        for x in self.mentions:
            if _key(x.text) == _key(source.text):
                reading = (x.first, x.middle, x.last)
                readings[reading] += 1
                if x.name != x.text:
                    inflected.add(reading)
        written = [_key(w) for w in source.text.split()]

        def case_ending(reading: tuple[str | None, str | None, str | None]) -> bool:
            """A word the reading changed ends in an instrumental ending."""
            kept = {_key(w) for part in reading if part for w in part.split()}
            return any(w.endswith(_INSTRUMENTAL_ENDINGS) for w in written if w not in kept)

        by_ending = any(case_ending(r) for r in inflected)
        self.first, self.middle, self.last = max(
            readings,
            key=lambda r: (readings[r], case_ending(r) if r in inflected else not by_ending, r == current),
        )

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.last) if p)


def _merged_by_text(people: list[_Person]) -> list[_Person]:
    """A person whose every mention is written exactly as a mention of one other person joins that one:
    "семьей Манделы" read as a nominative "Манделы" early on, the same words inflected later."""
    merged: set[int] = set()
    for p in people:
        hosts = [
            q for q in people if q is not p and id(q) not in merged and all(q.written(m) for m in p.mentions)
        ]
        if len(hosts) == 1:
            hosts[0].mentions.extend(p.mentions)
            merged.add(id(p))
    return [p for p in people if id(p) not in merged]


def cluster_persons(
    mentions: list[Mention],
) -> list[tuple[str, str | None, str | None, str | None, list[Mention]]]:
    """Groups of mentions of the same person, as (name, first, middle, last, mentions), in reading order."""
    people: list[_Person] = []
    # Full names first, so that a bare surname in a headline joins the person named in full later on.
    full = [m for m in mentions if m.first and m.last]
    partial = [m for m in mentions if not (m.first and m.last)]
    for m in full:
        match = next(
            (
                p
                for p in reversed(people)
                if _same_surname(p.last, m.last) and _compatible_first(p.first, m.first)
            ),
            None,
        )
        if match:
            match.add(m)
        else:
            people.append(_Person(m))
    for m in sorted(partial, key=lambda x: x.start):
        surname = m.last or m.first
        candidates = [p for p in people if _same_surname(p.last, surname)]
        if not candidates and m.first and not m.last:
            candidates = [p for p in people if _key(p.first) == _key(m.first)]
        if candidates:
            # the person last named before this mention, else the first one named after it
            before = [p for p in candidates if min(x.start for x in p.mentions) < m.start]
            (
                max(before, key=lambda p: max(x.start for x in p.mentions if x.start < m.start))
                if before
                else candidates[0]
            ).add(m)
        else:
            people.append(_Person(m))
    people = _merged_by_text(people)
    for p in people:
        p.settle_reading()
    people.sort(key=lambda p: min(x.start for x in p.mentions))
    return [(p.name, p.first, p.middle, p.last, sorted(p.mentions, key=lambda x: x.start)) for p in people]
