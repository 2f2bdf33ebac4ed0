"""The review loop in the web app: read-only for everyone, decisions for signed-in reviewers through forms
that carry their form token, the same decisions through the API, users managed by admins only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from casework.cli import cli
from casework.review.users import add_user
from casework.store.database import open_store
from casework.web.app import create_app
from test_review import REPORT_A, REPORT_B

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (src / "b.txt").write_text(REPORT_B, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert CliRunner().invoke(cli, ["ingest", "--quiet", "--db", db, str(src)]).exit_code == 0
    store = open_store(db)
    tokens = {"amina": add_user(store, "amina", "reviewer"), "root": add_user(store, "root", "admin")}
    with TestClient(create_app(store)) as client:
        yield client, tokens
    store.close()


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    assert found, "the page carries no form token"
    return found[1]


def _sign_in(client: TestClient, token: str) -> str:
    r = client.post("/login", data={"token": token}, follow_redirects=False)
    assert r.status_code == 303 and "casework_session" in r.headers["set-cookie"]
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=strict" in r.headers["set-cookie"]
    return _csrf(client.get("/review").text)


def test_reading_needs_no_one_and_deciding_needs_a_signed_in_reviewer(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    client, tokens = site
    page = client.get("/review")
    assert page.status_code == 200 and "Louise Christian" in page.text and 'name="csrf"' not in page.text
    ref = re.search(r"([0-9a-f]{16}:e\d+)", page.text)
    assert ref
    refused = client.post("/review/decide", data={"action": "confirm", "ref": ref[1]}, follow_redirects=False)
    assert refused.status_code == 403 and "sign in" in refused.text
    assert client.post("/login", data={"token": "guess-" * 8}).status_code == 403
    csrf = _sign_in(client, tokens["amina"])
    no_token = client.post(
        "/review/decide", data={"action": "confirm", "ref": ref[1]}, follow_redirects=False
    )
    assert (
        no_token.status_code == 403 and "token is missing or wrong" in no_token.text
    )  # a cross-site POST has no token
    other_site = client.post(
        "/review/decide", data={"action": "confirm", "ref": ref[1], "csrf": csrf},
        headers={"origin": "http://evil.example"}, follow_redirects=False,
    )  # fmt: skip
    assert other_site.status_code == 403
    done = client.post("/review/decide", data={"action": "confirm", "ref": ref[1], "csrf": csrf, "back": "/review"},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"] == "/review?done=confirmed"
    away = client.post("/review/decide", data={"action": "confirm", "ref": ref[1], "csrf": csrf,
                                               "back": "//evil.example/x"}, follow_redirects=False)  # fmt: skip
    assert away.headers["location"].startswith("/review?")  # never back to another site
    assert ref[1] not in client.get("/review").text  # reviewed: off the queue
    bad = client.post("/review/decide", data={"action": "correct", "ref": ref[1], "field": "date",
                                              "value": "soon", "csrf": csrf})  # fmt: skip
    assert bad.status_code == 422 and "not a date" in bad.text


def test_the_case_page_shows_marks_history_notes_escaped_and_undo(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    client, tokens = site
    csrf = _sign_in(client, tokens["amina"])
    case = next(c for c in client.get("/api/cases").json()["cases"] if c["name"] == "Azamat Tursunov")
    page = client.get(f"/cases/{case['id']}").text
    assert 'id="history"' in page and "No one has reviewed" in page
    ref = client.get("/api/review", params={"case": case["id"]}).json()[0]["ref"]
    client.post("/review/decide", data={"action": "correct", "ref": ref, "field": "place", "value": "Jalal-Abad",
                                        "csrf": csrf, "case": case["id"], "back": f"/cases/{case['id']}"})  # fmt: skip
    note = "<script>alert(1)</script> seen by the family"
    client.post("/review/decide", data={"action": "note", "ref": case["id"], "value": note, "csrf": csrf,
                                        "back": f"/cases/{case['id']}"})  # fmt: skip
    page = client.get(f"/cases/{case['id']}").text
    assert "corrected by amina" in page and "Jalal-Abad" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; seen by the family" in page and "<script>alert" not in page
    history = client.get(f"/api/cases/{case['id']}/history").json()
    assert [d["action"] for d in history] == ["correct", "note"] and history[0]["reviewer"] == "amina"
    undone = client.post(f"/decisions/{history[0]['id']}/undo", data={"csrf": csrf, "back": f"/cases/{case['id']}"},
                         follow_redirects=False)  # fmt: skip
    assert undone.status_code == 303
    page = client.get(f"/cases/{case['id']}").text
    assert "corrected by amina" not in page and "undone" in page


def test_the_api_takes_the_same_decisions_and_only_admins_manage_users(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    client, tokens = site
    item = next(i for i in client.get("/api/review").json() if i["case_name"] == "Louise Christian")
    body = {"action": "reject", "ref": item["ref"], "reason": "not a detainee", "case": item["case"]}
    assert client.post("/api/decisions", json=body).status_code == 403  # no token
    assert (
        client.post("/api/decisions", json=body, headers={"authorization": "Bearer nope"}).status_code == 403
    )
    amina = {"authorization": f"Bearer {tokens['amina']}"}
    made = client.post("/api/decisions", json=body, headers=amina)
    assert made.status_code == 200 and made.json()["reviewer"] == "amina"
    assert [c["name"] for c in client.get("/api/cases").json()["cases"]] == ["Azamat Tursunov"]
    assert client.post("/api/users", json={"name": "eve"}, headers=amina).status_code == 403
    assert client.get("/api/users", headers=amina).status_code == 403
    root = {"authorization": f"Bearer {tokens['root']}"}
    added = client.post("/api/users", json={"name": "eve"}, headers=root).json()
    assert added["role"] == "reviewer" and len(added["token"]) >= 40
    assert (
        client.post(
            f"/api/decisions/{made.json()['id']}/undo",
            headers={"authorization": f"Bearer {added['token']}"},
        ).status_code
        == 200
    )
    assert len(client.get("/api/cases").json()["cases"]) == 2
    names = [u["name"] for u in client.get("/api/users", headers=root).json()]
    assert names == ["amina", "eve", "root"] and "token" not in client.get("/api/users", headers=root).text


def test_a_note_on_a_report_is_shown_on_its_page(site: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = site
    csrf = _sign_in(client, tokens["amina"])
    doc = client.get("/api/review").json()[0]["evidence"]["document"]
    assert "No note on this report" in client.get(f"/documents/{doc}").text
    r = client.post("/review/decide", data={"action": "note", "ref": f"doc:{doc}", "value": "Outlet retracted <i>this</i>",
                                            "csrf": csrf, "back": f"/documents/{doc}"}, follow_redirects=False)  # fmt: skip
    assert r.status_code == 303 and r.headers["location"].startswith(f"/documents/{doc}?done=")
    client.post(
        "/review/decide", data={"action": "tag", "ref": f"doc:{doc}", "value": "retracted", "csrf": csrf}
    )
    page = client.get(f"/documents/{doc}").text
    assert "Outlet retracted &lt;i&gt;this&lt;/i&gt;" in page and "amina" in page
    assert '<span class="tag">retracted</span>' in page
    field = client.post("/review/decide", data={"action": "field", "ref": f"doc:{doc}", "field": "charges",
                                                "value": "x", "csrf": csrf})  # fmt: skip
    assert field.status_code == 422 and "no case fields" in field.text


def test_a_reviewer_merges_through_the_api_under_their_own_name(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    client, tokens = site
    ids = {c["name"]: c["id"] for c in client.get("/api/cases").json()["cases"]}
    body = {"first": ids["Louise Christian"], "second": ids["Azamat Tursunov"]}
    assert client.post("/api/merge", json=body).status_code == 403  # no server --token, no user token
    done = client.post("/api/merge", json=body, headers={"authorization": f"Bearer {tokens['amina']}"})
    assert done.status_code == 200 and client.get("/api/cases").json()["total"] == 1
    merge = [d for d in client.get("/api/decisions").json() if d["action"] == "merge"]
    assert [d["reviewer"] for d in merge] == ["amina"]


def test_a_signed_in_reviewer_merges_from_the_case_page_with_the_form_token(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    client, tokens = site
    csrf = _sign_in(client, tokens["amina"])
    ids = {c["name"]: c["id"] for c in client.get("/api/cases").json()["cases"]}
    page = client.get(f"/cases/{ids['Louise Christian']}").text
    assert 'action="/cases/' in page and 'name="token"' not in page  # no server token to type
    url = f"/cases/{ids['Louise Christian']}/merge"
    forged = client.post(
        url, data={"other": ids["Azamat Tursunov"], "csrf": "0" * 64}, follow_redirects=False
    )
    assert forged.status_code == 403
    done = client.post(url, data={"other": ids["Azamat Tursunov"], "csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303 and "done=merged" in done.headers["location"]
    assert client.get("/api/cases").json()["total"] == 1


def test_rejected_facts_are_hidden_and_shown_on_request(site: tuple[TestClient, dict[str, str]]) -> None:
    client, tokens = site
    csrf = _sign_in(client, tokens["amina"])
    case = next(c for c in client.get("/api/cases").json()["cases"] if c["name"] == "Azamat Tursunov")
    claim = next(
        i for i in client.get("/api/review", params={"case": case["id"]}).json() if i["fact"] == "claim"
    )
    client.post("/review/decide", data={"action": "reject", "ref": claim["ref"], "reason": "not a claim",
                                        "csrf": csrf, "case": case["id"]})  # fmt: skip
    words = claim["label"].split(": ", 1)[1][:30]
    page = client.get(f"/cases/{case['id']}").text
    assert "Show the 1 rejected fact(s)" in page and "rejected by amina" not in page
    shown = client.get(f"/cases/{case['id']}", params={"rejected": "1"}).text
    assert "rejected by amina (not a claim" in shown
    claims = shown.split('id="claims"')[1].split('id="findings"')[0]
    assert (
        words not in claims and words in page.split('id="timeline"')[1]
    )  # out of the claims, the sentence stays
