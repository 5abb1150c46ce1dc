"""Flat CSV tables of a batch: `events.csv` (one row per event) and `entities.csv` (one row per entity)."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from .schema import Document

EVENTS_FILE = "events.csv"
ENTITIES_FILE = "entities.csv"
SEPARATOR = "; "

EVENT_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "source",
    "event_id",
    "type",
    "status",
    "trigger",
    "trigger_start",
    "trigger_end",
    "participants",
    "participant_ids",
    "place",
    "city",
    "country",
    "time",
    "time_value",
    "occasion",
    "evidence_start",
    "evidence_end",
)
ENTITY_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "source",
    "entity_id",
    "type",
    "name",
    "mentions",
    "first_start",
    "first_end",
    "mention_texts",
    "first",
    "middle",
    "last",
    "posts",
    "holder",
    "organization",
    "country",
    "value",
)


def _participant(name: str, post: str | None) -> str:
    return f"{name} ({post})" if post else name


def event_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One row per event: who (with posts), where (as written and resolved), when, status, evidence span."""
    names = {entity.id: entity.name for entity in doc.entities}
    for event in doc.events:
        location = event.location
        yield {
            "doc_id": doc.doc_id,
            "source": doc.source,
            "event_id": event.id,
            "type": event.type,
            "status": event.status,
            "trigger": event.trigger.text,
            "trigger_start": event.trigger.start,
            "trigger_end": event.trigger.end,
            "participants": SEPARATOR.join(_participant(p.name, p.post) for p in event.participants),
            "participant_ids": SEPARATOR.join(p.entity for p in event.participants),
            "place": location.text if location else None,
            "city": names.get(location.city) if location and location.city else None,
            "country": names.get(location.country) if location and location.country else None,
            "time": event.when.text if event.when else None,
            "time_value": event.when.value if event.when else None,
            "occasion": event.occasion,
            "evidence_start": event.evidence.start,
            "evidence_end": event.evidence.end,
        }


def entity_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One row per entity with its type-specific fields; `country` is the ISO code for COUNTRY entities."""
    for entity in doc.entities:
        fields = entity.model_dump()
        mentions = entity.mentions
        yield {
            "doc_id": doc.doc_id,
            "source": doc.source,
            "entity_id": entity.id,
            "type": entity.type,
            "name": entity.name,
            "mentions": len(mentions),
            "first_start": mentions[0].start if mentions else None,
            "first_end": mentions[0].end if mentions else None,
            "mention_texts": SEPARATOR.join(dict.fromkeys(m.text for m in mentions)),
            "first": fields.get("first"),
            "middle": fields.get("middle"),
            "last": fields.get("last"),
            "posts": SEPARATOR.join(fields.get("posts") or ()),
            "holder": fields.get("holder"),
            "organization": fields.get("organization"),
            "country": fields.get("iso") if entity.type == "COUNTRY" else fields.get("country"),
            "value": fields.get("value"),
        }


class TableWriter:
    """Streams the rows of many Documents into temporary files next to the tables; `close` puts them in place.

    On an error the temporary files are removed; on Ctrl+C the rows so far are kept (whole documents only).
    """

    def __init__(self, out_dir: Path) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.paths = (out_dir / EVENTS_FILE, out_dir / ENTITIES_FILE)
        self._files = [
            tempfile.NamedTemporaryFile(
                "w",
                encoding="utf-8",
                newline="",
                dir=out_dir,
                prefix=f".{path.name}.",
                suffix=".tmp",
                delete=False,
            )
            for path in self.paths
        ]
        self._events = csv.DictWriter(self._files[0], EVENT_COLUMNS)
        self._entities = csv.DictWriter(self._files[1], ENTITY_COLUMNS)
        self._events.writeheader()
        self._entities.writeheader()

    def add(self, doc: Document) -> None:
        self._events.writerows(event_rows(doc))
        self._entities.writerows(entity_rows(doc))

    def close(self) -> tuple[Path, Path]:
        for handle, path in zip(self._files, self.paths):
            handle.close()
            os.replace(handle.name, path)
        return self.paths

    def discard(self) -> None:
        for handle in self._files:
            handle.close()
            Path(handle.name).unlink(missing_ok=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is None or issubclass(kind, KeyboardInterrupt):
            self.close()
        else:
            self.discard()
