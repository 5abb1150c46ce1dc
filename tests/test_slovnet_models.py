"""Our flat-sequence runner of slovnet's CNN encoder gives the tags slovnet's own inference gives."""

from __future__ import annotations

import numpy as np
import pytest

from dipextract import slovnet_models

SENTENCES = [
    ["Сергей", "Лавров", "прибыл", "в", "Анкару", "."],
    ["Встреча", "состоится", "12", "июня", "2024", "года", "в", "Бишкеке", "."],
    ["Да", "!"],
    [
        "«",
        "Газпром",
        "»",
        "и",
        "CNPC",
        "подписали",
        "соглашение",
        "о",
        "поставках",
        "газа",
        "по",
        "маршруту",
        "Сила",
        "Сибири-2",
        "—",
        "сообщила",
        "пресс-служба",
        "компании",
        ".",
    ],
    ["Путин"],
    [
        "Премьер-министр",
        "Узбекистана",
        "Абдулла",
        "Арипов",
        "провёл",
        "переговоры",
        "с",
        "главой",
        "Кабмина",
        "Кыргызстана",
        ".",
    ],
]


def slovnet_tags(sentences: list[list[str]]) -> list[list[str]]:
    """slovnet's reference path: padded batches, its own encoder, model and decoder."""
    return slovnet_models._tag(slovnet_models.morph_model(), sentences)


def test_morph_tags_match_slovnet() -> None:
    names = slovnet_models.morph_model().infer.decoder.tags_vocab.items
    ours = [[names[i] for i in row.tolist()] for row in slovnet_models.morph_tag_ids(SENTENCES)]
    assert ours == slovnet_tags(SENTENCES)


@pytest.mark.parametrize("rows", [1, 5, 1000])
def test_first_layer_table_of_any_size(rows: int) -> None:
    """A table smaller than a batch's vocabulary (recomputed, or computed without it) changes nothing."""
    encoder = slovnet_models.FlatEncoder(slovnet_models.morph_model(), cache_rows=rows)
    reference, _ = slovnet_models.FlatEncoder(slovnet_models.morph_model(), cache_rows=1000)(SENTENCES)
    for _ in range(2):  # second pass: words come from the table
        x, starts = encoder(SENTENCES)
        assert x == pytest.approx(reference, abs=1e-4)
    assert starts.tolist()[:2] == [1, 1 + len(SENTENCES[0]) + 1]


def test_tag_morph_features() -> None:
    (row,) = slovnet_models.tag_morph([["Лавров", "прибыл"]])
    assert row[0][0] == "PROPN" and row[0][1]["Case"] == "Nom"
    assert row[1][0] == "VERB" and row[1][1]["Tense"] == "Past"


def test_empty_input() -> None:
    assert slovnet_models.morph_tag_ids([]) == []


def test_syntax_matches_slovnet() -> None:
    assert slovnet_models.parse_syntax(SENTENCES) == slovnet_models.parse_syntax_slovnet(SENTENCES)
    assert slovnet_models.parse_syntax([]) == []


def test_models_share_navecs_word_list() -> None:
    """The loader reuses navec's word index for the slovnet models: their own word lists must be navec's."""
    from slovnet import Morph, Syntax

    words = slovnet_models.navec().vocab.words
    for api, path in ((Morph, slovnet_models.NEWS_MORPH), (Syntax, slovnet_models.NEWS_SYNTAX)):
        assert api.load(path).infer.encoder.words_vocab.items == list(words)


@pytest.mark.parametrize("rows", [1, 7, 512])
def test_best_tags_by_blocks_match_one_product(rows: int) -> None:
    """Scoring a few rows at a time picks the tag one product over all rows picks."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((40, 16)).astype(np.float32)
    weight = rng.standard_normal((16, 30)).astype(np.float32)
    bias = rng.standard_normal(30).astype(np.float32)
    expected = (x @ weight + bias).argmax(-1)
    assert slovnet_models._best_tags(x, weight, bias, rows=rows).tolist() == expected.tolist()
    assert len(slovnet_models._best_tags(x[:0], weight, bias, rows=rows)) == 0
