"""Servers the watch tests start on 127.0.0.1 (an ephemeral port each): a feed that grows, a
webhook receiver, and a minimal SMTP server. Standard library only."""

from __future__ import annotations

import hashlib
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FeedItem:
    guid: str
    title: str
    text: str
    published: str = "Mon, 06 May 2024 10:00:00 GMT"


@dataclass
class Feed:
    items: list[FeedItem] = field(default_factory=list)
    requests: int = 0
    not_modified: int = 0
    fail: int = 0  # answer this many next requests with HTTP 503

    def xml(self) -> bytes:
        entries = "".join(
            f"<item><guid>{escape(i.guid)}</guid><title>{escape(i.title)}</title>"
            f"<link>https://news.example/{escape(i.guid)}</link><pubDate>{i.published}</pubDate>"
            f"<description>{escape(i.text)}</description></item>"
            for i in self.items
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test wire</title>'
            f"<link>https://news.example/</link><description>t</description>{entries}</channel></rss>"
        ).encode()


@dataclass
class Received:
    bodies: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    fail: int = 0  # answer this many next requests with HTTP 500


@contextmanager
def serve_http(state: Feed | Received) -> Iterator[str]:
    """A feed at /feed.xml (ETag, 304, failures on demand), or a webhook that records each POST."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            assert isinstance(state, Feed)
            state.requests += 1
            if state.fail:
                state.fail -= 1
                self.send_response(503)
                self.end_headers()
                return
            data = state.xml()
            tag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == tag:
                state.not_modified += 1
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            assert isinstance(state, Received)
            data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if state.fail:
                state.fail -= 1
                self.send_response(500)
                self.end_headers()
                return
            state.bodies.append(({k.lower(): v for k, v in self.headers.items()}, data))
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Mailbox:
    messages: list[Message] = field(default_factory=list)


@contextmanager
def serve_smtp(box: Mailbox) -> Iterator[int]:
    """Enough of SMTP for smtplib.send_message: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    class Handler(socketserver.StreamRequestHandler):
        def reply(self, line: str) -> None:
            self.wfile.write(line.encode() + b"\r\n")

        def handle(self) -> None:
            self.reply("220 localhost test SMTP")
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                verb = line.strip().split(b" ")[0].upper()
                if verb in (b"EHLO", b"HELO"):
                    self.reply("250 localhost")
                elif verb == b"DATA":
                    self.reply("354 end with <CRLF>.<CRLF>")
                    data = bytearray()
                    while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                        data.extend(chunk[1:] if chunk.startswith(b"..") else chunk)
                    box.messages.append(message_from_bytes(bytes(data)))
                    self.reply("250 queued")
                elif verb == b"QUIT":
                    self.reply("221 bye")
                    return
                else:
                    self.reply("250 ok")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
