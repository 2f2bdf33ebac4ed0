"""One database URL picks the store: a SQLite file by default, PostgreSQL by setting."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, inspect, select, text, update
from sqlalchemy.exc import DBAPIError, OperationalError

from casework.errors import ConfigError, StoreNotFound
from casework.store.migrations import MIGRATIONS
from casework.store.schema import SCHEMA_VERSION, casework_meta, metadata
from casework.store.search import setup_search

DEFAULT_DB = "casework.db"


def database_url(db: str | None) -> str:
    """`--db` value, else $CASEWORK_DB, else ./casework.db; a bare path means a SQLite file."""
    value = db or os.environ.get("CASEWORK_DB") or DEFAULT_DB
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]  # psycopg 3 is the driver casework ships
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's BEGIN below be the only transaction control (pysqlite's own is lax).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # durable across a killed process in WAL mode
        cursor.execute("PRAGMA busy_timeout=30000")  # a second writer waits instead of failing at once
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock up front, so it waits on busy_timeout instead of deadlocking.
        mode = "BEGIN IMMEDIATE" if conn.get_execution_options().get("casework_write") else "BEGIN"
        conn.exec_driver_sql(mode)


class Store:
    """The database behind every command: open it once, then read or write in transactions."""

    def __init__(self, url: str, *, upgrade: bool = False, create: bool = True) -> None:
        self.url = url
        self.upgraded_from: int | None = None
        self.is_sqlite = url.startswith("sqlite")
        # the SQLite file, when there is one (commands that walk folders leave it out)
        file = url.split("///", 1)[-1] if self.is_sqlite else ""
        self.path: Path | None = Path(file) if file and file != ":memory:" else None
        if self.is_sqlite:
            path = url.split("///", 1)[-1].split("?", 1)[0]
            if path and path != ":memory:":
                if not create and not Path(path).is_file():
                    # a typo in --db must not leave an empty store (and its folders) behind
                    raise StoreNotFound(
                        f"no store at {path} (`casework ingest` or `casework db init` creates one)"
                    )
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.engine = create_engine(url)
        except Exception as exc:  # a malformed URL or a missing driver: said plainly at the edge
            raise ConfigError(f"cannot open store {url!r}: {exc}") from exc
        if self.is_sqlite:
            _sqlite_setup(self.engine)
        try:
            self._prepare(upgrade)
        except Exception:
            self.engine.dispose()  # a refused store leaves no connection open behind it
            raise

    def _prepare(self, upgrade: bool) -> None:
        try:
            with self.write() as conn:
                if not self.is_sqlite:
                    # several processes opening a new store at once: one creates it, the others wait
                    conn.execute(text("SELECT pg_advisory_xact_lock(7000)"))
                if not inspect(conn).has_table("casework_meta"):
                    metadata.create_all(conn)
                    setup_search(conn)
                    conn.execute(
                        insert(casework_meta).values(key="schema_version", value=str(SCHEMA_VERSION))
                    )
                    return
                key = casework_meta.c.key == "schema_version"
                found = int(conn.execute(select(casework_meta.c.value).where(key)).scalar_one())
                if found > SCHEMA_VERSION:
                    raise ConfigError(
                        f"store {self.url} has schema version {found}, newer than this casework "
                        f"({SCHEMA_VERSION}); upgrade casework to read it"
                    )
                if found < SCHEMA_VERSION and not upgrade:
                    raise ConfigError(
                        f"store {self.url} has schema version {found}, older than this casework "
                        f"({SCHEMA_VERSION}); run `casework db upgrade` to upgrade it in place"
                    )
                for version in range(found + 1, SCHEMA_VERSION + 1):
                    MIGRATIONS[version](conn)
                if found < SCHEMA_VERSION:
                    conn.execute(update(casework_meta).where(key).values(value=str(SCHEMA_VERSION)))
                    self.upgraded_from = found
        except (OperationalError, DBAPIError) as exc:
            raise ConfigError(f"cannot open store {self.url}: {exc.orig}") from exc

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed whole on success, rolled back whole on any error."""
        with self.engine.connect().execution_options(casework_write=True) as conn, conn.begin():
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def close(self) -> None:
        self.engine.dispose()


def open_store(db: str | None = None, *, upgrade: bool = False, create: bool = True) -> Store:
    """The store DB names; with create=False a SQLite file that does not exist is StoreNotFound."""
    return Store(database_url(db), upgrade=upgrade, create=create)
