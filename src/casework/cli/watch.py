"""`casework watch`: follow sources on a schedule, update cases as reports arrive, deliver alerts."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from casework.cli.base import DB_OPTION, cli, fetch_options, open_db
from casework.delivery import Channel, Mail, Stdout, Webhook
from casework.errors import ConfigError
from casework.ingest.web import FetchPolicy
from casework.watch.loop import Watcher

_SPAN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_span(value: str) -> float:
    """'15m', '1h', '30s', '1d' or a number of seconds."""
    m = _SPAN.match(value.lower())
    if not m or float(m.group(1)) <= 0:
        raise click.BadParameter(f"{value!r} is not a time span such as 30s, 15m, 1h or 1d")
    return float(m.group(1)) * _UNIT[m.group(2)]


def secret(env: str, file: str | None, what: str) -> str | None:
    """A secret from its file (first line) or its environment variable; never from the command line,
    where `ps` and shell histories would show it."""
    if file:
        try:
            return Path(file).read_text(encoding="utf-8").splitlines()[0].strip()
        except (OSError, UnicodeDecodeError, IndexError) as exc:
            raise ConfigError(f"cannot read the {what} from {file}: {type(exc).__name__}") from None
    return os.environ.get(env) or None


def _channels(
    json_lines: bool,
    webhook: str | None,
    webhook_secret_file: str | None,
    smtp: str | None,
    mail_from: str | None,
    mail_to: tuple[str, ...],
    smtp_user: str | None,
    smtp_password_file: str | None,
    smtp_starttls: bool,
) -> list[Channel]:
    out: list[Channel] = [Stdout()] if json_lines else []
    if webhook:
        key = secret("CASEWORK_WEBHOOK_SECRET", webhook_secret_file, "webhook secret")
        if not key:
            raise ConfigError(
                "--webhook needs a signing key: $CASEWORK_WEBHOOK_SECRET or --webhook-secret-file"
            )
        out.append(Webhook(webhook, key.encode("utf-8")))
    if smtp:
        host, _, port = smtp.rpartition(":")
        if not host or not port.isdigit():
            raise ConfigError(f"--smtp {smtp!r}: give HOST:PORT")
        if not mail_to or not mail_from:
            raise ConfigError("--smtp needs --mail-from and at least one --mail-to")
        password = secret("CASEWORK_SMTP_PASSWORD", smtp_password_file, "SMTP password")
        out.append(Mail(host, int(port), mail_from, list(mail_to), smtp_user, password, smtp_starttls))
    elif mail_to:
        raise ConfigError("--mail-to needs --smtp HOST:PORT")
    return out


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@DB_OPTION
@click.option("--every", default="15m", show_default=True, help="Time between looks: 30s, 15m, 1h, 1d.")
@click.option(
    "--once", is_flag=True, help="One look at every source, then exit (for cron and systemd timers)."
)
@click.option("--no-json", "no_json", is_flag=True, help="Do not print the alerts as JSON Lines on stdout.")
@click.option(
    "--webhook", metavar="URL", help="POST each alert here (JSON, signed; key in $CASEWORK_WEBHOOK_SECRET)."
)
@click.option("--webhook-secret-file", metavar="FILE", help="Read the webhook's HMAC key from FILE instead.")
@click.option("--smtp", metavar="HOST:PORT", help="Mail each alert through this SMTP server.")
@click.option("--mail-from", metavar="ADDRESS", help="The alerts' sender address.")
@click.option("--mail-to", metavar="ADDRESS", multiple=True, help="A recipient (repeatable).")
@click.option("--smtp-user", metavar="NAME", help="Log in as NAME (password in $CASEWORK_SMTP_PASSWORD).")
@click.option("--smtp-password-file", metavar="FILE", help="Read the SMTP password from FILE instead.")
@click.option("--smtp-starttls", is_flag=True, help="Switch the SMTP connection to TLS before logging in.")
@fetch_options
def watch(
    sources: tuple[str, ...],
    db: str | None,
    every: str,
    once: bool,
    no_json: bool,
    webhook: str | None,
    webhook_secret_file: str | None,
    smtp: str | None,
    mail_from: str | None,
    mail_to: tuple[str, ...],
    smtp_user: str | None,
    smtp_password_file: str | None,
    smtp_starttls: bool,
    allow_private: bool,
    timeout: float,
    budget: float,
) -> None:
    """Watch SOURCES (feeds and pages by URL, folders, files, WARC folders, @FILE lists of URLs):
    each new item is ingested once, the cases it touches are updated, and the alerts your rules
    fire (`casework alert add`) are printed as JSON Lines and sent by webhook and e-mail.

    Fetch errors are logged and the source backs off (doubling its wait); SIGTERM stops after the
    source being read. Creates the store if need be.
    """
    seconds = parse_span(every)
    channels = _channels(
        not no_json, webhook, webhook_secret_file, smtp, mail_from, mail_to, smtp_user, smtp_password_file,
        smtp_starttls,
    )  # fmt: skip
    store = open_db(db, create=True)
    policy = FetchPolicy(timeout=timeout, allow_private=allow_private)

    def log(line: str) -> None:
        click.echo(line, err=True)

    try:
        ok = Watcher(store, list(sources), seconds, policy, channels, budget, log).run(once=once)
    finally:
        store.close()
    if not ok:
        sys.exit(1)
