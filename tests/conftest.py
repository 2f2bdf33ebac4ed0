from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "seed" / "kazakhstan-state-tv-confession.txt"
DEV_GOLD = CORPUS / "dev-gold"
EXAMPLES = ROOT / "examples"


def need(path: Path) -> Path:
    """Skip, saying what is missing, when the shared corpus is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"shared corpus not found at {path} (tests that read real reports need ../shared/corpus)")
    return path


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store on each back end: a SQLite file, or the PostgreSQL server of $CASEWORK_TEST_PG
    (`.ci/run` starts one; without it the PostgreSQL runs are skipped, saying so)."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    url = os.environ.get("CASEWORK_TEST_PG")
    if not url:
        pytest.skip("no PostgreSQL for the tests: set CASEWORK_TEST_PG (.ci/run starts a server and sets it)")
    from sqlalchemy import create_engine

    from casework.store.schema import metadata

    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    yield url
