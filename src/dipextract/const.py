"""Names shared across the pipeline: contract labels, span keys, the schema string."""

from __future__ import annotations

SCHEMA = "dipextract/1"

PERSON = "PERSON"
POST = "POST"
COUNTRY = "COUNTRY"
CITY = "CITY"
REGION = "REGION"
ORGANIZATION = "ORGANIZATION"
DATE = "DATE"

ENTITY_TYPES: tuple[str, ...] = (PERSON, POST, COUNTRY, CITY, REGION, ORGANIZATION, DATE)

EVENT_TYPES: tuple[str, ...] = ("meeting", "talks", "visit", "session", "forum", "signing", "other")
EVENT_STATUSES: tuple[str, ...] = ("held", "planned", "cancelled")

# doc.spans keys: candidate mentions from each source, and the resolved mentions.
SPANS_NER = "dipextract_ner"
SPANS_TAGGER = "dipextract_tagger"
SPANS_GAZETTEER = "dipextract_gazetteer"
SPANS_DATES = "dipextract_dates"
SPANS_MENTIONS = "dipextract_mentions"
