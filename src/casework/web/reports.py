"""The list of reports the browser shows: every stored report, those that feed no case and those
skipped (not English) included, filtered by site, date, language and status, or found by their words."""

from __future__ import annotations

import re

from sqlalchemy import Connection

from casework.store.report_rows import ReportFilter as ReportFilter
from casework.store.report_rows import ReportRow as ReportRow
from casework.store.report_rows import report_facets as report_facets
from casework.store.report_rows import report_page, report_texts, reports_found
from casework.store.search import search

SEARCH_CAP = 500  # a search lists at most this many reports, best first
SNIPPET = 160  # characters of context shown around a word in a report the index does not hold


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


def list_reports(
    conn: Connection, f: ReportFilter, *, limit: int, offset: int
) -> tuple[int, list[ReportRow]]:
    """(how many reports match, this page of them): newest first, or best first for a search."""
    if not (f.q and f.q.strip()):
        return report_page(conn, f, limit=limit, offset=offset)
    # the index holds the extracted reports; the skipped ones are searched by their plain text
    hits = search(conn, f.q, since=f.since, until=f.until, site=f.site, limit=SEARCH_CAP)
    order = {h.document_id: n for n, h in enumerate(hits)}
    snippets = {h.document_id: snippet_pieces(h.snippet) for h in hits}
    words = re.findall(r"\w+", f.q)
    rows = reports_found(conn, f, list(order), words)
    rows.sort(key=lambda r: (order.get(r.id, len(order)), r.id))
    total, rows = len(rows), rows[offset : offset + limit]
    texts = report_texts(conn, [r.id for r in rows if r.id not in snippets])
    for r in rows:
        r.snippet = snippets.get(r.id) or _plain_snippet(texts.get(r.id, ""), words)
    return total, rows
