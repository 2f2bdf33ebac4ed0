"""The review loop in Chromium: sign in with a reviewer token, confirm, correct and reject from the queue,
see the case change and its history, undo; a POST from another site, or without the form's token, is
refused. Screenshots go to build/screenshots/."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import cli
from casework.review.users import add_user
from casework.store.database import open_store
from test_browser import SHOTS, _chromium
from test_review import REPORT_A, REPORT_B

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, str]]:
    import uvicorn

    from casework.web.app import create_app

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (src / "b.txt").write_text(REPORT_B, encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert CliRunner().invoke(cli, ["ingest", "--quiet", "--db", db, str(src)]).exit_code == 0
    store = open_store(db)
    token = add_user(store, "amina", "reviewer")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", token
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


def test_a_reviewer_walks_the_queue_in_a_browser(site: tuple[str, str]) -> None:
    from playwright.sync_api import expect, sync_playwright

    server, token = site
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        page.goto(server + "/review")
        expect(page.locator(".queue-item").first).to_be_visible()
        assert page.get_by_role("button", name="Confirm").count() == 0  # read-only until signed in
        page.get_by_role("link", name="Sign in").first.click()
        page.get_by_label("Token").fill(token)
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("header")).to_contain_text("signed in as amina (reviewer)")
        expect(page.locator(".done")).to_contain_text("signed in")

        # confirm the first (most consequential) fact
        first = page.locator(".queue-item").first
        confirmed_ref = first.locator(".meta").first.inner_text()
        first.get_by_role("button", name="Confirm").click()
        expect(page.locator(".done")).to_contain_text("confirmed")
        expect(page.locator(".queue")).not_to_contain_text(confirmed_ref)

        # correct the date of the detention the brother reports
        item = page.locator(".queue-item.fact-event", has_text="his brother said").first
        item.locator("select[name=field]").select_option("date")
        item.get_by_label("Correct value").fill("2024-03-01")
        item.get_by_role("button", name="Correct").click()
        expect(page.locator(".done")).to_contain_text("corrected")

        # reject the lawyer's "detention": she is not a detainee
        item = page.locator(".queue-item.fact-event", has_text="Louise Christian").first
        item.locator("select[name=reason]").select_option("not a detainee")
        item.get_by_role("button", name="Reject").click()
        expect(page.locator(".done")).to_contain_text("rejected")
        page.screenshot(path=str(SHOTS / "review-queue.png"), full_page=True)

        # the cases changed: her case is gone, his consular clock counts from the corrected day
        page.goto(server + "/")
        expect(page.locator("#count")).to_contain_text("1 case")
        expect(page.locator("main")).not_to_contain_text("Louise Christian")
        page.get_by_role("link", name="Azamat Tursunov").click()
        expect(page.locator("#consular-clock .days")).to_have_text("6 days")
        expect(page.locator("#timeline")).to_contain_text("corrected by amina · date was 2024-03-04")
        history = page.locator("#history li")
        expect(history.filter(has_text="correct event detention date")).to_have_count(1)
        page.screenshot(path=str(SHOTS / "review-case.png"), full_page=True)

        # undo the correction from the history: the clock is back to 3 days
        history.filter(has_text="correct event detention date").get_by_role("button", name="Undo").click()
        expect(page.locator(".done")).to_contain_text("undone")
        expect(page.locator("#consular-clock .days")).to_have_text("3 days")
        expect(page.locator("#history .undone")).to_contain_text("correct event detention date")

        # a POST without the form's token, sent with the reviewer's own cookie, is refused ...
        ref = page.locator("#review .queue-item .meta").first.inner_text()
        forged = page.context.request.post(server + "/review/decide", form={"action": "reject", "ref": ref})
        assert forged.status == 403 and "token is missing or wrong" in forged.text()
        # ... and so is a form on another site that posts to casework
        page.route(
            "http://elsewhere.test/",
            lambda route: route.fulfill(
                content_type="text/html",
                body=f'<form method="post" action="{server}/review/decide"><input name="action" value="reject">'
                f'<input name="ref" value="{ref}"><button>Win a prize</button></form>',
            ),
        )
        page.goto("http://elsewhere.test/")
        with page.expect_response(lambda r: r.url.endswith("/review/decide")) as answer:
            page.get_by_role("button", name="Win a prize").click()
        assert answer.value.status == 403
        page.goto(server + "/review")
        expect(page.locator(".queue")).to_contain_text(ref)  # nothing was decided
        assert errors == []
        browser.close()
