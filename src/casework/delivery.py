"""Alerts out: JSON Lines on stdout, a webhook (JSON body, HMAC-SHA256 signature), e-mail by SMTP.

Each channel has a cursor in the store: the id of the last alert it took. Alerts go out in id
order; the cursor moves after each one is taken, so a restart goes on where the last run stopped
(a kill between a send and its cursor update can send that one alert again: receivers may drop a
repeat by its `id`, which the webhook also sends as a header). A channel that fails is retried
with back-off, in the run and across runs; a failure is logged, never fatal. Secrets (the HMAC
key, the SMTP password) are read from the environment or a file and never printed or stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Protocol, TextIO

import httpx

from casework import __version__
from casework.alerting import Alert, load_alerts
from casework.errors import CaseworkError
from casework.printable import escape_controls
from casework.store.alert_rows import add_cursor_at_latest, cursor_row, set_cursor
from casework.store.database import Store

SIGNATURE_HEADER = "X-Casework-Signature"  # "sha256=" + hex HMAC-SHA256 of the body
MAX_BACKOFF = 86400.0


class DeliveryFailed(CaseworkError):
    """A channel did not take an alert; it is tried again later."""


class Channel(Protocol):
    @property
    def name(self) -> str: ...  # the cursor's key: a URL or an address, never a secret

    def send(self, alert: Alert) -> None: ...


def body(alert: Alert) -> bytes:
    return json.dumps(alert.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8")


def sign(secret: bytes, data: bytes) -> str:
    return "sha256=" + hmac.new(secret, data, hashlib.sha256).hexdigest()


@dataclass
class Stdout:
    out: TextIO = field(default_factory=lambda: sys.stdout)
    name: str = "stdout"

    def send(self, alert: Alert) -> None:
        self.out.write(body(alert).decode("utf-8") + "\n")
        self.out.flush()


@dataclass
class Webhook:
    url: str
    secret: bytes
    timeout: float = 10.0
    attempts: int = 3  # within one delivery; then the channel backs off until a later look
    pause: float = 0.5  # seconds before the second attempt, doubled each time

    @property
    def name(self) -> str:
        return f"webhook:{self.url}"

    def send(self, alert: Alert) -> None:
        data = body(alert)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": f"casework/{__version__}",
            SIGNATURE_HEADER: sign(self.secret, data),
            "X-Casework-Alert": str(alert.id),
        }
        reason = ""
        for attempt in range(self.attempts):
            if attempt:
                time.sleep(self.pause * 2 ** (attempt - 1))
            try:
                response = httpx.post(self.url, content=data, headers=headers, timeout=self.timeout)
            except httpx.HTTPError as exc:
                reason = f"{type(exc).__name__}"
                continue
            if response.status_code < 300:
                return
            reason = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code not in (408, 429):
                break  # the receiver refuses this body: asking again will not change its mind
        raise DeliveryFailed(f"webhook {self.url}: {reason} after {attempt + 1} attempt(s)")


@dataclass
class Mail:
    host: str
    port: int
    sender: str
    to: list[str]
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 20.0

    @property
    def name(self) -> str:
        return f"mail:{','.join(self.to)}"

    def send(self, alert: Alert) -> None:
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls()
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(message(alert, self.sender, self.to))
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryFailed(f"mail via {self.host}:{self.port}: {type(exc).__name__}") from None


def one_line(text: str, limit: int = 150) -> str:
    """Report text made safe for a header: no line breaks or controls, cut to LIMIT."""
    flat = escape_controls(" ".join(text.split()))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def alert_text(alert: Alert) -> str:
    """The alert as plain text: the case, what changed, the sentences (quoted, controls escaped)."""
    case = alert.detail.get("case") or {}
    lines = [
        f"{alert.kind}: {escape_controls(alert.summary)}",
        "",
        f"case {case.get('id')}: {escape_controls(str(case.get('name')))}",
        f"status: {case.get('status')}" + (f" since {case['since']}" if case.get("since") else ""),
        f"rule: {alert.rule}  ·  alert {alert.id}  ·  {alert.created_at}",
    ]
    evidence = alert.detail.get("evidence") or []
    if evidence:
        lines += ["", "What the reports say:"]
        for ev in evidence:
            text = escape_controls(" ".join(str(ev.get("text", "")).split()))
            lines.append(f'  "{text}" (report {ev.get("document")}, {ev.get("published") or "undated"})')
    return "\n".join(lines) + "\n"


def message(alert: Alert, sender: str, to: list[str]) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = one_line(f"[casework] {alert.summary}")
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["X-Casework-Alert"] = str(alert.id)
    msg.set_content(alert_text(alert))  # plain text only: nothing in it is markup
    return msg


def register(store: Store, channel: Channel) -> None:
    """A channel seen for the first time starts after the alerts already there (no flood of history)."""
    with store.write() as conn:
        add_cursor_at_latest(conn, channel.name)


def deliver(store: Store, channel: Channel, every: float, log: Callable[[str], None]) -> int:
    """Send CHANNEL the alerts after its cursor, in order; returns how many it took."""
    with store.read() as conn:
        row = cursor_row(conn, channel.name)
        if row.next_try and datetime.fromisoformat(row.next_try) > datetime.now(UTC):
            return 0
        alerts = load_alerts(conn, after=row.last_alert_id)
    failures = row.failures
    sent = 0
    for alert in alerts:
        try:
            channel.send(alert)
        except DeliveryFailed as exc:
            failures += 1
            wait = min(every * 2 ** (failures - 1), MAX_BACKOFF)
            later = (datetime.now(UTC) + timedelta(seconds=wait)).isoformat(timespec="microseconds")
            with store.write() as conn:
                set_cursor(
                    conn, channel.name, {"failures": failures, "next_try": later, "last_error": str(exc)}
                )
            log(f"casework: watch: {exc}; alert {alert.id} and later wait {wait:g} s (failure {failures})")
            return sent
        with store.write() as conn:
            set_cursor(
                conn,
                channel.name,
                {"last_alert_id": alert.id, "failures": 0, "next_try": None, "last_error": None},
            )
        failures = 0
        sent += 1
    return sent
