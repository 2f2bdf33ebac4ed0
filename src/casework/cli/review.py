"""`casework review`, `confirm`, `reject`, `correct`, `note`, `tag`, `field`, `history`, `undo`,
`decisions`, `user`: analysts' decisions on the extracted facts, and the people who make them.

The command line is trusted as far as the store file is: whoever can write it decides. `--as NAME`
(or $CASEWORK_REVIEWER) names the decision after a user of the store; without it the decision carries
the login name, marked `local:`. Roles and tokens guard the web app and its API (`casework serve`).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from casework.case_files import load_case
from casework.cli.base import DB_OPTION, cli, interactive, open_db, pick_case
from casework.errors import CaseworkError, NotFound
from casework.review.decide import annotate, decide, undo
from casework.review.history import case_history, unattached
from casework.review.queue import QueueItem, review_queue
from casework.review.record import CASE_FIELDS, REJECT_REASONS, Decision, all_decisions
from casework.review.users import ROLES, add_user, list_users, local_reviewer, named_user, remove_user
from casework.store.database import Store

AS_OPTION = click.option(
    "--as",
    "as_user",
    envvar="CASEWORK_REVIEWER",
    metavar="NAME",
    help="Decide as this user of the store (`casework user add`). Also $CASEWORK_REVIEWER.",
)
CASE_OPTION = click.option("--case", "case", metavar="CASE", help="The case the fact is decided in.")
NOTE_OPTION = click.option("--note", help="Why, in your words (kept with the decision).")


def _reviewer(store: Store, as_user: str | None) -> str:
    if not as_user:
        return local_reviewer()
    with store.read() as conn:
        return named_user(conn, as_user).name


def _said(d: Decision) -> None:
    click.echo(
        f"casework: decision {d.id}: {d.summary} (by {d.reviewer}; `casework undo {d.id}` takes it back)"
    )


@cli.command()
@click.argument("ref")
@DB_OPTION
@AS_OPTION
@CASE_OPTION
@NOTE_OPTION
def confirm(ref: str, db: str | None, as_user: str | None, case: str | None, note: str | None) -> None:
    """Confirm the fact REF: DOCUMENT:e3 (an event), DOCUMENT:c2 (a claim), DOCUMENT:t1 (a date) or
    CASE#f1 (a finding); `casework review` lists them."""
    store = open_db(db)
    try:
        _said(decide(store, _reviewer(store, as_user), "confirm", ref, note=note, case=case))
    finally:
        store.close()


@cli.command()
@click.argument("ref")
@DB_OPTION
@AS_OPTION
@CASE_OPTION
@NOTE_OPTION
@click.option(
    "--reason",
    help="Event: 'not an event' (default) or 'not a detainee' (the case's person, with --case); claim: "
    "'not a claim' or 'wrong speaker'; finding: 'not a problem'; case:NAME: 'not a detainee'.",
)
def reject(
    ref: str, db: str | None, as_user: str | None, case: str | None, note: str | None, reason: str | None
) -> None:
    """Reject the fact REF (as for `confirm`, or case:CASE for the whole case): it leaves the case, and
    stays listed as rejected with your reason."""
    store = open_db(db)
    try:
        _said(decide(store, _reviewer(store, as_user), "reject", ref, reason=reason, note=note, case=case))
    finally:
        store.close()


@cli.command()
@click.argument("ref")
@click.argument("field")
@click.argument("value")
@DB_OPTION
@AS_OPTION
@CASE_OPTION
@NOTE_OPTION
@click.option("--since", metavar="YYYY-MM-DD", help="With `case:CASE status STATE`: the day it holds from.")
def correct(
    ref: str, field: str, value: str, db: str | None, as_user: str | None, case: str | None,
    note: str | None, since: str | None,
) -> None:  # fmt: skip
    """Correct FIELD of the fact REF to VALUE: an event's type, date, place, subject or agent; a claim's
    speaker; a date's value; a case's status (`correct case:Osmonov status released --since 2024-04-01`).
    The extracted value is kept beside yours."""
    store = open_db(db)
    given: Any = {"state": value, "since": since} if field == "status" else value
    try:
        _said(
            decide(
                store,
                _reviewer(store, as_user),
                "correct",
                ref,
                field=field,
                value=given,
                note=note,
                case=case,
            )
        )
    finally:
        store.close()


def _annotate(
    action: str, case: str, text: str, db: str | None, as_user: str | None, field: str | None = None
) -> None:
    store = open_db(db)
    try:
        if not case.startswith("doc:"):
            with store.read() as conn:
                case = pick_case(conn, case)
        _said(annotate(store, _reviewer(store, as_user), action, case, text, field=field))
    finally:
        store.close()


@cli.command()
@click.argument("case")
@click.argument("text")
@DB_OPTION
@AS_OPTION
def note(case: str, text: str, db: str | None, as_user: str | None) -> None:
    """Add a note to CASE (its id, a prefix or a name), or to a report given as doc:ID."""
    _annotate("note", case, text, db, as_user)


@cli.command()
@click.argument("case")
@click.argument("tag")
@DB_OPTION
@AS_OPTION
def tag(case: str, tag: str, db: str | None, as_user: str | None) -> None:
    """Tag CASE (`priority`, `urgent appeal sent`)."""
    _annotate("tag", case, tag, db, as_user)


@cli.command(name="field")
@click.argument("case")
@click.argument("name", type=click.Choice(list(CASE_FIELDS)))
@click.argument("value")
@DB_OPTION
@AS_OPTION
def case_field(case: str, name: str, value: str, db: str | None, as_user: str | None) -> None:
    """Fill a field of CASE by hand where the reports are silent or wrong: detaining authority, place of
    custody, legal basis, charges, lawyer, family and consular access, consular notification."""
    _annotate("field", case, value, db, as_user, field=name)


@cli.command()
@click.argument("case")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per decision.")
def history(case: str, db: str | None, as_json: bool) -> None:
    """Every decision on CASE and its facts, oldest first (merges, splits, undone ones marked)."""
    store = open_db(db)
    try:
        with store.read() as conn:
            found = load_case(conn, pick_case(conn, case))
            if found is None:
                raise NotFound(f"no case {case!r}")
            decisions = case_history(conn, found)
    finally:
        store.close()
    _print_decisions(decisions, as_json)


def _print_decisions(decisions: list[Decision], as_json: bool) -> None:
    for d in decisions:
        if as_json:
            sys.stdout.write(json.dumps(d.to_json(), ensure_ascii=False) + "\n")
            continue
        undone = f"  [undone {d.undone_at} by {d.undone_by}]" if d.undone_at else ""
        why = f" — {d.note}" if d.note else ""
        click.echo(f"{d.id:>5}  {d.created_at}  {d.reviewer}: {d.summary}{why}{undone}")


@cli.command(name="undo")
@click.argument("decision", type=int)
@DB_OPTION
@AS_OPTION
def undo_command(decision: int, db: str | None, as_user: str | None) -> None:
    """Take back DECISION (its number in `casework history`): the facts and cases stand as before it."""
    store = open_db(db)
    try:
        d = undo(store, _reviewer(store, as_user), decision)
    finally:
        store.close()
    click.echo(f"casework: decision {d.id} undone: {d.summary}")


@cli.command()
@DB_OPTION
@click.option("--unattached", "only", is_flag=True, help="Only those whose fact is gone after a re-run.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per decision.")
def decisions(db: str | None, only: bool, as_json: bool) -> None:
    """Every review decision in the store; with --unattached, those no fact stands on any more."""
    store = open_db(db)
    try:
        with store.read() as conn:
            found = unattached(conn) if only else all_decisions(conn)
    finally:
        store.close()
    _print_decisions(found, as_json)
    if only:
        click.echo(f"{len(found)} decisions no fact stands on any more", err=True)


# --- the queue -----------------------------------------------------------------------------------

KEYS = "[c]onfirm  [r]eject  [e]dit (correct)  [s]kip  [q]uit"


@cli.command()
@DB_OPTION
@AS_OPTION
@click.option("--case", "case", metavar="CASE", help="Only this case's facts.")
@click.option("--limit", type=click.IntRange(1), help="At most this many facts.")
@click.option("--json", "as_json", is_flag=True, help="List the queue as JSON lines; decide nothing.")
def review(db: str | None, as_user: str | None, case: str | None, limit: int | None, as_json: bool) -> None:
    """The review queue: unreviewed facts of open cases, most consequential first (they open a case or set
    its status, rest on one source, or are disputed), each with its sentence. At a terminal, one key
    confirms, rejects or corrects each; otherwise the queue is listed."""
    store = open_db(db)
    try:
        with store.read() as conn:
            items = review_queue(conn, case=pick_case(conn, case) if case else None, limit=limit)
        if as_json or not interactive():
            for item in items:
                if as_json:
                    sys.stdout.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
                else:
                    _show_item(item)
            click.echo(f"{len(items)} facts to review", err=True)
            return
        reviewer = _reviewer(store, as_user)
        for n, item in enumerate(items, start=1):
            click.echo(f"\n[{n}/{len(items)}]", err=True)
            _show_item(item)
            if not _ask(store, reviewer, item):
                break
    finally:
        store.close()


def _show_item(item: QueueItem) -> None:
    why = ", ".join(item.why) or "unreviewed"
    click.echo(f"{item.ref}  {item.case_name} — {item.label}  ({why})")
    click.echo(f"    “{' '.join(item.evidence.text.split())}”")


def _ask(store: Store, reviewer: str, item: QueueItem) -> bool:
    """One key per fact; returns False to stop."""
    while True:
        click.echo(KEYS + " ", nl=False, err=True)
        key = click.getchar().lower()[:1]  # one keystroke, no Enter
        click.echo(key, err=True)
        if key == "q":
            return False
        if key == "s":
            return True
        if key not in ("c", "r", "e"):
            continue
        asked: dict[str, Any] = {"case": item.case_id}
        if key == "r":
            reasons = list(REJECT_REASONS.get(item.fact, ("",)))
            asked["reason"] = click.prompt("reason", type=click.Choice(reasons), default=reasons[0], err=True)
        elif key == "e":
            asked["field"] = click.prompt("field", err=True)
            asked["value"] = click.prompt("value", err=True)
        action = {"c": "confirm", "r": "reject", "e": "correct"}[key]
        try:
            _said(decide(store, reviewer, action, item.ref, **asked))
            return True
        except CaseworkError as exc:  # a bad value: say so and ask again
            click.echo(f"Error: {exc}", err=True)


# --- users ---------------------------------------------------------------------------------------


@cli.group()
def user() -> None:
    """The people who review: `user add NAME --role reviewer|admin` prints their token once."""


@user.command(name="add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="reviewer", show_default=True)
@DB_OPTION
def user_add(name: str, role: str, db: str | None) -> None:
    """Add NAME; prints the token once (only its hash is stored: keep it now)."""
    store = open_db(db)
    try:
        token = add_user(store, name, role)
    finally:
        store.close()
    click.echo(token)
    click.echo(f"casework: {role} {name} added; the line above is their token, shown this once", err=True)


@user.command(name="list")
@DB_OPTION
def user_list(db: str | None) -> None:
    """The users of the store, with their roles (never their tokens)."""
    store = open_db(db)
    try:
        with store.read() as conn:
            for u in list_users(conn):
                click.echo(f"{u.name}\t{u.role}\t{u.created_at}")
    finally:
        store.close()


@user.command(name="remove")
@click.argument("name")
@DB_OPTION
def user_remove(name: str, db: str | None) -> None:
    """Remove NAME: their token no longer opens anything (their decisions stay, under their name)."""
    store = open_db(db)
    try:
        remove_user(store, name)
    finally:
        store.close()
    click.echo(f"casework: user {name} removed")
