"""A token's morphological features, read once per distinct analysis.

`Token.morph.get(field)` parses the analysis into new objects at every call (~2.5 µs); the rules ask it
hundreds of thousands of times over a few hundred distinct analyses. Here each analysis is split into its
fields once, by its hash.
"""

from __future__ import annotations

from spacy.strings import StringStore
from spacy.tokens import Token

_CACHE_SIZE = 4096  # distinct analyses kept (the morphology tagger has ~750 tags)
_FIELDS: dict[int, dict[str, list[str]]] = {}
_NONE: list[str] = []


def fields(key: int, strings: StringStore) -> dict[str, list[str]]:
    """Field -> values of the analysis whose hash is `key` ("Case=Gen|Number=Sing"; 0 is no analysis)."""
    found = _FIELDS.get(key)
    if found is None:
        if len(_FIELDS) >= _CACHE_SIZE:
            _FIELDS.clear()
        parts = (part.partition("=") for part in (strings[key] if key else "").split("|"))
        found = _FIELDS[key] = {name: values.split(",") for name, _, values in parts if values}
    return found


def feature(token: Token, field: str) -> list[str]:
    """`token.morph.get(field)`: the field's values, [] without it. The list is shared: do not change it."""
    return fields(token.morph.key, token.vocab.strings).get(field, _NONE)
