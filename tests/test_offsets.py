"""Character ranges become the same spans as spaCy's `char_span(alignment_mode="expand")` gives."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from dipextract.api import load
from dipextract.offsets import char_span, token_range

TEXTS = [
    "Президент Киргизии Садыр Жапаров 5 июня прибыл в Алматы.",
    "  В  Бишкеке\n\nпрошла встреча  ",
    "",
    "Министр иностранных дел России Сергей Лавров (МИД РФ) — о визите.\n",
]


def _same(text: str, ranges: list[tuple[int, int]]) -> None:
    doc = load().make_doc(text)
    for start, end in ranges:
        theirs = doc.char_span(start, end, label="X", alignment_mode="expand")
        ours = char_span(doc, start, end, label="X")
        indices = token_range(doc, start, end)
        if theirs is None:
            assert ours is None and indices is None, (text, start, end)
        else:
            assert ours is not None and (ours.start, ours.end, ours.label_) == (theirs.start, theirs.end, "X")
            assert indices == (theirs.start, theirs.end)


def test_every_range_of_real_sentences() -> None:
    for text in TEXTS:
        ranges = [(s, e) for s in range(-1, len(text) + 2) for e in range(s, len(text) + 2)]
        _same(text, ranges)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("аб ВГ.\n\t-«»5,")), max_size=40), st.randoms())
def test_random_texts_and_ranges(text: str, rnd: random.Random) -> None:
    ranges = [(rnd.randint(-2, len(text) + 2), rnd.randint(-2, len(text) + 2)) for _ in range(30)]
    _same(text, [(s, e) for s, e in ranges if s <= e])
