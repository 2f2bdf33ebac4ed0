"""The case browser in a real browser (Playwright driving the OS's Chromium): list → case → document,
the timeline, claims and findings rendered, and a hostile report that runs nothing. Screenshots are
saved to build/screenshots/ for a person to look at."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from casework.store.database import open_store
from conftest import ROOT

pytestmark = pytest.mark.slow
SHOTS = ROOT / "build" / "screenshots"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    message = "no Chromium: install the OS package (`apt-get install chromium`); .ci/run does"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def server(case_store: Path) -> Iterator[str]:
    import uvicorn

    from casework.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = open_store(str(case_store))
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield b
        b.close()


def test_list_case_document_in_a_browser(server: str, browser: object) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/")
    expect(page.locator("#count")).to_contain_text("2 cases")
    # sort by person, then filter to open findings: the list is driven by links and a GET form
    page.get_by_role("link", name="Person").click()
    expect(page.locator("a.case-link").first).to_have_text("Daniyar Osmonov")
    page.get_by_label("open findings only").check()
    page.get_by_role("button", name="Filter").click()
    # both cases have findings (the hostile report dates its arrest two ways)
    expect(page.locator("#count")).to_contain_text("2 cases")
    assert "findings=" in page.url
    page.screenshot(path=str(SHOTS / "cases.png"), full_page=True)

    page.get_by_role("link", name="Daniyar Osmonov").click()
    expect(page.locator("h1")).to_have_text("Daniyar Osmonov")
    timeline = page.locator("svg.timeline")
    expect(timeline).to_be_visible()
    assert page.locator("svg.timeline a.mark").count() >= 3
    disputed = page.locator("svg.timeline a.mark.disputed")
    assert {disputed.nth(i).get_attribute("data-date") for i in range(disputed.count())} == {
        "2023-03-09",
        "2023-03-10",
    }
    expect(page.locator("#claims .speaker h3").first).to_be_visible()
    assert page.locator("#claims .flag", has_text="under duress").count() >= 1
    conflict = page.locator(".finding-date_conflict")
    expect(conflict).to_contain_text("dated differently")
    assert conflict.locator(".side").count() == 2  # each side's evidence, side by side
    # counted to the ministry's own word that it learned of the arrest three days after it
    expect(page.locator("#consular-clock .days")).to_have_text("3 days")
    expect(page.locator("#consular-clock")).to_contain_text("Home state knew")
    page.screenshot(path=str(SHOTS / "case.png"), full_page=True)

    # a timeline mark links to the sentence that states it
    mark = page.locator("svg.timeline a.mark.disputed").first
    mark.click()
    page.wait_for_url("**/documents/**")
    evidence = page.locator(".report-text .linked").first
    expect(evidence).to_be_visible()
    expect(page.locator(".report-text .person").first).to_be_visible()
    page.screenshot(path=str(SHOTS / "document.png"), full_page=True)
    assert errors == []
    page.close()


def test_hostile_report_runs_nothing(server: str, browser: object) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/?q=Abdykadyrov")
    page.get_by_role("link", name="Nurlan Abdykadyrov").click()
    expect(page.locator("h1")).to_have_text("Nurlan Abdykadyrov")
    pages = [page.url]
    page.locator("#sources a").first.click()
    page.wait_for_url("**/documents/**")
    pages.append(page.url)
    body = page.locator(".report-text")
    expect(body).to_contain_text("<script>window.__pwned='text'</script>")  # shown as text
    expect(page.locator("h1")).to_contain_text("<script>")
    for url in [*pages, server + "/?q=Abdykadyrov"]:
        page.goto(url)
        page.mouse.move(10, 10)
        for span in page.locator(".report-text span[title]").all()[:40]:
            span.hover(timeout=2000)  # would fire an onmouseover, had one survived
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert page.evaluate("document.querySelectorAll('script, img, iframe, object, embed').length") == 0
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
            ".filter(n => n.startsWith('on'))"
        )
        assert handlers == []
        assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\" i]').length") == 0
    assert dialogs == []
    page.screenshot(path=str(SHOTS / "hostile.png"), full_page=True)
    page.close()


NARROW = 390  # a phone's width in CSS pixels


def test_every_page_fits_a_phone_screen(server: str, browser: object, case_store: Path) -> None:
    """At 390 px no page scrolls sideways; the timeline keeps readable text and scrolls in its own box."""
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    page = browser.new_page(viewport={"width": NARROW, "height": 844})
    page.goto(server + "/documents?q=Osmonov")
    report = page.locator("a.report-link").first.get_attribute("href")
    case = page.goto(server + "/?q=Osmonov") and page.locator("a.case-link").first.get_attribute("href")
    assert report and case
    hostile = page.goto(server + "/?q=Abdykadyrov") and page.locator("a.case-link").first.get_attribute(
        "href"
    )
    widths = {}
    for path in ["/", "/?q=Osmonov", str(case), str(hostile), report, "/documents", "/documents?q=script",
                 "/overview", "/cases/Pnobody"]:  # fmt: skip
        page.goto(server + path)
        widths[path] = page.evaluate("document.documentElement.scrollWidth")
        if path == case:
            page.screenshot(path=str(SHOTS / "case-390.png"), full_page=True)
            # the drawing keeps its size: its text is as large as the page's small print
            size = page.evaluate(
                "(() => { const svg = document.querySelector('svg.timeline');"
                " const t = svg.querySelector('text.tick');"
                " return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width"
                " / svg.viewBox.baseVal.width; })()"
            )
            assert size >= 10, size
            box = page.evaluate("document.querySelector('.timeline-box').scrollWidth")
            assert box > NARROW  # it scrolls inside its box, not the page
    # the standalone HTML report, opened from a file as a colleague would
    from casework.case_files import load_cases
    from casework.export import write_export

    store = open_store(str(case_store), create=False)
    with store.read() as conn:
        cases = load_cases(conn)
    store.close()
    report = SHOTS / "report.html"
    write_export(cases, "html", report)
    page.goto(report.as_uri())
    widths["report.html"] = page.evaluate("document.documentElement.scrollWidth")
    assert all(w <= NARROW for w in widths.values()), widths
    page.close()


def test_reports_page_lists_every_report_and_escapes_snippets(server: str, browser: object) -> None:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    page = browser.new_page()
    page.goto(server + "/documents")
    total = page.locator("a.report-link").count()
    assert total >= 5  # the examples, the wire copy and the hostile report, whether or not they feed a case
    page.goto(server + "/documents?q=pwned")
    expect(page.locator("#count")).to_contain_text("1 report")
    expect(page.locator(".snippet mark").first).to_be_visible()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.querySelectorAll('script, img').length") == 0
    page.close()
