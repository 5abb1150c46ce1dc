"""Tests for the shipped NEREL tagger: it loads without torch, tags a known sentence, and keeps API shapes."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

try:
    import dipextract.tagging  # noqa: F401
except ImportError:  # running from a source checkout without an install
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "src"))

import razdel

from dipextract.tagging import LABELS, NerelTagger
from dipextract.tagging.model import DEFAULT_MODEL_DIR


@pytest.fixture(scope="module")
def tagger() -> NerelTagger:
    """Load once: navec decoding and weights take about a second."""
    return NerelTagger.load()


def tokens(text: str) -> list[str]:
    """razdel tokens, as the product pipeline produces them."""
    return [t.text for t in razdel.tokenize(text)]


def surface(sent: list[str], spans: list[tuple[int, int, str]], label: str) -> list[str]:
    """Space-joined token strings of the spans carrying a label."""
    return [" ".join(sent[a:b]) for a, b, lab in spans if lab == label]


def test_model_files_are_small() -> None:
    """Shipped model must stay within the wheel budget."""
    total = sum(p.stat().st_size for p in DEFAULT_MODEL_DIR.iterdir() if p.is_file())
    assert (DEFAULT_MODEL_DIR / "weights.npz").exists()
    assert total <= 30 * 1024 * 1024


def test_inference_does_not_import_torch() -> None:
    """Inference is numpy-only; torch is a training-only dependency (checked in a clean interpreter)."""
    src = str(pathlib.Path(__file__).resolve().parent.parent / "src")
    code = (
        f"import sys; sys.path.insert(0, {src!r}); from dipextract.tagging import NerelTagger; "
        "NerelTagger.load()([['Путин', 'прилетел', 'в', 'Москву', '.']]); "
        "assert 'torch' not in sys.modules, 'torch imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_known_sentence(tagger: NerelTagger) -> None:
    """A plain diplomatic-news sentence gets the obvious mentions, nested ones included."""
    sent = tokens("Президент России Владимир Путин провёл переговоры с канцлером Германии в Берлине.")
    (spans,) = tagger([sent])
    assert "Владимир Путин" in surface(sent, spans, "PERSON")
    assert any("Президент" in s for s in surface(sent, spans, "POST"))
    assert "России" in surface(sent, spans, "COUNTRY")
    assert "Германии" in surface(sent, spans, "COUNTRY")
    assert "Берлине" in surface(sent, spans, "CITY")


def test_organization_and_region(tagger: NerelTagger) -> None:
    """Organisations and regions are tagged too."""
    sent = tokens(
        "Министерство иностранных дел России сообщило, что губернатор Московской области прибыл в Минск."
    )
    (spans,) = tagger([sent])
    assert any("Министерство" in s for s in surface(sent, spans, "ORGANIZATION"))
    assert any("Московской области" in s for s in surface(sent, spans, "REGION"))
    assert "Минск" in surface(sent, spans, "CITY")


def test_empty_inputs(tagger: NerelTagger) -> None:
    """Empty batch and empty sentences are valid input."""
    assert tagger([]) == []
    assert tagger([[]]) == [[]]
    out = tagger([[], tokens("Путин в Москве."), []])
    assert len(out) == 3 and out[0] == [] and out[2] == []


def test_span_shapes_and_order(tagger: NerelTagger) -> None:
    """Spans are in-bounds, non-empty, labelled from the six labels; batch order is kept."""
    sents = [
        tokens("Сергей Лавров встретился с Энтони Блинкеном в Женеве."),
        ["Да", "."],
        tokens("Глава МИД Франции прибыл в Пекин по приглашению председателя КНР Си Цзиньпина."),
    ]
    out = tagger(sents)
    assert len(out) == len(sents)
    for sent, spans in zip(sents, out):
        for a, b, lab in spans:
            assert 0 <= a < b <= len(sent)
            assert lab in LABELS
    assert any(lab == "PERSON" for _, _, lab in out[0])
    assert out[1] == []


def test_long_sentence_and_batching(tagger: NerelTagger) -> None:
    """A very long sentence and a batch larger than the internal batch size give consistent results."""
    base = tokens("Президент Франции Эмманюэль Макрон посетил Москву, ")
    long = base * 40
    (spans,) = tagger([long])
    assert all(0 <= a < b <= len(long) for a, b, _ in spans)
    assert sum(lab == "CITY" for _, _, lab in spans) >= 30
    short = tokens("Путин прибыл в Казань.")
    many = tagger([short] * 150 + [long])
    assert len(many) == 151 and all(m == many[0] for m in many[:150])
    assert many[150] == spans
