"""Event trigger and cue lexicons, read once from the package data files."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Phrase:
    """A multi-word trigger: words matched against lemma or lowercase form, the event type it gives."""

    words: tuple[str, ...]
    type: str


def _rows(name: str) -> list[list[str]]:
    text = resources.files("dipextract.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.cache
def landmarks() -> dict[str, str]:
    """Seat of government (organisation name) -> the city it stands for, from landmarks.tsv."""
    return {row[0].strip(): row[1].strip() for row in _rows("landmarks.tsv")}


@functools.cache
def trigger_lemmas() -> dict[str, str]:
    """Single-word trigger lemma -> contract event type."""
    return {row[0]: row[1] for row in _rows("event_triggers.tsv") if " " not in row[0]}


@functools.cache
def trigger_phrases() -> tuple[Phrase, ...]:
    """Multi-word triggers, longest first."""
    phrases = [Phrase(tuple(row[0].split()), row[1]) for row in _rows("event_triggers.tsv") if " " in row[0]]
    return tuple(sorted(phrases, key=lambda p: -len(p.words)))


@functools.cache
def cues() -> dict[str, frozenset[str]]:
    """Role -> cue lemmas (single words) from event_cues.tsv."""
    out: dict[str, set[str]] = {}
    for row in _rows("event_cues.tsv"):
        out.setdefault(row[1], set()).add(row[0])
    return {role: frozenset(words) for role, words in out.items()}


def cue(role: str) -> frozenset[str]:
    """Cue lemmas of one role (empty when the role is unknown)."""
    return cues().get(role, frozenset())
