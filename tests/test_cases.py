"""Cases across reports: one person however spelled, every account cross-checked, user judgements kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.case_files import cases_of_reports
from casework.cli import cli
from casework.resolve.people import Judgement, PersonMention, resolve_people
from conftest import EXAMPLES
from helpers import run


def _people(mentions: list[PersonMention], overrides: list[Judgement] | None = None) -> list[set[str]]:
    result = resolve_people(mentions, overrides or [])
    groups: dict[str, set[str]] = {}
    for key, pid in result.person_of.items():
        groups.setdefault(pid, set()).add(key)
    return sorted(groups.values(), key=lambda g: sorted(g))


def test_spellings_and_scripts_are_one_person_and_namesakes_stay_apart() -> None:
    m = PersonMention
    groups = _people(
        [
            m("a:1", "Sadyr Japarov"), m("b:1", "Sadyr Zhaparov"), m("c:1", "Садыр Жапаров"),
            m("d:1", "Kamchybek Japarov"), m("e:1", "Japarov"),
            m("f:1", "Ravshan Ruzahunov"), m("g:1", "Ruzakhunov"), m("h:1", "Рузахунов"),
            m("i:1", "Kassym-Jomart Tokayev"), m("j:1", "Tokarev"),
        ]
    )  # fmt: skip
    assert {"a:1", "b:1", "c:1"} in groups
    assert {"d:1"} in groups and {"e:1"} in groups  # two Japarovs named in full: a bare one is unsure
    assert {"f:1", "g:1", "h:1"} in groups
    assert {"i:1"} in groups and {"j:1"} in groups


def test_context_keeps_people_with_one_name_apart() -> None:
    m = PersonMention
    groups = _people(
        [
            m("a:1", "Aida Usenova", nationality="Kyrgyzstan"),
            m("b:1", "Aida Usenova", nationality="Kazakhstan"),
        ]
    )
    assert len(groups) == 2


def test_user_judgements_win() -> None:
    m = PersonMention
    mentions = [m("a:1", "Daniyar Osmonov"), m("b:1", "D. Osmonov"), m("c:1", "Bolot Osmonov")]
    assert {"a:1", "b:1"} in _people(mentions)
    split = _people(mentions, [Judgement("a:1", "b:1", "different", 1.0, {}, "user")])
    assert {"a:1"} in split and {"b:1"} in split
    merged = _people(mentions, [Judgement("a:1", "c:1", "same", 1.0, {}, "user")])
    assert {"a:1", "b:1", "c:1"} in merged


@pytest.mark.slow
def test_the_example_reports_make_one_case_with_its_findings(tmp_path: Path, database: str) -> None:
    src = tmp_path / "in"
    shutil.copytree(EXAMPLES, src)
    # a wire copy of one report, lightly edited: it must not count as a fourth source
    text = (src / "northern-courier.txt").read_text()
    cut = text.find(" the ", 400)
    (src / "wire-copy.txt").write_text(text[:cut] + " a " + text[cut + 5 :])
    db = database
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--quiet", "--db", db, str(src)]).exit_code == 0
    listed = runner.invoke(cli, ["cases", "--db", db, "--json"])
    cases = [json.loads(ln) for ln in listed.stdout.splitlines()]
    assert len(cases) == 1
    summary = cases[0]
    case = json.loads(runner.invoke(cli, ["show", "--db", db, "--json", summary["id"]]).stdout)
    assert (
        summary["name"],
        summary["status"],
        summary["where"],
        summary["sources"],
        summary["findings"],
    ) == (case["name"], case["status"], case["where"], case["source_groups"], len(case["findings"]))
    assert case["name"] == "Daniyar Osmonov" and case["status"] == "detained" and case["where"] == "Tashkent"
    # the examples' family acts in the case (it reports), but a person's family is not an official body
    assert "Uzbek police" in case["officials"] and not any("family" in o for o in case["officials"])
    assert case["source_groups"] == 3 and len(case["sources"]) == 4
    # the wire copy is listed as a source but repeats its original: no fact of the timeline or the
    # claims twice, and the whole case has the sentences of three reports only
    facts = [
        (e["type"], e["date"], e["place"], e["stated_by"], e["evidence"]["text"]) for e in case["timeline"]
    ]
    assert len(facts) == len(set(facts))
    said = [(c["speaker"], c["content"]) for c in case["claims"]]
    assert len(said) == len(set(said))
    cited = {e["evidence"]["document"] for e in case["timeline"]} | {
        c["evidence"]["document"] for c in case["claims"]
    }
    assert len(cited) == 3
    kinds = {f["kind"] for f in case["findings"]}
    assert {"date_conflict", "account_conflict", "duress", "consular_clock", "not_informed"} <= kinds
    conflict = next(f for f in case["findings"] if f["kind"] == "date_conflict")
    assert "2023-03-09" in conflict["message"] and "2023-03-10" in conflict["message"]
    assert len({e["document"] for e in conflict["evidence"]}) == 2  # each side's own sentence
    # the ministry learned of the arrest "three days after he was detained" (9 March): 3 days, not the
    # 4 to the summons of 13 March that was counted before the home state's own word was read
    assert case["consular_days"] == 3
    assert case["consular_clock"]["knew"]["date"] == "2023-03-12"
    assert case["consular_clock"]["acted"]["date"] == "2023-03-13"
    flagged = {c["speaker"]: c["flags"] for c in case["claims"]}
    assert "single_source" in flagged["Central Asia Watch"]  # heard in one report only
    for flags, count in (
        (["--status", "detained"], 1), (["--status", "released"], 0), (["--country", "Kyrgyzstan"], 1),
        (["--country", "Uzbekistan"], 0), (["--since", "2023-03-01"], 1), (["--since", "2024-01-01"], 0),
    ):  # fmt: skip
        assert (
            len(runner.invoke(cli, ["cases", "--db", db, "--json", *flags]).stdout.splitlines()) == count
        ), flags
    checked = runner.invoke(cli, ["check", "--db", db, "--json"])
    assert len(checked.stdout.splitlines()) == len(case["findings"])
    from casework.case_files import load_cases
    from casework.store.database import open_store

    store = open_store(db)
    with store.read() as conn:
        (whole,) = load_cases(conn)
    store.close()
    assert whole.to_json() == case  # the one-case reader gives what the whole-store one does
    from casework.case_files import CaseFilter, count_cases, list_cases

    store = open_store(db)
    with store.read() as conn:  # the browser's filters, on both back ends
        for where, count in (
            (CaseFilter(query="festival"), 1), (CaseFilter(query="Osmonov"), 1), (CaseFilter(query="nobody"), 0),
            (CaseFilter(place="tashkent", with_findings=True), 1), (CaseFilter(until="2023-01-01"), 0),
        ):  # fmt: skip
            assert count_cases(conn, where) == len(list_cases(conn, where, sort="name")) == count, where
    store.close()
    assert runner.invoke(cli, ["show", "--db", db, "Nobody Known"]).exit_code == 3  # NotFound's code
    shown = runner.invoke(cli, ["show", "--db", db, "Daniyar Osmonov"])
    assert shown.exit_code == 0 and "Timeline" in shown.stdout and "date_conflict" in shown.stdout


@pytest.mark.slow
def test_split_and_merge_survive_reingest(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    runner.invoke(cli, ["ingest", "--quiet", "--db", db, str(EXAMPLES)])
    listed = json.loads(runner.invoke(cli, ["cases", "--db", db, "--json"]).stdout.splitlines()[0])
    case = json.loads(runner.invoke(cli, ["show", "--db", db, "--json", listed["id"]]).stdout)
    person = case["id"]
    keys = sorted({f"{e['evidence']['document']}" for e in case["timeline"]})
    assert len(keys) == 3
    # find the person's mention in one document from the store
    import sqlite3

    with sqlite3.connect(db) as conn:
        mentions = [
            f"{d}:{e}"
            for d, e in conn.execute(
                "select document_id, entity_id from person_links where person_id = ?", (person,)
            )
        ]
    off = mentions[-1]
    result = runner.invoke(cli, ["split", "--db", db, person, off])
    assert result.exit_code == 0, result.output
    runner.invoke(cli, ["ingest", "--quiet", "--db", db, str(EXAMPLES)])  # nothing new, judgements kept
    runner.invoke(cli, ["resolve", "--db", db])
    with sqlite3.connect(db) as conn:
        moved = conn.execute(
            "select person_id from person_links where document_id || ':' || entity_id = ?", (off,)
        ).fetchone()[0]
    assert moved != person
    assert runner.invoke(cli, ["merge", "--db", db, person, off]).exit_code == 0
    with sqlite3.connect(db) as conn:
        marks = ",".join("?" * len(mentions))
        query = f"select count(distinct person_id) from person_links where document_id || ':' || entity_id in ({marks})"
        groups = conn.execute(query, mentions).fetchone()[0]
    assert groups == 1


@pytest.mark.slow
def test_bodies_are_one_across_reports_and_accounts_are_checked(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "Kazakh border guards detained the journalist Aida Usenova, a Kyrgyz citizen, on 3 May 2024 on suspicion "
        "of smuggling.\n\nThe Kyrgyz Foreign Ministry summoned the Kazakh ambassador on 5 May 2024, a ministry "
        "spokesman said.\n"
    )
    (src / "b.txt").write_text(
        "The journalist Aida Usenova was detained on 3 May 2024 on charges of espionage, the Ministry of Foreign "
        "Affairs of Kyrgyzstan said.\n\nUsenova crossed into Kazakhstan on 6 May 2024, her brother said.\n"
    )
    db = tmp_path / "s.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--quiet", "--db", str(db), str(src)]).exit_code == 0
    import sqlite3

    with sqlite3.connect(db) as conn:
        ministry = conn.execute(
            "select count(distinct l.global_id), count(*) from entity_links l join entities e "
            "on e.document_id = l.document_id and e.id = l.entity_id where e.name like '%Foreign%'"
        ).fetchone()
    assert ministry == (1, 2)  # "Kyrgyz Foreign Ministry" = "Ministry of Foreign Affairs of Kyrgyzstan"
    findings = [
        json.loads(ln) for ln in runner.invoke(cli, ["check", "--db", str(db), "--json"]).stdout.splitlines()
    ]
    kinds = {f["kind"]: f for f in findings}
    assert (
        "smuggling" in kinds["grounds_conflict"]["message"]
        and "espionage" in kinds["grounds_conflict"]["message"]
    )
    assert "arrived (2024-05-06) after being detained (2024-05-03)" in kinds["impossible_sequence"]["message"]
    assert kinds["consular_clock"]["message"].startswith("2 days")


@pytest.mark.slow
def test_search_finds_reports_by_words_and_names(database: str) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--quiet", "--db", database, str(EXAMPLES)]).exit_code == 0

    def found(*args: str) -> list[dict[str, object]]:
        result = runner.invoke(cli, ["search", "--db", database, "--json", *args])
        assert result.exit_code == 0, result.output
        return [json.loads(ln) for ln in result.stdout.splitlines()]

    festival = found("festival")
    assert festival and all(
        "festival" in str(h["snippet"]).lower() or "festival" in str(h["title"]).lower() for h in festival
    )
    assert len(found("Osmonov")) == 3
    assert found("Osmonov", "--since", "2023-03-14") == found("Osmonov", "--site", "Steppe Observer")
    assert len(found("Osmonov", "--since", "2023-03-14")) == 1
    assert found('"; DROP TABLE documents; --') == []  # words are searched for, never run
    case = json.loads(runner.invoke(cli, ["cases", "--db", database, "--json"]).stdout.splitlines()[0])
    assert len(found("Osmonov", "--case", case["id"])) == 3
    assert len(found("Osmonov", "--case", "Осмонов")) == 3  # the case by any spelling of the name
    unknown = runner.invoke(cli, ["search", "--db", database, "--case", "Pnobody", "Osmonov"])
    assert unknown.exit_code == 3 and "no case 'Pnobody'" in unknown.stderr  # an error, not 0 results
    assert unknown.stdout == "" and len(unknown.stderr.splitlines()) == 1


@pytest.mark.slow
def test_reextract_rebuilds_what_is_extracted_and_keeps_the_documents(database: str) -> None:
    from sqlalchemy import create_engine, text

    from casework.store.database import database_url

    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--quiet", "--db", database, str(EXAMPLES)]).exit_code == 0
    engine = create_engine(database_url(database))
    with engine.begin() as conn:
        before = conn.execute(text("select count(*) from events")).scalar_one()
        ids = [r[0] for r in conn.execute(text("select id from documents order by id"))]
        conn.execute(text("delete from events"))  # as if stored by a casework that found no events
    result = runner.invoke(cli, ["reextract", "--db", database])
    assert result.exit_code == 0 and "3 re-extracted" in result.output
    with engine.begin() as conn:
        assert conn.execute(text("select count(*) from events")).scalar_one() == before
        assert [r[0] for r in conn.execute(text("select id from documents order by id"))] == ids
    engine.dispose()
    cases = runner.invoke(cli, ["cases", "--db", database, "--json"]).stdout.splitlines()
    assert len(cases) == 1 and json.loads(cases[0])["name"] == "Daniyar Osmonov"
    assert len(runner.invoke(cli, ["search", "--db", database, "--json", "Osmonov"]).stdout.splitlines()) == 3


@pytest.mark.slow
def test_no_consular_access_and_a_home_state_that_learned_late(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(
        "OSH, May 9, 2024 — Kazakh border guards detained the Kyrgyz journalist Aida Usenova on 3 May 2024.\n\n"
        "The Kyrgyz Foreign Ministry said it was not informed of her detention until 7 May 2024 and that its "
        "diplomats had been denied consular access to Usenova.\n"
    )
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", "--quiet", "--db", db, str(src)]).exit_code == 0
    case = json.loads(runner.invoke(cli, ["show", "--db", db, "--json", "Aida Usenova"]).stdout)
    kinds = {f["kind"]: f for f in case["findings"]}
    assert kinds["no_consular_access"]["sides"] == ["Kyrgyzstan"]
    assert "denied consular access" in kinds["no_consular_access"]["evidence"][0]["text"]
    assert "not_informed" in kinds
    clock = case["consular_clock"]
    assert (clock["detained"]["date"], clock["knew"]["date"], clock["days_to_knew"]) == (
        "2024-05-03",
        "2024-05-07",
        4,
    )
    assert clock["acted"] is None and case["consular_days"] == 4


def test_a_denial_about_him_joins_his_case_and_meets_the_allegation(tmp_path: Path) -> None:
    """The spokesman never names the man ("no force was used against him"): the claim is about him
    all the same, so it stands in his case and the ill-treatment his relatives allege is disputed."""
    doc = run(
        "Temir Asanov, a 29-year-old driver, was detained in Naryn on Friday. His relatives said he had "
        "been beaten by officers in the cell. Police spokesman Ulan Duishenov said no force was used "
        "against him."
    )
    (case,) = [c for c in cases_of_reports([doc], tmp_path / "x.db") if c.name == "Temir Asanov"]
    assert "Ulan Duishenov" in {c.speaker for c in case.claims}
    (found,) = [f for f in case.findings if f.kind == "ill_treatment_disputed"]
    assert "denied by Ulan Duishenov" in found.message
