"""The watcher's round, written once: look at each source, ingest what is new, update the cases
incrementally, fire alerts, deliver them; then wait, and again, until SIGTERM (or after one round).

Nothing is lost or doubled across a kill: a report is stored once (its id is its text's hash), an
item is remembered after its report's transaction, the cases take in every report still pending,
and an alert exists exactly when its change was logged.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType

from sqlalchemy.exc import SQLAlchemyError

from casework.alerting import check_overdue
from casework.batch import Batch, Outcome
from casework.delivery import Channel, deliver, register
from casework.errors import CaseworkError, InputRejected
from casework.incremental import update_changed_cases
from casework.ingest.loader import RawInput
from casework.ingest.web import FetchPolicy
from casework.printable import escape_controls
from casework.store.database import Store
from casework.store.watch_rows import items_seen
from casework.watch.memory import record_failure, record_success, remember_items, source_state
from casework.watch.poll import SourceFailed, look, watched_sources


@dataclass
class Round:
    ingested: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed_sources: int = 0
    changes: int = 0
    delivered: int = 0

    def line(self) -> str:
        return (
            f"casework: watch: {self.ingested} new reports, {self.duplicates} already stored, "
            f"{self.skipped} refused, {self.failed_sources} sources failed, {self.changes} case changes, "
            f"{self.delivered} alert deliveries"
        )


@dataclass
class Watcher:
    store: Store
    sources: list[str]
    every: float
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    channels: list[Channel] = field(default_factory=list)
    budget: float | None = None
    log: Callable[[str], None] = print
    stopping: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        for channel in self.channels:
            register(self.store, channel)

    def stop(self, signum: int = 0, _frame: FrameType | None = None) -> None:
        """SIGTERM: finish the source being read, then stop (the store is consistent at every commit)."""
        self.stopping.set()

    def run(self, *, once: bool = False) -> bool:
        """Rounds until stopped (or one); returns False when a round failed (the last, with ONCE)."""
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        ok = True
        while not self.stopping.is_set():
            try:
                self.log(self.round().line())
                ok = True
            except (CaseworkError, SQLAlchemyError) as exc:
                # the store busy or full, say: everything committed stands, the next round goes on
                ok = False
                reason = getattr(exc, "orig", None) or exc
                self.log(
                    f"casework: watch: round stopped: {escape_controls(str(reason))}; next round in {self.every:g} s"
                )
            if once:
                return ok
            self.stopping.wait(self.every)
        self.log("casework: watch: stopped")
        return ok

    def round(self) -> Round:
        done = Round()
        batch: Batch | None = None  # made at the first new item: it reads the stored ids once a round
        for source in watched_sources(self.sources):
            if self.stopping.is_set():
                break
            batch = self._look(source, done, batch)
        update = update_changed_cases(self.store)
        done.changes = len(update.changes)
        with self.store.write() as conn:
            done.changes += check_overdue(conn)
        for channel in self.channels:
            done.delivered += deliver(self.store, channel, self.every, self.log)
        return done

    def _look(self, source: str, done: Round, batch: Batch | None) -> Batch | None:
        with self.store.read() as conn:
            state = source_state(conn, source)
        wait = state.waiting()
        if wait > 0:
            return batch  # backing off: said when it failed
        try:
            found = look(source, state, self.policy)
        except SourceFailed as exc:
            with self.store.write() as conn:
                failed = record_failure(conn, source, str(exc), self.every)
            done.failed_sources += 1
            self.log(
                f"casework: watch: {escape_controls(str(exc))}; next try in {failed.waiting():.0f} s "
                f"(failure {failed.failures})"
            )
            return batch
        with self.store.read() as conn:
            seen = items_seen(conn, source, [k for k, _ in found.items])
        fresh: dict[str, RawInput | InputRejected] = {}
        for key, item in found.items:
            if key not in seen:
                fresh.setdefault(key, item)  # a feed that lists an item twice: once
        keys = list(fresh)
        outcomes: list[Outcome] = []
        if keys:
            batch = batch or Batch(self.store, budget=self.budget)
            batch.run(list(fresh.values()), on_outcome=outcomes.append)
        # one outcome per input, in input order (batch.py): the item each outcome is for
        for outcome in outcomes:
            if outcome.status in ("ingested", "near_duplicate", "not_extracted"):
                done.ingested += 1
            elif outcome.status == "duplicate":
                done.duplicates += 1
            else:
                done.skipped += 1
                self.log(f"casework: watch: refused {escape_controls(outcome.name)}: {outcome.reason}")
        with self.store.write() as conn:
            remember_items(conn, source, keys[: len(outcomes)])
            record_success(conn, source, found.etag, found.last_modified)
        return batch
