"""dipextract slows the garbage collector only while it works, and gives the caller's setting back."""

from __future__ import annotations

import gc

import pytest

from dipextract import collector
from dipextract.api import extract_many


@pytest.fixture
def threshold() -> object:
    saved = gc.get_threshold()
    yield saved
    gc.set_threshold(*saved)


def test_threshold_is_raised_inside_and_restored_after(threshold: tuple[int, int, int]) -> None:
    gc.set_threshold(700, 10, 10)
    with collector.fewer_collections():
        assert gc.get_threshold() == (collector.YOUNG_THRESHOLD, 10, 10)
        with collector.fewer_collections():  # nested: still raised, restored only by the outer block
            pass
        assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_or_disabled_threshold_is_left_alone(threshold: tuple[int, int, int]) -> None:
    for mine in ((100_000, 5, 5), (0, 10, 10)):
        gc.set_threshold(*mine)
        with collector.fewer_collections():
            assert gc.get_threshold() == mine
        assert gc.get_threshold() == mine


def test_extract_many_restores_the_threshold_even_when_abandoned(threshold: tuple[int, int, int]) -> None:
    gc.set_threshold(700, 10, 10)
    docs = extract_many(["Президент Киргизии Садыр Жапаров прибыл в Алматы.", "Встреча прошла в Бишкеке."])
    first = next(docs)
    assert gc.get_threshold()[0] == collector.YOUNG_THRESHOLD  # while the caller iterates
    assert [c.name for c in first.entities if c.type == "COUNTRY"] == ["Киргизия"]
    docs.close()
    assert gc.get_threshold() == (700, 10, 10)


def test_the_command_paces_its_whole_process(threshold: tuple[int, int, int]) -> None:
    gc.set_threshold(700, 10, 10)
    collector.pace_this_command()
    assert gc.get_threshold() == (collector.YOUNG_THRESHOLD, 10, 10)
    gc.set_threshold(0, 10, 10)  # automatic collection turned off by the embedding program: stays off
    collector.pace_this_command()
    assert gc.get_threshold() == (0, 10, 10)


def test_run_batch_paces_the_collector_while_it_yields(threshold: tuple[int, int, int]) -> None:
    from dipextract.batch import Options, Task, run_batch

    gc.set_threshold(700, 10, 10)
    tasks = [Task(0, source="a", text="Садыр Жапаров прибыл в Бишкек."), Task(1, source="b", text="")]
    seen = [gc.get_threshold()[0] for _ in run_batch(tasks, Options(batch_size=1), jobs=1)]
    assert seen == [collector.YOUNG_THRESHOLD] * 2
    assert gc.get_threshold() == (700, 10, 10)
