"""`casework serve`: the case browser and JSON API on the store."""

from __future__ import annotations

import ipaddress

import click

from casework.cli.base import DB_OPTION, cli, open_db


@cli.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on."
)
@click.option(
    "--token",
    envvar="CASEWORK_TOKEN",
    help="Allow merge and split to requests carrying this token (also $CASEWORK_TOKEN). Without it: read-only.",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this host name (repeatable); loopback names and --host always are.",
)
def serve(db: str | None, host: str, port: int, token: str | None, allowed_hosts: tuple[str, ...]) -> None:
    """Browse the cases at http://HOST:PORT/ (JSON API under /api, schema at /api/openapi.json)."""
    import uvicorn

    from casework.web.app import create_app
    from casework.web.guard import served_names

    if token is not None and len(token) < 12:
        raise click.BadParameter("use a token of 12 characters or more", param_hint="--token")
    if not _loopback(host):
        click.echo(f"casework: listening on {host}: anyone who can reach it can read the cases", err=True)
    store = open_db(db)
    click.echo(
        f"casework: serving on http://{host}:{port}/ ({'merge/split with token' if token else 'read-only'})",
        err=True,
    )
    from casework.review.users import list_users

    with store.read() as conn:
        users = list_users(conn)
    if users:  # review is open to them: say so, as the line above says what the token opens
        click.echo(
            f"casework: {len(users)} user(s) may sign in at /login to review (docs/review.md)", err=True
        )
    try:
        app = create_app(store, token, allowed_hosts=served_names(host, allowed_hosts))
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
