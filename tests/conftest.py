"""Session fixtures: the pipeline is built once; the seed article is read from ../shared when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "seed"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from dipextract import load

    return load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"the seed article is not here ({SEED_DIR} is absent: run inside the project workspace)")
    return files[0].read_text(encoding="utf-8")
