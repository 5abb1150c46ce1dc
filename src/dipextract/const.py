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

# doc.spans keys: the statistical tagger's candidate mentions, and the resolved mentions.
SPANS_NER = "dipextract_ner"
SPANS_MENTIONS = "dipextract_mentions"

# doc.user_data keys: {token index: head index} of the parsed non-root words and {token index: relation}
# of the parsed words, which token._.syn_head and token._.syn_rel read
ARCS = "dipextract.arcs"
RELS = "dipextract.rels"

# the dash characters of news text: a hyphen, an en dash and an em dash
DASHES = frozenset({"-", "–", "—"})
