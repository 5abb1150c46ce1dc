"""Part of speech, features and lemmas for every word: slovnet morphology, then pymorphy3."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..lemmas import choose_lemma
from ..segments import sentence_words
from ..slovnet_models import morph_model, tag_morph
from .base import BatchedComponent


class MorphologyTagger(BatchedComponent):
    """Writes `token.pos_`, `token.morph` and `token.lemma_`; batches sentences of many docs through slovnet."""

    def __init__(self, nlp: Language, name: str, *, batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        morph_model()  # load once, at pipeline build time

    def _annotate(self, docs: list[Doc]) -> None:
        sentences = [words for doc in docs for words in sentence_words(doc)]
        tags = tag_morph([[t.text for t in words] for words in sentences])
        for words, row in zip(sentences, tags):
            for token, (pos, feats) in zip(words, row):
                token.pos_ = pos
                if feats:
                    token.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())))
                token.lemma_ = choose_lemma(
                    token.text, pos, feats.get("Case"), feats.get("Number"), feats.get("Gender")
                )
        for doc in docs:
            for token in doc:
                if token.is_space:
                    token.pos_ = "SPACE"
                    token.lemma_ = token.text


@Language.factory(
    "dipextract_morphology",
    assigns=["token.pos", "token.morph", "token.lemma"],
    default_config={"batch_size": 64},
)
def make_morphology(nlp: Language, name: str, batch_size: int) -> MorphologyTagger:
    return MorphologyTagger(nlp, name, batch_size=batch_size)
