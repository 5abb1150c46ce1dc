"""Who holds which post: apposition before or after the name, "X, министр …", "X назначен министром …"."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from .const import DASHES
from .mentions import Mention
from .morph_features import feature
from .posts import load_lines
from .segments import sentence_ids

# Verbs that put a person into a post: "Х назначен министром", "Х является послом", "пост занимает Х".
COPULA_LEMMAS = frozenset(
    {
        "быть",
        "являться",
        "стать",
        "становиться",
        "занимать",
        "работать",
        "служить",
        "оставаться",
        "остаться",
        "возглавлять",
        "возглавить",
        "занять",
        "исполнять",
        "числиться",
        "проработать",
        "пост",
        "должность",
    }
)


@functools.cache
def kin_lemmas() -> frozenset[str]:
    """Kin and companions ("дочь", "супруга", "друг"), from data/kin_lemmas.txt."""
    return load_lines("kin_lemmas.txt")


# Appointment verbs count only in the passive ("назначен", "избран"): "Янукович назначил начальника" is not it.
_PASSIVE_PREFIXES = ("назначен", "избран", "переизбран", "утвержден", "утверждён", "выбран")
_CHAIN_JOINERS = DASHES | {"и"}
_MAX_VERB_GAP = 6  # words between a name and a post joined by a verb ("Х был назначен на пост министра")


def _between(doc: Doc, left: Mention, right: Mention) -> list[Token]:
    """Word tokens strictly between two mentions (empty when adjacent)."""
    return [t for t in doc[left.token_end : right.token_start] if not t.is_space]


def _same_sentence(doc: Doc, left: Mention, right: Mention) -> bool:
    ids = sentence_ids(doc)
    return ids[left.token_end - 1] == ids[right.token_start]


def _verb_joined(doc: Doc, gap: list[Token], persons: list[Mention], left: Mention, right: Mention) -> bool:
    """A short stretch with a copula-like word and no other name or clause break in it."""
    if not gap or len(gap) > _MAX_VERB_GAP:
        return False
    if not any(t.lemma_ in COPULA_LEMMAS or t.lower_.startswith(_PASSIVE_PREFIXES) for t in gap):
        return False
    if any(t.text in (".", ";", ":", "(", ")", "«", "»", '"') for t in gap):
        return False
    return not any(left.end <= p.start and p.end <= right.start for p in persons)


_CLOSERS = frozenset({"»", '"', "”", "'"})


def _transparent_after(gap: list[Token]) -> bool:
    """What may stand between a post and the name after it: closing quotes, "(ПНА)", one dash."""
    words = [t.text for t in gap]
    while words and words[0] in _CLOSERS:
        words = words[1:]
    if len(words) >= 3 and words[0] == "(" and words[-1] == ")" and len(words) <= 5:
        return True
    return not words or (len(words) == 1 and words[0] in DASHES)


def _transparent_before(gap: list[Token]) -> bool:
    """What may stand between a name and the post after it: ", бывший", "— советский и российский", "(""."""
    if not gap or gap[0].text not in {",", "("} | DASHES:
        return False
    return all(t.pos_ in ("ADJ", "CCONJ", "DET") or t.text == "," for t in gap[1:]) and len(gap) <= 5


def _chain_end(doc: Doc, post: Mention, posts: list[Mention]) -> Mention:
    """The last post of "Председатель … - Руководитель …", "командующий … генерал-полковник" before one name."""
    last = post
    while True:
        joined = [
            q
            for q in posts
            if q.start >= last.end
            and _same_sentence(doc, last, q)
            and (not (gap := _between(doc, last, q)) or (len(gap) == 1 and gap[0].text in _CHAIN_JOINERS))
        ]
        if not joined:
            return last
        last = min(joined, key=lambda q: (q.start, -q.end))


def _case(tokens: Iterable[Token]) -> str | None:
    """The case of the first noun or proper noun among the tokens."""
    for t in tokens:
        if t.pos_ in ("NOUN", "PROPN"):
            return (feature(t, "Case") or [None])[0]
    return None


def kin_before(doc: Doc, post: Mention) -> Token | None:
    """ "дочь знаменитого писателя, актёра и режиссёра …": the kin noun a genitive post depends on."""
    if "Gen" not in feature(doc[post.token_start], "Case") and "Gen" not in feature(
        doc[post.token_end - 1], "Case"
    ):
        return None
    for t in reversed(doc[max(0, post.token_start - 8) : post.token_start]):
        if t.lemma_ in kin_lemmas():
            return t
        if t.is_sent_start or not (
            t.text == "," or t.lemma_ == "и" or t.pos_ in ("ADJ", "DET") or "Gen" in feature(t, "Case")
        ):
            return None
    return None


def relative_named(doc: Doc, post: Mention, person: Mention) -> bool:
    """ "дочь капитана Ханна Ингрэм-Мур": the name after a kin noun's genitive post, not itself in the
    genitive, is the relative's ("дочери капитана Тома Мура" names the captain)."""
    if person.start < post.end or "Gen" in feature(doc[person.token_end - 1], "Case"):
        return False
    return kin_before(doc, post) is not None


def _owner_skipped(doc: Doc, post: Mention, nearest: Mention, after: list[Mention]) -> Mention | None:
    """ "Адвокат Александра Кокорина Андрей Ромашов": a name in the genitive right after the post says whose
    lawyer it is; the next name, in the post's own case, holds the post."""
    following = next((p for p in after if p.start >= nearest.end), None)
    post_case = _case(doc[post.token_start : post.token_end])
    owner_case = _case(reversed(doc[nearest.token_start : nearest.token_end]))
    owner = owner_case == "Gen" and post_case not in (None, "Gen")
    if following is None or _between(doc, nearest, following):
        # "Адвокат Ивана Петрова обжаловал приговор": the genitive names whose lawyer, and nobody holds it here
        return None if owner and not _between(doc, post, nearest) else nearest
    holder_case = _case(reversed(doc[following.token_start : following.token_end]))
    if owner and holder_case == post_case:
        return following
    return nearest


def find_holder(
    doc: Doc,
    post: Mention,
    persons: list[Mention],
    posts: list[Mention],
    *,
    all_persons: list[Mention] | None = None,
) -> Mention | None:
    """The person mention that holds `post`, by the constructions news use; None when the text does not say."""
    after = sorted(
        (p for p in persons if p.start >= post.end and _same_sentence(doc, post, p)), key=lambda p: p.start
    )
    before = sorted(
        (p for p in persons if p.end <= post.start and _same_sentence(doc, p, post)), key=lambda p: -p.end
    )
    last = _chain_end(doc, post, posts)
    after = [p for p in after if not relative_named(doc, post, p)]
    if after:
        nearest = next((p for p in after if p.start >= last.end), None)
        if nearest is not None:
            gap = _between(doc, last, nearest)
            # "Председатель Кабинета Министров Акылбек Жапаров", "глава … (ПНА) Махмуд Аббас"
            if _transparent_after(gap):
                holder = _owner_skipped(doc, last, nearest, after)
                if holder is not None:
                    return holder
            # "Мэром Детройта избран … Дэйв Бинг", "главкомом назначен … Постников"
            if _verb_joined(doc, gap, persons, last, nearest):
                return nearest
    if before:
        nearest = before[0]
        gap = _between(doc, nearest, post)
        # "Сергей Лавров, министр иностранных дел" / "Аленичев — российский футболист" / "Смаилов (премьер-министр)"
        if _transparent_before(gap):
            return nearest
        # "Х был назначен министром", "Х, сейчас занимающего пост заместителя …"
        if _verb_joined(doc, gap, persons, nearest, post):
            return nearest
    return _pronoun_holder(doc, post, persons if all_persons is None else all_persons)


def _pronoun_holder(doc: Doc, post: Mention, persons: list[Mention]) -> Mention | None:
    """ "Сейчас он работает спецпредставителем": the pronoun's antecedent is the last person named before it."""
    window = doc[max(0, post.token_start - _MAX_VERB_GAP - 1) : post.token_start]
    pronoun = next((t for t in reversed(window) if t.lower_ in ("он", "она")), None)
    if pronoun is None or any(t.is_sent_start for t in doc[pronoun.i + 1 : post.token_start + 1]):
        return None
    gap = [t for t in doc[pronoun.i + 1 : post.token_start] if not t.is_space]
    if not any(t.lemma_ in COPULA_LEMMAS or t.lower_.startswith(_PASSIVE_PREFIXES) for t in gap):
        return None
    earlier = [p for p in persons if p.end <= pronoun.idx]
    return max(earlier, key=lambda p: p.end) if earlier else None


def rule_holders(doc: Doc, persons: list[Mention], posts: list[Mention]) -> dict[int, Mention | None]:
    """`find_holder` for every post (by mention id), each looking among the names of its own sentence."""
    ids = sentence_ids(doc)
    by_sentence: dict[int, tuple[list[Mention], list[Mention]]] = {}
    for m in persons:
        by_sentence.setdefault(ids[m.token_start], ([], []))[0].append(m)
    for m in posts:
        by_sentence.setdefault(ids[m.token_start], ([], []))[1].append(m)
    return {id(p): find_holder(doc, p, *by_sentence[ids[p.token_start]], all_persons=persons) for p in posts}
