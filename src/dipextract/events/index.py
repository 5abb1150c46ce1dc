"""What the events layer needs from the entity layer: entities by id and the mentions each token starts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from ..const import COUNTRY, ORGANIZATION, PERSON, POST, SPANS_MENTIONS
from ..morph_features import feature
from ..posts import post_heads
from .lexicon import cue, trigger_lemmas
from .roles import role_holder


@dataclass(frozen=True, slots=True)
class Ref:
    """One entity mention over tokens [start, end)."""

    start: int
    end: int
    type: str
    entity: str


class EntityIndex:
    """Entity dicts by id and their mentions by token, for looking up who and where a phrase names."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entities: dict[str, dict[str, Any]] = {e["id"]: e for e in (doc._.entities or [])}
        self.refs: list[Ref] = []
        for span in doc.spans.get(SPANS_MENTIONS, []):
            if span.kb_id_ in self.entities:
                self.refs.append(Ref(span.start, span.end, span.label_, span.kb_id_))
        self.refs.sort(key=lambda r: (r.start, -r.end))
        self.by_start: dict[int, list[Ref]] = {}
        self.by_entity: dict[str, list[Ref]] = {}
        for r in self.refs:
            self.by_start.setdefault(r.start, []).append(r)
            self.by_entity.setdefault(r.entity, []).append(r)
        self.by_token: dict[int, list[Ref]] = {}
        for r in self.refs:
            for i in range(r.start, r.end):
                self.by_token.setdefault(i, []).append(r)

    def covering(self, tok: Token, *types: str) -> list[Ref]:
        return [r for r in self.by_token.get(tok.i, []) if not types or r.type in types]

    def within(self, tokens: Iterable[Token], *types: str) -> list[Ref]:
        """Mentions whose first token is among tokens, outermost first, in text order."""
        starts = sorted({t.i for t in tokens})  # by_start keeps refs sorted by (start, -end) like self.refs
        return [r for i in starts for r in self.by_start.get(i, []) if not types or r.type in types]

    def country_by_iso(self, iso: str | None) -> str | None:
        """The COUNTRY entity of the doc with this ISO code (None when the text never names it as a country)."""
        if not iso:
            return None
        return next(
            (e["id"] for e in self.entities.values() if e["type"] == COUNTRY and e.get("iso") == iso), None
        )

    def _stems(self, ref: Ref) -> list[str]:
        """Lowercase words of a post mention without its country words ("российского министра обороны" -> министра, обороны)."""
        inner = {
            i
            for j in range(ref.start, ref.end)
            for r in self.by_start.get(j, [])
            if r.type == COUNTRY and r.end <= ref.end
            for i in range(r.start, r.end)
        }
        return [
            t.lower_
            for t in self.doc[ref.start : ref.end]
            if t.i not in inner and t.text.replace("-", "").isalpha() and len(t) > 2
        ]  # "Премьер-министр" too

    def holder_elsewhere(self, ref: Ref, head: Token | None = None) -> list[str]:
        """The named holder of an unnamed post: the one person of the doc holding a post of that head, words, country."""
        stems = self._stems(ref) if ref.type == POST else []
        if head is not None and head.lemma_ in post_heads():
            stems = [head.lemma_] + [s for s in stems if s != head.lower_]
        if not stems:
            return []
        isos = {
            self.entities[r.entity].get("iso")
            for j in range(ref.start, ref.end)
            for r in self.by_start.get(j, [])
            if r.type == COUNTRY and r.end <= ref.end
        }
        found = []
        for post_id, post in self.entities.items():
            if post["type"] != POST or post.get("holder") not in self.entities or post_id == ref.entity:
                continue
            refs = self.by_entity.get(post_id, [])
            if not refs:
                continue
            other = self._stems(refs[0])
            holder = self.entities[post["holder"]]
            country = post.get("country") or holder.get("country")
            if (
                other
                and _same_word(other[0], stems[0])
                and all(any(_same_word(a, b) for b in other) for a in stems)
                and (not isos or country in isos)
            ):
                found.append(post["holder"])
        found = _unique(found)
        return found if len(found) == 1 else []

    def agents(self, tokens: list[Token], head: Token | None = None) -> list[str]:
        """Entity ids a phrase stands for: its persons, else holders of its posts, else its countries and bodies."""
        refs = self.within(tokens)
        persons = _unique(r.entity for r in refs if r.type == PERSON)
        if persons:
            return persons
        holders = _unique(self.entities[r.entity].get("holder") for r in refs if r.type == POST)
        holders = [h for h in holders if h in self.entities]
        if holders:
            return holders
        posts = [r for r in refs if r.type == POST]
        for r in posts:
            holders += self.holder_elsewhere(r)
        if not holders and head is not None and head.lemma_ in post_heads():
            # "президенты России и Сербии": one holder per named country
            for c in (r for r in refs if r.type == COUNTRY):
                holders += self.holder_elsewhere(Ref(c.start, c.end, "COUNTRY", c.entity), head)
        holders += role_holder(self.entities, refs, head) if not holders else []
        if holders:
            return _unique(holders)
        # "российские инспекторы посетят": an unnamed group of people stands for its country
        group = (
            head is not None
            and head.pos_ == "NOUN"
            and "Anim" in feature(head, "Animacy")
            and feature(head, "Number") == ["Plur"]
            and head.lemma_ not in post_heads()
        )
        # "кыргызско-казахстанского форума": an adjective names the parties of an event or a joint body
        eventful = head is not None and (
            head.lemma_ in trigger_lemmas()
            or any(t.lemma_.startswith(b) for t in tokens for b in cue("body") if t.pos_ == "NOUN")
        )
        bodies: list[str] = []
        for r in refs:
            if r.type not in (COUNTRY, ORGANIZATION):
                continue
            if (
                r.type == COUNTRY
                and self.doc[r.start].pos_ == "ADJ"
                and not eventful
                and not group
                and not any(p.start <= r.start and r.end <= p.end for p in posts)
            ):
                continue  # "японские ультраправые", "российского правительства": an adjective is not a party
            if (
                r.type == COUNTRY
                and any(p.start <= r.start and r.end <= p.end for p in posts)
                and any(o.type == ORGANIZATION and o.start <= r.start and r.end <= o.end for o in refs)
            ):
                continue  # "министр иностранных дел Японии": the ministry's country stands via the post
            if any(
                o.type in (COUNTRY, ORGANIZATION)
                and o.start <= r.start
                and r.end <= o.end
                and (o.start, o.end) != (r.start, r.end)
                for o in refs
            ):
                continue  # nested inside a named body
            bodies.append(r.entity)
        return _unique(bodies)

    def salient_person(self, exclude: Iterable[str] = ()) -> str | None:
        """The doc's most often named person (first named on ties): who a bare "изобретатель" or "понтифик" means."""
        skip = set(exclude)
        people = [e for e in self.entities.values() if e["type"] == PERSON and e["id"] not in skip]
        if not people:
            return None
        # one person split by the entity layer ("В.Зворыкин", "Владимир Зворыкин") counts as one
        by_surname: dict[str, int] = {}
        for e in people:
            surname = e["name"].split()[-1].lower() if e["name"].split() else ""
            by_surname[surname] = by_surname.get(surname, 0) + len(e["mentions"])
        return max(
            people,
            key=lambda e: (
                by_surname[e["name"].split()[-1].lower() if e["name"].split() else ""],
                len(e["mentions"]),
                -min(s for s, _e in e["mentions"]),
            ),
        )["id"]

    def post_of(self, entity_id: str, near: int) -> str | None:
        """The participant's post as the text gives it: of the held POSTs, one that says where (a country or
        an organisation: "Премьер-министр Великобритании" rather than "политик"), mentioned nearest to near."""
        ent = self.entities.get(entity_id, {})
        best: tuple[tuple[int, int], str] | None = None
        for pid in ent.get("posts") or []:
            post = self.entities.get(pid)
            if post is None:
                continue
            vague = int(not (post.get("country") or post.get("organization")))
            key = (vague, min(abs(s - near) for s, _e in post["mentions"]))
            if best is None or key < best[0]:
                best = (key, post["name"])
        return best[1] if best else None


def _same_word(a: str, b: str) -> bool:
    """Two forms of one word: a shared stem all but the endings long ("главы"/"глава", not "первосвятитель"/"первоверховный")."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n == len(a) == len(b) or n >= max(4, min(len(a), len(b)) - 2)


def _unique(items: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out
