"""A new event type is a few lines of ontology, not a code change: extracted, on the timeline,
in the case status and in every export."""

from __future__ import annotations

import csv
import io
import json
from importlib.resources import files
from pathlib import Path

import pytest
import yaml

from casework.case_files import cases_of_reports
from casework.errors import ConfigError
from casework.export.formats import write_export
from casework.model import Case
from casework.ontology import ONTOLOGY_ENV, case_types, load_ontology
from casework.web.timeline import layout
from helpers import run

pytestmark = pytest.mark.slow

HUNGER_STRIKE = {
    "definition": "A detained person refuses food in protest.",
    "plover": "PROTEST",
    "cameo": "142",
    "verbs": [],
    "nouns": [],
    "phrases": [
        r"\b(?:began|begun|started|launched|staged|staging|went\s+on|is\s+on)\s+(?:a\s+)?hunger\s+strike\b"
    ],
    "role": "actor",
    "person_subject": True,
    "has_agent": False,
    "status": "on hunger strike",
    "stage": 2,
    "opens_case": True,
    "merge_by_subject": True,
    "colour": "#aa3377",
}

REPORT = (
    "Hunger strike in Bishkek jail\n\n"
    "Bakyt Asanov was detained in Bishkek on 3 May 2021. "
    "Asanov began a hunger strike in his cell on 5 May 2021, his lawyer said."
)


@pytest.fixture
def hunger_strike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = yaml.safe_load(files("casework").joinpath("data", "ontology.yaml").read_text(encoding="utf-8"))
    data["events"]["hunger_strike"] = HUNGER_STRIKE
    path = tmp_path / "ontology.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(ONTOLOGY_ENV, str(path))


def test_without_the_type_nothing_is_a_hunger_strike() -> None:
    assert "hunger_strike" not in load_ontology().events
    assert "hunger_strike" not in [e.type for e in run(REPORT).events]


def test_a_new_type_from_the_ontology_alone(hunger_strike: None, tmp_path: Path) -> None:
    assert "hunger_strike" in case_types()
    doc = run(REPORT)
    strikes = [e for e in doc.events if e.type == "hunger_strike"]
    assert len(strikes) == 1 and strikes[0].date is not None and strikes[0].date.value == "2021-05-05"

    (case,) = cases_of_reports([doc], tmp_path / "cases.db")
    assert case.status == "on hunger strike"  # the latest event, by its ontology status

    timeline = layout(case, lambda ev: "#")
    assert ("hunger_strike", "#aa3377") in [(kind, colour) for kind, _, colour in timeline.lanes]

    for fmt in ("json", "md", "html", "ftm"):
        assert "hunger" in _export(case, fmt).lower(), fmt
    assert json.loads(_export(case, "json"))["status"] == "on hunger strike"
    folder = tmp_path / "csv"
    write_export([case], "csv", folder)
    with (folder / "events.csv").open(encoding="utf-8") as fh:
        assert "hunger_strike" in [row["type"] for row in csv.DictReader(fh)]


def test_a_key_given_twice_is_an_error_not_a_silent_loss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = files("casework").joinpath("data", "ontology.yaml").read_text(encoding="utf-8")
    # a second `forbids:` in one event type would silently replace the first list
    text = text.replace("    status: released\n", "    status: released\n    forbids: [album]\n", 1)
    path = tmp_path / "ontology.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(ONTOLOGY_ENV, str(path))
    with pytest.raises(ConfigError, match="given twice"):
        load_ontology()


def _export(case: Case, fmt: str) -> str:
    out = io.StringIO()
    write_export([case], fmt, out)
    return out.getvalue()


# String literals that spell a type name but do not mean the type, each with its reason.
NOT_A_TYPE = {
    ("model.py", "sentence"),  # the contract's key for an event's sentence span
    ("store/documents.py", "sentence"),  # the same key, as the store writes the contract
    ("evaluate/m2e2.py", "sentence"),  # M2E2's key for a sentence's text
    ("check/consular.py", "detention"),  # the consular clock's first point, as pages and exports name it
}


def test_no_code_outside_the_ontology_spells_an_event_type() -> None:
    """A type's behaviour lives in ontology.yaml (`behaviours:` and the other keys): code asks for a
    behaviour, so a new or renamed type needs no code change."""
    import ast

    package = Path(files("casework").joinpath("ontology.py")).parent  # type: ignore[arg-type]
    names = set(load_ontology().events)
    found = set()
    for path in package.rglob("*.py"):
        if path.name == "ontology.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in names and id(node) not in docstrings:
                found.add((path.relative_to(package).as_posix(), node.value))
    assert found == NOT_A_TYPE
