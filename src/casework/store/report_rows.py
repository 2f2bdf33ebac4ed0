"""Reports as the pages, lists and citations read them: their metadata rows, their copies, and the
list of reports filtered. Each query named for what it returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select

from casework.store import schema as t
from casework.store.documents import ListedReport
from casework.store.in_lists import chunks


@dataclass
class DocumentInfo:
    """The stored row's metadata, shown beside the text."""

    site: str | None
    url: str | None
    path: str | None
    kind: str
    format: str
    status: str
    ingested_at: str
    captured: str | None
    near_duplicate_of: str | None
    similarity: float | None


def document_info(conn: Connection, doc_id: str) -> DocumentInfo | None:
    d = t.documents.c
    row = conn.execute(
        select(d.site, d.url, d.path, d.kind, d.format, d.status, d.ingested_at, d.captured,
               d.near_duplicate_of, d.similarity).where(d.id == doc_id)
    ).first()  # fmt: skip
    return DocumentInfo(**row._mapping) if row else None


def near_duplicates(conn: Connection, doc_id: str, root: str | None) -> list[str]:
    """The other reports of this one's near-duplicate group (all point at its first copy)."""
    d = t.documents.c
    first = root or doc_id
    rows = conn.execute(
        select(d.id).where(or_(d.id == first, d.near_duplicate_of == first)).order_by(d.ingested_at)
    ).scalars()
    return [r for r in rows if r != doc_id]


def first_copies(conn: Connection, only: list[str] | None = None) -> dict[str, str]:
    """Report id -> the first copy of its near-duplicate group (itself when it is the first): for
    every report, or those of ONLY."""
    d = t.documents.c
    query = select(d.id, d.near_duplicate_of)
    if only is None:
        return {doc_id: first or doc_id for doc_id, first in conn.execute(query)}
    out: dict[str, str] = {}
    for chunk in chunks(only):
        out.update({i: first or i for i, first in conn.execute(query.where(d.id.in_(chunk)))})
    return out


class Citation(NamedTuple):
    """What a report is cited by (citations.ReportRef), and its text when asked for."""

    id: str
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    language: str | None
    text: str | None


def citations(conn: Connection, ids: Iterable[str], *, with_text: bool = False) -> list[Citation]:
    """The citation fields of each report in IDS that the store holds (and its text, when asked)."""
    d = t.documents.c
    columns = [d.id, d.title, d.site, d.url, d.published, d.language, *([d.text] if with_text else [])]
    out: list[Citation] = []
    for chunk in chunks(sorted(set(ids))):
        for r in conn.execute(select(*columns).where(d.id.in_(chunk))):
            out.append(Citation(r[0], r[1], r[2], r[3], r[4], r[5], r[6] if with_text else None))
    return out


@dataclass
class ReportFilter:
    q: str | None = None
    site: str | None = None
    language: str | None = None
    status: str | None = None  # extracted or skipped
    since: str | None = None
    until: str | None = None


@dataclass
class ReportRow(ListedReport):
    """A report as the browser's list shows it: with how many cases it feeds, and for a search the
    words it matched in context."""

    cases: int
    snippet: list[tuple[str, bool]] = field(default_factory=list)  # (text, is a matched word)


def _filtered(query: Select[Any], f: ReportFilter) -> Select[Any]:
    d = t.documents.c
    q = query
    if f.site:
        q = q.where(d.site == f.site)
    if f.language:
        q = q.where(d.language == f.language)
    if f.status:
        q = q.where(d.status == f.status)
    if f.since:
        q = q.where(d.published >= f.since)
    if f.until:
        q = q.where(d.published <= f.until)
    return q


def _report_columns() -> Select[Any]:
    d, pl = t.documents.c, t.person_links.c
    cases = (
        select(func.count(func.distinct(pl.person_id)))
        .where(pl.document_id == d.id, pl.person_id.in_(select(t.case_summaries.c.case_id)))
        .scalar_subquery()
    )
    return select(d.id, d.title, d.site, d.published, d.language, d.status, d.skip_reason,
                  d.near_duplicate_of, cases.label("cases"))  # fmt: skip


def report_page(conn: Connection, f: ReportFilter, *, limit: int, offset: int) -> tuple[int, list[ReportRow]]:
    """(how many reports the filter lets through, this page of them, newest first); F's words unused."""
    d = t.documents.c
    total = conn.execute(_filtered(select(func.count()).select_from(t.documents), f)).scalar() or 0
    query = (
        _filtered(_report_columns(), f)
        .order_by(d.published.desc().nulls_last(), d.id)
        .limit(limit)
        .offset(offset)
    )
    return int(total), [ReportRow(*r) for r in conn.execute(query)]


def reports_found(conn: Connection, f: ReportFilter, ids: list[str], words: list[str]) -> list[ReportRow]:
    """The reports the filter lets through that are among IDS (the search index's hits), or are not
    extracted (the index does not hold them) and have every one of WORDS in their text; any order."""
    d = t.documents.c
    # every word, as text and never as a LIKE pattern ("_" is a word character and a wildcard)
    skipped_match = (
        and_(*(func.lower(d.text).contains(w.lower(), autoescape=True) for w in words)) if words else None
    )
    wanted: ColumnElement[bool] | None = d.id.in_(ids) if ids else None
    if skipped_match is not None:
        extra = (d.status != "extracted") & skipped_match
        wanted = extra if wanted is None else (wanted | extra)
    if wanted is None:
        return []
    return [ReportRow(*r) for r in conn.execute(_filtered(_report_columns().where(wanted), f))]


def report_texts(conn: Connection, ids: list[str]) -> dict[str, str]:
    """Report id -> its text."""
    d = t.documents.c
    return {i: text for i, text in conn.execute(select(d.id, d.text).where(d.id.in_(ids)))}


def report_facets(conn: Connection) -> dict[str, list[str]]:
    """The values the filters offer: every site, language and status the store holds."""
    d = t.documents.c
    return {
        name: [v for v in conn.execute(select(column).distinct().order_by(column)).scalars() if v]
        for name, column in (("site", d.site), ("language", d.language), ("status", d.status))
    }
