"""Person–post linking measured alone: NEREL gold PERSON/PROFESSION spans in, WORKS_AS pairs out.

Isolates the link rules (`dipextract.links`) from span errors. Usage:
    python benchmarks/links_gold_spans.py [BRAT_DIR] [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dipextract.api import load
from dipextract.evaluate.brat import load_brat, relation_pairs
from dipextract.links import find_holder
from dipextract.mentions import Mention


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default="../shared/corpora/nerel/train", type=Path)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--show", type=int, default=0, help="print this many misses and false links")
    args = parser.parse_args()
    nlp = load()
    tp = fp = fn = 0
    shown = 0
    for brat in load_brat(args.corpus, limit=args.limit):
        doc = nlp.make_doc(brat.text)
        with nlp.select_pipes(enable=["dipextract_morphology"]):
            doc = nlp(doc)
        mentions: dict[tuple[int, int], Mention] = {}
        for e in brat.of_type("PERSON", "PROFESSION"):
            start, end = e.span
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                mentions[(start, end)] = Mention(
                    start,
                    end,
                    "PERSON" if e.type == "PERSON" else "POST",
                    e.text,
                    span.start,
                    span.end,
                    "gold",
                )
        persons = [m for m in mentions.values() if m.type == "PERSON"]
        posts = [m for m in mentions.values() if m.type == "POST"]
        predicted = set()
        for post in posts:
            holder = find_holder(doc, post, persons, posts)
            if holder is not None:
                predicted.add(((holder.start, holder.end), (post.start, post.end)))
        gold = {(p.span, q.span) for p, q in relation_pairs(brat, "WORKS_AS", "PERSON", "PROFESSION")}
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        if shown < args.show:
            for kind, pairs in (("miss", gold - predicted), ("false", predicted - gold)):
                for (ps, pe), (qs, qe) in sorted(pairs):
                    lo, hi = min(ps, qs), max(pe, qe)
                    if hi - lo < 300:
                        print(f"{kind}\t{brat.text[ps:pe]!r} <- {brat.text[qs:qe]!r}\t| {brat.text[lo:hi]!r}")
                        shown += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"links on gold spans: P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})")


if __name__ == "__main__":
    main()
