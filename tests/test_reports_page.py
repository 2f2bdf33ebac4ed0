"""The reports page and the overview: every report reachable, filters and search, bars that link."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from casework.cli import cli
from casework.store.database import open_store
from casework.web.app import create_app
from casework.web.reports import snippet_pieces
from conftest import copy_store

pytestmark = pytest.mark.slow

# Written for this test: a short report in Russian, which casework stores but does not extract yet.
RUSSIAN = "Милиция задержала журналиста в Бишкеке в понедельник. Адвокат назвал задержание незаконным.\n"


@pytest.fixture(scope="module")
def client(case_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("reports")
    db = copy_store(case_store, folder)
    (folder / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--quiet", "--db", db, str(folder / "ru.txt")])
    assert result.exit_code == 0, result.output
    store = open_store(db, create=False)
    with TestClient(create_app(store)) as c:
        yield c
    store.close()


def _count(html: str) -> int:
    found = re.search(r'id="count">(\d+) report', html)
    assert found, html[:400]
    return int(found[1])


def _links(html: str) -> list[str]:
    return re.findall(r'<a class="report-link" href="/documents/(\w+)">', html)


def test_every_report_is_listed_including_those_that_feed_no_case(client: TestClient) -> None:
    every = client.get("/documents").text
    api = client.get("/api/search", params={"q": "Osmonov"}).json()
    assert _count(every) == len(_links(every)) >= 6
    skipped = client.get("/documents", params={"status": "skipped"}).text
    assert _count(skipped) == 1 and "language" in skipped
    russian = client.get("/documents", params={"language": "ru"}).text
    assert _links(russian) == _links(skipped)
    assert set(_links(client.get("/documents", params={"language": "en"}).text)) == set(_links(every)) - set(
        _links(skipped)
    )
    found = client.get("/documents", params={"q": "Osmonov"}).text
    assert {h["document_id"] for h in api} <= set(_links(found))  # what the CLI search finds, the page lists
    assert "<mark>Osmonov</mark>" in found
    assert _count(client.get("/documents", params={"q": "журналиста"}).text) == 1  # skipped ones too
    dated = client.get("/documents", params={"since": "2023-03-15", "until": "2023-03-15"}).text
    assert _count(dated) >= 1 and all(d in _links(every) for d in _links(dated))
    assert client.get("/documents", params={"since": "yesterday"}).status_code == 422


def test_search_snippets_are_escaped(client: TestClient) -> None:
    html = client.get("/documents", params={"q": "pwned"}).text
    assert _count(html) == 1
    snippet = html[html.index('class="snippet"') :].split("</p>", 1)[0]
    assert "<mark>" in snippet and "<script" not in snippet and "&lt;" in snippet
    assert snippet_pieces("a «b» c") == [("a ", False), ("b", True), (" c", False)]


def test_the_cases_page_leads_to_the_reports_with_its_words(client: TestClient) -> None:
    html = client.get("/", params={"q": "Osmonov"}).text
    assert 'href="/documents?q=Osmonov"' in html


def test_overview_bars_link_to_the_filtered_list(client: TestClient) -> None:
    html = client.get("/overview").text
    links = re.findall(r'<a class="bar" href="([^"]+)">', html)
    assert any(h.startswith("/?status=detained") for h in links)
    assert any(h.startswith("/?nationality=Kyrgyzstan") for h in links)
    assert any("since=2023-03-01&amp;until=2023-03-31" in h for h in links)
    for href in links:
        listed = client.get(href.replace("&amp;", "&")).text
        count = int(re.search(r'id="count">(\d+) case', listed)[1])  # type: ignore[index]
        bar = html[html.index(href) :].split("</a>", 1)[0]
        assert f">{count}</text>" in bar, (href, count)  # the bar says how many the list holds
    assert "<script" not in html
