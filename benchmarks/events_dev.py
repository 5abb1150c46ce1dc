"""Events on the development gold standard: run the pipeline over its 53 texts, write contract JSON, score.

Usage:
    PYTHONPATH=src python benchmarks/events_dev.py [--out /tmp/evd_out] [--report /tmp/evd_report.json]
        [--cache /tmp/evd_docs.spacy]   # reuse the docs analysed up to the events component (fast rules work)
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
from pathlib import Path

EVENTS_DEV = Path(os.environ.get("DIPX_EVENTS_DEV", "/work/shared/events-dev"))
CORPORA = Path(os.environ.get("DIPX_CORPORA", "/work/shared/corpora"))
SOURCES = {"factru-dev": "factrueval/devset", "nerel-train": "nerel/train", "nerel-dev": "nerel/dev"}


def gold_texts() -> list[tuple[str, str]]:
    """(stem, text) of every gold document, in gold-file order."""
    items = []
    for fn in sorted(glob.glob(str(EVENTS_DEV / "gold" / "*.json"))):
        gold = json.loads(Path(fn).read_text(encoding="utf-8"))
        path = CORPORA / SOURCES[gold["source"]] / gold["doc"]
        items.append((Path(gold["doc"]).stem, path.read_text(encoding="utf-8")))
    return items


def analysed_docs(items: list[tuple[str, str]], cache: Path | None):  # type: ignore[no-untyped-def]
    """Docs run through every component but events; from the DocBin cache when it exists."""
    from spacy.tokens import DocBin

    from dipextract.api import load

    nlp = load()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(items):
            return nlp, docs
    before = [name for name in nlp.pipe_names if name != "dipextract_events"]
    prepared = []
    for _stem, text in items:
        doc = nlp.make_doc(text)
        doc._.published = None
        prepared.append(doc)
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(prepared, batch_size=8))
    if cache is not None:
        DocBin(store_user_data=True, docs=docs).to_disk(cache)
    return nlp, docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/evd_out"))
    parser.add_argument("--report", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args()

    from dipextract.export import to_document

    items = gold_texts()
    nlp, docs = analysed_docs(items, args.cache)
    events = nlp.get_pipe("dipextract_events") if "dipextract_events" in nlp.pipe_names else None
    args.out.mkdir(parents=True, exist_ok=True)
    for (stem, _text), doc in zip(items, docs):
        if events is not None:
            doc = events(doc)
        (args.out / f"{stem}.json").write_text(
            to_document(doc, doc_id=stem).to_json(indent=1), encoding="utf-8"
        )
    command = [sys.executable, "events_eval.py", "--pred-dir", str(args.out)]
    if args.report is not None:
        command += ["--json", str(args.report)]
    subprocess.run(command, cwd=EVENTS_DEV, check=False)


if __name__ == "__main__":
    main()
