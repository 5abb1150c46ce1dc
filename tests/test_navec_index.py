"""navec's word index by binary search gives the ids a dict of its word list gives."""

from __future__ import annotations

import numpy as np
import pytest

from dipextract.navec_index import Lines, QuantizedVectors, SortedIndex, Words
from dipextract.slovnet_models import navec


def test_sorted_index_finds_every_word_and_nothing_else() -> None:
    words = ["a", "b-c", "москва", "москвой", "ёж", "<unk>", "<pad>"]
    lines = Lines("\n".join(words).encode("utf-8"))
    index = SortedIndex(lines, unsorted_tail=("<unk>", "<pad>"))
    assert [index.get(w) for w in words] == list(range(len(words)))
    assert index.get("москв") is None and index.get("zz", -1) == -1 and "ёжик" not in index
    assert index["москвой"] == 3 and list(index) == words and len(index) == len(words)
    with pytest.raises(KeyError):
        index["Москва"]  # look-ups are exact: callers lower-case first


def test_a_final_line_end_opens_no_empty_word() -> None:
    assert list(Words(Lines(b"a\nb\n"))) == ["a", "b"]


def test_a_word_list_laid_out_otherwise_is_refused() -> None:
    with pytest.raises(ValueError, match="does not end with"):
        SortedIndex(Lines(b"a\nb\n<pad>\n<unk>"), unsorted_tail=("<unk>", "<pad>"))


def test_navec_words_are_sorted_and_map_to_their_ids() -> None:
    vocab = navec().vocab
    words = list(vocab.words)
    encoded = [w.encode("utf-8") for w in words[:-2]]
    assert all(a < b for a, b in zip(encoded, encoded[1:]))  # what the binary search relies on
    assert words[-2:] == ["<unk>", "<pad>"] and (vocab.unk_id, vocab.pad_id) == (
        len(words) - 2,
        len(words) - 1,
    )
    for i in range(0, len(words), 997):
        assert vocab.word_ids.get(words[i]) == i
    assert words[vocab.word_ids["бишкек"]] == "бишкек"
    assert vocab.word_ids.get("бишкекщина") is None


def test_quantized_vectors_decode_as_navec_does() -> None:
    pq = navec().pq
    decode = QuantizedVectors(pq.indexes, pq.codes)
    ids = np.array([0, 1, 17, 12_345, len(pq.indexes) - 1])
    expected = pq.codes[np.arange(pq.qdim), pq.indexes[ids]].reshape(len(ids), -1)
    assert decode.dim == pq.dim == expected.shape[1]
    assert np.array_equal(decode(ids), expected)
    word = navec().vocab.word_ids["москва"]
    assert np.array_equal(decode([word])[0], navec().get("москва"))
