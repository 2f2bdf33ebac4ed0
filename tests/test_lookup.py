"""What users type first: a store that may not exist, and a case named any way the reports write it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework import errors
from casework.cli import cli
from casework.lookup import name_fits
from casework.store.database import open_store
from conftest import copy_store

pytestmark = pytest.mark.slow


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_every_error_class_carries_an_exit_code_and_an_http_status() -> None:
    classes = [errors.CaseworkError, *errors.CaseworkError.__subclasses__(), errors.StoreNotFound]
    for cls in classes:
        assert isinstance(cls.exit_code, int) and cls.exit_code >= 1, cls
        assert 400 <= cls.http_status < 600, cls
    assert errors.NotFound.http_status == 404 and errors.StoreNotFound.http_status == 404
    assert len({errors.NotFound.exit_code, errors.Ambiguous.exit_code, errors.CaseworkError.exit_code}) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["cases"],
        ["show", "Daniyar Osmonov"],
        ["documents"],
        ["check"],
        ["export"],
        ["search", "police"],
        ["db", "upgrade"],
        ["serve"],
        ["resolve"],
        ["extract"],
    ],
)
def test_only_ingest_and_db_init_create_a_store(tmp_path: Path, args: list[str]) -> None:
    store = tmp_path / "no" / "such" / "typo.db"
    n = 2 if args[0] == "db" else 1  # --db goes after the (sub)command's name
    code, out, err = _run(*args[:n], "--db", str(store), *args[n:])
    assert code == errors.StoreNotFound.exit_code, (args, out, err)
    assert f"no store at {store}" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "no").exists()  # no file, no folders


def test_db_init_creates_an_empty_store_and_keeps_an_existing_one(tmp_path: Path) -> None:
    store = tmp_path / "new" / "cases.db"
    assert _run("db", "init", "--db", str(store))[0] == 0
    assert store.is_file()
    code, _, err = _run("cases", "--db", str(store))
    assert code == 0 and "0 cases" in err
    assert _run("db", "init", "--db", str(store))[0] == 0  # idempotent
    assert _run("db", "upgrade", "--db", str(store))[0] == 0


@pytest.mark.parametrize(
    "typed", ["Osmonov", "Осмонов", "osmonov", "D. Osmonov", "Daniyar Osmonov", "Османов"]
)
def test_show_finds_the_case_by_any_spelling(case_store: Path, typed: str) -> None:
    code, out, err = _run("show", "--db", str(case_store), "--json", typed)
    assert code == 0, err
    assert json.loads(out)["name"] == "Daniyar Osmonov"


def test_an_id_prefix_finds_the_case_and_the_report(case_store: Path) -> None:
    full = json.loads(_run("show", "--db", str(case_store), "--json", "Osmonov")[1])
    by_prefix = json.loads(_run("show", "--db", str(case_store), "--json", full["id"][:6])[1])
    assert by_prefix["id"] == full["id"]
    doc_id = full["sources"][0]["document"]
    code, out, err = _run("extract", "--db", str(case_store), doc_id[:8])
    assert code == 0, err
    assert json.loads(out)["id"] == doc_id


def test_a_name_of_no_case_and_a_name_of_several_are_errors(case_store: Path) -> None:
    code, out, err = _run("show", "--db", str(case_store), "Nobody Known")
    assert code == errors.NotFound.exit_code and "no case 'Nobody Known'" in err and out == ""
    # "Abdykadyrov" is both the teacher and (as "Abdykadyrova") his sister: not both cases, only one is held
    code, out, err = _run("export", "--db", str(case_store), "--format", "json", "Abdykadyrov")
    assert code == 0, err and json.loads(out)["name"] == "Nurlan Abdykadyrov"


def test_several_cases_fitting_a_name_are_listed(
    case_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = copy_store(case_store, tmp_path)
    store = open_store(db)
    from sqlalchemy import update

    from casework.store import schema as t

    with store.write() as conn:  # give both cases one full name, as namesakes have
        conn.execute(update(t.person_links).values(name="Daniyar Osmonov"))
        ids = sorted(set(conn.execute(t.case_summaries.select()).scalars()))
    store.close()
    code, out, err = _run("show", "--db", db, "Daniyar Osmonov")
    assert code == errors.Ambiguous.exit_code, (out, err)
    assert all(case_id in err for case_id in ids) and "fits 2 cases" in err
    # at a keyboard, the list is a choice: the second one is shown
    monkeypatch.setattr("casework.cli.base.interactive", lambda: True)
    chosen = CliRunner().invoke(cli, ["show", "--db", db, "--json", "Daniyar Osmonov"], input="2\n")
    assert chosen.exit_code == 0, chosen.output
    listed = re.findall(r"^  (\d)\. .+ \((\w+)\)$", chosen.stderr, re.M)
    assert [n for n, _ in listed] == ["1", "2"]
    assert json.loads(chosen.stdout.strip().splitlines()[-1])["id"] == listed[1][1]
    from fastapi.testclient import TestClient

    from casework.web.app import create_app

    store = open_store(db, create=False)
    with TestClient(create_app(store)) as client:  # the browser offers the choices as links
        page = client.get("/cases/Daniyar Osmonov")
        assert page.status_code == 409
        assert all(f'href="/cases/{case_id}"' in page.text for case_id in ids)
    store.close()


def test_merge_with_itself_is_refused(case_store: Path, tmp_path: Path) -> None:
    db = copy_store(case_store, tmp_path)
    case_id = json.loads(_run("show", "--db", db, "--json", "Osmonov")[1])["id"]
    for second in (case_id, "Осмонов"):
        code, out, err = _run("merge", "--db", db, case_id, second)
        assert code == errors.BadRequest.exit_code and "one person already" in err, (out, err)
        assert "now one person" not in out


def test_name_fits_word_by_word() -> None:
    assert name_fits("Жапаров", "Sadyr Japarov") and name_fits("Zhaparov", "Sadyr Japarov")
    assert name_fits("S. Japarov", "Sadyr Japarov")
    assert not name_fits("Tokarev", "Kassym-Jomart Tokayev")
    assert not name_fits("Daniyar Tokayev", "Daniyar Osmonov")
    assert not name_fits("", "Daniyar Osmonov")


def test_the_browser_finds_a_case_by_any_spelling_and_404s_an_unknown_one(case_store: Path) -> None:
    from fastapi.testclient import TestClient

    from casework.web.app import create_app

    store = open_store(str(case_store), create=False)
    with TestClient(create_app(store)) as client:
        found = client.get("/api/cases", params={"q": "Осмонов"}).json()
        assert [c["name"] for c in found["cases"]] == ["Daniyar Osmonov"]
        page = client.get("/cases/Osmonov").text
        assert "Daniyar Osmonov" in page
        assert "Steppe Observer, 2023-03-15</a></cite>" in page  # cited by outlet and date, not by id
        assert not re.search(r"<cite>[^<]*[0-9a-f]{16}", page)
        assert client.get("/cases/Pnobody").status_code == 404
        assert client.get("/api/cases/Pnobody").status_code == 404
        assert client.get("/api/cases", params={"sort": "nothing"}).status_code == 422
    store.close()
