"""Train the person–post link scorer (`src/dipextract/models/links/weights.json`) on NEREL train.

The pipeline runs over NEREL train and dev as it runs for users (its own spans and person clusters); every
(post mention, person) candidate of `dipextract.link_model` is labelled by the gold WORKS_AS pairs. A
logistic regression (numpy, L2, full-batch gradient descent with Adam, fixed order: deterministic) is fit on
train; the two decision thresholds are chosen on dev by the link F1 the `evaluate nerel` scorer computes.
No test split is read.

    python training/train_links.py --corpus /work/shared/corpora/nerel [--cache /tmp/links]
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dipextract.api import _prepare, load
from dipextract.const import COUNTRY, PERSON, POST
from dipextract.evaluate.brat import BratDoc, load_brat, relation_pairs
from dipextract.link_model import Candidate, LinkContext
from dipextract.links import rule_holders
from dipextract.mentions import Mention

OUT = ROOT / "src" / "dipextract" / "models" / "links" / "weights.json"


def processed(corpus: Path, cache: Path | None) -> list[tuple[BratDoc, bytes]]:
    """(gold, processed spaCy Doc as bytes) for every document of a brat folder; cached when asked."""
    golds = list(load_brat(corpus))
    path = cache / f"{corpus.name}.pkl" if cache else None
    if path is not None and path.exists():
        stored = dict(pickle.loads(path.read_bytes()))
        if all(g.name in stored for g in golds):
            return [(g, stored[g.name]) for g in golds]
    nlp = load()
    start = time.perf_counter()
    docs = nlp.pipe((_prepare(nlp, g.text, {}) for g in golds), as_tuples=True, batch_size=16)
    out = [(g, doc.to_bytes()) for g, (doc, _) in zip(golds, docs, strict=True)]
    print(f"{corpus.name}: {len(out)} documents in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps([(g.name, b) for g, b in out]))
    return out


def context(doc) -> LinkContext:
    """The link context of a processed Doc, rebuilt from its mention spans (clusters are the entity ids)."""
    persons: list[Mention] = []
    posts: dict[tuple[int, int], Mention] = {}
    cluster_of: dict[int, int] = {}
    text = doc.text
    for n, entity in enumerate(doc._.entities or []):
        if entity["type"] not in (PERSON, POST):
            continue
        for start, end in entity["mentions"]:
            span = doc.char_span(start, end, alignment_mode="expand")
            m = Mention(start, end, entity["type"], text[start:end], span.start, span.end, "pipeline")
            if entity["type"] == PERSON:
                persons.append(m)
                cluster_of[id(m)] = n
            else:
                posts.setdefault((start, end), m)
    post_list = list(posts.values())
    countries = [
        (start, end, entity["iso"])
        for entity in doc._.entities or []
        if entity["type"] == COUNTRY and entity.get("iso")
        for start, end in entity["mentions"]
    ]
    rules = rule_holders(doc, persons, post_list)
    return LinkContext(doc, persons, post_list, cluster_of, rules, countries)


def examples(corpus: list[tuple[BratDoc, bytes]], vocab) -> list[tuple[list[Candidate], set, LinkContext]]:
    """Per document: its candidates, the gold link set and the context."""
    from spacy.tokens import Doc

    out = []
    for gold, data in corpus:
        doc = Doc(vocab).from_bytes(data)
        ctx = context(doc)
        cands = [c for q in ctx.posts for c in ctx.candidates(q)]
        links = {(p.span, q.span) for p, q in relation_pairs(gold, "WORKS_AS", "PERSON", "PROFESSION")}
        out.append((cands, links, ctx))
    return out


def label(c: Candidate, links: set, ctx: LinkContext) -> int:
    """1 when the gold links the post to any mention of the candidate person."""
    q = (c.post.start, c.post.end)
    return int(any(((m.start, m.end), q) in links for m in ctx.persons if ctx.cluster_of[id(m)] == c.person))


def fit(rows: list[list[int]], y: np.ndarray, n: int, l2: float, epochs: int = 600) -> np.ndarray:
    """L2 logistic regression by full-batch Adam over sparse binary rows."""
    flat = np.concatenate([np.asarray(r, dtype=np.int64) for r in rows])
    lengths = np.array([len(r) for r in rows])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    row_of = np.repeat(np.arange(len(rows)), lengths)
    w = np.zeros(n)
    m = np.zeros(n)
    v = np.zeros(n)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, epochs + 1):
        z = np.add.reduceat(w[flat], starts)
        p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(flat, weights=(p - y)[row_of], minlength=n) / len(rows) + l2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad**2
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return w


def decide(
    docs: list[tuple[list[Candidate], set, LinkContext]],
    weights: dict[str, float],
    first: float,
    second: float,
) -> tuple[float, float, float]:
    """P, R, F1 of links as `evaluate nerel` counts them: each chosen person's mention nearest to the post."""
    from dipextract.link_model import choose, plural, score

    tp = fp = fn = 0
    for cands, links, ctx in docs:
        by_post: dict[int, list[tuple[float, Candidate]]] = {}
        for c in cands:
            by_post.setdefault(id(c.post), []).append((score(c.features, weights), c))
        settings = {"threshold": first, "second": second}
        pred = {
            ((c.mention.start, c.mention.end), (c.post.start, c.post.end))
            for scored in by_post.values()
            for c in choose(scored, plural(ctx, scored[0][1].post), settings)
        }
        tp += len(pred & links)
        fp += len(pred - links)
        fn += len(links - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpora/nerel"))
    parser.add_argument("--cache", type=Path, default=None, help="keep the processed documents here")
    parser.add_argument("--l2", type=float, default=1e-4)
    parser.add_argument("--min-count", type=int, default=3, help="features seen fewer times are dropped")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    nlp = load()
    train = examples(processed(args.corpus / "train", args.cache), nlp.vocab)
    dev = examples(processed(args.corpus / "dev", args.cache), nlp.vocab)
    counts: dict[str, int] = {}
    for cands, _, _ in train:
        for c in cands:
            for f in c.features:
                counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= args.min_count)
    index = {f: i for i, f in enumerate(names)}
    rows, ys = [], []
    for cands, links, ctx in train:
        for c in cands:
            rows.append([index[f] for f in c.features if f in index])
            ys.append(label(c, links, ctx))
    y = np.array(ys, dtype=float)
    print(f"train: {len(rows)} candidates, {int(y.sum())} positive, {len(names)} features", file=sys.stderr)
    w = fit(rows, y, len(names), args.l2)
    weights = {f: round(float(x), 4) for f, x in zip(names, w) if abs(x) >= 1e-4}
    best = (0.0, 0.5, 0.5)
    for first in np.arange(0.2, 0.75, 0.05):
        for second in np.arange(first, 0.95, 0.05):
            p, r, f1 = decide(dev, weights, float(first), float(second))
            if f1 > best[0]:
                best = (f1, round(float(first), 2), round(float(second), 2))
    f1, first, second = best
    p, r, _ = decide(dev, weights, first, second)
    tp, tr, tf = decide(train, weights, first, second)
    print(f"dev links P {p:.3f} R {r:.3f} F1 {f1:.3f} (threshold {first}, second {second})", file=sys.stderr)
    print(f"train links P {tp:.3f} R {tr:.3f} F1 {tf:.3f}", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "model": "logistic regression over link_model.LinkContext.features",
                "trained_on": "NEREL v1.1 train (pipeline spans), thresholds chosen on NEREL dev",
                "l2": args.l2,
                "min_count": args.min_count,
                "dev": {"P": round(p, 3), "R": round(r, 3), "F1": round(f1, 3)},
                "settings": {"threshold": first, "second": second},
                "weights": dict(sorted(weights.items())),
            },
            ensure_ascii=False,
            indent=0,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
