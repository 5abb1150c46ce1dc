"""Country adjectives that name a person's nationality, not the state: "американский актёр", "польский композитор".

NEREL marks a country adjective as the COUNTRY when it stands for the state ("российские власти", "британский
премьер", "украинский боец") and as a NATIONALITY, outside the contract's types, when it describes a private
person by origin: artists, athletes, business people. Which is which follows the noun the adjective
qualifies; `data/nationality_heads.txt` lists the nouns NEREL train shows mostly with a NATIONALITY.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from .posts import load_lines

_BETWEEN_POS = frozenset({"ADJ", "DET", "NUM", "CCONJ"})  # "российский и американский астронавты"
_LOOK_AHEAD = 4


@functools.cache
def nationality_heads() -> frozenset[str]:
    """Lemmas of person nouns after which a country adjective is a nationality (learnt from NEREL train)."""
    return load_lines("nationality_heads.txt")


def adjective_head(doc: Doc, start: int, end: int) -> Token | None:
    """The noun the adjectives doc[start:end] qualify: the first noun within a few words after them, past
    other adjectives, numbers, "и" and commas; None when every token is not an adjective or no noun follows."""
    if end <= start or any(t.pos_ != "ADJ" for t in doc[start:end]):
        return None
    for token in doc[end : min(len(doc), end + _LOOK_AHEAD)]:
        if token.pos_ in ("NOUN", "PROPN"):
            return token
        if token.pos_ not in _BETWEEN_POS and token.text != ",":
            return None
    return None


def names_nationality(doc: Doc, start: int, end: int) -> bool:
    """Do the country adjectives doc[start:end] describe a person's nationality ("французский писатель")?"""
    head = adjective_head(doc, start, end)
    return head is not None and head.lemma_.lower() in nationality_heads()
