"""Requests a hostile page or client can make to the case browser: refused early, with the security headers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casework.store.database import open_store
from casework.web.app import create_app
from casework.web.guard import MAX_BODY, served_names

pytestmark = pytest.mark.slow
TOKEN = "correct-horse-battery"
LOCAL = "http://127.0.0.1:8000"


def _client(db: Path, token: str | None = None) -> TestClient:
    app = create_app(open_store(str(db)), token, allowed_hosts=served_names("127.0.0.1"))
    return TestClient(app, base_url=LOCAL)


@pytest.fixture
def client(case_store: Path) -> Iterator[TestClient]:
    with _client(case_store) as c:
        yield c


def test_only_the_served_host_names_are_answered(client: TestClient) -> None:
    assert client.get("/api/cases").status_code == 200
    assert client.get("/api/cases", headers={"Host": "localhost:8000"}).status_code == 200
    rebound = client.get("/api/cases", headers={"Host": "attacker.example:8000"})
    assert rebound.status_code == 400 and "cases" not in rebound.text
    assert rebound.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert served_names("0.0.0.0", ["cases.lan"]) == {"127.0.0.1", "localhost", "::1", "cases.lan"}


def test_writes_are_refused_before_their_body_is_read(case_store: Path) -> None:
    read = _client(case_store).__enter__()
    # A read-only server: refused at once, whatever the size the client claims.
    big = {"Content-Length": str(400 * 1024 * 1024), "Content-Type": "application/json"}
    got = read.post("/api/merge", headers=big, content=b"{}")
    assert got.status_code == 403 and "read-only" in got.text
    writable = _client(case_store, TOKEN).__enter__()
    # no token: 403 before the JSON is parsed (a malformed body would otherwise give 422)
    assert writable.post("/api/merge", content=b"{not json").status_code == 403
    auth = {"Authorization": f"Bearer {TOKEN}"}
    too_big = writable.post("/api/merge", headers=auth, content=b"x" * (MAX_BODY + 1))
    assert too_big.status_code == 413 and too_big.headers["X-Frame-Options"] == "DENY"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
        for _ in range(MAX_BODY // 1024 + 2):
            yield b"x" * 1024

    assert writable.post("/api/merge", headers=auth, content=chunks()).status_code == 413


def test_a_huge_offset_is_a_400_with_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/cases"):
        got = client.get(path, params={"offset": "9223372036854775808"})
        assert got.status_code == 400, (path, got.status_code)
        assert got.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_percent_and_underscore_in_a_search_are_letters(client: TestClient) -> None:
    assert client.get("/api/cases", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/cases", params={"q": "_"}).json()["total"] == 0
    assert client.get("/api/cases", params={"place": "%"}).json()["total"] == 0


def test_the_report_page_shows_the_file_name_not_its_path(client: TestClient, case_store: Path) -> None:
    import sqlite3

    with sqlite3.connect(case_store) as conn:
        doc_id, path = conn.execute("select id, path from documents where path is not null").fetchone()
    page = client.get(f"/documents/{doc_id}").text
    assert f"<dd>{Path(path).name}</dd>" in page
    assert str(Path(path).parent) not in page
