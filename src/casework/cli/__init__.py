"""The command line: a thin layer over the library, one module per group of verbs.

Each module registers its commands on the `cli` group defined in base.py.
"""

from __future__ import annotations

import sys

import click

from casework.cli import (  # noqa: F401  (registers the commands)
    alerts,
    cases,
    evaluate,
    export,
    extract,
    ingest,
    review,
    serve,
    store,
    watch,
)
from casework.cli.base import cli
from casework.errors import CaseworkError

__all__ = ["cli", "main"]


def main() -> None:
    try:
        cli(standalone_mode=True)
    except CaseworkError as exc:  # pragma: no cover - last resort at the edge
        click.echo(f"casework: error: {exc}", err=True)
        sys.exit(exc.exit_code)
