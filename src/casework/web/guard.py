"""What a request must pass before the app reads it: a Host it is served as, the token for a write,
and a body of bounded size.

A web page the user visits can point its own name at 127.0.0.1 (DNS rebinding) and read the
browser through the user's browser; only the names the server is meant to be reached by are
answered. A write is refused before its body is read, and no body is read past MAX_BODY.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 64 * 1024  # a merge or split is a few lines
LOOPBACK = ("127.0.0.1", "localhost", "::1")
WRITES = ("POST", "PUT", "PATCH", "DELETE")


def served_names(host: str, extra: Collection[str] = ()) -> frozenset[str]:
    """The Host names a server listening on HOST answers: loopback names, HOST, and EXTRA."""
    return frozenset(
        n.lower().strip("[]") for n in (*LOOPBACK, host, *extra) if n and n not in ("0.0.0.0", "::")
    )


def _host_name(value: str) -> str:
    """'example.org:8000' -> 'example.org'; '[::1]:8000' -> '::1'."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class RequestGuard:
    """ASGI middleware, outermost: refuses with the security headers before the app sees the request."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str | None,
        headers: dict[str, str],
        allowed_hosts: Collection[str] | None = None,
        reviewers: Callable[[], bool] | None = None,
        user_token: Callable[[str], bool] | None = None,
    ) -> None:
        self.app = app
        self.token = token
        # named users (review/users.py): whether the store has any, and whether a token is one of theirs
        self.reviewers = reviewers or (lambda: False)
        self.user_token = user_token or (lambda _given: False)
        self.headers = headers
        self.allowed = None if allowed_hosts is None else frozenset(h.lower() for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        path = str(scope.get("path", ""))
        if self.allowed is not None and _host_name(headers.get("host", "")) not in self.allowed:
            await self._refuse(send, path, 400, "this server is not served under that host name")
            return
        if scope.get("method") in WRITES:
            refusal = self._write_refusal(path, headers)
            if refusal is not None:
                await self._refuse(send, path, *refusal)
                return
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
                await self._refuse(send, path, 413, f"request body over {MAX_BODY} bytes")
                return
            replay = await self._capped(receive)
            if replay is None:
                await self._refuse(send, path, 413, f"request body over {MAX_BODY} bytes")
                return
            receive = replay
        await self.app(scope, receive, send)

    def _write_refusal(self, path: str, headers: dict[str, str]) -> tuple[int, str] | None:
        reviewing = self.reviewers()
        if self.token is None and not reviewing:
            return 403, "read-only: start `casework serve` with --token to allow merge and split"
        if path.startswith("/api/"):  # API writes carry the token in a header: checked before the body
            value = headers.get("authorization", "")
            given = value[7:].strip() if value.lower().startswith("bearer ") else ""
            server = self.token is not None and hmac.compare_digest(given.encode(), self.token.encode())
            if not given or not (server or (reviewing and self.user_token(given))):
                return 403, "wrong or missing token"
        return None

    async def _capped(self, receive: Receive) -> Receive | None:
        """Read the body up to MAX_BODY (a chunked body has no length to check first), then replay it."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > MAX_BODY:
                return None
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay

    async def _refuse(self, send: Send, path: str, status: int, message: str) -> None:
        if path.startswith("/api/"):
            body, ctype = json.dumps({"detail": message}).encode(), "application/json"
        else:
            body, ctype = message.encode(), "text/plain; charset=utf-8"
        head = [(b"content-type", ctype.encode()), (b"content-length", str(len(body)).encode())]
        head += [(k.lower().encode(), v.encode()) for k, v in self.headers.items()]
        await send({"type": "http.response.start", "status": status, "headers": head})
        await send({"type": "http.response.body", "body": body})
