"""Held, planned or cancelled, read from the grammar around the trigger: tense, cue words, negation."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..morph_features import feature
from .lexicon import cue
from .tree import Tree

# "не состоится", "не пройдёт": a negated occurrence verb cancels the event.
_OCCUR = frozenset({"состояться", "пройти", "проходить", "проводиться", "провести"})
_AHEAD = frozenset({"сегодня", "завтра", "ближайший", "вечером", "позднее", "скоро"})
_BEFORE = frozenset({"накануне", "перед", "до"})
_BOUNDARY = frozenset({",", ";", ":", "—", "–", "(", ")"})
_MODIFIER_RELS = ("amod", "acl", "det", "advmod", "aux", "aux:pass", "nummod")


def _cue_status(tok: Token) -> str | None:
    lemma = tok.lemma_
    for status in ("cancelled", "planned", "held"):
        if lemma in cue(status) or tok.lower_ in cue(status):
            return status
    return None


def _negated(tree: Tree, tok: Token) -> bool:
    return any(c.lower_ == "не" for c in tree.children(tok))


def _tense(tok: Token, words: Sequence[Token]) -> str | None:
    """Status a finite verb or participle gives by its tense."""
    tense = feature(tok, "Tense")
    if feature(tok, "VerbForm") == ["Part"]:
        return "held" if tense == ["Past"] and "Pass" not in feature(tok, "Voice") else None
    if feature(tok, "VerbForm") != ["Fin"] and not (tok.pos_ == "AUX" and tense):
        return None
    if tense == ["Fut"] or (tense == ["Pres"] and feature(tok, "Aspect") == ["Perf"]):
        return "planned"
    if tense == ["Past"]:
        return "held"
    if tense == ["Pres"]:
        return "planned" if any(w.lemma_ in _AHEAD for w in words) else "held"
    return None


def _modifiers(tree: Tree, tok: Token, came_from: Token | None = None) -> str | None:
    """Status cues among tok's modifiers; the dependent the walk came up from is not its modifier."""
    for c in tree.children(tok, *_MODIFIER_RELS):
        if came_from is not None and c.i == came_from.i:
            continue
        found = _cue_status(c)
        if found:
            return found
        if c.lower_ in ("будет", "будут", "будем"):
            return "planned"
    for c in tree.children(tok, "acl:relcl"):  # "визит, который состоится ..."
        if came_from is not None and c.i == came_from.i:
            continue
        status = _chain_down(tree, c)
        if status:
            return status
    return None


def _chain_down(tree: Tree, verb: Token) -> str | None:
    if verb.lemma_ in _OCCUR and _negated(tree, verb):
        return "cancelled"
    found = _cue_status(verb) or _modifiers(tree, verb)
    if found:
        return found
    for c in tree.children(verb, "xcomp"):
        found = _cue_status(c)
        if found:
            return found
    return _tense(verb, [])


def find_status(tok: Token, words: Sequence[Token], tree: Tree) -> str:
    """Status of the event whose trigger head is tok (held when nothing says otherwise)."""
    if not tree.parsed(tok):
        return _flat_status(tok, words)
    if tree.case(tok) in _BEFORE:
        return "planned"
    for anc in [tok, *list(tree.ancestors(tok))[:3]]:  # "визит, запланированный на июнь, отменён"
        if anc.lemma_ in cue("cancelled") or anc.lower_ in cue("cancelled"):
            return "cancelled"
        if (
            anc is not tok
            and anc.lemma_ in _OCCUR
            and _negated(tree, anc)
            and tree.rel(tok).startswith("nsubj")
        ):
            return "cancelled"  # "Запланированная на 10 июля встреча … не состоится"
        if any(c.lemma_ in cue("cancelled") for c in tree.children(anc, "amod", "acl")):
            return "cancelled"
        if feature(anc, "VerbForm") == ["Fin"]:
            break
    cur: Token | None = tok
    prev: Token | None = None
    steps = 0
    while cur is not None and steps < 8:
        steps += 1
        if cur.lemma_ in _OCCUR and _negated(tree, cur):
            return "cancelled"
        # a cue verb governs the event only through its subject, object or infinitive, not an adjunct:
        # "договорились провести встречу" is planned, "в ходе визита договорился" is not
        # ("договорились о проведении встречи": an "о" phrase is what was agreed, no adjunct)
        adjunct = (
            prev is not None
            and tree.rel(prev).startswith("obl")
            and cur.pos_ in ("VERB", "AUX")
            and tree.case(prev) not in ("о", "об", "обо")
        )
        found = _cue_status(cur) if cur is not tok and not adjunct else None
        if found == "planned" and any(
            c.lower_ in ("был", "была", "было", "были") for c in tree.children(cur)
        ):
            found = None  # "должен был": it was due, and the text tells it as past
        if found == "planned" and _negated(tree, cur):
            found = _occurred(tree, cur)  # "не планировался, так как уже состоялся"
        found = found or _modifiers(tree, cur, prev)
        if found:
            return found
        tense = _tense(cur, words)
        if tense:
            return tense
        prev, cur = cur, _governor(tree, cur, words)
    return "held"


def _occurred(tree: Tree, cue_verb: Token) -> str | None:
    """A negated plan explained by a past occurrence ("не планировался, так как уже состоялся") is held."""
    for c in tree.children(cue_verb, "advcl", "conj", "parataxis"):
        if c.lemma_ in _OCCUR and feature(c, "Tense") == ["Past"] and not _negated(tree, c):
            return "held"
    return None


def _chunk_verbs(tok: Token, words: Sequence[Token]) -> list[Token]:
    """Verbs of the comma-free stretch of the sentence around tok, nearest first."""
    ids = [w.i for w in words]
    if tok.i not in ids:
        return []
    k = ids.index(tok.i)
    lo, hi = k, k
    while lo > 0 and words[lo - 1].text not in _BOUNDARY:
        lo -= 1
    while hi + 1 < len(words) and words[hi + 1].text not in _BOUNDARY:
        hi += 1
    verbs = [
        w
        for w in words[lo : hi + 1]
        if w.pos_ in ("VERB", "AUX") and feature(w, "VerbForm") in (["Fin"], ["Inf"])
    ]
    return sorted(verbs, key=lambda w: abs(w.i - tok.i))


def _governor(tree: Tree, tok: Token, words: Sequence[Token]) -> Token | None:
    """The head of an event noun; a head across a comma while a verb stands beside the noun is a parser slip
    ("поставить вопрос на заседании, ... а депутат заявил"), and the nearby verb governs instead."""
    head = tree.head(tok)
    if head is None or tok.pos_ != "NOUN":
        return head
    lo, hi = sorted((tok.i, head.i))
    if not any(t.text in _BOUNDARY for t in tok.doc[lo:hi]):
        return head
    near = _chunk_verbs(tok, words)
    return near[0] if near else head


def _flat_status(tok: Token, words: Sequence[Token]) -> str:
    """Without a parse: the nearest cue word or finite verb of the sentence decides."""
    ranked = sorted(words, key=lambda w: abs(w.i - tok.i))
    for w in ranked:
        found = _cue_status(w)
        if found:
            return found
    for w in ranked:
        tense = _tense(w, words)
        if tense:
            return tense
    return "held"
