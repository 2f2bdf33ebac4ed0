"""Fetching from hostile servers and odd URLs, on 127.0.0.1 only: each ends in one line, in bounded time."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from casework.errors import InputRejected
from casework.ingest import web
from casework.ingest.sources import iter_sources
from casework.ingest.web import FetchPolicy, fetch

PAGE = b"<html><body><p>Police detained a teacher in Osh on Monday, his family said.</p></body></html>"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()

    def _route(self) -> None:
        targets = {
            "/to-data": "data:text/html,<p>x</p>",
            "/to-mailto": "mailto:someone@x.example",
            "/to-js": "javascript:alert(1)",
            "/to-about": "about:blank",
            "/to-bad": "http://[::1/",
        }
        if self.path in targets:
            self.send_response(302)
            self.send_header("Location", targets[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/drip":
            # Headers at once, then a byte at a time: each read is quick, the whole never ends.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(600):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        else:
            body = PAGE.replace(b"Osh", str(self.headers.get("Host")).encode())
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


OPEN = FetchPolicy(timeout=0.6, allow_private=True)


def test_a_server_dripping_bytes_is_cut_off_by_the_whole_fetch_deadline(server: str) -> None:
    # The server drips for 30 s; with a per-read timeout only, the fetch would succeed at the end.
    with pytest.raises(InputRejected, match=r"timed out after 0\.6 s"):
        fetch(f"{server}/drip", OPEN)


@pytest.mark.parametrize("path", ["/to-data", "/to-mailto", "/to-js", "/to-about", "/to-bad"])
def test_a_redirect_to_a_scheme_not_fetched_is_one_line(server: str, path: str) -> None:
    with pytest.raises(InputRejected) as exc:
        fetch(f"{server}{path}", OPEN)
    assert exc.value.name == f"{server}{path}"
    assert exc.value.reason.startswith(("only http and https", "malformed URL", "fetch failed"))


@pytest.mark.parametrize("url", ["http://[::1/", "http://x.example:99999/", "http://[zz::1]/"])
def test_a_malformed_url_argument_is_one_line(url: str) -> None:
    got = list(iter_sources([url]))
    assert len(got) == 1 and isinstance(got[0], InputRejected)
    assert got[0].reason.startswith("malformed URL")


@pytest.mark.parametrize(
    "host",
    ["[::127.0.0.1]", "[::ffff:127.0.0.1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::1]", "[2002:a00:1::1]"],
)
def test_loopback_and_private_hidden_inside_ipv6_are_refused(host: str) -> None:
    with pytest.raises(InputRejected, match="private or loopback"):
        fetch(f"http://{host}/", FetchPolicy(timeout=0.5))


def test_the_address_checked_is_the_address_connected_to(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DNS rebinding: the first answer passes the check, a later one points elsewhere.
    port = int(server.rsplit(":", 1)[1])
    answers = iter(["127.0.0.1"])
    real = socket.getaddrinfo

    def rebinding(host: str, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        if host == "rebind.test":
            address = next(answers, "127.0.0.2")  # nothing listens there
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(web, "_refused", lambda address: False)  # let the test's 127.0.0.1 pass as public
    raw = fetch(f"http://rebind.test:{port}/page", FetchPolicy(timeout=2))
    assert raw.url == f"http://rebind.test:{port}/page"
    assert f"rebind.test:{port}".encode() in raw.data  # the Host header kept the name
