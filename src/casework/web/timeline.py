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
    x2: float | None = None  # a date known only to its month (or year) is drawn as that span, to here
    label_x: float = 0.0  # where a disputed date's label goes: side by side when two are close
    label_y: float = 0.0
    label_anchor: str = "middle"


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
    anchors: list[str] = field(default_factory=list)  # text-anchor of each tick label: none is clipped


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


TICK_LABEL = 64  # the width of a tick label such as 2023-03-09, in SVG units at the tick font size
DISPUTED_LABEL = 70  # the width of a disputed date's label such as 2023-03-09?


def _ticks(
    first: date, last: date, left: float, scale: float, newest: date | None = None
) -> list[tuple[float, str]]:
    def at(day: date) -> float:
        return left + (day - first).days * scale

    days = (last - first).days
    out: list[tuple[float, str]] = []
    if days <= 45:
        step = max(1, -(-days // 6))  # at most about six labels: they must not overlap
        day = first
        while day <= last:
            out.append((at(day), day.isoformat()))
            day += timedelta(days=step)
        return out
    months = days // 30
    step = next((n for n in (1, 2, 3, 6, 12, 24, 60) if months / n <= 7), 120)
    if step >= 12:
        # a year's label stands at its 1 January, so January 2022 sits right of "2022", not of "2021"
        every = step // 12
        year = first.year if (first.month, first.day) == (1, 1) else first.year + 1
        year += (-year) % every  # round years: 2000, 2005, 2010
        while date(year, 1, 1) <= last:
            out.append((at(date(year, 1, 1)), str(year)))
            year += every
        final = date((newest or last).year, 1, 1)  # the newest event's year is named, room permitting
        if first <= final <= last and str(final.year) not in {t for _, t in out}:
            # too close to the round year before it: the newest event's year replaces that one
            out = [(x, t) for x, t in out if abs(at(final) - x) >= 70]
            out.append((at(final), str(final.year)))
            out.sort()
        return out
    day = date(first.year, first.month, 1)
    if day < first:
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    while (day.month - 1) % step:  # quarters start in January, April, July, October
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    while day <= last:
        out.append((at(day), day.strftime("%Y-%m")))
        month = day.month - 1 + step
        day = date(day.year + month // 12, month % 12 + 1, 1)
    return out


def _span_end(value: str | None, day: date) -> date | None:
    """The last day of a date known only to its month (2002-03) or year (2002); None for a day."""
    if not value or re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return None
    if re.match(r"^\d{4}-\d{2}$", value):
        month = day.month  # next month's first day, less one
        return date(day.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    if re.match(r"^\d{4}$", value):
        return date(day.year, 12, 31)
    return None


LABEL_GAP = 7  # between a disputed mark and its label, so two close labels never touch


def _place_disputed_labels(marks: list[Mark]) -> None:
    """Labels of disputed dates close together go either side of their marks, then a row higher,
    so "2023-03-09?" and "2023-03-10?" never print over each other."""
    by_lane: dict[float, list[Mark]] = {}
    for m in marks:
        if m.disputed:
            by_lane.setdefault(m.y, []).append(m)
    for lane in by_lane.values():
        lane.sort(key=lambda m: m.x)
        cluster: list[Mark] = []
        for nxt in [*lane, None]:
            if nxt is not None and cluster and nxt.x - cluster[-1].x < DISPUTED_LABEL:
                cluster.append(nxt)
                continue
            for i, c in enumerate(cluster):
                c.label_y = c.y - 11 - (i // 2) * 12
                if len(cluster) == 1:
                    c.label_x, c.label_anchor = c.x, "middle"
                elif i % 2 == 0:  # outside the pair, a mark's width clear of it: "09?  ● ●  10?"
                    c.label_x, c.label_anchor = c.x - LABEL_GAP, "end"
                else:
                    c.label_x, c.label_anchor = c.x + LABEL_GAP, "start"
            cluster = [nxt] if nxt is not None else []


def _tick_anchors(ticks: list[tuple[float, str]], width: int) -> list[str]:
    """A label too near the right edge ends at its tick instead of being cut off."""
    return ["end" if x + TICK_LABEL / 2 > width - 2 else "middle" for x, _ in ticks]


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
    newest = last
    if (last - first).days < 6:  # a short case still gets a readable axis
        first, last = first - timedelta(days=3), last + timedelta(days=3)
    pad = max(1, (last - first).days // 20)
    first, last = first - timedelta(days=pad), last + timedelta(days=pad)
    scale = (WIDTH - LEFT - RIGHT) / max(1, (last - first).days)
    timeline.ticks = _ticks(first, last, LEFT, scale, newest)
    timeline.anchors = _tick_anchors(timeline.ticks, WIDTH)
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
        end = _span_end(ev.date, day)
        if end is not None:
            words.append("month only" if len(ev.date or "") == 7 else "year only")
        title = " · ".join(words) + f" — “{' '.join(ev.evidence.text.split())[:200]}”"
        timeline.marks.append(
            Mark(x, y, ev.type, colour_of(ev.type), ev.date or "", title,
                 link(ev.evidence), is_disputed,
                 x2=LEFT + (end - first).days * scale if end is not None else None)
        )  # fmt: skip
    _place_disputed_labels(timeline.marks)
    timeline.disputes = [
        (min(xs), max(xs), lane_top[kind][0] + lane_top[kind][1] / 2)
        for kind, xs in sides.items()
        if len(set(xs)) > 1
    ]
    return timeline
