"""Alert rules, and the alerts they fire: one per rule and logged change, never two.

A rule names a kind of change (new-case, status-change, new-finding, consular-overdue) and
optional filters: the person's nationality, the country that holds them, a name. Firing happens in
the transaction that logs the change (changes.py), so an alert exists exactly when its change does;
delivering it (delivery.py) is a separate, retried step that remembers how far each channel got.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml
from sqlalchemy import Connection

from casework.changes import countries_in, log_changes, now, overdue_changes
from casework.errors import BadRequest, NotFound
from casework.ontology import load_gazetteer
from casework.resolve.names import same_word
from casework.store.alert_rows import (
    add_alert_row,
    add_rule_row,
    alert_exists,
    alert_rows,
    drop_rule_row,
    rule_exists,
    rule_rows,
)
from casework.store.change_rows import change_rows_with_ids

KINDS = ("new-case", "status-change", "new-finding", "consular-overdue")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    text = files("casework").joinpath("data", "country_codes.yaml").read_text(encoding="utf-8")
    return {str(k).upper(): str(v) for k, v in (yaml.safe_load(text).get("codes") or {}).items()}


def country(value: str) -> str | None:
    """A country from an ISO code (KG), a name (Kyrgyzstan) or a demonym (Kyrgyz)."""
    value = value.strip()
    return (
        _codes().get(value.upper())
        or load_gazetteer().country_of(value)
        or (load_gazetteer().country_of(value.title()))
    )


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    nationality: str | None = None
    country: str | None = None
    person: str | None = None
    days: int | None = None

    def describe(self) -> str:
        parts = [self.kind]
        for label, value in (
            ("nationality", self.nationality),
            ("country", self.country),
            ("person", self.person),
            ("days", self.days),
        ):
            if value is not None:
                parts.append(f"--{label} {value}")
        return " ".join(parts)

    def matches(self, kind: str, key: str, case: dict[str, Any]) -> bool:
        if kind != self.kind:
            return False
        if self.kind == "consular-overdue" and key != f"consular-overdue:{self.days}":
            return False
        if self.nationality:
            want = country(self.nationality)
            have = {c for n in case.get("nationality") or [] for c in [country(n), *countries_in(n)] if c}
            if want not in have:
                return False
        if self.country and country(self.country) not in set(case.get("held_in") or []):
            return False
        if self.person:
            words = self.person.split()
            names = [case.get("name") or "", *(case.get("names") or [])]
            if not any(_names_fit(words, n) for n in names):
                return False
        return True


def _names_fit(words: list[str], name: str) -> bool:
    """Every word of the rule's name is a word of NAME, in any spelling the name matcher knows."""
    theirs = name.split()
    return bool(theirs) and all(any(same_word(w, x) for x in theirs) for w in words)


def add_rule(conn: Connection, rule: Rule) -> None:
    if not _NAME.match(rule.name):
        raise BadRequest(f"alert name {rule.name!r}: letters, digits, '.', '_' and '-', at most 64")
    if rule.kind not in KINDS:
        raise BadRequest(f"unknown alert kind {rule.kind!r}: one of {', '.join(KINDS)}")
    if rule.kind == "consular-overdue" and not rule.days:
        raise BadRequest("a consular-overdue alert needs --days N")
    if rule.days is not None and rule.kind != "consular-overdue":
        raise BadRequest("--days is for consular-overdue alerts only")
    for label, value in (("nationality", rule.nationality), ("country", rule.country)):
        if value is not None and country(value) is None:
            raise BadRequest(f"--{label} {value!r}: not a country casework knows (a code, name or demonym)")
    if rule_exists(conn, rule.name):
        raise BadRequest(f"an alert named {rule.name!r} exists already (remove it first)")
    add_rule_row(
        conn,
        {
            "name": rule.name,
            "kind": rule.kind,
            "nationality": rule.nationality,
            "country": rule.country,
            "person": rule.person,
            "days": rule.days,
            "created_at": now(),
        },
    )


def remove_rule(conn: Connection, name: str) -> None:
    if not rule_exists(conn, name):
        raise NotFound(f"no alert named {name!r}")
    drop_rule_row(conn, name)


def list_rules(conn: Connection) -> list[Rule]:
    return [Rule(x.name, x.kind, x.nationality, x.country, x.person, x.days) for x in rule_rows(conn)]


def fire_alerts(conn: Connection, change_ids: list[int]) -> int:
    """An alert for each rule each of these changes fits; returns how many fired."""
    rules = list_rules(conn)
    if not rules or not change_ids:
        return 0
    fired = 0
    for i in range(0, len(change_ids), 500):  # a batch at a time, as the rows were read before
        for row in change_rows_with_ids(conn, change_ids[i : i + 500]):
            case = json.loads(row.detail).get("case") or {}
            for rule in rules:
                if rule.matches(row.kind, row.key, case) and not alert_exists(conn, rule.name, row.id):
                    add_alert_row(conn, rule.name, row.id, now())
                    fired += 1
    return fired


def check_overdue(conn: Connection, today: date | None = None) -> int:
    """Log (once per case and rule's N) the cases past a consular-overdue rule's days; fire alerts."""
    ids: list[int] = []
    for days in sorted({r.days for r in list_rules(conn) if r.kind == "consular-overdue" and r.days}):
        ids.extend(log_changes(conn, overdue_changes(conn, days, today)))
    return fire_alerts(conn, ids)


@dataclass
class Alert:
    id: int
    rule: str
    created_at: str
    case_id: str
    kind: str
    name: str
    summary: str
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The alert as JSON Lines, the webhook body and the feed's content all give it."""
        return {
            "schema": "casework.alert/1",
            "id": self.id,
            "rule": self.rule,
            "at": self.created_at,
            "kind": self.kind,
            "summary": self.summary,
            **self.detail,
        }


def load_alerts(
    conn: Connection,
    *,
    after: int = 0,
    since: str | None = None,
    limit: int | None = None,
    newest: bool = False,
) -> list[Alert]:
    """Alerts with an id above AFTER (and created from SINCE on), oldest first unless NEWEST."""
    return [
        Alert(r.id, r.rule, r.created_at, r.case_id, r.kind, r.name, r.summary, json.loads(r.detail))
        for r in alert_rows(conn, after=after, since=since, limit=limit, newest=newest)
    ]
