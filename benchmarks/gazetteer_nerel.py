#!/usr/bin/env python3
"""Exact-span P/R/F1 of Gazetteer.find per type on a NEREL brat dir, resolve() coverage of gold spans, and speed.

Usage: PYTHONPATH=src /work/venv/bin/python benchmarks/gazetteer_nerel.py [BRAT_DIR] [--errors N]
(default BRAT_DIR /work/shared/corpora/nerel/dev; tune on train, report dev)
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from razdel import sentenize, tokenize

from dipextract.gazetteer import gazetteer

TYPES = {"COUNTRY": "COUNTRY", "CITY": "CITY", "STATE_OR_PROVINCE": "REGION", "ORGANIZATION": "ORGANIZATION"}


def load(path: Path) -> list[tuple[str, str, set[tuple[int, int, str]]]]:
    """(name, text, gold spans of our four types) per document; discontinuous spans are skipped."""
    docs = []
    for txt in sorted(path.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        gold = set()
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, info, *_ = line.split("\t")
            label, _, span = info.partition(" ")
            if label in TYPES and ";" not in span:
                s, e = map(int, span.split())
                gold.add((s, e, TYPES[label]))
        docs.append((txt.stem, text, gold))
    return docs


def segment(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """razdel tokens and the indices of sentence-initial tokens."""
    tokens = [(t.start, t.stop) for t in tokenize(text)]
    sent_offsets = {s.start for s in sentenize(text)}
    return tokens, [i for i, (s, _) in enumerate(tokens) if s in sent_offsets]


def main() -> None:
    """Run the benchmark and print a table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("brat_dir", nargs="?", default="/work/shared/corpora/nerel/dev", type=Path)
    ap.add_argument(
        "--errors", type=int, default=0, help="show the N most frequent false positives/negatives per type"
    )
    args = ap.parse_args()

    t0 = time.perf_counter()
    gz = gazetteer()
    t_load = time.perf_counter() - t0
    docs = load(args.brat_dir)
    segmented = [segment(text) for _, text, _ in docs]

    tp, fp, fn = Counter(), Counter(), Counter()
    fps: dict[str, Counter[str]] = {k: Counter() for k in TYPES.values()}
    fns: dict[str, Counter[str]] = {k: Counter() for k in TYPES.values()}
    t_find = 0.0
    for (_, text, gold), (tokens, starts) in zip(docs, segmented):
        t0 = time.perf_counter()
        hits = gz.find(text, tokens, starts)
        t_find += time.perf_counter() - t0
        pred = {(h.start, h.end, h.place.kind) for h in hits}
        for s, e, k in pred:
            if (s, e, k) in gold:
                tp[k] += 1
            else:
                fp[k] += 1
                fps[k][text[s:e]] += 1
        for s, e, k in gold - pred:
            fn[k] += 1
            fns[k][text[s:e]] += 1

    covered, total = Counter(), Counter()
    t0 = time.perf_counter()
    for _, text, gold in docs:
        for s, e, k in gold:
            total[k] += 1
            covered[k] += gz.resolve(k, text[s:e]) is not None
    t_resolve = time.perf_counter() - t0

    print(f"{args.brat_dir}: {len(docs)} docs, {sum(len(t) for t, _ in segmented)} tokens")
    print(f"{'type':<13}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}{'resolve cov':>13}")
    for k in ("COUNTRY", "CITY", "REGION", "ORGANIZATION", "ALL"):
        if k == "ALL":
            a, b, c = sum(tp.values()), sum(fp.values()), sum(fn.values())
            cov, tot = sum(covered.values()), sum(total.values())
        else:
            a, b, c, cov, tot = tp[k], fp[k], fn[k], covered[k], total[k]
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{k:<13}{p:7.3f}{r:7.3f}{f:7.3f}{a:6d}{b:6d}{c:6d}{cov / max(tot, 1):9.3f} ({cov}/{tot})")
    print(
        f"load {t_load:.2f} s, find {t_find:.2f} s, resolve {t_resolve:.2f} s (first run includes morph cache warm-up)"
    )
    if args.errors:
        for k in TYPES.values():
            print(f"\n{k} FP: {fps[k].most_common(args.errors)}")
            print(f"{k} FN: {fns[k].most_common(args.errors)}")


if __name__ == "__main__":
    main()
