"""One exception tree; a rejected input always says which input and why.

Each class carries the exit code the command line ends with and the HTTP status
the web app answers with, so both edges map an error the same way, in one place
each (cli/base.py, web/app.py).
"""

from __future__ import annotations


class CaseworkError(Exception):
    """Root of every error casework raises on purpose."""

    exit_code = 1
    http_status = 400


class InputRejected(CaseworkError):
    """An input that cannot become a document, with the reason in plain words."""

    http_status = 422

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


class ConfigError(CaseworkError):
    """A bad option or data file (e.g. a malformed ontology, a store of another schema version)."""

    exit_code = 2
    http_status = 500


class BadRequest(CaseworkError):
    """A request that cannot be carried out as asked (merge a person with itself, sort by no column)."""

    exit_code = 2
    http_status = 422


class NotFound(CaseworkError):
    """A case, person, report or mention the store does not hold."""

    exit_code = 3
    http_status = 404


class Forbidden(CaseworkError):
    """A user without the role an action needs (a reviewer managing users), or without a valid token."""

    exit_code = 1
    http_status = 403


class StoreNotFound(NotFound):
    """A store that does not exist; only `ingest` and `db init` create one."""


class Ambiguous(CaseworkError):
    """A reference (an id prefix, a name) that fits several things: the message lists them."""

    exit_code = 4
    http_status = 409

    def __init__(self, ref: str, what: str, choices: list[tuple[str, str]]) -> None:
        listed = "; ".join(f"{key} {label}" for key, label in choices)
        super().__init__(f"{ref!r} fits {len(choices)} {what}: {listed} (give one of these ids)")
        self.ref = ref
        self.choices = choices
