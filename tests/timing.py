"""How the cost of a call grows with its input, as a ratio: never an absolute time, which a busy
machine would break."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def seconds(fn: Callable[[T], object], arg: T) -> float:
    """Best of three per-call times, each over enough calls to last a few milliseconds."""
    reps = 1
    while True:
        start = time.perf_counter()
        for _ in range(reps):
            fn(arg)
        total = time.perf_counter() - start
        if total > 0.003 or reps >= 1024:
            break
        reps *= 4
    best = total / reps
    for _ in range(2):
        start = time.perf_counter()
        for _ in range(reps):
            fn(arg)
        best = min(best, (time.perf_counter() - start) / reps)
    return best


def growth(fn: Callable[[T], object], small: T, large: T) -> float:
    """Time on `large` over time on `small`."""
    return seconds(fn, large) / seconds(fn, small)
