"""The only place contract objects are built: a processed Doc -> schema.Document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import TypeAdapter
from spacy.tokens import Doc

from .schema import Document, Entity, Event, Sentence, Token
from .segments import doc_text

_ENTITY = TypeAdapter(Entity)


def _mention(text: str, start: int, end: int) -> dict[str, Any]:
    """A `Mention` as plain data: pydantic builds it while validating the entity (one call, not one each)."""
    return {"start": start, "end": end, "text": text[start:end]}


def _entity(text: str, record: dict[str, Any]) -> Any:
    data = dict(record)
    data["mentions"] = [_mention(text, s, e) for s, e in record["mentions"]]
    if "holder_mentions" in record:
        data["holder_mentions"] = [
            _mention(text, *pair) if pair is not None else None for pair in record["holder_mentions"]
        ]
    return _ENTITY.validate_python(data)


def _tokens(doc: Doc) -> tuple[list[Sentence], list[Token]]:
    sentences = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            sentences.append(Sentence(start=words[0].idx, end=words[-1].idx + len(words[-1].text)))
    tokens = [
        Token(
            start=t.idx,
            end=t.idx + len(t.text),
            text=t.text,
            lemma=t.lemma_ or t.text.lower(),
            pos=t.pos_ or "X",
            feats=dict(t.morph.to_dict()),
        )
        for t in doc
        if not t.is_space
    ]
    return sentences, tokens


def to_document(
    doc: Doc,
    *,
    doc_id: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    tokens: bool = False,
    include_text: bool = False,
) -> Document:
    """Contract Document of a processed Doc; `published` falls back to the dateline the pipeline found."""
    text = doc_text(doc)
    anchor = published or (dt.date.fromisoformat(doc._.published) if doc._.published else None)
    entities = [_entity(text, e) for e in (doc._.entities or [])]
    events = [Event.model_validate(v) for v in (doc._.events or [])] if Doc.has_extension("events") else []
    sentences, token_list = _tokens(doc) if tokens else (None, None)
    return Document(
        doc_id=doc_id,
        source=source,
        published=anchor,
        entities=entities,
        events=events,
        text=text if include_text else None,
        sentences=sentences,
        tokens=token_list,
    )
