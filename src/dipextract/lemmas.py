"""Lemmas from pymorphy3, choosing the parse that agrees with the tagger's POS and features."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .morph import UD_TO_OPENCORPORA_CASE, KnownParse, dictionary, known_parses, parse, tag_info

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
_NUMBERS = {"Sing": "sing", "Plur": "plur"}
_GENDERS = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}


_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn"})


@functools.lru_cache(maxsize=60_000)
def choose_lemma(
    word: str, pos: str, case: str | None = None, number: str | None = None, gender: str | None = None
) -> str:
    """The lemma of the pymorphy3 parse that best matches the tagged POS, case, number and gender."""
    if not word.isalpha() and not any(ch.isalpha() for ch in word):  # most words: one call
        return word
    wanted_pos = _UD_TO_OC.get(pos)
    wanted = {
        UD_TO_OPENCORPORA_CASE.get(case or ""),
        _NUMBERS.get(number or ""),
        _GENDERS.get(gender or ""),
    } - {None}
    proper = pos == "PROPN"
    known = known_parses(word)
    if known is not None:  # most words: read from the dictionary, without building every parse
        lemma = dictionary().normal_form(_best_known(word, known, wanted_pos, wanted, proper))
    else:
        lemma = _lemma_by_parses(word, wanted_pos, wanted, proper)
    if lemma.replace("ё", "е") == word.lower().replace("ё", "е"):
        return word.lower()
    return lemma


def _lemma_by_parses(
    word: str, wanted_pos: frozenset[str] | None, wanted: set[str | None], proper: bool
) -> str:
    """The same choice over pymorphy3's full analysis: for words its dictionary does not know."""
    parses = parse(word)
    if not parses:
        return word.lower()
    return _best(parses, lambda p: tag_info(p.tag), wanted_pos, wanted, proper).normal_form


def _best_known(
    word: str,
    entries: list[KnownParse],
    wanted_pos: frozenset[str] | None,
    wanted: set[str | None],
    proper: bool,
) -> KnownParse:
    """`_best` over the dictionary's parses of a word, given in the dictionary's order: the highest score
    wins, and only a tie asks which parse `MorphAnalyzer.parse` would put first (the more probable one,
    the earlier one when equally probable) — most words never need the probabilities."""
    words = dictionary()
    if len(entries) >= 100:  # `_best`'s rank penalty could outweigh a point of agreement: keep its rule
        ordered = words.parses(word) or entries
        return _best(ordered, lambda entry: words.info(entry[3]), wanted_pos, wanted, proper)  # type: ignore[no-any-return]
    scores = [_score(*words.info(entry[3]), wanted_pos, wanted, proper) for entry in entries]
    top = max(scores)
    tied = [entry for entry, score in zip(entries, scores) if score == top]
    if len(tied) == 1:
        return tied[0]
    probs = [words.probability(word, entry) for entry in tied]
    return tied[probs.index(max(probs))]


def _score(
    tag_pos: str | None,
    grammemes: frozenset[str],
    wanted_pos: frozenset[str] | None,
    wanted: set[str | None],
    proper: bool,
) -> int:
    """POS agreement 4, a name grammeme for PROPN 1, one per agreeing feature."""
    score = 0
    if wanted_pos is not None and tag_pos in wanted_pos:
        score += 4
    if proper and not _NAME_GRAMMEMES.isdisjoint(grammemes):
        score += 1
    return score + len(grammemes.intersection(wanted))


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
        score = _score(*info(p), wanted_pos, wanted, proper) - rank * 0.01
        if score > best_score:
            best, best_score = p, score
    return best
