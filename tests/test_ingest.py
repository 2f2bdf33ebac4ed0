"""`casework ingest` into a store: idempotent, near-duplicates linked, bad inputs counted, kill-safe."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from casework.cli import cli
from casework.store.database import database_url
from conftest import EXAMPLES, ROOT
from reports import report

pytestmark = pytest.mark.slow


def _ingest(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["ingest", "--quiet", *args])
    return result.exit_code, result.stderr


def _rows(db: Path | str, sql: str) -> list[tuple[object, ...]]:
    """Rows of a query on either back end (a SQLite path or a database URL)."""
    engine = create_engine(database_url(str(db)))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_a_mixed_batch_is_stored_once_and_counted(tmp_path: Path, database: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"r{i}.txt").write_text(report(100 + i))
    (src / "copy.txt").write_text(report(100))  # the same text again: one document
    (src / "wire.txt").write_text(report(101).replace("relatives said", "relatives told the agency"))
    (src / "empty.txt").write_bytes(b"")
    (src / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (src / "export.jsonl").write_text(
        json.dumps({"text": report(104), "url": "https://x.example/104"}) + "\n{oops\n"
    )
    db = database

    code, err = _ingest("--db", str(db), str(src))
    assert code == 1
    lines = err.splitlines()
    assert f"casework: skipped {src / 'empty.txt'}: empty input" in lines
    assert f"casework: skipped {src / 'image.html'}: binary data, not text" in lines
    assert any(ln.startswith(f"casework: skipped {src / 'export.jsonl'}:2: not JSON") for ln in lines)
    assert lines[-1] == (
        "casework: 5 ingested, 1 near-duplicates, 1 duplicates, 3 skipped "
        "(1 empty input; 1 not JSON; 1 binary data, not text)"
    )
    assert _rows(db, "select count(*) from documents") == [(5,)]
    near = _rows(db, "select path, near_duplicate_of from documents where near_duplicate_of is not null")
    first = _rows(db, f"select id from documents where path = '{src / 'r1.txt'}'")
    assert near == [(str(src / "wire.txt"), first[0][0])]
    assert _rows(db, "select url from documents where kind = 'jsonl'") == [("https://x.example/104",)]

    counts = {t: _rows(db, f"select count(*) from {t}") for t in ("entities", "events", "claims", "mentions")}
    code, err = _ingest("--db", str(db), str(src / "r0.txt"), str(src / "r2.txt"))
    assert (
        code == 0
        and err.splitlines()[-1] == "casework: 0 ingested, 0 near-duplicates, 2 duplicates, 0 skipped"
    )
    assert counts == {t: _rows(db, f"select count(*) from {t}") for t in counts}


def test_stored_documents_are_listed_and_read_back(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    assert _ingest("--db", db, str(EXAMPLES))[0] == 0
    listed = CliRunner().invoke(cli, ["documents", "--db", db, "--json"])
    rows = [json.loads(ln) for ln in listed.stdout.splitlines()]
    assert len(rows) == 3 and {r["site"] for r in rows} >= {"Steppe Observer"}
    stored = CliRunner().invoke(cli, ["extract", "--db", db])
    direct = CliRunner().invoke(cli, ["extract", str(EXAMPLES)])
    assert stored.exit_code == 0
    assert [json.loads(ln) for ln in stored.stdout.splitlines()] == [
        json.loads(ln) for ln in direct.stdout.splitlines()
    ]
    missing = CliRunner().invoke(cli, ["extract", "--db", db, "ffffffffffffffff"])
    assert missing.exit_code == 1 and "ffffffffffffffff: no such document in the store" in missing.stderr


def test_reports_not_in_english_are_stored_marked_and_not_extracted(tmp_path: Path) -> None:
    ru = tmp_path / "ru.txt"
    ru.write_bytes(
        "Журналиста Нурлана Касымова задержали в Оше в пятницу, сообщили родственники.".encode("cp1251")
    )
    db = tmp_path / "s.db"
    code, err = _ingest("--db", str(db), str(ru))
    assert code == 0
    assert err.splitlines()[-1].endswith("1 stored without extraction, 0 skipped")
    assert _rows(db, "select language, encoding, status, skip_reason from documents") == [
        ("ru", "cp1251", "skipped", "language 'ru' is not supported yet")
    ]
    assert _rows(db, "select count(*) from entities") == [(0,)]


def test_two_workers_store_what_one_does(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(20):
        (src / f"r{i:02}.txt").write_text(report(200 + i))
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert _ingest("--db", str(one), str(src))[0] == 0
    assert _ingest("--db", str(two), "--workers", "2", str(src))[0] == 0
    query = "select id, near_duplicate_of from documents order by id"
    assert _rows(one, query) == _rows(two, query)
    for table in ("events", "claims", "entities"):
        assert _rows(one, f"select * from {table} order by 1, 2") == _rows(
            two, f"select * from {table} order by 1, 2"
        )


def test_a_batch_killed_mid_way_finishes_on_the_next_run_with_nothing_lost_or_doubled(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    total = 60
    for i in range(total):
        (src / f"r{i:03}.txt").write_text(report(300 + i))
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "casework", "ingest", "--quiet", "--db", str(db), str(src)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            stored = _rows(db, "select count(*) from documents")[0][0]  # type: ignore[assignment]
        except OperationalError:
            continue  # the store is still being created
        if stored >= 5:
            break
    assert proc.poll() is None, "the batch finished before it could be killed; make it larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 5 <= stored < total

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    done = _rows(db, "select count(*) from documents")[0][0]
    summary = rerun.stderr.splitlines()[-1]
    assert done == total
    ingested = int(summary.split()[1])
    duplicates = int(summary.split(", ")[2].split()[0])
    assert ingested + duplicates == total and duplicates >= 5
    # Each document came with all its rows or not at all: every stored one has its signature and bands.
    assert _rows(db, "select count(*) from minhashes") == [(total,)]
    assert _rows(db, "select count(distinct document_id) from lsh_bands") == [(total,)]
    assert _rows(db, "select count(distinct document_id) from entities") == [(total,)]
    assert _rows(db, "pragma integrity_check") == [("ok",)]


def test_two_processes_ingesting_at_once_store_each_report_once(tmp_path: Path, database: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    total = 30
    for i in range(total):
        (src / f"r{i:03}.txt").write_text(report(500 + i))
    if "://" not in database:
        _ingest("--db", database, str(src / "r000.txt"))  # the SQLite file exists before two writers race
    cmd = [sys.executable, "-m", "casework", "ingest", "--quiet", "--db", database, str(src)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert _rows(database, "select count(*), count(distinct id) from documents") == [(total, total)]
    assert _rows(database, "select count(*) from minhashes") == [(total,)]
    # each report was stored by one process and counted as a duplicate by the other
    ingested = sum(int(o.strip().splitlines()[-1].split()[1]) for o in outputs)
    assert ingested == total - (0 if "://" in database else 1)


def test_a_dask_cluster_stores_what_one_process_does(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    src = tmp_path / "in"
    src.mkdir()
    for i in range(12):
        (src / f"r{i:02}.txt").write_text(report(700 + i))
    one, spread = tmp_path / "one.db", tmp_path / "dask.db"
    assert _ingest("--db", str(one), str(src))[0] == 0
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:  # real worker processes, each loading the model once
        code, err = _ingest("--db", str(spread), "--dask", cluster.scheduler_address, str(src))
    assert code == 0, err
    for query in ("select id, near_duplicate_of from documents order by id",
                  "select * from events order by 1, 2", "select * from claims order by 1, 2"):  # fmt: skip
        assert _rows(one, query) == _rows(spread, query)
