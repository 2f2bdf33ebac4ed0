"""The store keeps every document and every extracted row exactly, once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from casework.errors import ConfigError
from casework.ingest.sources import iter_sources
from casework.model import Account, Claim, Document, Entity, Event, EventDate, Finding, Source, Timex
from casework.pipeline import process
from casework.store import schema
from casework.store.database import Store, database_url, open_store
from casework.store.documents import load_document, save_document
from casework.store.neardup import THRESHOLD, signature
from conftest import EXAMPLES
from reports import report


def _full(doc: Document) -> tuple[object, ...]:
    """Everything a stored document must give back, including what the contract leaves out."""
    return (
        doc.to_json(),
        doc.meta,
        [e.trigger for e in doc.events],
        [c.sentence for c in doc.claims],
        doc.accounts,
    )


@pytest.mark.slow
def test_extracted_examples_round_trip(database: str) -> None:
    store = open_store(database)
    docs = [process(raw) for raw in iter_sources([str(EXAMPLES)]) if not isinstance(raw, Exception)]
    assert len(docs) == 3 and all(d.events and d.claims for d in docs)
    for doc in docs:
        with store.write() as conn:
            save_document(conn, doc)
    with store.read() as conn:
        for doc in docs:
            back = load_document(conn, doc.id)
            assert back is not None and _full(back) == _full(doc)
        assert load_document(conn, "0" * 16) is None
    store.close()


# Documents never hold NUL: the loader takes it out (PostgreSQL text cannot store it).
_char = st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")
_text = st.text(_char, max_size=60)
_ids = st.text("abcdefgh0123456789", min_size=1, max_size=6)
_span = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000))
_json = st.dictionaries(
    st.text(_char, max_size=8), st.one_of(st.none(), st.booleans(), st.integers(-5, 5), _text), max_size=3
)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    ent_ids = draw(st.lists(_ids, unique=True, max_size=4))
    entities = [
        Entity(
            i,
            draw(st.sampled_from(["person", "organization", "place", "group"])),
            draw(_text),
            draw(st.lists(_text, max_size=2)),
            sorted(draw(st.dictionaries(st.integers(0, 9999), st.integers(0, 9999), max_size=3)).items()),
            draw(_json),
        )
        for i in ent_ids
    ]
    events = [
        Event(
            i,
            draw(_ids),
            draw(st.lists(_ids, max_size=2)),
            draw(st.lists(_ids, max_size=2)),
            draw(st.none() | _ids),
            draw(st.none() | st.builds(EventDate, _text, st.none() | _text)),
            draw(_span),
            draw(st.none() | _ids),
            draw(_json),
            draw(_span),
        )
        for i in draw(st.lists(_ids, unique=True, max_size=3))
    ]
    claims = [
        Claim(
            i,
            draw(st.none() | _ids),
            draw(_text),
            draw(st.none() | _span),
            draw(_text),
            draw(_span),
            draw(_text),
            draw(_span),
            draw(st.booleans()),
            draw(st.lists(_ids, max_size=2)),
            draw(_span),
            about=draw(st.lists(_ids, max_size=2)),
        )
        for i in draw(st.lists(_ids, unique=True, max_size=3))
    ]
    doc = Document(
        id=draw(_ids),
        source=Source(path=draw(st.none() | _text), url=draw(st.none() | _text), format="text"),
        text=draw(st.text(_char, min_size=1, max_size=200)),
        title=draw(st.none() | _text),
        byline=draw(st.lists(_text, max_size=2)),
        published=draw(st.none() | st.dates().map(str)),
        language="en",
        entities=entities,
        timexes=draw(
            st.lists(
                st.builds(
                    Timex,
                    st.integers(0, 99),
                    st.integers(0, 99),
                    _text,
                    st.sampled_from(["DATE", "TIME", "DURATION", "SET"]),
                    st.none() | _text,
                    st.sampled_from(["explicit", "published"]),
                ),
                max_size=3,
            )
        ),
        events=events,
        claims=claims,
        findings=draw(
            st.lists(
                st.builds(Finding, _ids, _text, st.lists(_ids, max_size=2), st.lists(_span, max_size=2)),
                max_size=2,
            )
        ),
        accounts=draw(
            st.lists(
                st.builds(
                    Account,
                    _ids,
                    _ids,
                    _text,
                    st.frozensets(_text, max_size=3),
                    _ids,
                    _span,
                    st.none() | _text,
                ),
                max_size=2,
            )
        ),
    )
    doc.meta = {"kind": "file", "encoding": "utf-8"}
    return doc


_URLS = ["sqlite://"] + (
    [database_url(os.environ["CASEWORK_TEST_PG"])] if os.environ.get("CASEWORK_TEST_PG") else []
)


@pytest.mark.parametrize("url", _URLS)
def test_any_document_round_trips(url: str) -> None:
    store = Store(url)

    @settings(max_examples=60, deadline=None)
    @given(doc=documents())
    def round_trip(doc: Document) -> None:
        # written and read in one transaction that is then rolled back: every example starts clean
        with store.engine.connect() as conn:
            trans = conn.begin()
            save_document(conn, doc)
            back = load_document(conn, doc.id)
            trans.rollback()
        assert back is not None and _full(back) == _full(doc)

    round_trip()
    store.close()


def test_a_store_from_a_newer_casework_is_refused(database: str) -> None:
    path = database
    store = open_store(path)
    with store.write() as conn:
        conn.execute(update(schema.casework_meta).values(value=str(schema.SCHEMA_VERSION + 1)))
    store.close()
    with pytest.raises(ConfigError, match=r"newer than this casework"):
        open_store(path)


def test_database_url_prefers_the_option_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEWORK_DB", "/data/team.db")
    assert database_url(None) == "sqlite:////data/team.db"
    assert database_url("local.db") == "sqlite:///local.db"
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"  # the driver casework ships
    monkeypatch.delenv("CASEWORK_DB")
    assert database_url(None) == "sqlite:///casework.db"


def test_light_edits_are_near_duplicates_and_other_reports_are_not() -> None:
    original = report(21)
    edited = original.replace("relatives said", "relatives told reporters").replace(
        "\n\n", "\n\nUPDATED: ", 1
    )
    assert signature(original).similarity(signature(edited)) >= THRESHOLD
    for other in range(22, 30):
        assert signature(original).similarity(signature(report(other))) < THRESHOLD


def test_an_older_store_is_refused_until_upgraded_in_place(database: str) -> None:
    from click.testing import CliRunner
    from sqlalchemy import insert

    from casework.cli import cli

    store = open_store(database)
    with store.write() as conn:
        conn.execute(
            insert(schema.documents).values(
                id="abc",
                byline="[]",
                language="en",
                format="text",
                kind="file",
                text="Kept.",
                status="extracted",
                ingested_at="2026-01-01T00:00:00",
            )
        )
        # what a version-1 store looks like: no cross-document tables
        for table in (schema.entity_links, schema.judgements, schema.person_links):
            table.drop(conn)
        conn.execute(update(schema.casework_meta).values(value="1"))
    store.close()
    with pytest.raises(ConfigError, match=r"older than this casework .* run `casework db upgrade`"):
        open_store(database)
    result = CliRunner().invoke(cli, ["db", "upgrade", "--db", database])
    assert (
        result.exit_code == 0
        and f"upgraded from schema version 1 to {schema.SCHEMA_VERSION}" in result.output
    )
    store = open_store(database)
    with store.read() as conn:
        assert conn.execute(select(schema.documents.c.text)).scalars().all() == ["Kept."]
        assert conn.execute(select(schema.person_links)).all() == []
    store.close()
    again = CliRunner().invoke(cli, ["db", "upgrade", "--db", database])
    assert "already" in again.output


def test_the_sqlite_store_is_plain_tables_with_foreign_keys(tmp_path: Path) -> None:
    """What Datasette and sqlite-utils show as they are: named tables, each row tied to its document."""
    import sqlite3

    path = tmp_path / "plain.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        assert {
            "documents",
            "entities",
            "mentions",
            "events",
            "claims",
            "timexes",
            "findings",
            "accounts",
        } <= tables
        for table in (
            "entities",
            "events",
            "claims",
            "timexes",
            "findings",
            "accounts",
            "minhashes",
            "lsh_bands",
        ):
            targets = {r[2] for r in conn.execute(f"pragma foreign_key_list({table})")}
            assert "documents" in targets, table
        assert {r[2] for r in conn.execute("pragma foreign_key_list(mentions)")} == {"entities"}
