"""Batch processing: a broken article does not stop the batch, worker processes change nothing, any text is safe."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_io import LAVROV, MAX_BYTES, PLANNED, TALKS, write_corpus
from typer.testing import CliRunner

import dipextract.api as api
from dipextract.batch import Options, Result, Summary, Task, run_batch
from dipextract.cli import app
from dipextract.errors import ModelError
from dipextract.schema import Document

pytestmark = pytest.mark.slow

POISON = "СБОЙ"


@pytest.fixture
def poisoned(monkeypatch: pytest.MonkeyPatch) -> None:
    """`extract_many` raises inside the pipeline whenever a batch holds a text with POISON."""
    real = api.extract_many

    def extract_many(items, **kwargs):
        items = list(items)
        if any(POISON in (item if isinstance(item, str) else item[0]) for item in items):
            raise ValueError("pipeline exploded")
        return real(items, **kwargs)

    monkeypatch.setattr(api, "extract_many", extract_many)


def text_tasks(texts: list[str]) -> list[Task]:
    return [Task(i, source=f"t{i}", doc_id=f"t{i}", text=text) for i, text in enumerate(texts)]


def test_broken_article_fails_alone(poisoned: None) -> None:
    texts = [LAVROV, TALKS, f"{POISON} {PLANNED}", PLANNED, LAVROV]
    results = list(run_batch(text_tasks(texts), Options(batch_size=4)))
    assert [r.task.source for r in results] == ["t0", "t1", "t2", "t3", "t4"]
    assert [r.error for r in results] == [
        None,
        None,
        "pipeline failed: ValueError: pipeline exploded",
        None,
        None,
    ]
    assert results[0].document == api.extract(LAVROV, doc_id="t0", source="t0")
    assert results[0].document.to_json() == results[4].document.to_json().replace('"t4"', '"t0"')


def test_broken_article_in_json_lines(poisoned: None, tmp_path: Path) -> None:
    for name, text in [("a.txt", LAVROV), ("b.txt", POISON), ("c.txt", TALKS)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, [str(tmp_path)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[1] == {
        "error": "pipeline failed: ValueError: pipeline exploded",
        "source": str(tmp_path / "b.txt"),
    }
    assert lines[0]["doc_id"] == "a" and lines[2]["doc_id"] == "c"
    assert f"error: {tmp_path / 'b.txt'}: pipeline failed" in result.stderr
    assert "articles: 2, " in result.stderr and "failures: 1" in result.stderr


def test_model_error_stops_the_batch(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(items, **kwargs):
        raise ModelError("models missing: reinstall dipextract")

    monkeypatch.setattr(api, "extract_many", broken)
    (tmp_path / "a.txt").write_text(LAVROV, encoding="utf-8")
    result = CliRunner().invoke(app, [str(tmp_path)])
    assert result.exit_code == 1
    assert "error: models missing: reinstall dipextract" in result.stderr
    assert result.stdout == ""


def test_summary_line() -> None:
    summary = Summary()
    summary.add(Result(Task(0, "a"), document=Document()))
    summary.add(Result(Task(1, "b"), error="binary"))
    line = summary.line()
    assert line.startswith("articles: 1, entities: 0, events: 0, failures: 1, ") and "articles/s" in line


def test_two_jobs_give_the_same_output(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    runner = CliRunner()
    args = [str(tmp_path), "--max-bytes", str(MAX_BYTES), "--batch-size", "3", "--tokens"]
    one = runner.invoke(app, [*args, "--jobs", "1"])
    two = runner.invoke(app, [*args, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout
    assert len(one.stdout.splitlines()) == 14


# Any code point (surrogates included: the test strips them, as no decoder yields them), Cyrillic, spaces, controls.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=()),
        st.sampled_from(
            "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯөүң.,;:!?«»—-–()\"' \n\r\t\u00a0\u200b\x00\x07"
        ),
    ),
    max_size=300,
)
WORDS = st.lists(
    st.one_of(
        TEXT, st.sampled_from(["Москва", "Лавров", "МИД России", "12 марта", "встретился", "визит", "Путин"])
    ),
    max_size=40,
).map(" ".join)
LONG_LINE = st.integers(500, 2000).map(lambda n: ("Путин Москва " * n)[: n * 3])


def _nameless_letter(char: str) -> bool:
    """Letters unicodedata cannot name (Tangut in Python 3.11): see test_letters_without_a_unicode_name."""
    if unicodedata.category(char) != "Lo":
        return False
    try:
        unicodedata.name(char)
    except ValueError:
        return True
    return False


# No shrinking: a pipeline call takes up to a second, and shrinking a failure can take many minutes.
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
@given(st.one_of(TEXT, WORDS, LONG_LINE, st.lists(WORDS, max_size=5).map("\r\n".join)))
def test_any_text_gives_a_document_whose_offsets_slice_it(text: str) -> None:
    text = "".join(c for c in text if not ("\ud800" <= c <= "\udfff" or _nameless_letter(c)))
    doc = api.extract(text, tokens=True, include_text=True)
    assert doc.text == text
    data = json.loads(doc.to_json())
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    for event in data["events"]:
        assert text[event["trigger"]["start"] : event["trigger"]["end"]] == event["trigger"]["text"]
        assert 0 <= event["evidence"]["start"] <= event["evidence"]["end"] <= len(text)
    for token in data["tokens"]:
        assert text[token["start"] : token["end"]] == token["text"]


def test_letters_without_a_unicode_name() -> None:
    # pymorphy3 calls unicodedata.name() on letters, which has no name for Tangut "𗍒"
    doc = api.extract("Лавров 𗍒 встретился в Москве.")
    assert doc.entities


def test_a_lone_surrogate_keeps_the_offsets_of_the_callers_text() -> None:
    text = "\udcd0Министр иностранных дел России Сергей Лавров прибыл в Минск."
    doc = api.extract(text)
    lavrov = next(e for e in doc.entities if e.type == "PERSON")
    assert lavrov.name == "Сергей Лавров"
    assert [text[m.start : m.end] for m in lavrov.mentions] == ["Сергей Лавров"]


def test_pipeline_renewed_when_its_vocabulary_outgrows_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """An archive's long tail of new words would grow spaCy's vocabulary without end: past the limit the
    pipeline is rebuilt between groups of articles, and the articles come out as they would without it."""
    texts = [LAVROV, TALKS, LAVROV, PLANNED]
    expected = [d.model_dump() for d in api.extract_many(texts)]
    before = api.load()
    monkeypatch.setattr(api, "VOCAB_LIMIT", 10)
    monkeypatch.setattr(api, "_GROUP", 1)
    renewed = [d.model_dump() for d in api.extract_many(texts)]
    assert renewed == expected
    after = api.load()
    assert after is not before and len(after.vocab) < len(before.vocab)
    assert [t.lemma_ for t in after("Министры встретились в Бишкеке")] == [
        "министр",
        "встретиться",
        "в",
        "бишкек",
    ]
