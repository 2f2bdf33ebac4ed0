"""The review part of the web app: sign in with a token, the review queue, decisions and undo, notes and
fields, users (admins only) — as pages with forms and as the JSON API.

Forms and API call the same functions as the command line (review/decide.py): one flow, written once.
A form is accepted from a signed-in reviewer whose page gave it the form token (session.py); an API call
carries the user's token as `Authorization: Bearer`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from casework.case_files import load_case
from casework.errors import Forbidden, NotFound
from casework.lookup import one_case
from casework.review.decide import STATES, annotate, decide, undo
from casework.review.history import case_history, unattached
from casework.review.queue import review_queue
from casework.review.record import CASE_FIELDS, CORRECTABLE, REJECT_REASONS, Decision, all_decisions
from casework.review.users import User, add_user, list_users, user_of_token
from casework.store.database import Store
from casework.web.review_schemas import DecisionIn, UserIn
from casework.web.session import COOKIE, FORM_FIELD, form_token_ok, same_origin, session_token
from casework.web.site import Site, SiteDep, bearer, first, read_form

router = APIRouter()
DONE = ("confirmed", "rejected", "corrected", "noted", "undone", "signed in")
QUEUE_PAGE = 100


def review_context() -> dict[str, Any]:
    """What the review forms offer, for the templates."""
    return {
        "reasons": REJECT_REASONS,
        "correctable": CORRECTABLE,
        "case_fields": CASE_FIELDS,
        "states": STATES,
    }


def _given(data: dict[str, list[str]], key: str) -> str | None:
    # a field left blank is one not given here (site.first keeps it as "")
    return first(data, key) or None


def _local(path: str | None, fallback: str) -> str:
    """A redirect target on this site only: never //elsewhere or a full URL from a form."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return fallback


def _signed_in(site: Site, token: str | None) -> User | None:
    with site.store.read() as conn:
        return user_of_token(conn, token)


def _form_reviewer(site: Site, request: Request, data: dict[str, list[str]]) -> User:
    if not same_origin(request):
        raise HTTPException(403, "refused: the form was sent from another site")
    token = session_token(request)
    user = _signed_in(site, token)
    if user is None:
        raise HTTPException(403, "sign in with a reviewer token first (/login)")
    if not form_token_ok(token, _given(data, FORM_FIELD)):
        raise HTTPException(403, "refused: the form's token is missing or wrong (reload the page)")
    return user


def _api_user(site: Site, request: Request, role: str = "reviewer") -> User:
    user = _signed_in(site, bearer(request))
    if user is None:
        raise HTTPException(403, "wrong or missing token")
    if not user.can(role):
        raise Forbidden(f"{user.name} is a {user.role}: this needs the {role} role")
    return user


def _carry_out(store: Store, user: User, data: DecisionIn) -> Decision:
    """The one place the pages and the API turn a request into a decision."""
    if data.action in ("note", "tag", "field"):
        return annotate(
            store, user.name, data.action, data.case or data.ref, data.value or "", field=data.field
        )
    value: Any = {"state": data.value, "since": data.since} if data.field == "status" else data.value
    return decide(
        store, user.name, data.action, data.ref, field=data.field, value=value, reason=data.reason,
        note=data.note, case=data.case,
    )  # fmt: skip


def _back(site: Site, target: str | None, done: str, case_id: str | None = None) -> Response:
    where = _local(target, "/review")
    if where.startswith("/cases/") and case_id is not None:
        with site.store.read() as conn:
            if load_case(conn, case_id) is None:  # the decision took the case away: to the queue
                where = "/review"
    sep = "&" if "?" in where else "?"
    return RedirectResponse(f"{where}{sep}{urlencode({'done': done})}", status_code=303)


# --- signing in -----------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(site: SiteDep) -> HTMLResponse:
    return site.page("login.html", {})


@router.post("/login", include_in_schema=False)
async def login(site: SiteDep, request: Request) -> Response:
    if not same_origin(request):
        raise HTTPException(403, "refused: the form was sent from another site")
    data = await read_form(request)
    token = _given(data, "token")
    user = await run_in_threadpool(_signed_in, site, token)
    if user is None or token is None:
        return site.page("login.html", {"message": "No user has that token."}, status=403)
    response = RedirectResponse("/review?" + urlencode({"done": "signed in"}), status_code=303)
    response.set_cookie(
        COOKIE, token, httponly=True, samesite="strict", path="/", secure=request.url.scheme == "https"
    )
    return response


@router.post("/logout", include_in_schema=False)
async def logout(site: SiteDep, request: Request) -> Response:
    data = await read_form(request)
    _form_reviewer(site, request, data)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


# --- the queue and decisions ----------------------------------------------------------------------


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def queue_page(site: SiteDep, case: str = "", done: str = "") -> HTMLResponse:
    with site.store.read() as conn:
        case_id = one_case(conn, case) if case else None
        items = review_queue(conn, case=case_id, limit=QUEUE_PAGE)
        lost = unattached(conn)
    return site.page(
        "review.html",
        {"items": items, "unattached": lost, "case": case_id, "done": done if done in DONE else "",
         **review_context()},
    )  # fmt: skip


@router.post("/review/decide", include_in_schema=False)
async def decide_form(site: SiteDep, request: Request) -> Response:
    data = await read_form(request)
    user = _form_reviewer(site, request, data)
    try:
        given = {k: _given(data, k) for k in DecisionIn.model_fields}
        asked = DecisionIn.model_validate({k: v for k, v in given.items() if v is not None})
    except ValueError as exc:
        raise HTTPException(422, f"the form is incomplete: {str(exc).splitlines()[0]}") from None
    decision = await run_in_threadpool(_carry_out, site.store, user, asked)
    done = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}.get(asked.action, "noted")
    return _back(site, _given(data, "back"), done, asked.case or decision.case_id)


@router.post("/decisions/{decision_id}/undo", include_in_schema=False)
async def undo_form(site: SiteDep, decision_id: int, request: Request) -> Response:
    data = await read_form(request)
    user = _form_reviewer(site, request, data)
    decision = await run_in_threadpool(undo, site.store, user.name, decision_id)
    return _back(site, _given(data, "back"), "undone", decision.case_id)


# --- API ------------------------------------------------------------------------------------------


@router.get("/api/review", tags=["review"])
def api_queue(
    site: SiteDep, case: str | None = None, limit: int = Query(100, ge=1, le=1000)
) -> list[dict[str, Any]]:
    """The review queue: unreviewed facts of open cases, most consequential first."""
    with site.store.read() as conn:
        return [
            i.to_json() for i in review_queue(conn, case=one_case(conn, case) if case else None, limit=limit)
        ]


@router.get("/api/cases/{case_id}/history", tags=["review"])
def api_history(site: SiteDep, case_id: str) -> list[dict[str, Any]]:
    """Every decision on the case and its facts, oldest first."""
    with site.store.read() as conn:
        found = load_case(conn, one_case(conn, case_id))
        if found is None:
            raise NotFound(f"no case {case_id!r}")
        return [d.to_json() for d in case_history(conn, found)]


@router.get("/api/decisions", tags=["review"])
def api_decisions(
    site: SiteDep, unattached_only: bool = Query(False, alias="unattached")
) -> list[dict[str, Any]]:
    """Every decision; with unattached=true those no fact stands on any more."""
    with site.store.read() as conn:
        return [d.to_json() for d in (unattached(conn) if unattached_only else all_decisions(conn))]


@router.post("/api/decisions", tags=["review"])
def api_decide(site: SiteDep, body: DecisionIn, request: Request) -> dict[str, Any]:
    """Confirm, reject or correct a fact, or note, tag or fill a field of a case (a reviewer's token)."""
    return _carry_out(site.store, _api_user(site, request), body).to_json()


@router.post("/api/decisions/{decision_id}/undo", tags=["review"])
def api_undo(site: SiteDep, decision_id: int, request: Request) -> dict[str, Any]:
    return undo(site.store, _api_user(site, request).name, decision_id).to_json()


@router.get("/api/users", tags=["users"])
def api_users(site: SiteDep, request: Request) -> list[dict[str, str]]:
    _api_user(site, request, "admin")
    with site.store.read() as conn:
        return [{"name": u.name, "role": u.role, "created_at": u.created_at} for u in list_users(conn)]


@router.post("/api/users", tags=["users"])
def api_add_user(site: SiteDep, body: UserIn, request: Request) -> dict[str, str]:
    """Add a user (an admin's token); the answer holds their token, the only time it is shown."""
    _api_user(site, request, "admin")
    return {"name": body.name, "role": body.role, "token": add_user(site.store, body.name, body.role)}


def history_of(store: Store, case_id: str) -> list[Decision]:
    with store.read() as conn:
        found = load_case(conn, case_id)
        return case_history(conn, found) if found is not None else []
