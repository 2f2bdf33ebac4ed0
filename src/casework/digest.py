"""`casework digest`: the new cases and the changes in cases over a period, in Markdown or HTML,
each with the sentences that state it, for people who prefer one e-mail a day to an alert each time.

Read from the change log (case_changes), so a digest lists every change, whatever alert rules say.
Report text is untrusted: escaped for HTML in both formats (Markdown renders inline HTML).
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from casework.printable import escape_controls
from casework.store.change_rows import change_rows_between

SECTIONS = (
    ("new-case", "New cases"),
    ("status-change", "Status changes"),
    ("new-finding", "New findings"),
    ("consular-overdue", "Consular clock overdue"),
)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")


def _md(text: str) -> str:
    """Report text as Markdown that shows it and nothing else: HTML escaped, markup characters too."""
    flat = escape_controls(" ".join(text.split()))
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def _h(text: str) -> str:
    return html.escape(escape_controls(" ".join(text.split())))


def _changes(conn: Connection, start: str, end: str) -> list[dict[str, Any]]:
    return [
        {**json.loads(r.detail), "case_id": r.case_id, "kind": r.kind, "summary": r.summary, "at": r.at}
        for r in change_rows_between(conn, start, end)
    ]


def render_digest(conn: Connection, start: datetime, end: datetime, fmt: str) -> str:
    changes = _changes(conn, start.isoformat(timespec="microseconds"), end.isoformat(timespec="microseconds"))
    period = f"{start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC"
    return _html(changes, period) if fmt == "html" else _markdown(changes, period)


def _quotes(change: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (str(e.get("text", "")), str(e.get("document", "")), str(e.get("published") or "undated"))
        for e in change.get("evidence") or []
    ]


def _markdown(changes: list[dict[str, Any]], period: str) -> str:
    lines = [f"# casework digest: {len(changes)} changes", "", f"From {period}.", ""]
    for kind, title in SECTIONS:
        found = [c for c in changes if c["kind"] == kind]
        if not found:
            continue
        lines += [f"## {title} ({len(found)})", ""]
        for c in found:
            lines.append(f"- **{_md(c['summary'])}** (case `{c['case_id']}`)")
            for text, doc, day in _quotes(c):
                lines.append(f"  > {_md(text)} (report `{doc}`, {day})")
        lines.append("")
    if not changes:
        lines.append("Nothing changed in any case.")
    return "\n".join(lines).rstrip() + "\n"


def _html(changes: list[dict[str, Any]], period: str) -> str:
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>casework digest: {len(changes)} changes</title></head><body>",
        f"<h1>casework digest: {len(changes)} changes</h1>",
        f"<p>From {_h(period)}.</p>",
    ]
    for kind, title in SECTIONS:
        found = [c for c in changes if c["kind"] == kind]
        if not found:
            continue
        out.append(f"<h2>{_h(title)} ({len(found)})</h2><ul>")
        for c in found:
            out.append(f"<li><strong>{_h(c['summary'])}</strong> (case <code>{_h(c['case_id'])}</code>)")
            for text, doc, day in _quotes(c):
                out.append(f"<blockquote>{_h(text)} (report <code>{_h(doc)}</code>, {_h(day)})</blockquote>")
            out.append("</li>")
        out.append("</ul>")
    if not changes:
        out.append("<p>Nothing changed in any case.</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
