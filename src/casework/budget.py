"""A time budget for one document's extraction: a report built to be slow is stored unextracted, with the
reason, and the batch goes on.

SIGALRM interrupts Python code between bytecodes (spaCy's Python layers, casework's own loops); it needs
the main thread, so elsewhere (a Dask worker thread) the budget is not enforced.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from casework.errors import CaseworkError

DEFAULT_SECONDS = 120.0


class OverBudget(CaseworkError):
    """Extraction ran past its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"extraction took longer than the time budget ({seconds:g} s)")
        self.seconds = seconds


def _enforceable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget in the body once `seconds` have passed (None or 0: no limit)."""
    if not seconds or not _enforceable():
        yield
        return

    def _expire(_signum: int, _frame: FrameType | None) -> None:
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
