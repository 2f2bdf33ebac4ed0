"""Who is signed in, and the form token that proves a POST came from casework's own page.

The session cookie holds the user's token (HttpOnly, SameSite=Strict, the path of the whole site); the
store holds only its hash, so the cookie is checked as any token is. Every review form carries a token
derived from the session (an HMAC of a fixed label under the user's token): a page on another site can
make the browser send a POST, but cannot read casework's pages to learn that value, so its POST is
refused. A POST whose Origin header names another host is refused too, before anything else.
"""

from __future__ import annotations

import hashlib
import hmac
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request

COOKIE = "casework_session"
FORM_FIELD = "csrf"


def form_token(session_token: str) -> str:
    return hmac.new(session_token.encode(), b"casework form token v1", hashlib.sha256).hexdigest()


def form_token_ok(session_token: str | None, given: str | None) -> bool:
    if not session_token or not given:
        return False
    return hmac.compare_digest(form_token(session_token).encode(), given.encode())


def same_origin(request: Request) -> bool:
    """False when the browser says the POST comes from a page of another host. casework's pages send no
    referrer, so the browser sends their POSTs with `Origin: null`: only the form token can tell those
    apart, and it does."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return True
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def session_token(request: Request) -> str | None:
    return request.cookies.get(COOKIE) or None


@dataclass
class Viewer:
    """The signed-in user of this request, and the form token their pages carry."""

    name: str
    role: str
    csrf: str


# Set for each request by the app's middleware from the session cookie; read when a page is rendered,
# so every page can say who is signed in without each route passing it along.
VIEWER: ContextVar[Viewer | None] = ContextVar("casework_viewer", default=None)
