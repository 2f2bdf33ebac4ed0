"""Per-file metadata: a NAME.json sidecar, or a date in the file name, instead of one --published for all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import cli

pytestmark = pytest.mark.slow

REPORT = (
    "Police in Osh detained the blogger Aida Usenova on Friday, her lawyer said.\n\n"
    "The lawyer said she had not been allowed to see her client since the arrest.\n"
)


def _documents(db: Path) -> dict[str, dict[str, object]]:
    listed = CliRunner().invoke(cli, ["documents", "--db", str(db), "--json"])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(x) for x in listed.stdout.splitlines()]
    return {Path(str(r["path"])).name: r for r in rows}


def test_a_sidecar_and_a_dated_name_give_each_file_its_own_date(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "2022-01-10-osh-blogger.txt").write_text(REPORT, encoding="utf-8")
    (folder / "usenova.txt").write_text(REPORT.replace("Friday", "Monday"), encoding="utf-8")
    side = {
        "published": "2023-05-02",
        "url": "https://news.example/usenova",
        "title": "Blogger held",
        "site": "Osh Daily",
    }
    (folder / "usenova.json").write_text(json.dumps(side), encoding="utf-8")
    (folder / "plain.txt").write_text(REPORT.replace("Friday", "Sunday"), encoding="utf-8")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["ingest", "--quiet", "--db", str(db), str(folder)])
    assert result.exit_code == 0, result.output
    docs = _documents(db)
    assert set(docs) == {"2022-01-10-osh-blogger.txt", "usenova.txt", "plain.txt"}  # the sidecar is no report
    assert docs["2022-01-10-osh-blogger.txt"]["published"] == "2022-01-10"
    usenova = docs["usenova.txt"]
    assert (usenova["published"], usenova["url"], usenova["title"], usenova["site"]) == (
        "2023-05-02", "https://news.example/usenova", "Blogger held", "Osh Daily",
    )  # fmt: skip
    assert docs["plain.txt"]["published"] is None
    # --published still wins over both, for a batch that needs one date
    again = CliRunner().invoke(cli, ["extract", "--published", "2024-02-02", str(folder / "usenova.txt")])
    assert json.loads(again.stdout)["published"] == "2024-02-02"


def test_a_broken_sidecar_refuses_its_report_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "r.json").write_text('{"published": "10 January"}', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "r.txt")])
    assert result.exit_code == 1
    assert "sidecar r.json: published '10 January' is not YYYY-MM-DD" in result.stderr
