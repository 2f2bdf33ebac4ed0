"""Documents and everything extracted from them: written in one transaction, read back whole."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from casework.errors import CaseworkError
from casework.model import SCHEMA, Account, Claim, Document, Entity, Event
from casework.store import schema as t
from casework.store.database import Store
from casework.store.search import index_document, unindex_document


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class ListedReport:
    """What every list of reports shows of each (`casework documents`, the browser's report list)."""

    id: str
    title: str | None
    site: str | None
    published: str | None
    language: str
    status: str
    skip_reason: str | None
    near_duplicate_of: str | None


@dataclass
class StoredDocument(ListedReport):
    """A row of `documents` without the extraction: what `casework documents` lists."""

    url: str | None
    path: str | None
    ingested_at: str


class StoreFull(CaseworkError):
    """The disk under the store is full: the document being written was rolled back whole."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"disk full while storing {name}; it was not stored, the store is intact: "
            "free some space and run the same command again"
        )
        self.name = name


class AlreadyStored(CaseworkError):
    """Another process stored the same report between our check and our insert: the transaction
    rolled back whole, and the report is stored once, by the other writer."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is already stored")
        self.name = name


def _disk_full(exc: OperationalError) -> bool:
    # SQLite: SQLITE_FULL; PostgreSQL: SQLSTATE 53100 (disk_full)
    code = getattr(exc.orig, "sqlstate", None)
    return code == "53100" or "disk is full" in str(exc.orig) or "No space left" in str(exc.orig)


@contextmanager
def document_transaction(store: Store, name: str) -> Iterator[Connection]:
    """The one write transaction that stores the report NAME with all its rows. The database's
    errors are said here, so callers need not know the back end: a full disk is StoreFull, a
    report another writer stored first is AlreadyStored."""
    try:
        with store.write() as conn:
            yield conn
    except OperationalError as exc:
        if _disk_full(exc):
            raise StoreFull(name) from None
        raise
    except IntegrityError:
        raise AlreadyStored(name) from None


def existing_ids(conn: Connection, ids: Iterable[str]) -> set[str]:
    wanted = list(set(ids))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        found.update(conn.execute(select(t.documents.c.id).where(t.documents.c.id.in_(chunk))).scalars())
    return found


def save_document(
    conn: Connection,
    doc: Document,
    *,
    skip_reason: str | None = None,
    near_duplicate_of: str | None = None,
    similarity: float | None = None,
) -> None:
    """Insert a document and all its rows; the caller's transaction makes it all-or-nothing."""
    meta = doc.meta
    conn.execute(
        insert(t.documents).values(
            id=doc.id,
            title=doc.title,
            byline=_dump(doc.byline),
            published=doc.published,
            language=doc.language,
            site=meta.get("site"),
            url=doc.source.url,
            path=doc.source.path,
            format=doc.source.format,
            kind=meta.get("kind", "file"),
            encoding=meta.get("encoding"),
            captured=meta.get("captured"),
            text=doc.text,
            status="skipped" if skip_reason else "extracted",
            skip_reason=skip_reason,
            near_duplicate_of=near_duplicate_of,
            similarity=similarity,
            ingested_at=datetime.now(UTC).isoformat(timespec="microseconds"),
        )
    )
    _insert_extraction(conn, doc)


def replace_extraction(conn: Connection, doc: Document) -> None:
    """Swap a stored document's extracted rows for new ones (the text and metadata stay as stored)."""
    for table in (t.person_links, t.entity_links, t.mentions, t.timexes, t.events, t.claims, t.accounts,
                  t.findings, t.entities):  # fmt: skip
        conn.execute(delete(table).where(table.c.document_id == doc.id))
    unindex_document(conn, doc.id)
    conn.execute(
        update(t.documents).where(t.documents.c.id == doc.id).values(status="extracted", skip_reason=None)
    )
    _insert_extraction(conn, doc)


def _insert_extraction(conn: Connection, doc: Document) -> None:
    _insert(conn, t.entities, [_entity_row(doc.id, i, e) for i, e in enumerate(doc.entities)])
    index_document(conn, doc.id, doc.title, doc.text, [n for e in doc.entities for n in (e.name, *e.aliases)])
    _insert(
        conn,
        t.mentions,
        [
            {"document_id": doc.id, "entity_id": e.id, "start": s, "end": end}
            for e in doc.entities
            for s, end in dict(e.mentions).items()  # one row per start offset, as the key says
        ],
    )
    _insert(
        conn,
        t.timexes,
        [
            {"document_id": doc.id, "seq": i, **x.to_json(), "component": x.component or None}
            for i, x in enumerate(doc.timexes)
        ],
    )
    _insert(conn, t.events, [_event_row(doc.id, i, e) for i, e in enumerate(doc.events)])
    _insert(conn, t.claims, [_claim_row(doc.id, i, c) for i, c in enumerate(doc.claims)])
    _insert(conn, t.accounts, [_account_row(doc.id, i, a) for i, a in enumerate(doc.accounts)])
    _insert(
        conn,
        t.findings,
        [
            {
                "document_id": doc.id,
                "seq": i,
                "kind": f.kind,
                "message": f.message,
                "refs": _dump(f.refs),
                "spans": _dump([list(s) for s in f.spans]),
                "component": f.component or None,
            }
            for i, f in enumerate(doc.findings)
        ],
    )


def _insert(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), rows)


def _entity_row(doc_id: str, seq: int, e: Entity) -> dict[str, Any]:
    return {"document_id": doc_id, "id": e.id, "seq": seq, "kind": e.kind, "name": e.name,
            "aliases": _dump(e.aliases), "attributes": _dump(e.attributes), "component": e.component or None}  # fmt: skip


def _event_row(doc_id: str, seq: int, e: Event) -> dict[str, Any]:
    return {
        "document_id": doc_id, "id": e.id, "seq": seq, "type": e.type, "subject": _dump(e.subject), "agent": _dump(e.agent),
        "place": e.place, "date_text": e.date.text if e.date else None, "date_value": e.date.value if e.date else None,
        "sentence_start": e.sentence[0], "sentence_end": e.sentence[1],
        "trigger_start": e.trigger[0], "trigger_end": e.trigger[1],
        "source": e.source, "attributes": _dump(e.attributes), "component": e.component or None,
    }  # fmt: skip


def _claim_row(doc_id: str, seq: int, c: Claim) -> dict[str, Any]:
    sp = c.speaker_span
    return {
        "document_id": doc_id, "id": c.id, "seq": seq, "speaker": c.speaker, "speaker_text": c.speaker_text,
        "speaker_start": sp[0] if sp else None, "speaker_end": sp[1] if sp else None,
        "cue": c.cue, "cue_start": c.cue_span[0], "cue_end": c.cue_span[1], "content": c.content,
        "start": c.span[0], "end": c.span[1], "direct": c.direct, "flags": _dump(c.flags),
        "sentence_start": c.sentence[0], "sentence_end": c.sentence[1], "component": c.component or None,
        "about": _dump(c.about),
    }  # fmt: skip


def _account_row(doc_id: str, seq: int, a: Account) -> dict[str, Any]:
    return {"document_id": doc_id, "seq": seq, "aspect": a.aspect, "subject": a.subject, "value": a.value,
            "keys": _dump(sorted(a.keys)), "claim": a.claim, "start": a.span[0], "end": a.span[1],
            "date": a.date, "component": a.component or None}  # fmt: skip


def _rows(conn: Connection, table: Any, doc_id: str, order: Sequence[str]) -> list[RowMapping]:
    query = select(table).where(table.c.document_id == doc_id).order_by(*(table.c[k] for k in order))
    return list(conn.execute(query).mappings())


def load_document(conn: Connection, doc_id: str) -> Document | None:
    """The Document as it was saved, with every extracted row; None when the id is not stored.

    The rows become the document contract's JSON and the Document is read from it
    (`Document.from_json`): one reader for the contract, whether it comes from a file or the store."""
    row = conn.execute(select(t.documents).where(t.documents.c.id == doc_id)).mappings().first()
    if row is None:
        return None
    spans: dict[str, list[list[int]]] = {}
    for m in _rows(conn, t.mentions, doc_id, ["entity_id", "start"]):
        spans.setdefault(m["entity_id"], []).append([m["start"], m["end"]])
    contract = {
        "schema": SCHEMA,
        "id": row["id"],
        "source": {"path": row["path"], "url": row["url"], "format": row["format"]},
        "title": row["title"],
        "byline": json.loads(row["byline"]),
        "published": row["published"],
        "language": row["language"],
        "text": row["text"],
        "entities": [
            {**_columns(r, "id", "kind", "name", "component"), "aliases": json.loads(r["aliases"]),
             "mentions": spans.get(r["id"], []), "attributes": json.loads(r["attributes"])}
            for r in _rows(conn, t.entities, doc_id, ["seq"])
        ],
        "timexes": [
            _columns(r, "start", "end", "text", "type", "value", "anchor", "component")
            for r in _rows(conn, t.timexes, doc_id, ["seq"])
        ],
        "events": [_event_json(r) for r in _rows(conn, t.events, doc_id, ["seq"])],
        "claims": [_claim_json(r) for r in _rows(conn, t.claims, doc_id, ["seq"])],
        "findings": [
            {**_columns(r, "kind", "message", "component"), "refs": json.loads(r["refs"]),
             "spans": json.loads(r["spans"])}
            for r in _rows(conn, t.findings, doc_id, ["seq"])
        ],
    }  # fmt: skip
    doc = Document.from_json(contract)
    doc.meta = {k: row[k] for k in ("kind", "encoding", "site", "captured") if row[k] is not None}
    doc.accounts = [
        Account(
            aspect=r["aspect"],
            subject=r["subject"],
            value=r["value"],
            keys=frozenset(json.loads(r["keys"])),
            claim=r["claim"],
            span=(r["start"], r["end"]),
            date=r["date"],
            component=r["component"] or "",
        )
        for r in _rows(conn, t.accounts, doc_id, ["seq"])
    ]
    return doc


def _columns(r: RowMapping, *keys: str) -> dict[str, Any]:
    return {k: r[k] for k in keys}


def _event_json(r: RowMapping) -> dict[str, Any]:
    date = {"text": r["date_text"], "value": r["date_value"]} if r["date_text"] is not None else None
    return {
        **_columns(r, "id", "type", "place", "source", "component"),
        "subject": json.loads(r["subject"]), "agent": json.loads(r["agent"]), "date": date,
        "sentence": [r["sentence_start"], r["sentence_end"]], "trigger": [r["trigger_start"], r["trigger_end"]],
        "attributes": json.loads(r["attributes"]),
    }  # fmt: skip


def _claim_json(r: RowMapping) -> dict[str, Any]:
    speaker = [r["speaker_start"], r["speaker_end"]] if r["speaker_start"] is not None else None
    return {
        **_columns(r, "id", "speaker", "speaker_text", "cue", "content", "component"),
        "speaker_span": speaker, "cue_span": [r["cue_start"], r["cue_end"]], "span": [r["start"], r["end"]],
        "direct": bool(r["direct"]), "flags": json.loads(r["flags"]),
        "sentence": [r["sentence_start"], r["sentence_end"]],
        "about": json.loads(r["about"]) if r["about"] else [],
    }  # fmt: skip


def list_documents(conn: Connection) -> Iterator[StoredDocument]:
    d = t.documents.c
    query = select(
        d.id, d.title, d.site, d.published, d.language, d.status, d.skip_reason,
        d.near_duplicate_of, d.url, d.path, d.ingested_at,
    ).order_by(d.ingested_at, d.id)  # fmt: skip
    for row in conn.execute(query).mappings():
        yield StoredDocument(**row)


def document_ids(conn: Connection) -> list[str]:
    d = t.documents.c
    return list(conn.execute(select(d.id).order_by(d.ingested_at, d.id)).scalars())
