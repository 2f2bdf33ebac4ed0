"""The user's own judgements on who is who, merge and split (edits.py): the case page's forms and the API."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from casework.edits import merge_people, split_person
from casework.store.people import mentions_of_person, person_of_mention
from casework.web import schemas
from casework.web.site import Site, SiteDep, first, read_form

forms = APIRouter(include_in_schema=False)
api = APIRouter(tags=["judgements"])


@forms.post("/cases/{case_id}/merge")
async def merge_form(site: SiteDep, case_id: str, request: Request) -> Response:
    data = await read_form(request)
    reviewer = site.form_writer(request, data)
    other = first(data, "other")
    if not other:
        raise HTTPException(422, "say which person or mention to merge with")
    with site.store.read() as conn:
        own = mentions_of_person(conn, case_id)
    # re-resolving may take a while
    await run_in_threadpool(lambda: merge_people(site.store, case_id, other, reviewer=reviewer))
    return _back_to(site, own[0] if own else None, "merged")


@forms.post("/cases/{case_id}/split")
async def split_form(site: SiteDep, case_id: str, request: Request) -> Response:
    data = await read_form(request)
    reviewer = site.form_writer(request, data)
    mentions = data.get("mention", [])
    if not mentions:
        raise HTTPException(422, "tick the mentions to split off")
    with site.store.read() as conn:
        kept = [m for m in mentions_of_person(conn, case_id) if m not in mentions]
    await run_in_threadpool(lambda: split_person(site.store, case_id, mentions, reviewer=reviewer))
    return _back_to(site, kept[0] if kept else None, "split")


def _back_to(site: Site, mention: str | None, done: str) -> Response:
    """To the case that holds MENTION now (resolving again may give the person another id)."""
    with site.store.read() as conn:
        person = person_of_mention(conn, mention) if mention else None
    where = f"/cases/{person}?done={done}" if person else "/"
    return RedirectResponse(where, status_code=303)


@api.post("/api/merge", response_model=schemas.Done)
def api_merge(site: SiteDep, body: schemas.MergeIn, request: Request) -> dict[str, Any]:
    merge_people(site.store, body.first, body.second, reviewer=site.api_writer(request))
    return {"ok": True, "message": f"{body.first} and {body.second} are now one person"}


@api.post("/api/split", response_model=schemas.Done)
def api_split(site: SiteDep, body: schemas.SplitIn, request: Request) -> dict[str, Any]:
    split_person(site.store, body.person, body.mentions, reviewer=site.api_writer(request))
    return {"ok": True, "message": f"{len(body.mentions)} mention(s) split from {body.person}"}
