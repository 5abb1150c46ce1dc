"""The internal record of a mention while entities are being resolved (plain data, no spaCy objects kept)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Mention:
    """A typed stretch of text: char offsets, token range, and what normalisation found out about it."""

    start: int
    end: int
    type: str
    text: str
    token_start: int
    token_end: int
    source: str  # "tagger", "slovnet", "gazetteer", "rules", "dates"
    name: str = ""
    iso: str | None = None  # COUNTRY: its code; CITY/REGION/ORG: the country it belongs to
    value: str | None = None  # DATE
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    entity: str | None = None  # entity id once clustered

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Mention) -> bool:
        return self.start <= other.start and other.end <= self.end
