"""`casework search` and `casework db`: finding reports, and keeping the store's schema current."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from casework.cli.base import DB_OPTION, check_date, cli, open_db, pick_case
from casework.store.database import open_store
from casework.store.schema import SCHEMA_VERSION
from casework.store.search import search


@cli.command("search")
@click.argument("query")
@DB_OPTION
@click.option(
    "--since", callback=check_date, metavar="YYYY-MM-DD", help="Reports published on or after this day."
)
@click.option(
    "--until", callback=check_date, metavar="YYYY-MM-DD", help="Reports published on or before this day."
)
@click.option("--site", help="Only reports from this site (as `casework documents` shows it).")
@click.option(
    "--case", "case_id", metavar="CASE", help="Only reports about this case (id, id prefix or name)."
)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per matching report.")
def search_command(
    query: str, db: str | None, since: str | None, until: str | None, site: str | None,
    case_id: str | None, limit: int, as_json: bool,
) -> None:  # fmt: skip
    """Find stored reports by their words and the names in them, best first."""
    store = open_db(db)
    try:
        with store.read() as conn:
            person = pick_case(conn, case_id) if case_id else None
            hits = search(conn, query, since=since, until=until, site=site, person=person, limit=limit)
    finally:
        store.close()
    if as_json:
        for h in hits:
            sys.stdout.write(json.dumps(asdict(h), ensure_ascii=False) + "\n")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("id", "date", "title", "where it says so"):
        table.add_column(column, no_wrap=column in ("id", "date"), overflow="fold")
    for h in hits:
        table.add_row(*(Text(x) for x in (h.document_id, h.published or "", h.title or "", h.snippet)))
    Console(highlight=False).print(table)
    click.echo(f"{len(hits)} reports", err=True)


@cli.group()
def db() -> None:
    """The store itself: its schema version and upgrades."""


@db.command("init")
@DB_OPTION
def db_init(db: str | None) -> None:
    """Create an empty store (a SQLite file and its folder, or the tables in a database); an existing one is kept."""
    store = open_store(db, create=True)
    store.close()
    click.echo(f"casework: store ready, schema version {SCHEMA_VERSION}")


@db.command("upgrade")
@DB_OPTION
def db_upgrade(db: str | None) -> None:
    """Upgrade an existing store to this casework's schema, in place (data kept)."""
    store = open_store(db, upgrade=True, create=False)
    before = store.upgraded_from
    store.close()
    if before is None:
        click.echo(f"casework: store is at schema version {SCHEMA_VERSION} already")
    else:
        click.echo(f"casework: store upgraded from schema version {before} to {SCHEMA_VERSION}")
