"""What every router of the web app shares: the store, the server's token and the templates (one
`Site`, kept on `app.state` by create_app and handed to a route by `Depends(site)`), and the checks
and reads that pages and API both use."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from typing import Annotated, Any, cast
from urllib.parse import parse_qs

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment

from casework.case_files import SORTS, CaseFilter, CaseSummary, count_cases, list_cases, load_case
from casework.errors import NotFound
from casework.lookup import one_case
from casework.model import Case, Document
from casework.review.history import document_notes
from casework.review.users import has_users, user_of_token
from casework.store.database import Store
from casework.store.documents import load_document
from casework.web.reads import cases_of_document, document_info, near_duplicates
from casework.web.session import FORM_FIELD, VIEWER, form_token_ok, same_origin, session_token

PAGE_SIZE = 50
MAX_OFFSET = 10**9  # past any real store; a larger one overflowed the database's integer


@dataclass
class Site:
    """The web app over one store; merge and split are allowed only to requests carrying TOKEN."""

    store: Store
    token: str | None
    env: Environment

    def reviewing(self) -> bool:
        with self.store.read() as conn:
            return has_users(conn)

    def page(self, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        html = self.env.get_template(name).render(
            writable=self.token is not None, viewer=VIEWER.get(), reviewing=self.reviewing(),
            form_field=FORM_FIELD, **context,
        )  # fmt: skip
        return HTMLResponse(html, status_code=status)

    # --- who may write -----------------------------------------------------------------------------

    def allowed(self, given: str | None) -> None:
        if self.token is None:
            raise HTTPException(
                403, "read-only: start `casework serve` with --token to allow merge and split"
            )
        if not given or not hmac.compare_digest(given.encode(), self.token.encode()):
            raise HTTPException(403, "wrong or missing token")

    def form_writer(self, request: Request, data: dict[str, list[str]]) -> str | None:
        """Who a merge or split form comes from: a signed-in reviewer whose page gave the form its
        token, or (as before) anyone who types the server's --token. Returns the reviewer's name."""
        given = session_token(request)
        if given and first(data, FORM_FIELD) is not None:
            if not same_origin(request) or not form_token_ok(given, first(data, FORM_FIELD)):
                raise HTTPException(403, "refused: the form's token is missing or wrong (reload the page)")
            with self.store.read() as conn:
                user = user_of_token(conn, given)
            if user is None:
                raise HTTPException(403, "sign in with a reviewer token first (/login)")
            return user.name
        self.allowed(first(data, "token"))
        return None

    def api_writer(self, request: Request) -> str | None:
        """An API merge or split: the server's --token, or a reviewer's own token."""
        given = bearer(request)
        server = (
            given is not None
            and self.token is not None
            and hmac.compare_digest(given.encode(), self.token.encode())
        )
        if given and not server:
            with self.store.read() as conn:
                user = user_of_token(conn, given)
            if user is None:
                raise HTTPException(403, "wrong or missing token")
            return user.name
        self.allowed(given)
        return None

    # --- reads shared by pages and API -------------------------------------------------------------

    def case(self, case_id: str) -> Case:
        with self.store.read() as conn:
            case = load_case(conn, one_case(conn, case_id))  # an id, a prefix or any spelling of a name
        if case is None:
            raise NotFound(f"no case {case_id!r}")
        return case

    def document(self, doc_id: str) -> tuple[Document, dict[str, Any]]:
        with self.store.read() as conn:
            doc = load_document(conn, doc_id)
            info = document_info(conn, doc_id)
            if doc is None or info is None:
                raise HTTPException(404, f"no report {doc_id!r}")
            extra = {
                "info": info,
                "near_duplicates": near_duplicates(conn, doc_id, info.near_duplicate_of),
                "cases": cases_of_document(conn, doc_id),
                "notes": document_notes(conn, doc_id),
            }
        return doc, extra

    def case_list(
        self, where: CaseFilter, sort: str, order: str, offset: int
    ) -> tuple[int, list[CaseSummary]]:
        if sort not in SORTS:
            raise HTTPException(422, f"sort must be one of {', '.join(SORTS)}")
        if offset > MAX_OFFSET:
            raise HTTPException(400, f"offset must be at most {MAX_OFFSET}")
        with self.store.read() as conn:
            total = count_cases(conn, where)
            found = list_cases(
                conn, where, sort=sort, descending=order == "desc", limit=PAGE_SIZE, offset=offset
            )
        return total, found


def site(request: Request) -> Site:
    """The Site create_app kept on the app: what a route names to reach the store."""
    return cast(Site, request.app.state.site)


SiteDep = Annotated[Site, Depends(site)]


def bearer(request: Request) -> str | None:
    value = request.headers.get("authorization", "")
    return value[7:].strip() if value.lower().startswith("bearer ") else None


async def read_form(request: Request) -> dict[str, list[str]]:
    body = (await request.body())[:65536]  # a merge or split form is a few lines
    return parse_qs(body.decode("utf-8", "replace"))


def first(data: dict[str, list[str]], key: str) -> str | None:
    values = data.get(key)
    return values[0].strip() if values else None


def day(value: str | None) -> str | None:
    if value and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return value
    if value:
        raise HTTPException(422, f"{value[:40]!r} is not a date in YYYY-MM-DD form")
    return None
