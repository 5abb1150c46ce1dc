"""Events of the contract (meetings, talks, visits, sessions, forums, signings) with who, where, when and status."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..events.extract import extract_events
from ..events.lexicon import cues, trigger_lemmas

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


class EventExtractor:
    """Sets `doc._.events`: plain dicts shaped like `schema.Event`, in reading order, ids v1, v2, …"""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        trigger_lemmas()  # load the lexicons once, at pipeline build time
        cues()

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = extract_events(doc)
        return doc


@Language.factory(
    "dipextract_events",
    assigns=["doc._.events"],
    requires=[
        "doc._.entities",
        "doc.spans",
        "token._.syn_head",
        "token._.syn_rel",
        "token.morph",
        "token.lemma",
    ],
)
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    return EventExtractor(nlp, name)
