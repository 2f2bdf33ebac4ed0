"""A case's events laid out on a date axis, ready to draw as SVG (by the browser and the HTML report).

Pure layout: positions, colours and links as numbers and strings; the templates
draw them, escaping every word that came from a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from casework.model import Case, CaseEvent, Evidence
from casework.ontology import load_ontology

# Each event type's colour is the ontology's (`colour:`), readable on white and in print.
OTHER = "#95a5a6"


def colour_of(kind: str) -> str:
    et = load_ontology().events.get(kind)
    return et.colour if et is not None else OTHER


WIDTH = 760
LEFT = 150  # room for the lane labels
RIGHT = 20
TOP = 16
LANE = 28
STACK = 16  # vertical step between marks of one type on one day
AXIS = 34


@dataclass
class Mark:
    x: float
    y: float
    type: str
    colour: str
    date: str
    title: str
    href: str
    disputed: bool


@dataclass
class Timeline:
    width: int
    height: int
    lanes: list[tuple[str, float, str]]  # (event type, y, colour)
    ticks: list[tuple[float, str]]  # (x, label)
    marks: list[Mark]
    disputes: list[tuple[float, float, float]]  # (x from, x to, y): one line joins a disputed date's sides
    undated: list[tuple[CaseEvent, str]] = field(default_factory=list)  # (event, href)
    axis_y: float = 0.0
    left: int = LEFT  # where the date axis starts (lane labels sit left of it)
    right: int = WIDTH - RIGHT


def event_day(value: str | None) -> date | None:
    """The day an event value names, or the first day of the month or year it names."""
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


# Findings whose sides are drawn as a dispute on the timeline: a date, or the fact itself, contested.
DISPUTES = ("date_conflict", "ill_treatment_disputed", "confession_recanted", "custody_conflict")


def disputed_evidence(case: Case) -> set[tuple[str, tuple[int, int]]]:
    """The sentences that state an event other sources contest (its date or the event), copies included."""
    conflicting = {(e.document_id, e.span) for f in case.findings if f.kind in DISPUTES for e in f.evidence}
    dates = {
        (ev.type, ev.date) for ev in case.events if (ev.evidence.document_id, ev.evidence.span) in conflicting
    }
    return {(ev.evidence.document_id, ev.evidence.span) for ev in case.events if (ev.type, ev.date) in dates}


def _ticks(first: date, last: date, left: float, scale: float) -> list[tuple[float, str]]:
    days = (last - first).days
    out: list[tuple[float, str]] = []
    if days <= 45:
        step = max(1, -(-days // 6))  # at most about six labels: they must not overlap
        day = first
        while day <= last:
            out.append((left + (day - first).days * scale, day.isoformat()))
            day += timedelta(days=step)
        return out
    months = days // 30
    step = next((n for n in (1, 2, 3, 6, 12, 24, 60) if months / n <= 7), 120)
    day = date(first.year, first.month, 1)
    while day <= last:
        if day >= first:
            label = day.strftime("%Y-%m") if step < 12 else str(day.year)
            out.append((left + (day - first).days * scale, label))
        month = day.month - 1 + step
        day = date(day.year + month // 12, month % 12 + 1, 1)
    return out


def layout(case: Case, link: Callable[[Evidence], str]) -> Timeline:
    disputed = disputed_evidence(case)
    dated = [(event_day(e.date), e) for e in case.timeline]
    on_axis = [(d, e) for d, e in dated if d is not None]
    types = list(dict.fromkeys(e.type for _, e in on_axis))
    # events of one type on one day stack up inside their lane instead of hiding each other
    stack: dict[tuple[str, date], int] = {}
    for day, ev in on_axis:
        stack[(ev.type, day)] = stack.get((ev.type, day), 0) + 1
    lanes, lane_top, top = [], {}, float(TOP)
    for kind in types:
        height = max(LANE, STACK * max(n for (k, _), n in stack.items() if k == kind) + 12)
        lanes.append((kind, top + height / 2, colour_of(kind)))
        lane_top[kind] = (top, height)
        top += height
    axis_y = top + 6
    timeline = Timeline(WIDTH, int(axis_y + AXIS), lanes, [], [], [], axis_y=axis_y)
    timeline.undated = [(e, link(e.evidence)) for d, e in dated if d is None]
    if not on_axis:
        return timeline
    first, last = min(d for d, _ in on_axis), max(d for d, _ in on_axis)
    if (last - first).days < 6:  # a short case still gets a readable axis
        first, last = first - timedelta(days=3), last + timedelta(days=3)
    pad = max(1, (last - first).days // 20)
    first, last = first - timedelta(days=pad), last + timedelta(days=pad)
    scale = (WIDTH - LEFT - RIGHT) / max(1, (last - first).days)
    timeline.ticks = _ticks(first, last, LEFT, scale)
    sides: dict[str, list[float]] = {}
    placed: dict[tuple[str, date], int] = {}
    for day, ev in on_axis:
        x = LEFT + (day - first).days * scale
        n, i = stack[(ev.type, day)], placed.get((ev.type, day), 0)
        placed[(ev.type, day)] = i + 1
        lane, height = lane_top[ev.type]
        y = lane + height / 2 + (i - (n - 1) / 2) * STACK
        is_disputed = (ev.evidence.document_id, ev.evidence.span) in disputed
        words = [ev.type.replace("_", " "), ev.date or ""]
        if ev.place:
            words.append(f"in {ev.place}")
        if ev.stated_by:
            words.append(f"according to {ev.stated_by}")
        if is_disputed:
            words.append("date disputed")
            sides.setdefault(ev.type, []).append(x)
        title = " · ".join(words) + f" — “{' '.join(ev.evidence.text.split())[:200]}”"
        timeline.marks.append(
            Mark(x, y, ev.type, colour_of(ev.type), ev.date or "", title,
                 link(ev.evidence), is_disputed)
        )  # fmt: skip
    timeline.disputes = [
        (min(xs), max(xs), lane_top[kind][0] + lane_top[kind][1] / 2)
        for kind, xs in sides.items()
        if len(set(xs)) > 1
    ]
    return timeline
