"""Invariants every output keeps, checked by many tests."""

from __future__ import annotations

from typing import Any


def assert_contract(text: str, document: Any) -> None:
    """Invariants every output keeps: offsets slice the text, ids are unique and resolve, schema string."""
    data = document.model_dump(by_alias=True)
    assert data["schema"] == "dipextract/1"
    ids = [e["id"] for e in data["entities"]]
    assert len(ids) == len(set(ids))
    known = set(ids)
    for entity in data["entities"]:
        assert entity["mentions"], entity
        for m in entity["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
        for key in ("holder", "organization"):
            if entity.get(key) is not None:
                assert entity[key] in known
        for post in entity.get("posts", []):
            assert post in known
    for event in data["events"]:
        assert text[event["trigger"]["start"] : event["trigger"]["end"]] == event["trigger"]["text"]
        for p in event["participants"]:
            assert p["entity"] in known
        loc = event["location"]
        if loc:
            for key in ("city", "country"):
                assert loc[key] is None or loc[key] in known
