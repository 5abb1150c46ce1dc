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
    # "Председатель Кабинета Министров Акылбек Жапаров": the name right after the post.
    if after:
        nearest = min(after, key=lambda p: p.start)
        gap = _between(doc, post, nearest)
        if not gap:
            return nearest
        # "Председатель … - Руководитель … Акылбек Жапаров": a chain of posts before one name.
        nxt = [q for q in posts if q.start >= post.end and q.end <= nearest.start]
        if nxt and all(tok in _DASHES or tok == "," for tok in _between(doc, post, min(nxt, key=lambda q: q.start))):
            chain_end = max(nxt, key=lambda q: q.end)
            if not _between(doc, chain_end, nearest):
                return nearest
        # a country or organisation after the post ("Президент России Путин") is inside the post span already
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
