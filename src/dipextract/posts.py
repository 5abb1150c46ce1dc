"""A rule grammar for posts: a post head noun with its modifiers and genitive dependents (fallback to the tagger)."""

from __future__ import annotations

import functools
from collections.abc import Collection
from importlib import resources

from spacy.tokens import Doc, Token

from .morph import parse
from .morph_features import feature

_DEPENDENT_POS = {"NOUN", "PROPN", "ADJ", "DET", "NUM"}
_PREFIX_ADJ_LEMMAS = {
    "генеральный",
    "первый",
    "главный",
    "государственный",
    "федеральный",
    "исполнительный",
    "верховный",
    "специальный",
    "постоянный",
    "чрезвычайный",
    "полномочный",
    "временный",
    "бывший",
    "новый",
    "действующий",
}


def load_lines(name: str) -> frozenset[str]:
    """A data file of one entry per line, '#' comments and blanks skipped."""
    text = resources.files("dipextract.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@functools.cache
def document_heads() -> frozenset[str]:
    """Lemmas that head a document's name ("соглашение", "программа"), never an organisation's."""
    return load_lines("document_heads.txt")


@functools.cache
def post_heads() -> frozenset[str]:
    return load_lines("post_heads.txt")


@functools.cache
def post_descriptors() -> frozenset[str]:
    return load_lines("post_descriptors.txt")


@functools.cache
def apposition_posts() -> frozenset[str]:
    """Nouns that, right before a name, are its post ("тренер Слуцкий"): learnt from NEREL train."""
    return load_lines("apposition_posts.txt")


@functools.cache
def national_posts() -> frozenset[str]:
    return load_lines("national_posts.txt")


# Generic place and body nouns take a name in apposition: "Республики Казахстан", "штата Техас".
@functools.cache
def region_nouns() -> frozenset[str]:
    return load_lines("region_nouns.txt")


def _is_genitive_dependent(token: Token) -> bool:
    if token.pos_ not in _DEPENDENT_POS:
        return False
    if token.pos_ == "PROPN" and any("Name" in p.tag for p in parse(token.text)[:2]):
        return False  # a given name starts the holder's name: "… Республики Акылбек Жапаров"
    if token.pos_ == "PROPN" and token.i > 0 and token.doc[token.i - 1].lemma_ in region_nouns():
        return True
    if token.pos_ == "PROPN" and token.text.isupper():
        return True  # МИД, РФ, ООН: abbreviations do not inflect
    return feature(token, "Case") == ["Gen"]


def find_posts(doc: Doc, blocked: Collection[int] = ()) -> list[tuple[int, int]]:
    """Token spans (start, end) of post mentions; tokens in `blocked` (person names) end a post."""
    heads = post_heads()
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(doc)
    while i < n:
        token = doc[i]
        if token.i in blocked or token.lemma_ not in heads or token.pos_ not in ("NOUN", "PROPN"):
            i += 1
            continue
        start = i
        while start > 0 and doc[start - 1].pos_ == "ADJ" and doc[start - 1].lemma_ in _PREFIX_ADJ_LEMMAS:
            start -= 1
        end = i + 1
        while end < n and end not in blocked and not doc[end].is_space and _is_genitive_dependent(doc[end]):
            if doc[end].is_sent_start:
                break
            end += 1
        # a post never ends on an adjective: "министр иностранных" without "дел" is cut back
        while end - 1 > i and doc[end - 1].pos_ in ("ADJ", "DET", "NUM"):
            end -= 1
        spans.append((start, end))
        i = end
    return spans
