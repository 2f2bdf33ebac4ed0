"""`casework watch --once` on folders, URL lists and failing sources: each item taken in once, a
changed file taken in again, a failing source logged and backed off, never fatal."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from casework.cli import cli
from casework.ingest.web import FetchPolicy
from casework.store import schema as t
from casework.store.database import open_store
from casework.watch.loop import Watcher
from receivers import Feed, FeedItem, serve_http
from reports import report


def _once(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["watch", "--once", "--no-json", "--every", "1s", *args])
    return result.exit_code, result.stdout, result.stderr


def _documents(db: str) -> int:
    store = open_store(db)
    with store.read() as conn:
        n = int(conn.execute(select(func.count()).select_from(t.documents)).scalar() or 0)
    store.close()
    return n


def test_a_folder_is_taken_in_once_and_a_changed_file_again(tmp_path: Path) -> None:
    folder, db = tmp_path / "in", str(tmp_path / "s.db")
    folder.mkdir()
    (folder / "a.txt").write_text(report(1), encoding="utf-8")
    (folder / "b.txt").write_text(report(2), encoding="utf-8")
    code, _, err = _once(str(folder), "--db", db)
    assert code == 0 and "2 new reports" in err, err
    code, _, err = _once(str(folder), "--db", db)
    assert code == 0 and "0 new reports, 0 already stored" in err, err  # remembered: not even read as new
    (folder / "a.txt").write_text(report(3), encoding="utf-8")  # the same file, new content
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    code, _, err = _once(str(folder), "--db", db)
    assert code == 0 and "1 new reports" in err and "1 refused" in err, err
    code, _, err = _once(str(folder), "--db", db)
    assert "0 new reports" in err and "0 refused" in err, err  # a refusal is said once
    assert _documents(db) == 3


def test_a_failing_source_backs_off_and_the_others_go_on(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/feed.xml"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(report(4), encoding="utf-8")
    db = str(tmp_path / "s.db")
    store = open_store(db)
    lines: list[str] = []
    watcher = Watcher(
        store, [dead, str(folder)], 60.0, FetchPolicy(timeout=2, allow_private=True), log=lines.append
    )
    first = watcher.round()
    assert first.failed_sources == 1 and first.ingested == 1
    assert any("next try in 60 s (failure 1)" in line and dead in line for line in lines), lines
    second = watcher.round()
    assert second.failed_sources == 0  # still waiting: not tried again yet
    with store.write() as conn:
        conn.execute(t.watch_sources.update().values(next_try=None))
    watcher.round()
    assert any("next try in 120 s (failure 2)" in line for line in lines), lines  # the wait doubles
    store.close()


def test_a_url_list_and_a_feed_that_fails_then_answers(tmp_path: Path) -> None:
    feed = Feed([FeedItem("x-1", "Held", report(5))], fail=1)
    db = str(tmp_path / "s.db")
    with serve_http(feed) as url:
        listing = tmp_path / "urls.txt"
        listing.write_text(f"# the desk's sources\n{url}/feed.xml\n", encoding="utf-8")
        code, _, err = _once(f"@{listing}", "--db", db, "--allow-private", "--every", "0.1s")
        assert code == 0 and "HTTP 503" in err and "1 sources failed" in err, err
        time.sleep(0.2)  # the back-off (0.1 s after one failure) is over
        code, _, err = _once(f"@{listing}", "--db", db, "--allow-private")
        assert code == 0 and "1 new reports" in err, err
        code, _, err = _once(f"@{listing}", "--db", db, "--allow-private")
        assert "0 new reports" in err and feed.not_modified == 1  # the ETag saved a download
    assert _documents(db) == 1


def test_watch_options_are_checked_and_secrets_come_from_env_or_file(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    code, _, err = _once(str(tmp_path), "--db", db, "--webhook", "http://127.0.0.1:9/h")
    assert code == 2 and "CASEWORK_WEBHOOK_SECRET" in err
    code, _, err = _once(str(tmp_path), "--db", db, "--every", "soon")
    assert code == 2 and "not a time span" in err
    code, _, err = _once(str(tmp_path), "--db", db, "--smtp", "localhost", "--mail-to", "a@b.example")
    assert code == 2 and "HOST:PORT" in err
    key = tmp_path / "key"
    key.write_text("s3cret-value\n", encoding="utf-8")
    code, out, err = _once(
        str(tmp_path / "nothing"),
        "--db",
        db,
        "--webhook",
        "http://127.0.0.1:9/h",
        "--webhook-secret-file",
        str(key),
    )
    assert code == 0 and "no such file or folder" in err
    assert "s3cret" not in out + err


def test_once_prints_each_alert_as_json_lines_once(tmp_path: Path) -> None:
    import json

    folder, db = tmp_path / "in", str(tmp_path / "s.db")
    folder.mkdir()
    (folder / "a.txt").write_text(report(6), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["db", "init", "--db", db]).exit_code == 0
    assert runner.invoke(cli, ["alert", "add", "any", "--when", "new-case", "--db", db]).exit_code == 0
    first = runner.invoke(cli, ["watch", "--once", str(folder), "--db", db])
    assert first.exit_code == 0, first.output
    (alert,) = [json.loads(line) for line in first.stdout.splitlines()]
    assert alert["schema"] == "casework.alert/1" and alert["kind"] == "new-case" and alert["evidence"]
    (folder / "b.txt").write_text(report(9), encoding="utf-8")
    second = runner.invoke(cli, ["watch", "--once", str(folder), "--db", db])
    ids = [json.loads(line)["id"] for line in second.stdout.splitlines()]
    assert ids == [alert["id"] + 1]  # the new one only: stdout has its cursor too
