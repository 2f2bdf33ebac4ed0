"""Versioned migrations: each upgrades a store by one schema version, in place, in one transaction.

A new store is created at the current version directly. `casework db upgrade`
runs the steps from a store's version to the current one; other commands refuse
an older store with a message saying so, and every command refuses a newer one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

from casework.store import schema as t


def _v2_across_documents(conn: Connection) -> None:
    """v2: who is who across reports (person and entity links, judgements)."""
    t.metadata.create_all(conn, tables=[t.person_links, t.judgements, t.entity_links])


# version reached -> the step that reaches it from the version before
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    2: _v2_across_documents,
}
