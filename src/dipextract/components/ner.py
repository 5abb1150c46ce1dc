"""Statistical entity spans: the NEREL-trained tagger (default) or slovnet's news NER, on Russian sentences only."""

from __future__ import annotations

from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from ..const import SPANS_NER
from ..segments import sentence_indices, token_texts
from .base import BatchedComponent

# slovnet's labels mapped once, here: LOC is decided later by the gazetteer (country, city or region).
_SLOVNET_LABELS = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOC"}

Backend = Literal["auto", "nerel", "slovnet"]


def _bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, name = tag.partition("-")
        if start >= 0 and (prefix != "I" or name != label):
            spans.append((start, i, label))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, label = i, name
    return spans


class EntityTagger(BatchedComponent):
    """Writes candidate mentions to `doc.spans["dipextract_ner"]`, labelled with contract types."""

    def __init__(self, nlp: Language, name: str, *, backend: Backend = "auto", batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        self._tagger = None
        if backend in ("auto", "nerel"):
            try:
                from ..tagging import NerelTagger

                self._tagger = NerelTagger.load()
            except (ImportError, FileNotFoundError, OSError):
                if backend == "nerel":
                    raise
        self.backend = "nerel" if self._tagger is not None else "slovnet"
        if self.backend == "slovnet":
            from ..slovnet_models import ner_model

            ner_model()

    def _predict(self, words: list[list[str]]) -> list[list[tuple[int, int, str]]]:
        if self._tagger is not None:
            return self._tagger(words)
        from ..slovnet_models import tag_ner

        return [
            [(s, e, _SLOVNET_LABELS[label]) for s, e, label in _bio_spans(tags) if label in _SLOVNET_LABELS]
            for tags in tag_ner(words)
        ]

    def _annotate(self, docs: list[Doc]) -> None:
        per_doc = [sentence_indices(doc, russian=True) for doc in docs]
        words = []
        for doc, sents in zip(docs, per_doc):
            if sents:
                texts = token_texts(doc)
                words.extend([texts[i] for i in sent] for sent in sents)
        predictions = iter(self._predict(words)) if words else iter(())
        for doc, sents in zip(docs, per_doc):
            spans: list[Span] = []
            for sent in sents:
                for start, end, label in next(predictions):
                    spans.append(Span(doc, sent[start], sent[end - 1] + 1, label=label))
            spans.sort(key=lambda s: (s.start, -s.end))
            doc.spans[SPANS_NER] = SpanGroup(
                doc, name=SPANS_NER, spans=spans, attrs={"backend": self.backend}
            )


@Language.factory(
    "dipextract_ner",
    assigns=["doc.spans"],
    requires=["token.pos"],
    default_config={"backend": "auto", "batch_size": 64},
)
def make_entity_tagger(nlp: Language, name: str, backend: Backend, batch_size: int) -> EntityTagger:
    return EntityTagger(nlp, name, backend=backend, batch_size=batch_size)
