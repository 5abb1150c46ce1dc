"""Event words in a sentence: lexicon lookup, then the filters that keep matches, laws, press and routine out."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.strings import get_string_id
from spacy.tokens import Token

from ..morph_features import feature
from .index import EntityIndex
from .lexicon import cue, trigger_lemmas, trigger_phrases
from .tree import Tree

# Verbs whose direct object is the other side of a meeting ("принял посла"), not a thing ("принял закон").
_RECEIVE = frozenset({"принять", "принимать"})
_RECEPTION = frozenset({"приём", "прием"})
_SIGN = frozenset({"подписать", "подписывать", "подписание"})
_DISCUSS = frozenset({"обсудить"})
_PLACE_ONLY = frozenset({"побывать"})
PLURALIA = frozenset({"переговоры", "дебаты"})  # plural nouns that name one occasion
GATHERINGS = frozenset({"session", "forum"})
_GUEST_GROUPS = frozenset({"делегация"})
_VISIT_NOUN_CASE = frozenset({"с", "со"})
_PART_OF = frozenset({"участник", "делегат"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event word or phrase: token range, the head token that carries the syntax, the contract type."""

    start: int
    end: int
    head: int
    type: str


@functools.cache
def trigger_word_hashes() -> np.ndarray:
    """spaCy string ids (uint64) of every word a trigger can begin with (single-word lemmas, first words
    of phrases): a sentence with none of them as a lemma or lower-case form has no trigger."""
    words = set(trigger_lemmas()) | {phrase.words[0] for phrase in trigger_phrases()}
    return np.array(sorted(get_string_id(w) for w in words), dtype=np.uint64)


def _lexical(words: Sequence[Token]) -> list[Trigger]:
    """Phrase matches first, then single lemmas on the tokens left."""
    found: list[Trigger] = []
    used: set[int] = set()
    single = trigger_lemmas()
    lemmas = [t.lemma_ for t in words]
    lowers = [t.lower_ for t in words]
    present = set(lemmas).union(lowers)  # a phrase with a word absent from the sentence cannot match
    for phrase in trigger_phrases():
        if not present.issuperset(phrase.words):
            continue
        n = len(phrase.words)
        for k in range(len(words) - n + 1):
            if not all(lemmas[k + j] == w or lowers[k + j] == w for j, w in enumerate(phrase.words)):
                continue
            span = words[k : k + n]
            if any(t.i in used for t in span):
                continue
            head = next((t for t in span if t.lemma_ in single), span[0])
            found.append(Trigger(span[0].i, span[-1].i + 1, head.i, phrase.type))
            used.update(t.i for t in span)
    for tok, lemma in zip(words, lemmas):
        if lemma in single and tok.i not in used and tok.pos_ in ("NOUN", "VERB", "PROPN", "ADJ"):
            found.append(Trigger(tok.i, tok.i + 1, tok.i, single[lemma]))
    return sorted(found, key=lambda t: t.start)


def _near(words: Sequence[Token], tok: Token, role: str, width: int) -> bool:
    lemmas = cue(role)
    pos = next((k for k, w in enumerate(words) if w.i == tok.i), 0)
    return any(w.lemma_ in lemmas for w in words[max(0, pos - width) : pos + width + 1])


def _args(tree: Tree, tok: Token) -> list[Token]:
    """Argument tokens of a trigger: its dependents' phrases (empty when the sentence was not parsed)."""
    return [
        t
        for c in tree.children(tok)
        if tree.rel(c) not in ("acl:relcl", "parataxis", "ccomp", "advcl")
        for t in tree.phrase(c)
    ]


def animate_accusative(tok: Token, words: Sequence[Token]) -> Token | None:
    """The first accusative animate noun after a verb (parser slips attach it elsewhere)."""
    for w in words:
        if (
            tok.i < w.i <= tok.i + 7
            and w.pos_ in ("NOUN", "PROPN")
            and feature(w, "Case") in (["Acc"], ["Gen"])
        ):
            return w if "Anim" in feature(w, "Animacy") else None
    return None


def hidden_partners(tree: Tree, tok: Token, index: EntityIndex) -> list[Token]:
    """ "обсудил подготовку к саммиту с генеральным секретарем X": a "с" phrase naming a person that the parser
    hung inside the verb's object instead of on the verb (same clause: no comma between)."""
    doc = tok.doc
    found = []
    for obj in tree.children(tok, "obj"):
        for t in tree.subtree(obj):
            if (
                t.i > obj.i
                and tree.case(t) in ("с", "со")
                and tree.rel(t).startswith("nmod")
                and index.covering(t, "PERSON", "POST")
                and not any(x.text in (",", ";", ":") for x in doc[tok.i : t.i])
            ):
                found.append(t)
    return found


def names_before(tree: Tree, tok: Token, index: EntityIndex) -> list[str]:
    """ "Как сообщил Юрий Ушаков, Владимир Путин и Нарендра Моди обсудят": the people named right before a verb
    the parser left without a subject (only names and "и" between them and the verb, after a comma)."""
    if tree.children(tok, "nsubj", "nsubj:pass"):
        return []
    doc = tok.doc
    k = tok.i - 1
    while k >= 0 and (doc[k].pos_ in ("PROPN", "CCONJ") or doc[k].is_space):
        k -= 1
    if k < 0 or doc[k].text != "," or k == tok.i - 1:
        return []
    return [r.entity for r in index.within(list(doc[k + 1 : tok.i]), "PERSON")]


def _animate_object(tree: Tree, tok: Token, words: Sequence[Token], index: EntityIndex) -> bool:
    """A guest received: an animate object that is not someone admitted ("принял новых членов"), or in the
    passive an animate subject received by someone ("министр был принят Президентом")."""
    admitted = cue("admission")
    if any(o.lemma_ in _GUEST_GROUPS for o in tree.children(tok, "obj")):
        return True  # "принял делегацию Национального собрания": a delegation is received as guests
    if "Pass" in feature(tok, "Voice"):
        return any(
            (index.covering(s, "PERSON", "POST") or "Anim" in feature(s, "Animacy"))
            and s.lemma_ not in admitted
            for s in tree.children(tok, "nsubj:pass")
        ) and bool(tree.children(tok, "obl:agent"))
    objs = tree.children(tok, "obj")
    if objs:
        return any(
            index.covering(o, "PERSON") or "Anim" in feature(o, "Animacy") and o.lemma_ not in admitted
            for o in objs
        )
    guest = animate_accusative(tok, words)
    return guest is not None and guest.lemma_ not in admitted


def _paperwork(tree: Tree, tok: Token, words: Sequence[Token]) -> bool:
    """ "приём заявок", "приём документов": the noun takes in things, it does not receive a guest."""
    taken = cue("paperwork")
    if any(c.lemma_ in taken and not tree.case(c) for c in tree.children(tok, "nmod")):
        return True
    pos = next((k for k, w in enumerate(words) if w.i == tok.i), None)
    return pos is not None and pos + 1 < len(words) and words[pos + 1].lemma_ in taken


def _keep(trigger: Trigger, words: Sequence[Token], tree: Tree, index: EntityIndex) -> bool:
    """False for the uses of a trigger word that are not events of the contract."""
    doc = words[0].doc
    tok = doc[trigger.head]
    lemma = tok.lemma_
    args = _args(tree, tok)
    arg_lemmas = {t.lemma_ for t in args}
    if lemma in _RECEIVE and not _animate_object(tree, tok, words, index):
        return False
    if lemma in _RECEPTION and _paperwork(tree, tok, words):
        return False
    if lemma == "консультация" and feature(tok, "Number") != ["Plur"]:
        return False  # "консультация врача"; "консультации министерств" are talks
    if lemma in _SIGN and not (arg_lemmas & cue("agreement") or _near(words, tok, "agreement", 4)):
        return False
    if (
        lemma in _DISCUSS
        and not any(tree.case(c) in ("с", "со") for c in tree.children(tok, "obl", "nmod"))
        and not any(
            tree.children(s, "conj") or feature(s, "Number") == ["Plur"] and s.pos_ != "PRON"
            for s in tree.children(tok, "nsubj")
        )
        and not hidden_partners(tree, tok, index)
        and len(names_before(tree, tok, index)) < 2
    ):
        return False
    if lemma == "обсуждаться" and not any(
        tree.case(c) in ("с", "со") and index.covering(c, "PERSON", "POST")
        for c in tree.children(tok, "obl", "nmod")
    ):
        return False  # only "с X обсуждалось …" is a meeting with X; "вопрос обсуждался" is not
    if lemma in _DISCUSS and any(s.lemma_ in _PART_OF for s in tree.children(tok, "nsubj")):
        return False  # "участники конгресса обсудят": a topic of the congress, not a meeting of its own
    if lemma == "собраться" and feature(tok, "VerbForm") != ["Fin"]:
        return False  # "призвал собраться на митинг"
    if lemma in _PLACE_ONLY and not any(
        tree.case(c) in ("в", "во", "на")
        and (
            index.within(tree.phrase(c), "CITY", "COUNTRY", "REGION", "ORGANIZATION")
            or c.lemma_ in trigger_lemmas()
        )
        for c in tree.children(tok, "obl")
    ):
        return False  # "побывал в Праге", "на саммите"; not "побывав на могиле родителей"
    if trigger.type in ("meeting", "talks"):
        if _near(words, tok, "sport", 12):
            return False
        if arg_lemmas & cue("press") or _near(words, tok, "press", 3):
            return False
    if trigger.type == "session" and (arg_lemmas & cue("court") or _near(words, tok, "court", 3)):
        return False
    head = tree.head(tok)
    if head is not None and head.lemma_ in cue("process") and tok.pos_ == "NOUN":
        return False
    if head is not None and tree.rel(tok).startswith("nmod") and not tree.case(tok):
        # "заседания ... форума": the genitive names the body of the head event, not an event of its own
        if (
            head.lemma_ in trigger_lemmas()
            and trigger_lemmas()[head.lemma_] in GATHERINGS | {"meeting"}
            and trigger.type in GATHERINGS
            and head.lemma_ != lemma
        ):
            return False
    if trigger.type == "visit" and tok.pos_ == "VERB":
        objs = tree.children(tok, "obj")
        if any(trigger_lemmas().get(o.lemma_) in GATHERINGS for o in objs):
            return False  # "посетит саммит" is the summit
        if any(o.lemma_ in cue("show") for o in objs):
            return False  # "посетит спектакль", "посетил выставку": a show, not a visit
    if tok.pos_ == "NOUN" and feature(tok, "Number") == ["Plur"] and lemma not in PLURALIA:
        counted = [
            c for c in tree.children(tok, "nummod", "nummod:gov", "amod") if c.pos_ == "NUM" or c.like_num
        ]
        if counted or any(c.lemma_ in cue("generic") for c in tree.children(tok)):
            return False
        if not _dated(tok, tree, index, words) and not _with_named(tok, tree, index):
            return False  # "воздерживаться от посещений", "на встречах на высшем уровне": no one occasion
    clause = tok if tok.pos_ == "VERB" else tree.clause_head(tok)
    if clause is not None and any(c.lemma_ in cue("generic") for c in tree.children(clause)):
        return False
    return True


def _with_named(tok: Token, tree: Tree, index: EntityIndex) -> bool:
    """ "двусторонние встречи Садыра Жапарова с Владимиром Путиным, Си Цзиньпином …": a plural event noun
    with a named person of its own and a named counterpart is a set of particular meetings."""
    own = [c for c in tree.children(tok, "nmod") if not tree.case(c) and index.covering(c, "PERSON")]
    met = [c for c in tree.children(tok, "nmod", "obl") if tree.case(c) in ("с", "со")]
    return bool(own) and any(
        index.covering(c, "PERSON", "POST") or any(index.covering(g, "PERSON") for g in tree.children(c))
        for c in met
    )


def _dated(tok: Token, tree: Tree, index: EntityIndex, words: Sequence[Token]) -> bool:
    """A date stands in the trigger's own clause (a date in a relative clause dates something else)."""
    if not tree.parsed(tok):
        return bool(index.within(words, "DATE"))
    top = (tok if tok.pos_ == "VERB" else tree.clause_head(tok)) or tok
    area = tree.own_clause(tok, top)
    return any(r.start in area for r in index.within(words, "DATE"))


def _visit_manner(trigger: Trigger, kept: list[Trigger], words: Sequence[Token]) -> bool:
    """ "посетить Кыргызстан с официальным визитом": the noun says how the verb's visit is paid, one event."""
    doc = words[0].doc
    tok = doc[trigger.head]
    if trigger.type != "visit" or tok.pos_ != "NOUN" or feature(tok, "Case") != ["Ins"]:
        return False
    before = [w for w in words if w.i < tok.i][-4:]
    if not any(w.lower_ in _VISIT_NOUN_CASE for w in before):
        return False
    return any(
        k.type == "visit" and doc[k.head].pos_ == "VERB" and 0 < tok.i - k.head <= 8
        for k in kept
        if k is not trigger
    )


def find_triggers(words: Sequence[Token], tree: Tree, index: EntityIndex) -> list[Trigger]:
    """The event triggers of one sentence's word tokens, in text order."""
    kept = [t for t in _lexical(words) if _keep(t, words, tree, index)]
    return [t for t in kept if not _visit_manner(t, kept, words)]
