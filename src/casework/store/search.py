"""Full-text search over report text, titles and the names in them: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Select, String, select, text

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "document_id UNINDEXED, title, text, names, tokenize = 'unicode61 remove_diacritics 2')"
)
PG_INDEX = (
    "CREATE INDEX IF NOT EXISTS ix_documents_search ON documents USING GIN "
    "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"
)


# What PostgreSQL searches, for a query over `documents d`: the GIN index above is on the same expression.
_PG_VECTOR = "to_tsvector('simple', coalesce(d.title, '') || ' ' || d.text)"


def setup_search(conn: Connection) -> None:
    """The search index, created with the store (and by the migration that brought it)."""
    conn.execute(text(FTS_DDL if conn.dialect.name == "sqlite" else PG_INDEX))


def index_document(conn: Connection, doc_id: str, title: str | None, body: str, names: list[str]) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "INSERT INTO documents_fts (document_id, title, text, names) VALUES (:id, :title, :text, :names)"
            ),
            {"id": doc_id, "title": title or "", "text": body, "names": " ".join(names)},
        )


def unindex_document(conn: Connection, doc_id: str) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM documents_fts WHERE document_id = :id"), {"id": doc_id})


@dataclass
class Hit:
    document_id: str
    title: str | None
    published: str | None
    site: str | None
    snippet: str
    rank: float


def _fts_query(query: str) -> str:
    """User words as FTS5 phrases: quotes, stars and operators in a query are searched for, not obeyed."""
    words = re.findall(r"\w+", query)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search(
    conn: Connection,
    query: str,
    *,
    since: str | None = None,
    until: str | None = None,
    site: str | None = None,
    person: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    params: dict[str, object] = {
        "since": since,
        "until": until,
        "site": site,
        "person": person,
        "limit": limit,
    }
    clauses = {
        "since": " AND d.published >= :since",
        "until": " AND d.published <= :until",
        "site": " AND d.site = :site",
        "person": " AND d.id IN (SELECT document_id FROM person_links WHERE person_id = :person)",
    }
    # only the filters asked for: a NULL parameter has no type PostgreSQL can infer
    filters = "".join(clause for key, clause in clauses.items() if params[key] is not None)
    if conn.dialect.name == "sqlite":
        params["q"] = _fts_query(query)
        if not params["q"]:
            return []
        sql = (
            "SELECT d.id, d.title, d.published, d.site, snippet(documents_fts, 2, '«', '»', '…', 12), "
            "bm25(documents_fts) AS rank FROM documents_fts JOIN documents d ON d.id = documents_fts.document_id "
            "WHERE documents_fts MATCH :q" + filters + " ORDER BY rank LIMIT :limit"
        )
    else:
        params["q"] = query
        # the words as written: %, _ and \\ are not LIKE wildcards (backslash is PostgreSQL's escape)
        escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params["like"] = f"%{escaped}%"
        sql = (
            f"SELECT d.id, d.title, d.published, d.site, "
            f"ts_headline('simple', d.text, q, 'StartSel=«, StopSel=», MaxWords=20, MinWords=8'), "
            f"ts_rank({_PG_VECTOR}, q) AS rank FROM documents d, websearch_to_tsquery('simple', :q) q "
            f"WHERE ({_PG_VECTOR} @@ q OR d.id IN (SELECT document_id FROM entities WHERE name ILIKE :like))"
            + filters
            + " ORDER BY rank DESC LIMIT :limit"
        )
    rows = conn.execute(text(sql), params).all()
    return [Hit(r[0], r[1], r[2], r[3], " ".join(str(r[4] or "").split()), float(r[5])) for r in rows]


def people_in_matching_reports(conn: Connection, query: str) -> Select[tuple[str]] | None:
    """A subquery: the people named in every report that matches QUERY (no cap, no ranking, no
    snippets: it filters a case list). None when the query has no words."""
    if conn.dialect.name == "sqlite":
        words = _fts_query(query)
        if not words:
            return None
        sql = text(
            "SELECT DISTINCT pl.person_id FROM person_links pl WHERE pl.document_id IN "
            "(SELECT document_id FROM documents_fts WHERE documents_fts MATCH :q)"
        ).bindparams(q=words)
    else:
        if not query.strip():
            return None
        sql = text(
            "SELECT DISTINCT pl.person_id FROM person_links pl JOIN documents d ON d.id = pl.document_id, "
            "websearch_to_tsquery('simple', :q) q "
            f"WHERE {_PG_VECTOR} @@ q"
        ).bindparams(q=query)
    sub = sql.columns(person_id=String).subquery()
    return select(sub.c.person_id)
