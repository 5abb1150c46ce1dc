"""The committed JSON Schema is the one generated from the models, and it carries the contract's fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dipextract.cli import app, document_schema

COMMITTED = Path(__file__).resolve().parents[1] / "schema" / "dipextract-1.json"

# Field lists of /work/shared/output-contract.md ("dipextract/1").
CONTRACT: dict[str, set[str]] = {
    "Document": {
        "schema",
        "doc_id",
        "source",
        "published",
        "language",
        "entities",
        "events",
        "sentences",
        "tokens",
    },
    "Mention": {"start", "end", "text"},
    "Sentence": {"start", "end"},
    "Token": {"start", "end", "text", "lemma", "pos", "feats"},
    "Person": {"id", "type", "name", "mentions", "first", "middle", "last", "posts", "country"},
    "Post": {"id", "type", "name", "mentions", "holder", "organization", "country"},
    "Country": {"id", "type", "name", "mentions", "iso"},
    "City": {"id", "type", "name", "mentions", "country"},
    "Region": {"id", "type", "name", "mentions", "country"},
    "Organization": {"id", "type", "name", "mentions", "country"},
    "Date": {"id", "type", "name", "mentions", "value"},
    "Event": {"id", "type", "status", "trigger", "participants", "location", "when", "occasion", "evidence"},
    "Participant": {"entity", "name", "post"},
    "Location": {"city", "country", "text"},
    "When": {"text", "value"},
    "Evidence": {"start", "end"},
}
ENTITY_TYPES = {"PERSON", "POST", "COUNTRY", "CITY", "REGION", "ORGANIZATION", "DATE"}
EVENT_TYPES = {"meeting", "talks", "visit", "session", "forum", "signing", "other"}
STATUSES = {"held", "planned", "cancelled"}


@pytest.fixture(scope="module")
def generated() -> dict:
    return document_schema()


def _properties(schema: dict, name: str) -> set[str]:
    node = schema if name == "Document" else schema["$defs"][name]
    return set(node["properties"])


def test_committed_schema_is_generated_one(generated: dict) -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == generated, "regenerate with: dipextract schema > schema/dipextract-1.json"


def test_schema_command_prints_it(generated: dict) -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == generated


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_contract_fields_present(generated: dict, name: str) -> None:
    assert CONTRACT[name] <= _properties(generated, name)


def test_contract_values(generated: dict) -> None:
    defs = generated["$defs"]
    assert generated["properties"]["schema"]["const"] == "dipextract/1"
    entity_types = {
        defs[name]["properties"]["type"]["const"] for name in CONTRACT if "mentions" in CONTRACT[name]
    }
    assert entity_types == ENTITY_TYPES
    assert set(defs["Event"]["properties"]["type"]["enum"]) == EVENT_TYPES
    assert set(defs["Event"]["properties"]["status"]["enum"]) == STATUSES
