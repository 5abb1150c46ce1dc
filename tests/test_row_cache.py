"""The per-word vector table computes each word once while it fits, and keeps the most used ones."""

from __future__ import annotations

import random

import numpy as np

from dipextract.row_cache import RowCache


def _vectors(keys: list[int]) -> np.ndarray:
    return np.array([[k, k * 2.0] for k in keys], dtype=np.float32)


def test_rows_hold_each_keys_vector_across_evictions() -> None:
    cache: RowCache[int] = RowCache(capacity=30)
    computed: list[int] = []

    def compute(keys: list[int]) -> np.ndarray:
        computed.extend(keys)
        return _vectors(keys)

    rnd = random.Random(7)
    for step in range(200):
        if step == 20:  # by now the frequent words have the most uses
            computed.clear()
        batch = [rnd.choice([1, 2, 3]) if rnd.random() < 0.6 else rnd.randrange(4, 60) for _ in range(6)]
        rows = cache.rows(batch, compute)
        assert rows is not None and cache.table is not None
        assert np.array_equal(cache.table[rows], _vectors(batch))
    assert len(computed) > 100 and not {1, 2, 3} & set(computed)  # rare words came and went, frequent stayed


def test_a_batch_larger_than_the_table_is_left_to_the_caller() -> None:
    cache: RowCache[str] = RowCache(capacity=3)
    assert cache.rows(["а", "б", "в", "г"], lambda keys: np.zeros((len(keys), 2), np.float32)) is None
    rows = cache.rows(["а", "б", "а"], lambda keys: np.ones((len(keys), 2), np.float32))
    assert rows is not None and rows.tolist()[0] == rows.tolist()[2]
