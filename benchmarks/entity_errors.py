"""Print entity span errors (false and missed mentions) of one type against a NEREL brat folder.

For looking at what the pipeline gets wrong; mine `train`, measure on `dev` with `dipextract evaluate nerel`.
    python benchmarks/entity_errors.py TYPE [BRAT_DIR] [--limit N]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from dipextract.api import extract_many
from dipextract.evaluate.brat import load_brat

NEREL_TYPES = {"POST": "PROFESSION", "REGION": "STATE_OR_PROVINCE"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("type")
    parser.add_argument("corpus", nargs="?", default="../shared/corpora/nerel/train", type=Path)
    parser.add_argument("--limit", type=int, default=100)
    args = parser.parse_args()
    gold_type = NEREL_TYPES.get(args.type, args.type)
    docs = list(load_brat(args.corpus, limit=args.limit))
    false: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for brat, doc in zip(docs, extract_many([(d.text, {"doc_id": d.name}) for d in docs])):
        gold = {e.span for e in brat.of_type(gold_type)}
        pred = {(m.start, m.end) for e in doc.entities if e.type == args.type for m in e.mentions}
        for s, e in pred - gold:
            near = next((g for g in gold if g[0] < e and s < g[1]), None)
            false[f"{brat.text[s:e]!r}" + (f" (gold {brat.text[near[0] : near[1]]!r})" if near else "")] += 1
        for s, e in gold - pred:
            near = next((p for p in pred if p[0] < e and s < p[1]), None)
            missed[f"{brat.text[s:e]!r}" + (f" (pred {brat.text[near[0] : near[1]]!r})" if near else "")] += 1
    print(f"false {sum(false.values())}, missed {sum(missed.values())}")
    for label, counter in (("FALSE", false), ("MISSED", missed)):
        for text, n in counter.most_common(60):
            print(f"{label}\t{n}\t{text}")


if __name__ == "__main__":
    main()
