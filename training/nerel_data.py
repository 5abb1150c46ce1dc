"""Read NEREL brat files and align entity mentions to razdel tokens (training/evaluation only)."""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

import razdel

# NEREL type -> dipextract label; the order fixes the head order of the tagger.
TYPE_MAP: dict[str, str] = {
    "PERSON": "PERSON",
    "PROFESSION": "POST",
    "COUNTRY": "COUNTRY",
    "CITY": "CITY",
    "STATE_OR_PROVINCE": "REGION",
    "ORGANIZATION": "ORGANIZATION",
}
LABELS: list[str] = list(TYPE_MAP.values())


@dataclass
class Sentence:
    """A product-pipeline sentence: razdel tokens with document char offsets."""

    tokens: list[str]
    starts: list[int]
    ends: list[int]
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # token spans, end exclusive


@dataclass
class Document:
    """One brat document: its sentences and gold char spans of our six labels."""

    name: str
    text: str
    sentences: list[Sentence]
    gold: set[tuple[int, int, str]]  # (char_start, char_end, label)


def split_sentences(text: str) -> list[Sentence]:
    """Split like the product pipeline: razdel.sentenize, then at line breaks, then razdel.tokenize."""
    out: list[Sentence] = []
    for sent in razdel.sentenize(text):
        offset = sent.start
        for part in sent.text.split("\n"):
            toks = list(razdel.tokenize(part))
            if toks:
                out.append(
                    Sentence(
                        tokens=[t.text for t in toks],
                        starts=[offset + t.start for t in toks],
                        ends=[offset + t.stop for t in toks],
                    )
                )
            offset += len(part) + 1
    return out


def read_ann(path: pathlib.Path) -> list[tuple[int, int, str]]:
    """Read text-bound annotations of our types; a discontinuous span becomes its outer extent."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _, info, *_ = line.split("\t")
        typ, offs = info.split(" ", 1)
        if typ not in TYPE_MAP:
            continue
        pieces = [tuple(map(int, p.split())) for p in offs.split(";")]
        out.append((min(p[0] for p in pieces), max(p[1] for p in pieces), TYPE_MAP[typ]))
    return out


def align(doc_sents: list[Sentence], gold: list[tuple[int, int, str]], stats: dict[str, int]) -> None:
    """Map char spans to the tokens they overlap; drop spans crossing sentences or same-label overlaps."""
    for start, end, label in gold:
        stats["entities"] += 1
        placed = False
        for sent in doc_sents:
            if sent.ends[-1] <= start or sent.starts[0] >= end:
                continue
            idx = [i for i in range(len(sent.tokens)) if sent.starts[i] < end and sent.ends[i] > start]
            if not idx:
                continue
            i0, i1 = idx[0], idx[-1] + 1
            if sent.starts[0] > start or sent.ends[-1] < end:
                stats["cross_sentence"] += 1
                break
            if sent.starts[i0] != start or sent.ends[i1 - 1] != end:
                stats["misaligned"] += 1
            sent.spans.append((i0, i1, label))
            placed = True
            break
        if not placed:
            stats["dropped"] += 1
    for sent in doc_sents:
        stats["duplicates"] += len(sent.spans) - len(set(sent.spans))
        sent.spans = sorted(set(sent.spans))


def assign_layers(
    spans: list[tuple[int, int, str]], layers: dict[str, int]
) -> list[list[tuple[int, int, str]]]:
    """Peel same-label nesting into BIO layers: layer k takes the longest spans left that don't overlap."""
    out: list[list[tuple[int, int, str]]] = [[] for _ in range(max(layers.values()))]
    left = sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0]))
    for k in range(len(out)):
        rest = []
        for sp in left:
            if k < layers.get(sp[2], 1) and not any(
                q[2] == sp[2] and q[0] < sp[1] and sp[0] < q[1] for q in out[k]
            ):
                out[k].append(sp)
            else:
                rest.append(sp)
        left = rest
    return [sorted(x) for x in out]


def load_split(root: pathlib.Path, stats: dict[str, int] | None = None) -> list[Document]:
    """Load every *.txt/*.ann pair of a NEREL split directory."""
    if stats is None:
        stats = {}
    for k in ("entities", "cross_sentence", "misaligned", "dropped", "duplicates"):
        stats.setdefault(k, 0)
    docs = []
    for txt in sorted(root.glob("*.txt")):
        text = txt.read_text(encoding="utf-8")
        gold = read_ann(txt.with_suffix(".ann"))
        sents = split_sentences(text)
        align(sents, gold, stats)
        docs.append(Document(txt.stem, text, sents, set(gold)))
    return docs


def char_spans(sent: Sentence, spans: list[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Token spans of a sentence -> document char spans."""
    return {(sent.starts[a], sent.ends[b - 1], lab) for a, b, lab in spans}


def score(
    docs: list[Document], predicted: list[list[list[tuple[int, int, str]]]]
) -> dict[str, dict[str, float]]:
    """Exact char-span P/R/F1 per label against all gold spans (unalignable gold counts as missed)."""
    tp = {lab: 0 for lab in LABELS}
    npred = dict(tp)
    ngold = dict(tp)
    for doc, doc_pred in zip(docs, predicted):
        pred: set[tuple[int, int, str]] = set()
        for sent, sp in zip(doc.sentences, doc_pred):
            pred |= char_spans(sent, sp)
        for s in pred:
            npred[s[2]] += 1
            tp[s[2]] += s in doc.gold
        for s in doc.gold:
            ngold[s[2]] += 1
    out = {}
    for lab in LABELS:
        p = tp[lab] / npred[lab] if npred[lab] else 0.0
        r = tp[lab] / ngold[lab] if ngold[lab] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[lab] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "support": ngold[lab],
            "predicted": npred[lab],
        }
    return out
