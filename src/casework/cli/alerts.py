"""`casework alert add|list|remove|log` and `casework digest`: rules that tell people when a case
moves, the alerts they fired, and one summary a day for those who prefer it."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

import click

from casework.alerting import KINDS, Rule, add_rule, list_rules, load_alerts, remove_rule
from casework.cli.base import DB_OPTION, cli, open_db
from casework.cli.watch import parse_span
from casework.delivery import body
from casework.digest import render_digest


@cli.group()
def alert() -> None:
    """Alert rules: which case changes to be told about."""


@alert.command("add")
@click.argument("name")
@DB_OPTION
@click.option("--when", "kind", type=click.Choice(KINDS), required=True, help="The kind of change.")
@click.option(
    "--nationality", help="Only people of this nationality (a code such as KG, a country or a demonym)."
)
@click.option("--country", help="Only people held in this country (code, name or demonym).")
@click.option("--person", help="Only a person of this name (any spelling the name matcher knows).")
@click.option(
    "--days", type=click.IntRange(1, 36500), help="consular-overdue: days from detention without an act."
)
def alert_add(
    name: str, db: str | None, kind: str, nationality: str | None, country: str | None, person: str | None,
    days: int | None,
) -> None:  # fmt: skip
    """Add the rule NAME; it fires once per matching change from the next update on."""
    store = open_db(db)
    rule = Rule(name, kind, nationality, country, person, days)
    with store.write() as conn:
        add_rule(conn, rule)
    store.close()
    click.echo(f"casework: alert {name}: {rule.describe()}")


@alert.command("list")
@DB_OPTION
def alert_list(db: str | None) -> None:
    """The rules, one a line."""
    store = open_db(db)
    with store.read() as conn:
        rules = list_rules(conn)
    store.close()
    for rule in rules:
        click.echo(f"{rule.name}\t{rule.describe()}")


@alert.command("remove")
@click.argument("name")
@DB_OPTION
def alert_remove(name: str, db: str | None) -> None:
    """Remove the rule NAME (the alerts it fired are kept)."""
    store = open_db(db)
    with store.write() as conn:
        remove_rule(conn, name)
    store.close()
    click.echo(f"casework: alert {name} removed")


@alert.command("log")
@DB_OPTION
@click.option("--since", default="7d", show_default=True, help="How far back: 1h, 1d, 7d.")
def alert_log(db: str | None, since: str) -> None:
    """The alerts fired, oldest first, as JSON Lines (what watch prints and the webhook posts)."""
    store = open_db(db)
    start = (datetime.now(UTC) - timedelta(seconds=parse_span(since))).isoformat(timespec="microseconds")
    with store.read() as conn:
        found = load_alerts(conn, since=start)
    store.close()
    for a in found:
        sys.stdout.write(body(a).decode("utf-8") + "\n")


@cli.command()
@DB_OPTION
@click.option("--since", default="1d", show_default=True, help="How far back: 1d, 12h, 7d.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
def digest(db: str | None, since: str, fmt: str) -> None:
    """New cases and changes in cases since then, in Markdown or HTML: one e-mail a day."""
    store = open_db(db)
    now = datetime.now(UTC)
    start = now - timedelta(seconds=parse_span(since))
    with store.read() as conn:
        text = render_digest(conn, start, now, fmt)
    store.close()
    sys.stdout.write(text)
