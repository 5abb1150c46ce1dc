"""Exact-span P/R/F1 of dipextract.dates.find_dates against NEREL DATE annotations in a brat folder."""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

from dipextract.dates import find_dates

DEFAULT = Path("/work/shared/corpora/nerel/dev")


def gold_spans(ann: Path) -> set[tuple[int, int]]:
    """Continuous DATE spans of one .ann file (discontinuous ones keep their outer bounds)."""
    spans: set[tuple[int, int]] = set()
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        label, _, offsets = parts[1].partition(" ")
        if label != "DATE":
            continue
        bounds = [tuple(map(int, frag.split())) for frag in offsets.split(";")]
        spans.add((min(b[0] for b in bounds), max(b[1] for b in bounds)))
    return spans


def main() -> int:
    """Score the folder and optionally print the most frequent errors."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--errors", type=int, default=0, help="show this many most frequent FP/FN texts")
    args = ap.parse_args()
    tp = fp = fn = 0
    fps: collections.Counter[str] = collections.Counter()
    fns: collections.Counter[str] = collections.Counter()
    t0 = time.perf_counter()
    chars = 0
    for txt in sorted(args.folder.glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if not ann.exists():
            continue
        text = txt.read_text(encoding="utf-8")
        chars += len(text)
        gold = gold_spans(ann)
        pred = {(m.start, m.end) for m in find_dates(text)}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        fps.update(text[s:e] for s, e in pred - gold)
        fns.update(text[s:e] for s, e in gold - pred)
    elapsed = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"{args.folder}: gold={tp + fn} pred={tp + fp} tp={tp}  P={p:.3f} R={r:.3f} F1={f:.3f}"
        f"  ({chars / max(elapsed, 1e-9) / 1e6:.2f} Mchar/s)"
    )
    if args.errors:
        print("\nFalse positives:", *(f"  {n:3d} {t!r}" for t, n in fps.most_common(args.errors)), sep="\n")
        print("\nFalse negatives:", *(f"  {n:3d} {t!r}" for t, n in fns.most_common(args.errors)), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
