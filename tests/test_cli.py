from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import cli
from conftest import EXAMPLES

pytestmark = pytest.mark.slow

KEYS = {"schema", "id", "source", "title", "byline", "published", "language", "text",
        "entities", "timexes", "events", "claims", "findings"}  # fmt: skip


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    good = tmp_path / "good.txt"
    good.write_text("Police in Osh detained the blogger Aida Usenova on Friday, her lawyer said.\n")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
                                      str(tmp_path / "missing.txt"), str(good)])  # fmt: skip
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("casework: skipped")]
    assert len(errors) == 3
    assert "empty.txt: empty input" in errors[0]
    assert "binary.txt: binary data" in errors[1]
    assert "missing.txt: no such file" in errors[2]
    docs = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert len(docs) == 1 and set(docs[0]) == KEYS
    assert docs[0]["schema"] == "casework.document/1"


def test_stdin_and_published_date() -> None:
    text = "Officials said on Monday that the activist was released on bail."
    result = CliRunner().invoke(cli, ["extract", "--raw", "--published", "2022-03-09", "-"], input=text)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["text"] == text and doc["published"] == "2022-03-09"
    assert [t["value"] for t in doc["timexes"]] == ["2022-03-07"]
    for t in doc["timexes"]:
        assert text[t["start"] : t["end"]] == t["text"]


def test_bad_published_date_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["extract", "--published", "9 Jan", "-"], input="x")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_examples_as_text_and_html() -> None:
    result = CliRunner().invoke(cli, ["extract", str(EXAMPLES)])
    assert result.exit_code == 0, result.stderr
    docs = [json.loads(ln) for ln in result.stdout.splitlines()]
    assert {d["source"]["format"] for d in docs} == {"text", "html"}
    html = next(d for d in docs if d["source"]["format"] == "html")
    assert html["published"] == "2023-03-15" and html["byline"] == ["Timur Ergashev"]
    assert "Most read" not in html["text"] and "All rights reserved" not in html["text"]
    for d in docs:
        detained = {
            name
            for e in d["events"]
            if e["type"] == "detention"
            for ent in d["entities"]
            if ent["id"] in e["subject"]
            for name in [ent["name"]]
        }
        assert "Daniyar Osmonov" in detained


def test_text_format_escapes_markup() -> None:
    text = "Police detained [bold red]Aida Usenova[/] in Osh, her lawyer said."
    result = CliRunner().invoke(cli, ["extract", "--raw", "--format", "text", "-"], input=text)
    assert result.exit_code == 0
    assert "[bold red]" in result.stdout


def test_every_command_has_help() -> None:
    for args in (["--help"], ["extract", "--help"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0 and "Usage" in result.output
