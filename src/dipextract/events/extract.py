"""The events of one analysed doc, as plain dicts in the shape of `schema.Event`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from ..const import COUNTRY, DATE, ORGANIZATION, PERSON, POST
from ..morph_features import feature
from ..segments import sentence_indices
from .index import EntityIndex
from .lexicon import cue
from .merge import Draft, merge_drafts
from .participants import find_participants
from .place_time import ahead, find_location, find_occasion, find_when, when_of
from .status import find_status
from .tree import Tree
from .triggers import PLURALIA, Trigger, find_triggers, trigger_word_hashes


class _Sentences(Sequence[list[Token]]):
    """The word tokens of each Russian sentence, made when first read: most sentences hold no trigger word
    and are never read (a Token object for every word was half of the time of event extraction)."""

    def __init__(self, doc: Doc) -> None:
        self._doc = doc
        self._words = sentence_indices(doc, russian=True)
        self._made: dict[int, list[Token]] = {}
        # per token: is its lemma or lower-case form one a trigger can begin with (numpy: the 64-bit string
        # ids never become Python ints)
        self._cue = np.isin(doc.to_array([LEMMA, LOWER]), trigger_word_hashes()).any(axis=1).tolist()

    def __len__(self) -> int:
        return len(self._words)

    def __getitem__(self, si: int) -> list[Token]:  # type: ignore[override]  (no slices)
        tokens = self._made.get(si)
        if tokens is None:
            tokens = self._made[si] = [self._doc[i] for i in self._words[si]]
        return tokens

    def may_trigger(self, si: int) -> bool:
        """Whether a word of sentence si has a lemma or lower-case form a trigger can begin with."""
        cue = self._cue
        return any(cue[i] for i in self._words[si])


def _evidence(words: Sequence[Token]) -> dict[str, int]:
    return {"start": words[0].idx, "end": words[-1].idx + len(words[-1].text)}


def _opens_with(words: Sequence[Token], role: str) -> bool:
    """Does the sentence open with one of the role's cue phrases ("кроме того", "в программе визита")?"""
    opening = " ".join(w.lower_ for w in words[:3])
    return any(opening.startswith(c) for c in cue(role))


def _in_programme(words: Sequence[Token], drafts: list[Draft]) -> Draft | None:
    """ "В программе визита — переговоры …": the visit (the latest one read) whose programme the sentence lists."""
    if not _opens_with(words, "programme"):
        return None
    return next((d for d in reversed(drafts) if d.type == "visit" and d.participants), None)


def _lend_visit(visit: Draft, listed: list[Draft]) -> None:
    """The events of a visit's programme that name nobody take the visit's people, status, time and place."""
    for d in listed:
        if d.type != "visit" and not d.participants:
            d.status, d.participants = visit.status, list(visit.participants)
            d.persons, d.people, d.keys = list(visit.persons), visit.people, set(visit.keys)
            d.when, d.location = d.when or visit.when, d.location or visit.location


def _elaborates(words: Sequence[Token]) -> bool:
    """ "В частности, запланировано ...": the sentence lists what the previous one announced."""
    return _opens_with(words, "elaboration")


def _drop_represented(agents: list[str], index: EntityIndex) -> list[str]:
    """A country does not stand beside a participant who already represents it."""
    isos = {index.entities[a].get("country") for a in agents if index.entities[a]["type"] == PERSON}
    return [
        a
        for a in agents
        if not (index.entities[a]["type"] == COUNTRY and index.entities[a].get("iso") in isos)
    ]


def _participant(entity_id: str, index: EntityIndex, words: Sequence[Token], near: int) -> dict[str, Any]:
    ent = index.entities[entity_id]
    post = index.post_of(entity_id, near) if ent["type"] == PERSON else None
    if ent["type"] == COUNTRY:  # an unnamed "Президент Кыргызской Республики" stands for the country
        posts = [
            r
            for r in index.within(words, POST)
            if index.entities[r.entity].get("holder") is None
            and any(c.entity == entity_id for c in index.refs if r.start <= c.start and c.end <= r.end)
        ]
        post = index.entities[posts[0].entity]["name"] if posts else None
    return {"entity": entity_id, "name": ent["name"], "post": post}


def _key(name: str) -> str:
    return name.lower().replace("ё", "е").split()[-1] if name.split() else name.lower()


def _annotate(d: Draft, words: Sequence[Token], index: EntityIndex) -> None:
    """Keys the merger compares: surnames and bodies, participating countries, countries around the trigger."""
    ents = [index.entities[p] for p in d.participants]
    d.keys = {_key(e["name"]) for e in ents if e["type"] != COUNTRY}
    d.people = any(e["type"] == PERSON for e in ents)
    d.persons = [p for p in d.participants if index.entities[p]["type"] == PERSON]
    d.organizations = {p for p in d.participants if index.entities[p]["type"] == ORGANIZATION}
    d.countries = {e["iso"] for e in ents if e["type"] == COUNTRY and e.get("iso")}
    d.context = {e.get("country") for e in ents if e["type"] == PERSON and e.get("country")}
    for r in index.within(words):
        ent = index.entities[r.entity]
        iso = ent.get("iso") if ent["type"] == COUNTRY else ent.get("country")
        if iso and isinstance(iso, str) and len(iso) == 2:
            d.context.add(iso)


def _draft(
    trig: Trigger, words: Sequence[Token], si: int, tree: Tree, index: EntityIndex, published: dt.date | None
) -> Draft:
    doc = words[0].doc
    tok = doc[trig.head]
    found = find_participants(trig, words, tree, index)
    span = doc[trig.start : trig.end]
    draft = Draft(
        type=trig.type,
        status=find_status(tok, words, tree),
        trigger={"start": span.start_char, "end": span.end_char, "text": span.text},
        participants=_drop_represented(found.agents, index),
        location=find_location(tok, words, tree, index),
        when=find_when(tok, words, tree, index, published),
        occasion=find_occasion(tok, words, tree),
        evidence=_evidence(words),
        sentence=si,
        anaphoric=found.anaphoric,
        sides=found.sides,
        joins=found.joins,
        several=tok.pos_ == "NOUN" and feature(tok, "Number") == ["Plur"] and tok.lemma_ not in PLURALIA,
        head=tok.lemma_,
    )
    _annotate(draft, words, index)
    return draft


def _plain(draft: Draft, n: int, index: EntityIndex, sentences: Sequence[list[Token]]) -> dict[str, Any]:
    words = sentences[draft.sentence]
    near = draft.trigger["start"]
    return {
        "id": f"v{n}",
        "type": draft.type,
        "status": draft.status,
        "trigger": draft.trigger,
        "participants": [_participant(p, index, words, near) for p in draft.participants],
        "location": draft.location,
        "when": draft.when,
        "occasion": draft.occasion,
        "evidence": draft.evidence,
    }


def _body(d: Draft, sentences: Sequence[list[Token]], index: EntityIndex) -> list[str]:
    """A sitting with nobody named is the body's: one named in the sentence, else the doc's most named one."""
    if d.type not in ("session", "forum"):
        return []

    def is_body(entity_id: str) -> bool:
        words = index.entities[entity_id]["name"].lower().replace("ё", "е").split()
        return any(w.startswith(b) for w in words for b in cue("body"))

    local = [r.entity for r in index.within(sentences[d.sentence], ORGANIZATION) if is_body(r.entity)]
    if local:
        return local[:1]
    if d.type != "session":
        return []
    counts = {
        e["id"]: len(e["mentions"])
        for e in index.entities.values()
        if e["type"] == ORGANIZATION and is_body(e["id"])
    }
    return [max(counts, key=lambda k: counts[k])] if counts else []


_POSTPONE = frozenset(
    {
        "перенести",
        "переносить",
        "перенестись",
        "переноситься",
        "перенесённый",
        "перенесенный",
        "отложить",
        "отложенный",
    }
)


def _postponed(
    d: Draft, tok: Token, words: Sequence[Token], tree: Tree, index: EntityIndex, published: dt.date | None
) -> Draft | None:
    """ "Визит перенесён на 5 июня": besides the called-off date, a planned event on the new one."""
    if d.status != "cancelled":
        return None
    for verb in [tok, *list(tree.ancestors(tok))[:3]]:
        if verb.lemma_ not in _POSTPONE:
            continue
        for c in tree.children(verb, "obl"):
            dates = index.within(tree.phrase(c), DATE) if tree.case(c) == "на" or c.lower_ == "на" else []
            if dates:
                new = when_of(dates[0], words, published)
                if d.when and d.when.get("text") == new["text"]:
                    d.when = None  # the new date is not the called-off one's
                return replace(d, status="planned", when=new, extra=[])
    return None


def _share_list(triggers: list[Trigger], local: list[Draft], doc: Doc, tree: Tree) -> None:
    """ "запланировано проведение визита ..., заседания ..., заседания ...": list members share status and time."""
    for k in range(1, len(local)):
        a, b = doc[triggers[k - 1].head], doc[triggers[k].head]
        between = doc[a.i + 1 : b.i]
        if a.pos_ != "NOUN" or b.pos_ != "NOUN" or feature(a, "Case") != feature(b, "Case"):
            continue
        if any(feature(t, "VerbForm") == ["Fin"] or t.text in (".", ";", ":") for t in between):
            continue
        if not any(t.text == "," or t.lower_ == "и" for t in between):
            continue
        ca, cb = tree.clause_head(a), tree.clause_head(b)
        if cb is not None and (ca is None or ca.i != cb.i):
            continue  # "обещана встреча ..., однако разговор не планировался": each has its own predicate
        local[k].status = local[k - 1].status
        local[k].listed = local[k - 1].listed = True
        local[k].when = local[k].when or local[k - 1].when


def extract_events(doc: Doc) -> list[dict[str, Any]]:
    """Events of the doc: triggers read with their participants, status, place and time, then merged."""
    published = dt.date.fromisoformat(doc._.published) if doc._.published else None
    tree = Tree(doc)
    index = EntityIndex(doc)
    sentences = _Sentences(doc)
    drafts: list[Draft] = []
    for si in range(len(sentences)):
        if not sentences.may_trigger(si):
            continue  # no trigger, so no draft: the sentence's tokens are not even made
        words = sentences[si]
        triggers = find_triggers(words, tree, index)
        local = [_draft(t, words, si, tree, index, published) for t in triggers]
        _share_list(triggers, local, doc, tree)
        local += [
            p
            for t, d in zip(triggers, local)
            if (p := _postponed(d, doc[t.head], words, tree, index, published))
        ]
        visit = _in_programme(words, drafts)
        if visit is not None:
            _lend_visit(visit, local)
        if si > 0 and _elaborates(words) and not index.within(words, DATE):
            # a sentence with a date of its own does not borrow the one before ("Кроме того, на следующей
            # неделе … посетит Казань, где примет участие в заседании форума" is not "в пятницу")
            previous = index.within(sentences[si - 1], DATE)
            for d in local:
                if d.when is None and d.status == "planned" and previous:
                    d.when = when_of(previous[-1], sentences[si - 1], published)
        drafts += local
    events = merge_drafts(drafts, lambda d: _body(d, sentences, index))
    for e in events:
        e.participants = _drop_represented(e.participants, index)
        if e.status == "planned" and e.when is not None:
            e.when = ahead(e.when, published)
    return [_plain(e, n, index, sentences) for n, e in enumerate(events, 1)]
