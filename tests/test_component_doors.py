"""Every step of the document flow is a registered component: a v2 is chosen from the command line
or a casework.toml, each stored fact names the component that made it, and a component that fails
or cites outside the text rejects its one document, not the batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.tokens import Doc
from sqlalchemy import select

from casework.cli import cli
from casework.extract.entities import EntityIndex
from casework.extract.events import extract_events
from casework.model import Event, Timex
from casework.pipeline import EVENTS, PipelineConfig
from casework.store import schema as t
from casework.store.database import open_store

pytestmark = pytest.mark.slow

REPORT = (
    "Aida Usenova detained in Osh\n\n"
    "Police detained the lawyer Aida Usenova in Osh on 11 March 2024, her husband said. "
    "She was released on bail two days later."
)
OTHER = "Editors in Osh\n\nThe newspaper said on Monday that its editor Bolot Temirov had been detained in Bishkek."


def _events_v2(doc: Doc, index: EntityIndex, timexes: list[Timex]) -> list[Event]:
    """A 'second version': the first one's events, each marked, so a test can tell which ran."""
    events = extract_events(doc, index, timexes)
    for e in events:
        e.attributes["by_v2"] = True
    return events


def _events_outside(doc: Doc, index: EntityIndex, timexes: list[Timex]) -> list[Event]:
    events = extract_events(doc, index, timexes)
    if "Usenova" in doc.text:  # wrong on one report only: the other must still be stored
        events[0].sentence = (0, len(doc.text) + 50)
    return events


def _events_crash(doc: Doc, index: EntityIndex, timexes: list[Timex]) -> list[Event]:
    if "Usenova" in doc.text:
        raise IndexError("list index out of range")
    return extract_events(doc, index, timexes)


EVENTS.register("test.events.v2")(_events_v2)
EVENTS.register("test.events-outside.v1")(_events_outside)
EVENTS.register("test.events-crash.v1")(_events_crash)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "usenova.txt").write_text(REPORT, encoding="utf-8")
    (folder / "temirov.txt").write_text(OTHER, encoding="utf-8")
    return folder


def _components(db: Path, table: t.Table) -> set[str | None]:
    store = open_store(str(db))
    with store.read() as conn:
        found = set(conn.execute(select(table.c.component)).scalars())
    store.close()
    return found


def test_a_v2_chosen_on_the_command_line_is_named_on_every_fact_it_made(
    reports: Path, tmp_path: Path
) -> None:
    db = tmp_path / "c.db"
    result = CliRunner().invoke(
        cli, ["ingest", "--db", str(db), "--pipeline", "events=test.events.v2", str(reports)]
    )
    assert result.exit_code == 0, result.output
    assert _components(db, t.events) == {"test.events.v2"}
    assert _components(db, t.timexes) == {"casework.timexes.v1"}
    assert _components(db, t.claims) == {"casework.claims.v1"}
    assert _components(db, t.findings) <= {"casework.findings.v1"}
    # the entities step names most; a speaker the claims step finds, or a group the events step
    # finds, is that step's own
    assert "casework.entities.v1" in _components(db, t.entities)
    assert _components(db, t.entities) <= {"casework.entities.v1", "casework.claims.v1", "test.events.v2"}
    store = open_store(str(db))
    with store.read() as conn:
        attrs = [json.loads(a) for a in conn.execute(select(t.events.c.attributes)).scalars()]
    store.close()
    assert attrs and all(a.get("by_v2") for a in attrs)


def test_reextract_with_another_component_replaces_the_names(reports: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert CliRunner().invoke(cli, ["ingest", "--db", str(db), str(reports)]).exit_code == 0
    assert _components(db, t.events) == {"casework.events.v1"}
    result = CliRunner().invoke(cli, ["reextract", "--db", str(db), "--pipeline", "events=test.events.v2"])
    assert result.exit_code == 0, result.output
    assert _components(db, t.events) == {"test.events.v2"}


def test_a_config_file_chooses_the_component(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "casework.toml").write_text('[pipeline]\nevents = "test.events.v2"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["extract", "--raw", str(reports / "usenova.txt")])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output.splitlines()[0])
    assert doc["events"] and {e["component"] for e in doc["events"]} == {"test.events.v2"}
    assert {e["component"] for e in doc["entities"]} >= {"casework.entities.v1"}
    # the command line wins over the file
    result = CliRunner().invoke(
        cli, ["extract", "--raw", "--pipeline", "events=casework.events.v1", str(reports / "usenova.txt")]
    )
    assert {e["component"] for e in json.loads(result.output)["events"]} == {"casework.events.v1"}


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("events=acme.events.v9", "no events component named 'acme.events.v9'"),
        ("verdicts=casework.events.v1", "no pipeline stage 'verdicts'"),
        ("events", "give STAGE=COMPONENT"),
    ],
)
def test_a_bad_choice_is_one_line_and_exit_2_before_anything_is_read(
    choice: str, message: str, reports: Path, tmp_path: Path
) -> None:
    db = tmp_path / "c.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--pipeline", choice, str(reports)])
    assert result.exit_code == 2
    assert message in result.output
    assert not db.exists()


@pytest.mark.parametrize(
    ("component", "reason"),
    [
        ("test.events-outside.v1", "test.events-outside.v1 gave event"),
        ("test.events-crash.v1", "test.events-crash.v1 failed: IndexError"),
    ],
)
def test_a_faulty_component_rejects_its_document_and_the_batch_goes_on(
    component: str, reason: str, reports: Path, tmp_path: Path
) -> None:
    db = tmp_path / "c.db"
    result = CliRunner().invoke(
        cli, ["ingest", "--db", str(db), "--pipeline", f"events={component}", str(reports)]
    )
    assert result.exit_code == 1
    assert reason in result.output and "usenova.txt" in result.output
    store = open_store(str(db))
    with store.read() as conn:
        titles = list(conn.execute(select(t.documents.c.title)).scalars())
    store.close()
    assert titles == ["Editors in Osh"]


def test_the_default_pipeline_names_each_stage() -> None:
    names = PipelineConfig().names("en")
    assert names["read"] == "casework.read.spacy-en.v1"
    assert names["events"] == "casework.events.v1"
    assert list(names) == [
        "read", "entities", "timexes", "claims", "events", "sources", "duress", "accounts", "findings",
        "attributions",
    ]  # fmt: skip
