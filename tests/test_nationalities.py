"""Which noun a country adjective qualifies, and the learnt list of nouns that make it a nationality."""

from __future__ import annotations

import pytest

from dipextract.api import load
from dipextract.nationalities import adjective_head, names_nationality, nationality_heads


def _doc(text: str):  # type: ignore[no-untyped-def]
    return load()(text)


@pytest.mark.parametrize(
    ("text", "start", "end", "head"),
    [
        ("Американскому актёру вручили премию.", 0, 1, "актёру"),
        ("Российский и американский астронавты вышли в открытый космос.", 0, 1, "астронавты"),
        ("Российский и американский астронавты вышли в открытый космос.", 2, 3, "астронавты"),
        ("Французская теннисистка вышла в финал.", 0, 1, "теннисистка"),
    ],
)
def test_adjective_head(text: str, start: int, end: int, head: str) -> None:
    found = adjective_head(_doc(text), start, end)
    assert found is not None and found.text == head


def test_no_head_for_a_noun_or_without_a_noun_after() -> None:
    doc = _doc("Россия и Китай подписали договор.")
    assert adjective_head(doc, 0, 1) is None  # "Россия" is no adjective
    doc = _doc("Он назвал это решение российским.")
    assert adjective_head(doc, 4, 5) is None  # nothing after it


def test_learnt_heads_are_private_persons_not_state_roles() -> None:
    heads = nationality_heads()
    assert {"актёр", "писатель", "певица", "теннисист"} <= heads
    assert not {"президент", "премьер", "гражданин", "боец", "власть"} & heads


def test_names_nationality() -> None:
    doc = _doc("Известный польский композитор и российский министр встретились.")
    assert names_nationality(doc, 1, 2)  # "польский композитор"
    assert not names_nationality(doc, 5, 6)  # "российский министр"
