"""Events: run the pipeline on the events-dev documents and score them with the shipped `events_eval.py`.

The numbers are the scorer's own (it runs in a subprocess on our `<stem>.json` files), so they agree
with it by construction. Texts are read in place from the corpora (nothing is copied); the gold's
`published` is not passed to the pipeline, because the scorer also measures how well we find it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .brat import read_text
from .runner import Predict, Progress, resolve_predict

# gold `source` -> folder under the corpora root (events-dev README, section 1)
SOURCE_DIRS: dict[str, str] = {
    "factru-dev": "factrueval/devset",
    "nerel-train": "nerel/train",
    "nerel-dev": "nerel/dev",
}


class EventsDevError(Exception):
    """The events-dev folder or a text it names cannot be found."""


@dataclass(frozen=True, slots=True)
class GoldDoc:
    source: str
    doc: str
    text_path: Path

    @property
    def stem(self) -> str:
        return Path(self.doc).stem


def corpora_root(events_dev_dir: Path) -> Path:
    """`$DIPX_CORPORA` when set (as the shipped scripts do), else `<events_dev_dir>/../corpora`."""
    env = os.environ.get("DIPX_CORPORA")
    return Path(env) if env else Path(events_dev_dir).resolve().parent / "corpora"


def gold_documents(events_dev_dir: Path) -> list[GoldDoc]:
    """The documents the gold files name, with the path of each text."""
    gold_dir = Path(events_dev_dir) / "gold"
    if not gold_dir.is_dir():
        raise EventsDevError(f"{gold_dir}: no gold folder; is {events_dev_dir} the events-dev folder?")
    root = corpora_root(events_dev_dir)
    docs = []
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        sub = SOURCE_DIRS.get(data["source"])
        if sub is None:
            raise EventsDevError(f"{path}: unknown source {data['source']!r}")
        text_path = root / sub / data["doc"]
        if not text_path.exists():
            raise EventsDevError(f"{path}: text {text_path} not found (set DIPX_CORPORA?)")
        docs.append(GoldDoc(data["source"], data["doc"], text_path))
    return docs


def write_predictions(
    docs: list[GoldDoc], out_dir: Path, *, predict: Predict | None = None, progress: Progress | None = None
) -> list[Path]:
    """Run the pipeline over the documents and write one `<stem>.json` (contract JSON) per document."""
    out_dir.mkdir(parents=True, exist_ok=True)
    predict, _ = resolve_predict(predict)

    def items() -> Iterator[tuple[str, dict[str, object]]]:
        for d in docs:
            yield read_text(d.text_path), {"doc_id": d.stem, "published": None, "source": str(d.text_path)}

    written = []
    for n, (d, doc) in enumerate(zip(docs, predict(items()), strict=True), 1):
        path = out_dir / f"{d.stem}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(doc.to_json(indent=1), encoding="utf-8")
        os.replace(tmp, path)
        written.append(path)
        if progress:
            progress(n, len(docs))
    return written


def run_scorer(events_dev_dir: Path, pred_dir: Path, *, report_json: Path | None = None) -> str:
    """The shipped scorer's stdout for a folder of predictions."""
    cmd = [sys.executable, str(Path(events_dev_dir) / "events_eval.py"), "--pred-dir", str(pred_dir)]
    if report_json is not None:
        cmd += ["--json", str(report_json)]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", check=False)
    if proc.returncode != 0:
        raise EventsDevError(f"events_eval.py failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def evaluate_events(
    events_dev_dir: Path,
    out_dir: Path | None = None,
    *,
    report_json: Path | None = None,
    predict: Predict | None = None,
    progress: Progress | None = None,
) -> str:
    """Predict the events-dev documents into `out_dir` (a temporary folder if None) and return the scorer's report."""
    events_dev_dir = Path(events_dev_dir)
    docs = gold_documents(events_dev_dir)
    if out_dir is not None:
        write_predictions(docs, Path(out_dir), predict=predict, progress=progress)
        return run_scorer(events_dev_dir, Path(out_dir), report_json=report_json)
    with tempfile.TemporaryDirectory(prefix="dipextract-events-") as tmp:
        write_predictions(docs, Path(tmp), predict=predict, progress=progress)
        return run_scorer(events_dev_dir, Path(tmp), report_json=report_json)
