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
    """Skip, saying what is missing, when the shared corpus is not beside the checkout; in CI
    (`$CI` set, as `.ci/run` sets it) a missing corpus fails, so a green run never hides it."""
    if not path.exists():
        message = f"shared corpus not found at {path} (tests that read real reports need ../shared/corpus)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
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


# A report written to attack the pages that show it: script tags, event-handler attributes and
# javascript: links in its title, URL and text. Every view must show it as text and run none of it.
HOSTILE = {
    "title": "<script>window.__pwned='title'</script>Teacher <img src=x onerror=\"window.__pwned='img'\"> detained in Osh",
    "url": "javascript:window.__pwned='url'",
    "published": "2024-05-06",
    "text": (
        "Police in Osh detained Nurlan Abdykadyrov, a school teacher, on May 4, 2024 on suspicion of "
        "<script>window.__pwned='text'</script> extremism.\n\n"
        "His sister, Gulnara Abdykadyrova, said the arrest was unlawful "
        "<img src=x onerror=\"window.__pwned='claim'\"> and that he was beaten in custody.\n\n"
        '"We do not know where he is held <a href="javascript:window.__pwned=\'link\'">now</a>," she said.\n\n'
        "The Interior Ministry said Abdykadyrov was arrested on May 5 on "
        "<b onmouseover=\"window.__pwned='b'\">suspicion</b> of extremism."
    ),
}


@pytest.fixture(scope="session")
def case_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store of the example reports, a wire copy of one, and the hostile report: built once.
    Tests that change it work on a copy (`copy_store`)."""
    import json
    import shutil

    from click.testing import CliRunner

    from casework.cli import cli

    folder = tmp_path_factory.mktemp("case-store")
    src = folder / "in"
    shutil.copytree(EXAMPLES, src)
    text = (src / "northern-courier.txt").read_text(encoding="utf-8")
    cut = text.find(" the ", 400)
    (src / "wire-copy.txt").write_text(text[:cut] + " a " + text[cut + 5 :], encoding="utf-8")
    (src / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "store.db"
    result = CliRunner().invoke(cli, ["ingest", "--quiet", "--db", str(db), str(src)])
    assert result.exit_code == 0, result.output
    return db


def copy_store(db: Path, to: Path) -> str:
    import shutil

    for suffix in ("", "-wal", "-shm"):
        if Path(f"{db}{suffix}").exists():
            shutil.copy(f"{db}{suffix}", to / f"store.db{suffix}")
    return str(to / "store.db")
