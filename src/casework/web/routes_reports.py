"""The list of reports, one report with its evidence highlighted, and search: pages and JSON."""

from __future__ import annotations

import re
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from casework.store.search import Hit, search
from casework.web import schemas
from casework.web.highlight import pieces
from casework.web.reports import ReportFilter, list_reports, report_facets
from casework.web.site import PAGE_SIZE, SiteDep, day

_SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")

pages = APIRouter(include_in_schema=False)
api = APIRouter(tags=["documents"])


@pages.get("/documents", response_class=HTMLResponse)
def reports_page(
    site: SiteDep, q: str = "", site_: str = Query("", alias="site"), language: str = "", status: str = "",
    since: str = "", until: str = "", offset: int = 0,
) -> HTMLResponse:  # fmt: skip
    where = ReportFilter(q[:500] or None, site_ or None, language or None, status or None,
                         day(since), day(until))  # fmt: skip
    offset = max(0, offset)
    with site.store.read() as conn:
        total, found = list_reports(conn, where, limit=PAGE_SIZE, offset=offset)
        facets = report_facets(conn)
    params = {k: v for k, v in {"q": q, "site": site_, "language": language, "status": status,
              "since": since, "until": until}.items() if v}  # fmt: skip
    return site.page(
        "reports.html",
        {"reports": found, "total": total, "offset": offset, "size": PAGE_SIZE, "f": params,
         "facets": facets, "page_link": lambda at: "?" + urlencode({**params, "offset": at})},
    )  # fmt: skip


@pages.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(site: SiteDep, doc_id: str, hl: str = "") -> HTMLResponse:
    doc, extra = site.document(doc_id)
    m = _SPAN.match(hl)
    span = (int(m[1]), int(m[2])) if m else None
    names = {e.id: e.name for e in doc.entities}
    # the file's name only: the absolute path at ingest says where the user keeps things
    file_name = Path(doc.source.path).name if doc.source.path else None
    return site.page(
        "document.html",
        {"doc": doc, "pieces": pieces(doc, span), "names": names, "file_name": file_name, **extra},
    )


@api.get("/api/documents/{doc_id}", response_model=schemas.DocumentOut)
def api_document(site: SiteDep, doc_id: str) -> dict[str, Any]:
    doc, extra = site.document(doc_id)
    return {
        **doc.to_json(),
        "near_duplicates": extra["near_duplicates"],
        "cases": [case_id for case_id, _ in extra["cases"]],
    }  # reviewers' notes on the report: GET /api/decisions


@api.get("/api/search", response_model=list[Hit])
def api_search(
    site: SiteDep, q: str = Query(..., min_length=1, max_length=500), limit: int = Query(20, ge=1, le=200)
) -> Any:
    with site.store.read() as conn:
        return [asdict(h) for h in search(conn, q, limit=limit)]
