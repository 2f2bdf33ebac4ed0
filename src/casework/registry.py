"""Extraction components under versioned names, spaCy-factory style.

Each stage keeps a registry; the pipeline asks for components by name
(`casework.timexes.v1`), so a better model can be registered as `...v2` and
chosen in `PipelineConfig` without touching the pipeline's order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from casework.errors import ConfigError

F = TypeVar("F", bound=Callable[..., object])


class Registry(Generic[F]):
    def __init__(self, stage: str) -> None:
        self.stage = stage
        self._items: dict[str, F] = {}

    def register(self, name: str) -> Callable[[F], F]:
        def add(func: F) -> F:
            if name in self._items and self._items[name] is not func:
                raise ConfigError(f"{self.stage}: {name!r} is registered twice")
            self._items[name] = func
            return func

        return add

    def get(self, name: str) -> F:
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise ConfigError(f"no {self.stage} component named {name!r} (known: {known})") from None

    def names(self) -> list[str]:
        return sorted(self._items)
