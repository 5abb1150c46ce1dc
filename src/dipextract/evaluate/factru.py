"""FactRuEval-2016 evaluation: PER/ORG/LOC mentions (track 1) and Occupation/Meeting facts (track 3).

Entities follow the official track-1 comparator (dialent `task1/eval.py`, run without LocOrg):
- Our types map PERSON→per, ORGANIZATION→org, COUNTRY/CITY/REGION→loc; gold LocOrg counts as loc.
- Every mention becomes a set of standard tokens: for ours, the non-punctuation tokens lying wholly
  inside the mention; for gold, the tokens of its spans, each token weighted 1 if it sits in a "name"
  span (per: name/surname/patronymic/nickname; loc: loc_name/org_name; org: org_name/loc_name), else 0.
- A pair (same tag) is scored tp/(tp+fp+fn) where tp and fn sum the gold weights of shared and
  missed tokens and fp counts our extra tokens (so "мэрии Москвы" for gold "мэрия Москвы" with
  weight only on "Москвы" still scores 1.0). P = Σquality / #ours, R = Σquality / #gold.
- Gold mentions without a weighted token (descriptor-only) and gold mentions embedded in a larger
  gold loc/org mention are ignored, together with whatever prediction they matched.
- The standard annotates names only, so two kinds of our mentions (which follow NEREL) are left out:
  place adjectives ("российского", "Русские") and organisations named by lower-case common nouns
  alone ("правительство", "эстонские власти"), which NEREL marks and FactRuEval does not.
Deviations: pairs are chosen greedily by token Jaccard (highest first) instead of the official
exhaustive search for the best F1; gold mentions with identical token sets (Org/LocOrg doubles) are
merged into one that accepts either tag and counts as org when missed (the official sibling rule).

Facts follow the track-3 comparator (dialent `task3/eval.py`):
- Ours: an Occupation per (PERSON, POST) pair from `POST.holder` and `PERSON.posts`, with arguments
  who = the person, position = the post, where = the post's `organization`, else the COUNTRY entity
  whose `iso` is the post's `country`, else a REGION or CITY named inside the post ("губернатор
  Приморского края"), else the COUNTRY of the person's `country` (a bare "президент" of someone who
  is "президент США" elsewhere). A pair with no `where` gives no fact: the standard's Occupation
  ties a person to an organisation or country (210 of the 211 dev facts have a Where), so a bare
  "писатель" or "журналист" is not one; a Meeting per event of type
  meeting or talks whose status is held or planned and that names at least two participant entities
  (a FactRuEval Meeting relates its participants to one another: "встреча с избирателями" with one
  named person is an event of ours but no Meeting fact), one `participant` argument per participant.
- A predicted argument matches a gold argument of the same name when one of its mention spans shares
  a character with a span of the gold value (for an `objN`: all spans of all mentions of that
  coreference object; for a `spanN`: that span) — or, as the official string comparator does, when
  its normalised name (lower case, ё→е, quotes unified) is within Levenshtein distance 2 of one of
  the gold strings (the fact's own text, the object's mention texts, its name/first+last/last forms).
- A predicted fact may pair with a gold fact of the same type that shares at least one matching
  argument; quality = matched gold args / (matched gold args + unmatched gold args + unmatched
  predicted args), as in the official Cluster.calculateQuality with one prediction per cluster.
  `soft`: P = Σquality / #predicted, R = Σquality / #gold (the official measure); `strict`: a pair
  counts 1 only when its quality is 1.0.
Deviations: one-to-one greedy pairing by quality (the official search lets several predictions share
one gold fact); no isPartOf widening of `where`; Модальность/Сложность are read but every gold
Occupation and Meeting counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..morph import parse
from ..schema import Document
from .factrueval import FrArgument, FrDoc, FrFact, load_factrueval
from .runner import Predict, Progress, score_all
from .score import F1, Span, greedy_matching, spans_overlap

ENTITY_TAGS: dict[str, str] = {
    "PERSON": "per",
    "ORGANIZATION": "org",
    "COUNTRY": "loc",
    "CITY": "loc",
    "REGION": "loc",
}
TAGS: tuple[str, ...] = ("per", "org", "loc")
FACT_TYPES: tuple[str, ...] = ("occupation", "meeting")
MEETING_EVENTS = {"meeting", "talks"}
MEETING_MIN_PARTICIPANTS = 2

# official dialent Tables.QUALITY: which span tags carry weight for each mention tag
_NAME_SPANS: dict[str, set[str]] = {
    "per": {"none", "name", "patronymic", "nickname", "surname"},
    "loc": {"none", "org_name", "loc_name"},
    "org": {"none", "loc_name", "org_name"},
}
_PARENT_TAGS: dict[str, set[str]] = {"per": {"loc", "org"}, "loc": {"loc", "org"}, "org": {"org"}}


@dataclass(slots=True)
class FactReport:
    docs: int = 0
    seconds: float = 0.0
    load_seconds: float = 0.0
    entities: dict[str, F1] = field(default_factory=lambda: {t: F1() for t in TAGS})
    facts: dict[str, F1] = field(default_factory=lambda: {t: F1() for t in FACT_TYPES})
    facts_strict: dict[str, F1] = field(default_factory=lambda: {t: F1() for t in FACT_TYPES})

    @property
    def entities_overall(self) -> F1:
        total = F1()
        for t in TAGS:
            total.add(self.entities[t])
        return total

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        from .report import factru_dict

        return factru_dict(self)

    def table(self) -> str:
        from .report import factru_table

        return factru_table(self)


# ---------------------------------------------------------------- entities (track 1)


@dataclass(slots=True)
class _GoldSet:
    tokens: frozenset[str]
    tags: set[str]
    weights: dict[str, float]
    ignored: bool = False

    @property
    def count_tag(self) -> str:
        return "org" if "org" in self.tags else sorted(self.tags)[0]


def gold_token_sets(doc: FrDoc) -> list[_GoldSet]:
    """Gold mentions as weighted token sets, doubles merged, unnamed and embedded ones flagged."""
    by_tokens: dict[frozenset[str], _GoldSet] = {}
    for mention in doc.mentions.values():
        tag = "loc" if mention.tag == "locorg" else mention.tag
        if tag not in TAGS:
            continue
        tokens = doc.mention_tokens(mention.id)
        if not tokens:
            continue
        weights: dict[str, float] = {}
        for sid in mention.span_ids:
            span = doc.spans.get(sid)
            if span is None:
                continue
            w = 1.0 if span.tag in _NAME_SPANS[tag] else 0.0
            for t in span.token_ids:
                weights[t] = max(weights.get(t, 0.0), w)
        gs = by_tokens.setdefault(tokens, _GoldSet(tokens, set(), {}))
        gs.tags.add(tag)
        for t, w in weights.items():
            gs.weights[t] = max(gs.weights.get(t, 0.0), w)
    sets = list(by_tokens.values())
    for gs in sets:
        unnamed = not any(gs.weights.values())
        embedded = any(
            gs.tokens < other.tokens and other.tags & set.union(*(_PARENT_TAGS[t] for t in gs.tags))
            for other in sets
        )
        gs.ignored = unnamed or embedded
    return sets


def predicted_token_sets(pred: Document, doc: FrDoc) -> list[tuple[str, frozenset[str]]]:
    """(tag, tokens) of our mentions, deduplicated; mentions covering no whole token are dropped."""
    seen: set[tuple[str, frozenset[str]]] = set()
    out = []
    for e in pred.entities:
        tag = ENTITY_TAGS.get(e.type)
        if tag is None:
            continue
        for m in e.mentions:
            if (tag == "loc" and _place_adjective(m.text)) or (tag == "org" and _common_noun_body(m.text)):
                continue
            key = (tag, doc.tokens_within(m.start, m.end))
            if key[1] and key not in seen:
                seen.add(key)
                out.append(key)
    return out


def _place_adjective(text: str) -> bool:
    """ "российского", "Американские": one word whose first reading is an adjective."""
    if " " in text.strip() or not text[:1].isalpha():
        return False
    parses = parse(text)
    return bool(parses) and parses[0].tag.POS in ("ADJF", "ADJS")


def _common_noun_body(text: str) -> bool:
    """ "правительства", "эстонская полиция": every word in lower case, so none of them is a name."""
    words = [w.strip("«»\"„“”'()") for w in text.split()]
    return bool(words) and all(w[:1].isalpha() and w.islower() for w in words if w)


def _jaccard(test: tuple[str, frozenset[str]], gold: _GoldSet) -> float:
    tag, tokens = test
    if tag not in gold.tags:
        return 0.0
    return len(tokens & gold.tokens) / len(tokens | gold.tokens)


def _quality(test: tuple[str, frozenset[str]], gold: _GoldSet, doc: FrDoc) -> float:
    tokens = test[1]
    tp = sum(gold.weights.get(t, 0.0) for t in tokens & gold.tokens)
    fn = sum(
        gold.weights.get(t, 0.0)
        for t in gold.tokens - tokens
        if t in doc.tokens and not doc.tokens[t].is_punct
    )
    fp = len(tokens - gold.tokens)
    total = tp + fp + fn
    return tp / total if total else _jaccard(test, gold)


def score_entities(pred: Document, doc: FrDoc) -> dict[str, F1]:
    """Per-tag track-1 counts for one document (soft tp)."""
    gold = gold_token_sets(doc)
    test = predicted_token_sets(pred, doc)
    pairs = greedy_matching(test, gold, _jaccard)
    tp = dict.fromkeys(TAGS, 0.0)
    n_test = dict.fromkeys(TAGS, 0)
    n_gold = dict.fromkeys(TAGS, 0)
    matched_test, matched_gold = set(), set()
    for i, j, _ in pairs:
        matched_test.add(i)
        matched_gold.add(j)
        if gold[j].ignored:
            continue
        tag = test[i][0]
        tp[tag] += _quality(test[i], gold[j], doc)
        n_test[tag] += 1
        n_gold[tag] += 1
    for i, (tag, _) in enumerate(test):
        if i not in matched_test:
            n_test[tag] += 1
    for j, gs in enumerate(gold):
        if j not in matched_gold and not gs.ignored:
            n_gold[gs.count_tag] += 1
    return {t: F1(tp=tp[t], fp=n_test[t] - tp[t], fn=n_gold[t] - tp[t]) for t in TAGS}


# ---------------------------------------------------------------- facts (track 3)


@dataclass(frozen=True, slots=True)
class PredArg:
    name: str
    spans: tuple[Span, ...]
    strings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PredFact:
    type: str
    args: tuple[PredArg, ...]


@dataclass(frozen=True, slots=True)
class GoldArg:
    name: str
    spans: tuple[Span, ...]
    strings: tuple[str, ...]


def normalize(s: str) -> str:
    """Official dialent normalisation: lower case, trimmed, quotes unified, ё→е."""
    s = s.lower().strip()
    for q in "«»“”„":
        s = s.replace(q, '"')
    for q in "’`":
        s = s.replace(q, "'")
    return s.replace("ё", "е")


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(cur[j - 1] + 1, prev[j] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def strings_match(a: str, b: str) -> bool:
    """The official comparator's equality: Levenshtein distance ≤ 2 after normalisation."""
    a, b = normalize(a), normalize(b)
    if abs(len(a) - len(b)) > 2:
        return False
    return levenshtein(a, b) <= 2


def _person_forms(attrs: dict[str, tuple[str, ...]]) -> list[str]:
    first = attrs.get("firstname", ())
    last = attrs.get("lastname", ()) + attrs.get("surname", ())
    forms = list(last) + list(attrs.get("nickname", ()))
    forms += [f"{f} {s}" for f in first for s in last] + [f"{s} {f}" for f in first for s in last]
    return forms


def gold_argument(arg: FrArgument, doc: FrDoc) -> GoldArg:
    """A gold argument's spans and the strings the official comparator would accept for it."""
    spans: list[Span] = []
    strings: list[str] = list(arg.values)
    for oid in arg.objects:
        spans += doc.object_char_spans(oid)
        obj = doc.objects.get(oid)
        if obj is None:
            continue
        strings += _person_forms(obj.attrs) + list(obj.attrs.get("name", ()))
        for mid in obj.mention_ids:
            if mid in doc.mentions:
                strings.append(" ".join(doc.text[s:e] for s, e in doc.mention_char_spans(mid)))
    for sid in arg.spans:
        span = doc.spans.get(sid)
        if span is not None:
            spans.append((span.start, span.end))
            strings.append(doc.text[span.start : span.end])
    return GoldArg(arg.name, tuple(spans), tuple(dict.fromkeys(s for s in strings if s)))


def arg_matches(pred: PredArg, gold: GoldArg) -> bool:
    if pred.name != gold.name:
        return False
    if any(spans_overlap(p, g) for p in pred.spans for g in gold.spans):
        return True
    return any(strings_match(p, g) for p in pred.strings for g in gold.strings)


def fact_quality(pred: PredFact, gold: tuple[str, tuple[GoldArg, ...]]) -> float:
    """Official argument quality of a (prediction, gold) pair; 0 when the pair is inadmissible."""
    gtype, gargs = gold
    if pred.type != gtype:
        return 0.0
    matched: set[int] = set()
    unmatched_pred = 0
    for p in pred.args:
        j = next((j for j, g in enumerate(gargs) if arg_matches(p, g)), None)
        if j is None:
            unmatched_pred += 1
        else:
            matched.add(j)
    if not matched:
        return 0.0
    return len(matched) / (len(gargs) + unmatched_pred)


def _entity_arg(name: str, entity: Any) -> PredArg:
    return PredArg(name, tuple((m.start, m.end) for m in entity.mentions), (entity.name,))


def _place_inside(post: Any, entities: list[Any]) -> Any:
    """A region or city named inside the post ("губернатор Приморского края") is the Occupation's Where."""
    for e in entities:
        if e.type in ("REGION", "CITY"):
            for m in e.mentions:
                if any(pm.start <= m.start and m.end <= pm.end for pm in post.mentions):
                    return e
    return None


def _stems(name: str) -> set[str]:
    return {w[:5] for w in normalize(name).replace("-", " ").split() if len(w) > 2}


def _merge_same_posts(
    pairs: dict[tuple[str, str], None], by_id: dict[str, Any]
) -> list[tuple[str, str, list[str]]]:
    """One Occupation per person and occupation: a post whose words all occur in another post of the same
    person ("премьер" beside "премьер-министр Великобритании") is that occupation named again, and only
    adds its mentions to it (FactRuEval annotates one fact with all the mentions)."""
    by_person: dict[str, list[str]] = {}
    for person_id, post_id in pairs:
        by_person.setdefault(person_id, []).append(post_id)
    out = []
    for person_id, posts in by_person.items():
        stems = {p: _stems(by_id[p].name) for p in posts}
        kept = [p for p in posts if not any(q != p and stems[p] < stems[q] for q in posts)]
        for p in kept:
            same = [q for q in posts if q not in kept and stems[q] < stems[p]]
            out.append((person_id, p, same))
    return out


def predicted_facts(pred: Document) -> list[PredFact]:
    """Occupations from POST.holder / PERSON.posts, Meetings from held or planned meeting/talks events of two or more."""
    by_id = {e.id: e for e in pred.entities}
    countries = {e.iso: e for e in pred.entities if e.type == "COUNTRY" and getattr(e, "iso", None)}
    pairs: dict[tuple[str, str], None] = {}
    for e in pred.entities:
        if e.type == "POST" and e.holder and e.holder in by_id:
            pairs[(e.holder, e.id)] = None
        elif e.type == "PERSON":
            for pid in e.posts:
                if pid in by_id:
                    pairs[(e.id, pid)] = None
    facts = []
    for person_id, post_id, same in _merge_same_posts(pairs, by_id):
        person, post = by_id[person_id], by_id[post_id]
        position = _entity_arg("position", post)
        spans = position.spans + tuple((m.start, m.end) for pid in same for m in by_id[pid].mentions)
        args = [_entity_arg("who", person), PredArg("position", spans, position.strings)]
        where = (
            by_id.get(getattr(post, "organization", None) or "")
            or countries.get(getattr(post, "country", None) or "")
            or _place_inside(post, pred.entities)
            or countries.get(getattr(person, "country", None) or "")  # "президентом Обамой": his country
        )
        if where is None:
            continue  # an Occupation places the post somewhere: "писатель" alone is no fact of the standard
        args.append(_entity_arg("where", where))
        facts.append(PredFact("occupation", tuple(args)))
    for ev in pred.events:
        if ev.type in MEETING_EVENTS and ev.status != "cancelled":
            ids = dict.fromkeys(p.entity for p in ev.participants if p.entity in by_id)
            args = [_entity_arg("participant", by_id[i]) for i in ids]
            if len(args) >= MEETING_MIN_PARTICIPANTS:
                facts.append(PredFact("meeting", tuple(args)))
    return facts


def score_facts(pred: Document, doc: FrDoc) -> tuple[dict[str, F1], dict[str, F1]]:
    """Soft and strict fact counts per fact type for one document."""
    soft = {t: F1() for t in FACT_TYPES}
    strict = {t: F1() for t in FACT_TYPES}
    gold_facts: list[FrFact] = [f for f in doc.facts if f.type in FACT_TYPES]
    gold = [(f.type, tuple(gold_argument(a, doc) for a in f.arguments)) for f in gold_facts]
    test = [f for f in predicted_facts(pred) if f.type in FACT_TYPES]
    pairs = greedy_matching(test, gold, fact_quality)
    for t in FACT_TYPES:
        n_test = sum(f.type == t for f in test)
        n_gold = sum(g[0] == t for g in gold)
        qs = [q for i, _, q in pairs if test[i].type == t]
        tp = sum(qs)
        soft[t] = F1(tp=tp, fp=n_test - tp, fn=n_gold - tp)
        exact = sum(q == 1.0 for q in qs)
        strict[t] = F1(tp=exact, fp=n_test - exact, fn=n_gold - exact)
    return soft, strict


# ---------------------------------------------------------------- driver


def evaluate_factrueval(
    devset_dir: Path,
    *,
    limit: int | None = None,
    predict: Predict | None = None,
    progress: Progress | None = None,
) -> FactReport:
    """Run the pipeline (or `predict`) over FactRuEval-2016 texts and score mentions and facts."""
    golds = list(load_factrueval(Path(devset_dir), limit=limit))
    return score_all(golds, FactReport(), score_document, predict, progress)


def score_document(pred: Document, gold: FrDoc, report: FactReport) -> None:
    for tag, f in score_entities(pred, gold).items():
        report.entities[tag].add(f)
    if gold.has_facts:
        soft, strict = score_facts(pred, gold)
        for t in FACT_TYPES:
            report.facts[t].add(soft[t])
            report.facts_strict[t].add(strict[t])
