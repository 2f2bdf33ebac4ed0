"""The seed and its follow-up reports (tests/followups/, written for the tests) as one case file:
status, disputes, the consular clock, dates from datelines and weekdays, support per fact."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from casework.cli import cli
from conftest import SEED, need

pytestmark = pytest.mark.slow
FOLLOWUPS = Path(__file__).parent / "followups"


def _case(tmp_path: Path, *files: Path) -> dict[str, Any]:
    src = tmp_path / "in"
    src.mkdir()
    for f in files:
        shutil.copy(f, src / f.name)
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--quiet", "--db", db, str(src)]).exit_code == 0
    listed = [json.loads(x) for x in runner.invoke(cli, ["cases", "--db", db, "--json"]).stdout.splitlines()]
    assert len(listed) == 1, listed  # one person, however many reports
    case: dict[str, Any] = json.loads(
        runner.invoke(cli, ["show", "--db", db, "--json", listed[0]["id"]]).stdout
    )
    assert listed[0]["status"] == case["status"]
    checked = [json.loads(x) for x in runner.invoke(cli, ["check", "--db", db, "--json"]).stdout.splitlines()]
    assert len(checked) == len(case["findings"])  # `check` lists what the case file holds
    return case


def _kinds(case: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for f in case["findings"]:
        out.setdefault(f["kind"], []).append(f)
    return out


def test_the_seed_alone(tmp_path: Path) -> None:
    case = _case(tmp_path, need(SEED))
    assert case["status"] == "detained"  # not "missing": the relatives' word is a note beside it
    assert case["status_detail"]["notes"] == ["whereabouts unknown (per Ruzahunov’s relatives)"]
    kinds = _kinds(case)
    # the findings `extract` makes on the report, with both sides' speakers and sentences
    travel = next(f for f in kinds["date_conflict"] if "travel" in f["message"])
    assert "2021-01-02" in travel["message"] and "2022-01-02" in travel["message"]
    assert travel["sides"] == ["Ruzahunov’s relatives", "Ministry of Foreign Affairs of Kyrgyzstan"]
    assert (
        "January 2, 2021" in travel["evidence"][0]["text"] and "January 2nd" in travel["evidence"][1]["text"]
    )
    reasons = [f["message"] for f in kinds["account_conflict"]]
    assert any("concert" in m and "paid" in m for m in reasons) and len(reasons) == 2
    assert any("New Year" in f["message"] for f in kinds["impossible_sequence"])
    # the relatives' account of the trip is theirs in the claims by speaker
    said = {(c["speaker"], c["content"][:20]) for c in case["claims"]}
    assert ("Ruzahunov’s relatives", "he had traveled to K") in said
    # the consular clock: the 9 January summons, and plainly no detention date
    clock = case["consular_clock"]
    assert clock["detained"]["date"] is None and "no report dates the detention" in clock["detained"]["note"]
    assert clock["acted"]["date"] == "2022-01-09" and "summoned" in clock["acted"]["evidence"]["text"]
    assert case["consular_days"] is None
    (finding,) = kinds["consular_clock"]
    assert "detention date unknown" in finding["message"] and "2022-01-09" in finding["message"]
    # an undated event of the report is never drawn after everything else
    assert case["timeline"][-1]["type"] != "disappearance"


def test_the_seed_with_its_follow_ups(tmp_path: Path) -> None:
    case = _case(tmp_path, need(SEED), *sorted(FOLLOWUPS.glob("*.txt")))
    assert len(case["sources"]) == 3 and case["source_groups"] == 3
    # released on Monday, under a dateline of Thursday 13 January 2022
    assert case["status"] == "released" and case["since"] == "2022-01-10"
    assert case["status_detail"]["label"] == "released on 2022-01-10"
    assert {s["published"] for s in case["sources"]} == {None, "2022-01-11", "2022-01-13"}
    kinds = _kinds(case)
    detention = next(f for f in kinds["date_conflict"] if f["message"].startswith("detention"))
    assert "2022-01-05" in detention["message"] and "2022-01-06" in detention["message"]
    assert detention["sides"] == ["Interior Ministry", "Aibek Sydykov"]
    (recanted,) = kinds["confession_recanted"]
    assert "not true" in recanted["evidence"][1]["text"] and recanted["sides"][1] == "Vikram Ruzahunov"
    (ill,) = kinds["ill_treatment_disputed"]
    assert "no force was used" in ill["evidence"][1]["text"]
    assert ill["sides"][0] == "Ruzahunov's relatives" and "beaten" in ill["evidence"][0]["text"]
    (custody,) = kinds["custody_conflict"]  # released on the 10th, "remains in custody" on the 11th
    assert "2022-01-10" in custody["message"] and "remains in custody" in custody["evidence"][1]["text"]
    # a recantation is not a statement under duress
    assert not any("not true" in f["message"] for f in kinds.get("duress", []))
    # the flight home after the release is no arrival after the detention
    assert not any("2022-01-10" in f["message"] for f in kinds.get("impossible_sequence", []))
    (told,) = kinds["notification_disputed"]  # who informed whom: each state's word
    assert told["sides"][0] == "Kyrgyzstan" and "informed the Kyrgyz consulate" in told["evidence"][1]["text"]
    clock = case["consular_clock"]
    assert clock["detained"]["date"] == "2022-01-05" and "January 5" in clock["detained"]["evidence"]["text"]
    assert clock["knew"]["date"] == "2022-01-08" and "not informed" in clock["knew"]["evidence"]["text"]
    assert clock["acted"]["date"] == "2022-01-09"
    assert (clock["days_to_knew"], clock["days_to_act"], case["consular_days"]) == (3, 4, 3)
    # support: the detention is told by three reports, the release by one
    by_type: dict[str, int] = {}
    for e in case["timeline"]:
        by_type[e["type"]] = max(by_type.get(e["type"], 0), e["support"])
    assert by_type["detention"] == 3 and by_type["release"] == 1
    release = next(e for e in case["timeline"] if e["type"] == "release")
    assert release["account_only"] and release["stated_by"]
    # the timeline: dated by date, undated by their report's date
    days = [e["date"] or e["placed"] for e in case["timeline"]]
    assert days == sorted(days, key=lambda d: d or "")
