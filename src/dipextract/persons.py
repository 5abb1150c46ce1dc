"""One entity per person per document: full names, surnames alone and initials merged."""

from __future__ import annotations

from .mentions import Mention
from .names import ROMAN


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

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first, self.middle, self.last) if p)


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
    people.sort(key=lambda p: min(x.start for x in p.mentions))
    return [(p.name, p.first, p.middle, p.last, sorted(p.mentions, key=lambda x: x.start)) for p in people]
