"""spaCy components of the pipeline; importing this package registers their factories."""

from . import entities, morphology, ner, syntax

__all__ = ["entities", "morphology", "ner", "syntax"]
