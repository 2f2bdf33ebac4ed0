"""The case list, a case file and the overview: as pages (`pages`) and as JSON (`api`)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from casework.case_files import SORTS, CaseFilter, count_cases
from casework.citations import cited_in, report_refs
from casework.model import Case, Evidence
from casework.store.people import mention_labels
from casework.web import schemas
from casework.web.overview import overview
from casework.web.review_pages import DONE as REVIEW_DONE
from casework.web.review_pages import history_of, review_context
from casework.web.site import PAGE_SIZE, SiteDep, day
from casework.web.timeline import disputed_evidence, layout

DONE = ("merged", "split", *REVIEW_DONE)  # what a case page may say it just did

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["cases"])


def evidence_href(ev: Evidence) -> str:
    return f"/documents/{ev.document_id}?hl={ev.span[0]}-{ev.span[1]}#evidence"


def case_json(case: Case) -> dict[str, Any]:
    """The case/1 file plus what the page shows: which dates are disputed."""
    out = case.to_json()
    disputed = disputed_evidence(case)
    for event, ev in zip(out["timeline"], case.timeline, strict=True):
        event["disputed"] = (ev.evidence.document_id, ev.evidence.span) in disputed
    return out


@pages.get("/", response_class=HTMLResponse)
def cases_page(
    site: SiteDep, q: str = "", status: str = "", nationality: str = "", place: str = "", since: str = "",
    until: str = "", findings: str = "", sort: str = "since", order: str = "desc", offset: int = 0,
) -> HTMLResponse:  # fmt: skip
    where = CaseFilter(
        status=status or None, country=nationality or None, place=place or None,
        since=day(since), until=day(until), with_findings=bool(findings), query=q or None,
    )  # fmt: skip
    offset = max(0, offset)
    total, found = site.case_list(where, sort, order, offset)
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

    return site.page(
        "cases.html",
        {"cases": found, "total": total, "offset": offset, "size": PAGE_SIZE, "f": params,
         "sort": sort, "order": order, "sort_link": sort_link, "page_link": page_link},
    )  # fmt: skip


@pages.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(site: SiteDep, case_id: str, done: str = "", rejected: str = "") -> HTMLResponse:
    case = site.case(case_id)
    with site.store.read() as conn:
        mentions = mention_labels(conn, case.id)
        refs = report_refs(conn, cited_in([case]))  # quotations cited by outlet and date
    return site.page(
        "case.html",
        {"case": case, "timeline": layout(case, evidence_href), "refs": refs,
         "href": evidence_href, "mentions": mentions, "done": done if done in DONE else "",
         "history": history_of(site.store, case.id), "show_rejected": bool(rejected), **review_context()},
    )  # fmt: skip


@pages.get("/overview", response_class=HTMLResponse)
def overview_page(site: SiteDep) -> HTMLResponse:
    with site.store.read() as conn:
        charts = overview(conn)
        total = count_cases(conn)
    return site.page("overview.html", {"charts": charts, "total": total})


@api.get("/api/cases", response_model=schemas.CaseListOut)
def api_cases(
    site: SiteDep,
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
    where = CaseFilter(status, nationality, place, day(since), day(until), findings, q)
    total, found = site.case_list(where, sort, order, offset)
    return {"total": total, "offset": offset, "limit": PAGE_SIZE, "cases": [asdict(c) for c in found]}


@api.get("/api/cases/{case_id}", response_model=schemas.CaseOut)
def api_case(site: SiteDep, case_id: str) -> dict[str, Any]:
    return case_json(site.case(case_id))
