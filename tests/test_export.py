"""`casework export`: every format from a real store, FtM validated by followthemoney, report text inert."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import cli
from casework.export.report import md
from casework.export.tables import cell

pytestmark = pytest.mark.slow


def _export(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["export", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_and_jsonl_are_the_case_files(case_store: Path) -> None:
    one = json.loads(_export(case_store, "Daniyar Osmonov", "--format", "json"))
    shown = json.loads(
        CliRunner().invoke(cli, ["show", "--db", str(case_store), "--json", "Daniyar Osmonov"]).stdout
    )
    assert one == shown and one["schema"] == "casework.case/1"
    every = json.loads(_export(case_store, "--format", "json"))
    lines = [json.loads(x) for x in _export(case_store, "--format", "jsonl").splitlines()]
    assert len(every) == len(lines) == 2
    assert {c["id"] for c in every} == {c["id"] for c in lines}


def test_csv_tables_carry_their_evidence(case_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    _export(case_store, "--format", "csv", "--out", str(out))
    tables = {
        p.stem: list(csv.DictReader(p.read_text(encoding="utf-8").splitlines())) for p in out.glob("*.csv")
    }
    assert set(tables) == {"cases", "events", "claims", "findings"}
    assert len(tables["cases"]) == 2
    case = json.loads(_export(case_store, "Daniyar Osmonov"))
    events = [r for r in tables["events"] if r["case_id"] == case["id"]]
    assert len(events) == len(case["timeline"])
    for row in events + tables["claims"] + tables["findings"]:
        assert row["document"] and row["evidence"] and int(row["end"]) > int(row["start"])
    conflict = [r for r in tables["findings"] if r["kind"] == "date_conflict" and r["case_id"] == case["id"]]
    assert [r["side"] for r in conflict] == ["1", "2"]
    assert all(r["said_by"] for r in conflict)  # each side names who says it
    failed = CliRunner().invoke(cli, ["export", "--db", str(case_store), "--format", "csv"])
    assert failed.exit_code == 1 and "give --out FOLDER" in failed.output


def test_ftm_entities_load_and_validate_with_followthemoney(case_store: Path) -> None:
    from followthemoney import model

    lines = _export(case_store, "--format", "ftm").splitlines()
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in lines]
    for proxy in proxies:
        proxy.schema.validate(proxy.to_dict())
    ids = {p.id for p in proxies}
    assert len(ids) == len(proxies), "each entity once"
    by_schema: dict[str, list] = {}
    for p in proxies:
        by_schema.setdefault(p.schema.name, []).append(p)
    assert {"Person", "Organization", "Event", "Article", "Mention", "Note"} <= set(by_schema)
    person = next(p for p in by_schema["Person"] if "Daniyar Osmonov" in p.get("name"))
    assert "kg" in person.get("nationality")
    events = [e for e in by_schema["Event"] if person.id in e.get("involved")]
    assert events and all(set(e.get("proof")) <= ids for e in events)  # every event points at its report
    assert {"2023-03-09", "2023-03-10"} <= {d for e in events for d in e.get("date")}
    for mention in by_schema["Mention"]:
        assert set(mention.get("document")) <= ids and set(mention.get("resolved")) <= ids


def test_markdown_and_html_reports_keep_report_text_inert(case_store: Path, tmp_path: Path) -> None:
    text = _export(case_store, "--format", "md")
    assert "## Daniyar Osmonov" in text and "### Timeline" in text and "### Findings" in text
    body = text.split("\n", 1)[1]  # below casework's own header comment
    # casework's own markup: anchors, contents links, footnote marks, autolinks of checked URLs
    own = r'<a id="case-\w+"></a>|\]\(#case-\w+\)|\[\^\d+\]|<https?://[^\s<>]+>'
    inert = re.sub(own, "", re.sub(r"^\d+\. \[", "", body, flags=re.M))
    assert re.findall(r"(?<!\\)[<>\[\]`]", inert) == [], "every markup character of a report is escaped"
    assert "\\<script\\>" in body
    out = tmp_path / "report.html"
    _export(case_store, "--format", "html", "--out", str(out))
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert "Content-Security-Policy" in html and 'http-equiv="Content-Security-Policy"' in html
    assert html.count('<svg class="timeline"') == 2 and "Reports cited" in html
    assert "stylesheet" not in html  # standalone: styles inline, nothing fetched


def test_untrusted_text_helpers() -> None:
    assert (
        md("[click](javascript:x) <b>*bold*</b> | a\nb")
        == "\\[click\\](javascript:x) \\<b\\>\\*bold\\*\\</b\\> \\| a b"
    )
    assert cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")' and cell("+1") == "'+1" and cell(3) == 3
    assert cell("Osmonov") == "Osmonov"


def test_unknown_case_is_one_line_error(case_store: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", str(case_store), "Nobody Known"])
    assert result.exit_code == 3 and "no case 'Nobody Known'" in result.output  # NotFound's exit code


def test_ftm_tags_no_person_a_criminal_and_articles_carry_their_text(case_store: Path) -> None:
    from followthemoney import model

    proxies = [model.get_proxy(json.loads(x)) for x in _export(case_store, "--format", "ftm").splitlines()]
    people = [p for p in proxies if p.schema.name == "Person"]
    assert people and all("crime" not in p.get("topics") for p in people)
    articles = [p for p in proxies if p.schema.name == "Article"]
    assert articles
    for article in articles:
        assert article.get("title") and article.get("publisher") and article.get("bodyText")
    assert any(a.get("publishedAt") for a in articles)
    assert not any("javascript:" in u for a in articles for u in a.get("sourceUrl"))  # the hostile URL


def test_the_markdown_report_is_one_to_hand_on(case_store: Path) -> None:
    text = _export(case_store, "--format", "md")
    assert re.search(r"^# Case report: 2 cases$", text, re.M)
    contents = re.findall(r"^(\d+)\. \[(.+?)\]\(#case-(\w+)\): (.+)$", text, re.M)
    assert [n for n, *_ in contents] == ["1", "2"]
    names = [name for _, name, _, _ in contents]
    assert names == sorted(names, key=str.casefold)  # a stable order: by name
    for _, _, case_id, summary in contents:
        assert f'<a id="case-{case_id}"></a>' in text and "independent source" in summary
    assert "source(s)" not in text and "1 independent sources" not in text
    assert re.search(r"^- \*\*Status:\*\* ", text, re.M)  # profile lines are a list, not one paragraph
    assert "**Consular clock:**" in text
    cited = set(re.findall(r"\[\^(\d+)\](?!:)", text))
    defined = set(re.findall(r"^\[\^(\d+)\]: ", text, re.M))
    assert cited and cited == defined  # every footnote mark has its note: outlet, date, address
    assert "Steppe Observer, 2023-03-15" in text
    assert not re.search(r"\(\b[0-9a-f]{16}\b", text)  # quotations are not cited by hex ids
    one = _export(case_store, "Osmonov", "--format", "md")
    assert "# Case report: Daniyar Osmonov" in one and "## Contents" not in one


def test_the_html_report_has_contents_and_cites_outlets(case_store: Path) -> None:
    html = _export(case_store, "--format", "html")
    assert "<h1>Case report: 2 cases</h1>" in html and 'class="toc"' in html
    assert html.count('<a href="#case-') == 2
    assert "<cite><a href=" in html and "Steppe Observer, 2023-03-15</a></cite>" in html


def test_export_takes_the_filters_of_cases(case_store: Path) -> None:
    every = json.loads(_export(case_store, "--format", "json"))
    kyrgyz = json.loads(_export(case_store, "--format", "json", "--nationality", "Kyrgyzstan"))
    assert kyrgyz["name"] == "Daniyar Osmonov" and len(every) == 2
    listed = CliRunner().invoke(
        cli, ["cases", "--db", str(case_store), "--json", "--nationality", "Kyrgyzstan"]
    )
    assert [json.loads(x)["id"] for x in listed.stdout.splitlines()] == [kyrgyz["id"]]
    none = _export(case_store, "--format", "jsonl", "--status", "released")
    assert none == ""
    detained = _export(case_store, "--format", "jsonl", "--status", "detained", "--country", "Kyrgyzstan")
    assert [json.loads(x)["id"] for x in detained.splitlines()] == [kyrgyz["id"]]
