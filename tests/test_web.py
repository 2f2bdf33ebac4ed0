"""URLs are fetched from a local server on 127.0.0.1 only: timeouts, caps, redirects, refusals."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from casework.errors import InputRejected
from casework.ingest.loader import load_document
from casework.ingest.sources import iter_sources
from casework.ingest.web import FetchPolicy, fetch
from reports import report

PAGE = (
    "<html><head><title>Teacher detained</title></head><body><article>"
    + "".join(f"<p>{p}</p>" for p in report(11).split("\n\n") if p.strip())
    + "</article></body></html>"
).encode()
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    b"<item><title>One</title><link>http://x.example/1</link><description>Police detained a student in Talas.</description></item>"
    b"</channel></rss>"
)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:  # keep test output clean
        pass

    def _send(
        self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            self._route()

    def _route(self) -> None:
        if self.path == "/page":
            self._send(200, PAGE)
        elif self.path == "/feed":
            self._send(200, FEED, "application/rss+xml")
        elif self.path == "/moved":
            self._send(302, b"", Location="/page")
        elif self.path == "/loop":
            self._send(302, b"", Location="/loop")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE)
        elif self.path == "/big":
            self._send(200, b"<p>" + b"x" * 5000 + b"</p>")
        else:
            self._send(404, b"<html>no</html>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


OPEN = FetchPolicy(timeout=0.5, allow_private=True)


def test_a_page_is_fetched_and_read_with_its_url(server: str) -> None:
    raw = fetch(f"{server}/moved", OPEN)
    assert raw.url == f"{server}/page" and raw.kind == "url"
    doc = load_document(raw)
    assert doc.source.url == f"{server}/page" and doc.title == "Teacher detained"


def test_a_fetched_feed_is_opened_into_its_items(server: str) -> None:
    items = list(iter_sources([f"{server}/feed"], OPEN))
    assert [getattr(i, "url", None) for i in items] == ["http://x.example/1"]


@pytest.mark.parametrize(
    ("path", "policy", "reason"),
    [
        ("/nothing", OPEN, "HTTP 404 Not Found"),
        ("/slow", OPEN, "timed out after 0.5 s"),
        ("/loop", OPEN, "more than 5 redirects"),
        ("/big", FetchPolicy(max_bytes=1000, allow_private=True), "too large (5007 bytes, limit 1000)"),
        ("/page", FetchPolicy(), "refused: 127.0.0.1 is a private or loopback address (use --allow-private)"),
    ],
)
def test_bad_urls_are_refused_with_the_reason(
    server: str, path: str, policy: FetchPolicy, reason: str
) -> None:
    with pytest.raises(InputRejected) as info:
        fetch(f"{server}{path}", policy)
    assert info.value.reason == reason and info.value.name == f"{server}{path}"


def test_only_http_and_https() -> None:
    items = list(iter_sources(["http://"], OPEN))
    assert isinstance(items[0], InputRejected) and items[0].reason == "URL has no host"
    with pytest.raises(InputRejected, match="only http and https"):
        fetch("file:///etc/passwd", OPEN)


def test_every_redirect_hop_is_checked(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from casework.ingest import web

    checked: list[str] = []
    real = web._check_target

    def spy(url: str, policy: FetchPolicy) -> None:
        checked.append(url)
        real(url, policy)

    monkeypatch.setattr(web, "_check_target", spy)
    fetch(f"{server}/moved", OPEN)
    assert checked == [f"{server}/moved", f"{server}/page"]
