"""One exception root; a rejected input always says which input and why."""

from __future__ import annotations


class CaseworkError(Exception):
    """Root of every error casework raises on purpose."""


class InputRejected(CaseworkError):
    """An input that cannot become a document, with the reason in plain words."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class ConfigError(CaseworkError):
    """A bad option or data file (e.g. a malformed ontology)."""
