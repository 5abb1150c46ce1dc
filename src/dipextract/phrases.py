"""Noun phrases (posts, organisations, places) in the nominative: only the head and its agreeing modifiers change."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

from spacy.tokens import Token

from .morph import UD_TO_OPENCORPORA_CASE, parse
from .segments import doc_text

_NOUNS = {"NOUN", "PROPN"}
_MODIFIERS = {"ADJ", "DET", "NUM"}


def _restore_shape(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    caps = len(old) - len(old.lstrip("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"))
    if caps >= 2:  # an inflected abbreviation: "МИДа" -> "МИД"
        return new[:caps].upper() + new[caps:]
    if old[:1].isupper():
        parts = new.split("-")
        old_parts = old.split("-")
        return "-".join(
            (p[:1].upper() + p[1:]) if i < len(old_parts) and old_parts[i][:1].isupper() else p
            for i, p in enumerate(parts)
        )
    return new


def _inflect(word: _Word, pos_set: set[str], grammemes: set[str]) -> str:
    """The word in the requested form, from the pymorphy3 parse that agrees with the tagger's case."""
    case = UD_TO_OPENCORPORA_CASE.get(word.feats.get("Case", "").split(",")[0])
    number = "plur" if word.feats.get("Number") == "Plur" else "sing"
    return _inflected(word.text, case, number, frozenset(pos_set), frozenset(grammemes))


@functools.lru_cache(
    maxsize=50_000
)  # posts and organisations repeat; pymorphy3's inflect builds whole lexemes
def _inflected(
    word: str, case: str | None, number: str, pos_set: frozenset[str], grammemes: frozenset[str]
) -> str:
    for p in parse(word):
        if p.tag.POS not in pos_set:
            continue
        if case and p.tag.case != case:
            continue
        if p.tag.number and p.tag.number != number and "Pltm" not in p.tag and "Sgtm" not in p.tag:
            continue
        wanted = set(grammemes) | ({number} if number == "plur" or p.tag.number else set())
        form = p.inflect(wanted)
        if form is not None and "Supr" in p.tag:
            form = _same_stem(p, word, wanted) or form
        if form is not None:
            return _restore_shape(form.word, word)
    return word


def _same_stem(parsed: Any, word: str, wanted: set[str]) -> Any:
    """A superlative's form from its own stem: pymorphy3 files "высший" and "лучший" under "высокий" and
    "хороший", and `inflect` returns the lexeme's first superlative ("высочайший", "наихороший")."""
    lower = word.lower()

    def shared(form: Any) -> int:
        return next(
            (k for k, (a, b) in enumerate(zip(form.word, lower)) if a != b), min(len(form.word), len(lower))
        )

    keep = parsed.tag.grammemes & {"Supr", "Qual"}
    forms = [f for f in parsed.lexeme if wanted <= f.tag.grammemes and keep <= f.tag.grammemes]
    return max(forms, key=shared, default=None)


class _Word(NamedTuple):
    """What the nominative of a phrase depends on, per word: its text, POS and features."""

    text: str
    pos: str
    feats: dict[str, str]


def nominative_phrase(tokens: Sequence[Token]) -> str:
    """'Премьер-министром Республики Казахстан' -> 'Премьер-министр Республики Казахстан'."""
    words = [t for t in tokens if not t.is_space]
    if not words:
        return ""
    base = words[0].idx
    text = doc_text(words[0].doc)[base : words[-1].idx + len(words[-1])]
    return _nominative(text, tuple((t.idx - base, len(t), t.pos_, str(t.morph)) for t in words))


@functools.lru_cache(maxsize=20_000)  # posts and organisations repeat, within a text and across texts
def _nominative(text: str, words: tuple[tuple[int, int, str, str], ...]) -> str:
    """The phrase `text` in the nominative, given each word's (offset in it, length, POS, features)."""
    parsed = [
        _Word(text[start : start + length], pos, dict(f.split("=", 1) for f in feats.split("|") if "=" in f))
        for start, length, pos, feats in words
    ]
    head = next((i for i, w in enumerate(parsed) if w.pos in _NOUNS), None)
    out = [w.text for w in parsed]
    if head is not None and parsed[head].feats.get("Case", "Nom") != "Nom":
        head_word = parsed[head]
        out[head] = _inflect(head_word, {"NOUN"}, {"nomn"})
        gender = head_word.feats.get("Gender")
        adj_grammemes = {"nomn"}
        if head_word.feats.get("Number") == "Plur":
            adj_grammemes.add("plur")
        elif gender:
            adj_grammemes.add({"Masc": "masc", "Fem": "femn", "Neut": "neut"}[gender.split(",")[0]])
        for i in range(head):
            if parsed[i].pos in _MODIFIERS or parsed[i].pos == "VERB":
                out[i] = _inflect(parsed[i], {"ADJF", "PRTF", "NUMR"}, adj_grammemes)
    pieces = []
    for i, (start, length, _, _) in enumerate(words):
        pieces.append(out[i])
        if i + 1 < len(words):
            gap = text[start + length : words[i + 1][0]]
            pieces.append(" " if gap.strip() == "" and gap else gap)
    return "".join(pieces).strip()
