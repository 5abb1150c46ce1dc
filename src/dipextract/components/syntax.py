"""Dependency syntax from slovnet, parsed only for sentences that may state an event (the costly model)."""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..posts import load_lines
from ..segments import russian_sentences
from ..slovnet_models import parse_syntax, syntax_model
from .base import BatchedComponent

for _name in ("syn_head", "syn_rel"):
    if not Token.has_extension(_name):
        Token.set_extension(_name, default=None)


@functools.cache
def syntax_lemmas() -> frozenset[str]:
    return load_lines("syntax_lemmas.txt")


class SyntaxParser(BatchedComponent):
    """Sets `token._.syn_head` (doc index of the head, None for the root) and `token._.syn_rel` (UD relation)."""

    def __init__(self, nlp: Language, name: str, *, parse_all: bool = False) -> None:
        self.name = name
        self.parse_all = parse_all
        syntax_model()

    def _wanted(self, words: list[Token]) -> bool:
        return self.parse_all or any(t.lemma_ in syntax_lemmas() for t in words)

    def _annotate(self, docs: list[Doc]) -> None:
        sentences = [words for doc in docs for words in russian_sentences(doc) if self._wanted(words)]
        if not sentences:
            return
        parsed = parse_syntax([[t.text for t in words] for words in sentences])
        for words, arcs in zip(sentences, parsed):
            for token, (head, rel) in zip(words, arcs):
                token._.syn_head = words[head].i if 0 <= head < len(words) else None
                token._.syn_rel = rel


@Language.factory(
    "dipextract_syntax",
    assigns=["token._.syn_head", "token._.syn_rel"],
    requires=["token.lemma"],
    default_config={"parse_all": False},
)
def make_syntax_parser(nlp: Language, name: str, parse_all: bool) -> SyntaxParser:
    return SyntaxParser(nlp, name, parse_all=parse_all)
