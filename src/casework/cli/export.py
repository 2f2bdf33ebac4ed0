"""`casework export`: one case or all, as json, jsonl, csv, ftm, md or html."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from casework.case_files import list_cases, load_case, load_cases
from casework.citations import cited_in, report_refs
from casework.cli.base import DB_OPTION, case_filter, case_filters, cli, open_db, pick_case
from casework.errors import NotFound
from casework.export import FORMATS, write_export


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
@case_filters
def export(
    case: str | None, db: str | None, fmt: str, out: Path | None, status: str | None,
    nationality: str | None, place: str | None, since: str | None, until: str | None,
) -> None:  # fmt: skip
    """Hand on CASE (its id, an id prefix or any spelling of the name), or every case (or those the
    filters of `casework cases` let through), in a format other tools read."""
    store = open_db(db)
    try:
        with store.read() as conn:
            if case:
                found = load_case(conn, pick_case(conn, case))
                if found is None:
                    raise NotFound(f"no case {case!r} in the store (see `casework cases`)")
                cases = [found]
            else:
                wanted = {
                    c.id for c in list_cases(conn, case_filter(status, nationality, place, since, until))
                }
                cases = [c for c in load_cases(conn) if c.id in wanted]
            refs = report_refs(conn, cited_in(cases), with_text=fmt == "ftm")
    finally:
        store.close()
    count = write_export(cases, fmt, out if out is not None else sys.stdout, refs)
    if out is not None:
        click.echo(f"casework: {count} {'entities' if fmt == 'ftm' else 'cases'} written to {out}", err=True)
