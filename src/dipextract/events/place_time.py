"""Where and when an event happens, and the occasion it belongs to, from the trigger's own arguments."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Token

from ..const import CITY, COUNTRY, DATE, ORGANIZATION, PERSON, POST
from ..dates import resolve_date
from ..dates.lexicon import MONTH_RE, PAST_ADJ, WEEKDAY_RE
from ..morph_features import feature
from ..phrases import nominative_phrase
from ..segments import doc_text
from .index import EntityIndex, Ref
from .lexicon import cue, landmarks, trigger_lemmas
from .tree import Tree

_PLACE_CASES = frozenset({"в", "во", "на"})
_VISIT_OBJECT = frozenset({"посетить", "посещать"})
_OCCASION_CASES = frozenset({"в рамках", "на", "в", "во"})
# A time of day: "в 18.00 по местному времени (19:00 мск)", "в 10 часов утра".
_CLOCK = re.compile(
    r"(?<!\w)[вВ]о?\s+(?:\d{1,2}[.:]\d{2}|\d{1,2}\s+час(?:ов|а)?)(?!\d)"
    r"(?:\s+(?:утра|вечера|дня|ночи))?"
    r"(?:\s+по\s+[а-яё]+\s+времени)?"
    r"(?:\s*\([^()]{1,24}\))?"
)


def _scope(tok: Token, tree: Tree) -> list[Token]:
    """Tokens whose dependents may place or date the event: the trigger, and its clause verb when it is an argument."""
    scope = [tok]
    head = tree.head(tok)
    rel = tree.rel(tok)
    if (
        head is not None
        and head.pos_ == "NOUN"
        and head.lemma_ in cue("linker")
        and tok.pos_ in ("NOUN", "PROPN")
    ):
        # "в июне примет участие в Форуме", "о проведении в феврале в Токио встречи": the linking noun and
        # its clause place and date the event
        scope.append(head)
        head, rel = tree.head(head), tree.rel(head)
    if (
        head is not None
        and head.pos_ in ("VERB", "AUX", "ADJ")
        and (rel.startswith("nsubj") or rel.startswith("obl") or rel == "obj" or rel == "xcomp")
    ):
        scope.append(head)
    for c in _own_relatives(tok, tree):  # "саммита ..., который должен пройти во Владивостоке"
        scope += [c] + tree.children(c, "xcomp")
    for c in tree.children(tok, "obl", "nmod"):  # "в рамках визита в город Алматы ... встретился"
        if _after_participle(c, tree):
            continue
        if trigger_lemmas().get(c.lemma_) == "visit" or c.lemma_ in cue("linker"):
            scope.append(c)
            scope += [g for g in tree.children(c, "nmod") if trigger_lemmas().get(g.lemma_) == "visit"]
    return scope


def _after_participle(c: Token, tree: Tree) -> bool:
    """ "договорённостей, достигнутых в ходе визита в Анкару": a phrase that follows a participle with
    nothing between belongs to it, wherever the parser hung it."""
    first = min((t.i for t in tree.subtree(c)), default=c.i)
    doc = c.doc
    before = doc[first - 1] if first > 0 else None
    return before is not None and feature(before, "VerbForm") == ["Part"] and before.pos_ in ("VERB", "ADJ")


def _own_relatives(tok: Token, tree: Tree) -> list[Token]:
    """Relative clauses about the event noun: "который"/"которая" agreeing with it, attached to it or, by a parser
    slip, to a genitive inside its phrase ("саммита организации ..., который пройдёт")."""
    if tok.pos_ != "NOUN":
        return []
    number, gender = feature(tok, "Number"), feature(tok, "Gender")
    doc = tok.doc
    for t in doc[tok.i + 1 : min(len(doc), tok.i + 16)]:
        if t.text in (".", ";") or (feature(t, "VerbForm") == ["Fin"] and t.pos_ in ("VERB", "AUX")):
            return []
        if t.lemma_ != "который" or feature(t, "Case") != ["Nom"] or feature(t, "Number") != number:
            continue
        if number == ["Sing"] and feature(t, "Gender") != gender:
            return []  # the nearest relative clause is about another noun
        head = tree.head(t)
        return [head] if head is not None and tree.rel(t).startswith("nsubj") else []
    return []


def _participle(c: Token, tree: Tree) -> bool:
    return tree.rel(c) in ("acl", "amod") and (tree.rel(c) == "acl" or feature(c, "VerbForm") == ["Part"])


def _stretch(verb: Token, tree: Tree) -> set[int]:
    """Token ids from the start of a clause to the first comma or stop after its verb."""
    doc = verb.doc
    lo = min(t.i for t in tree.subtree(verb))
    hi = verb.i
    while hi + 1 < len(doc) and doc[hi + 1].text not in (",", ".", ";", "!", "?", "—"):
        hi += 1
    return set(range(lo, hi + 1))


def _inside_other(ref: Ref, index: EntityIndex, types: tuple[str, ...]) -> bool:
    return any(
        o.type in types
        and o.start <= ref.start
        and ref.end <= o.end
        and (o.start, o.end) != (ref.start, ref.end)
        for o in index.refs
    )


def _place_args(
    tok: Token, tree: Tree, index: EntityIndex, words: Sequence[Token]
) -> list[tuple[Ref, Token]]:
    found: list[tuple[Ref, Token]] = []
    if tree.parsed(tok):
        for anchor in _scope(tok, tree):
            if found and anchor is not tok and tok.pos_ == "NOUN":
                break  # "после визита в Литву … отправится в Брюссель": the event noun's own place first
            # "Муром посетят X": an accusative place the parser took for the subject
            moved = [
                c
                for c in tree.children(anchor, "nsubj")
                if anchor.lemma_ in _VISIT_OBJECT
                and feature(c, "Case") == ["Acc"]
                and index.covering(c, CITY, COUNTRY)
            ]
            for c in tree.children(anchor, "obl", "nmod", "obj") + moved:
                if c.i == tok.i:
                    continue  # the linking noun's own argument is the event itself ("участие в Форуме ...")
                rel = tree.rel(c)
                if rel in ("obj", "nsubj") and anchor.lemma_ not in _VISIT_OBJECT:
                    continue
                if rel not in ("obj", "nsubj") and tree.case(c) not in _PLACE_CASES:
                    continue
                for r in index.within(tree.phrase(c), CITY, COUNTRY):
                    if index.doc[r.start].pos_ == "ADJ":
                        continue  # "российского министра": an adjective does not place the event
                    if _topic_of(r, c, tree):
                        continue  # "на церемонии подписания соглашения о строительстве дороги Лаокай — Ханой"
                    # the argument's own head word is the place even if a post mention swallowed it
                    # ("визита Президента Кыргызской Республики в Республику Казахстан")
                    if r.start <= c.i < r.end or not _inside_other(r, index, (POST, ORGANIZATION, PERSON)):
                        found.append((r, c))
    else:
        for r in index.within(words, CITY, COUNTRY):
            prev = r.start - 1
            if (
                prev >= 0
                and words[0].doc[prev].lower_ in _PLACE_CASES
                and not _inside_other(r, index, (POST, ORGANIZATION, PERSON))
            ):
                found.append((r, words[0].doc[prev]))
    return found


def _topic_of(ref: Ref, arg: Token, tree: Tree) -> bool:
    """A place named inside what the argument is about ("о строительстве дороги Лаокай", "по Украине"):
    between it and the argument's head a phrase with a preposition that does not place ("о", "по", "к")."""
    doc = arg.doc
    top = next(
        (
            doc[i]
            for i in range(ref.start, ref.end)
            if (h := tree.head(doc[i])) is None or not ref.start <= h.i < ref.end
        ),
        doc[ref.start],
    )
    for t in [top, *tree.ancestors(top)]:
        if t.i == arg.i:
            return False
        case = tree.case(t)
        if case and case not in _PLACE_CASES:
            return True
    return False


def _dates_other_noun(date: Ref, tok: Token, tree: Tree) -> bool:
    """ "обсудили подготовку к заседанию, запланированному на весну": a date inside a participle that
    describes another noun dates that noun's event, not the trigger's."""
    for a in tree.ancestors(tok.doc[date.start]):
        if a.i == tok.i:
            return False
        if _participle(a, tree):
            head = tree.head(a)
            return head is not None and head.i != tok.i
    return False


def _dates_a_noun(date: Ref, tok: Token, tree: Tree) -> bool:
    """ "По итогам встречи подписали план консультаций на 2024–2025 годы": the date belongs to the noun it
    hangs on ("план"), not to the clause the event noun stands in."""
    doc = tok.doc
    inside = range(date.start, date.end)
    for i in inside:
        head = tree.head(doc[i])
        if head is not None and head.i not in inside:
            return head.pos_ == "NOUN" and head.i != tok.i
    return False


def _main_clause(tok: Token, tree: Tree) -> set[int]:
    """Tokens of the main clause when the trigger stands in it; empty when the trigger is in a subordinate clause."""
    subordinate = ("acl", "acl:relcl", "ccomp", "parataxis", "advcl")
    if any(tree.rel(a) in subordinate for a in [tok, *tree.ancestors(tok)]):
        return set()
    return tree.own_clause(tok, tree.root(tok), ("acl:relcl", "ccomp", "parataxis"))


def _lone_city(tok: Token, tree: Tree, index: EntityIndex, words: Sequence[Token]) -> list[tuple[Ref, Token]]:
    """The one city of the trigger's main clause introduced by "в" ("в Вашингтоне ... принимает"), when unattached."""
    if not tree.parsed(tok):
        return []
    own = _main_clause(tok, tree)
    doc = words[0].doc
    found = [
        (r, doc[r.start - 1])
        for r in index.within(words, CITY)
        if r.start in own
        and r.start > 0
        and doc[r.start - 1].lower_ in ("в", "во")
        and not _inside_other(r, index, (POST, ORGANIZATION, PERSON))
        and not _place_of_other_event(r, tok, tree)
    ]
    return found if len(found) == 1 else []


_NAME_POS = frozenset({"NOUN", "PROPN", "ADJ", "CCONJ", "NUM"})


def _city_after_name(tok: Token, index: EntityIndex, words: Sequence[Token]) -> list[tuple[Ref, Token]]:
    """ "в Форуме регионов Беларуси и России в Гродно": "в" and a city right after the event noun's name, which
    a parser slip hung on another word; only nouns and adjectives between the trigger and "в"."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return []
    doc = tok.doc
    k, last = tok.i + 1, min(len(doc), tok.i + 9)
    while k < last and doc[k].pos_ in _NAME_POS and doc[k].lower_ not in ("в", "во"):
        k += 1
    if k + 1 >= len(doc) or doc[k].lower_ not in ("в", "во"):
        return []
    return [
        (r, doc[k])
        for r in index.within(words, CITY)
        if r.start == k + 1 and not _inside_other(r, index, (POST, ORGANIZATION, PERSON))
    ][:1]


def _place_of_other_event(ref: Ref, tok: Token, tree: Tree) -> bool:
    """ "обсудили договорённости, достигнутые в ходе визита Токаева в Анкару": the city is the visit's."""
    doc = tok.doc
    for _, anc in zip(range(3), tree.ancestors(doc[ref.start])):
        if anc.i == tok.i:
            return False
        if anc.pos_ == "NOUN" and anc.lemma_ in trigger_lemmas():
            return True
    return False


def _place_text(refs: list[Ref], words: Sequence[Token]) -> str:
    doc = words[0].doc
    start = min(r.start for r in refs)
    end = max(r.end for r in refs)
    k = start - 1
    while (
        k >= 0
        and k >= start - 2
        and doc[k].pos_ != "ADP"
        and doc[k].lower_ in ("город", "г.", "г", "столицу", "столице", "городе")
    ):
        k -= 1
    if k >= 0 and doc[k].pos_ == "ADP":
        start = k
    elif k + 1 < start:
        start = k + 1
    if end < len(doc) and doc[end].text == ")" and "(" in doc[start:end].text:
        end += 1
    elif end < len(doc) and doc[end].text == "(":
        close = next((t.i for t in doc[end : min(len(doc), end + 8)] if t.text == ")"), None)
        if close is not None:
            end = close + 1
    return doc[start:end].text


def find_location(
    tok: Token, words: Sequence[Token], tree: Tree, index: EntityIndex
) -> dict[str, str | None] | None:
    """{city, country, text}: the stated place; the country falls back to the city's when the text names it."""
    args = (
        _place_args(tok, tree, index, words)
        or _lone_city(tok, tree, index, words)
        or _city_after_name(tok, index, words)
    )
    if not args:
        return _landmark_city(tok, tree, index) or _where_city(tok, tree, index)
    cities = [r for r, _ in args if r.type == CITY]
    countries = [r for r, _ in args if r.type == COUNTRY]
    first_city = cities[0] if cities else None
    # "в город Алматы (Республика Казахстан)": a country in parentheses right after the city
    if first_city is not None and not countries:
        doc = words[0].doc
        if first_city.end < len(doc) and doc[first_city.end].text == "(":
            countries = [
                r for r in index.refs if r.type == COUNTRY and first_city.end < r.start <= first_city.end + 4
            ]
    if first_city is not None:  # a country far from the city belongs to something else
        countries = [r for r in countries if first_city.end <= r.start <= first_city.end + 4] or countries[:0]
    city = first_city.entity if first_city else None
    country = countries[0].entity if countries else None
    if country is None and city is not None:
        country = index.country_by_iso(index.entities[city].get("country"))
    used = [r for r in (first_city, countries[0] if countries else None) if r is not None]
    return {"city": city, "country": country, "text": _place_text(used, words)}


def _city_location(city: str, text: str, index: EntityIndex) -> dict[str, str | None]:
    """The location of a city entity, with the city's country."""
    return {"city": city, "country": index.country_by_iso(index.entities[city].get("country")), "text": text}


def _landmark_city(tok: Token, tree: Tree, index: EntityIndex) -> dict[str, str | None] | None:
    """ "принял в Кремле", "принимает в Белом доме": the seat of government places the event in its city,
    when the text names that city (a dateline "Москва, 12 ноября")."""
    if not tree.parsed(tok):
        return None
    for anchor in _scope(tok, tree):
        for c in tree.children(anchor, "obl"):
            if tree.case(c) not in ("в", "во"):
                continue
            for r in index.covering(c, ORGANIZATION):
                city_name = landmarks().get(index.entities[r.entity]["name"])
                city = next(
                    (i for i, e in index.entities.items() if e["type"] == CITY and e["name"] == city_name),
                    None,
                )
                if city is not None:
                    return _city_location(city, tok.doc[r.start : r.end].text, index)
    return None


def _where_city(tok: Token, tree: Tree, index: EntityIndex) -> dict[str, str | None] | None:
    """ "посетит Казань, где примет участие в пленарном заседании": a "где" clause happens in the city it
    hangs on (the trigger may be the clause's own verb: "в Париж, где встретится с …")."""
    for _, anc in zip(range(5), [tok, *tree.ancestors(tok)]):
        if tree.rel(anc) not in ("acl:relcl", "acl") or not any(
            c.lower_ == "где" for c in tree.children(anc)
        ):
            continue
        head = tree.head(anc)
        cities = index.covering(head, CITY) if head is not None else []
        if cities:
            return _city_location(cities[0].entity, tok.doc[cities[0].start : cities[0].end].text, index)
        return None
    return None


def find_when(
    tok: Token, words: Sequence[Token], tree: Tree, index: EntityIndex, published: dt.date | None
) -> dict[str, str | None] | None:
    """{text, value}: the date expression attached to the trigger or its clause, resolved against published."""
    dated = (
        [c for c in tree.children(tok, "amod") if c.lemma_ in cue("time_adj")] if tok.pos_ == "NOUN" else []
    )
    if dated:  # "на декабрьском заседании", "субботнюю поездку": the adjective is the event's own time
        return {"text": dated[0].text, "value": None}
    dates = index.within(words, DATE)
    if dates and tree.parsed(tok):
        dates = [
            d
            for d in dates
            # "подписали Программу ... на 2027–2028 годы": the document's term
            if not (tok.doc[d.start].lower_ == "на" and _dates_a_noun(d, tok, tree))
            and not _dates_other_noun(d, tok, tree)
        ]
    if not dates:
        return _clock_time(tok, words, tree)
    chosen: Ref | None = None
    if tree.parsed(tok):
        scope = _scope(tok, tree)
        for anchor in scope:
            area = {
                t.i
                for c in tree.children(anchor)
                if tree.rel(c) not in ("acl:relcl", "ccomp", "parataxis")
                and not (c.pos_ == "VERB" and not (anchor is tok and _participle(c, tree)))
                for t in (tree.subtree(c) if c.pos_ == "VERB" else tree.phrase(c))
            }
            # "заседания, прошедшего в среду", "состоявшегося в пятницу визита": the participle dates its noun
            area.add(anchor.i)
            # of two dates hung on one verb, the nearer ("в феврале пройдёт заседание, а в июне примет участие")
            inside = [d for d in dates if any(i in area for i in range(d.start, d.end))]
            chosen = min(inside, key=lambda d: abs(d.start - anchor.i)) if inside else None
            if chosen:
                break
        if (
            chosen is None
        ):  # "саммита, который должен пройти ... в сентябре": the relative clause's own stretch
            for rel in _own_relatives(tok, tree):
                span = _stretch(rel, tree)
                chosen = next((d for d in dates if d.start in span), None)
                if chosen:
                    break
        above = _where_clause_verb(tok, tree) if chosen is None else None
        if above is not None:  # "В пятницу X отправится в Оттаву, где проведёт переговоры": the trip's day
            area = {
                t.i
                for c in tree.children(above)
                if tree.rel(c) not in ("acl:relcl", "ccomp", "parataxis", "advcl", "conj")
                for t in tree.phrase(c)
            }
            chosen = next((d for d in dates if d.start in area), None)
        if (
            chosen is None
        ):  # the one date of the trigger's main clause ("Во вторник X, прибывший ..., встретился")
            mine = [
                d for d in dates if d.start in _main_clause(tok, tree) and not _dates_a_noun(d, tok, tree)
            ]
            chosen = mine[0] if len(mine) == 1 and len(dates) <= 2 else None
    else:
        chosen = min(dates, key=lambda d: abs(d.start - tok.i))
    if chosen is None:
        return _clock_time(tok, words, tree)
    return when_of(chosen, words, published)


def _where_clause_verb(tok: Token, tree: Tree) -> Token | None:
    """The verb of the clause a "где"/"куда" clause holding the trigger hangs on ("отправится в Оттаву, где …")."""
    clause = tok if tok.pos_ in ("VERB", "AUX") else tree.clause_head(tok)
    if clause is None or tree.rel(clause) != "acl:relcl":
        return None
    if not any(c.lower_ in ("где", "куда") for c in tree.children(clause)):
        return None
    return next((a for a in tree.ancestors(clause) if a.pos_ in ("VERB", "AUX")), None)


def _clock_time(tok: Token, words: Sequence[Token], tree: Tree) -> dict[str, str | None] | None:
    """A time of day in the trigger's own clause when no date is: "в 18.00 по местному времени закрыл
    заседание". The text is kept; the value stays null (a time alone is no calendar date)."""
    doc = words[0].doc
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    clause = _main_clause(tok, tree) if tree.parsed(tok) else {w.i for w in words}
    for m in _CLOCK.finditer(doc_text(doc), start, end):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and span.start in clause:
            return {"text": m.group().rstrip(), "value": None}
    return None


_WEEKDAY_WORD = re.compile(rf"(?<![а-яё]){WEEKDAY_RE}", re.IGNORECASE)
_MONTH_WORD = re.compile(rf"(?<![а-яё]){MONTH_RE}", re.IGNORECASE)
_PAST_WORD = re.compile(rf"(?<![а-яё]){PAST_ADJ}", re.IGNORECASE)


def ahead(when: dict[str, str | None], published: dt.date | None) -> dict[str, str | None]:
    """A planned event's time read forward: "посетит Шанхай в среду", said on a Tuesday, is the next day,
    not the Wednesday before; "в мае" said in June without a year is next May."""
    value, text = when.get("value"), when.get("text") or ""
    if published is None or not value or "/" in value or _PAST_WORD.search(text) or re.search(r"\d{4}", text):
        return when
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            if day >= published:
                return when
            if _WEEKDAY_WORD.search(text):
                day += dt.timedelta(days=7 * ((published - day).days // 7 + 1))
            elif _MONTH_WORD.search(text):
                day = day.replace(year=day.year + 1)
            else:
                return when
            return {**when, "value": day.isoformat()}
        if len(value) == 7 and _MONTH_WORD.search(text) and value < published.isoformat()[:7]:
            return {**when, "value": f"{int(value[:4]) + 1}{value[4:]}"}
    except ValueError:  # 29 February of a year without one
        return when
    return when


def when_of(ref: Ref, words: Sequence[Token], published: dt.date | None) -> dict[str, str | None]:
    doc = words[0].doc
    start = ref.start
    if start > 0 and doc[start - 1].pos_ == "ADP" and doc[start].pos_ != "ADP":
        start -= 1
    text = doc[start : ref.end].text
    return {"text": text, "value": resolve_date(text, published)}


def _name_of(tok: Token, tree: Tree) -> str:
    """'во Втором экономическом форуме «X»' -> 'Второй экономический форум «X»'."""
    doc = tok.doc
    start = tok.i
    while (
        start > 0 and doc[start - 1].pos_ in ("ADJ", "NUM") and doc[start - 1].lower_ not in _OCCASION_CASES
    ):
        start -= 1
    end = tok.i + 1
    if end < len(doc) and doc[end].text in ("«", '"'):
        close = next((t.i for t in doc[end + 1 : min(len(doc), end + 15)] if t.text in ("»", '"')), None)
        if close is not None:
            end = close + 1
    head_words = doc[start : tok.i + 1]
    rest = doc[tok.i + 1 : end].text
    return (nominative_phrase(list(head_words)) + (" " + rest if rest else "")).strip()


def find_occasion(tok: Token, words: Sequence[Token], tree: Tree) -> str | None:
    """Name of the forum or summit the event is part of ("в рамках ... форума", "для участия в ... форуме")."""
    if not tree.parsed(tok):
        return None
    anchors = {a.i for a in _scope(tok, tree)}
    for t in words:
        if t.i == tok.i or trigger_lemmas().get(t.lemma_) != "forum":
            continue
        if anchors & {a.i for a in tree.ancestors(t)}:
            return _name_of(t, tree)
    return None
