"""dipextract: meetings, visits and planned events from Russian government and diplomatic news."""

from __future__ import annotations

from .api import extract, extract_many, load
from .schema import Document

__version__ = "0.1.0"

__all__ = ["Document", "__version__", "extract", "extract_many", "load"]
