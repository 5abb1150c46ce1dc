"""Reports: fixed-width text tables (naeval/slovnet style) and plain dict forms for JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .score import F1

if TYPE_CHECKING:
    from .factru import FactReport
    from .nerel import NerelReport


def format_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A fixed-width table: first column left-aligned, the others right-aligned, floats as 0.000."""

    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:.3f}"
        return str(v)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[k]) for r in cells)) for k, h in enumerate(header)]

    def line(values: Sequence[str]) -> str:
        first = values[0].ljust(widths[0])
        rest = [v.rjust(w) for v, w in zip(values[1:], widths[1:])]
        return "  ".join([first, *rest]).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line([str(h) for h in header]), rule, *(line(r) for r in cells)])


def _count(v: float) -> str:
    """Counts as integers, soft (fractional) counts with one decimal."""
    v = round(v, 6)
    return str(int(v)) if v.is_integer() else f"{v:.1f}"


def _f1_row(name: str, f: F1) -> list[Any]:
    return [name, f.precision, f.recall, f.f1, _count(f.tp), _count(f.n_pred), _count(f.n_gold)]


def _pair_row(name: str, exact: F1, overlap: F1) -> list[Any]:
    return [
        name,
        exact.precision, exact.recall, exact.f1,
        overlap.precision, overlap.recall, overlap.f1,
        _count(exact.n_pred), _count(exact.n_gold),
    ]  # fmt: skip


def _speed(docs: int, load_seconds: float, seconds: float) -> str:
    rate = docs / seconds if seconds else 0.0
    return f"{docs} docs, pipeline load {load_seconds:.1f} s, run {seconds:.1f} s, {rate:.2f} docs/s"


def nerel_table(report: NerelReport) -> str:
    """Exact and overlap P/R/F1 per type, micro over the six contract types, links and speed."""
    header = ["type", "P", "R", "F1", "P~", "R~", "F1~", "pred", "gold"]
    rows = [_pair_row(t, report.exact[t], report.overlap[t]) for t in report.exact]
    rows.append(_pair_row("micro (6 types)", report.micro_exact, report.micro_overlap))
    entities = format_table(header, rows)
    links = format_table(["link", "P", "R", "F1", "tp", "pred", "gold"], [_f1_row("WORKS_AS", report.link)])
    footer = _speed(report.docs, report.load_seconds, report.seconds)
    legend = "P/R/F1: exact span; P~/R~/F1~: overlap (one-to-one)"
    return "\n\n".join([entities, links, legend + "\n" + footer])


def factru_table(report: FactReport) -> str:
    """Track-1 mention scores per tag and track-3 fact scores (soft and strict)."""
    header = ["entities", "P", "R", "F1", "tp", "pred", "gold"]
    rows = [_f1_row(t, report.entities[t]) for t in report.entities]
    rows.append(_f1_row("overall", report.entities_overall))
    facts = [_f1_row(t, report.facts[t]) for t in report.facts]
    facts += [_f1_row(t + " strict", report.facts_strict[t]) for t in report.facts_strict]
    footer = _speed(report.docs, report.load_seconds, report.seconds)
    return "\n\n".join([format_table(header, rows), format_table(["facts", *header[1:]], facts), footer])


def _run_dict(report: NerelReport | FactReport) -> dict[str, Any]:
    """What every report says about the run itself: documents and time."""
    return {
        "docs": report.docs,
        "seconds": report.seconds,
        "load_seconds": report.load_seconds,
        "docs_per_second": report.docs_per_second,
    }


def nerel_dict(report: NerelReport) -> dict[str, Any]:
    return {
        **_run_dict(report),
        "exact": {t: f.as_dict() for t, f in report.exact.items()},
        "overlap": {t: f.as_dict() for t, f in report.overlap.items()},
        "micro": {"exact": report.micro_exact.as_dict(), "overlap": report.micro_overlap.as_dict()},
        "link": report.link.as_dict(),
    }


def factru_dict(report: FactReport) -> dict[str, Any]:
    return {
        **_run_dict(report),
        "entities": {t: f.as_dict() for t, f in report.entities.items()},
        "entities_overall": report.entities_overall.as_dict(),
        "facts": {t: f.as_dict() for t, f in report.facts.items()},
        "facts_strict": {t: f.as_dict() for t, f in report.facts_strict.items()},
    }
