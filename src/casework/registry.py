"""Extraction components under versioned names, spaCy-factory style.

Each stage keeps a registry; the pipeline asks for components by name
(`casework.timexes.v1`), so a better model can be registered as `...v2` and
chosen by `--pipeline timexes=...v2` or a `casework.toml` without touching the
pipeline's order. A component says which languages it serves and which of a
document's fields it needs and fills; the pipeline checks both.

Components outside this package are found through the `casework.components`
entry-point group: each entry point names a module that registers its
components when imported.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Generic, TypeVar

from casework.errors import ConfigError

F = TypeVar("F", bound=Callable[..., object])

ENTRY_POINTS = "casework.components"
_plugins_loaded = False


@dataclass(frozen=True)
class Component(Generic[F]):
    """A registered step: its versioned name, the function, and what it serves, needs and fills."""

    name: str
    func: F
    languages: frozenset[str]
    requires: tuple[str, ...] = ()  # Document fields that must be filled before it runs
    assigns: tuple[str, ...] = ()  # Document fields whose facts it makes (stamped with its name)

    def serves(self, language: str) -> bool:
        return "*" in self.languages or language in self.languages


def _load_plugins() -> None:
    """Import every module the `casework.components` entry points name, once."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for entry in importlib.metadata.entry_points(group=ENTRY_POINTS):
        try:
            entry.load()
        except Exception as exc:  # a broken plugin names itself instead of breaking every command
            raise ConfigError(
                f"component plugin {entry.name!r} ({entry.value}) failed to load: {exc}"
            ) from exc


class Registry(Generic[F]):
    """One stage's components. REQUIRES and ASSIGNS are what a component of the stage needs and fills
    unless it registers otherwise."""

    def __init__(self, stage: str, *, requires: Collection[str] = (), assigns: Collection[str] = ()) -> None:
        self.stage = stage
        self.requires = tuple(requires)
        self.assigns = tuple(assigns)
        self._items: dict[str, Component[F]] = {}

    def register(
        self,
        name: str,
        *,
        languages: Collection[str] = ("en",),
        requires: Collection[str] | None = None,
        assigns: Collection[str] | None = None,
    ) -> Callable[[F], F]:
        needs = self.requires if requires is None else tuple(requires)
        fills = self.assigns if assigns is None else tuple(assigns)

        def add(func: F) -> F:
            known = self._items.get(name)
            if known is not None and known.func is not func:
                raise ConfigError(f"{self.stage}: {name!r} is registered twice")
            self._items[name] = Component(name, func, frozenset(languages), needs, fills)
            return func

        return add

    def spec(self, name: str) -> Component[F]:
        if name not in self._items:
            _load_plugins()
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise ConfigError(f"no {self.stage} component named {name!r} (known: {known})") from None

    def get(self, name: str) -> F:
        return self.spec(name).func

    def names(self) -> list[str]:
        _load_plugins()
        return sorted(self._items)

    def serving(self, language: str) -> list[str]:
        """The names of the components that serve LANGUAGE, in name order."""
        return [n for n in self.names() if self._items[n].serves(language)]
