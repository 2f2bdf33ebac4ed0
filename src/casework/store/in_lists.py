"""Long lists of ids cut into IN (...) lists of at most CHUNK: well under every back end's limit on
bound parameters."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 500


def chunks(items: Sequence[T]) -> list[Sequence[T]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def read_in_chunks(items: Sequence[T], read: Callable[[Sequence[T]], Iterable[R]]) -> list[R]:
    """What READ gives for each IN list of ITEMS, in order, as one list."""
    return [row for chunk in chunks(items) for row in read(chunk)]
