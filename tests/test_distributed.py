"""Extraction on a local two-process Dask cluster gives what the in-process batch gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("distributed", reason="dask is an optional extra: pip install 'dipextract[dask]'")

import dask.bag as db  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402
from test_io import KYRGYZ, LAVROV, MAX_BYTES, TALKS, write_corpus  # noqa: E402

from dipextract import api  # noqa: E402
from dipextract.batch import Options  # noqa: E402
from dipextract.cli import app  # noqa: E402
from dipextract.distributed import extract_bag  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        with Client(local) as client:
            yield local, client


def test_extract_bag(cluster, tmp_path: Path) -> None:
    _, client = cluster
    path = tmp_path / "talks.txt"
    path.write_text(TALKS, encoding="cp1251")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    items = [LAVROV, (KYRGYZ, {"doc_id": "kg", "source": "kg.txt", "published": "2024-03-15"}), path, binary]
    bag = db.from_sequence(items, partition_size=2)
    docs = client.compute(extract_bag(bag, Options())).result()
    assert docs[0] == json.loads(api.extract(LAVROV, source="<item 0>").to_json())
    assert docs[1] == json.loads(
        api.extract(KYRGYZ, doc_id="kg", source="kg.txt", published=api.dt.date(2024, 3, 15)).to_json()
    )
    assert docs[2]["doc_id"] == "talks" and docs[2]["source"] == str(path)
    assert docs[2]["entities"] == json.loads(api.extract(TALKS).to_json())["entities"]
    assert docs[3] == {"error": "binary", "source": str(binary)}


def test_cli_on_the_cluster_equals_in_process(cluster, tmp_path: Path) -> None:
    local, _ = cluster
    write_corpus(tmp_path)
    args = [str(tmp_path), "--max-bytes", str(MAX_BYTES), "--batch-size", "4"]
    here = CliRunner().invoke(app, args)
    there = CliRunner().invoke(app, [*args, "--dask", local.scheduler_address])
    assert here.exit_code == there.exit_code == 1
    assert there.stdout == here.stdout
    assert there.stderr.count("error: ") == 2
