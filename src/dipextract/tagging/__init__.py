"""Statistical nested-NER tagging (NEREL-trained) for people, posts, places and organisations."""

from __future__ import annotations

from dipextract.tagging.model import LABELS, NerelTagger

__all__ = ["LABELS", "NerelTagger"]
