"""Russian date/time expressions: spans as NEREL annotates DATE, ISO values, publication date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .rules import REJECT, RULES, Scan


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date mention: char offsets into the text, its text and its ISO value (None if unresolvable)."""

    start: int
    end: int
    text: str
    value: str | None


def find_dates(text: str, published: dt.date | None = None) -> list[DateMatch]:
    """All non-overlapping date mentions, longest first on conflict, sorted by position."""
    cands: list[tuple[int, int, int, str | None]] = []
    scan = Scan(text)
    for order, rule in enumerate(RULES):
        for m in rule.finditer(text, scan, kept=True):
            if m.end() <= m.start():
                continue
            value = rule.resolve(m, published)
            if value is REJECT:
                continue
            cands.append((m.start(), m.end(), order, value))  # type: ignore[arg-type]
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int, int, str | None]] = []
    for c in cands:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    taken.sort()
    return [DateMatch(s, e, text[s:e], v) for s, e, _, v in taken]


def resolve_date(text: str, published: dt.date | None) -> str | None:
    """ISO value of the longest date expression in text (used for events' when.value)."""
    matches = find_dates(text, published)
    if not matches:
        return None
    best = max(matches, key=lambda m: (m.value is not None, m.end - m.start))
    return best.value


from .published import find_published  # noqa: E402  (needs DateMatch-free helpers only)

__all__ = ["DateMatch", "find_dates", "find_published", "resolve_date"]
