"""Noun phrases (posts, organisations, places) in the nominative: only the head and its agreeing modifiers change."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from spacy.tokens import Token

from .morph import parse
from .segments import doc_text

_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
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


def _inflect(token: Token, pos_set: set[str], grammemes: set[str]) -> str:
    """The word in the requested form, from the pymorphy3 parse that agrees with the tagger's case."""
    case = _CASES.get(token.morph.get("Case")[0] if token.morph.get("Case") else "")
    number = "plur" if token.morph.get("Number") == ["Plur"] else "sing"
    return _inflected(token.text, case, number, frozenset(pos_set), frozenset(grammemes))


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
        form = p.inflect(set(grammemes) | ({number} if number == "plur" or p.tag.number else set()))
        if form is not None:
            return _restore_shape(form.word, word)
    return word


def nominative_phrase(tokens: Sequence[Token]) -> str:
    """'Премьер-министром Республики Казахстан' -> 'Премьер-министр Республики Казахстан'."""
    words = [t for t in tokens if not t.is_space]
    if not words:
        return ""
    head = next((i for i, t in enumerate(words) if t.pos_ in _NOUNS), None)
    out = [t.text for t in words]
    if head is not None and words[head].morph.get("Case") not in (["Nom"], []):
        head_token = words[head]
        noun_form = _inflect(head_token, {"NOUN"}, {"nomn"})
        out[head] = noun_form
        gender = head_token.morph.get("Gender")
        adj_grammemes = {"nomn"}
        if head_token.morph.get("Number") == ["Plur"]:
            adj_grammemes.add("plur")
        elif gender:
            adj_grammemes.add({"Masc": "masc", "Fem": "femn", "Neut": "neut"}[gender[0]])
        for i in range(head):
            if words[i].pos_ in _MODIFIERS or words[i].pos_ == "VERB":
                out[i] = _inflect(words[i], {"ADJF", "PRTF", "NUMR"}, adj_grammemes)
    pieces = []
    for i, t in enumerate(words):
        pieces.append(out[i])
        if i + 1 < len(words):
            gap = doc_text(t.doc)[t.idx + len(t.text) : words[i + 1].idx]
            pieces.append(" " if gap.strip() == "" and gap else gap)
    return "".join(pieces).strip()
