"""The analysis pipeline assembled in one place: the order of components lives only here."""

from __future__ import annotations

import functools
import gc

import spacy
from spacy.language import Language

from . import lex_attrs
from . import tokenizer as _tokenizer  # noqa: F401  (registers the razdel tokenizer)

COMPONENTS: tuple[str, ...] = (
    "dipextract_morphology",
    "dipextract_ner",
    "dipextract_entities",
    "dipextract_syntax",
    "dipextract_events",
)


@functools.cache
def build_pipeline(ner_backend: str = "auto") -> Language:
    """A Russian `Language` with razdel tokens, slovnet morphology, entity tagging, resolution, syntax, events.

    The loaded models (navec, slovnet, the tagger, the gazetteer: some 150,000 Python objects) live as
    long as the process, so they are moved out of the garbage collector's sight (`gc.freeze`): each full
    collection scanned them all again, about 6% of the run on NEREL. Only objects that exist now are
    frozen; everything made later is collected as before.
    """
    from . import components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("ru", config={"nlp": {"tokenizer": {"@tokenizers": "dipextract.razdel_tokenizer.v1"}}})
    lex_attrs.install(nlp.vocab)  # the same lexeme attributes, computed faster
    for name in COMPONENTS:
        config = {"backend": ner_backend} if name == "dipextract_ner" else {}
        nlp.add_pipe(name, config=config)
    gc.freeze()
    return nlp
