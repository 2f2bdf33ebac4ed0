"""The list of reports the browser shows: every stored report, those that feed no case and those
skipped (not English) included, filtered by site, date, language and status, or found by their words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, select

from casework.store import schema as t
from casework.store.search import search

SEARCH_CAP = 500  # a search lists at most this many reports, best first
SNIPPET = 160  # characters of context shown around a word in a report the index does not hold


@dataclass
class ReportFilter:
    q: str | None = None
    site: str | None = None
    language: str | None = None
    status: str | None = None  # extracted or skipped
    since: str | None = None
    until: str | None = None


@dataclass
class ReportRow:
    id: str
    title: str | None
    site: str | None
    published: str | None
    language: str
    status: str
    skip_reason: str | None
    near_duplicate_of: str | None
    cases: int
    snippet: list[tuple[str, bool]] = field(default_factory=list)  # (text, is a matched word)


def snippet_pieces(snippet: str) -> list[tuple[str, bool]]:
    """The search index marks matched words «so»: split them out, so the page escapes every piece
    and wraps only casework's own <mark> around the matches."""
    out: list[tuple[str, bool]] = []
    for i, part in enumerate(re.split(r"[«»]", snippet)):
        if part:
            out.append((part, i % 2 == 1))
    return out


def _plain_snippet(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """For a report the index does not hold (skipped ones): the first matching word in context."""
    low = text.casefold()
    at = min((i for i in (low.find(w.casefold()) for w in words) if i >= 0), default=-1)
    if at < 0:
        return [(" ".join(text[:SNIPPET].split()), False)]
    start = max(0, at - SNIPPET // 2)
    piece = " ".join(text[start : start + SNIPPET].split())
    pattern = re.compile("(" + "|".join(re.escape(w) for w in words) + ")", re.I)
    parts = pattern.split(f"…{piece}…")  # an excerpt, marked as one like the index's snippets
    return [(p, i % 2 == 1) for i, p in enumerate(parts) if p]


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


def list_reports(
    conn: Connection, f: ReportFilter, *, limit: int, offset: int
) -> tuple[int, list[ReportRow]]:
    """(how many reports match, this page of them): newest first, or best first for a search."""
    d, pl = t.documents.c, t.person_links.c
    cases = (
        select(func.count(func.distinct(pl.person_id)))
        .where(pl.document_id == d.id, pl.person_id.in_(select(t.case_summaries.c.case_id)))
        .scalar_subquery()
    )
    columns = select(d.id, d.title, d.site, d.published, d.language, d.status, d.skip_reason,
                     d.near_duplicate_of, cases.label("cases"))  # fmt: skip
    if not (f.q and f.q.strip()):
        total = conn.execute(_filtered(select(func.count()).select_from(t.documents), f)).scalar() or 0
        query = (
            _filtered(columns, f).order_by(d.published.desc().nulls_last(), d.id).limit(limit).offset(offset)
        )
        return int(total), [ReportRow(*r) for r in conn.execute(query)]
    # the index holds the extracted reports; the skipped ones are searched by their plain text
    hits = search(conn, f.q, since=f.since, until=f.until, site=f.site, limit=SEARCH_CAP)
    order = {h.document_id: n for n, h in enumerate(hits)}
    snippets = {h.document_id: snippet_pieces(h.snippet) for h in hits}
    words = re.findall(r"\w+", f.q)
    # every word, as text and never as a LIKE pattern ("_" is a word character and a wildcard)
    skipped_match = (
        and_(*(func.lower(d.text).contains(w.lower(), autoescape=True) for w in words)) if words else None
    )
    wanted: ColumnElement[bool] | None = d.id.in_(list(order)) if order else None
    if skipped_match is not None:
        extra = (d.status != "extracted") & skipped_match
        wanted = extra if wanted is None else (wanted | extra)
    if wanted is None:
        return 0, []
    rows = [ReportRow(*r) for r in conn.execute(_filtered(columns.where(wanted), f))]
    rows.sort(key=lambda r: (order.get(r.id, len(order)), r.id))
    total, rows = len(rows), rows[offset : offset + limit]
    texts = dict(
        conn.execute(select(d.id, d.text).where(d.id.in_([r.id for r in rows if r.id not in snippets]))).all()
    )
    for r in rows:
        r.snippet = snippets.get(r.id) or _plain_snippet(texts.get(r.id, ""), words)
    return total, rows


def report_facets(conn: Connection) -> dict[str, list[str]]:
    """The values the filters offer: every site, language and status the store holds."""
    d = t.documents.c
    return {
        name: [v for v in conn.execute(select(column).distinct().order_by(column)).scalars() if v]
        for name, column in (("site", d.site), ("language", d.language), ("status", d.status))
    }
