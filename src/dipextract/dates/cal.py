"""Calendar arithmetic producing ISO 8601 strings (days, months, years, intervals)."""

from __future__ import annotations

import calendar
import datetime as dt


def iso_day(y: int, m: int, d: int) -> str | None:
    """ISO day, or None when the triple is not a real date."""
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def month_end(y: int, m: int) -> dt.date:
    """Last day of a month."""
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """Shift (year, month) by k months."""
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def interval(a: dt.date, b: dt.date) -> str:
    """ISO interval a/b."""
    return f"{a.isoformat()}/{b.isoformat()}"


def month_span(y: int, m1: int, m2: int) -> str:
    """Interval from the first day of m1 to the last day of m2 (m2 < m1 wraps into next year)."""
    y2 = y + 1 if m2 < m1 else y
    return interval(dt.date(y, m1, 1), month_end(y2, m2))


def week_span(d: dt.date, k: int = 0) -> str:
    """Monday/Sunday interval of the week containing d, shifted by k weeks."""
    monday = d - dt.timedelta(days=d.weekday()) + dt.timedelta(weeks=k)
    return interval(monday, monday + dt.timedelta(days=6))


def weekend_span(d: dt.date, k: int = 0) -> str:
    """Saturday/Sunday of the week containing d, shifted by k weeks."""
    sat = d - dt.timedelta(days=d.weekday()) + dt.timedelta(days=5, weeks=k)
    return interval(sat, sat + dt.timedelta(days=1))


def weekday_near(d: dt.date, wd: int, direction: int) -> dt.date:
    """Weekday wd: on/before d (0), strictly before (-1) or strictly after (+1)."""
    if direction > 0:
        return d + dt.timedelta(days=(wd - d.weekday() - 1) % 7 + 1)
    back = (d.weekday() - wd) % 7
    if direction < 0 and back == 0:
        back = 7
    return d - dt.timedelta(days=back)


def part_of_year(y: int, part: int, parts: int) -> str:
    """Half-year (parts=2) or quarter (parts=4) interval."""
    size = 12 // parts
    m1 = (part - 1) * size + 1
    return month_span(y, m1, m1 + size - 1)


def shift(d: dt.date, n: int, unit: str) -> str | None:
    """Date n units away from d at the unit's precision (day/week → day, month, year)."""
    try:
        if unit == "day":
            return (d + dt.timedelta(days=n)).isoformat()
        if unit == "week":
            return (d + dt.timedelta(weeks=n)).isoformat()
        if unit == "month":
            y, m = add_months(d.year, d.month, n)
            return f"{y:04d}-{m:02d}"
        if unit == "year":
            return f"{d.year + n:04d}"
    except (OverflowError, ValueError):
        return None
    return None


def until(published: dt.date | None, end: dt.date) -> str:
    """Interval from publication (or open start) to end, as in "до конца года"."""
    if published is None or published > end:
        return f"../{end.isoformat()}"
    return interval(published, end)
