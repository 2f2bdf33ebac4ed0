"""`casework serve`: the case browser and its JSON API, read-only unless started with a token.

Pages and API read the same functions (cases.py, store/), so they show the same
data. Report text is untrusted: Jinja2 escapes every value, links to report URLs
are kept only for http(s), and a Content-Security-Policy allows no script at all.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Awaitable, Callable, Collection
from dataclasses import asdict
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from casework import __version__
from casework.cases import SORTS, CaseFilter, count_cases, list_cases, load_case
from casework.citations import cited_in, report_refs
from casework.edits import merge_people, split_person
from casework.errors import Ambiguous, CaseworkError, NotFound
from casework.lookup import one_case
from casework.model import Case, Document, Evidence
from casework.review.history import document_notes
from casework.review.users import has_users, user_of_token
from casework.store.database import Store
from casework.store.documents import load_document
from casework.store.people import mention_labels, mentions_of_person, person_of_mention
from casework.store.search import Hit, search
from casework.web import schemas
from casework.web.alerts_feed import alerts_atom
from casework.web.guard import RequestGuard
from casework.web.highlight import pieces
from casework.web.overview import overview
from casework.web.reads import cases_of_document, document_info, near_duplicates
from casework.web.reports import ReportFilter, list_reports, report_facets
from casework.web.review_pages import DONE as REVIEW_DONE
from casework.web.review_pages import add_review_routes, history_of, review_context
from casework.web.session import (
    FORM_FIELD,
    VIEWER,
    Viewer,
    form_token,
    form_token_ok,
    same_origin,
    session_token,
)
from casework.web.templating import templates
from casework.web.timeline import disputed_evidence, layout

PAGE_SIZE = 50
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
_SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")
DONE = ("merged", "split", *REVIEW_DONE)  # what a case page may say it just did


def evidence_href(ev: Evidence) -> str:
    return f"/documents/{ev.document_id}?hl={ev.span[0]}-{ev.span[1]}#evidence"


def case_json(case: Case) -> dict[str, Any]:
    """The case/1 file plus what the page shows: which dates are disputed."""
    out = case.to_json()
    disputed = disputed_evidence(case)
    for event, ev in zip(out["timeline"], case.timeline, strict=True):
        event["disputed"] = (ev.evidence.document_id, ev.evidence.span) in disputed
    return out


SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
MAX_OFFSET = 10**9  # past any real store; a larger one overflowed the database's integer


def create_app(
    store: Store, token: str | None = None, *, allowed_hosts: Collection[str] | None = None
) -> FastAPI:
    """The web app over STORE; merge and split are allowed only to requests carrying TOKEN.

    With `allowed_hosts`, a request whose Host header names another host is refused (`casework serve`
    passes the loopback names and its --host; see web/guard.py)."""
    app = FastAPI(
        title="casework",
        version=__version__,
        description="Case files about detained people, every fact linked to the sentence that states it.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the hosted API explorers load scripts from elsewhere; the schema is enough
        redoc_url=None,
    )
    env = templates()
    static = Path(str(files("casework.web") / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    def reviewing() -> bool:
        with store.read() as conn:
            return has_users(conn)

    def user_token(given: str) -> bool:
        with store.read() as conn:
            return user_of_token(conn, given) is not None

    @app.middleware("http")
    async def viewer(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # who is signed in (the session cookie), for every page this request renders
        given = session_token(request)
        user = await run_in_threadpool(_user_of, given) if given else None
        VIEWER.set(Viewer(user.name, user.role, form_token(given)) if user and given else None)
        return await call_next(request)

    def _user_of(given: str) -> Any:
        with store.read() as conn:
            return user_of_token(conn, given)

    app.add_middleware(
        RequestGuard,
        token=token,
        headers=SECURITY_HEADERS,
        allowed_hosts=allowed_hosts,
        reviewers=reviewing,
        user_token=user_token,
    )

    @app.exception_handler(CaseworkError)
    async def casework_error(request: Request, exc: CaseworkError) -> Response:
        # the status comes with the error's class (errors.py): an unknown case is 404, a bad request 422
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=exc.http_status)
        choices = exc.choices if isinstance(exc, Ambiguous) and request.url.path.startswith("/cases/") else []
        return page("error.html", {"message": str(exc), "choices": choices}, status=exc.http_status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)
        return page("error.html", {"message": str(exc.detail)}, status=exc.status_code)

    def page(name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        html = env.get_template(name).render(
            writable=token is not None, viewer=VIEWER.get(), reviewing=reviewing(), form_field=FORM_FIELD,
            **context,
        )  # fmt: skip
        return HTMLResponse(html, status_code=status)

    def allowed(given: str | None) -> None:
        if token is None:
            raise HTTPException(
                403, "read-only: start `casework serve` with --token to allow merge and split"
            )
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(403, "wrong or missing token")

    def form_writer(request: Request, data: dict[str, list[str]]) -> str | None:
        """Who a merge or split form comes from: a signed-in reviewer whose page gave the form its
        token, or (as before) anyone who types the server's --token. Returns the reviewer's name."""
        given = session_token(request)
        if given and _first(data, FORM_FIELD) is not None:
            if not same_origin(request) or not form_token_ok(given, _first(data, FORM_FIELD)):
                raise HTTPException(403, "refused: the form's token is missing or wrong (reload the page)")
            with store.read() as conn:
                user = user_of_token(conn, given)
            if user is None:
                raise HTTPException(403, "sign in with a reviewer token first (/login)")
            return user.name
        allowed(_first(data, "token"))
        return None

    def api_writer(request: Request) -> str | None:
        """An API merge or split: the server's --token, or a reviewer's own token."""
        given = bearer(request)
        server = (
            given is not None and token is not None and hmac.compare_digest(given.encode(), token.encode())
        )
        if given and not server:
            with store.read() as conn:
                user = user_of_token(conn, given)
            if user is None:
                raise HTTPException(403, "wrong or missing token")
            return user.name
        allowed(given)
        return None

    def bearer(request: Request) -> str | None:
        value = request.headers.get("authorization", "")
        return value[7:].strip() if value.lower().startswith("bearer ") else None

    async def form(request: Request) -> dict[str, list[str]]:
        body = (await request.body())[:65536]  # a merge or split form is a few lines
        return parse_qs(body.decode("utf-8", "replace"))

    # --- reads shared by pages and API ---------------------------------------------------------

    def the_case(case_id: str) -> Case:
        with store.read() as conn:
            case = load_case(conn, one_case(conn, case_id))  # an id, a prefix or any spelling of a name
        if case is None:
            raise NotFound(f"no case {case_id!r}")
        return case

    def the_document(doc_id: str) -> tuple[Document, dict[str, Any]]:
        with store.read() as conn:
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

    def case_list(where: CaseFilter, sort: str, order: str, offset: int) -> tuple[int, list[Any]]:
        if sort not in SORTS:
            raise HTTPException(422, f"sort must be one of {', '.join(SORTS)}")
        if offset > MAX_OFFSET:
            raise HTTPException(400, f"offset must be at most {MAX_OFFSET}")
        with store.read() as conn:
            total = count_cases(conn, where)
            found = list_cases(
                conn, where, sort=sort, descending=order == "desc", limit=PAGE_SIZE, offset=offset
            )
        return total, found

    # --- pages ----------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def cases_page(
        q: str = "", status: str = "", nationality: str = "", place: str = "", since: str = "",
        until: str = "", findings: str = "", sort: str = "since", order: str = "desc", offset: int = 0,
    ) -> HTMLResponse:  # fmt: skip
        where = CaseFilter(
            status=status or None, country=nationality or None, place=place or None,
            since=_day(since), until=_day(until), with_findings=bool(findings), query=q or None,
        )  # fmt: skip
        offset = max(0, offset)
        total, found = case_list(where, sort, order, offset)
        params = {k: v for k, v in {"q": q, "status": status, "nationality": nationality, "place": place,
                  "since": since, "until": until, "findings": findings}.items() if v}  # fmt: skip

        def sort_link(column: str) -> str:
            if sort == column:  # a second click turns the order round
                turn = "asc" if order == "desc" else "desc"
            else:  # names read A to Z first; dates and counts newest and largest first
                turn = "asc" if column in ("name", "status", "place", "nationality") else "desc"
            return "?" + urlencode({**params, "sort": column, "order": turn})

        def page_link(at: int) -> str:
            return "?" + urlencode({**params, "sort": sort, "order": order, "offset": at})

        return page(
            "cases.html",
            {"cases": found, "total": total, "offset": offset, "size": PAGE_SIZE, "f": params,
             "sort": sort, "order": order, "sort_link": sort_link, "page_link": page_link},
        )  # fmt: skip

    @app.get("/cases/{case_id}", response_class=HTMLResponse, include_in_schema=False)
    def case_page(case_id: str, done: str = "", rejected: str = "") -> HTMLResponse:
        case = the_case(case_id)
        with store.read() as conn:
            mentions = mention_labels(conn, case.id)
            refs = report_refs(conn, cited_in([case]))  # quotations cited by outlet and date
        return page(
            "case.html",
            {"case": case, "timeline": layout(case, evidence_href), "refs": refs,
             "href": evidence_href, "mentions": mentions, "done": done if done in DONE else "",
             "history": history_of(store, case.id), "show_rejected": bool(rejected), **review_context()},
        )  # fmt: skip

    @app.get("/overview", response_class=HTMLResponse, include_in_schema=False)
    def overview_page() -> HTMLResponse:
        with store.read() as conn:
            charts = overview(conn)
            total = count_cases(conn)
        return page("overview.html", {"charts": charts, "total": total})

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def reports_page(
        q: str = "", site: str = "", language: str = "", status: str = "", since: str = "",
        until: str = "", offset: int = 0,
    ) -> HTMLResponse:  # fmt: skip
        where = ReportFilter(q[:500] or None, site or None, language or None, status or None,
                             _day(since), _day(until))  # fmt: skip
        offset = max(0, offset)
        with store.read() as conn:
            total, found = list_reports(conn, where, limit=PAGE_SIZE, offset=offset)
            facets = report_facets(conn)
        params = {k: v for k, v in {"q": q, "site": site, "language": language, "status": status,
                  "since": since, "until": until}.items() if v}  # fmt: skip
        return page(
            "reports.html",
            {"reports": found, "total": total, "offset": offset, "size": PAGE_SIZE, "f": params,
             "facets": facets, "page_link": lambda at: "?" + urlencode({**params, "offset": at})},
        )  # fmt: skip

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: str, hl: str = "") -> HTMLResponse:
        doc, extra = the_document(doc_id)
        m = _SPAN.match(hl)
        span = (int(m[1]), int(m[2])) if m else None
        names = {e.id: e.name for e in doc.entities}
        # the file's name only: the absolute path at ingest says where the user keeps things
        file_name = Path(doc.source.path).name if doc.source.path else None
        return page(
            "document.html",
            {"doc": doc, "pieces": pieces(doc, span), "names": names, "file_name": file_name, **extra},
        )

    @app.post("/cases/{case_id}/merge", include_in_schema=False)
    async def merge_form(case_id: str, request: Request) -> Response:
        data = await form(request)
        reviewer = form_writer(request, data)
        other = _first(data, "other")
        if not other:
            raise HTTPException(422, "say which person or mention to merge with")
        with store.read() as conn:
            own = mentions_of_person(conn, case_id)
        # re-resolving may take a while
        await run_in_threadpool(lambda: merge_people(store, case_id, other, reviewer=reviewer))
        return _back_to(own[0] if own else None, "merged")

    @app.post("/cases/{case_id}/split", include_in_schema=False)
    async def split_form(case_id: str, request: Request) -> Response:
        data = await form(request)
        reviewer = form_writer(request, data)
        mentions = data.get("mention", [])
        if not mentions:
            raise HTTPException(422, "tick the mentions to split off")
        with store.read() as conn:
            kept = [m for m in mentions_of_person(conn, case_id) if m not in mentions]
        await run_in_threadpool(lambda: split_person(store, case_id, mentions, reviewer=reviewer))
        return _back_to(kept[0] if kept else None, "split")

    def _back_to(mention: str | None, done: str) -> Response:
        """To the case that holds MENTION now (resolving again may give the person another id)."""
        with store.read() as conn:
            person = person_of_mention(conn, mention) if mention else None
        where = f"/cases/{person}?done={done}" if person else "/"
        return RedirectResponse(where, status_code=303)

    add_review_routes(app, store, page, form)

    # --- API ------------------------------------------------------------------------------------

    @app.get("/alerts.atom", include_in_schema=False)
    def alerts_feed(request: Request) -> Response:
        with store.read() as conn:
            data = alerts_atom(conn, str(request.base_url))
        return Response(data, media_type="application/atom+xml")

    @app.get("/api/cases", response_model=schemas.CaseListOut, tags=["cases"])
    def api_cases(
        q: str | None = Query(None, description="words in a name (any spelling) or in the reports"),
        status: str | None = None,
        nationality: str | None = None,
        place: str | None = None,
        since: str | None = Query(None, description="YYYY-MM-DD: status dates from this day on"),
        until: str | None = Query(None, description="YYYY-MM-DD: status dates up to this day"),
        findings: bool = Query(False, description="only cases with open findings"),
        sort: str = Query("since", description=", ".join(SORTS)),
        order: str = Query("desc", pattern="^(asc|desc)$"),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        where = CaseFilter(status, nationality, place, _day(since), _day(until), findings, q)
        total, found = case_list(where, sort, order, offset)
        return {"total": total, "offset": offset, "limit": PAGE_SIZE, "cases": [asdict(c) for c in found]}

    @app.get("/api/cases/{case_id}", response_model=schemas.CaseOut, tags=["cases"])
    def api_case(case_id: str) -> dict[str, Any]:
        return case_json(the_case(case_id))

    @app.get("/api/documents/{doc_id}", response_model=schemas.DocumentOut, tags=["documents"])
    def api_document(doc_id: str) -> dict[str, Any]:
        doc, extra = the_document(doc_id)
        return {
            **doc.to_json(),
            "near_duplicates": extra["near_duplicates"],
            "cases": [case_id for case_id, _ in extra["cases"]],
        }  # reviewers' notes on the report: GET /api/decisions

    @app.get("/api/search", response_model=list[Hit], tags=["documents"])
    def api_search(
        q: str = Query(..., min_length=1, max_length=500), limit: int = Query(20, ge=1, le=200)
    ) -> Any:
        with store.read() as conn:
            return [asdict(h) for h in search(conn, q, limit=limit)]

    @app.post("/api/merge", response_model=schemas.Done, tags=["judgements"])
    def api_merge(body: schemas.MergeIn, request: Request) -> dict[str, Any]:
        merge_people(store, body.first, body.second, reviewer=api_writer(request))
        return {"ok": True, "message": f"{body.first} and {body.second} are now one person"}

    @app.post("/api/split", response_model=schemas.Done, tags=["judgements"])
    def api_split(body: schemas.SplitIn, request: Request) -> dict[str, Any]:
        split_person(store, body.person, body.mentions, reviewer=api_writer(request))
        return {"ok": True, "message": f"{len(body.mentions)} mention(s) split from {body.person}"}

    return app


def _first(data: dict[str, list[str]], key: str) -> str | None:
    values = data.get(key)
    return values[0].strip() if values else None


def _day(value: str | None) -> str | None:
    if value and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return value
    if value:
        raise HTTPException(422, f"{value[:40]!r} is not a date in YYYY-MM-DD form")
    return None
