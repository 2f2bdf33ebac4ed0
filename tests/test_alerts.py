"""Alert rules and their filters, the consular clock rule, delivery with retries and signatures,
the digest and the Atom feed: each fires once, and report text never becomes markup."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import select

from casework.alerting import Rule, add_rule, check_overdue, load_alerts
from casework.batch import Batch
from casework.cli import cli
from casework.delivery import SIGNATURE_HEADER, Webhook, deliver, register, sign
from casework.incremental import update_changed_cases
from casework.ingest.loader import RawInput
from casework.store import schema as t
from casework.store.database import Store, open_store
from casework.web.app import create_app
from receivers import Received, serve_http
from wire import ITEMS

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = (
    "Police in Osh detained the blogger Bakyt Ermekov on 2 May 2024 <script>alert(1)</script> "
    "[for a post](javascript:x)\x07, his brother said."
)


def _store(tmp_path: Path, rules: list[Rule]) -> Store:
    store = open_store(str(tmp_path / "s.db"))
    with store.write() as conn:
        for rule in rules:
            add_rule(conn, rule)
    return store


def _feed(store: Store, texts: list[tuple[str, str]]) -> None:
    for name, text in texts:
        Batch(store).run([RawInput(name, text.encode("utf-8"), None, published="2024-05-10")])
        update_changed_cases(store)


def _fired(store: Store) -> list[tuple[str, str, str]]:
    with store.read() as conn:
        return sorted((a.rule, a.kind, a.name) for a in load_alerts(conn))


def test_rules_filter_by_nationality_country_and_name(tmp_path: Path) -> None:
    store = _store(
        tmp_path,
        [
            Rule("kg", "new-case", nationality="KG"),
            Rule("in-kz", "new-case", country="Kazakhstan"),
            Rule("him", "status-change", person="Жусупов"),  # another script: the name matcher's
            Rule("all", "status-change"),
        ],
    )
    _feed(store, [(i.guid, i.text) for i in ITEMS])
    assert _fired(store) == [
        ("all", "status-change", "Aigerim Saparova"),
        ("all", "status-change", "Talant Zhusupov"),
        ("him", "status-change", "Talant Zhusupov"),
        ("in-kz", "new-case", "Aigerim Saparova"),
        ("kg", "new-case", "Talant Zhusupov"),
    ]
    _feed(store, [("again", ITEMS[2].text + " He thanked his supporters.")])  # no new change in the case
    assert len(_fired(store)) == 5
    store.close()


def test_consular_overdue_fires_once_per_case(tmp_path: Path) -> None:
    store = _store(tmp_path, [Rule("late", "consular-overdue", days=30)])
    _feed(store, [(ITEMS[3].guid, ITEMS[3].text)])  # detained 7 May 2024; no act of a state reported
    with store.write() as conn:
        assert check_overdue(conn, today=date(2024, 5, 20)) == 0  # 13 days: not yet
        assert check_overdue(conn, today=date(2024, 6, 10)) == 1
        assert check_overdue(conn, today=date(2024, 6, 11)) == 0  # once
    with store.read() as conn:
        (alert,) = load_alerts(conn)
    assert alert.kind == "consular-overdue" and alert.detail["change"]["detained_on"] == "2024-05-07"
    assert "detained the journalist Nurbek Asanov" in alert.detail["evidence"][0]["text"]
    store.close()


def test_the_webhook_retries_signs_and_backs_off(tmp_path: Path) -> None:
    store = _store(tmp_path, [Rule("any", "new-case")])
    hook = Received(fail=2)
    lines: list[str] = []
    with serve_http(hook) as url:
        channel = Webhook(f"{url}/h", b"k3y", pause=0.01)
        register(store, channel)
        _feed(store, [(ITEMS[0].guid, ITEMS[0].text)])
        assert deliver(store, channel, 60, lines.append) == 1  # third attempt
        headers, data = hook.bodies[0]
        assert headers[SIGNATURE_HEADER.lower()] == sign(b"k3y", data)
        assert json.loads(data)["case"]["name"] == "Talant Zhusupov"
        hook.fail = 5
        _feed(store, [(ITEMS[1].guid, ITEMS[1].text)])
        assert deliver(store, channel, 60, lines.append) == 0
        assert any("HTTP 500 after 3 attempt(s)" in line and "wait 60 s" in line for line in lines), lines
        assert deliver(store, channel, 60, lines.append) == 0  # backing off: not even tried
        assert hook.fail == 2
        hook.fail = 0
        with store.write() as conn:
            conn.execute(t.delivery_cursors.update().values(next_try=None))
        assert deliver(store, channel, 60, lines.append) == 1
    assert [json.loads(d)["id"] for _, d in hook.bodies] == [1, 2]
    with store.read() as conn:
        stored = " ".join(map(str, conn.execute(select(t.delivery_cursors)).one()))
    assert "k3y" not in stored  # the key is never stored
    store.close()


def test_digest_and_atom_show_hostile_text_as_text(tmp_path: Path) -> None:
    store = _store(tmp_path, [Rule("any", "new-case")])
    _feed(store, [("hostile", HOSTILE)])
    with TestClient(create_app(store)) as client:
        atom = client.get("/alerts.atom")
    root = ET.fromstring(atom.content)  # parses: the bell character is escaped, not written raw
    content = root.find(f"{ATOM}entry/{ATOM}content")
    assert content is not None and "<script>" in (content.text or "")  # text, to be shown as such
    assert b"<script>" not in atom.content and b"\x07" not in atom.content
    store.close()
    db = str(tmp_path / "s.db")
    html = CliRunner().invoke(cli, ["digest", "--db", db, "--format", "html"])
    assert html.exit_code == 0 and "Bakyt" in html.output
    assert "<script>" not in html.output and "&lt;script&gt;" in html.output
    md = CliRunner().invoke(cli, ["digest", "--db", db, "--since", "2d"])
    assert md.exit_code == 0 and "## New cases (1)" in md.output
    assert "<script>" not in md.output and "\\[for a post\\]\\(javascript:x\\)" in md.output


def test_alert_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = str(tmp_path / "no.db")
    result = runner.invoke(cli, ["alert", "list", "--db", missing])
    assert result.exit_code == 3 and "no store at" in result.output
    db = str(tmp_path / "s.db")
    assert runner.invoke(cli, ["db", "init", "--db", db]).exit_code == 0
    ok = runner.invoke(cli, ["alert", "add", "kg", "--when", "new-case", "--nationality", "KG", "--db", db])
    assert ok.exit_code == 0 and "new-case --nationality KG" in ok.output
    again = runner.invoke(cli, ["alert", "add", "kg", "--when", "new-case", "--db", db])
    assert again.exit_code == 2 and "exists already" in again.output
    bad = runner.invoke(cli, ["alert", "add", "x", "--when", "new-case", "--country", "Atlantis", "--db", db])
    assert bad.exit_code == 2 and "not a country" in bad.output
    days = runner.invoke(cli, ["alert", "add", "late", "--when", "consular-overdue", "--db", db])
    assert days.exit_code == 2 and "--days" in days.output
    assert "kg\tnew-case --nationality KG" in runner.invoke(cli, ["alert", "list", "--db", db]).output
    assert runner.invoke(cli, ["alert", "remove", "nope", "--db", db]).exit_code == 3
    assert runner.invoke(cli, ["alert", "remove", "kg", "--db", db]).exit_code == 0
    assert runner.invoke(cli, ["alert", "log", "--db", db]).output == ""
