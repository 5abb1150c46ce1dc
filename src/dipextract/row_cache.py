"""A bounded table of per-word vectors that keeps the most used words when it fills up.

The neural models compute some vectors from a word alone (its first convolution, its LSTM input) and
keep them in a fixed-size table. Emptying the whole table when it was full threw away the frequent
words with the rare ones: over the 746 NEREL train articles the models computed 70,000 first-layer rows
for about 40,000 distinct words. Here a full table keeps its most used half (and every word the current
batch asks for), moved to the front, and the use counts halve, so that words frequent long ago can go.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

import numpy as np

K = TypeVar("K", bound=Hashable)


class RowCache(Generic[K]):
    """key → row of `table`; missing keys are computed in one call per batch."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.table: np.ndarray | None = None  # (capacity, width), allocated with the first vectors
        self._row: dict[K, int] = {}
        self._keys: list[K] = []
        self._uses = np.zeros(capacity, dtype=np.int64)

    def rows(self, keys: Sequence[K], compute: Callable[[list[K]], np.ndarray]) -> np.ndarray | None:
        """The row of every key, computing the missing ones with `compute(missing) -> (n, width)`.

        None when the batch has more distinct keys than the table holds: the caller computes directly.
        """
        row = self._row
        missing = [k for k in dict.fromkeys(keys) if k not in row]
        if missing:
            if len(row) + len(missing) > self.capacity:
                if not self._make_room(keys, len(missing)):
                    return None
                row = self._row
                missing = [k for k in dict.fromkeys(keys) if k not in row]
            vectors = compute(missing)
            if self.table is None:
                self.table = np.zeros((self.capacity, vectors.shape[-1]), dtype=np.float32)
            start = len(self._keys)
            self.table[start : start + len(missing)] = vectors
            row.update(zip(missing, range(start, start + len(missing))))
            self._keys.extend(missing)
        index = np.fromiter(map(row.__getitem__, keys), dtype=np.int64, count=len(keys))
        self._uses += np.bincount(index, minlength=self.capacity)
        return index

    def _make_room(self, keys: Sequence[K], needed: int) -> bool:
        """Keep the keys asked for now and the most used others (up to half the table, leaving room for
        `needed` new rows); False when the batch's distinct keys alone are more than the table holds."""
        row = self._row
        wanted = {row[k] for k in keys if k in row}
        if len(wanted) + needed > self.capacity:  # the batch's distinct keys alone overflow the table
            return False
        budget = max(0, min(self.capacity // 2, self.capacity - needed) - len(wanted))
        used = len(self._keys)
        free = np.ones(used, dtype=bool)
        free[np.fromiter(wanted, dtype=np.int64, count=len(wanted))] = False
        others = np.flatnonzero(free)  # rows not asked for now, in row order
        if len(others) > budget:
            # the most used first; ties by row, so the choice does not depend on the sort's stability
            order = np.lexsort((others, -self._uses[others]))
            others = others[order[:budget]]
        keep = np.sort(np.concatenate([np.array(sorted(wanted), dtype=np.int64), others]))
        kept_keys = [self._keys[i] for i in keep.tolist()]
        if self.table is not None:
            self.table[: len(keep)] = self.table[keep]
        uses = self._uses[keep] // 2
        self._uses[:] = 0
        self._uses[: len(keep)] = uses
        self._keys = kept_keys
        self._row = dict(zip(kept_keys, range(len(kept_keys))))
        return True
