"""spaCy components of the pipeline; importing this package registers their factories."""

from . import (
    entities,
    events,  # noqa: F401  (registers dipextract_events)
    morphology,
    ner,
    syntax,
)

__all__ = ["entities", "morphology", "ner", "syntax"]
