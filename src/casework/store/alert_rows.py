"""Alert rules (`alert_rules`), the alerts they fired (`alerts`, joined to the change each is for) and
how far each delivery channel got (`delivery_cursors`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update

from casework.store import schema as t


def rule_exists(conn: Connection, name: str) -> bool:
    r = t.alert_rules.c
    return conn.execute(select(r.name).where(r.name == name)).first() is not None


def add_rule_row(conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(insert(t.alert_rules).values(**values))


def drop_rule_row(conn: Connection, name: str) -> None:
    conn.execute(delete(t.alert_rules).where(t.alert_rules.c.name == name))


def rule_rows(conn: Connection) -> list[Row[Any]]:
    """Every rule (name, kind, nationality, country, person, days), by name."""
    return list(conn.execute(select(t.alert_rules).order_by(t.alert_rules.c.name)))


def alert_exists(conn: Connection, rule: str, change_id: int) -> bool:
    a = t.alerts.c
    return conn.execute(select(a.id).where(a.rule == rule, a.change_id == change_id)).first() is not None


def add_alert_row(conn: Connection, rule: str, change_id: int, at: str) -> None:
    conn.execute(insert(t.alerts).values(rule=rule, change_id=change_id, created_at=at))


def alert_rows(
    conn: Connection, *, after: int, since: str | None, limit: int | None, newest: bool
) -> list[Row[Any]]:
    """Alerts above id AFTER (created from SINCE on), each with its change (case_id, kind, name,
    summary, detail), oldest first unless NEWEST, at most LIMIT."""
    a, c = t.alerts.c, t.case_changes.c
    query = (
        select(a.id, a.rule, a.created_at, c.case_id, c.kind, c.name, c.summary, c.detail)
        .join(t.case_changes, c.id == a.change_id)
        .where(a.id > after)
        .order_by(a.id.desc() if newest else a.id)
    )
    if since:
        query = query.where(a.created_at >= since)
    if limit:
        query = query.limit(limit)
    return list(conn.execute(query))


def add_cursor_at_latest(conn: Connection, channel: str) -> None:
    """A cursor for CHANNEL after the newest alert, unless it has one already."""
    c = t.delivery_cursors.c
    if conn.execute(select(c.channel).where(c.channel == channel)).first() is None:
        last = conn.execute(select(func.max(t.alerts.c.id))).scalar() or 0
        conn.execute(insert(t.delivery_cursors).values(channel=channel, last_alert_id=last, failures=0))


def cursor_row(conn: Connection, channel: str) -> Row[Any]:
    """CHANNEL's cursor (last_alert_id, failures, next_try, last_error); it must have one."""
    return conn.execute(select(t.delivery_cursors).where(t.delivery_cursors.c.channel == channel)).one()


def set_cursor(conn: Connection, channel: str, values: dict[str, Any]) -> None:
    """CHANNEL's cursor takes VALUES (how far it got, or its failures and when to try again)."""
    c = t.delivery_cursors.c
    conn.execute(update(t.delivery_cursors).where(c.channel == channel).values(**values))
