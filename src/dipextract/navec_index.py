"""navec's word → id index without building a 250,000-key dict: a binary search over its sorted word list.

navec stores its vocabulary as one UTF-8 text, a word per line, sorted (its two markers `<unk>` and `<pad>`
come last). Building a dict of it took ~0.1 s, a twentieth of a one-article `dipextract FILE` run, for
the few hundred words an article looks up. Here a look-up bisects the lines (compared as bytes, which
orders UTF-8 text by code point, as navec sorted it) and remembers its answer: every distinct word is
searched once, in ~5 µs.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import overload

import numpy as np

_CACHE_SIZE = 100_000  # distinct words remembered; past that the memo starts again


class Lines(Sequence[bytes]):
    """The lines of a text (no line ends) as a sequence of bytes, sliced on access."""

    def __init__(self, text: bytes) -> None:
        breaks = np.flatnonzero(np.frombuffer(text, np.uint8) == 10)
        starts = np.concatenate([[0], breaks + 1])
        ends = np.concatenate([breaks, [len(text)]])
        if text.endswith(b"\n"):  # a final line end closes the last line, it does not open one
            starts, ends = starts[:-1], ends[:-1]
        self.text = text
        # machine-int arrays, not lists: 8 bytes an offset instead of ~36, and as fast to index
        self.starts = array("q", starts.astype(np.int64).tobytes())
        self.ends = array("q", ends.astype(np.int64).tobytes())

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> bytes: ...
    @overload
    def __getitem__(self, i: slice) -> list[bytes]: ...
    def __getitem__(self, i: int | slice) -> bytes | list[bytes]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self.text[self.starts[i] : self.ends[i]]


class Words(Sequence[str]):
    """navec's words in id order, decoded on access (slovnet's vocabularies only ask for their number)."""

    def __init__(self, lines: Lines) -> None:
        self._lines = lines

    def __len__(self) -> int:
        return len(self._lines)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [line.decode("utf-8") for line in self._lines[i]]
        return self._lines[i].decode("utf-8")


class SortedIndex(Mapping[str, int]):
    """word → line number of a word list sorted but for a few trailing lines (navec's `<unk>`, `<pad>`).

    The trailing lines are checked to be exactly the `unsorted_tail` given, so a vocabulary laid out
    otherwise fails loudly at load time instead of mapping words to the wrong ids.
    """

    def __init__(self, lines: Lines, unsorted_tail: Sequence[str] = ()) -> None:
        self._lines = lines
        self._sorted = len(lines) - len(unsorted_tail)
        self._tail = {word: self._sorted + k for k, word in enumerate(unsorted_tail)}
        found = [lines[i].decode("utf-8") for i in range(self._sorted, len(lines))]
        if found != list(unsorted_tail):
            raise ValueError(f"the word list does not end with {list(unsorted_tail)}: {found}")
        self._memo: dict[str, int] = {}

    def _search(self, word: str) -> int:
        """The word's line number, or -1."""
        tail = self._tail.get(word)
        if tail is not None:
            return tail
        key = word.encode("utf-8", "surrogatepass")
        text, starts, ends = self._lines.text, self._lines.starts, self._lines.ends
        lo, hi = 0, self._sorted
        while lo < hi:  # bisect_left, inlined: a Sequence's __getitem__ per step doubled the cost
            mid = (lo + hi) // 2
            if text[starts[mid] : ends[mid]] < key:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < self._sorted and text[starts[lo] : ends[lo]] == key else -1

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) >= _CACHE_SIZE:
                self._memo.clear()
            found = self._memo[word] = self._search(word)
        return default if found < 0 else found

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __len__(self) -> int:
        return len(self._lines)

    def __iter__(self) -> Iterator[str]:
        return iter(Words(self._lines))


class QuantizedVectors:
    """navec's product-quantised vectors decoded by id: each sub-space's code found in one flat table.

    `codes[arange(qdim), indexes[ids]]` (a two-array fancy index) took 4x as long as one `take` over the
    (qdim * centroids, sub-dim) table at precomputed offsets; the floats are the same.
    """

    def __init__(self, indexes: np.ndarray, codes: np.ndarray) -> None:
        qdim, centroids, subdim = codes.shape
        self._indexes = indexes  # (words, qdim) centroid numbers
        self._table = np.ascontiguousarray(codes.reshape(qdim * centroids, subdim))
        self._offsets = np.arange(qdim, dtype=np.int64) * centroids
        self.dim = qdim * subdim

    def __call__(self, ids: np.ndarray | Sequence[int]) -> np.ndarray:
        """(len(ids), dim) vectors of the ids."""
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        rows = self._indexes[ids] + self._offsets  # (n, qdim)
        return self._table.take(rows.reshape(-1), axis=0).reshape(len(ids), self.dim)
