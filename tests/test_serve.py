"""The case browser and its JSON API over a real store: same data in pages and API, escaping, read-only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casework.store.database import open_store
from casework.web.app import create_app
from conftest import copy_store

pytestmark = pytest.mark.slow
TOKEN = "correct-horse-battery"


@pytest.fixture
def client(case_store: Path) -> Iterator[TestClient]:
    store = open_store(str(case_store))
    with TestClient(create_app(store)) as c:
        yield c
    store.close()


@pytest.fixture
def writable(case_store: Path, tmp_path: Path) -> Iterator[TestClient]:
    store = open_store(copy_store(case_store, tmp_path))
    with TestClient(create_app(store, TOKEN)) as c:
        yield c
    store.close()


def _case_id(client: TestClient, name: str) -> str:
    found = client.get("/api/cases", params={"q": name}).json()["cases"]
    assert [c["name"] for c in found] == [name]
    return str(found[0]["id"])


def test_api_lists_filters_sorts_and_searches_cases(client: TestClient) -> None:
    everything = client.get("/api/cases").json()
    assert everything["total"] == 2 and len(everything["cases"]) == 2
    by_name = client.get("/api/cases", params={"sort": "name", "order": "asc"}).json()["cases"]
    assert [c["name"] for c in by_name] == ["Daniyar Osmonov", "Nurlan Abdykadyrov"]
    # the hostile report dates the arrest 4 May and 5 May: that finding of the report is on its case too
    with_findings = client.get("/api/cases", params={"findings": True, "sort": "name", "order": "asc"})
    assert [c["name"] for c in with_findings.json()["cases"]] == ["Daniyar Osmonov", "Nurlan Abdykadyrov"]
    assert client.get("/api/cases", params={"place": "tashkent"}).json()["total"] == 1
    assert client.get("/api/cases", params={"nationality": "Kyrgyz"}).json()["total"] == 1
    assert client.get("/api/cases", params={"since": "2024-01-01"}).json()["total"] == 1
    assert (
        client.get("/api/cases", params={"until": "2023-12-31", "since": "2023-01-01"}).json()["total"] == 1
    )
    # a word of the reports' text, not of any name, finds the case too
    assert [c["name"] for c in client.get("/api/cases", params={"q": "festival"}).json()["cases"]] == [
        "Daniyar Osmonov"
    ]
    assert client.get("/api/cases", params={"sort": "drop table"}).status_code == 422
    assert client.get("/api/cases", params={"since": "last week"}).status_code == 422


def test_api_case_marks_disputed_dates_and_links_evidence(client: TestClient) -> None:
    case = client.get(f"/api/cases/{_case_id(client, 'Daniyar Osmonov')}").json()
    assert case["schema"] == "casework.case/1"
    detentions = [e for e in case["timeline"] if e["type"] == "detention" and e["date"]]
    assert {e["date"] for e in detentions if e["disputed"]} == {"2023-03-09", "2023-03-10"}
    assert any(f["kind"] == "date_conflict" for f in case["findings"])
    ev = detentions[0]["evidence"]
    doc = client.get(f"/api/documents/{ev['document']}").json()
    start, end = ev["span"]
    assert doc["text"][start:end] == ev["text"]
    assert case["id"] in doc["cases"]
    assert client.get("/api/cases/P000").status_code == 404


def test_document_page_shows_near_duplicates_and_highlights(client: TestClient) -> None:
    docs = {d for c in [client.get(f"/api/cases/{_case_id(client, 'Daniyar Osmonov')}").json()] for d in
            [s["document"] for s in c["sources"]]}  # fmt: skip
    copies = [d for d in docs if client.get(f"/api/documents/{d}").json()["near_duplicates"]]
    assert copies, "the wire copy is a near-duplicate of one example report"
    page = client.get(f"/documents/{copies[0]}", params={"hl": "0-40"})
    assert page.status_code == 200
    html = page.text
    for kind in ("person", "place", "date", "event"):
        assert re.search(rf'<span class="[^"]*\b{kind}\b[^"]*" title=', html), kind
    assert 'id="evidence"' in html
    assert (
        "Near-duplicates" in html
        and client.get(f"/api/documents/{copies[0]}").json()["near_duplicates"][0] in html
    )


def test_pages_escape_report_text_and_forbid_scripts(client: TestClient) -> None:
    case_id = _case_id(client, "Nurlan Abdykadyrov")
    case = client.get(f"/cases/{case_id}")
    doc_id = client.get(f"/api/cases/{case_id}").json()["sources"][0]["document"]
    document = client.get(f"/documents/{doc_id}")
    listing = client.get("/", params={"q": "Abdykadyrov"})
    for response in (case, document, listing):
        assert response.status_code == 200
        assert "script-src" not in response.headers["content-security-policy"]  # no script is allowed
        assert "default-src 'none'" in response.headers["content-security-policy"]
        assert "<script" not in response.text
        assert 'onerror="' not in response.text and 'onmouseover="' not in response.text
        assert "<img" not in response.text and "<b " not in response.text
        assert 'href="javascript:' not in response.text
    assert "&lt;script&gt;window.__pwned=" in document.text
    assert "javascript:window.__pwned=&#39;url&#39;" in document.text  # shown as text, not as a link


def test_read_only_unless_started_with_a_token(client: TestClient, writable: TestClient) -> None:
    body = {"first": "P1", "second": "P2"}
    assert client.post("/api/merge", json=body).status_code == 403
    case_id = _case_id(client, "Daniyar Osmonov")
    assert 'action="/cases/' not in client.get(f"/cases/{case_id}").text  # no write form when read-only
    assert f'action="/cases/{case_id}/merge"' in writable.get(f"/cases/{case_id}").text
    form = {"other": "P1", "token": "wrong"}
    assert writable.post(f"/cases/{case_id}/merge", data=form).status_code == 403
    assert (
        writable.post("/api/merge", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403
    )
    assert writable.post("/api/merge", json=body).status_code == 403


def test_merge_and_split_with_the_token(writable: TestClient) -> None:
    first, second = _case_id(writable, "Daniyar Osmonov"), _case_id(writable, "Nurlan Abdykadyrov")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    done = writable.post("/api/merge", json={"first": first, "second": second}, headers=auth)
    assert done.status_code == 200, done.text
    assert writable.get("/api/cases").json()["total"] == 1
    merged = writable.get("/api/cases").json()["cases"][0]["id"]
    mention = next(m for m in _mentions(writable, merged) if "Abdykadyrov" in m[1])[0]
    page = writable.post(
        f"/cases/{merged}/split", data={"mention": mention, "token": TOKEN}, follow_redirects=False
    )
    assert page.status_code == 303
    assert writable.get("/api/cases").json()["total"] == 2
    back = writable.get(page.headers["location"])  # the case that kept the other mentions
    assert back.status_code == 200 and "Done: split" in back.text and "Daniyar Osmonov" in back.text
    again = writable.post(
        f"/cases/{_case_id(writable, 'Daniyar Osmonov')}/merge",
        data={"other": _case_id(writable, "Nurlan Abdykadyrov"), "token": TOKEN},
        follow_redirects=False,
    )
    assert again.status_code == 303 and writable.get("/api/cases").json()["total"] == 1
    assert "Done: merged" in writable.get(again.headers["location"]).text
    unknown = writable.post("/api/merge", json={"first": "Pnobody", "second": first}, headers=auth)
    assert unknown.status_code == 404 and "no person" in unknown.json()["detail"]  # unknown is 404 (issue 17)


def _mentions(client: TestClient, case_id: str) -> list[tuple[str, str]]:
    case = client.get(f"/api/cases/{case_id}").json()
    out = []
    for src in case["sources"]:
        doc = client.get(f"/api/documents/{src['document']}").json()
        out.extend((f"{doc['id']}:{e['id']}", e["name"]) for e in doc["entities"] if e["kind"] == "person")
    return out


def test_openapi_schema_describes_the_api(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/cases", "/api/cases/{case_id}", "/api/documents/{doc_id}", "/api/search", "/api/merge",
            "/api/split"} <= set(schema["paths"])  # fmt: skip
    assert "CaseOut" in schema["components"]["schemas"]
    assert not any(p.startswith("/cases") for p in schema["paths"])  # pages are not API


def test_unknown_pages_are_html_errors(client: TestClient) -> None:
    page = client.get("/cases/Pnope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "no case" in page.text


def test_case_page_shows_status_clock_sides_and_support(client: TestClient) -> None:
    case_id = _case_id(client, "Daniyar Osmonov")
    api = client.get(f"/api/cases/{case_id}").json()
    # the API carries what the page shows: the status with its dates, the clock's points, each side's speaker
    assert api["status_detail"]["label"] == "detained since at least 2023-03-09"
    assert api["consular_clock"]["knew"]["date"] == "2023-03-12"
    assert all(f["sides"] for f in api["findings"] if f["kind"] == "date_conflict")
    assert {e["support"] for e in api["timeline"]} >= {1, 2}
    page = client.get(f"/cases/{case_id}").text
    assert "detained since at least 2023-03-09" in page
    assert "Home state knew" in page and "2023-03-12" in page and "Home state acted" in page
    assert "1 source" in page and "2 sources" in page  # single-source facts told apart from corroborated ones
    assert 'class="said-by">Elmira Sadykova<' in page
