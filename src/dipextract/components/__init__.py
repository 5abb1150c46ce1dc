"""spaCy components of the pipeline; importing this package registers their factories."""

from . import entities, morphology, ner, syntax
from . import events  # noqa: F401  (registers dipextract_events)

__all__ = ["entities", "morphology", "ner", "syntax"]
