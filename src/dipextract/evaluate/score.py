"""Pure scoring: P/R/F1 accumulators and one-to-one span matching (no I/O, no pipeline)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

Span = tuple[int, int]
"""A contiguous character span, `end` exclusive."""

Fragments = tuple[Span, ...]
"""A possibly discontinuous span (brat `1 5;8 12`), fragments in text order."""

P = TypeVar("P")
G = TypeVar("G")


@dataclass(slots=True)
class F1:
    """tp/fp/fn accumulator; floats so that soft (partial) matches can be added too."""

    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    def add(self, other: F1) -> F1:
        """Add another accumulator's counts into this one and return self."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def reset(self) -> None:
        self.tp = self.fp = self.fn = 0.0

    @property
    def n_pred(self) -> float:
        return self.tp + self.fp

    @property
    def n_gold(self) -> float:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        """tp / predicted; 0.0 when nothing was predicted."""
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        """tp / gold; 0.0 when there is no gold."""
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def extent(fragments: Fragments) -> Span:
    """The outer span of a possibly discontinuous span."""
    return (fragments[0][0], fragments[-1][1])


def spans_overlap(a: Span, b: Span) -> bool:
    """True when the spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def fragments_overlap(a: Fragments, b: Fragments) -> bool:
    """True when some fragment of `a` shares a character with some fragment of `b` (gaps do not count)."""
    return any(spans_overlap(x, y) for x in a for y in b)


def max_matching(n_pred: int, n_gold: int, compatible: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching (Kuhn's augmenting paths) as (pred index, gold index) pairs."""
    edges = [[j for j in range(n_gold) if compatible(i, j)] for i in range(n_pred)]
    gold_to_pred: list[int] = [-1] * n_gold

    def augment(i: int, seen: list[bool]) -> bool:
        for j in edges[i]:
            if seen[j]:
                continue
            seen[j] = True
            if gold_to_pred[j] < 0 or augment(gold_to_pred[j], seen):
                gold_to_pred[j] = i
                return True
        return False

    for i in range(n_pred):
        if edges[i]:
            augment(i, [False] * n_gold)
    return sorted((i, j) for j, i in enumerate(gold_to_pred) if i >= 0)


def greedy_matching(
    pred: Sequence[P], gold: Sequence[G], score: Callable[[P, G], float]
) -> list[tuple[int, int, float]]:
    """One-to-one matching that takes the best-scoring admissible pair first (score > 0 admits a pair)."""
    candidates = [(s, i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if (s := score(p, g)) > 0]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for s, i, j in candidates:
        if i in used_pred or j in used_gold:
            continue
        used_pred.add(i)
        used_gold.add(j)
        pairs.append((i, j, s))
    return sorted(pairs)


def score_sets(pred: Iterable[Hashable], gold: Iterable[Hashable]) -> F1:
    """Exact matching of deduplicated keys: tp = |pred ∩ gold|."""
    p, g = set(pred), set(gold)
    tp = len(p & g)
    return F1(tp=tp, fp=len(p) - tp, fn=len(g) - tp)


def score_exact(pred: Iterable[Fragments], gold: Iterable[Fragments]) -> F1:
    """Exact span match: a prediction counts when its outer extent equals a gold extent (identical spans deduped)."""
    return score_sets((extent(f) for f in pred), (extent(f) for f in gold))


def score_overlap(pred: Iterable[Fragments], gold: Iterable[Fragments]) -> F1:
    """Overlap match: one-to-one, maximum number of pairs whose fragments share a character."""
    p = _dedupe(pred)
    g = _dedupe(gold)
    pairs = max_matching(len(p), len(g), lambda i, j: fragments_overlap(p[i], g[j]))
    return F1(tp=len(pairs), fp=len(p) - len(pairs), fn=len(g) - len(pairs))


def _dedupe(spans: Iterable[Fragments]) -> list[Fragments]:
    """Sorted unique spans; two spans with one outer extent count once (as `score_exact` does)."""
    seen: dict[Span, Fragments] = {}
    for f in spans:
        seen.setdefault(extent(f), f)
    return [seen[k] for k in sorted(seen)]
