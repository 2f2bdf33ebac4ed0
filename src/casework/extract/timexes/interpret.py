"""What an expression says on its own: a partial TimeML value, its year or month possibly missing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from casework.extract.timexes.find import _DAY_KINDS, Match, _number
from casework.extract.timexes.tables import _YEAR, UNIT_CODES, Tables, tables
from casework.model import TimexType

# --- values -----------------------------------------------------------------------------


@dataclass
class Partial:
    """What an expression says on its own; year/month may be missing."""

    type: TimexType
    value: str | None = None  # complete value when the expression is explicit
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: str | None = None  # e.g. "deictic:-1", "weekday:0:last", "unit:year:-1"
    future: bool = False  # said of what is still to come ("will meet on Monday")


def _season_value(year: int, code: str) -> str:
    return f"{year:04d}-{code}"


def _month_in(t: Tables, text: str) -> int:
    """The month the expression's first month word names (the pattern made sure there is one)."""
    return next(t.month_of[w.lower()] for w in t.month_word.findall(text) if w.lower() in t.month_of)


def _shift(t: Tables, low: str) -> int | None:
    """Which way the expression's relative word points ("last" -1, "next" 1), if it has one."""
    return next((t.shifts[w] for w in low.split() if w in t.shifts), None)


def _unit(t: Tables, form: str) -> str:
    return t.unit_of.get(form.lower(), "day")


def interpret(m: Match, language: str = "en") -> Partial:
    """What the expression means before any anchoring."""
    t = tables(language)
    lead = t.leading_weekday.match(m.text) if m.kind in _DAY_KINDS else None
    if lead:  # "Monday, Oct. 26": the date says it all
        m = Match(m.start + lead.end(), m.end, m.kind, m.text[lead.end() :])
    text = m.text
    low = text.lower()
    kind = m.kind
    if kind in ("mdy", "dmy"):
        day = int(re.search(r"\d{1,2}(?=\D|$)", text).group(0))  # type: ignore[union-attr]
        year = int(re.findall(_YEAR, text)[-1])
        return _full(year, _month_in(t, text), day)
    if kind == "my":
        year = int(re.findall(_YEAR, text)[-1])
        return Partial("DATE", value=f"{year:04d}-{_month_in(t, text):02d}", year=year)
    if kind in ("md", "dm"):
        day = int(re.search(r"\d{1,2}", text).group(0))  # type: ignore[union-attr]
        return Partial("DATE", month=_month_in(t, text), day=day)
    if kind == "iso":
        y, mo, d = (int(x) for x in text.split("-"))
        return _full(y, mo, d)
    if kind == "numeric":
        a, b, y = (int(x) for x in re.split(r"[./]", text))
        # Day first is the norm outside the US; a first part over 12 settles it either way.
        day, mon = (a, b) if a > 12 or b <= 12 else (b, a)
        return _full(y, mon, day) if mon <= 12 else Partial("DATE")
    if kind == "wd":
        wd = t.weekday_of[t.weekday.search(text).group(0).lower()]  # type: ignore[union-attr]
        shift = _shift(t, low.split()[0])
        rel = "" if shift is None else {-1: "last", 0: "this", 1: "next"}[shift]
        # TimeML annotators mostly value "Friday night" as the day itself.
        return Partial("DATE", relative=f"weekday:{wd}:{rel}:")
    if kind == "holiday":
        name = low.replace("’", "'")
        if _shift(t, name.split()[0]) is not None:
            name = name.split(None, 1)[1]
        name = re.sub(r",?\s+\d{4}$", "", name)
        years = re.findall(_YEAR, text)
        if name in t.movable_holidays:
            return Partial(
                "DATE", year=int(years[0]) if years else None, relative=f"holiday:{t.movable_holidays[name]}"
            )
        mon, day = t.holidays.get(name, (0, 0))
        if not mon:
            return Partial("DATE")
        if years:
            return _full(int(years[0]), mon, day)
        return Partial("DATE", month=mon, day=day)
    if kind == "season":
        code = t.seasons[t.season.search(low).group(0)]  # type: ignore[union-attr]
        years = re.findall(_YEAR, text)
        if years:
            return Partial("DATE", value=_season_value(int(years[0]), code))
        return Partial("DATE", relative=f"season:{code}:{_shift(t, low.split()[0]) or 0}")
    if kind == "weekend":
        return Partial("DATE", relative=f"weekend:{_shift(t, low.split()[0]) or 0}")
    if kind == "month":
        which = {-1: "last", 1: "next"}.get(_shift(t, low.split()[0]) or 0, "")
        return Partial("DATE", month=_month_in(t, text), relative=f"month:{which}" if which else None)
    if kind == "year":
        years = re.findall(_YEAR, text)
        return Partial("DATE", value=f"{int(years[0]):04d}", year=int(years[0]))
    if kind == "decade":
        digits = re.search(r"\d+", text).group(0)  # type: ignore[union-attr]
        if len(digits) == 2:  # the '90s
            return Partial("DATE", value=f"19{digits[0]}")
        return Partial("DATE", value=digits[:3])  # TimeML writes a decade as its first three digits
    if kind == "century":
        num = re.search(r"\d+", text)
        n = int(num.group(0)) if num else next(v for k, v in t.centuries.items() if k in low)
        return Partial("DATE", value=f"{n - 1:02d}")
    if kind == "quarter":
        n = next(v for k, v in t.quarters.items() if re.search(rf"\b{re.escape(k)}\b", low))
        years = re.findall(_YEAR, text)
        if years:
            return Partial("DATE", value=f"{years[0]}-Q{n}")
        return Partial("DATE", relative=f"quarter:{n}")
    if kind == "quarter_rel":
        which = next((v for k, v in t.relative_quarters.items() if k in low), "latest")
        return Partial("DATE", relative=f"quarter:{which}")
    if kind == "past_units":
        n_m = t.amount_unit.search(text)
        count = _number(t, n_m.group(1)) if n_m else None
        return Partial("DURATION", value=_duration(count, _unit(t, n_m.group(2)) if n_m else "day"))
    if kind == "deictic":
        suffix = t.parts_of_day.get(low, "")
        return Partial("TIME" if suffix else "DATE", relative=f"deictic:{t.deictic.get(low, 0)}:{suffix}")
    if kind == "relunit":
        word = low.split()[-1]
        unit = next(u for w, u in t.relative_units if word.startswith(w))
        many = t.relative_count.search(low)
        if (many or low.rstrip().endswith(t.plural_ending)) and unit != "weekend":
            count = _number(t, many.group(1)) if many else None
            if unit == "decade":
                return Partial("DURATION", value=f"P{int(count * 10) if count else 'X'}Y")
            return Partial("DURATION", value=f"P{int(count) if count else 'X'}{UNIT_CODES[unit]}")
        return Partial("DATE", relative=f"unit:{unit}:{_shift(t, low) or 0}")
    if kind == "ago":
        n_m = t.ago_amount_unit.match(text)
        count = _number(t, n_m.group(1)) if n_m else None
        unit = _unit(t, n_m.group(2)) if n_m else "day"
        direction = t.ago[low.split()[-1]]
        if count is None:
            return Partial("DATE", value="PAST_REF" if direction < 0 else "FUTURE_REF")
        return Partial("DATE", relative=f"ago:{unit}:{direction * count}")
    if kind == "duration":
        n_m = t.duration_amount_unit.search(text)
        if not n_m:
            return Partial("DURATION")
        count = _number(t, n_m.group(1))
        if count is not None and n_m.group(2):
            count += 0.5
        return Partial("DURATION", value=_duration(count, _unit(t, n_m.group(3))))
    if kind == "vague":
        return Partial("DATE", value=t.vague[low])
    if kind == "time":
        return _clock(t, low)
    if kind == "set":
        every = t.set_unit.search(low)
        return Partial("SET", value=t.sets.get(every.group(0) if every else "day"))
    return Partial("DATE")


def _clock(t: Tables, low: str) -> Partial:
    """A clock time: its value is the day it falls on (a weekday named with it, else the reference day)."""
    named_hour = next((h for w, h in t.clock_words.items() if w in low), None)
    if named_hour is not None:
        hour, minute = named_hour, 0
    else:
        m = re.match(r"(\d{1,2})(?:[:.]?(\d\d))?", low)
        if not m:
            return Partial("TIME")
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if t.after_noon.search(low) and hour < 12:
            hour += 12
        elif t.before_noon.search(low) and hour == 12:
            hour = 0
    if hour > 23:
        return Partial("TIME")
    named = t.weekday.search(low)
    weekday = str(t.weekday_of[named.group(0).lower()]) if named else ""
    return Partial("TIME", relative=f"clock:{hour:02d}{minute:02d}:{weekday}")


def _duration(count: float | None, unit: str) -> str:
    """TimeML duration value: P3Y, PT5H, PXM (an unknown amount)."""
    code = UNIT_CODES.get(unit, "D")
    amount = "X" if count is None else (f"{count:g}" if count % 1 else str(int(count)))
    if code == "DE":
        amount, code = ("X" if count is None else str(int(count * 10))), "Y"
    elif code == "CE":
        amount, code = ("X" if count is None else str(int(count * 100))), "Y"
    if unit == "fortnight" and count is not None:
        amount, code = str(int(count * 2)), "W"
    prefix = "PT" if code in ("H", "S") or unit == "minute" else "P"
    return f"{prefix}{amount}{code}"


def _full(year: int, month: int, day: int) -> Partial:
    try:
        date(year, month, day)
    except ValueError:
        return Partial("DATE")
    return Partial("DATE", value=f"{year:04d}-{month:02d}-{day:02d}", year=year, month=month, day=day)
