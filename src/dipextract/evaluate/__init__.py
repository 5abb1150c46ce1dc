"""Quality measured, not asserted: NEREL, FactRuEval-2016 and events-dev scores for the pipeline."""

from __future__ import annotations

from .events import evaluate_events
from .factru import FactReport, evaluate_factrueval
from .nerel import NerelReport, evaluate_nerel
from .score import F1

__all__ = ["F1", "FactReport", "NerelReport", "evaluate_events", "evaluate_factrueval", "evaluate_nerel"]
