"""NEREL train documents with their gold annotations and our tokens, POS and lemmas, for the lexicon builders.

Only the morphology runs: the builders read the words around gold spans as the pipeline tags them at run
time, not the pipeline's own mentions.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dipextract.api import load  # noqa: E402
from dipextract.evaluate.brat import BratDoc, load_brat  # noqa: E402


def tagged_train_docs(corpus: Path) -> Iterator[tuple[BratDoc, Doc]]:
    """(gold, doc) for every document of `corpus`/train; no dev or test document is read."""
    nlp = load()
    for gold in load_brat(corpus / "train"):
        doc = nlp.make_doc(gold.text)
        with nlp.select_pipes(enable=["dipextract_morphology"]):
            yield gold, nlp(doc)
