"""NEREL evaluation: entity spans per contract type and person–post links (WORKS_AS).

Scores, summed over documents:
- exact: a predicted mention counts when (start, end) equals a gold span (a discontinuous gold
  span is compared by its outer extent); identical spans are deduplicated on both sides.
- overlap: one-to-one maximum matching of predicted and gold spans sharing at least one character.
- link: predicted links are (holder mention, post mention) pairs: for every mention of every POST
  entity with a `holder`, the holder's mention the link was read from (`holder_mentions`), or, for
  output without that field, the holder's mention closest to the post mention (ties: the earlier one).
  Gold links are NEREL WORKS_AS (PERSON, PROFESSION) pairs. A link counts when both spans are equal.
  A post held by several people ("президенты A и B") is one POST entity per holder sharing the mention.
- micro: exact/overlap counts summed over the six contract types PERSON … ORGANIZATION (DATE apart).
- speed: docs/s over the run, with the pipeline's load time reported apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..schema import Document, Mention
from .brat import BratDoc, load_brat, relation_pairs
from .runner import Predict, Progress, score_all
from .score import F1, Fragments, Span, score_exact, score_overlap, score_sets

# contract type -> NEREL type
NEREL_TYPES: dict[str, str] = {
    "PERSON": "PERSON",
    "POST": "PROFESSION",
    "COUNTRY": "COUNTRY",
    "CITY": "CITY",
    "REGION": "STATE_OR_PROVINCE",
    "ORGANIZATION": "ORGANIZATION",
    "DATE": "DATE",
}
MICRO_TYPES: tuple[str, ...] = ("PERSON", "POST", "COUNTRY", "CITY", "REGION", "ORGANIZATION")


@dataclass(slots=True)
class NerelReport:
    docs: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0
    exact: dict[str, F1] = field(default_factory=lambda: {t: F1() for t in NEREL_TYPES})
    overlap: dict[str, F1] = field(default_factory=lambda: {t: F1() for t in NEREL_TYPES})
    link: F1 = field(default_factory=F1)

    @property
    def micro_exact(self) -> F1:
        return _sum(self.exact[t] for t in MICRO_TYPES)

    @property
    def micro_overlap(self) -> F1:
        return _sum(self.overlap[t] for t in MICRO_TYPES)

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        from .report import nerel_dict

        return nerel_dict(self)

    def table(self) -> str:
        from .report import nerel_table

        return nerel_table(self)


def _sum(scores: Iterable[F1]) -> F1:
    total = F1()
    for s in scores:
        total.add(s)
    return total


def _span(m: Mention) -> Fragments:
    return ((m.start, m.end),)


def predicted_spans(doc: Document, type_: str) -> list[Fragments]:
    """All mentions of all entities of the type (duplicates are removed by the scorers)."""
    return [_span(m) for e in doc.entities if e.type == type_ for m in e.mentions]


def gold_spans(gold: BratDoc, nerel_type: str) -> list[Fragments]:
    return [e.fragments for e in gold.of_type(nerel_type)]


def _distance(a: Mention, b: Mention) -> int:
    """Characters between two mentions; 0 when they touch or overlap."""
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def predicted_links(doc: Document) -> set[tuple[Span, Span]]:
    """(person span, post span) for every mention of every held POST, with the holder's closest mention."""
    by_id = {e.id: e for e in doc.entities}
    links: set[tuple[Span, Span]] = set()
    for post in doc.entities:
        if post.type != "POST" or not getattr(post, "holder", None):
            continue
        holder = by_id.get(post.holder)  # type: ignore[attr-defined]
        if holder is None or not holder.mentions:
            continue
        linked = list(getattr(post, "holder_mentions", None) or [])
        for k, pm in enumerate(post.mentions):
            read_from = linked[k] if k < len(linked) else None
            closest = read_from or min(holder.mentions, key=lambda hm: (_distance(hm, pm), hm.start))
            links.add(((closest.start, closest.end), (pm.start, pm.end)))
    return links


def gold_links(gold: BratDoc) -> set[tuple[Span, Span]]:
    """WORKS_AS pairs as (PERSON extent, PROFESSION extent)."""
    return {(p.span, q.span) for p, q in relation_pairs(gold, "WORKS_AS", "PERSON", "PROFESSION")}


def score_document(pred: Document, gold: BratDoc, report: NerelReport) -> None:
    """Add one document's counts to the report."""
    for type_, nerel_type in NEREL_TYPES.items():
        p, g = predicted_spans(pred, type_), gold_spans(gold, nerel_type)
        report.exact[type_].add(score_exact(p, g))
        report.overlap[type_].add(score_overlap(p, g))
    report.link.add(score_sets(predicted_links(pred), gold_links(gold)))


def evaluate_nerel(
    corpus_dir: Path,
    *,
    limit: int | None = None,
    predict: Predict | None = None,
    progress: Progress | None = None,
) -> NerelReport:
    """Run the pipeline (or `predict`) over a NEREL brat folder and score it against the gold."""
    golds = list(load_brat(Path(corpus_dir), limit=limit))
    return score_all(golds, NerelReport(), score_document, predict, progress)
