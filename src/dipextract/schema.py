"""Pydantic models of the output contract (schema "dipextract/1"); the JSON Schema is generated from them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .const import SCHEMA


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Mention(_Model):
    """A place in the text where an entity is named; `text[start:end] == text`."""

    start: int = Field(description="Start offset (code points) into the text as read.")
    end: int = Field(description="End offset, exclusive.")
    text: str = Field(description="The mention exactly as written.")


class Sentence(_Model):
    start: int
    end: int


class Token(_Model):
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    feats: dict[str, str] = Field(default_factory=dict)


class _Entity(_Model):
    id: str = Field(description="Document-unique id, e1, e2, … in reading order.")
    type: str = Field(description="Entity type, one of the contract's labels.")
    name: str = Field(description="Normalised name: nominative case, canonical spelling.")
    mentions: list[Mention] = Field(description="Every place the entity is named.")


class Person(_Entity):
    type: Literal["PERSON"] = "PERSON"
    first: str | None = Field(default=None, description="Given name, nominative.")
    middle: str | None = Field(default=None, description="Patronymic, nominative.")
    last: str | None = Field(default=None, description="Surname, nominative.")
    posts: list[str] = Field(default_factory=list, description="Ids of POST entities held by this person.")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 or null.")


class Post(_Entity):
    type: Literal["POST"] = "POST"
    holder: str | None = Field(default=None, description="PERSON id or null.")
    holder_mentions: list[Mention | None] = Field(
        default_factory=list,
        description="Parallel to `mentions`: the holder's mention each post mention was linked to (null where "
        "that mention has no holder of its own); empty when the post has no holder.",
    )
    organization: str | None = Field(default=None, description="ORGANIZATION id or null.")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 or null.")


class Country(_Entity):
    type: Literal["COUNTRY"] = "COUNTRY"
    iso: str | None = Field(default=None, description="ISO 3166-1 alpha-2 (null only for historical states).")


class City(_Entity):
    type: Literal["CITY"] = "CITY"
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 or null.")


class Region(_Entity):
    type: Literal["REGION"] = "REGION"
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 or null.")


class Organization(_Entity):
    type: Literal["ORGANIZATION"] = "ORGANIZATION"
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 or null.")


class Date(_Entity):
    type: Literal["DATE"] = "DATE"
    value: str | None = Field(default=None, description="ISO 8601 date, interval start/end, or null.")


Entity = Annotated[Person | Post | Country | City | Region | Organization | Date, Field(discriminator="type")]


class Span(_Model):
    start: int
    end: int
    text: str


class Evidence(_Model):
    start: int
    end: int


class Participant(_Model):
    entity: str = Field(description="Entity id.")
    name: str = Field(description="The entity's normalised name.")
    post: str | None = Field(default=None, description="The participant's post as the text gives it.")


class Location(_Model):
    city: str | None = Field(default=None, description="CITY entity id or null.")
    country: str | None = Field(default=None, description="COUNTRY entity id or null.")
    text: str | None = Field(default=None, description="The place as written.")


class When(_Model):
    text: str = Field(description="The time expression, verbatim with its preposition.")
    value: str | None = Field(default=None, description="ISO 8601 date or interval, or null.")


class Event(_Model):
    id: str = Field(description="Document-unique id, v1, v2, …")
    type: Literal["meeting", "talks", "visit", "session", "forum", "signing", "other"]
    status: Literal["held", "planned", "cancelled"]
    trigger: Span
    participants: list[Participant] = Field(default_factory=list)
    location: Location | None = None
    when: When | None = None
    occasion: str | None = None
    evidence: Evidence


class Document(_Model):
    """One article's entities and events, as fixed by the output contract."""

    schema_: Literal["dipextract/1"] = Field(default=SCHEMA, alias="schema", serialization_alias="schema")
    doc_id: str | None = None
    source: str | None = None
    published: dt.date | None = None
    language: str = "ru"
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    text: str | None = Field(default=None, description="The text offsets refer to (with --include-text).")
    sentences: list[Sentence] | None = None
    tokens: list[Token] | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def to_json(self, *, indent: int | None = None) -> str:
        """Contract JSON: `schema` key, nulls kept, optional analysis layers left out when not asked for."""
        exclude = {k for k in ("text", "sentences", "tokens") if getattr(self, k) is None}
        return self.model_dump_json(by_alias=True, indent=indent, exclude=exclude)
