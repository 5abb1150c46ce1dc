"""Date rules: one compiled regex plus one resolver per kind of Russian date expression."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from re import _constants as _c  # the parsed-pattern opcodes `_reach` walks
from re import _parser
from typing import Any

from . import cal
from .lexicon import (
    MONTH_RE,
    ORDINALS,
    PART,
    PREP,
    REL_ADJ,
    SEASON_MONTHS,
    WEEKDAY_RE,
    YEAR_WORD,
    month_number,
    number_value,
    rel_offset,
    roman_to_int,
    weekday_number,
)

REJECT = object()  # resolver verdict: the regex matched but this is not a date
Resolver = Callable[[re.Match[str], "dt.date | None"], object]

_FLAGS = re.IGNORECASE | re.UNICODE
_START = r"(?<![\w\-])"
# Endings of nouns/adjectives that a counted number takes ("2017 рублей", "в 2017 случаях").
_NOUNISH = r"(?:ах|ях|ам|ям|ами|ями|ов|ев|ей|ий|ый|ых|их|ы|и|а|я|е|у|ю)(?![а-яё])"
_MONTH_ABBR = {"янв", "фев", "февр", "апр", "июн", "июл", "авг", "сен", "сент", "окт", "ноя", "нояб", "дек"}
_YEAR_TAIL = (
    rf"(?:\s+(?:(?P<y>\d{{4}})(?:\s*{YEAR_WORD})?|(?P<ya>{REL_ADJ})\s+года|с\.\s?г(?:\.|(?![а-яё]))))"
)
_NUM = (
    r"(?:\d{1,3}|один|одн(?:ого|ой|у|им|а)|два|две|двух|двум|двумя|оба|обе|обоих|три|тр[её]х|тр[её]м|тремя"
    r"|четыре|четыр[её]х|четыр[её]м|четырьмя|(?:пят|шест|сем|восем|восьм|девят|десят|одиннадцат|двенадцат"
    r"|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат)(?:ь|и|ью)"
    r"|сорок|сорока|пятьдесят|ста|сто|нескольк(?:о|их|им|ими)|пару|полтора|полутора"
    r"|многие|многих|долгие|долгих|считанные|считанных)(?![а-яё])"
)
_UNIT = (
    r"(?:дн(?:я|ей|ям)|день|сут(?:ки|ок)|недел(?:[юиья]|ям)|недель|месяц(?:а|ев|ам)?|год(?:а|ам|у)?|лет|полгода"
    r"|полугода|десятилети(?:[еяй]|ями?)|век(?:а|ов)?|полвека)(?![а-яё])"
)


_WHITESPACE_SPLIT = re.compile(r"(\s+)")
# The letters IGNORECASE matches in place of the rules' own letters (re._casefix: "в" ~ "ᲀ", "s" ~ "ſ") although
# str.lower() keeps them apart; a text without them is plain. tests/test_dates.py derives the set from the rules.
_CASE_EXTRAS = re.compile("[ıſᲀᲁᲂᲃᲄᲅᲆ]")


def plain_lower(text: str) -> str | None:
    """The lower-cased text if it is plain: then an IGNORECASE pattern of lower-case Russian or Latin letters
    matches where the same pattern, case-sensitive, matches the lower-cased text (same positions too)."""
    lower = text.lower()
    if len(lower) != len(text) or _CASE_EXTRAS.search(lower) is not None:
        return None
    return lower


class Scan:
    """One text prepared for anchored rules, made once and shared by all rules: its lower-case copy, its
    whitespace runs and the anchors found in it."""

    __slots__ = ("text", "lower", "plain", "_run_starts", "_run_ends", "_anchors")

    def __init__(self, text: str) -> None:
        self.text = text
        lower = text.lower()
        # str.lower() lengthens a few characters ("İ"): then positions would not match, and rules scan it all
        self.lower = lower if len(lower) == len(text) else None
        # plain (`plain_lower`): `Rule.key`, `Rule.keep` and word anchors may narrow the windows
        self.plain = self.lower is not None and _CASE_EXTRAS.search(self.lower) is None
        self._run_starts: list[int] | None = None
        self._run_ends: list[int] = []
        self._anchors: dict[tuple[re.Pattern[str], bool], list[tuple[int, int]]] = {}

    def _runs(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the whitespace runs, from one C-level split (no match object per run)."""
        if self._run_starts is None:
            bounds = list(itertools.accumulate(map(len, _WHITESPACE_SPLIT.split(self.text))))
            self._run_starts, self._run_ends = bounds[0:-1:2], bounds[1::2]
        return self._run_starts, self._run_ends

    def _anchor_runs(self, anchor: re.Pattern[str], word_start: bool) -> list[tuple[int, int]]:
        """Per anchor match (once per text, as rules share anchors): the number of whitespace runs ending
        at or before its start and the index of the first run at or after its end; with `word_start`,
        only matches that begin a word (not after a word character or a hyphen)."""
        cached = self._anchors.get((anchor, word_start))
        if cached is not None:
            return cached
        if word_start and anchor in _word_scanner()[1]:
            self._scan_words()
            return self._anchors[(anchor, True)]
        starts, ends = self._runs()
        lower = self.lower or ""
        out: list[tuple[int, int]] = []
        for m in anchor.finditer(lower):
            s, e = m.span()
            if word_start and s and (lower[s - 1].isalnum() or lower[s - 1] in "_-"):  # `(?<![\w\-])`
                continue
            pair = (bisect.bisect_right(ends, s), bisect.bisect_left(starts, e))
            if not out or out[-1] != pair:  # two anchors in one word give one window
                out.append(pair)
        self._anchors[(anchor, word_start)] = out
        return out

    def _scan_words(self) -> None:
        """`_anchor_runs` of every rule's `word_anchor` at once: one scan for the words that begin with any
        of them (instead of one scan per anchor), each word's anchors looked up by the word."""
        scanner, anchors = _word_scanner()
        found: dict[re.Pattern[str], list[tuple[int, int]]] = {anchor: [] for anchor in anchors}
        starts, ends = self._runs()
        for m in scanner.finditer(self.lower or ""):
            s, e = m.span()  # a word holds no whitespace: its anchors' windows are the word's
            pair = (bisect.bisect_right(ends, s), bisect.bisect_left(starts, e))
            for anchor in _word_anchors_of(m.group()):
                out = found[anchor]
                if not out or out[-1] != pair:
                    out.append(pair)
        for anchor, out in found.items():
            self._anchors[(anchor, True)] = out

    def windows(
        self, anchor: re.Pattern[str], before: int, after: int, word_start: bool = False
    ) -> list[tuple[int, int]]:
        """Merged (pos, endpos) ranges around every anchor: `before` whitespace runs back, `after` runs on."""
        starts, ends = self._runs()
        n, count = len(self.text), len(starts)
        out: list[tuple[int, int]] = []
        for runs_before, run_after in self._anchor_runs(anchor, word_start):
            first = runs_before - before - 1  # the run before the earliest start
            last = run_after + after  # the run the last lookahead stops before
            lo = ends[first] if first >= 0 else 0
            hi = starts[last] if last < count else n
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(hi, out[-1][1]))
            else:
                out.append((lo, hi))
        return out


@functools.cache
def _word_scanner() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The rules' word anchors, and one regex for the words (`\\w+` at a word start) that begin with any.

    Built on first use from RULES. A word anchor matches letters or digits only, so its matches at a
    word's start are its matches at the start of that word alone (`_word_anchors_of`)."""
    anchors = tuple(dict.fromkeys(rule.word_anchor for rule in RULES if rule.word_anchor is not None))
    alternation = "|".join(anchor.pattern for anchor in anchors)
    return re.compile(rf"(?<![\w\-])(?={alternation})\w+"), anchors


@functools.lru_cache(maxsize=8192)
def _word_anchors_of(word: str) -> tuple[re.Pattern[str], ...]:
    """The word anchors that match at the start of a word (news repeat their date words: cached)."""
    return tuple(anchor for anchor in _word_scanner()[1] if anchor.match(word))


_UNBOUNDED = 10**6


def _is_space_set(items: list[tuple[Any, Any]]) -> bool:
    """A character set that matches whitespace only (`\\s`, a space)."""
    return all(
        (op is _c.CATEGORY and av is _c.CATEGORY_SPACE) or (op is _c.LITERAL and chr(av).isspace())
        for op, av in items
    )


# every character str.isspace() accepts, which is what `\s` matches in a str pattern
_SPACE_CODES = (*range(0x09, 0x0E), *range(0x1C, 0x21), 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028,
                0x2029, 0x202F, 0x205F, 0x3000)  # fmt: skip
_NO_SPACE_CATEGORIES = (_c.CATEGORY_WORD, _c.CATEGORY_DIGIT, _c.CATEGORY_NOT_SPACE)
_ALL_SPACE_CATEGORIES = (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD, _c.CATEGORY_NOT_DIGIT)


def _set_may_hold_space(items: list[tuple[Any, Any]]) -> bool:
    """Whether a parsed character set can match some whitespace (when unsure: yes)."""
    if any(op is _c.NEGATE for op, _ in items):  # [^...]: whitespace unless the set names all of it
        return not any(op is _c.CATEGORY and av in _ALL_SPACE_CATEGORIES for op, av in items)
    return any(
        (op is _c.CATEGORY and av not in _NO_SPACE_CATEGORIES)
        or (op is _c.LITERAL and chr(av).isspace())
        or (op is _c.RANGE and any(av[0] <= c <= av[1] for c in _SPACE_CODES))
        or op not in (_c.CATEGORY, _c.LITERAL, _c.RANGE)
        for op, av in items
    )


def _runs(items: Any, lookarounds: list[int]) -> int:
    """Most whitespace runs one match of a parsed pattern can hold (`_UNBOUNDED` when a repeat makes it
    unlimited); the runs inside lookarounds are appended to `lookarounds`."""
    total = 0
    for op, av in items:
        if op is _c.LITERAL:
            total += chr(av).isspace()
        elif op in (_c.NOT_LITERAL, _c.ANY):
            total += 1
        elif op is _c.IN:
            total += _set_may_hold_space(av)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, sub = av
            if len(sub) == 1 and sub[0][0] is _c.IN and _is_space_set(sub[0][1]):
                total += high > 0  # \s+, \s*: one run
            else:
                inner = _runs(sub, lookarounds)
                total += 0 if inner == 0 else _UNBOUNDED if high == _c.MAXREPEAT else high * inner
        elif op is _c.SUBPATTERN:
            total += _runs(av[-1], lookarounds)
        elif op is _c.ATOMIC_GROUP:
            total += _runs(av, lookarounds)
        elif op is _c.BRANCH:
            total += max(_runs(branch, lookarounds) for branch in av[1])
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            lookarounds.append(_runs(av[1], lookarounds))
        elif op is _c.AT:
            continue
        else:  # back-references and anything unforeseen: no bound
            return _UNBOUNDED
    return min(total, _UNBOUNDED)


@functools.cache
def _reach(pattern: re.Pattern[str], group: str | None) -> tuple[int, int] | None:
    """(runs before, runs after) an anchor that its windows must span for `pattern`; None if unbounded.

    The anchor lies in the top-level item that holds `group` (when given): the runs before it are those
    the items before can hold, the runs after those of that item and the rest; otherwise the whole
    match's runs on each side. A lookaround may look as many runs further, plus the word beyond them.
    """
    lookarounds: list[int] = []
    items = list(_parser.parse(pattern.pattern, pattern.flags))
    number = pattern.groupindex.get(group) if group else None
    where = next((k for k, (op, av) in enumerate(items) if op is _c.SUBPATTERN and av[0] == number), None)
    if where is None:
        before = after = _runs(items, lookarounds)
    else:
        own = _runs(items[where : where + 1], lookarounds)
        before = _runs(items[:where], lookarounds) + own
        after = own + _runs(items[where + 1 :], lookarounds)
    look = max(lookarounds, default=0)
    if max(before, after) + look >= _UNBOUNDED:
        return None
    return before + look, after + look + 1


@dataclass(frozen=True, slots=True)
class Rule:
    """A named regex with the resolver that turns its match into an ISO value (or REJECT).

    `needs` is a cheap regex that matches inside every match of `regex` (a word it cannot do without):
    a text it is not found in is not scanned with `regex` at all (most rules are rare in news, and their
    long optional prefixes make each scan cost more than the look for the word).

    `anchor` goes further: a case-sensitive regex over the lower-cased text that matches inside every
    match of `regex` (the month word of a date, the unit of a duration). `regex` then scans only the
    words around each anchor: as many whitespace runs to each side as one match of `regex` can hold
    (`reach`, read from the parsed pattern by `_reach`), so it finds exactly the matches a scan of the whole
    text finds, at a fraction of the cost (the IGNORECASE scan costs ~100 ns per character; the anchor
    scan ~10).
    """

    name: str
    source: str  # the regex's pattern; compiled on first use (`regex`)
    resolve: Resolver
    needs: re.Pattern[str] | None = None
    anchor: re.Pattern[str] | None = None
    anchor_group: str | None = None  # the named group of `regex` the anchor falls in, if there is one
    # `_reach(regex, anchor_group)`, declared: parsing every pattern again at run time cost 0.05 s of a
    # one-article run; tests/test_dates.py checks each against the parsed pattern
    reach: tuple[int, int] | None = None
    # For plain texts (`Scan.plain`) only, where lower-case letters find what the IGNORECASE regex finds:
    # `key`, a lower-case pattern found in the lower-cased text inside every match of `regex` (usually rarer
    # than the anchor: the day number before a month word), drops the windows without it (and, unanchored,
    # the text) and stands in for `needs`; `word_anchor` replaces `anchor` where it matches at the start of
    # a word, for rules whose anchor group always starts a word (it follows whitespace or the `(?<![\w\-])`
    # start) with a match of `word_anchor` (so the anchors inside "среди", "сегодня", "выгодно" make no window).
    key: str | None = None
    word_anchor: re.Pattern[str] | None = None
    # like `key`, but found only in the matches `resolve` keeps (not REJECT): used when the caller asks for
    # those alone (`finditer(..., kept=True)`, as find_dates does), e.g. "в этом году" but not a bare "год"
    keep: str | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled rule, compiled on first use (a text without its anchor or needed word never compiles it)."""
        return _compile(self.source)

    def finditer(self, text: str, scan: Scan | None = None, kept: bool = False) -> Iterator[re.Match[str]]:
        """`regex.finditer(text)`, skipped when the word it needs is missing, windowed when anchored; with
        `kept`, matches that `resolve` rejects may be left out (never one it keeps)."""
        scan = scan if scan is not None and scan.text is text else Scan(text)
        if scan.plain:
            return self._finditer_plain(scan, self.keep if kept else None)
        if self.needs is not None and self.needs.search(text) is None:
            return iter(())
        if self.anchor is None or scan.lower is None:
            return self.regex.finditer(text)
        reach = self.reach if self.reach is not None else _reach(self.regex, self.anchor_group)
        if reach is None:
            return self.regex.finditer(text)
        return self._in_windows(text, scan.windows(self.anchor, *reach))

    def _finditer_plain(self, scan: Scan, keep: str | None) -> Iterator[re.Match[str]]:
        """`finditer` on a plain text: the key replaces `needs`, it and `keep` thin the windows, anchors begin words."""
        text, lower = scan.text, scan.lower or ""
        key = _compile_key(self.key) if self.key is not None else None
        if self.anchor is None:
            if key is not None and key.search(lower) is None:
                return iter(())
            if key is None and self.needs is not None and self.needs.search(text) is None:
                return iter(())
            return self.regex.finditer(text)
        reach = self.reach if self.reach is not None else _reach(self.regex, self.anchor_group)
        if reach is None:
            return self.regex.finditer(text)
        if self.word_anchor is not None:
            windows = scan.windows(self.word_anchor, *reach, word_start=True)
        else:
            windows = scan.windows(self.anchor, *reach)
        for found in (key, _compile_key(keep) if keep is not None else None):
            if found is not None:  # it lies inside each match, so a window without it holds none
                windows = [(lo, hi) for lo, hi in windows if found.search(lower, lo, hi) is not None]
        return self._in_windows(text, windows)

    def _in_windows(self, text: str, windows: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
        """The regex's matches inside each window in turn (chained in C: no Python frame per match)."""
        if not windows:
            return iter(())
        return itertools.chain.from_iterable(
            itertools.starmap(functools.partial(self.regex.finditer, text), windows)
        )


def _year(m: re.Match[str], published: dt.date | None, y: str = "y", ya: str = "ya") -> int | None:
    """Year from an explicit number, a relative adjective, or the publication year."""
    gd = m.groupdict()
    if gd.get(y):
        return int(gd[y])
    if gd.get(ya):
        off = rel_offset(gd[ya])
        return published.year + off if published and off is not None and "же" not in gd[ya] else None
    if m.group(0).lower().rstrip(".").endswith(("с.г", "с. г")):
        return published.year if published else None
    return published.year if published else None


def _has_prep(m: re.Match[str]) -> bool:
    """Whether the match starts with a preposition or a part-of-period word."""
    return bool(re.match(rf"{PREP}|{PART}", m.group(0), _FLAGS))


def _part(m: re.Match[str]) -> str:
    """Lower-cased part-of-period modifier text ('' when none)."""
    g = m.groupdict().get("part")
    return (g or "").lower()


def _period(m: re.Match[str], published: dt.date | None, start: dt.date, end: dt.date, plain: str) -> str:
    """Apply "до конца"/"первая половина" modifiers to the period start..end (plain is its own ISO)."""
    part = _part(m)
    text = m.group(0).lower()
    if "конц" in part and re.match(r"(?:до|к)\s", text):
        return cal.until(published, end)
    if "половин" in part and (end - start).days > 200:
        half = 1 if "перв" in part else 2
        return cal.part_of_year(start.year, half, 2)
    return plain


def _numeric(m: re.Match[str], published: dt.date | None) -> object:
    """dd.mm.yyyy, dd/mm/yy and yyyy-mm-dd."""
    y = int(m["y"])
    if len(m["y"]) == 2:
        y += 2000 if y < 50 else 1900
    value = cal.iso_day(y, int(m["m"]), int(m["d"]))
    return value if value and 1800 <= y <= 2100 else REJECT


def _day(m: re.Match[str], published: dt.date | None) -> object:
    """'5 августа', 'с 8 по 13 октября', 'в пятницу, 7 декабря 2012 года'."""
    d1, mon = int(m["d1"]), month_number(m["mon"])
    if not 1 <= d1 <= 31:
        return REJECT
    y = _year(m, published)
    if m["rw"] and y is None and published is not None:
        y = published.year
    if y is None:
        return None
    first = cal.iso_day(y, mon, d1)
    if m["d2"]:
        last = cal.iso_day(y, mon, int(m["d2"]))
        return f"{first}/{last}" if first and last and first < last else first
    return first


def _day_range(m: re.Match[str], published: dt.date | None) -> object:
    """'с 10 апреля по 5 мая 2016 года'."""
    y2 = _year(m, published, "y2", "ya2")
    y1 = int(m["y1"]) if m["y1"] else y2
    if y1 is None or y2 is None:
        return None
    a = cal.iso_day(y1, month_number(m["mon1"]), int(m["d1"]))
    b = cal.iso_day(y2, month_number(m["mon2"]), int(m["d2"]))
    return f"{a}/{b}" if a and b else None


def _month(m: re.Match[str], published: dt.date | None) -> object:
    """'в мае', 'в сентябре 2012г.', 'в начале марта', 'до конца сентября', 'с февраля по сентябрь 2005 года'."""
    word = m["mon"].lower().rstrip(".")
    if word in _MONTH_ABBR or (not _has_prep(m) and not m["y"] and not m["ya"]):
        return REJECT
    y = _year(m, published)
    if y is None:
        return None
    m1 = month_number(m["mon"])
    if m["mon2"]:
        return cal.month_span(y, m1, month_number(m["mon2"]))
    start, end = dt.date(y, m1, 1), cal.month_end(y, m1)
    return _period(m, published, start, end, f"{y:04d}-{m1:02d}")


def _year_rule(m: re.Match[str], published: dt.date | None) -> object:
    """'в 2009 году', 'в 2023-2024 годах', 'с 2001 по 2008 год', 'в первой половине 2024 года'."""
    y = int(m["y"])
    if not 1000 <= y <= 2100:
        return REJECT
    if m["y2"]:
        y2 = int(m["y2"])
        if len(m["y2"]) == 2:
            y2 += y // 100 * 100
        if y2 <= y:
            return REJECT if y2 < y else str(y)
        return cal.interval(dt.date(y, 1, 1), dt.date(y2, 12, 31))
    return _period(m, published, dt.date(y, 1, 1), dt.date(y, 12, 31), f"{y:04d}")


def _bare_year(m: re.Match[str], published: dt.date | None) -> object:
    """'2017' alone or in 'ЧМ-2018', only when no counted noun follows ('2017 рублей', 'в 2017 случаях')."""
    y = m["y"] or m["yh"]
    if m["y"] and not _has_prep(m) and re.match(r"\s*(?-i:[а-яё])", m.string[m.end() :]):
        return REJECT
    return y


def _decade(m: re.Match[str], published: dt.date | None) -> object:
    """'в 90-е годы', '1990-х годов'."""

    def start(s: str) -> int:
        n = int(s)
        return n if len(s) == 4 else (2000 if n == 0 else 1900 + n)

    a = start(m["dec"])
    b = start(m["dec2"]) if m["dec2"] else a
    if a % 10 or b % 10 or b < a:
        return REJECT
    return cal.interval(dt.date(a, 1, 1), dt.date(b + 9, 12, 31))


def _century(m: re.Match[str], published: dt.date | None) -> object:
    """'в XXI веке' → interval of the century."""
    c = roman_to_int(m["c"]) if not m["c"].isdigit() else int(m["c"])
    if not 1 <= c <= 21:
        return REJECT
    return cal.interval(dt.date(max(1, (c - 1) * 100 + 1), 1, 1), dt.date(c * 100, 12, 31))


def _season(m: re.Match[str], published: dt.date | None) -> object:
    """'весной', 'этой осенью', 'летом 2013 года'; winter Y is December Y-1 to February Y."""
    word = m["s"].lower()
    instrumental = word.endswith(("ой", "ом", "ью"))
    if not instrumental and not (_has_prep(m) or m["y"] or m["ya"] or m["sa"]):
        return REJECT
    m1, m2 = SEASON_MONTHS[word[:3]]
    if m["y"]:
        y = int(m["y"])
    elif published is None:
        return None
    else:
        off = rel_offset(m["sa"] or m["ya"]) or 0
        y = published.year + (1 if m1 == 12 and published.month >= 9 else 0) + off
    return cal.month_span(y - 1, 12, 2) if m1 == 12 else cal.month_span(y, m1, m2)


def _rel_period(m: re.Match[str], published: dt.date | None) -> object:
    """'в этом году', 'на прошлой неделе', 'в следующем месяце', 'в эти выходные', 'до конца года'."""
    off = rel_offset(m["a"]) if m["a"] else 0
    if m["a"] and re.search(r"же|данн", m["a"], _FLAGS):
        off = None
    if published is None or off is None:
        return None
    u = m["u"].lower()
    p = published
    if u.startswith("год"):
        y = p.year + off
        return _period(m, published, dt.date(y, 1, 1), dt.date(y, 12, 31), f"{y:04d}")
    if u.startswith("месяц"):
        y, mo = cal.add_months(p.year, p.month, off)
        return _period(m, published, dt.date(y, mo, 1), cal.month_end(y, mo), f"{y:04d}-{mo:02d}")
    if u.startswith("недел"):
        return cal.week_span(p, off)
    if u.startswith("выходн"):
        return cal.weekend_span(p, off)
    if u.startswith(("квартал", "полугод")):
        parts = 4 if u.startswith("квартал") else 2
        idx = (p.year * parts + (p.month - 1) * parts // 12) + off
        return cal.part_of_year(idx // parts, idx % parts + 1, parts)
    return None


def _ordinal_period(m: re.Match[str], published: dt.date | None) -> object:
    """'во втором полугодии текущего года', 'в I квартале 2023 года', 'в первой половине 2024 года'."""
    u = m["u"].lower()
    if u.startswith("половин") and not (m["y"] or m["ya"]):
        return REJECT
    n = ORDINALS.get((m["o"] or "").lower()[:4]) or ORDINALS.get((m["o"] or "").lower())
    parts = 4 if u.startswith("квартал") else 2
    if not n or n > parts:
        return REJECT
    y = _year(m, published)
    return cal.part_of_year(y, n, parts) if y else None


def _weekday(m: re.Match[str], published: dt.date | None) -> object:
    """'в понедельник' = most recent Monday on/before publication; 'в следующий понедельник' = after."""
    if not _has_prep(m) and not m["a"]:
        return REJECT
    if published is None:
        return None
    off = rel_offset(m["a"]) if m["a"] else 0
    if m["a"] and "же" in m["a"]:
        return None
    direction = 0 if not off else (1 if off > 0 else -1)
    return cal.weekday_near(published, weekday_number(m["wd"]), direction).isoformat()


_DEICTIC = {"сегодня": 0, "вчера": -1, "позавчера": -2, "завтра": 1, "послезавтра": 2, "накануне": -1}


def _deictic(m: re.Match[str], published: dt.date | None) -> object:
    """'сегодня', 'вчера', 'накануне' (only when not 'накануне <чего-то>')."""
    w = m["w"].lower()
    if w not in _DEICTIC:  # IGNORECASE matched a look-alike letter ("ᲃегодня"): no Russian word
        return REJECT
    if published is None:
        return None
    if w == "накануне" and re.match(r"\s+(?-i:[а-яё]+)(?:а|я|ов|ев|ей|и|ы)\b", m.string[m.end() :]):
        return None
    return (published + dt.timedelta(days=_DEICTIC[w])).isoformat()


def _weekend_near(m: re.Match[str], published: dt.date | None) -> object:
    """'в ближайшие выходные' → the coming weekend."""
    if published is None:
        return None
    return cal.weekend_span(published, 0 if published.weekday() < 5 else 1)


def _vague(m: re.Match[str], published: dt.date | None) -> object:
    """Vague or narrative-relative expressions: a DATE mention without a resolvable value."""
    return None


def _duration(m: re.Match[str], published: dt.date | None) -> object:
    """'в течение шести лет', 'до трёх лет'; 'до 18 лет' is an age limit, not a date."""
    n = m["n"] or ""
    if n.isdigit() and int(n) >= 12 and re.match(r"(?:до|от|с)\s", m.group(0), _FLAGS):
        return REJECT
    if not n and re.match(r"(?:до|от|с)\s", m.group(0), _FLAGS):
        return REJECT
    return None


def _bare_duration(m: re.Match[str], published: dt.date | None) -> object:
    """'несколько лет', 'шесть месяцев' (NEREL counts durations as DATE); digits+'лет' is usually an age."""
    if m["n"].isdigit() and m["u"].lower().startswith(("лет", "год")):
        return REJECT
    if m["n"].isdigit() and re.search(
        r"(?:до|от|с)\s+$", m.string[max(0, m.start() - 4) : m.start()], _FLAGS
    ):
        return REJECT
    return None


_UNIT_KIND = (
    ("д", "day"),
    ("сут", "day"),
    ("нед", "week"),
    ("мес", "month"),
    ("полго", "month6"),
    ("полуго", "month6"),
    ("год", "year"),
    ("лет", "year"),
)


def _shifted(m: re.Match[str], published: dt.date | None) -> object:
    """'три года назад', 'через две недели' relative to publication."""
    if published is None:
        return None
    n = number_value(m["n"])
    u = m["u"].lower()
    kind = next((k for p, k in _UNIT_KIND if u.startswith(p)), None)
    if n is None or kind is None:
        return None
    if kind == "month6":
        n, kind = n * 6, "month"
    sign = -1 if "назад" in m.group(0).lower() else 1
    return cal.shift(published, sign * n, kind)


def _r(pattern: str) -> str:
    """A rule pattern with the word-start guard (`Rule.regex` compiles it with the shared flags)."""
    return _START + pattern


@functools.cache
def _compile(source: str) -> re.Pattern[str]:
    """A rule's regex, compiled once per process."""
    return re.compile(source, _FLAGS)


def _needs(pattern: str) -> re.Pattern[str]:
    """Compile a `Rule.needs` pattern with the rules' flags (so it matches wherever the rule's part does)."""
    return re.compile(pattern, _FLAGS)


@functools.cache
def _compile_key(pattern: str) -> re.Pattern[str]:
    """A `Rule.key` or `Rule.keep`, compiled on first use: case-sensitive, for the lower-cased text."""
    return re.compile(pattern)


def _anchor(pattern: str) -> re.Pattern[str]:
    """Compile a `Rule.anchor`: case-sensitive, for the lower-cased text (so it scans fast)."""
    return re.compile(pattern)


# every month word begins with one of these
_MONTH_ANCHOR = _anchor(r"янв|фев|мар|апр|ма[йяею]|июн|июл|авг|сен|окт|ноя|дек")
_UNIT_ANCHOR = _anchor(r"дн|ден|сут|недел|месяц|год|лет|десятилет|век")  # every _UNIT word holds one
_UNIT_WORD = _anchor(r"дн|ден|сут|недел|месяц|год|лет|десятилет|век|пол[гув]")  # and begins with one of these
_YEAR_ANCHOR = _anchor(r"\d\d\d\d")
# a day number (with "-го", "-е") right before a month word: inside every match of the "day" rule
_DAY_MONTH_KEY = r"\d(?:-?(?:го|е|ое))?\s+(?:янв|фев|мар|апр|ма[йяею]|июн|июл|авг|сен|окт|ноя|дек)"

_SEASON_ANCHOR = _anchor(r"весн|лет|осен|зим")
_ORDINAL_PERIOD_ANCHOR = _anchor(r"полугоди|половин|квартал")
_REL_PERIOD_ANCHOR = _anchor(r"год|месяц|недел|квартал|полугоди|выходн")
_WEEKDAY_ANCHOR = _anchor(r"понедельник|вторник|сред|четверг|пятниц|суббот|воскресень")
_VAGUE_ANCHOR = _anchor(r"день|дн[яиейх]|время|недел|месяц|год|десятилет|лет|период")
# kept "rel_period" matches have a relative adjective (REL_ADJ) or a part of the period (PART) right before
# the unit: the word before it begins with one of these stems ("то же" and "ту же" end in "же")
_REL_PERIOD_KEEP = (
    r"(?:прошл|минувш|предыдущ|прошедш|эт|текущ|нынешн|сего|же|данн|следующ|будущ|наступа|грядущ|предстоящ"
    r"|наступивш|начал|середин|конц|конец|исход|половин)[а-яё]*\s+(?:год|месяц|недел|квартал|полугоди|выходн)"
)
# a number (_NUM: one to three digits or a word beginning with one of these stems) starting a word, then a
# unit word; `_bare_duration` rejects digits before "лет"/"год..."
_NUM_WORD = (
    r"(?:один|одн|дв|об|тр|четыр|пят|шест|сем|восем|восьм|девят|десят|сорок|ст|нескольк|пар|полтор|полутор|мног"
    r"|долг|считанн)[а-яё]*"
)
_NUM_UNIT_KEY = (
    rf"(?<![\w\-])(?:\d{{1,3}}|{_NUM_WORD})\s+(?:дн|ден|сут|недел|месяц|год|лет|пол[гув]|десятилет|век)"
)
_NUM_UNIT_KEEP = (
    rf"(?<![\w\-])(?:\d{{1,3}}\s+(?:дн|ден|сут|недел|месяц|пол[гув]|десятилет|век)"
    rf"|{_NUM_WORD}\s+(?:дн|ден|сут|недел|месяц|год|лет|пол[гув]|десятилет|век))"
)
_D = r"(?<![\d.,])(?P<{0}>[0-3]?\d)(?:-?(?:го|е|ое))?(?!\d)"
_MON = rf"(?P<{{0}}>{MONTH_RE})"
_AGO_PRE = r"(?:(?:немногим\s+|чуть\s+)?(?:около|почти|примерно|более|больше|менее|уже|свыше|ещё|еще)\s+(?:чем\s+)?)?"

RULES: tuple[Rule, ...] = (
    Rule(
        "numeric",
        _r(
            rf"(?:{PREP})?(?P<d>\d{{1,2}})(?P<sep>[./])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d{{2}})"
            rf"(?![\d/]|\.\d)(?:\s*{YEAR_WORD})?"
        ),
        _numeric,
        _needs(r"\d[./]\d"),
        key=r"[./](?<=\d[./])(?=\d)",  # `\d[./]\d`, found ~2x faster from its rarer middle
    ),
    Rule(
        "iso",
        _r(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
        _numeric,
        _needs(r"\d-\d"),
        key=r"-(?<=\d-)(?=\d)",  # `\d-\d`, found ~15x faster from its literal hyphen
    ),
    Rule(
        "day_range",
        _r(
            rf"(?:с|со|от)\s+{_D.format('d1')}\s+{_MON.format('mon1')}(?:\s+(?P<y1>\d{{4}})(?:\s*{YEAR_WORD})?)?"
            rf"\s*(?:по|до|-|–|—)\s*{_D.format('d2')}\s+{_MON.format('mon2')}"
            rf"(?:\s+(?:(?P<y2>\d{{4}})(?:\s*{YEAR_WORD})?|(?P<ya2>{REL_ADJ})\s+года))?"
        ),
        _day_range,
        anchor=_MONTH_ANCHOR,
        anchor_group="mon1",
        reach=(3, 10),
        key=r"[сот]\s+\d",  # "с|со|от" before the first day
        word_anchor=_MONTH_ANCHOR,
    ),
    Rule(
        "day",
        _r(
            rf"(?:(?P<rw>сегодня|вчера|завтра|позавчера),?\s+)?(?:{PREP})?(?:(?P<a>{REL_ADJ})\s+)?"
            rf"(?:(?P<wd>{WEEKDAY_RE})(?:,|\s*[—–-])?\s+)?{_D.format('d1')}"
            rf"(?:\s*(?:-|–|—|по|на|и)\s*{_D.format('d2')})?\s+{_MON.format('mon')}{_YEAR_TAIL}?"
        ),
        _day,
        anchor=_MONTH_ANCHOR,
        anchor_group="mon",
        reach=(11, 5),
        key=_DAY_MONTH_KEY,
        word_anchor=_MONTH_ANCHOR,
    ),
    Rule(
        "month",
        _r(
            rf"(?:{PREP})?(?P<part>{PART})?{_MON.format('mon')}(?:\s*(?:по|-|–|—|и)\s*{_MON.format('mon2')})?"
            rf"{_YEAR_TAIL}?"
        ),
        _month,
        anchor=_MONTH_ANCHOR,
        anchor_group="mon",
        reach=(6, 7),
        word_anchor=_MONTH_ANCHOR,
    ),
    Rule(
        "year",
        _r(
            rf"(?:{PREP}|за\s+|(?:к|ко)\s+(?={PART}))?(?P<part>{PART})?(?<![\d.,])(?P<y>\d{{4}})"
            rf"(?:\s*(?:-|–|—|и|или|по)\s*(?P<y2>\d{{4}}|\d{{2}}))?\s*(?:-?м\s+|-?ом\s+)?{YEAR_WORD}(?:\s+рождения)?"
        ),
        _year_rule,
        anchor=_YEAR_ANCHOR,
        anchor_group="y",
        reach=(8, 9),
        key=r"\d\d\s*(?:-?о?м\s+)?г",  # the last year's digits, then the year word
        word_anchor=_YEAR_ANCHOR,
    ),
    Rule(
        "bare_year",
        (  # no word-start guard: a year may follow a word's hyphen ("Евро-2020")
            rf"(?:(?<![\w\-])(?:{PREP})?(?<![\d.,:/№+])(?P<y>(?:19|20)\d\d|2100)(?![\d/]|[.,:]\d|\s*(?-i:[a-z%$€₽]))"
            rf"(?!\s*(?-i:[а-яё]+{_NOUNISH}))|(?<=[^\W\d_]-)(?P<yh>(?:19|20)\d\d)(?![\d/]|[.,:]\d))(?P<y2>)"
        ),
        _bare_year,
        anchor=_anchor(r"19\d\d|20\d\d|2100"),
        reach=(3, 4),
    ),
    Rule(
        "decade",
        _r(
            rf"(?:{PREP})?(?P<part>{PART})?(?<![\d.,])(?P<dec>\d\d|\d{{4}})-?(?:е|х|ые|ых|ми)(?![а-яё])"
            rf"(?:\s*(?:-|–|—)\s*(?:{PART})?(?P<dec2>\d\d|\d{{4}})-?(?:е|х|ые|ых)(?![а-яё]))?"
            r"(?:\s+(?:год(?:ы|ов|ах|ам)|гг\.?))?"
        ),
        _decade,
        _needs(r"\d-?[ехым]"),  # "90-е", "1990-х", "90-ые", "90-ми"
        anchor=_anchor(r"\d-?[ехым]"),
        anchor_group="dec",
        reach=(5, 7),
        key=r"\d-?[ехым]",
    ),
    Rule(
        "century",
        _r(
            rf"(?:{PREP})?(?P<part>{PART})?(?P<c>(?-i:[IVXLХ]{{1,6}})|\d{{1,2}})(?:-?(?:го|м|ом|й))?\s+"
            r"(?:век(?:а|е|ом|у)?(?![а-яё])|вв?\.)"
        ),
        _century,
        _needs(r"век|в\."),
        anchor=_anchor(r"век|в\."),
        reach=(6, 7),
        key=r"[\divxlх](?:-?(?:го|м|ом|й))?\s+(?:век|вв?\.)",  # a Roman or Arabic number before "век"
    ),
    Rule(
        "season",
        _r(
            rf"(?:{PREP})?(?:(?P<sa>{REL_ADJ})\s+)?(?P<s>весн(?:ой|у|а|е)|лет(?:ом|о|а)|осен(?:ью|ь|и)|зим(?:ой|у|а|е))"
            rf"(?![а-яё])(?:\s+(?:(?P<y>\d{{4}})(?:\s*{YEAR_WORD})?|(?P<ya>{REL_ADJ})\s+года))?"
        ),
        _season,
        _needs(r"весн|лет[оа]|осен|зим"),
        anchor=_SEASON_ANCHOR,
        anchor_group="s",
        reach=(5, 5),
        key=r"весн|лет[оа]|осен|зим",
        word_anchor=_SEASON_ANCHOR,
    ),
    Rule(
        "ordinal_period",
        _r(
            rf"(?:{PREP})?(?P<o>перв|втор|трет|четв[её]рт|(?-i:I{{1,3}}|IV))(?:[а-яё]*)\s+"
            rf"(?P<u>полугоди[а-яё]*|половин[а-яё]*|квартал[а-яё]*)(?![а-яё]){_YEAR_TAIL}?"
        ),
        _ordinal_period,
        _needs(r"полугоди|половин|квартал"),
        anchor=_ORDINAL_PERIOD_ANCHOR,
        anchor_group="u",
        reach=(4, 5),
        key=r"полугоди|половин|квартал",
        word_anchor=_ORDINAL_PERIOD_ANCHOR,
    ),
    Rule(
        "rel_period",
        _r(
            rf"(?:{PREP}|(?:к|ко)\s+(?={PART}))?(?P<part>{PART})?(?:(?P<a>{REL_ADJ})\s+)?"
            r"(?P<u>год(?:у|а|ом)?|месяц(?:е|а|у)?|недел(?:е|ю|и|я)|квартал(?:е|а)?|полугоди(?:е|и|я)"
            r"|выходн(?:ые|ых|ым))(?![а-яё])"
        ),
        lambda m, p: _rel_period(m, p) if (m["a"] or m["part"]) else REJECT,
        anchor=_REL_PERIOD_ANCHOR,
        anchor_group="u",
        reach=(10, 4),
        word_anchor=_REL_PERIOD_ANCHOR,
        keep=_REL_PERIOD_KEEP,
    ),
    Rule(
        "weekday",
        _r(rf"(?:{PREP}|к\s+)?(?:(?P<a>{REL_ADJ})\s+)?(?P<wd>{WEEKDAY_RE})"),
        _weekday,
        _needs(WEEKDAY_RE),
        anchor=_WEEKDAY_ANCHOR,
        anchor_group="wd",
        reach=(4, 1),
        key=r"понедельник|вторник|сред[ауеы]|четверг|пятниц|суббот|воскресень",
        word_anchor=_WEEKDAY_ANCHOR,
    ),
    Rule(
        "deictic",
        _r(r"(?P<w>сегодня|вчера|позавчера|завтра|послезавтра|накануне)(?![а-яё])"),
        _deictic,
        anchor=_anchor(r"сегодня|вчера|завтра|накануне"),
        anchor_group="w",
        reach=(0, 1),
        # the anchor's "вчера" and "завтра" end "позавчера" and "послезавтра": the word anchor names them
        word_anchor=_anchor(r"сегодня|вчера|позавчера|завтра|послезавтра|накануне"),
    ),
    Rule(
        "weekend_near",
        _r(r"(?:в|на)\s+ближайшие\s+выходные"),
        _weekend_near,
        _needs("ближайшие"),
        key=r"ближайшие\s+выходные",
    ),
    Rule(
        "vague",
        _r(
            r"(?:(?:в|во|на|до|с|к)\s+)?(?:(?:тот|этот|тот\s+же|этот\s+же|следующий|другой|один|сегодняшний|нынешний)\s+день"
            r"|(?:скором|кратчайшее|самое\s+ближайшее)\s+время"
            r"|(?:ближайшие|последние|прошлые|минувшие|предыдущие|ближайшую|последующие|следующие)\s+"
            r"(?:дни|недели|месяцы|годы|десятилетия|несколько\s+(?:дней|недель|месяцев|лет))"
            r"|этот\s+период|днях|сегодняшний\s+день|сегодняшнего\s+дня)(?![а-яё])"
        ),
        _vague,
        anchor=_VAGUE_ANCHOR,
        reach=(3, 4),
        # "<...> день/время/период/дня", "днях", "<ближайшие...> дни/недели/.../несколько"
        key=r"\s(?:день|время|период|дня)|днях|(?:ие|ые|ую)\s+(?:дни|недели|месяцы|годы|десятилетия|несколько)",
        word_anchor=_VAGUE_ANCHOR,
    ),
    Rule(
        "ago",
        _r(rf"{_AGO_PRE}(?:(?P<n>{_NUM})\s+)?(?P<u>{_UNIT})\s+(?:тому\s+)?назад"),
        _shifted,
        _needs("назад"),
        anchor=_UNIT_ANCHOR,
        anchor_group="u",
        reach=(4, 3),
        key="назад",
        word_anchor=_UNIT_WORD,
    ),
    Rule(
        "after",
        _r(rf"(?:через|спустя)\s+{_AGO_PRE}(?:(?P<n>{_NUM})\s+)?(?P<u>{_UNIT})"),
        _shifted,
        anchor=_UNIT_ANCHOR,
        anchor_group="u",
        reach=(5, 1),
        key="через|спустя",
        word_anchor=_UNIT_WORD,
    ),
    Rule(
        "after_post",
        _r(rf"(?P<n>{_NUM})\s+(?P<u>{_UNIT})\s+спустя"),
        _shifted,
        _needs("спустя"),
        anchor=_UNIT_ANCHOR,
        anchor_group="u",
        reach=(1, 2),
        key="спустя",
        word_anchor=_UNIT_WORD,
    ),
    Rule(
        "duration",
        _r(
            rf"(?:в\s+течение|на\s+протяжении|за\s+(?:последн|прошедш)(?:ие|юю|ий|их)|в\s+последние|на\s+ближайшие|за|на|до|от|с)"
            rf"\s+{_AGO_PRE}(?:(?P<n>{_NUM})\s+)?(?P<u>{_UNIT})"
        ),
        _duration,
        anchor=_UNIT_ANCHOR,
        anchor_group="u",
        reach=(6, 1),
        word_anchor=_UNIT_WORD,
    ),
    Rule(
        "bare_duration",
        _r(rf"{_AGO_PRE}(?P<n>{_NUM})\s+(?P<u>{_UNIT})(?!\s+(?:рождения|назад|спустя))"),
        _bare_duration,
        anchor=_UNIT_ANCHOR,
        anchor_group="u",
        reach=(5, 2),
        word_anchor=_UNIT_WORD,
        key=_NUM_UNIT_KEY,
        keep=_NUM_UNIT_KEEP,
    ),
)
