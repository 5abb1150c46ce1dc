"""Dependency syntax from slovnet, parsed only for sentences that may state an event (the costly model)."""

from __future__ import annotations

import functools

from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..const import ARCS, RELS
from ..posts import load_lines
from ..segments import sentence_indices, token_texts
from ..slovnet_models import parse_syntax, syntax_model
from .base import BatchedComponent


def _syn_head(token: Token) -> int | None:
    return token.doc.user_data.get(ARCS, {}).get(token.i)


def _syn_rel(token: Token) -> str | None:
    return token.doc.user_data.get(RELS, {}).get(token.i)


# read from the doc's arc tables, which the parser fills with plain values (one write per word, not three
# through token._, and events.tree reads the tables whole)
for _name, _getter in (("syn_head", _syn_head), ("syn_rel", _syn_rel)):
    if not Token.has_extension(_name):
        Token.set_extension(_name, getter=_getter)


@functools.cache
def syntax_lemmas() -> frozenset[str]:
    return load_lines("syntax_lemmas.txt")


class SyntaxParser(BatchedComponent):
    """Sets `token._.syn_head` (doc index of the head, None for the root) and `token._.syn_rel` (UD relation).

    Both are read from `doc.user_data[ARCS]` ({word: head} of the parsed non-root words) and
    `doc.user_data[RELS]` ({word: relation} of the parsed words); unparsed words have None for both.
    """

    def __init__(self, nlp: Language, name: str, *, parse_all: bool = False) -> None:
        self.name = name
        self.parse_all = parse_all
        self._lemma_hashes = frozenset(nlp.vocab.strings.add(lemma) for lemma in syntax_lemmas())
        syntax_model()

    def _wanted(self, words: list[int], lemmas: list[int]) -> bool:
        return self.parse_all or any(lemmas[i] in self._lemma_hashes for i in words)

    def _annotate(self, docs: list[Doc]) -> None:
        chosen: list[tuple[Doc, list[int]]] = []
        for doc in docs:
            doc.user_data.setdefault(ARCS, {})
            doc.user_data.setdefault(RELS, {})
            lemmas = doc.to_array(LEMMA).tolist()
            chosen.extend(
                (doc, words) for words in sentence_indices(doc, russian=True) if self._wanted(words, lemmas)
            )
        if not chosen:
            return
        texts: dict[int, list[str]] = {}
        sentences = []
        for doc, words in chosen:
            doc_words = texts.get(id(doc))
            if doc_words is None:
                doc_words = texts[id(doc)] = token_texts(doc)
            sentences.append([doc_words[i] for i in words])
        for (doc, words), arcs in zip(chosen, parse_syntax(sentences)):
            heads, rels = doc.user_data[ARCS], doc.user_data[RELS]
            for i, (head, rel) in zip(words, arcs):
                rels[i] = rel
                if 0 <= head < len(words):
                    heads[i] = words[head]


@Language.factory(
    "dipextract_syntax",
    assigns=["token._.syn_head", "token._.syn_rel"],
    requires=["token.lemma"],
    default_config={"parse_all": False},
)
def make_syntax_parser(nlp: Language, name: str, parse_all: bool) -> SyntaxParser:
    return SyntaxParser(nlp, name, parse_all=parse_all)
