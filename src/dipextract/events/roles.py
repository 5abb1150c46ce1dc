"""Unnamed roles ("глава японского МИДа", "американский лидер") resolved to the one person of the doc holding them."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from typing import Any

from spacy.tokens import Token

from ..const import COUNTRY, ORGANIZATION, PERSON, POST

# Head nouns that name the chief of an office or the leader of a country without naming the person.
CHIEFS = frozenset({"глава", "руководитель", "шеф", "лидер", "хозяин"})


@functools.cache
def _rows() -> tuple[tuple[str, ...], ...]:
    text = resources.files("dipextract.data").joinpath("event_roles.tsv").read_text(encoding="utf-8")
    return tuple(
        tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _stems(text: str) -> list[str]:
    return [w[:5] for w in text.lower().replace("ё", "е").split()]


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[k : k + len(part)] == part for k in range(len(words) - len(part) + 1))


def offices() -> list[tuple[list[str], list[str], str | None]]:
    """(organisation words, post words, implied ISO) of the office rows."""
    return [
        (_stems(r[1]), _stems(r[2]), r[3] if len(r) > 3 and r[3] else None)
        for r in _rows()
        if r[0] == "office"
    ]


def leader_posts() -> frozenset[str]:
    return frozenset(r[1][:5] for r in _rows() if r[0] == "leader")


def _holders(entities: dict[str, dict[str, Any]], fits: Any, iso: str | None) -> list[str]:
    """Persons holding a post whose name fits, of the country iso when it is known; unique or nothing."""
    found: list[str] = []
    for person in entities.values():
        if person["type"] != PERSON:
            continue
        for pid in person.get("posts") or []:
            post = entities.get(pid)
            if post is None or not fits(_stems(post["name"])):
                continue
            country = post.get("country") or person.get("country")
            if iso is None or country == iso:
                found.append(person["id"])
                break
    return found if len(found) == 1 else []


def role_holder(entities: dict[str, dict[str, Any]], refs: Iterable[Any], head: Token | None) -> list[str]:
    """The person an unnamed chief or leader stands for: "глава МИДа" -> the минис. иностр. дел; "лидер США" ->
    the one US person whose post leads a country."""
    if head is None or head.lemma_ not in CHIEFS:
        return []
    refs = list(refs)
    if any(r.type in (PERSON, POST) and entities[r.entity].get("holder") for r in refs):
        return []
    isos = [entities[r.entity].get("iso") for r in refs if r.type == COUNTRY]
    for r in refs:
        if r.type != ORGANIZATION:
            continue
        name = _stems(entities[r.entity]["name"])
        for org, post, implied in offices():
            if _contains(name, org):
                iso = implied or (isos[0] if isos else entities[r.entity].get("country"))
                found = _holders(entities, lambda words, post=post: _contains(words, post), iso)
                if found:
                    return found
    if isos and isos[0] and not any(r.type == ORGANIZATION for r in refs):
        # "глава Турции", "лидер США"; "глава МИД Турции" is the head of the ministry, not of the country
        leaders = leader_posts()
        return _holders(entities, lambda words: bool(words) and words[0] in leaders, isos[0])
    return []
