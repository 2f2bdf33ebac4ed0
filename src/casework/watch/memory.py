"""What the watcher remembers of each source, in the store: the items it has taken in (feed item
ids, file content hashes, URLs), the validators a server gave (ETag, Last-Modified), and the
failures that make a source wait (back-off)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection

from casework.store.watch_rows import add_item_rows, drop_source_rows, items_seen, save_source_row, source_row

MAX_BACKOFF = 86400.0  # a source failing for days is still tried once a day


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class SourceState:
    source: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_try: str | None = None
    last_error: str | None = None

    def waiting(self, at: datetime | None = None) -> float:
        """Seconds the source must still wait after its failures (0 when it may be tried now)."""
        if not self.next_try:
            return 0.0
        left = (datetime.fromisoformat(self.next_try) - (at or _now())).total_seconds()
        return max(0.0, left)


def source_state(conn: Connection, source: str) -> SourceState:
    row = source_row(conn, source)
    if row is None:
        return SourceState(source)
    return SourceState(row.source, row.etag, row.last_modified, row.failures, row.next_try, row.last_error)


def _save(conn: Connection, state: SourceState) -> None:
    values = {
        "etag": state.etag,
        "last_modified": state.last_modified,
        "failures": state.failures,
        "next_try": state.next_try,
        "last_error": state.last_error,
        "checked_at": _now().isoformat(timespec="seconds"),
    }
    save_source_row(conn, state.source, values)


def record_success(conn: Connection, source: str, etag: str | None, last_modified: str | None) -> None:
    _save(conn, SourceState(source, etag, last_modified))


def record_failure(conn: Connection, source: str, reason: str, every: float) -> SourceState:
    """One more failure: the source waits every x 2^(failures-1) seconds, at most a day."""
    state = source_state(conn, source)
    state.failures += 1
    wait = min(every * 2 ** (state.failures - 1), MAX_BACKOFF)
    state.next_try = (_now() + timedelta(seconds=wait)).isoformat(timespec="microseconds")
    state.last_error = reason
    _save(conn, state)
    return state


def remember_items(conn: Connection, source: str, items: list[str]) -> None:
    """These items were taken in (stored, or found already stored, or refused for good)."""
    fresh = sorted(set(items) - items_seen(conn, source, sorted(set(items))))
    stamp = _now().isoformat(timespec="seconds")
    add_item_rows(conn, source, fresh, stamp)


def forget_source(conn: Connection, source: str) -> None:
    drop_source_rows(conn, source)
