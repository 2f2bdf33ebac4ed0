"""The `casework` command group, the options its commands share, and the store they open.

Errors from an input become one line on stderr naming the input and the
reason; the batch goes on; the exit code is 1 when anything was refused.
Any other CaseworkError ends the command with one line and the exit code its
class carries (errors.py): this group is the one place that maps them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import click
from sqlalchemy import Connection

from casework import __version__
from casework.budget import DEFAULT_SECONDS
from casework.case_files import CaseFilter
from casework.errors import Ambiguous, CaseworkError
from casework.lookup import one_case
from casework.store.database import Store, open_store


def check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


class CaseworkGroup(click.Group):
    """Ends a command that raised a CaseworkError with one line on stderr and the error's exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except CaseworkError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=CaseworkGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casework")
def cli() -> None:
    """casework: news reports about detained people in, sourced case facts out."""


DB_OPTION = click.option(
    "--db",
    envvar="CASEWORK_DB",
    metavar="PATH|URL",
    help="The store: a SQLite file path (default ./casework.db) or a database URL. Also $CASEWORK_DB.",
)


def fetch_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--allow-private, --timeout and --budget: how inputs are fetched and how long one may take."""
    for option in reversed(
        [
            click.option(
                "--allow-private", is_flag=True, help="Let URLs reach loopback and private network addresses."
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(0.1, 600),
                default=20.0,
                show_default=True,
                help="Seconds per URL.",
            ),
            click.option(
                "--budget",
                type=click.FloatRange(0.1, 86400),
                default=DEFAULT_SECONDS,
                show_default=True,
                help="Seconds of extraction per report; a slower one is stored without extraction, saying so.",
            ),
        ]
    ):
        func = option(func)
    return func


PIPELINE_OPTION = click.option(
    "--pipeline",
    "pipeline",
    multiple=True,
    metavar="STAGE=COMPONENT",
    help="Use this registered component for a stage (repeatable); also [pipeline] in ./casework.toml.",
)


def open_db(db: str | None, *, create: bool = False) -> Store:
    """The store named by --db; one that does not exist is an error unless the command creates stores."""
    return open_store(db, create=create)


def case_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filters of `casework cases`, shared by every command that takes a set of cases (`export`)."""
    options = [
        click.option(
            "--status",
            help="Only cases with this status (detained, charged, on trial, sentenced, released, deported, "
            "missing, dead, disputed, unknown).",
        ),
        click.option("--nationality", "--country", "nationality", help="Only people of this nationality."),
        click.option("--place", help="Only people last reported held here."),
        click.option(
            "--since", callback=check_date, metavar="YYYY-MM-DD", help="Status dates from this day on."
        ),
        click.option(
            "--until", callback=check_date, metavar="YYYY-MM-DD", help="Status dates up to this day."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def case_filter(status: str | None, nationality: str | None, place: str | None,
                since: str | None, until: str | None) -> CaseFilter:  # fmt: skip
    return CaseFilter(status=status, country=nationality, place=place, since=since, until=until)


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def pick_case(conn: Connection, ref: str) -> str:
    """The case REF means; when several fit and a person is at the keyboard, they choose from the
    list (a script gets the Ambiguous error, with the list, and exit code 4)."""
    try:
        return one_case(conn, ref)
    except Ambiguous as exc:
        if not interactive():
            raise
        click.echo(f"casework: {ref!r} fits {len(exc.choices)} cases:", err=True)
        for n, (case_id, name) in enumerate(exc.choices, start=1):
            click.echo(f"  {n}. {name} ({case_id})", err=True)
        n = click.prompt("Which one", type=click.IntRange(1, len(exc.choices)), err=True)
        return exc.choices[n - 1][0]
