"""`casework export`: one case or all, as json, jsonl, csv, ftm, md or html."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from casework.cases import load_case, load_cases
from casework.cli.base import DB_OPTION, cli, open_db
from casework.errors import NotFound
from casework.export import FORMATS, write_export
from casework.lookup import one_case


@cli.command()
@click.argument("case", required=False)
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help="json, jsonl (a case a line), csv (four tables), ftm (FollowTheMoney entities), md or html.",
)
@click.option("--out", "-o", type=click.Path(path_type=Path),
              help="File to write (a folder for csv); standard output when not given.")  # fmt: skip
def export(case: str | None, db: str | None, fmt: str, out: Path | None) -> None:
    """Hand on CASE (its id, an id prefix or any spelling of the name), or every case, in a format other tools read."""
    store = open_db(db)
    try:
        with store.read() as conn:
            if case:
                found = load_case(conn, one_case(conn, case))
                if found is None:
                    raise NotFound(f"no case {case!r} in the store (see `casework cases`)")
                cases = [found]
            else:
                cases = load_cases(conn)
    finally:
        store.close()
    count = write_export(cases, fmt, out if out is not None else sys.stdout)
    if out is not None:
        click.echo(f"casework: {count} {'entities' if fmt == 'ftm' else 'cases'} written to {out}", err=True)
