"""Gazetteers of countries, cities, regions and well-known organisations, matched in any case form."""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from dipextract.morph import dictionary, known_parses, lemma, parse
from dipextract.razdel_tokens import words as razdel_words

DATA = Path(__file__).resolve().parent / "data"
# Lemma keys of every name form, written by scripts/build_gazetteers.py so that load() needs no pymorphy3.
INDEX_FILE = "gazetteer_index.tsv"
BUILD_COMMAND = "PYTHONPATH=src python scripts/build_gazetteers.py --index-only"

# Cities this big (and every hand-curated one) are read as places even where the word may be a surname.
TRUSTED_POPULATION = 500_000
NEST_EXTENDED = True
RESOLVED_CACHE_SIZE = 50_000  # (kind, span text) answers of Gazetteer.resolve kept per process
WORD_CACHE_SIZE = 60_000  # words whose keys and name starts Gazetteer.find keeps
KINDS = ("COUNTRY", "CITY", "REGION", "ORGANIZATION")
# Same-length matches of different kinds: "Сингапур" the country beats the city; a region beats a same-named town.
PRIORITY = {"COUNTRY": 0, "REGION": 1, "CITY": 2, "ORGANIZATION": 3}
# Letters of Kazakh, Kyrgyz, Ukrainian... that Russian lacks: such words are never Russian names ("Жаңылыктар").
NON_RUSSIAN = re.compile("[іїєґўјљњћђџқңүөұһәғІЇЄҐЎЈЉЊЋЂЏҚҢҮӨҰҺӘҒ]")
DASHES = str.maketrans({"–": "—", "-": "—", "‒": "—", "’": "'", "ё": "е", "Ё": "Е"})
# Words after which an ambiguous one-word place ("Мирный", "Орёл") is read as a place.
PLACE_WORDS = frozenset(
    "город города городе городу городом г г. пос пос. поселок посёлок поселка посёлка поселке посёлке "
    "село села селе деревня деревни станица станицы пгт".split()
)
PLACE_PREPOSITIONS = frozenset("в во из под до около близ возле у".split())
# Verbs whose direct object right after them is a place when the name can be one: "посетят Муром".
PLACE_VERBS = frozenset("посетить посещать покинуть покидать".split())
QUOTES = frozenset("«\"„“”'")
# Connecting vowel forms of first parts of compound adjectives that do not end in -ско/-цко ("франко-германский").
COMPOUND_FIRST = {
    "франко": "французский",
    "англо": "английский",
    "греко": "греческий",
    "австро": "австрийский",
    "итало": "итальянский",
    "индо": "индийский",
    "сино": "китайский",
    "русско": "российский",
}


@dataclass(frozen=True, slots=True)
class Place:
    """A normalised gazetteer record: what a span refers to."""

    kind: str  # "COUNTRY" | "CITY" | "REGION" | "ORGANIZATION"
    name: str  # canonical Russian name, nominative
    iso: str | None  # COUNTRY: its ISO alpha-2 (None for historical); others: the ISO of their country


@dataclass(frozen=True, slots=True)
class GazetteerHit:
    """One gazetteer match in a document, with char offsets."""

    start: int
    end: int
    place: Place
    adjective: bool


@dataclass(frozen=True, slots=True)
class _Entry:
    """One name form, as lemma keys, with the constraints its match must meet."""

    keys: tuple[str, ...]
    caps: tuple[bool, ...]  # the text token must be capitalised
    place: Place
    adjective: bool = False
    ambiguous: bool = False  # needs a place context ("город", "в" not at sentence start)
    ext: bool = False  # organisation that takes a country genitive ("МИД России")
    geo: bool = False  # small one-word place: the text token must parse as Geox or be unknown to pymorphy3,
    # and needs a place context when pymorphy3 also knows it as a surname or common word ("Пушкина", "Серена")


def _norm(s: str) -> str:
    """Case- and spelling-insensitive key of a lemma: lower case, ё→е, one dash."""
    return s.lower().translate(DASHES)


_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def _is_code(word: str) -> bool:
    """Abbreviations and foreign words are matched by exact form ("США", "ЕС", "Google"), never by lemma."""
    return (len(word) >= 2 and word.isupper()) or _LATIN_OR_DIGIT.search(word) is not None


def _name_key(word: str) -> str:
    """Key of one token of a gazetteer name: exact form for codes, else the lemma of its first parse."""
    if _is_code(word):
        return "=" + word.translate(DASHES)
    if not any(c.isalpha() for c in word):
        return word.translate(DASHES)
    return _norm(lemma(word))


def _place_key(word: str) -> str:
    """Key of a one-word place name: its Geox lemma, else its own form when pymorphy3 knows it as a common
    word ("Кита" must not become "кит"), else the predicted lemma."""
    parses = parse(word)
    for p in parses:
        if p.is_known and "Geox" in p.tag.grammemes:
            return _norm(p.normal_form)
    if any(p.is_known for p in parses):
        return _norm(word)
    return _norm(lemma(word))


@functools.lru_cache(maxsize=60_000)
def _maybe_not_place(word: str) -> bool:
    """pymorphy3 knows the word as something other than a place: a surname, a name, a common word."""
    return any(p.is_known and "Geox" not in p.tag.grammemes for p in parse(word))


@functools.lru_cache(maxsize=60_000)
def _token_keys(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """All keys a text token can match (normal forms of every parse), and those from Geox/unknown parses."""
    if NON_RUSSIAN.search(word):
        return frozenset(), frozenset()
    if _is_code(word):
        return frozenset({"=" + word.translate(DASHES)}), frozenset({"=" + word.translate(DASHES)})
    if not word.isalpha() and not any(c.isalpha() for c in word):  # most words: one call
        key = word.translate(DASHES)
        return frozenset({key}), frozenset({key})
    low = _norm(word)
    keys = {low}
    geo = {low}
    known = known_parses(word)
    if known is not None:  # every dictionary parse is a known one: only Geox ones are places
        words = dictionary()
        for entry in known:
            nf = _norm(words.normal_form(entry))
            keys.add(nf)
            if "Geox" in words.info(entry[3])[1]:
                geo.add(nf)
        return frozenset(keys), frozenset(geo)
    for p in parse(word):
        nf = _norm(p.normal_form)
        keys.add(nf)
        if not p.is_known or "Geox" in p.tag.grammemes:
            geo.add(nf)
    return frozenset(keys), frozenset(geo)


def _accusative_place(word: str) -> bool:
    """The word can be a place name in the accusative: "Муром", "Находку" — not "Иванова" (that is the
    genitive of Иваново, or a person)."""
    low = _norm(word)
    parses = parse(word)
    return any(
        _norm(p.normal_form) == low or ("accs" in p.tag and "anim" not in p.tag) for p in parses
    ) or not any(p.is_known for p in parses)


def _adjective_lemma(word: str) -> set[str]:
    """Candidate adjective lemmas of a word: its ADJF normal forms."""
    return {_norm(p.normal_form) for p in parse(word) if p.tag.POS == "ADJF"} | {_norm(word)}


def _split_name(name: str) -> list[str]:
    """Tokens of a gazetteer name, as razdel cuts running text."""
    return razdel_words(name)


def _read_tsv(path: Path) -> Iterable[list[str]]:
    """Rows of a data TSV, without the '#' header."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


# (tokens, name key of each token, place key of a one-word non-code name or "")
FormKeys = tuple[tuple[str, ...], tuple[str, ...], str]


def form_keys(form: str) -> FormKeys:
    """Everything load() needs from razdel and pymorphy3 about one name form; the build script stores it
    in data/gazetteer_index.tsv. The place key is kept for every one-word non-code form, whatever its
    record's flags, so that the index does not depend on population, source or kind."""
    words = tuple(_split_name(form))
    keys = tuple(_name_key(w) for w in words)
    place_key = _place_key(words[0]) if len(words) == 1 and not _is_code(words[0]) else ""
    return words, keys, place_key


def format_index_row(form: str, row: FormKeys) -> str:
    """One line of the index: form, keys (space-separated), place key, and the tokens (space-separated)
    only where razdel cuts the form otherwise than at spaces ("Кот-д'Ивуар")."""
    words, keys, place_key = row
    tokens = "" if words == tuple(form.split()) else " ".join(words)
    return "\t".join((form, " ".join(keys), place_key, tokens))


def read_index(path: Path) -> dict[str, FormKeys]:
    """The precomputed keys of each name form (empty when the file is missing)."""
    if not path.exists():
        return {}
    index: dict[str, FormKeys] = {}
    for row in _read_tsv(path):
        form, keys, place_key, words = (row + ["", "", ""])[:4]  # trailing empty columns may be stripped
        index[form] = (
            tuple(words.split(" ")) if words else tuple(form.split()),
            tuple(keys.split(" ")) if keys else (),
            place_key,
        )
    return index


_Record = tuple[Place, list[str], bool, bool, bool]  # place, forms, ambiguous, ext, trusted


def _records(data: Path) -> Iterator[_Record]:
    """Records of the countries, regions, cities and organisations tables, in load order."""
    for iso, name, forms, amb in _read_tsv(data / "countries.tsv"):
        yield Place("COUNTRY", name, iso or None), forms.split("|"), amb == "1", False, True
    for name, iso, forms, amb in _read_tsv(data / "regions.tsv"):
        yield Place("REGION", name, iso or None), forms.split("|"), amb == "1", False, True
    for name, iso, pop, amb, source, forms in _read_tsv(data / "cities.tsv"):
        yield (
            Place("CITY", name, iso or None),
            forms.split("|"),
            amb == "1",
            False,
            source == "hand" or int(pop) >= TRUSTED_POPULATION,
        )
    for name, iso, forms, flags in _read_tsv(data / "organizations.tsv"):
        fl = set(flags.split(","))
        yield Place("ORGANIZATION", name, iso or None), forms.split("|"), "ambiguous" in fl, "ext" in fl, True


def name_forms(data: Path = DATA) -> list[str]:
    """Every distinct name form of the tables, sorted: the rows the index must have."""
    return sorted({f for _, forms, *_ in _records(data) for f in forms})


class Gazetteer:
    """Dictionaries of names keyed by the lemma of their first token, for O(tokens) matching."""

    def __init__(self) -> None:
        self._places: dict[str, list[_Entry]] = {}
        self._orgs: dict[str, list[_Entry]] = {}
        self._adjectives: dict[str, Place] = {}
        self._by_name: dict[tuple[str, str], Place] = {}
        self._resolved: dict[tuple[str, str], Place | None] = {}  # resolve()'s answers, bounded
        # word -> (its keys, whether a key starts an organisation's name, a place's name), bounded
        self._words: dict[str, tuple[tuple[frozenset[str], frozenset[str]], bool, bool]] = {}

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, data: Path = DATA) -> Gazetteer:
        """Read the data/ tables and their precomputed keys (once per process through `gazetteer()`).

        Forms missing from data/gazetteer_index.tsv (a table edited without rerunning the build script)
        are analysed with pymorphy3 here, which is slow, with a warning."""
        gz = cls()
        index = read_index(data / INDEX_FILE)
        missing: list[str] = []
        for place, forms, ambiguous, ext, trusted in _records(data):
            gz._add(place, forms, index, missing, ambiguous=ambiguous, ext=ext, trusted=trusted)
        if missing:
            warnings.warn(
                f"{len(missing)} gazetteer name forms (e.g. {missing[0]!r}) are missing from "
                f"{data / INDEX_FILE}; analysed at load time, which is slow. Run: {BUILD_COMMAND}",
                stacklevel=2,
            )
        for adj, iso, kind, name in _read_tsv(data / "country_adjectives.tsv"):
            place = gz._by_name.get((kind, name)) or Place(kind, name, iso or None)
            gz._adjectives[_norm(adj)] = place
            entry = _Entry((_norm(adj),), (False,), place, adjective=True)
            gz._places.setdefault(entry.keys[0], []).append(entry)
        for idx in (gz._places, gz._orgs):
            for entries in idx.values():
                entries.sort(key=lambda e: (-len(e.keys), e.adjective, PRIORITY[e.place.kind]))
        return gz

    def _add(
        self,
        place: Place,
        forms: Sequence[str],
        index: dict[str, FormKeys],
        missing: list[str],
        *,
        ambiguous: bool = False,
        ext: bool = False,
        trusted: bool = True,
    ) -> None:
        """Index every form of a record under the key of its first token."""
        self._by_name.setdefault((place.kind, place.name), place)
        target = self._orgs if place.kind == "ORGANIZATION" else self._places
        for form in forms:
            row = index.get(form)
            if row is None:
                row = index[form] = form_keys(form)
                missing.append(form)
            words, name_keys, place_key = row
            if not words:
                continue
            caps = tuple(w[:1].isupper() and not _is_code(w) for w in words)
            geo = not trusted and place.kind != "ORGANIZATION" and len(words) == 1 and not _is_code(words[0])
            keys = (place_key,) if geo else name_keys
            entry = _Entry(keys, caps, place, ambiguous=ambiguous and len(words) == 1, ext=ext, geo=geo)
            target.setdefault(keys[0], []).append(entry)

    # ------------------------------------------------------------------ matching
    def find(
        self, text: str, tokens: Sequence[tuple[int, int]], sentence_starts: Collection[int] = ()
    ) -> list[GazetteerHit]:
        """All gazetteer mentions of a document, longest match first; places inside organisations are kept."""
        words = [text[s:e] for s, e in tokens]
        starts = set(sentence_starts) if sentence_starts else _guess_sentence_starts(words)
        known = self._words
        rows = [known.get(w) or self._word_row(w) for w in words]
        keys = [row[0] for row in rows]
        glued = [i > 0 and not text[tokens[i - 1][1] : tokens[i][0]].strip() for i in range(len(tokens))]
        doc = _Doc(text, tokens, words, keys, glued, starts)
        hits: list[GazetteerHit] = []
        hyphenated = [i for i, word in enumerate(words) if "-" in word]  # where `_compound` may find parts
        for index in (self._orgs, self._places):
            names = index.keys()
            # most words start no name and have no hyphen: the scan visits only the others
            if index is self._places:
                may_start = sorted({i for i, row in enumerate(rows) if row[2]}.union(hyphenated))
            else:
                may_start = [i for i, row in enumerate(rows) if row[1]]
            i = 0
            for position in may_start:
                if position < i:  # inside a name found before
                    continue
                i = position
                if names.isdisjoint(keys[i][0]):
                    entry, length = None, 0
                else:
                    entry, length = self._match_at(doc, i, index, strict=True)
                if entry is None:
                    hits.extend(self._compound(doc, i) if index is self._places else ())
                    i += 1
                    continue
                place, end_tok = entry.place, i + length
                if entry.ext:
                    place, end_tok = self._extend(doc, entry.place, end_tok)
                    if NEST_EXTENDED and end_tok > i + length:  # NEREL marks "МИД" inside "МИД России" too
                        hits.append(GazetteerHit(tokens[i][0], tokens[i + length - 1][1], entry.place, False))
                hits.append(GazetteerHit(tokens[i][0], tokens[end_tok - 1][1], place, entry.adjective))
                i = end_tok
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits

    def _word_row(self, word: str) -> tuple[tuple[frozenset[str], frozenset[str]], bool, bool]:
        """A word's keys and whether one of them starts an organisation's or a place's name (kept)."""
        keys = _token_keys(word)
        if len(self._words) >= WORD_CACHE_SIZE:
            self._words.clear()
        row = self._words[word] = (
            keys,
            not self._orgs.keys().isdisjoint(keys[0]),
            not self._places.keys().isdisjoint(keys[0]),
        )
        return row

    def _match_at(
        self,
        doc: _Doc,
        i: int,
        index: dict[str, list[_Entry]],
        *,
        strict: bool,
        kinds: Collection[str] = KINDS,
    ) -> tuple[_Entry | None, int]:
        """Longest entry starting at token i (and its length in tokens), or (None, 0)."""
        best: _Entry | None = None
        n = len(doc.words)
        # sorted: a set's order changes with the process's hash seed, and the first of two equally long
        # entries wins ("Кирова": Киров, not Кирово, in every run)
        for key in sorted(doc.keys[i][0]):
            for e in index.get(key, ()):
                length = len(e.keys)
                if (
                    i + length > n
                    or (best is not None and length <= len(best.keys))
                    or e.place.kind not in kinds
                ):
                    continue
                if self._accepts(doc, i, e, strict=strict):
                    best = e
                    break  # entries are sorted longest and most preferred first
        return best, (len(best.keys) if best else 0)

    def _accepts(self, doc: _Doc, i: int, e: _Entry, *, strict: bool) -> bool:
        """Does entry e match the tokens from i on, under the capitalisation and context rules?"""
        for j, key in enumerate(e.keys):
            k = i + j
            if j and not doc.glued[k]:
                return False
            if key not in doc.keys[k][0]:
                return False
            if strict and e.caps[j] and not doc.words[k][:1].isupper():
                return False
        if e.geo and e.keys[0] not in doc.keys[i][1]:
            return False  # "Иванова" the surname is not a form of "Иваново"
        if not strict:
            return True
        if e.adjective:
            return self._adjective_ok(doc, i, e.place)
        if e.ambiguous or (e.geo and _maybe_not_place(doc.words[i])):
            return self._place_context(doc, i, e.place.kind)
        return True

    @staticmethod
    def _adjective_ok(doc: _Doc, i: int, place: Place) -> bool:
        """Country adjectives, except languages ("французский язык") and the first word of Russian and Soviet
        proper names mid-sentence ("Российская академия наук", "Советский Союз" is matched whole)."""
        nxt = i + 1
        if nxt < len(doc.words) and "язык" in doc.keys[nxt][0]:
            return False
        if (
            place.kind == "COUNTRY"
            and doc.words[i][:1].isupper()
            and i not in doc.starts
            and place.iso in (None, "RU")
        ):
            return False
        return True

    @staticmethod
    def _place_context(doc: _Doc, i: int, kind: str) -> bool:
        """Context that makes an ambiguous name a place: "город Мирный", "в Находке" mid-sentence, «Яблоко»."""
        prev = doc.words[i - 1].lower() if i > 0 else ""
        if kind == "ORGANIZATION":
            return prev in QUOTES or (i > 0 and doc.words[i - 1] in QUOTES)
        if prev in PLACE_WORDS or (prev == "." and i > 1 and doc.words[i - 2].lower() == "г"):
            return True
        if i > 0 and doc.keys[i - 1][0] & PLACE_VERBS:
            return _accusative_place(doc.words[i])
        return prev in PLACE_PREPOSITIONS and i not in doc.starts

    def _extend(self, doc: _Doc, org: Place, end_tok: int) -> tuple[Place, int]:
        """Stretch an organisation over a following country genitive: "МИД" + "Кыргызской Республики"."""
        if end_tok >= len(doc.words) or not doc.glued[end_tok]:
            return org, end_tok
        entry, length = self._match_at(doc, end_tok, self._places, strict=True, kinds=("COUNTRY",))
        if entry is None or entry.adjective:
            return org, end_tok
        tail = doc.text[doc.tokens[end_tok][0] : doc.tokens[end_tok + length - 1][1]]
        return Place(org.kind, f"{org.name} {tail}", entry.place.iso), end_tok + length

    def _compound(self, doc: _Doc, i: int) -> list[GazetteerHit]:
        """Country adjectives joined by hyphens ("кыргызско-казахстанский"): one hit per part."""
        word = doc.words[i]
        if "-" not in word or NON_RUSSIAN.search(word):
            return []
        parts = word.split("-")
        if len(parts) < 2 or not all(parts):
            return []
        hits = []
        offset = doc.tokens[i][0]
        for n, part in enumerate(parts):
            place = self._adjective_place(part, last=n == len(parts) - 1)
            if place is None:
                return []
            hits.append(GazetteerHit(offset, offset + len(part), place, True))
            offset += len(part) + 1
        return hits

    def _adjective_place(self, part: str, *, last: bool) -> Place | None:
        """The place of one part of a compound adjective ("российско" → Россия, "американского" → США)."""
        if last:
            cands = _adjective_lemma(part)
        else:
            low = _norm(part)
            cands = {COMPOUND_FIRST.get(low, "")}
            if low.endswith(("ско", "цко")):
                cands.add(low[:-1] + "ий")
            elif low.endswith("о"):
                cands.add(low[:-1] + "ский")
        for c in cands:
            if c in self._adjectives:
                return self._adjectives[c]
        return None

    # ------------------------------------------------------------------ normalisation
    def resolve(self, kind: str, text: str) -> Place | None:
        """Canonical record of a span found by someone else: "Кыргызской Республики" → COUNTRY Киргизия KG.

        Answers are kept (a document asks about the same names again and again, for up to three kinds).
        """
        key = (kind, text)
        if key in self._resolved:
            return self._resolved[key]
        if len(self._resolved) >= RESOLVED_CACHE_SIZE:
            self._resolved.clear()
        place = self._resolved[key] = self._resolve(kind, text)
        return place

    def _resolve(self, kind: str, text: str) -> Place | None:
        words = razdel_words(text.strip())
        while words and (words[0] in QUOTES or not any(c.isalnum() for c in words[0])):
            words.pop(0)
        while words and (words[-1] in QUOTES or not any(c.isalnum() for c in words[-1])):
            words.pop()
        if not words:
            return None
        joined = " ".join(words)
        toks, pos = [], 0
        for w in words:
            toks.append((pos, pos + len(w)))
            pos += len(w) + 1
        doc = _Doc(
            joined, toks, words, [_token_keys(w) for w in words], [i > 0 for i in range(len(words))], {0}
        )
        index = self._orgs if kind == "ORGANIZATION" else self._places
        entry, length = self._match_at(doc, 0, index, strict=False, kinds=(kind,))
        if entry is not None:
            place, end = self._extend(doc, entry.place, length) if entry.ext else (entry.place, length)
            if end == len(words):
                return place
        if kind != "ORGANIZATION" and len(words) == 1:
            hits = self._compound(doc, 0)
            if hits and hits[0].place.kind == kind:
                return hits[0].place
        return None


@dataclass(frozen=True, slots=True)
class _Doc:
    """Per-document token views shared by the matchers."""

    text: str
    tokens: Sequence[tuple[int, int]]
    words: list[str]
    keys: list[tuple[frozenset[str], frozenset[str]]]
    glued: list[bool]  # token i follows token i-1 with only spaces between
    starts: Collection[int]


def _guess_sentence_starts(words: Sequence[str]) -> set[int]:
    """Sentence-initial token indices when the caller gives none: after . ! ? … and at 0."""
    starts = {0}
    for i, w in enumerate(words[:-1]):
        if w in {".", "!", "?", "…", "?!", "!!!", "..."}:
            starts.add(i + 1)
    return starts


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, loaded on first use."""
    return Gazetteer.load()
