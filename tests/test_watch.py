"""`casework watch` end to end: a feed on 127.0.0.1 that grows, a watcher killed with SIGKILL and
restarted, and the webhook, SMTP and Atom deliveries checked against the store."""

from __future__ import annotations

import hmac
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from casework.cli import cli
from casework.delivery import SIGNATURE_HEADER, sign
from casework.store.database import open_store
from casework.web.app import create_app
from receivers import Feed, Mailbox, Received, serve_http, serve_smtp
from wire import ITEMS

ATOM = "{http://www.w3.org/2005/Atom}"
SECRET = "test-hmac-key-not-a-real-one"


def _wait(what: str, done: Callable[[], bool], timeout: float = 90.0) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def _watcher(db: Path, feed: str, hook: str, smtp: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CASEWORK_WEBHOOK_SECRET": SECRET}
    args = [
        sys.executable, "-m", "casework", "watch", f"{feed}/feed.xml", "--db", str(db), "--every", "0.3s",
        "--allow-private", "--webhook", f"{hook}/hook", "--smtp", f"127.0.0.1:{smtp}",
        "--mail-from", "casework@desk.example", "--mail-to", "officer@desk.example",
    ]  # fmt: skip
    with open(log, "ab") as err:
        return subprocess.Popen(args, stdout=err, stderr=err, env=env)


def test_watch_a_growing_feed_through_a_kill(tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["db", "init", "--db", str(db)]).exit_code == 0
    for name, kind in (("any-new", "new-case"), ("moves", "status-change")):
        result = runner.invoke(cli, ["alert", "add", name, "--when", kind, "--db", str(db)])
        assert result.exit_code == 0, result.output
    feed, hook, box = Feed(ITEMS[:2]), Received(), Mailbox()
    log = tmp_path / "watch.log"
    with serve_http(feed) as feed_url, serve_http(hook) as hook_url, serve_smtp(box) as smtp_port:
        proc = _watcher(db, feed_url, hook_url, smtp_port, log)
        try:
            _wait("the first two items", lambda: _count(db, "select count(*) from documents") == 2)
            _wait("their alerts", lambda: len(hook.bodies) == 2 and len(box.messages) == 2)
            _wait("an unchanged feed answered 304", lambda: feed.not_modified >= 1)
            feed.items = ITEMS[:4]
            _wait("the third item", lambda: _count(db, "select count(*) from documents") >= 3)
            proc.send_signal(signal.SIGKILL)  # mid-round: the fourth item, the update or the delivery waits
            proc.wait(timeout=10)
            feed.items = ITEMS
            proc = _watcher(db, feed_url, hook_url, smtp_port, log)
            _wait("all five items", lambda: _count(db, "select count(*) from documents") == 5)
            _wait(
                "every alert delivered",
                lambda: _count(db, "select count(*) from alerts") == 5 and len(hook.bodies) >= 5,
            )
            time.sleep(1.0)  # a few more rounds: nothing new may come of them
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=30) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
    text = log.read_text(encoding="utf-8")
    assert "casework: watch: stopped" in text
    rounds = [line for line in text.splitlines() if "new reports" in line]
    assert rounds and all(" 0 sources failed" in line for line in rounds), text  # a 304 is no failure

    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from documents").fetchone()[0] == 5  # each item once
        items = conn.execute("select item from watch_items").fetchall()
        assert sorted(i for (i,) in items) == [f"id:wire-{n}" for n in range(1, 6)]
        changes = conn.execute("select case_id, kind, key from case_changes").fetchall()
        assert len(changes) == len(set(changes))
        alerts = conn.execute(
            "select a.id, a.rule, c.kind, c.name from alerts a join case_changes c on c.id = a.change_id"
        ).fetchall()
    assert sorted((rule, kind, name) for _, rule, kind, name in alerts) == [
        ("any-new", "new-case", "Aigerim Saparova"),
        ("any-new", "new-case", "Nurbek Asanov"),
        ("any-new", "new-case", "Talant Zhusupov"),
        ("moves", "status-change", "Aigerim Saparova"),
        ("moves", "status-change", "Talant Zhusupov"),
    ]
    ids = sorted(a[0] for a in alerts)

    # the webhook: every alert once, in order, each body signed with the shared key
    got = []
    for headers, data in hook.bodies:
        assert hmac.compare_digest(headers[SIGNATURE_HEADER.lower()], sign(SECRET.encode(), data))
        got.append(json.loads(data)["id"])
    assert got == ids
    released = next(json.loads(d) for _, d in hook.bodies if json.loads(d)["kind"] == "status-change"
                    and json.loads(d)["case"]["name"] == "Talant Zhusupov")  # fmt: skip
    assert released["change"]["to"] == "released"
    assert any("released on 9 May 2024" in e["text"] for e in released["evidence"])

    # the mailbox: one message per alert, the sentence quoted in it
    assert sorted(int(m["X-Casework-Alert"]) for m in box.messages) == ids
    mails = [str(m.get_payload(decode=True), "utf-8") for m in box.messages]  # type: ignore[arg-type]
    assert any("released on 9 May 2024" in m for m in mails)

    # the Atom feed: well-formed, in the Atom namespace, with what RFC 4287 requires
    store = open_store(str(db))
    with TestClient(create_app(store)) as client:
        response = client.get("/alerts.atom")
    store.close()
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 5
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), tag
        assert entry.find(f"{ATOM}link").get("href", "").startswith("http")  # type: ignore[union-attr]
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 5
