"""The alerts as an Atom feed, for a feed reader to follow."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from casework.web.alerts_feed import alerts_atom
from casework.web.site import SiteDep

router = APIRouter(include_in_schema=False)


@router.get("/alerts.atom")
def alerts_feed(site: SiteDep, request: Request) -> Response:
    with site.store.read() as conn:
        data = alerts_atom(conn, str(request.base_url))
    return Response(data, media_type="application/atom+xml")
