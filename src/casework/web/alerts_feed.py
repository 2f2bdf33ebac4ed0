"""`/alerts.atom`: the alerts as an Atom feed (RFC 4287), for any feed reader.

Built with ElementTree, which escapes every value; characters XML 1.0 cannot hold (controls from
a hostile report) are shown as escapes first, so the feed always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sqlalchemy import Connection

from casework.alerting import Alert, load_alerts
from casework.delivery import alert_text
from casework.printable import escape_controls

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 100  # the newest alerts; older ones are in `casework alert log`
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub(lambda m: escape_controls(m.group(0)), text)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = _clean(text)
    return el


def _stamp(at: str) -> str:
    return at.replace("+00:00", "Z")  # RFC 3339, as Atom wants it


def alerts_atom(conn: Connection, base: str) -> bytes:
    """The newest alerts as an Atom document; BASE is the server's root URL (ending in /)."""
    alerts: list[Alert] = load_alerts(conn, limit=FEED_SIZE, newest=True)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", f"{base}alerts.atom")
    _add(feed, "title", "casework alerts")
    _add(feed, "updated", _stamp(alerts[0].created_at) if alerts else "1970-01-01T00:00:00Z")
    author = _add(feed, "author")
    _add(author, "name", "casework")
    _add(feed, "link", rel="self", href=f"{base}alerts.atom")
    for a in alerts:
        entry = _add(feed, "entry")
        _add(entry, "id", f"{base}alerts.atom#alert-{a.id}")
        _add(entry, "title", f"{a.kind}: {' '.join(a.summary.split())}")
        _add(entry, "updated", _stamp(a.created_at))
        _add(entry, "link", rel="alternate", href=f"{base}cases/{a.case_id}")
        _add(entry, "category", term=a.kind)
        _add(entry, "content", alert_text(a), type="text")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body
