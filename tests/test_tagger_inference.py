"""The tagger's inference path (word table, packed BiLSTM, packed Viterbi) gives the reference network's spans."""

from __future__ import annotations

import numpy as np
import pytest

from dipextract.tagging import NerelTagger, model

SENTENCES = [
    ["Министр", "иностранных", "дел", "России", "Сергей", "Лавров", "прибыл", "в", "Анкару", "."],
    [],
    ["Президент", "Киргизии", "Садыр", "Жапаров", "встретился", "с", "премьер-министром", "Казахстана", "."],
    ["В", "Бишкеке", "прошло", "заседание", "Межправительственного", "совета", "."],
    ["Путин"],
    ["«", "Газпром", "»", "и", "CNPC", "подписали", "соглашение", "."],
]


@pytest.fixture(scope="module")
def tagger() -> NerelTagger:
    return NerelTagger.load()


def reference(tagger: NerelTagger, sentences: list[list[str]]) -> list[list[tuple[int, int, str]]]:
    """The training-time network: padded features, `emissions`, `decode` (one sentence per batch)."""
    out = []
    for sent in sentences:
        if not sent:
            out.append([])
            continue
        feats = tagger.featurize([sent])
        out.extend(tagger.decode(tagger.emissions(feats), feats["lengths"]))
    return out


def test_inference_matches_reference(tagger: NerelTagger) -> None:
    expected = reference(tagger, SENTENCES)
    assert any(expected)
    assert tagger(SENTENCES) == expected
    assert tagger(SENTENCES[::-1]) == expected[::-1]  # second call: vectors from the table, other order


@pytest.mark.parametrize("rows", [3, 40])
def test_small_word_table(tagger: NerelTagger, rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = reference(tagger, SENTENCES)
    monkeypatch.setattr(model, "WORD_TABLE_ROWS", rows)
    small = NerelTagger(tagger.config, tagger.w, tagger.navec)
    for _ in range(2):
        assert small(SENTENCES) == expected


def test_spans_of_tags_matches_tags_to_spans() -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    heads = [("A", 0), ("B", 0), ("B", 1)]
    lengths = [5, 1, 7, 3]
    tags = rng.integers(0, 3, size=(sum(lengths), len(heads)))
    expected, start = [], 0
    for n in lengths:
        expected.append(model.tags_to_spans(tags[start : start + n], n, heads))
        start += n
    assert model.spans_of_tags(tags, lengths, heads) == expected


def test_char_vectors_match_a_per_word_convolution(tagger: NerelTagger) -> None:
    """The flat char CNN gives each word what a convolution over that word alone gives."""
    words = ["Бишкек", "и", "премьер-министр", "Жапаров", "МИД", "2024", "Алматы,"]
    feats = tagger.featurize([words])
    got = tagger._char_vectors(feats["chars"][0])
    w = tagger.w
    kernel, bias = w["char_conv_w"], w["char_conv_b"]  # (F,E,3), (F,)
    for row, ids in zip(got, feats["chars"][0]):
        emb = np.pad(w["char_emb"][ids[ids != 0]], ((1, 1), (0, 0)))  # BOW, chars, EOW with zero borders
        conv = [
            np.maximum(sum(kernel[:, :, j] @ emb[t + j] for j in range(3)) + bias, 0)
            for t in range(len(emb) - 2)
        ]
        np.testing.assert_allclose(row, np.max(conv, axis=0), rtol=1e-5, atol=1e-5)
    assert len({tuple(np.round(r, 3)) for r in got}) == len(words)  # the features tell the words apart


def test_packed_viterbi_matches_padded_viterbi_with_ties() -> None:
    """Random scores with many equal values (small integers): the packed Viterbi keeps the same first-best
    path as the padded reference, ties included."""
    rng = np.random.default_rng(3)
    heads = 4
    for _ in range(40):
        lengths = np.sort(rng.integers(1, 9, size=rng.integers(1, 6)))[::-1].copy()
        emissions = rng.integers(-2, 3, size=(len(lengths), int(lengths[0]), heads, 3)).astype(np.float32)
        trans = rng.integers(-2, 3, size=(heads, 3, 3)).astype(np.float32)
        start = rng.integers(-2, 3, size=(heads, 3)).astype(np.float32)
        end = rng.integers(-2, 3, size=(heads, 3)).astype(np.float32)
        padded = model.viterbi(emissions, lengths, trans, start, end)
        active = model._active(lengths)
        order = model._packed_order(lengths, False)
        flat = np.concatenate([emissions[b, : lengths[b]] for b in range(len(lengths))])
        packed = np.empty((len(flat), heads), dtype=np.int64)
        packed[order] = model.viterbi_packed(flat[order], active, trans, start, end)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        for b, length in enumerate(lengths.tolist()):
            assert np.array_equal(packed[starts[b] : starts[b] + length], padded[b, :length])


@pytest.mark.parametrize(
    "token",
    [
        "министр",
        "Москва",
        "МИД",
        "Ё",
        "ёлка",
        "Xi",
        "XXI",
        "iPhone",
        "NATO",
        "McDonald",
        "ООНовский",
        "ТАСС-Урал",
        "2024",
        "5-го",
        "İstanbul",
        "ǅemal",
        "Kelvin",
        "سلام",
        "a",
        "Б",
        "Путин,",
        "xI",
        "МосГаз",
    ],
)
def test_word_shape_fast_path_matches_the_character_walk(token: str) -> None:
    """One regular-expression match gives the shape of plain words; every token keeps its shape."""
    assert model.word_shape(token) == model._word_shape_by_characters(token)


def test_featurize_places_each_words_characters(tagger: NerelTagger) -> None:
    """The character grid is filled in one assignment: each word's row holds BOW, its characters, EOW."""
    words = ["Бишкек", "и", "премьер-министр", "Жапаров", "МИД", "а" * 30]
    grid = tagger.featurize([words])["chars"][0]
    for row, word in zip(grid, words):
        clipped = model.clip_chars(word)
        expected = [model.BOW] + [tagger.char_index.get(ch, model.UNK) for ch in clipped] + [model.EOW]
        assert row[: len(expected)].tolist() == expected
        assert not row[len(expected) :].any()
