"""Loader for the FactRuEval-2016 layered markup (`book_N.txt/.tokens/.spans/.objects/.coref/.facts`).

Layers, each pointing into the one below:
- `.tokens`: `id start length text`, sentences split by blank lines;
- `.spans`: `id tag start length first_token n_tokens  # token ids, texts` (tag: name, surname, org_name, job …);
- `.objects`: mentions, `id Type span_id … # text` (Person, Org, Location, LocOrg, Project);
- `.coref`: objects (the entities facts refer to as `objN`): `id mention_id …` then `key value` lines;
- `.facts`: `doc-n Type` then `Arg objN descr | …` or `Arg spanN text` lines, blank-line separated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .brat import read_text
from .score import Span

# mention type -> task-1 tag (LocOrg is kept apart here; the scorer folds it into loc)
MENTION_TAGS: dict[str, str] = {
    "Person": "per",
    "Org": "org",
    "Organization": "org",
    "Location": "loc",
    "LocOrg": "locorg",
    "Project": "project",
}
SPECIAL_ARGS = {"модальность", "сложность", "фаза"}
_REF = re.compile(r"^(obj|span)(\d+)\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Token:
    id: str
    start: int
    end: int
    text: str

    @property
    def is_punct(self) -> bool:
        return not any(c.isalnum() for c in self.text)


@dataclass(frozen=True, slots=True)
class FrSpan:
    id: str
    tag: str
    start: int
    end: int
    token_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FrMention:
    id: str
    type: str
    span_ids: tuple[str, ...]

    @property
    def tag(self) -> str:
        return MENTION_TAGS.get(self.type, self.type.lower())


@dataclass(frozen=True, slots=True)
class FrObject:
    """A coreference object (`objN` in facts) with its mentions and attributes (firstname, name …)."""

    id: str
    mention_ids: tuple[str, ...]
    attrs: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class FrArgument:
    """A fact argument; `job` is read as `position` as the official comparator does."""

    name: str
    objects: tuple[str, ...] = ()
    spans: tuple[str, ...] = ()
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FrFact:
    id: str
    type: str
    arguments: tuple[FrArgument, ...]
    modality: str | None = None
    difficulty: str | None = None


@dataclass(frozen=True, slots=True)
class FrDoc:
    name: str
    text: str
    tokens: dict[str, Token]
    spans: dict[str, FrSpan]
    mentions: dict[str, FrMention]
    objects: dict[str, FrObject]
    facts: tuple[FrFact, ...]
    has_facts: bool = True
    _sorted_tokens: list[Token] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._sorted_tokens.extend(sorted(self.tokens.values(), key=lambda t: t.start))

    def mention_tokens(self, mention_id: str) -> frozenset[str]:
        m = self.mentions[mention_id]
        return frozenset(t for s in m.span_ids if s in self.spans for t in self.spans[s].token_ids)

    def mention_char_spans(self, mention_id: str) -> list[Span]:
        m = self.mentions[mention_id]
        return [(self.spans[s].start, self.spans[s].end) for s in m.span_ids if s in self.spans]

    def object_char_spans(self, object_id: str) -> list[Span]:
        obj = self.objects.get(object_id)
        if obj is None:
            return []
        return [sp for m in obj.mention_ids if m in self.mentions for sp in self.mention_char_spans(m)]

    def tokens_within(self, start: int, end: int) -> frozenset[str]:
        """Ids of non-punctuation tokens lying wholly inside [start, end), as task 1 tokenises answers."""
        return frozenset(
            t.id for t in self._sorted_tokens if t.start >= start and t.end <= end and not t.is_punct
        )


def _blocks(text: str) -> list[list[str]]:
    blocks, cur = [], []
    for line in text.splitlines():
        line = line.strip()
        if line:
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def parse_tokens(text: str) -> dict[str, Token]:
    tokens = {}
    for line in text.splitlines():
        parts = line.split(" ", 3)
        if len(parts) == 4:
            start, length = int(parts[1]), int(parts[2])
            tokens[parts[0]] = Token(parts[0], start, start + length, parts[3].rstrip("\r\n"))
    return tokens


def parse_spans(text: str) -> dict[str, FrSpan]:
    spans = {}
    for line in text.splitlines():
        left, _, right = line.partition("#")
        f = left.split()
        if len(f) < 6:
            continue
        n = int(f[5])
        start = int(f[2])
        token_ids = tuple(right.split()[:n])
        spans[f[0]] = FrSpan(f[0], f[1], start, start + int(f[3]), token_ids)
    return spans


def parse_objects(text: str) -> dict[str, FrMention]:
    mentions = {}
    for line in text.splitlines():
        f = line.partition("#")[0].split()
        if len(f) >= 3:
            mentions[f[0]] = FrMention(f[0], f[1], tuple(f[2:]))
    return mentions


def parse_coref(text: str) -> dict[str, FrObject]:
    objects = {}
    for block in _blocks(text):
        head = block[0].split()
        attrs: dict[str, list[str]] = {}
        for line in block[1:]:
            key, _, value = line.partition(" ")
            attrs.setdefault(key.lower(), []).append(value.strip())
        objects[head[0]] = FrObject(head[0], tuple(head[1:]), {k: tuple(v) for k, v in attrs.items()})
    return objects


def parse_argument(line: str) -> FrArgument:
    """`Who obj48 Лужков Юрий`, `Position span22777 мэра`, `Owner obj1 A | obj2 B | C`, `Type купля/продажа`."""
    name, _, rest = line.partition(" ")
    name = name.lower()
    if name == "job":
        name = "position"
    objects, spans, values = [], [], []
    for alt in (a.strip() for a in rest.split("|")):
        m = _REF.match(alt)
        if m:
            (objects if m.group(1) == "obj" else spans).append(m.group(2))
            alt = m.group(3)
        if alt:
            values.append(alt)
    return FrArgument(name, tuple(objects), tuple(spans), tuple(values))


def parse_facts(text: str) -> list[FrFact]:
    facts = []
    for block in _blocks(text):
        head = block[0].split()
        args, special = [], {}
        for line in block[1:]:
            arg = parse_argument(line)
            if arg.name in SPECIAL_ARGS:
                special[arg.name] = arg.values[0].lower() if arg.values else ""
            else:
                args.append(arg)
        facts.append(
            FrFact(
                head[0],
                head[1].lower() if len(head) > 1 else "",
                tuple(args),
                modality=special.get("модальность"),
                difficulty=special.get("сложность"),
            )
        )
    return facts


def load_factrueval_doc(txt_path: Path) -> FrDoc:
    """One document; missing layers (some books have no `.coref`/`.facts`) load as empty."""

    def layer(ext: str) -> str:
        p = txt_path.with_suffix(ext)
        return read_text(p) if p.exists() else ""

    facts_path = txt_path.with_suffix(".facts")
    return FrDoc(
        name=txt_path.stem,
        text=read_text(txt_path),
        tokens=parse_tokens(layer(".tokens")),
        spans=parse_spans(layer(".spans")),
        mentions=parse_objects(layer(".objects")),
        objects=parse_coref(layer(".coref")),
        facts=tuple(parse_facts(layer(".facts"))),
        has_facts=facts_path.exists(),
    )


def _book_number(path: Path) -> tuple[int, str]:
    digits = re.sub(r"\D", "", path.stem)
    return (int(digits) if digits else 0, path.stem)


def load_factrueval(devset_dir: Path, *, limit: int | None = None) -> Iterator[FrDoc]:
    """Documents of a FactRuEval folder in book-number order, at most `limit` of them."""
    paths = sorted(Path(devset_dir).glob("*.txt"), key=_book_number)
    if limit is not None:
        paths = paths[:limit]
    for path in paths:
        yield load_factrueval_doc(path)
