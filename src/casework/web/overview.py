"""The overview page's counts: cases by status, nationality and place held, and detentions per month,
each bar a link to the case list filtered to it. Read from the case list and the stored events only."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import Connection

from casework.ontology import case_types
from casework.store.case_rows import case_facts, dated_event_subjects
from casework.store.people import person_of_each_mention

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])")  # a date that names at least its month
TOP = 12  # bars per chart; the rest are summed into one "other" bar without a link
BAR_WIDTH = 220  # the longest bar, in SVG units (the chart is 360 wide: label, bar, count)


@dataclass
class Bar:
    label: str
    count: int
    href: str | None
    width: float = 0.0


@dataclass
class Chart:
    id: str
    title: str
    bars: list[Bar]
    note: str = ""

    @property
    def height(self) -> int:
        return 26 * len(self.bars) + 6


def _chart(chart_id: str, title: str, counts: Counter[str], link: str | None, note: str = "") -> Chart:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    bars = [Bar(k, n, "/?" + urlencode({link: k}) if link else None) for k, n in ranked[:TOP]]
    rest = sum(n for _, n in ranked[TOP:])
    if rest:
        bars.append(Bar(f"{len(ranked) - TOP} more", rest, None))
    return _scaled(Chart(chart_id, title, bars, note))


def _scaled(chart: Chart) -> Chart:
    most = max((b.count for b in chart.bars), default=0)
    for b in chart.bars:
        b.width = max(2.0, BAR_WIDTH * b.count / most) if most else 0.0
    return chart


def _first_detentions(conn: Connection, cases: set[str]) -> dict[str, str]:
    """Each case's earliest dated detention-type event (YYYY-MM-DD or YYYY-MM as the reports date it)."""
    person_of = person_of_each_mention(conn)
    first: dict[str, str] = {}
    for doc_id, subject, value in dated_event_subjects(conn, case_types()):
        for ent_id in subject:
            pid = person_of.get((doc_id, ent_id))
            if pid in cases and _MONTH.match(value) and (pid not in first or value < first[pid]):
                first[pid] = value
    return first


def overview(conn: Connection) -> list[Chart]:
    rows = case_facts(conn)
    status = Counter(r.status for r in rows)
    nationality = Counter(n for r in rows for n in (r.nationality or "").split(", ") if n)
    nationality["not reported"] += sum(1 for r in rows if not r.nationality)
    place = Counter(r.place or "not reported" for r in rows)
    months = Counter(v[:7] for v in _first_detentions(conn, {r.case_id for r in rows}).values())
    charts = [
        _chart("status", "Cases by status", status, "status"),
        _chart("nationality", "Cases by nationality", +nationality, "nationality"),
        _chart("place", "Cases by where the person is held", place, "place"),
    ]
    # months in order, not by size: the link lists the cases whose status dates from that month
    month_bars = []
    for month in sorted(months):
        year, mon = int(month[:4]), int(month[5:7])
        last = calendar.monthrange(year, mon)[1]
        href = "/?" + urlencode({"since": f"{month}-01", "until": f"{month}-{last:02d}"})
        month_bars.append(Bar(month, months[month], href))
    charts.append(
        _scaled(
            Chart(
                "months",
                "Detentions per month",
                month_bars,
                "by the earliest date a report gives for the detention; "
                "the list behind a bar holds the cases whose current status dates from that month",
            )
        )
    )
    for c in charts:  # an unreported value links nowhere: no filter selects it
        for b in c.bars:
            if b.label == "not reported":
                b.href = None
    return charts
