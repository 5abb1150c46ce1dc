"""The one pymorphy3 analyzer of the process, with cached look-ups."""

from __future__ import annotations

import functools

import pymorphy3
from pymorphy3.analyzer import Parse

# Universal Dependencies case (the morphology tagger's) -> OpenCorpora case (pymorphy3's), and back
UD_TO_OPENCORPORA_CASE = {
    "Nom": "nomn",
    "Gen": "gent",
    "Dat": "datv",
    "Acc": "accs",
    "Ins": "ablt",
    "Loc": "loct",
}
OPENCORPORA_TO_UD_CASE = {v: k for k, v in UD_TO_OPENCORPORA_CASE.items()}


@functools.cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """Build the analyzer once: loading its dictionaries takes ~0.3 s and 15 MB."""
    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=15_000)  # parses are heavy (~2 KB each, unknown words many times that)
def parse(word: str) -> tuple[Parse, ...]:
    """All pymorphy3 parses of a word, most probable first (cached: news repeats words)."""
    try:
        return tuple(analyzer().parse(word))
    except ValueError:
        return ()  # pymorphy3 asks unicodedata.name() of letters that have none (Tangut "𗍒"): unknown word


@functools.lru_cache(maxsize=60_000)
def lemma(word: str) -> str:
    """Context-free lemma (lower case) of the most probable parse."""
    parses = parse(word)
    return parses[0].normal_form if parses else word.lower()


@functools.lru_cache(maxsize=4096)
def tag_info(tag: object) -> tuple[str | None, frozenset[str]]:
    """(OpenCorpora POS, grammemes) of a pymorphy3 tag, read once per distinct tag."""
    return tag.POS, frozenset(tag.grammemes)  # type: ignore[attr-defined]


# A parse from the dictionary: (the word as the dictionary spells it, paradigm id, form index, tag id).
KnownParse = tuple[str, int, int, int]


class Dictionary:
    """pymorphy3's dictionary read directly, for the words it knows.

    For such a word `MorphAnalyzer.parse` returns exactly the dictionary's parses, ordered by P(tag|word)
    (a stable sort, most probable first), but it builds every normal form and a `Parse` object on the
    way. Choosing a lemma or a gazetteer key needs the tags and a normal form or two: reading them here
    costs half as much, and news words are mostly known ones.
    """

    def __init__(self) -> None:
        morph = analyzer()
        self._similar = morph.dictionary.words.similar_items
        self._substitutes = morph.char_substitutes
        self._paradigms = morph.dictionary.paradigms
        self._gramtab = morph.dictionary.gramtab
        self._build_normal_form = morph.dictionary.build_normal_form
        self._prob = morph.prob_estimator.p_t_given_w.prob
        self._info: dict[int, tuple[str | None, frozenset[str]]] = {}
        # a lone capital letter is also read as an initial by the analyzer's next units
        self._initials = frozenset().union(*(getattr(u.analyzer, "letters", "") for u in morph._units[:3]))

    def entries(self, word: str) -> list[KnownParse] | None:
        """The dictionary's parses of a word in the dictionary's own order; None when it does not know it.

        Ordering them as `MorphAnalyzer.parse` does costs a probability look-up per parse: `parses` does
        it, and callers that need the order of a few parses only (`probability`) skip the rest.
        """
        if word in self._initials:
            return None
        lower = word.lower()
        paradigms = self._paradigms
        found = []
        for fixed, pairs in self._similar(lower, self._substitutes):
            for para_id, idx in pairs:
                paradigm = paradigms[para_id]
                found.append((fixed, para_id, idx, paradigm[len(paradigm) // 3 + idx]))
        return found or None

    def parses(self, word: str) -> list[KnownParse] | None:
        """The dictionary's parses of a word in `MorphAnalyzer.parse`'s order (most probable first, a
        stable sort; the dictionary's order when no probability is known); None when it does not know it."""
        found = self.entries(word)
        if found is None or len(found) < 2:  # nothing to order
            return found
        probs = [self.probability(word, entry) for entry in found]
        if sum(probs) == 0:
            return found
        return [found[i] for i in sorted(range(len(found)), key=probs.__getitem__, reverse=True)]

    def probability(self, word: str, entry: KnownParse) -> float:
        """P(tag | word), by which `MorphAnalyzer.parse` orders a word's parses."""
        return self._prob(word.lower(), self._gramtab[entry[3]])  # type: ignore[no-any-return]

    def info(self, tag_id: int) -> tuple[str | None, frozenset[str]]:
        """(OpenCorpora POS, grammemes) of a tag id, read once per tag."""
        known = self._info.get(tag_id)
        if known is None:
            known = self._info[tag_id] = tag_info(self._gramtab[tag_id])
        return known

    def normal_form(self, entry: KnownParse) -> str:
        return self._build_normal_form(entry[1], entry[2], entry[0])


@functools.cache
def dictionary() -> Dictionary:
    return Dictionary()


@functools.lru_cache(maxsize=20_000)
def known_parses(word: str) -> list[KnownParse] | None:
    """`Dictionary.entries` (the dictionary's order, not the analyzer's), cached: the morphology and the
    gazetteer both ask for each new word."""
    return dictionary().entries(word)
