"""Who holds which post: apposition before or after the name, "X, министр …", "X назначен министром …"."""

from __future__ import annotations

from spacy.tokens import Doc

from .mentions import Mention

# Verbs that put a person into a post between them: "Х назначен министром", "Х является послом".
_COPULA_LEMMAS = frozenset({
    "быть", "являться", "стать", "назначить", "назначать", "избрать", "избирать", "занимать", "работать",
    "служить", "оставаться", "остаться", "переизбрать", "утвердить", "возглавлять", "возглавить", "занять",
    "исполнять", "числиться",
})
_DASHES = frozenset({"-", "–", "—"})


def _between(doc: Doc, left: Mention, right: Mention) -> list[str]:
    """Word tokens strictly between two mentions (empty when adjacent)."""
    return [t.text for t in doc[left.token_end : right.token_start] if not t.is_space]


def _same_sentence(doc: Doc, left: Mention, right: Mention) -> bool:
    return not any(doc[i].is_sent_start for i in range(left.token_end, right.token_start + 1))


def find_holder(doc: Doc, post: Mention, persons: list[Mention], posts: list[Mention]) -> Mention | None:
    """The person mention that holds `post`, by the constructions news use; None when the text does not say."""
    after = [p for p in persons if p.start >= post.end and _same_sentence(doc, post, p)]
    before = [p for p in persons if p.end <= post.start and _same_sentence(doc, p, post)]
    # "Председатель Кабинета Министров Акылбек Жапаров": the name right after the post;
    # "Председатель … - Руководитель … Акылбек Жапаров": a chain of posts joined by dashes before one name.
    last = post
    while True:
        nearest = min(after, key=lambda p: p.start) if after else None
        if nearest is not None and nearest.start >= last.end and not _between(doc, last, nearest):
            return nearest
        joined = [
            q for q in posts
            if q.start >= last.end and _same_sentence(doc, last, q)
            and len(_between(doc, last, q)) == 1 and _between(doc, last, q)[0] in _DASHES
        ]
        if not joined:
            break
        last = min(joined, key=lambda q: q.start)
    if before:
        nearest = max(before, key=lambda p: p.end)
        gap = _between(doc, nearest, post)
        # "Сергей Лавров, министр иностранных дел" / "Лавров — министр"
        if gap and len(gap) == 1 and (gap[0] == "," or gap[0] in _DASHES):
            return nearest
        if gap and len(gap) <= 3 and any(
            t.lemma_ in _COPULA_LEMMAS for t in doc[nearest.token_end : post.token_start]
        ):
            return nearest
        # "(X), посол" in parentheses: "Смаилов (премьер-министр)"
        if gap == ["("]:
            return nearest
    return None
