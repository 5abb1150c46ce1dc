"""One record per real event: later mentions (headline, "в ходе переговоров", "эта встреча") enrich earlier ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

FAMILY = {
    "meeting": "contact",
    "talks": "contact",
    "visit": "visit",
    "session": "gathering",
    "forum": "gathering",
    "signing": "signing",
    "other": "other",
}


@dataclass(slots=True)
class Draft:
    """An event as read from one trigger, before merging."""

    type: str
    status: str
    trigger: dict[str, Any]
    participants: list[str]
    location: dict[str, Any] | None
    when: dict[str, Any] | None
    occasion: str | None
    evidence: dict[str, int]
    sentence: int
    anaphoric: bool = False
    sides: bool = False  # named by a plural anaphor ("стороны договорились провести ...")
    joins: bool = False  # a bare event noun people take part in ("Во встрече также приняли участие ...")
    several: bool = False  # a plural event noun: a set of occasions ("провёл двусторонние встречи с ...")
    keys: set[str] = field(default_factory=set)  # surname or body keys of the named participants
    countries: set[str] = field(default_factory=set)  # ISO codes of countries taking part as such
    context: set[str] = field(default_factory=set)  # ISO codes of the people and places around the trigger
    people: bool = False  # a named person takes part
    persons: list[str] = field(default_factory=list)  # entity ids of the named people taking part
    organizations: set[str] = field(default_factory=set)  # entity ids of the organisations taking part
    head: str = ""  # the trigger's lemma
    listed: bool = (
        False  # a member of a list of events in its sentence ("визита ..., заседания ..., заседания ...")
    )
    extra: list[int] = field(default_factory=list)

    @property
    def last(self) -> int:
        return max([self.sentence] + self.extra)


def _conflict(a: dict[str, Any] | None, b: dict[str, Any] | None, keys: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    return any(a.get(k) and b.get(k) and a.get(k) != b.get(k) for k in keys)


def _elsewhere(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Both places stated and no city or country in common."""
    if not a or not b:
        return False
    return not ({a.get("city"), a.get("country")} & {b.get("city"), b.get("country")} - {None})


def _same_kind(a: Draft, b: Draft) -> bool:
    return a.type == b.type or (
        FAMILY[a.type] == FAMILY[b.type] == "contact" and "visit" not in (a.type, b.type)
    )


def _same_summit(a: Draft, b: Draft) -> bool:
    """ "саммит ШОС в Астане" (headline) and "заседание Совета глав государств — членов ШОС, которое пройдёт
    в Астане": a forum and a session of the same organisation, place and time are one gathering."""
    return (
        {a.type, b.type} == {"forum", "session"}
        and a.status == b.status
        and bool(a.organizations & b.organizations)
        and not _conflict(a.location, b.location, ("city", "country"))
        and not _conflict(a.when, b.when, ("value",))
    )


_REMOTE = frozenset({"видеоконференция"})


def _by_video(a: Draft, b: Draft) -> bool:
    """A contact and the video link it was held over, in one sentence: one event, talks."""
    return FAMILY[a.type] == FAMILY[b.type] == "contact" and (a.head in _REMOTE) != (b.head in _REMOTE)


def _absorb(into: Draft, other: Draft) -> None:
    if into.sentence == other.sentence and _by_video(into, other):
        into.type = "talks"
    for p in other.participants:
        if p not in into.participants:
            into.participants.append(p)
    into.keys |= other.keys
    into.organizations |= other.organizations
    into.people = into.people or other.people
    into.persons += [p for p in other.persons if p not in into.persons]
    into.countries |= other.countries
    into.context |= other.context
    into.location = into.location or other.location
    into.when = into.when or other.when
    into.occasion = into.occasion or other.occasion
    into.extra.append(other.sentence)


def _distinct_contacts(a: Draft, b: Draft) -> bool:
    """Two contacts each naming two or more people, neither set inside the other: "встретился с A ... поговорил с B"."""
    pa, pb = set(a.persons), set(b.persons)
    return len(pa) >= 2 and len(pb) >= 2 and not (pa <= pb or pb <= pa)


def _mergeable(old: Draft, new: Draft) -> bool:
    if _same_summit(old, new) and new.sentence != old.sentence:
        return True
    if not _same_kind(old, new) or old.status != new.status:
        return False
    if new.sentence == old.sentence and _by_video(old, new):
        return True  # "провёл переговоры в режиме видеоконференции с X": how the talks were held
    if new.sentence == old.sentence and (new.type != old.type or (new.listed and old.listed)):
        return False  # one sentence, two event words of different kinds: two events
    if new.several and not old.several:
        return False  # "встретился с Гутерришем … провёл двусторонние встречи с министрами": other occasions
    if FAMILY[new.type] == "contact" and _distinct_contacts(old, new):
        return False
    if (
        FAMILY[new.type] == "gathering"
        and old.organizations
        and new.organizations
        and not old.organizations & new.organizations
        and old.head != new.head
    ):
        return False  # "совещание с членами Совета Безопасности", then "заседание форума": two sittings
    if _conflict(old.location, new.location, ("city", "country")):
        return False
    if new.type == "visit" and _elsewhere(old.location, new.location):
        return False  # a tour: "посетит Великобританию ... посетит Польшу" are two visits
    if _conflict(old.when, new.when, ("value",)):
        return False
    if set(old.participants) & set(new.participants) or old.keys & new.keys:
        return True
    if new.head == "обсудить" and new.people and not old.people and 0 < new.sentence - old.last <= 2:
        return True  # "состоятся российско-индийские переговоры. … Путин и Моди обсудят …": what they discuss
    if FAMILY[new.type] == "gathering" and old.people != new.people and new.sentence - old.last <= 6:
        return True  # "пленарное заседание парламента" beside the sitting's named speakers: one sitting
    # "Встреча с послом Италии в МИД Грузии" (headline) and the lead naming the two people
    if new.countries and not new.keys and old.people and new.countries <= old.context | old.countries:
        return True
    return bool(
        old.countries and not old.keys and new.people and old.countries <= new.context | new.countries
    )


def merge_drafts(drafts: list[Draft], fallback: Callable[[Draft], list[str]], window: int = 6) -> list[Draft]:
    """Merged events in reading order; drafts that name nobody join the event they point back at, else take
    the fallback participants (a sitting body) or are dropped."""
    events: list[Draft] = []
    pending: list[Draft] = []  # nameless mentions with a place or time, waiting for the event named later
    for d in drafts:
        if not d.participants:
            target = _prefer_type(
                d,
                [
                    e
                    for e in reversed(events)
                    if _same_kind(e, d)
                    and d.sentence - e.last <= window
                    and (e.status == d.status or d.when is None)
                    and not _conflict(e.location, d.location, ("city", "country"))
                ],
            )
            if target is not None:
                _absorb(target, d)
                continue
            if d.anaphoric:
                if d.sides and d.status == "planned" and _take_sides(d, events, window):
                    events.append(d)
                continue
            d.participants = fallback(d)
            if not d.participants:
                if d.location or d.when:
                    pending.append(d)
                continue
        target = _prefer_type(d, [e for e in reversed(events) if _mergeable(e, d) or _joined(e, d, window)])
        if target is not None:
            _absorb(target, d)
        else:
            _fill_from(d, pending, window)
            events.append(d)
    return events


def _joined(old: Draft, new: Draft, window: int) -> bool:
    """ "Во встрече также приняли участие посол и министр": the people join the latest event of its kind."""
    return (
        new.joins
        and new.type == old.type
        and new.status == old.status
        and 0 < new.sentence - old.last <= window
        and not _conflict(old.location, new.location, ("city", "country"))
        and not _conflict(old.when, new.when, ("value",))
    )


def _take_sides(d: Draft, events: list[Draft], window: int) -> bool:
    """ "Министры договорились провести раунд консультаций в декабре": a planned event of "the sides" is
    theirs, the people (else the parties) of an event before it with two or more of them: the latest one
    named by the same word ("Следующий раунд переговоров министров" after "переговоры министров"), else the
    latest one."""
    recent = [e for e in reversed(events) if d.sentence - e.last <= window]

    def sides(e: Draft) -> list[str]:
        return e.persons if len(e.persons) >= 2 else e.participants if len(e.participants) >= 2 else []

    source = next((e for e in recent if e.head == d.head and sides(e)), None) or next(
        (e for e in recent if sides(e)), None
    )
    if source is None:
        return False
    d.participants = list(sides(source))
    d.persons, d.people = list(source.persons), source.people
    d.keys, d.countries, d.organizations = set(source.keys), set(source.countries), set(source.organizations)
    return True


def _prefer_type(d: Draft, candidates: list[Draft]) -> Draft | None:
    """The latest candidate of d's own type, else the latest of its family: a meeting joins the meeting, not a call."""
    return next((e for e in candidates if e.type == d.type), candidates[0] if candidates else None)


def _fill_from(d: Draft, pending: list[Draft], window: int) -> None:
    """ "Соглашение было подписано в пятницу в Чикаго ... На подписании присутствовал X": the nameless earlier
    mention of the same kind and status lends its place and time to the first event named after it."""
    for p in reversed(pending):
        if p.type != d.type or p.status != d.status or not 0 < d.sentence - p.sentence <= window:
            continue
        if _conflict(p.location, d.location, ("city", "country")) or _conflict(p.when, d.when, ("value",)):
            continue
        d.location = d.location or p.location
        d.when = d.when or p.when
        pending.remove(p)
        return
