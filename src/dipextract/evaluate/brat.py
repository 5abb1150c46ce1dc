"""Loader for brat standoff folders (NEREL): `*.txt` + `*.ann` with text-bound entities and relations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .score import Fragments, Span, extent


@dataclass(frozen=True, slots=True)
class BratEntity:
    """A `T` line: `T2\tX 1 5;8 12\ttext`; fragments keep discontinuous spans apart."""

    id: str
    type: str
    fragments: Fragments
    text: str

    @property
    def span(self) -> Span:
        """The outer extent (first start, last end)."""
        return extent(self.fragments)


@dataclass(frozen=True, slots=True)
class BratRelation:
    """An `R` line: `R1\tWORKS_AS Arg1:T3 Arg2:T7`."""

    id: str
    type: str
    arg1: str
    arg2: str


@dataclass(frozen=True, slots=True)
class BratDoc:
    name: str
    text: str
    entities: tuple[BratEntity, ...]
    relations: tuple[BratRelation, ...]
    _by_id: dict[str, BratEntity] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update((e.id, e) for e in self.entities)

    def entity(self, entity_id: str) -> BratEntity | None:
        return self._by_id.get(entity_id)

    def of_type(self, *types: str) -> list[BratEntity]:
        return [e for e in self.entities if e.type in types]


def parse_ann(lines: Iterable[str]) -> tuple[list[BratEntity], list[BratRelation]]:
    """Entities and relations of an `.ann` file; other lines (N, A, #, E) are skipped."""
    entities: list[BratEntity] = []
    relations: list[BratRelation] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line:
            continue
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            type_, _, locs = parts[1].partition(" ")
            fragments = tuple(sorted((int(a), int(b)) for a, b in (frag.split() for frag in locs.split(";"))))
            entities.append(BratEntity(parts[0], type_, fragments, parts[2] if len(parts) > 2 else ""))
        elif line.startswith("R") and len(parts) >= 2:
            type_, *args = parts[1].split()
            roles = dict(arg.split(":", 1) for arg in args)
            if "Arg1" in roles and "Arg2" in roles:
                relations.append(BratRelation(parts[0], type_, roles["Arg1"], roles["Arg2"]))
    return entities, relations


def read_text(path: Path) -> str:
    """The text exactly as brat counts it: UTF-8, newlines untranslated."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def load_brat_doc(txt_path: Path) -> BratDoc:
    """One document; a missing `.ann` gives a document without annotations."""
    ann_path = txt_path.with_suffix(".ann")
    lines = read_text(ann_path).splitlines() if ann_path.exists() else []
    entities, relations = parse_ann(lines)
    return BratDoc(txt_path.stem, read_text(txt_path), tuple(entities), tuple(relations))


def load_brat(corpus_dir: Path, *, limit: int | None = None) -> Iterator[BratDoc]:
    """Documents of a brat folder in file-name order, at most `limit` of them."""
    paths = sorted(Path(corpus_dir).glob("*.txt"))
    if limit is not None:
        paths = paths[:limit]
    for path in paths:
        yield load_brat_doc(path)


def relation_pairs(
    doc: BratDoc, relation: str, first_type: str, second_type: str
) -> list[tuple[BratEntity, BratEntity]]:
    """(first, second) entity pairs of a relation, whichever argument slot each type sits in.

    In NEREL, WORKS_AS is always Arg1=PERSON, Arg2=PROFESSION (checked on dev: 475 of 475);
    a reversed pair is still read by type, and a pair of other types is skipped.
    """
    pairs = []
    for rel in doc.relations:
        if rel.type != relation:
            continue
        a, b = doc.entity(rel.arg1), doc.entity(rel.arg2)
        if a is None or b is None:
            continue
        if (a.type, b.type) == (first_type, second_type):
            pairs.append((a, b))
        elif (b.type, a.type) == (first_type, second_type):
            pairs.append((b, a))
    return pairs
