"""natasha's own NER on a NEREL folder, scored as `dipextract evaluate nerel` scores us: exact character spans.

    python benchmarks/natasha_ner_nerel.py ../shared/corpora/nerel/dev

natasha tags PER, ORG and LOC, flat; each is compared with every gold mention of the NEREL types it covers
(LOC with COUNTRY, CITY and STATE_OR_PROVINCE together, as natasha does not tell them apart), nested ones
included, which is how our own per-type rows are counted.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

COVERS = {"PER": ("PERSON",), "ORG": ("ORGANIZATION",), "LOC": ("COUNTRY", "CITY", "STATE_OR_PROVINCE")}


def gold_spans(ann: Path) -> dict[str, set[tuple[int, int]]]:
    """Type -> (start, end) of each brat text-bound annotation (a discontinuous one by its outer extent)."""
    spans: dict[str, set[tuple[int, int]]] = collections.defaultdict(set)
    for line in ann.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, info, _ = line.split("\t", 2)
        label, _, offsets = info.partition(" ")
        fragments = offsets.split(";")
        spans[label].add((int(fragments[0].split()[0]), int(fragments[-1].split()[1])))
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", type=Path, help="a NEREL split: <name>.txt with <name>.ann beside it")
    args = parser.parse_args()
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    hits, predicted, annotated = collections.Counter(), collections.Counter(), collections.Counter()
    for path in sorted(args.folder.glob("*.txt")):
        gold = gold_spans(path.with_suffix(".ann"))
        doc = Doc(path.read_text(encoding="utf-8"))
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        for label, types in COVERS.items():
            expected = set().union(*(gold[t] for t in types))
            found = {(s.start, s.stop) for s in doc.spans if s.type == label}
            hits[label] += len(expected & found)
            predicted[label] += len(found)
            annotated[label] += len(expected)
    print("| natasha | NEREL types | P | R | F1 | pred | gold |\n|---|---|---|---|---|---|---|")
    for label, types in COVERS.items():
        p = hits[label] / max(predicted[label], 1)
        r = hits[label] / max(annotated[label], 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(
            f"| {label} | {', '.join(types)} | {p:.3f} | {r:.3f} | {f:.3f} | {predicted[label]} | {annotated[label]} |"
        )


if __name__ == "__main__":
    main()
