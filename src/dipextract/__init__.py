"""dipextract: meetings, visits and planned events from Russian government and diplomatic news.

The public names are imported on first use (PEP 562), so that the console script can hand a call to a
resident `dipextract serve` without importing spaCy or pydantic first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import extract, extract_many, load
    from .schema import Document

__version__ = "0.1.0"

__all__ = ["Document", "__version__", "extract", "extract_many", "load"]

_LAZY = {"extract": "api", "extract_many": "api", "load": "api", "Document": "schema"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
