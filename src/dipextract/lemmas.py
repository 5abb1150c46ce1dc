"""Lemmas from pymorphy3, choosing the parse that agrees with the tagger's POS and features."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .morph import analyzer, parse

# UD POS -> the OpenCorpora POS tags that may stand for it.
_UD_TO_OC: dict[str, frozenset[str]] = {
    "NOUN": frozenset({"NOUN"}),
    "PROPN": frozenset({"NOUN"}),
    "ADJ": frozenset({"ADJF", "ADJS", "COMP"}),
    "VERB": frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"}),
    "AUX": frozenset({"VERB", "INFN"}),
    "ADV": frozenset({"ADVB", "COMP", "PRED"}),
    "NUM": frozenset({"NUMR", "ADJF"}),
    "PRON": frozenset({"NPRO"}),
    "DET": frozenset({"ADJF", "NPRO"}),
    "ADP": frozenset({"PREP"}),
    "CCONJ": frozenset({"CONJ"}),
    "SCONJ": frozenset({"CONJ"}),
    "PART": frozenset({"PRCL"}),
    "INTJ": frozenset({"INTJ"}),
}
_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_NUMBERS = {"Sing": "sing", "Plur": "plur"}
_GENDERS = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}


_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})


@functools.lru_cache(maxsize=4096)
def _tag_info(tag: object) -> tuple[str | None, frozenset[str]]:
    """(OpenCorpora POS, grammemes) of a pymorphy3 tag, read once per distinct tag."""
    return tag.POS, frozenset(tag.grammemes)  # type: ignore[attr-defined]


class _Dictionary:
    """pymorphy3's dictionary read directly, for the words it knows.

    `MorphAnalyzer.parse` builds every parse's normal form and a `Parse` object and asks its other
    analyzer units; a word the dictionary knows gets only the dictionary's parses, ordered by P(tag|word)
    (the same order: a stable sort, most probable first). Choosing a lemma needs each parse's tag and one
    normal form, so this builds just those: half the cost of a new word.
    """

    def __init__(self) -> None:
        morph = analyzer()
        words = morph.dictionary.words
        self._similar: Callable[..., list[tuple[str, Any]]] = words.similar_items
        self._substitutes = morph.char_substitutes
        self._paradigms = morph.dictionary.paradigms
        self._gramtab = morph.dictionary.gramtab
        self._normal_form = morph.dictionary.build_normal_form
        self._prob = morph.prob_estimator.p_t_given_w.prob
        self._info: dict[int, tuple[str | None, frozenset[str]]] = {}  # tag id -> (POS, grammemes)
        # lone capital letters are also read as initials by pymorphy3's next units
        self._initials = frozenset(morph._units[1].analyzer.letters) | frozenset(
            morph._units[2].analyzer.letters
        )

    def parses(self, word: str) -> list[tuple[str, int, int, int]] | None:
        """(fixed word, paradigm, form index, tag id) per parse, in pymorphy3's order; None if unknown."""
        if word in self._initials:
            return None
        lower = word.lower()
        found = [
            (fixed, para_id, idx, self._tag_id(para_id, idx))
            for fixed, pairs in self._similar(lower, self._substitutes)
            for para_id, idx in pairs
        ]
        if not found:
            return None
        probs = [self._prob(lower, self._gramtab[entry[3]]) for entry in found]
        if sum(probs) == 0:
            return found
        order = sorted(range(len(found)), key=probs.__getitem__, reverse=True)
        return [found[i] for i in order]

    def _tag_id(self, para_id: int, idx: int) -> int:
        paradigm = self._paradigms[para_id]
        return paradigm[len(paradigm) // 3 + idx]

    def info(self, tag_id: int) -> tuple[str | None, frozenset[str]]:
        """(OpenCorpora POS, grammemes) of a tag id."""
        known = self._info.get(tag_id)
        if known is None:
            known = self._info[tag_id] = _tag_info(self._gramtab[tag_id])
        return known

    def normal_form(self, fixed: str, para_id: int, idx: int) -> str:
        return self._normal_form(para_id, idx, fixed)


@functools.cache
def _dictionary() -> _Dictionary:
    return _Dictionary()


@functools.lru_cache(maxsize=200_000)
def choose_lemma(
    word: str, pos: str, case: str | None = None, number: str | None = None, gender: str | None = None
) -> str:
    """The lemma of the pymorphy3 parse that best matches the tagged POS, case, number and gender."""
    if not any(ch.isalpha() for ch in word):
        return word
    wanted_pos = _UD_TO_OC.get(pos)
    wanted = {_CASES.get(case or ""), _NUMBERS.get(number or ""), _GENDERS.get(gender or "")} - {None}
    proper = pos == "PROPN"
    dictionary = _dictionary()
    known = _known_parses(word)
    if known is not None:
        best = _best(known, lambda entry: dictionary.info(entry[3]), wanted_pos, wanted, proper)
        lemma = dictionary.normal_form(best[0], best[1], best[2])
    else:
        lemma = _lemma_by_parses(word, wanted_pos, wanted, proper)
    if lemma.replace("ё", "е") == word.lower().replace("ё", "е"):
        return word.lower()
    return lemma


@functools.lru_cache(maxsize=20_000)
def _known_parses(word: str) -> list[tuple[str, int, int, int]] | None:
    """`_Dictionary.parses`, kept for the words that come back with another tag (a quarter of new keys)."""
    return _dictionary().parses(word)


def _lemma_by_parses(
    word: str, wanted_pos: frozenset[str] | None, wanted: set[str | None], proper: bool
) -> str:
    """The same choice over pymorphy3's full analysis: for words its dictionary does not know."""
    parses = parse(word)
    if not parses:
        return word.lower()
    return _best(parses, lambda p: _tag_info(p.tag), wanted_pos, wanted, proper).normal_form


def _best(
    parses: list[Any] | tuple[Any, ...],
    info: Callable[[Any], tuple[str | None, frozenset[str]]],
    wanted_pos: frozenset[str] | None,
    wanted: set[str | None],
    proper: bool,
) -> Any:
    """The parse scoring highest: POS agreement 4, a name grammeme for PROPN 1, one per agreeing feature,
    earlier (more probable) parses winning ties."""
    best, best_score = parses[0], -1.0
    for rank, p in enumerate(parses):
        tag_pos, grammemes = info(p)
        score = 0.0
        if wanted_pos is not None and tag_pos in wanted_pos:
            score += 4
        if proper and not _NAME_GRAMMEMES.isdisjoint(grammemes):
            score += 1
        score += len(grammemes.intersection(wanted))
        score -= rank * 0.01
        if score > best_score:
            best, best_score = p, score
    return best
