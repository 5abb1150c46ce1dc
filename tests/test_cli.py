"""The command line on a folder of awkward inputs: JSON on stdout, errors on stderr, exit codes, resume, CSV."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_io import MAX_BYTES, write_corpus
from typer.testing import CliRunner

from dipextract.cli import app

pytestmark = pytest.mark.slow

runner = CliRunner()


def invoke(*args: Any, **kwargs: Any):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def spans(doc: dict) -> list[dict]:
    """Every offset-carrying piece of a document."""
    found = [m for e in doc["entities"] for m in e["mentions"]]
    for event in doc["events"]:
        found += [event["trigger"], {**event["evidence"], "text": None}]
    found += [{**t} for t in doc.get("tokens") or []]
    found += [{**s, "text": None} for s in doc.get("sentences") or []]
    return found


def assert_offsets_slice(doc: dict, text: str) -> None:
    for span in spans(doc):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        if span["text"] is not None:
            assert text[span["start"] : span["end"]] == span["text"], span


def analysis(doc: dict) -> dict:
    """The part of a document that depends only on the text."""
    return {k: v for k, v in doc.items() if k not in ("doc_id", "source", "text")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("corpus")
    return root, write_corpus(root)


@pytest.fixture(scope="module")
def batch(corpus: tuple[Path, dict], tmp_path_factory: pytest.TempPathFactory):
    """One run over the whole folder into OUT, with the text in each document."""
    root, _ = corpus
    out = tmp_path_factory.mktemp("out")
    result = invoke(root, "-o", out, "--include-text", "--max-bytes", MAX_BYTES, "--published", "2024-03-15")
    return result, out


def test_folder_to_out_folder(corpus: tuple[Path, dict], batch) -> None:
    root, cases = corpus
    result, out = batch
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert f"error: {root / 'binary.txt'}: binary" in result.stderr
    assert f"error: {root / 'big.txt'}: too large: " in result.stderr
    assert "articles: 12, " in result.stderr and "failures: 2" in result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    expected = sorted(
        str(Path(name).with_suffix(".json").as_posix()) for name, c in cases.items() if not c[2]
    )
    assert written == expected
    for name, (_, text, error) in cases.items():
        if error:
            continue
        doc = json.loads((out / Path(name).with_suffix(".json")).read_text(encoding="utf-8"))
        assert doc["schema"] == "dipextract/1"
        assert doc["doc_id"] == Path(name).stem
        assert doc["source"] == str(root / name)
        assert doc["published"] == "2024-03-15"
        assert doc["text"] == text, name
        assert_offsets_slice(doc, text)


def test_same_text_same_analysis_whatever_the_encoding(corpus: tuple[Path, dict], batch) -> None:
    _, out = batch
    docs = {
        name: json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        for name in ("utf8", "utf8_bom", "cp1251", "koi8r", "utf16")
    }
    reference = analysis(docs["utf8"])
    assert reference["entities"], "the Russian sentences should give entities"
    for name, doc in docs.items():
        assert analysis(doc) == reference, name


def test_empty_blank_and_english_are_valid_documents(batch) -> None:
    _, out = batch
    for name in ("empty", "blank"):
        doc = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert doc["entities"] == [] and doc["events"] == []
    english = json.loads((out / "english.json").read_text(encoding="utf-8"))
    assert english["language"] == "ru" and isinstance(english["entities"], list)


def test_folder_to_json_lines(corpus: tuple[Path, dict], batch) -> None:
    root, cases = corpus
    _, out = batch
    result = invoke(root, "--max-bytes", MAX_BYTES, "--published", "2024-03-15")
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"] for line in lines] == [str(root / name) for name in sorted(cases)]
    for name, line in zip(sorted(cases), lines):
        if cases[name][2]:
            assert line == {"error": line["error"], "source": str(root / name)}
            assert line["error"].startswith(cases[name][2])
        else:
            saved = json.loads((out / Path(name).with_suffix(".json")).read_text(encoding="utf-8"))
            assert "text" not in line
            assert line == {k: v for k, v in saved.items() if k != "text"}, name


def test_single_file_prints_one_pretty_document(corpus: tuple[Path, dict]) -> None:
    root, cases = corpus
    result = invoke(root / "crlf.txt", "--pretty", "--tokens", "--include-text")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("{\n  ")
    doc = json.loads(result.stdout)
    assert doc["text"] == cases["crlf.txt"][1] and "\r\n" in doc["text"]
    assert doc["sentences"] and doc["tokens"]
    assert_offsets_slice(doc, doc["text"])
    assert result.stderr == ""


def test_single_file_to_json_file(corpus: tuple[Path, dict], tmp_path: Path) -> None:
    root, _ = corpus
    target = tmp_path / "one.json"
    result = invoke(root / "kyrgyz.txt", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["doc_id"] == "kyrgyz"


def test_stdin(corpus: tuple[Path, dict], batch) -> None:
    root, cases = corpus
    _, out = batch
    result = invoke("-", "--published", "2024-03-15", input=cases["cp1251.txt"][0])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["source"] == "<stdin>" and doc["doc_id"] is None
    reference = json.loads((out / "utf8.json").read_text(encoding="utf-8"))
    assert analysis(doc) == analysis(reference)


def test_html_input_offsets_refer_to_visible_text(corpus: tuple[Path, dict]) -> None:
    root, cases = corpus
    result = invoke(root / "page.html", "--include-text")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["text"] == cases["page.html"][1]
    assert "<" not in doc["text"] and "скрипте" not in doc["text"]
    assert_offsets_slice(doc, doc["text"])


def test_failed_single_file(corpus: tuple[Path, dict]) -> None:
    root, _ = corpus
    result = invoke(root / "binary.txt")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.strip() == f"error: {root / 'binary.txt'}: binary"


@pytest.mark.parametrize(
    "args",
    [
        ["missing-folder"],
        ["{root}", "--published", "2024-13-01"],
        ["{root}", "--format", "json"],
        ["{root}", "--resume"],
        ["{root}", "--max-bytes", "lots"],
        ["{root}", "--jobs", "2", "--dask", "local"],
        ["{root}", "--format", "xml"],
    ],
)
def test_usage_errors_exit_2(corpus: tuple[Path, dict], args: list[str]) -> None:
    root, _ = corpus
    result = invoke(*[a.format(root=root) for a in args])
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""


def test_resume_redoes_only_missing_and_truncated(corpus: tuple[Path, dict], batch, tmp_path: Path) -> None:
    root, _ = corpus
    _, out = batch
    shutil.copytree(out, tmp_path / "out")
    out = tmp_path / "out"
    (out / "cp1251.json").unlink()
    (out / "sub/deeper/nested.json").unlink()
    truncated = out / "koi8r.json"
    truncated.write_text(truncated.read_text(encoding="utf-8")[:100], encoding="utf-8")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    result = invoke(root, "-o", out, "--resume", "--include-text", "--max-bytes", MAX_BYTES)
    assert result.exit_code == 1  # binary.txt and big.txt still fail
    assert "articles: 3, " in result.stderr and "skipped (already done): 9" in result.stderr
    for path, mtime in before.items():
        if path != truncated:
            assert path.stat().st_mtime_ns == mtime, path
    for name in ("cp1251.json", "sub/deeper/nested.json", "koi8r.json"):
        assert json.loads((out / name).read_text(encoding="utf-8"))["entities"]
    assert not list(out.rglob("*.tmp"))


def test_csv_tables(corpus: tuple[Path, dict], batch, tmp_path: Path) -> None:
    root, _ = corpus
    _, out = batch
    result = invoke(root, "--format", "csv", "-o", tmp_path, "--max-bytes", MAX_BYTES)
    assert result.exit_code == 1 and result.stdout == ""
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.rglob("*.json"))]
    with (tmp_path / "entities.csv").open(encoding="utf-8", newline="") as handle:
        entities = list(csv.DictReader(handle))
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        events = list(reader)
        assert {"participants", "place", "time", "status"} <= set(reader.fieldnames or ())
    assert len(entities) == sum(len(d["entities"]) for d in docs)
    assert len(events) == sum(len(d["events"]) for d in docs)
    lavrov = [row for row in entities if row["doc_id"] == "utf8"]
    assert {row["type"] for row in lavrov} >= {"PERSON", "COUNTRY"}
    assert all(row["mentions"].isdigit() for row in entities)


def test_help_lists_commands() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for name in ("extract", "schema", "evaluate"):
        assert name in result.stdout
    assert invoke("extract", "--help").exit_code == 0


def test_evaluate_is_mounted() -> None:
    result = invoke("evaluate", "--help")
    if importlib.util.find_spec("dipextract.evaluate.cli") is None:
        assert result.exit_code == 2 and "not available" in result.stderr
    else:
        assert result.exit_code == 0, result.stderr


def test_startup_imports_neither_pipeline_nor_evaluate(corpus: tuple[Path, dict]) -> None:
    """`dipextract FILE` must not pay for spaCy before it needs it, nor ever for `evaluate`."""
    code = (
        "import sys\nfrom dipextract.cli import app\n"
        "app(['schema'], standalone_mode=False)\n"
        "print(sorted(m for m in ('spacy', 'dipextract.evaluate.cli', 'dask') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, terminal: bool) -> None:
    import io

    from rich.console import Console

    import dipextract.cli as cli

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=terminal, width=80)
    monkeypatch.setattr(cli, "err_console", lambda: console)
    items = ["a", "b"]
    assert list(cli._progress(iter(items), len(items), show=True)) == items
    assert ("extracting" in buffer.getvalue()) is terminal
