"""`casework resolve`, `cases`, `show`, `check`, `merge`, `split`: people and their cases across reports."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from casework import flow
from casework.case_files import list_cases, load_case, load_cases
from casework.cli.base import DB_OPTION, case_filter, case_filters, cli, open_db, pick_case
from casework.edits import merge_people, split_person
from casework.errors import NotFound
from casework.render import render_case


@cli.command()
@DB_OPTION
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Resolve every stored report again and rebuild every case (after a change of the matcher).",
)
def resolve(db: str | None, everything: bool) -> None:
    """Bring the reports stored since the last update into the cases (your merge/split judgements are
    kept); with --all, work out again who is who across all stored reports."""
    store = open_db(db)
    if not everything:
        done = flow.update_changed_cases(store)
        if not done.full:
            store.close()
            click.echo(
                f"casework: {done.documents} new reports, {done.mentions} person mentions resolved again, "
                f"{done.cases} cases rebuilt, {len(done.changes)} changes"
            )
            return
    result = flow.resolve_all(store)
    store.close()
    people = len(set(result.person_of.values()))
    click.echo(
        f"casework: {len(result.person_of)} person mentions, {people} people, {result.compared} pairs compared"
    )


@cli.command()
@DB_OPTION
@case_filters
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One JSON object per case (its summary; `show --json` gives the file).",
)
def cases(
    db: str | None, status: str | None, nationality: str | None, place: str | None,
    since: str | None, until: str | None, as_json: bool,
) -> None:  # fmt: skip
    """List the cases: person, status, since, where, sources, open findings."""
    store = open_db(db)
    with store.read() as conn:
        found = list_cases(conn, case_filter(status, nationality, place, since, until))
    store.close()
    if as_json:
        for c in found:
            sys.stdout.write(json.dumps(asdict(c), ensure_ascii=False) + "\n")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("case", "person", "status", "since", "where", "sources", "findings"):
        table.add_column(column, no_wrap=column != "person")
    for c in found:
        cells = (c.id, c.name, c.status, c.since or "", c.where or "", str(c.sources), str(c.findings))
        table.add_row(*(Text(x) for x in cells))
    Console(highlight=False).print(table)
    click.echo(f"{len(found)} cases", err=True)


@cli.command()
@click.argument("case")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="The case file as one JSON object.")
def show(case: str, db: str | None, as_json: bool) -> None:
    """The case file of CASE (its id or an id prefix, or any spelling of the person's name):
    profile, timeline, claims, findings, sources."""
    store = open_db(db)
    try:
        with store.read() as conn:
            found = load_case(conn, pick_case(conn, case))
    finally:
        store.close()
    if found is None:
        raise NotFound(f"no case {case!r} in the store (see `casework cases`)")
    if as_json:
        click.echo(json.dumps(found.to_json(), ensure_ascii=False))
        return
    render_case(found, Console(highlight=False, soft_wrap=False))


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one finding per line, with its case.")
def check(db: str | None, as_json: bool) -> None:
    """Every finding across the cases: conflicting accounts, single sources, duress, open questions, consular clock."""
    store = open_db(db)
    with store.read() as conn:
        found = load_cases(conn)
    store.close()
    rows = [(c, f) for c in found for f in c.findings]
    if as_json:
        for c, f in rows:
            sys.stdout.write(
                json.dumps({"case": c.id, "person": c.name, **f.to_json()}, ensure_ascii=False) + "\n"
            )
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("case", "person", "finding", "message"):
        table.add_column(column, no_wrap=column != "message")
    for c, f in rows:
        table.add_row(*(Text(x) for x in (c.id, c.name, f.kind, f.message)))
    Console(highlight=False).print(table)
    click.echo(f"{len(rows)} findings in {len(found)} cases", err=True)


@cli.command()
@click.argument("first")
@click.argument("second")
@DB_OPTION
def merge(first: str, second: str, db: str | None) -> None:
    """Say that FIRST and SECOND are one person (ids, id prefixes, names, or mentions as DOCUMENT:ENTITY)."""
    store = open_db(db)
    try:
        merge_people(store, first, second)
    finally:
        store.close()
    click.echo(f"casework: {first} and {second} are now one person")


@cli.command()
@click.argument("person")
@click.argument("mentions", nargs=-1, required=True)
@DB_OPTION
def split(person: str, mentions: tuple[str, ...], db: str | None) -> None:
    """Say that MENTIONS (DOCUMENT:ENTITY) are not PERSON (an id, id prefix or name): kept apart from now on."""
    store = open_db(db)
    try:
        split_person(store, person, list(mentions))
    finally:
        store.close()
    click.echo(f"casework: {len(mentions)} mention(s) split from {person}")
