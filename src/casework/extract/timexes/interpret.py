"""What an expression says on its own: a partial TimeML value, its year or month possibly missing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from casework.extract.timexes.find import _DAY_KINDS, _LEAD_WD, Match, _number
from casework.extract.timexes.tables import (
    _APPROX,
    _NUMW,
    _UNIT,
    _VAGUE_KEEP,
    _WD,
    _YEAR,
    HOLIDAYS,
    MONTHS,
    SEASONS,
    UNITS,
    WEEKDAYS,
)
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


def _parse_day(tok: str) -> int:
    return int(re.sub(r"\D", "", tok))


def _season_value(year: int, season: str) -> str:
    return f"{year:04d}-{SEASONS[season]}"


def interpret(m: Match) -> Partial:
    """What the expression means before any anchoring."""
    lead = _LEAD_WD.match(m.text) if m.kind in _DAY_KINDS else None
    if lead:  # "Monday, Oct. 26": the date says it all
        m = Match(m.start + lead.end(), m.end, m.kind, m.text[lead.end() :])
    t = m.text
    low = t.lower()
    kind = m.kind
    if kind in ("mdy", "dmy"):
        mon = next(
            w
            for w in re.findall(r"[A-Za-z]+", t)
            if w.lower() in MONTHS or (w.lower()[:3] in MONTHS and w.lower() != "the")
        )
        day = int(re.search(r"\d{1,2}(?=\D|$)", t).group(0))  # type: ignore[union-attr]
        year = int(re.findall(_YEAR, t)[-1])
        return _full(year, MONTHS[mon.lower().rstrip(".")[:3]], day)
    if kind == "my":
        mon = re.match(r"[A-Za-z]+", t).group(0)  # type: ignore[union-attr]
        year = int(re.findall(_YEAR, t)[-1])
        return Partial("DATE", value=f"{year:04d}-{MONTHS[mon.lower()[:3]]:02d}", year=year)
    if kind in ("md", "dm"):
        mon = next(
            w for w in re.findall(r"[A-Za-z]+", t) if w.lower() not in ("the", "of", "st", "nd", "rd", "th")
        )
        day = _parse_day(re.search(r"\d{1,2}(?:st|nd|rd|th)?", t).group(0))  # type: ignore[union-attr]
        return Partial("DATE", month=MONTHS[mon.lower().rstrip(".")[:3]], day=day)
    if kind == "iso":
        y, mo, d = (int(x) for x in t.split("-"))
        return _full(y, mo, d)
    if kind == "numeric":
        a, b, y = (int(x) for x in re.split(r"[./]", t))
        # Day first is the norm outside the US; a first part over 12 settles it either way.
        day, mon = (a, b) if a > 12 or b <= 12 else (b, a)
        return _full(y, mon, day) if mon <= 12 else Partial("DATE")
    if kind == "wd":
        wd = WEEKDAYS[re.search(_WD, t, re.I).group(0).lower()]  # type: ignore[union-attr]
        rel = (
            "last"
            if low.startswith(("last", "past"))
            else "next"
            if low.startswith(("next", "coming"))
            else "this"
            if low.startswith("this")
            else ""
        )
        # TimeML annotators mostly value "Friday night" as the day itself.
        return Partial("DATE", relative=f"weekday:{wd}:{rel}:")
    if kind == "holiday":
        name = re.sub(r"^(?:last|next|this)\s+", "", low).replace("’", "'")
        name = re.sub(r",?\s+\d{4}$", "", name)
        years = re.findall(_YEAR, t)
        if name.startswith("easter"):
            return Partial("DATE", year=int(years[0]) if years else None, relative="easter")
        if name.startswith(("thanksgiving", "election day")):
            return Partial("DATE", year=int(years[0]) if years else None, relative=f"us:{name.split()[0]}")
        mon, day = HOLIDAYS.get(name, (0, 0))
        if not mon:
            return Partial("DATE")
        if years:
            return _full(int(years[0]), mon, day)
        return Partial("DATE", month=mon, day=day)
    if kind == "season":
        season = re.search(r"spring|summer|autumn|winter|fall", low).group(0)  # type: ignore[union-attr]
        years = re.findall(_YEAR, t)
        if years:
            return Partial("DATE", value=_season_value(int(years[0]), season))
        shift = -1 if low.startswith("last") else 1 if low.startswith("next") else 0
        return Partial("DATE", relative=f"season:{season}:{shift}")
    if kind == "weekend":
        shift = -1 if low.startswith("last") else 1 if low.startswith("next") else 0
        return Partial("DATE", relative=f"weekend:{shift}")
    if kind == "month":
        mon = MONTHS[re.search(r"[a-z]+$", low).group(0)[:3]]  # type: ignore[union-attr]
        which = "last" if low.startswith("last") else "next" if low.startswith("next") else ""
        return Partial("DATE", month=mon, relative=f"month:{which}" if which else None)
    if kind == "year":
        years = re.findall(_YEAR, t)
        return Partial("DATE", value=f"{int(years[0]):04d}", year=int(years[0]))
    if kind == "decade":
        digits = re.search(r"\d+", t).group(0)  # type: ignore[union-attr]
        if len(digits) == 2:  # the '90s
            return Partial("DATE", value=f"19{digits[0]}")
        return Partial("DATE", value=digits[:3])  # TimeML writes a decade as its first three digits
    if kind == "century":
        words = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}
        num = re.search(r"\d+", t)
        n = int(num.group(0)) if num else next(v for k, v in words.items() if k in low)
        return Partial("DATE", value=f"{n - 1:02d}")
    if kind == "quarter":
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}
        n = next(v for k, v in q.items() if re.search(rf"\b{k}\b", low))
        years = re.findall(_YEAR, t)
        if years:
            return Partial("DATE", value=f"{years[0]}-Q{n}")
        return Partial("DATE", relative=f"quarter:{n}")
    if kind == "quarter_rel":
        which = "yearago" if "year-" in low else "current" if "current" in low else "latest"
        return Partial("DATE", relative=f"quarter:{which}")
    if kind == "past_units":
        n_m = re.search(rf"(?i)({_NUMW})\s+({_UNIT})", t)
        count = _number(n_m.group(1)) if n_m else None
        unit = re.sub(r"s$", "", n_m.group(2).lower()).replace("centurie", "century") if n_m else "day"
        return Partial("DURATION", value=_duration(count, unit))
    if kind == "deictic":
        table = {"today": 0, "tonight": 0, "yesterday": -1, "last night": -1, "tomorrow": 1,
                 "the day before yesterday": -2, "the day after tomorrow": 2}  # fmt: skip
        offset = next((v for k, v in table.items() if low == k), 0)
        suffix = {"tonight": "TNI", "last night": "TNI", "this morning": "TMO",
                  "this afternoon": "TAF", "this evening": "TEV"}.get(low, "")  # fmt: skip
        return Partial("TIME" if suffix else "DATE", relative=f"deictic:{offset}:{suffix}")
    if kind == "relunit":
        unit = re.search(r"(week|month|year|decade|weekend)", low).group(0)  # type: ignore[union-attr]
        if re.search(r"\b(?:few|two|three|several)\b|s$", low.rstrip()) and unit != "weekend":
            many = re.search(r"\b(few|two|three|several)\b", low)
            count = _number(many.group(1)) if many else None
            code = UNITS[unit]
            if unit == "decade":
                return Partial("DURATION", value=f"P{int(count * 10) if count else 'X'}Y")
            return Partial("DURATION", value=f"P{int(count) if count else 'X'}{code}")
        shift = (
            -1
            if re.search(r"\b(?:last|past|previous)\b", low)
            else 1
            if re.search(r"\b(?:next|coming|following)\b", low)
            else 0
        )
        return Partial("DATE", relative=f"unit:{unit}:{shift}")
    if kind == "ago":
        n_m = re.match(rf"(?i)(?:{_APPROX})?({_NUMW})\s+({_UNIT})", t)
        count = _number(n_m.group(1)) if n_m else None
        unit = re.sub(r"s$", "", n_m.group(2).lower()).replace("centurie", "century") if n_m else "day"
        direction = 1 if low.endswith("later") else -1
        if count is None:
            return Partial("DATE", value="PAST_REF" if direction < 0 else "FUTURE_REF")
        return Partial("DATE", relative=f"ago:{unit}:{direction * count}")
    if kind == "duration":
        n_m = re.search(rf"(?i)({_NUMW})[ -](and[ -]a[ -]half[ -])?({_UNIT})", t)
        if not n_m:
            return Partial("DURATION")
        count = _number(n_m.group(1))
        if count is not None and n_m.group(2):
            count += 0.5
        unit = re.sub(r"s$", "", n_m.group(3).lower()).replace("centurie", "century")
        return Partial("DURATION", value=_duration(count, unit))
    if kind == "vague":
        return Partial("DATE", value=_VAGUE_KEEP[low])
    if kind == "time":
        return _clock(low)
    if kind == "set":
        every = re.search(r"day|week|month|year|morning|night|annual|daily|weekly|monthly|yearly", low)
        u = every.group(0) if every else "day"
        val = {"day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M",
               "monthly": "P1M", "year": "P1Y", "yearly": "P1Y", "annual": "P1Y",
               "morning": "XXXX-XX-XXTMO", "night": "XXXX-XX-XXTNI"}.get(u)  # fmt: skip
        return Partial("SET", value=val)
    return Partial("DATE")


def _clock(low: str) -> Partial:
    """A clock time: its value is the day it falls on (a weekday named with it, else the reference day)."""
    if "midnight" in low or "noon" in low:
        hour, minute = (0, 0) if "midnight" in low else (12, 0)
    else:
        m = re.match(r"(\d{1,2})(?:[:.]?(\d\d))?", low)
        if not m:
            return Partial("TIME")
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if re.search(r"p\.?m", low) and hour < 12:
            hour += 12
        elif re.search(r"a\.?m", low) and hour == 12:
            hour = 0
    if hour > 23:
        return Partial("TIME")
    named = re.search(_WD, low, re.I)
    weekday = str(WEEKDAYS[named.group(0).lower()]) if named else ""
    return Partial("TIME", relative=f"clock:{hour:02d}{minute:02d}:{weekday}")


def _duration(count: float | None, unit: str) -> str:
    """TimeML duration value: P3Y, PT5H, PXM (an unknown amount)."""
    code = UNITS.get(unit, "D")
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
