"""Anchoring: each expression's value counted from the publication date, or, when there is
none, from the explicit dates in the text (a day and month without a year take the year that
keeps the story moving forward from the last explicit date before it)."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

from casework.extract.timexes.find import find_timexes
from casework.extract.timexes.interpret import Partial, _season_value, interpret
from casework.extract.timexes.tables import Tables, tables
from casework.model import Anchor, Timex

# A day already past counts as this much nearer: on TempEval-3 train, 2.0 lifted value F1 from 0.769 to
# 0.774 (1.5: 0.773, 3.0: 0.771).
BACK_BIAS = 2.0


def _nearest_year(ref: date, month: int, day: int | None, *, back: bool = False) -> int:
    """The year that puts month/day closest to the reference date; with BACK, a day already past
    counts as nearer (news reports mostly tell what has happened)."""
    best = ref.year
    best_gap: float | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(y, month, day or 15)
        except ValueError:
            continue
        gap = float(abs((d - ref).days))
        if back and d <= ref:
            gap /= BACK_BIAS
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def _forward_year(ref: date, month: int, day: int | None) -> int:
    """The first year at which month/day falls on or after the reference date."""
    for y in (ref.year, ref.year + 1):
        try:
            if date(y, month, day or calendar.monthrange(y, month)[1]) >= ref:
                return y
        except ValueError:
            continue
    return ref.year + 1


def _backward_year(ref: date, month: int, day: int | None) -> int:
    for y in (ref.year, ref.year - 1):
        try:
            if date(y, month, day or 1) <= ref:
                return y
        except ValueError:
            continue
    return ref.year - 1


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _shift_months(d: date, months: int) -> date:
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def relative_value(p: Partial, ref: date) -> str | None:
    """Value of a relative expression against a reference (publication) date."""
    rel = p.relative or ""
    kind, _, rest = rel.partition(":")
    if kind == "deictic":
        off, _, suffix = rest.partition(":")
        d = ref + timedelta(days=int(off))
        return d.isoformat() + suffix
    if kind == "weekday":
        wd_s, _, rest = rest.partition(":")
        which, _, suffix = rest.partition(":")
        wd = int(wd_s)
        day = _weekday(ref, wd, which, p.future)
        return day.isoformat() + suffix
    if kind == "weekend":
        # the weekend just past (or, said of the future, the one ahead), as an ISO week with -WE
        shift = int(rest)
        if shift == 0:
            shift = 1 if p.future and ref.weekday() < 5 else 0 if ref.weekday() >= 5 else -1
        return _iso_week(ref + timedelta(weeks=shift)) + "-WE"
    if kind == "clock":
        hhmm, _, wd_s = rest.partition(":")
        day = _weekday(ref, int(wd_s), "", p.future) if wd_s else ref
        return f"{day.isoformat()}T{hhmm[:2]}:{hhmm[2:]}"
    return _other_value(kind, rest, p, ref)


def _weekday(ref: date, wd: int, which: str, future: bool) -> date:
    if which == "next":
        return ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
    if which == "this":
        return ref + timedelta(days=wd - ref.weekday())
    if which == "last":
        return ref - timedelta(days=(ref.weekday() - wd) % 7 or 7)
    if future:
        return ref + timedelta(days=(wd - ref.weekday()) % 7)
    # news mostly reports what happened: the most recent such day, the reference day included
    return ref - timedelta(days=(ref.weekday() - wd) % 7)


def _other_value(kind: str, rest: str, p: Partial, ref: date) -> str | None:
    if kind == "unit":
        unit, _, shift_s = rest.partition(":")
        shift = int(shift_s)
        if unit == "year":
            return f"{ref.year + shift:04d}"
        if unit == "month":
            d = _shift_months(ref, shift)
            return f"{d.year:04d}-{d.month:02d}"
        if unit in ("week", "weekend"):
            wk = _iso_week(ref + timedelta(weeks=shift))
            return wk + ("-WE" if unit == "weekend" else "")
        if unit == "decade":
            return f"{(ref.year // 10 + shift):03d}"
    if kind == "ago":
        unit, _, n_s = rest.partition(":")
        n = float(n_s)
        if unit == "year":
            return f"{ref.year + int(n):04d}"
        if unit == "month":
            d = _shift_months(ref, int(n))
            return f"{d.year:04d}-{d.month:02d}"
        if unit in ("week", "fortnight"):
            return _iso_week(ref + timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
        if unit == "day":
            return (ref + timedelta(days=n)).isoformat()
        if unit == "decade":
            return f"{(ref.year + int(10 * n)) // 10:03d}"
        return "PAST_REF" if n < 0 else "FUTURE_REF"
    if kind == "season":
        season, _, season_shift = rest.partition(":")
        return _season_value(ref.year + int(season_shift), season)
    if kind == "quarter":
        current = (ref.month - 1) // 3 + 1
        if rest in ("latest", "yearago"):
            # "the quarter" in a report is the last one closed: the one before the reference date's
            y, q = (ref.year, current - 1) if current > 1 else (ref.year - 1, 4)
            return f"{y - (rest == 'yearago'):04d}-Q{q}"
        if rest == "current":
            return f"{ref.year:04d}-Q{current}"
        n = int(rest)
        if p.future:
            return f"{ref.year if n >= current else ref.year + 1:04d}-Q{n}"
        return f"{ref.year if n <= current else ref.year - 1:04d}-Q{n}"
    if kind == "month":
        assert p.month is not None
        if rest == "last":
            y = ref.year if p.month < ref.month else ref.year - 1
        else:
            y = ref.year if p.month > ref.month else ref.year + 1
        return f"{y:04d}-{p.month:02d}"
    if kind == "holiday" and rest == "easter":
        return easter(p.year or ref.year).isoformat()
    if kind == "holiday":
        year = p.year or ref.year
        nov1 = date(year, 11, 1)
        if rest == "thanksgiving":  # the US's: the fourth Thursday of November
            return (nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)).isoformat()
        # Election Day: the Tuesday after the first Monday of November
        return (nov1 + timedelta(days=(0 - nov1.weekday()) % 7 + 1)).isoformat()
    return None


def _value_with_year(p: Partial, year: int) -> str | None:
    if p.month is None:
        return None
    if p.day is None:
        return f"{year:04d}-{p.month:02d}"
    try:
        return date(year, p.month, p.day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _parse_iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def value_timexes(text: str, published: str | None, language: str = "en") -> list[Timex]:
    """Find and value every expression; `anchor` says what each value rests on. LANGUAGE is the pack
    whose words and patterns are used (a pack's own component passes its code)."""
    t = tables(language)
    pub = _parse_iso(published) if published else None
    matches = find_timexes(text, language)
    partials = [interpret(m, language) for m in matches]
    if t.quarterly.search(text):
        # In a report on quarterly results, "a year ago" is the same quarter a year earlier.
        for p in partials:
            if p.relative == "ago:year:-1":
                p.relative = "quarter:yearago"
    # explicit full dates, in text order, are the context for undated day/month forms
    explicit: list[tuple[int, date]] = []
    for m, p in zip(matches, partials, strict=True):
        if p.value and p.year and p.month and p.day:
            explicit.append((m.start, date(p.year, p.month, p.day)))
    positions = [pos for pos, _ in explicit]
    out: list[Timex] = []
    last_day: date | None = None  # the last day named so far, explicit or dated from the context
    for m, p in zip(matches, partials, strict=True):
        p.future = _future(t, text, m.start, weak=(p.relative or "").startswith(("weekday", "clock")))
        value: str | None = p.value
        anchor: Anchor = "explicit" if value else "none"
        if value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
            anchor = "published" if pub else "none"
        if value is None and _told_from_before(t, m.text, p) and last_day is not None:
            # "Two days later he was charged": counted from the day the report named before (a
            # weekday it dated too), not from the day of publication ("two days ago" is)
            value = _value_on(p, last_day, nearest=True)
            anchor = "context" if value else "none"
        if value is None and (p.relative or p.month):
            if pub is not None:
                value = _value_on(p, pub, nearest=True)
                anchor = "published" if value else "none"
            else:
                # the explicit dates nearest before and after, by bisection (a scan of all is quadratic)
                i = bisect_left(positions, m.start)
                j = bisect_right(positions, m.start)
                before = explicit[i - 1][1] if i > 0 else None
                after = explicit[j][1] if j < len(explicit) else None
                if p.month is not None and p.relative is None and (before or after):
                    if before:
                        value = _value_with_year(p, _forward_year(before, p.month, p.day))
                    elif after:
                        value = _value_with_year(p, _backward_year(after, p.month, p.day))
                    anchor = "context" if value else "none"
        out.append(Timex(m.start, m.end, m.text, p.type, value, anchor))
        day = _parse_iso(value) if value and len(value) == 10 else None
        last_day = day or last_day
    return out


def _told_from_before(t: Tables, text: str, p: Partial) -> bool:
    words = text.lower().split()
    return (p.relative or "").startswith("ago:") and bool(words) and words[-1] in t.counted_from_before


def _future(t: Tables, text: str, start: int, *, weak: bool = False) -> bool:
    """Does the clause before the expression speak of the future ("will meet on Monday")?"""
    window = text[max(0, start - 80) : start]
    cuts = list(t.clause_end.finditer(window))
    if cuts:
        window = window[cuts[-1].end() :]
    return bool(t.future.search(window) or (weak and t.prospect.search(window)))


def _value_on(p: Partial, ref: date, *, nearest: bool) -> str | None:
    if p.relative:
        return relative_value(p, ref)
    if p.month is not None and p.day is None:
        # A month alone: the nearest one of that name, or the next when the clause speaks of the future.
        if p.future:
            return f"{ref.year if p.month >= ref.month else ref.year + 1:04d}-{p.month:02d}"
        return f"{_nearest_year(ref, p.month, None, back=True):04d}-{p.month:02d}"
    if p.month is not None:
        year = _nearest_year(ref, p.month, p.day, back=not p.future) if nearest else ref.year
        return _value_with_year(p, year)
    return None


def timex_date(value: str | None) -> date | None:
    """A calendar day for comparisons, when the value names one."""
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return _parse_iso(value)
    return None
