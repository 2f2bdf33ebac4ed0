"""Review decisions: they win over extraction, survive reextract and resolve on both back ends, and undo
puts back what stood before. The reports are fictional, written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from casework.cli import cli
from casework.store.database import database_url

REPORT_A = (
    "Blogger held in Osh\n\n"
    "OSH, March 8, 2024 — Police in Osh detained the Kyrgyz blogger Azamat Tursunov on March 4, 2024 on "
    "suspicion of inciting unrest, his brother said.\n\n"
    "The British lawyer Louise Christian, who was detained by police at the border, said she would ask to "
    "see Tursunov.\n\n"
    "The Kyrgyz Foreign Ministry said it was not informed of the detention until March 7, 2024.\n"
)
REPORT_B = (
    "Osh blogger still in custody\n\n"
    "BISHKEK, March 12, 2024 — The blogger Azamat Tursunov remains in custody in Osh, a rights group said "
    "on Tuesday.\n\nTursunov was arrested on March 4, 2024, the group said.\n"
)

runner = CliRunner()


def run(*args: str, ok: bool = True) -> Any:
    result = runner.invoke(cli, list(args))
    if ok:
        assert result.exit_code == 0, result.output
    return result


def store_of(tmp_path: Path, database: str) -> str:
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    (src / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (src / "b.txt").write_text(REPORT_B, encoding="utf-8")
    run("ingest", "--quiet", "--db", database, str(src))
    return database


def cases(db: str) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in map(json.loads, run("cases", "--db", db, "--json").stdout.splitlines())}


def show(db: str, ref: str) -> dict[str, Any]:
    return json.loads(run("show", "--db", db, "--json", ref).stdout)  # type: ignore[no-any-return]


def queue(db: str, *case: str) -> list[dict[str, Any]]:
    args = ["--case", case[0]] if case else []
    return [json.loads(ln) for ln in run("review", "--db", db, "--json", *args).stdout.splitlines()]


def rerun(db: str, folder: Path | None = None) -> None:
    """Everything that rebuilds extraction and resolution from scratch, and an ingest of the same reports."""
    assert "2 re-extracted" in run("reextract", "--db", db).output
    run("resolve", "--db", db)
    if folder is not None:
        assert "2 duplicates" in run("ingest", "--db", db, str(folder)).output


def the_detention(db: str, name: str, date: str | None) -> dict[str, Any]:
    return next(
        i
        for i in queue(db)
        if i["case_name"] == name and i["fact"] == "event" and f"· {date or 'no date'}" in i["label"]
    )


@pytest.mark.slow
def test_rejecting_a_detainee_removes_her_case_and_survives_reextract_and_resolve(
    tmp_path: Path, database: str
) -> None:
    db = store_of(tmp_path, database)
    assert set(cases(db)) == {"Louise Christian", "Azamat Tursunov"}
    item = the_detention(db, "Louise Christian", None)
    said = run("reject", "--db", db, item["ref"], "--reason", "not a detainee", "--case", item["case"], "--note",
               "she is the lawyer; the clause is about a past trip").output  # fmt: skip
    decision = int(said.split("decision ")[1].split(":")[0])
    assert set(cases(db)) == {"Azamat Tursunov"}
    assert run("show", "--db", db, "Louise Christian", ok=False).exit_code == 3
    rerun(db, tmp_path / "in")
    assert set(cases(db)) == {"Azamat Tursunov"}
    assert run("decisions", "--db", db, "--unattached").stdout == ""  # still attached, after the re-runs
    run("undo", "--db", db, str(decision))
    assert set(cases(db)) == {"Louise Christian", "Azamat Tursunov"}
    again = run("undo", "--db", db, str(decision), ok=False)
    assert again.exit_code == 2 and "undone already" in again.stderr


@pytest.mark.slow
def test_correcting_a_date_moves_the_event_and_the_consular_clock_and_survives_reruns(
    tmp_path: Path, database: str
) -> None:
    db = store_of(tmp_path, database)
    before = show(db, "Azamat Tursunov")
    assert before["consular_clock"]["days_to_knew"] == 3 and before["since"] == "2024-03-04"
    item = next(i for i in queue(db) if i["case_name"] == "Azamat Tursunov" and "2024-03-04" in i["label"]
                and "brother" in i["evidence"]["text"])  # fmt: skip
    said = run(
        "correct", "--db", db, item["ref"], "date", "2024-03-01", "--note", "the family's letter says so"
    )
    decision = int(said.output.split("decision ")[1].split(":")[0])

    def check() -> None:
        after = show(db, "Azamat Tursunov")
        first = after["timeline"][0]
        assert (first["date"], first["review"]["state"], first["review"]["original"]) == (
            "2024-03-01", "corrected", {"date": "2024-03-04"}
        )  # fmt: skip
        assert first["review"]["reviewers"] and first["review"]["reviewers"][0].startswith("local")
        assert after["consular_clock"]["detained"]["date"] == "2024-03-01"
        assert after["consular_clock"]["days_to_knew"] == 6 and after["consular_days"] == 6
        assert cases(db)["Azamat Tursunov"]["since"] == "2024-03-01"

    check()
    rerun(db, tmp_path / "in")
    check()
    history = run("history", "--db", db, "Azamat Tursunov").stdout
    assert (
        "correct event detention date: 2024-03-04 -> 2024-03-01" in history and "family's letter" in history
    )
    run("undo", "--db", db, str(decision))
    restored = show(db, "Azamat Tursunov")
    assert (
        restored["consular_clock"]["days_to_knew"] == 3
        and restored["timeline"][0]["review"]["state"] == "extracted"
    )
    assert "[undone" in run("history", "--db", db, "Azamat Tursunov").stdout  # kept, marked


@pytest.mark.slow
def test_a_decision_follows_its_evidence_when_ids_change_and_is_listed_when_the_fact_is_gone(
    tmp_path: Path, database: str
) -> None:
    db = store_of(tmp_path, database)
    item = the_detention(db, "Louise Christian", None)
    run("reject", "--db", db, item["ref"], "--reason", "not a detainee", "--case", item["case"])
    doc_id, event_id = item["ref"].split(":")
    engine = create_engine(database_url(db))
    with engine.begin() as conn:  # another extractor numbers the events otherwise: the evidence is the same
        conn.execute(
            text("update events set id = 'e99' where document_id = :d and id = :e"),
            {"d": doc_id, "e": event_id},
        )
    run("resolve", "--db", db)
    assert set(cases(db)) == {"Azamat Tursunov"}
    with engine.begin() as conn:  # and one that no longer finds the event at all
        conn.execute(text("delete from events where document_id = :d and id = 'e99'"), {"d": doc_id})
    engine.dispose()
    run("resolve", "--db", db)
    listed = [
        json.loads(ln) for ln in run("decisions", "--db", db, "--unattached", "--json").stdout.splitlines()
    ]
    assert [(d["action"], d["document"], d["fact_type"]) for d in listed] == [("reject", doc_id, "detention")]


@pytest.mark.slow
def test_undo_a_merge_and_a_split_brings_the_cases_back_as_they_were(tmp_path: Path, database: str) -> None:
    db = store_of(tmp_path, database)
    first = cases(db)
    ids = {name: c["id"] for name, c in first.items()}
    said = run("merge", "--db", db, ids["Louise Christian"], ids["Azamat Tursunov"]).output
    assert len(cases(db)) == 1
    merged = next(iter(cases(db).values()))
    history = [
        json.loads(ln) for ln in run("history", "--db", db, merged["id"], "--json").stdout.splitlines()
    ]
    merge = next(d for d in history if d["action"] == "merge")
    run("undo", "--db", db, str(merge["id"]))
    assert cases(db) == first, said  # the same ids, statuses and counts as before the merge
    tursunov = show(db, ids["Azamat Tursunov"])
    docs = sorted({e["evidence"]["document"] for e in tursunov["timeline"]})
    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        keys = [f"{d}:{e}" for d, e in conn.execute(
            text("select document_id, entity_id from person_links where person_id = :p order by document_id"),
            {"p": ids["Azamat Tursunov"]},
        )]  # fmt: skip
    engine.dispose()
    assert len(docs) == 2 and len(keys) == 2
    run("split", "--db", db, ids["Azamat Tursunov"], keys[-1])
    listed = run("cases", "--db", db, "--json").stdout.splitlines()
    assert len(listed) == 3  # two cases of one name now, one per report
    split = next(d for d in map(json.loads, run("decisions", "--db", db, "--json").stdout.splitlines())
                 if d["action"] == "split")  # fmt: skip
    run("undo", "--db", db, str(split["id"]))
    assert cases(db) == first


@pytest.mark.slow
def test_status_fields_notes_and_tags_are_kept_and_exported_with_the_reviewer(
    tmp_path: Path, database: str
) -> None:
    db = store_of(tmp_path, database)
    token = run("user", "add", "amina", "--role", "reviewer", "--db", db).stdout.strip()
    assert len(token) >= 40
    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        stored = conn.execute(text("select name, role, token_hash from users")).all()
    engine.dispose()
    assert [(n, r) for n, r, _ in stored] == [("amina", "reviewer")] and token not in stored[0][2]
    assert run("user", "add", "amina", "--db", db, ok=False).exit_code == 2  # no second token silently
    assert run("confirm", "--db", db, "--as", "nobody", "x:e1", ok=False).exit_code == 3
    run(
        "correct",
        "--db",
        db,
        "--as",
        "amina",
        "case:Azamat Tursunov",
        "status",
        "released",
        "--since",
        "2024-03-20",
    )
    run(
        "field",
        "--db",
        db,
        "--as",
        "amina",
        "Tursunov",
        "place_of_custody",
        "Osh pre-trial detention centre No. 5",
    )
    run("note", "--db", db, "--as", "amina", "Tursunov", "Family visited on 21 March; <b>not</b> markup")
    run("tag", "--db", db, "--as", "amina", "Tursunov", "urgent appeal")
    item = next(i for i in queue(db, "Tursunov") if i["fact"] == "event")  # a released case: asked for
    run("confirm", "--db", db, "--as", "amina", item["ref"])
    case = show(db, "Azamat Tursunov")
    assert (case["status"], case["since"], case["review"]["status_by"]) == ("released", "2024-03-20", "amina")
    assert case["review"]["fields"]["place_of_custody"]["text"] == "Osh pre-trial detention centre No. 5"
    assert case["review"]["tags"] == ["urgent appeal"] and "<b>not</b>" in case["review"]["notes"][0]["text"]
    confirmed = [e for e in case["timeline"] if e["ref"] == item["ref"]]
    assert confirmed and confirmed[0]["review"] == {
        **confirmed[0]["review"],
        "state": "confirmed",
        "reviewers": ["amina"],
    }
    assert cases(db)["Azamat Tursunov"]["status"] == "released"
    shown = run("show", "--db", db, "Azamat Tursunov").stdout
    assert "place of custody: Osh pre-trial detention centre No. 5 (by amina)" in " ".join(shown.split())
    assert "tags: urgent appeal" in shown and "confirmed" in shown  # the table may wrap "by amina"
    rerun(db)
    assert show(db, "Azamat Tursunov")["review"] == case["review"]
    out = tmp_path / "csv"
    run("export", "--db", db, "Azamat Tursunov", "--format", "csv", "--out", str(out))
    events = (out / "events.csv").read_text(encoding="utf-8")
    assert "review" in events.splitlines()[0] and "confirmed" in events and "amina" in events
    md = run("export", "--db", db, "Azamat Tursunov", "--format", "md").stdout
    assert "Place of custody" in md and "(amina, " in md and "urgent appeal" in md
    assert "\\<b\\>not\\</b\\>" in md and "<b>" not in md  # a reviewer's note is text too
    ftm = [
        json.loads(ln)
        for ln in run("export", "--db", db, "Azamat Tursunov", "--format", "ftm").stdout.splitlines()
    ]
    notes = [n for e in ftm for n in e["properties"].get("notes", [])]
    assert "review: confirmed by amina" in notes and "tag: urgent appeal" in notes
    assert run("correct", "--db", db, item["ref"], "date", "2024-13-01", ok=False).exit_code == 2
    assert run("correct", "--db", db, item["ref"], "colour", "red", ok=False).exit_code == 2
    assert run("reject", "--db", db, item["ref"], "--reason", "boring", ok=False).exit_code == 2
    missing = run("review", "--db", str(tmp_path / "nowhere.db"), ok=False)
    assert missing.exit_code == 3 and "no store at" in missing.stderr


def _fact(db: str, doc: str, kind: str, text_in: str) -> str:
    """The reference of the event, claim or date of report DOC whose words contain TEXT_IN."""
    stored = json.loads(run("extract", "--db", db, doc).stdout)
    if kind == "t":
        n = next(i for i, x in enumerate(stored["timexes"], 1) if text_in in x["text"])
        return f"{doc}:t{n}"
    rows = stored["events" if kind == "e" else "claims"]
    key = "sentence" if kind == "e" else "span"
    found = next(r for r in rows if text_in in stored["text"][r[key][0] : r[key][1]])
    return f"{doc}:{found['id']}"


@pytest.mark.slow
def test_type_subject_speaker_and_date_corrections_change_the_cases(tmp_path: Path, database: str) -> None:
    db = store_of(tmp_path, database)
    doc = the_detention(db, "Louise Christian", None)["ref"].split(":")[0]
    lawyer = _fact(db, doc, "e", "British lawyer")
    travel = run("correct", "--db", db, lawyer, "type", "travel").output
    assert set(cases(db)) == {"Azamat Tursunov"}  # a trip, not a detention: no case
    run("undo", "--db", db, travel.split("decision ")[1].split(":")[0])
    run("correct", "--db", db, lawyer, "subject", "Azamat Tursunov")  # about him, not her
    assert set(cases(db)) == {"Azamat Tursunov"}
    moved = [e for e in show(db, "Azamat Tursunov")["timeline"] if "British lawyer" in e["evidence"]["text"]]
    assert moved and moved[0]["review"]["original"] == {"subject": "Louise Christian"}
    bad = run("correct", "--db", db, lawyer, "subject", "Nobody Named", ok=False)
    assert bad.exit_code == 2 and "names no person" in bad.stderr

    brother = _fact(db, doc, "c", "inciting unrest")
    run("correct", "--db", db, brother, "speaker", "Kyrgyz Foreign Ministry")
    claims = show(db, "Azamat Tursunov")["claims"]
    said = [c for c in claims if "inciting unrest" in c["content"]]
    assert said[0]["speaker"] == "Kyrgyz Foreign Ministry" and said[0]["review"]["state"] == "corrected"
    other = _fact(db, doc, "c", "ask to see")
    run("reject", "--db", db, other, "--reason", "not a claim")
    assert not [c for c in show(db, "Azamat Tursunov")["claims"] if "ask to see" in c["content"]]

    day = _fact(db, doc, "t", "March 4")
    run("correct", "--db", db, day, "value", "2024-03-02")
    rerun(db)
    case = show(db, "Azamat Tursunov")
    assert (
        "2024-03-02" in [e["date"] for e in case["timeline"]] and case["consular_clock"]["days_to_knew"] == 5
    )
    assert any(r["fact"] == "claim" for r in case["review"]["rejected"])
    assert run("decisions", "--db", db, "--unattached").stdout == ""


def test_an_older_store_is_upgraded_to_hold_decisions_and_users(tmp_path: Path) -> None:
    from casework.store.database import open_store
    from casework.store.migrations import MIGRATIONS

    before = next(v for v, step in MIGRATIONS.items() if step.__name__.endswith("_review")) - 1
    db = str(tmp_path / "old.db")
    open_store(db).close()
    engine = create_engine(database_url(db))
    with engine.begin() as conn:  # a store as casework before review left it
        conn.execute(text("drop table review_decisions"))
        conn.execute(text("drop table users"))
        conn.execute(text(f"update casework_meta set value = '{before}' where key = 'schema_version'"))
    engine.dispose()
    refused = run("decisions", "--db", db, ok=False)
    assert refused.exit_code == 2 and "casework db upgrade" in refused.stderr
    assert f"from schema version {before}" in run("db", "upgrade", "--db", db).output
    assert run("user", "add", "amina", "--db", db).exit_code == 0
    assert run("decisions", "--db", db).stdout == ""


@pytest.mark.slow
def test_findings_are_confirmed_or_dismissed_by_a_reference_that_outlives_the_list(tmp_path: Path) -> None:
    db = store_of(tmp_path, str(tmp_path / "s.db"))
    findings = [i for i in queue(db) if i["fact"] == "finding" and i["case_name"] == "Azamat Tursunov"]
    assert len(findings) >= 2 and all("@" in i["ref"] for i in findings)
    gone, kept = findings[0], findings[1]
    gone_kind = gone["label"].split(":")[0]

    def same(case: dict[str, Any]) -> list[Any]:
        return [
            f for f in case["findings"] if f["kind"] == gone_kind and f["evidence"][0] == gone["evidence"]
        ]

    assert same(show(db, "Azamat Tursunov"))
    run("reject", "--db", db, gone["ref"], "--reason", "not a problem")
    run("confirm", "--db", db, kept["ref"])  # its place in the list moved up by one: the reference did not
    case = show(db, "Azamat Tursunov")
    kinds = [(f["kind"], f["review"]["state"]) for f in case["findings"]]
    assert (kept["label"].split(":")[0], "confirmed") in kinds
    assert [r["fact"] for r in case["review"]["rejected"]] == ["finding"]
    assert len(case["findings"]) == len([i for i in findings]) - 1 + (
        len(case["findings"]) - len(findings) + 1
    )
    rerun(db)
    again = show(db, "Azamat Tursunov")
    assert [f["kind"] for f in again["findings"]] == [f["kind"] for f in case["findings"]]
    assert run("decisions", "--db", db, "--unattached").stdout == ""


@pytest.mark.slow
def test_the_queue_at_a_terminal_takes_one_key_per_fact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import casework.cli.review as review_cli

    db = store_of(tmp_path, str(tmp_path / "s.db"))
    first, second, third = queue(db)[:3]
    monkeypatch.setattr(review_cli, "interactive", lambda: True)
    # c: confirm the first; s: skip the second; e + field + value: correct the third (a bad value is asked
    # again after the error); q: stop
    keys = "c" + "s" + "e" + "date\nsoon\n" + "e" + "date\n2024-03-02\n" + "q"
    result = runner.invoke(cli, ["review", "--db", db], input=keys)
    assert result.exit_code == 0, result.output
    assert "not a date" in result.output and result.output.count("casework: decision") == 2
    left = [i["ref"] for i in queue(db)]
    assert first["ref"] not in left and second["ref"] in left
    if third["fact"] == "event":
        assert third["ref"] not in left


REPORT_C = (
    "Lawyer and blogger\n\n"
    "OSH, March 20, 2024 — The blogger Azamat Tursunov was charged with inciting unrest on March 19, 2024, "
    "a court said. Louise Christian, the British lawyer who was detained at the border, attended.\n"
)


@pytest.mark.slow
def test_a_new_report_updated_incrementally_keeps_the_decisions_and_the_queue(
    tmp_path: Path, database: str
) -> None:
    """A decision is on a fact: a new report that states the rejected detention again is new evidence,
    a fact of its own in the queue. The incremental update after an ingest and the full rebuild agree
    on the cases, their status and the queue."""
    db = store_of(tmp_path, database)
    item = the_detention(db, "Louise Christian", None)
    run("reject", "--db", db, item["ref"], "--reason", "not a detainee", "--case", item["case"])
    assert set(cases(db)) == {"Azamat Tursunov"}
    more = tmp_path / "more"
    more.mkdir()
    (more / "c.txt").write_text(REPORT_C, encoding="utf-8")
    assert "1 ingested" in run("ingest", "--db", db, str(more)).output  # an incremental update
    assert cases(db)["Azamat Tursunov"]["status"].startswith("charged")
    rejected = [d for d in map(json.loads, run("decisions", "--db", db, "--json").stdout.splitlines())]
    assert [d["action"] for d in rejected] == ["reject"]  # the decision stands, still attached
    assert run("decisions", "--db", db, "--unattached").stdout == ""
    waiting = sorted((i["case_name"], i["label"]) for i in queue(db))
    assert any(name == "Louise Christian" for name, _ in waiting)  # report C's fact, to review
    listed = {n: (c["status"], c["sources"]) for n, c in cases(db).items()}
    run("resolve", "--all", "--db", db)  # the full rebuild agrees
    assert {n: (c["status"], c["sources"]) for n, c in cases(db).items()} == listed
    assert sorted((i["case_name"], i["label"]) for i in queue(db)) == waiting
