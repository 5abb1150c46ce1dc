"""Part of speech, features and lemmas for every word: slovnet morphology, then pymorphy3."""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, MORPH, POS
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

from ..lemmas import choose_lemma
from ..segments import sentence_indices, token_texts
from ..slovnet_models import morph_tag_ids, morph_tags
from .base import BatchedComponent

_LEMMA_CACHE_SIZE = 60_000


class MorphologyTagger(BatchedComponent):
    """Writes `token.pos_`, `token.morph` and `token.lemma_`; batches sentences of many docs through slovnet.

    All three are written at once per doc with `Doc.from_array` (setting them token by token was a third
    of this component's time).
    """

    def __init__(self, nlp: Language, name: str, *, batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        vocab = nlp.vocab
        self._tags = []  # per tag id: (POS symbol, MORPH key, (pos, case, number, gender) for the lemma)
        for pos, feats in morph_tags():  # loads the model once, at pipeline build time
            morph = "|".join(f"{k}={v}" for k, v in sorted(feats.items()))
            key = vocab.morphology.add(morph) if morph else 0
            lemma_args = (pos, feats.get("Case"), feats.get("Number"), feats.get("Gender"))
            self._tags.append((POS_IDS.get(pos, POS_IDS["X"]), key, lemma_args))
        # per tag id, and one more row for whitespace tokens: (POS symbol, MORPH key), for `Doc.from_array`
        self._pos_and_morph = np.array(
            [(pos, key) for pos, key, _ in self._tags] + [(POS_IDS["SPACE"], 0)], dtype=np.uint64
        )
        self._lemmas: dict[tuple[str, int], int] = {}  # (word, tag id) -> lemma hash

    def _lemma(self, doc: Doc, word: str, tag: int) -> int:
        key = (word, tag)
        lemma = self._lemmas.get(key)
        if lemma is None:
            if len(self._lemmas) >= _LEMMA_CACHE_SIZE:
                self._lemmas.clear()
            lemma = self._lemmas[key] = doc.vocab.strings.add(choose_lemma(word, *self._tags[tag][2]))
        return lemma

    def _annotate(self, docs: list[Doc]) -> None:
        texts = [token_texts(doc) for doc in docs]
        per_doc = [sentence_indices(doc) for doc in docs]
        sentences = [[words[i] for i in sent] for words, sents in zip(texts, per_doc) for sent in sents]
        tag_rows = iter(morph_tag_ids(sentences))
        lemmas, space = self._lemmas, len(self._tags)  # tag id `space`: a whitespace token
        for doc, words, sents in zip(docs, texts, per_doc):
            if not words:
                continue
            tag_of = np.full(len(words), space, dtype=np.int64)
            for sent in sents:
                tag_of[sent] = next(tag_rows)
            lemma_of = []
            for word, tag in zip(words, tag_of.tolist()):  # the cache looked up here: this loop runs per word
                lemma = lemmas.get((word, tag))
                if lemma is None:
                    lemma = self._lemma(doc, word, tag) if tag != space else doc.vocab.strings.add(word)
                lemma_of.append(lemma)
            rows = self._pos_and_morph[tag_of]
            doc.from_array([POS, MORPH, LEMMA], np.column_stack([rows, np.array(lemma_of, dtype=np.uint64)]))


@Language.factory(
    "dipextract_morphology",
    assigns=["token.pos", "token.morph", "token.lemma"],
    default_config={"batch_size": 64},
)
def make_morphology(nlp: Language, name: str, batch_size: int) -> MorphologyTagger:
    return MorphologyTagger(nlp, name, batch_size=batch_size)
