"""A learnt person–post link scorer: logistic regression over (post mention, person) candidates.

Every post mention is paired with each person (a cluster of mentions) named in its sentence or up to
`WINDOW_BEFORE` sentences before it or `WINDOW_AFTER` after it; the pair is described by that
person's mention nearest to the post, in the post's own sentence when there is one (the one a reader,
and the NEREL scorer, takes) with binary features: order,
distance, what stands between (punctuation, conjunctions, verbs, other names), case and gender agreement,
whether the rules of `links.find_holder` link the pair, and how salient the person is. The weights are
learnt on NEREL train by `training/train_links.py` and shipped as JSON in `models/links/`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from spacy.attrs import IS_SPACE, MORPH, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Token

from .const import DASHES
from .links import COPULA_LEMMAS, kin_lemmas, relative_named
from .mentions import Mention
from .morph_features import fields
from .segments import doc_text, sentence_ids

WEIGHTS_PATH = Path(__file__).resolve().parent / "models" / "links" / "weights.json"
WINDOW_BEFORE = 5
WINDOW_AFTER = 1
_PRONOUNS = frozenset(
    {"он", "она", "его", "её", "ее", "ему", "ей", "им", "ним", "нему", "него", "неё", "нее", "ней"}
)
# the rules' copulas, and verbs of appointment: "Х назначен министром", "избран президентом"
_COPULAS = COPULA_LEMMAS | frozenset({"избрать", "назначить", "сменить", "утвердить"})
_QUOTES = frozenset({"«", "»", '"', "„", "“", "”"})
_LIST_JOINERS = frozenset({",", "и", "а", "также"})


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _shape(t: Token) -> str:
    """A gap token as the model sees it: punctuation as itself, a few words as lemmas, else the POS."""
    if t.is_punct or t.text in DASHES:
        return "«" if t.text in _QUOTES else t.text
    if t.lemma_ in _COPULAS or t.lemma_ in ("и", "а", "также", "бывший", "как", "в", "с", "на"):
        return t.lemma_
    if t.lower_ in _PRONOUNS:
        return "PRON3"
    if t.lemma_ in kin_lemmas():
        return "KIN"
    return t.pos_ or "X"


class _PostFacts(NamedTuple):
    """What the features read from the post alone: the same for each of its candidates."""

    number: str
    capitalised: bool
    nest: str
    head_lemma: str
    prev: str
    prev_kin: bool
    sentence_persons: int
    coord_holders: frozenset[int]  # the clusters the rules give the posts coordinated with this one
    head_holders: frozenset[int]  # the clusters the rules give another post with this one's head word


@dataclass(slots=True)
class Candidate:
    post: Mention
    person: int  # index of the person cluster
    mention: Mention  # the cluster's mention nearest to the post
    features: list[str]


class LinkContext:
    """What the features of one document need: sentences, mentions by sentence, clusters, rule links."""

    def __init__(
        self,
        doc: Doc,
        persons: list[Mention],
        posts: list[Mention],
        cluster_of: dict[int, int],
        rule_holder: dict[int, Mention | None],
        countries: Sequence[tuple[int, int, str]] = (),
    ) -> None:
        self.doc = doc
        self.ids = sentence_ids(doc)
        # non-space tokens before each token: the length of a gap between sentences without Token objects
        self.spaces: list[int] = doc.to_array(IS_SPACE).tolist()
        # each token's morphology and POS as numbers: `token.morph.get` builds objects at every call
        self._morph_keys: list[int] = doc.to_array(MORPH).tolist()
        self._nouns = [p in (NOUN, PROPN) for p in doc.to_array(POS).tolist()]
        self.words_before = [0, *itertools.accumulate(1 - s for s in self.spaces)]
        self._words: dict[int, tuple[str, str, str]] = {}  # token index -> (gap shape, text, lower case)
        self._posts: dict[int, _PostFacts] = {}  # post mention id -> its facts
        self._cases: dict[int, str] = {}  # token index -> case, read once per document
        self._genders: dict[tuple[int, int], str] = {}  # a person mention's tokens -> gender
        self.persons = sorted(persons, key=lambda m: m.start)
        self.posts = posts
        self.cluster_of = cluster_of
        self.rule_holder = rule_holder
        self.sizes: dict[int, int] = {}
        for m in persons:
            c = cluster_of[id(m)]
            self.sizes[c] = self.sizes.get(c, 0) + 1
        self.top = max(self.sizes.values()) if self.sizes else 0
        first = self.persons[0] if self.persons else None
        self.first_cluster = cluster_of[id(first)] if first is not None else -1
        # each person's mentions in order, with their ends, for the one a post refers back to
        self.mentions_of: dict[int, list[Mention]] = {}
        for m in self.persons:
            self.mentions_of.setdefault(cluster_of[id(m)], []).append(m)
        self.person_ends = {c: [m.end for m in ms] for c, ms in self.mentions_of.items()}
        self.list_of = self._lists()
        self.glossed = self._glossed()
        self.persons_in: dict[int, list[Mention]] = {}
        for m in self.persons:
            self.persons_in.setdefault(self.ids[m.token_start], []).append(m)
        self.posts_in: dict[int, list[Mention]] = {}
        for m in sorted(posts, key=lambda m: m.start):
            self.posts_in.setdefault(self.ids[m.token_start], []).append(m)
        # the country named inside each post ("президент США"), and the countries of the posts the rules
        # give each person: "президент США" is not Mandela's when "президент ЮАР Нельсон Мандела" is
        self.post_country: dict[int, str] = {}
        for q in posts:
            inside = {iso for s, e, iso in countries if q.start <= s and e <= q.end}
            if len(inside) == 1:  # "посол России в США" names two: no single country to compare
                self.post_country[id(q)] = inside.pop()
        self.person_countries: dict[int, set[str]] = {}
        for q in posts:
            h, iso = rule_holder.get(id(q)), self.post_country.get(id(q))
            if h is not None and iso is not None:
                self.person_countries.setdefault(cluster_of[id(h)], set()).add(iso)
        # the head words of the posts the rules give each person, with the posts' ids
        self.rule_heads: dict[int, dict[str, set[int]]] = {}
        for q in posts:
            h = rule_holder.get(id(q))
            if h is not None:
                self.rule_heads.setdefault(cluster_of[id(h)], {}).setdefault(self._head(q), set()).add(id(q))

    def _lists(self) -> dict[int, int]:
        """Each person mention's list ("Юрий Царёв (проект «Метро»), Алексей Борисов и Павел Шевелёв"), by
        mention id -> the id of the list's first mention: names one after another in a sentence joined by
        commas and "и" (a bracket between them left aside)."""
        list_of: dict[int, int] = {}
        for a, b in itertools.pairwise(self.persons):
            if self.ids[a.token_start] != self.ids[b.token_start] or b.token_start <= a.token_end:
                continue
            words, depth = [], 0
            for t in self.doc[a.token_end : b.token_start]:
                if t.is_space:
                    continue
                if t.text == "(":
                    depth += 1
                elif t.text == ")":
                    depth -= 1
                elif depth == 0:
                    words.append(t.lower_)
            if depth == 0 and words and all(w in _LIST_JOINERS for w in words):
                list_of[id(b)] = list_of.setdefault(id(a), id(a))
        return list_of

    def _glossed(self) -> dict[int, Mention]:
        """A spelling in brackets right after a name of the same person ("Шейк Модибо Диарра (Cheick Modibo
        Diarra)"), by mention id -> the name it spells: a post describes the name the text gives, and NEREL
        links that one (112 of 114 such links in train)."""
        text = doc_text(self.doc)
        glossed: dict[int, Mention] = {}
        for a, b in itertools.pairwise(self.persons):
            if (
                self.cluster_of[id(a)] == self.cluster_of[id(b)]
                and text[a.end : b.start].strip() == "("
                and text[b.end : b.end + 1] == ")"
            ):
                glossed[id(b)] = glossed.get(id(a), a)
        return glossed

    def _governed(self, q: Mention, p: Mention) -> bool:
        """ "беседовал с президентом Эквадора о Сноудене": a name after the post behind a preposition of its
        own is no apposition to it."""
        return p.start >= q.end and p.token_start > q.token_end and self.doc[p.token_start - 1].pos_ == "ADP"

    def sent(self, m: Mention) -> int:
        return self.ids[m.token_start]

    def _head(self, q: Mention) -> str:
        return self.doc[q.token_start].lemma_.lower()

    def _case_at(self, i: int) -> str:
        case = self._cases.get(i)
        if case is None:
            case = self._cases[i] = (self.feats(i).get("Case") or ["-"])[0]
        return case

    def _gender_of(self, start: int, end: int) -> str:
        gender = self._genders.get((start, end))
        if gender is None:
            gender = self._genders[(start, end)] = next(
                (g[0] for i in range(start, end) if (g := self.feats(i).get("Gender")) and self._nouns[i]),
                "-",
            )
        return gender

    def feats(self, i: int) -> dict[str, list[str]]:
        """The morphological features of token i (field -> values)."""
        return fields(self._morph_keys[i], self.doc.vocab.strings)

    def _gap(self, start: int, end: int) -> list[tuple[str, str, str]]:
        """(shape, text, lower case) of each non-space token of doc[start:end]; a token is read once per
        document, though the gaps of a sentence's candidates overlap."""
        out = []
        for i in range(start, end):
            if self.spaces[i]:
                continue
            word = self._words.get(i)
            if word is None:
                t = self.doc[i]
                word = self._words[i] = (_shape(t), t.text, t.lower_)
            out.append(word)
        return out

    def _post_facts(self, q: Mention, window_posts: list[Mention]) -> _PostFacts:
        facts = self._posts.get(id(q))
        if facts is None:
            head = self.doc[q.token_start]
            head_lemma = head.lemma_.lower()
            nested_in = any(o.contains(q) and (o.start, o.end) != (q.start, q.end) for o in window_posts)
            nests = any(q.contains(o) and (o.start, o.end) != (q.start, q.end) for o in window_posts)
            prev = self.doc[q.token_start - 1] if q.token_start > 0 else None
            facts = self._posts[id(q)] = _PostFacts(
                number=(self.feats(q.token_start).get("Number") or ["-"])[0],
                capitalised=head.text[:1].isupper(),
                nest=f"nest={int(nested_in)}{int(nests)}",
                head_lemma=head_lemma,
                prev=_shape(prev) if prev is not None and not prev.is_space else "START",
                prev_kin=prev is not None and prev.lemma_ in kin_lemmas(),
                sentence_persons=len(self.persons_in.get(self.sent(q), ())),
                coord_holders=self._coord_holders(q),
                head_holders=frozenset(
                    c for c, heads in self.rule_heads.items() if heads.get(head_lemma, set()) - {id(q)}
                ),
            )
        return facts

    def _coord_holders(self, q: Mention) -> frozenset[int]:
        """ "академик Виктор Виноградов, языковед и литературовед": the posts joined to this one by a comma or
        "и" alone share its holder; the clusters the rules give them."""
        out = set()
        for o in self.posts_in.get(self.sent(q), ()):
            if o.overlaps(q):
                continue
            lo, hi = (o, q) if o.end <= q.start else (q, o)
            words = [lower for _, _, lower in self._gap(lo.token_end, hi.token_start)]
            holder = self.rule_holder.get(id(o))
            if holder is not None and words and all(w in _LIST_JOINERS for w in words):
                out.add(self.cluster_of[id(holder)])
        return frozenset(out)

    def _words_between(self, start: int, end: int) -> int:
        """len([t for t in doc[start:end] if not t.is_space]), from the running count."""
        return self.words_before[end] - self.words_before[start] if end > start else 0

    def candidates(self, q: Mention) -> list[Candidate]:
        sq = self.sent(q)
        sentences = range(sq - WINDOW_BEFORE, sq + WINDOW_AFTER + 1)
        window = [p for s in sentences for p in self.persons_in.get(s, ())]
        window_posts = [m for s in sentences for m in self.posts_in.get(s, ())]
        nearest: dict[int, Mention] = {}
        dist: dict[int, tuple[int, int, int]] = {}
        for p in window:
            if p.overlaps(q) or (
                self.sent(p) == sq and (relative_named(self.doc, q, p) or self._governed(q, p))
            ):
                continue
            c = self.cluster_of[id(p)]
            # the person's mention in the post's own sentence first ("Путин" in a headline above
            # "Президент России Владимир Путин" is not the one the post describes), then the closest
            d = (int(self.sent(p) != sq), max(0, max(p.start, q.start) - min(p.end, q.end)), p.start)
            if c not in dist or d < dist[c]:
                dist[c], nearest[c] = d, p
        before = sorted((c for c, p in nearest.items() if p.end <= q.start), key=lambda c: dist[c])
        after = sorted((c for c, p in nearest.items() if p.start >= q.end), key=lambda c: dist[c])
        rule = self.rule_holder.get(id(q))
        firsts = [nearest[side[0]] for side in (before, after) if side]
        out = []
        for c, p in nearest.items():
            rank = before.index(c) if c in before else after.index(c)
            features = self.features(q, c, p, rank, len(nearest), window, window_posts)
            # "музыканты Юрий Царёв, Алексей Борисов и Павел Шевелёв": the names listed with the post's holder
            group = self.list_of.get(id(p))
            if group is not None:
                many = int(plural(self, q))
                if rule is not None and rule is not p and self.list_of.get(id(rule)) == group:
                    features.append(f"list_rule|pl{many}")
                if any(m is not p and self.list_of.get(id(m)) == group for m in firsts):
                    features.append(f"list_first|pl{many}")
            mention = self._named_before(q, c) if dist[c][0] else p
            out.append(Candidate(q, c, self.glossed.get(id(mention), mention), features))
        return out

    def _named_before(self, q: Mention, c: int) -> Mention:
        """The mention of person `c` a post outside its sentences refers back to: the last one before the post
        ("Сиссе занимал посты. Сейчас он руководитель комиссии. Сиссе выдвигается" links the first); the
        first after it when the text has not named the person yet."""
        mentions = self.mentions_of[c]
        i = bisect.bisect_right(self.person_ends[c], q.start)
        return mentions[i - 1] if i else mentions[0]

    def features(
        self,
        q: Mention,
        c: int,
        p: Mention,
        rank: int,
        n_candidates: int,
        window: list[Mention],
        window_posts: list[Mention],
    ) -> list[str]:
        """The binary features of one (post, person) candidate; `p` is the person's mention nearest the post."""
        post = self._post_facts(q, window_posts)
        side = "B" if p.end <= q.start else "A"
        sd = abs(self.sent(q) - self.sent(p))
        lo, hi = (p, q) if side == "B" else (q, p)
        # the gap's words themselves only within a sentence; across sentences only how many there are
        gap = self._gap(lo.token_end, hi.token_start) if sd == 0 else []
        n_gap = len(gap) if sd == 0 else self._words_between(lo.token_end, hi.token_start)
        f = [f"side={side}", f"sd={side}{min(sd, 5)}", f"rank={side}{min(rank, 2)}", "bias"]
        f.append(f"gap={side}{_bucket(n_gap, (0, 1, 2, 3, 5, 8, 12, 20, 40))}")
        f.append(f"ncand={min(n_candidates, 4)}")
        if sd == 0:
            gap_shapes = [shape for shape, _, _ in gap]
            if len(gap) <= 5:
                sig = " ".join(gap_shapes)
                f.append(f"sig={side}:{sig}")
            shapes = set(gap_shapes)
            for s in (",", "—", "-", "(", ")", ":", "«", "и", "VERB", "PRON3", "бывший", "как"):
                if s in shapes:
                    f.append(f"has={side}{s}")
            if shapes & _COPULAS:
                f.append(f"has={side}copula")
            commas = sum(text == "," for _, text, _ in gap)
            f.append(f"commas={side}{min(commas, 3)}")
        else:
            f.append(f"sdside={side}{min(sd, 3)}|rank{min(rank, 2)}")
        between_persons = {
            self.cluster_of[id(m)] for m in window if lo.end <= m.start and m.end <= hi.start
        } - {c}
        f.append(f"pers_between={side}{min(len(between_persons), 2)}")
        between_posts = sum(1 for m in window_posts if lo.end <= m.start and m.end <= hi.start)
        f.append(f"posts_between={side}{min(between_posts, 2)}")
        # rules
        rule = self.rule_holder.get(id(q))
        rule_f = (
            "rule=none" if rule is None else "rule=this" if self.cluster_of[id(rule)] == c else "rule=other"
        )
        f.append(rule_f)
        if post.coord_holders:
            f.append("coord_rule=this" if c in post.coord_holders else "coord_rule=other")
        # the post
        qlen = q.token_end - q.token_start
        f.append(f"qlen={min(qlen, 4)}")
        qcase, pcase = self._case_at(q.token_start), self._case_at(p.token_end - 1)
        f.append(f"qcase={qcase}")
        f.append(f"pcase={pcase}")
        f.append(f"cases={side}{qcase}-{pcase}" if sd == 0 else f"cases=x{qcase}-{pcase}")
        f.append("case_agree" if qcase == pcase else "case_differ")
        num = post.number
        f.append(f"qnum={num}")
        if post.capitalised:
            f.append("qcap")
        f.append(post.nest)
        qg, pg = (
            self._gender_of(q.token_start, q.token_start + 1),
            self._gender_of(p.token_start, p.token_end),
        )
        if "-" not in (qg, pg) and num == "Sing":
            f.append("gender_agree" if qg == pg else "gender_differ")
        post_country, known = self.post_country.get(id(q)), self.person_countries.get(c)
        if post_country is not None and known and post_country not in known:
            # "президент США" is hardly the post of a person the text has made "президент ЮАР"; agreement
            # says little ("глава японского МИДа" beside "Премьер-министр Японии Наото Кан" is another man)
            f.append("country_conflict")
        # the person
        size = self.sizes.get(c, 1)
        f.append(f"size={min(size, 4)}")
        if size == self.top:
            f.append("most_named")
        if c == self.first_cluster:
            f.append("first_named")
        head_lemma = post.head_lemma
        if c in post.head_holders:
            f.append("same_head_post")
        elif c in self.rule_heads:
            f.append("has_rule_post")
        if post.head_holders - {c}:
            f.append("head_held_by_other")
        if sd == 0 and side == "B" and any(lower in _PRONOUNS for _, _, lower in gap):
            f.append("pronoun_between")
        f.append(f"head={head_lemma}")
        f.append(f"prev={post.prev}")
        if post.prev_kin:
            f.append(f"kin_before={side}{min(sd, 1)}")
        f.append(f"sent_persons={min(post.sentence_persons, 3)}|sd{min(sd, 1)}")
        # conjunctions
        f.append(f"{rule_f}|{side}{min(sd, 1)}|r{min(rank, 1)}")
        return f


@functools.cache
def load_weights() -> tuple[dict[str, float], dict[str, float]]:
    """(feature weights, settings) of the shipped model."""
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    return data["weights"], data["settings"]


def score(features: list[str], weights: dict[str, float]) -> float:
    z = sum(map(weights.get, features, itertools.repeat(0.0)))  # in order: the same float sum
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def plural(ctx: LinkContext, q: Mention) -> bool:
    """A post in the plural ("сенаторы", "президентов") may have several holders."""
    return "Plur" in ctx.feats(q.token_start).get("Number", ())


def choose(scored: list[tuple[float, Candidate]], many: bool, settings: dict[str, float]) -> list[Candidate]:
    """The best candidate above `threshold`; for a plural post, also the others above `second`."""
    ranked = sorted(scored, key=lambda x: -x[0])
    if not ranked or ranked[0][0] < settings["threshold"]:
        return []
    return [ranked[0][1]] + ([c for s, c in ranked[1:] if s >= settings["second"]] if many else [])


def link_holders(
    ctx: LinkContext, weights: dict[str, float], settings: dict[str, float]
) -> dict[int, list[Mention]]:
    """Each post mention's holders, as the person mentions nearest to it."""
    return {
        id(q): [
            c.mention
            for c in choose(
                [(score(c.features, weights), c) for c in ctx.candidates(q)], plural(ctx, q), settings
            )
        ]
        for q in ctx.posts
    }
