"""One record per real event: later mentions (headline, "в ходе переговоров", "эта встреча") enrich earlier ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

FAMILY = {"meeting": "contact", "talks": "contact", "visit": "visit", "session": "gathering", "forum": "gathering",
          "signing": "signing", "other": "other"}


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
    keys: set[str] = field(default_factory=set)  # surname or body keys of the named participants
    countries: set[str] = field(default_factory=set)  # ISO codes of countries taking part as such
    context: set[str] = field(default_factory=set)  # ISO codes of the people and places around the trigger
    people: bool = False  # a named person takes part
    listed: bool = False  # a member of a list of events in its sentence ("визита ..., заседания ..., заседания ...")
    extra: list[int] = field(default_factory=list)

    @property
    def last(self) -> int:
        return max([self.sentence] + self.extra)


def _conflict(a: dict[str, Any] | None, b: dict[str, Any] | None, keys: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    return any(a.get(k) and b.get(k) and a.get(k) != b.get(k) for k in keys)


def _same_kind(a: Draft, b: Draft) -> bool:
    return a.type == b.type or (FAMILY[a.type] == FAMILY[b.type] == "contact" and "visit" not in (a.type, b.type))


def _absorb(into: Draft, other: Draft) -> None:
    for p in other.participants:
        if p not in into.participants:
            into.participants.append(p)
    into.keys |= other.keys
    into.people = into.people or other.people
    into.countries |= other.countries
    into.context |= other.context
    into.location = into.location or other.location
    into.when = into.when or other.when
    into.occasion = into.occasion or other.occasion
    into.extra.append(other.sentence)


def _mergeable(old: Draft, new: Draft) -> bool:
    if not _same_kind(old, new) or old.status != new.status:
        return False
    if new.listed and old.listed and new.sentence == old.sentence:
        return False
    if _conflict(old.location, new.location, ("city", "country")):
        return False
    if _conflict(old.when, new.when, ("value",)):
        return False
    if set(old.participants) & set(new.participants) or old.keys & new.keys:
        return True
    # "Встреча с послом Италии в МИД Грузии" (headline) and the lead naming the two people
    if new.countries and not new.keys and old.people and new.countries <= old.context | old.countries:
        return True
    return bool(old.countries and not old.keys and new.people and old.countries <= new.context | new.countries)


def merge_drafts(drafts: list[Draft], fallback: Callable[[Draft], list[str]], window: int = 6) -> list[Draft]:
    """Merged events in reading order; drafts that name nobody join the event they point back at, else take
    the fallback participants (a sitting body) or are dropped."""
    events: list[Draft] = []
    for d in drafts:
        if not d.participants:
            target = next((e for e in reversed(events) if _same_kind(e, d) and d.sentence - e.last <= window
                           and not _conflict(e.location, d.location, ("city", "country"))), None)
            if target is not None:
                _absorb(target, d)
                continue
            if d.anaphoric:
                continue
            d.participants = fallback(d)
            if not d.participants:
                continue
        target = next((e for e in reversed(events) if _mergeable(e, d)), None)
        if target is not None:
            _absorb(target, d)
        else:
            events.append(d)
    return events
