"""Date and time expressions: find them, then give each a TimeML value.

Two passes, kept apart on purpose:

* `find_timexes` is pure pattern matching over the text: the fast path for the
  forms news reports use, with dateparser behind it only for odd numeric forms.
* `resolve_timexes` gives each expression its value. Explicit dates stand on
  their own. Everything else is resolved against the publication date, or,
  when there is none, against the explicit dates in the text: a day and month
  without a year take the year that keeps the story moving forward from the
  last explicit date before it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

from casework.model import Anchor, Timex, TimexType

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "half": 0.5,
}  # fmt: skip
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W",
    "month": "M", "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE",
}  # fmt: skip
HOLIDAYS = {
    "new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "halloween": (10, 31), "valentine's day": (2, 14), "may day": (5, 1),
    "nowruz": (3, 21), "navruz": (3, 21), "international women's day": (3, 8),
    "new year": (1, 1),
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

_MON = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMW = r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|a few|few|several|many|some|half an?|a couple of|couple of)"
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|year|decade|centur(?:y|ie))s?"
_APPROX = r"(?:(?:more|less|fewer) than|about|around|nearly|almost|approximately|roughly|some|at least|at most|up to|over|under)\s+"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_HOL = (
    r"(?:New Year[’']s (?:Eve|Day)|New Year|Christmas(?: Eve| Day)?|Boxing Day|Easter(?: Sunday| Monday)?"
    r"|Halloween|Valentine[’']s Day|May Day|Nowruz|Navruz|International Women[’']s Day)"
)
_REL = r"(?:last|next|this|past|previous|coming|following)"

# (kind, pattern). Order matters only for ties; the longest match wins overall.
_PATTERNS: list[tuple[str, str]] = [
    ("mdy", rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b"),
    ("dmy", rf"\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON},?\s+{_YEAR}\b"),
    ("my", rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b"),
    ("md", rf"\b{_MON}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)"),
    ("dm", rf"\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}\b(?!,?\s+{_YEAR})"),
    ("iso", r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"),
    ("numeric", r"\b[0-3]?\d[./][01]?\d[./](?:19|20)\d\d\b"),
    (
        "wd",
        rf"\b(?:(?:last|next|this|on|past|coming)\s+)?{_WD}(?:\s+(?:morning|afternoon|evening|night))?\b",
    ),
    ("holiday", rf"\b(?:(?:last|next|this)\s+)?{_HOL}\b(?:,?\s+{_YEAR}\b)?"),
    (
        "season",
        rf"\b(?:(?:last|next|this|early|late)\s+)?(?:spring|summer|autumn|winter)(?:\s+(?:of\s+)?{_YEAR})?\b",
    ),
    (
        "month",
        r"\b(?:(?:early|late|mid-?|last|next|this)\s+)?(?:January|February|March|April|June|July|August|September|October|November|December)\b",
    ),
    (
        "year",
        rf"(?<![\d$£€.,-])(?:(?:early|late|mid-?)\s*)?{_YEAR}(?:/0?\d|-\d\d(?!\d))?(?![\d%-])",
    ),
    (
        "decade",
        r"\b(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?:1[89]|20)\d0s\b|\b(?:the\s+)?['’]\d0s\b",
    ),
    (
        "century",
        r"\b(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty-first)\s+century\b",
    ),
    (
        "quarter",
        rf"\b(?:the\s+)?(?:first|second|third|fourth|final|last)\s+quarter(?:\s+of\s+{_YEAR})?\b",
    ),
    (
        "deictic",
        r"\b(?:today|yesterday|tomorrow|tonight|last night|this (?:morning|afternoon|evening)|the day before yesterday|the day after tomorrow)\b",
    ),
    (
        "relunit",
        rf"\b(?:(?:earlier|later)\s+)?(?:the\s+)?{_REL}\s+(?:few\s+|two\s+|three\s+|several\s+)?(?:week|month|year|decade|weekend)s?\b",
    ),
    ("ago", rf"\b(?:{_APPROX})?{_NUMW}\s+{_UNIT}\s+(?:ago|earlier|before|later)\b"),
    (
        "duration",
        rf"\b(?:the\s+)?(?:{_APPROX})?{_NUMW}[ -](?:and[ -]a[ -]half[ -])?{_UNIT}(?:[ -]long|[ -]old)?\b",
    ),
    (
        "vague",
        r"\b(?:recently|currently|now|the past|once|nowadays|in recent (?:weeks|months|years|days)|for years|for months|for decades|for weeks|for days|years|months|decades)\b",
    ),
    (
        "time",
        r"\b(?:[01]?\d|2[0-3])[:.][0-5]\d\s*(?:[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|BST|local time))?|\b(?:[01]?\d)\s*[ap]\.?m\.?|\b(?:[01]\d|2[0-3])[0-5]\d\s+(?:GMT|UTC|BST)\b|\bmidnight\b|\bnoon\b",
    ),
    (
        "set",
        r"\b(?:every|each)\s+(?:day|week|month|year|morning|night|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b|\b(?:daily|weekly|monthly|annually|yearly)\b",
    ),
]
_COMPILED = [(kind, re.compile(pat, re.IGNORECASE)) for kind, pat in _PATTERNS]
_CASE_SENSITIVE = {"md", "dm", "my", "mdy", "dmy", "month", "wd", "holiday"}
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|during|before|after|of|to|and|between|through|"
    r"early|late|mid|year|years|the|fiscal|summer|winter|spring|autumn)\s*-?\s*)$",
    re.IGNORECASE,
)
_VAGUE_KEEP = {"recently": "PAST_REF", "the past": "PAST_REF",
               "nowadays": "PRESENT_REF", "once": "PAST_REF"}  # fmt: skip


@dataclass
class Match:
    start: int
    end: int
    kind: str
    text: str


def _number(word: str) -> float | None:
    word = word.lower().strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if word in ("a few", "few", "several", "many", "some", "a couple of", "couple of"):
        return None
    if word.startswith("half"):
        return 0.5
    return NUMBERS.get(word)


def find_timexes(text: str) -> list[Match]:
    """Every date/time expression, longest match first, no overlaps."""
    found: list[Match] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            frag = m.group(0)
            if kind in _CASE_SENSITIVE and not re.search(r"[A-Z]", frag):
                continue
            if kind == "year" and not _YEAR_CONTEXT.search(text[max(0, s - 12) : s]):
                continue
            if kind == "md" and frag.split()[0].lower().rstrip(".") == "may" and not frag[0].isupper():
                continue
            if kind == "month" and frag.lower().startswith("march") and not frag[0].isupper():
                continue
            if kind == "vague" and frag.lower() not in _VAGUE_KEEP:
                continue
            if kind == "duration" and re.match(r"(?i)(?:the\s+)?(?:a|an|one)\s+(?:second|minute)\b", frag):
                continue
            # a leading "on"/"in" is never part of the expression
            lead = re.match(r"(?i)(?:on|in)\s+", frag)
            if lead:
                s += lead.end()
                frag = text[s:e]
            found.append(Match(s, e, kind, frag))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    chosen: list[Match] = []
    for cand in sorted(found, key=lambda f: -(f.end - f.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    chosen.sort(key=lambda f: f.start)
    return chosen


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


def _parse_day(tok: str) -> int:
    return int(re.sub(r"\D", "", tok))


def _season_value(year: int, season: str) -> str:
    return f"{year:04d}-{SEASONS[season]}"


def interpret(m: Match) -> Partial:
    """What the expression means before any anchoring."""
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
        return Partial("DATE", relative=f"weekday:{wd}:{rel}")
    if kind == "holiday":
        name = re.sub(r"^(?:last|next|this)\s+", "", low).replace("’", "'")
        name = re.sub(r",?\s+\d{4}$", "", name)
        years = re.findall(_YEAR, t)
        if name.startswith("easter"):
            return Partial("DATE", year=int(years[0]) if years else None, relative="easter")
        mon, day = HOLIDAYS.get(name, (0, 0))
        if not mon:
            return Partial("DATE")
        if years:
            return _full(int(years[0]), mon, day)
        return Partial("DATE", month=mon, day=day)
    if kind == "season":
        season = re.search(r"spring|summer|autumn|winter", low).group(0)  # type: ignore[union-attr]
        years = re.findall(_YEAR, t)
        if years:
            return Partial("DATE", value=_season_value(int(years[0]), season))
        shift = -1 if low.startswith("last") else 1 if low.startswith("next") else 0
        return Partial("DATE", relative=f"season:{season}:{shift}")
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
            return Partial("DATE", value=f"19{digits[0]}X")
        return Partial("DATE", value=f"{digits[:3]}X")
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
        code = UNITS.get(unit, "D")
        amount = "X" if count is None else (f"{count:g}" if count % 1 else str(int(count)))
        if code == "DE":
            amount, code = ("X" if count is None else str(int(count * 10))), "Y"
        elif code == "CE":
            amount, code = ("X" if count is None else str(int(count * 100))), "Y"
        if unit == "fortnight" and count is not None:
            amount = str(int(count * 2))
        prefix = "PT" if code in ("H", "S") or unit == "minute" else "P"
        return Partial("DURATION", value=f"{prefix}{amount}{code}")
    if kind == "vague":
        return Partial("DATE", value=_VAGUE_KEEP[low])
    if kind == "time":
        return Partial("TIME")
    if kind == "set":
        unit = re.search(r"day|week|month|year|morning|night|annual|daily|weekly|monthly|yearly", low)
        u = unit.group(0) if unit else "day"
        val = {"day": "P1D", "daily": "P1D", "week": "P1W", "weekly": "P1W", "month": "P1M",
               "monthly": "P1M", "year": "P1Y", "yearly": "P1Y", "annual": "P1Y",
               "morning": "XXXX-XX-XXTMO", "night": "XXXX-XX-XXTNI"}.get(u)  # fmt: skip
        return Partial("SET", value=val)
    return Partial("DATE")


def _full(year: int, month: int, day: int) -> Partial:
    try:
        date(year, month, day)
    except ValueError:
        return Partial("DATE")
    return Partial("DATE", value=f"{year:04d}-{month:02d}-{day:02d}", year=year, month=month, day=day)


def _nearest_year(ref: date, month: int, day: int | None) -> int:
    """The year that puts month/day closest to the reference date."""
    best = ref.year
    best_gap: int | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(y, month, day or 15)
        except ValueError:
            continue
        gap = abs((d - ref).days)
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


def resolve_relative(p: Partial, ref: date) -> str | None:
    """Value of a relative expression against a reference (publication) date."""
    rel = p.relative or ""
    kind, _, rest = rel.partition(":")
    if kind == "deictic":
        off, _, suffix = rest.partition(":")
        d = ref + timedelta(days=int(off))
        return d.isoformat() + (f"T{suffix}" if suffix else "")
    if kind == "weekday":
        wd_s, _, which = rest.partition(":")
        wd = int(wd_s)
        if which == "next":
            ahead = (wd - ref.weekday()) % 7 or 7
            return (ref + timedelta(days=ahead)).isoformat()
        if which == "this":
            return (ref + timedelta(days=wd - ref.weekday())).isoformat()
        # news mostly reports what happened: the most recent such day (not the reference day)
        back = (ref.weekday() - wd) % 7 or 7
        return (ref - timedelta(days=back)).isoformat()
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
            return f"{(ref.year // 10 + shift):03d}X"
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
            return f"{(ref.year + int(10 * n)) // 10:03d}X"
        return "PAST_REF" if n < 0 else "FUTURE_REF"
    if kind == "season":
        season, _, season_shift = rest.partition(":")
        return _season_value(ref.year + int(season_shift), season)
    if kind == "quarter":
        return f"{ref.year:04d}-Q{rest}"
    if kind == "month":
        assert p.month is not None
        if rest == "last":
            y = ref.year if p.month < ref.month else ref.year - 1
        else:
            y = ref.year if p.month > ref.month else ref.year + 1
        return f"{y:04d}-{p.month:02d}"
    if kind == "easter":
        return easter(p.year or ref.year).isoformat()
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


def resolve_timexes(text: str, published: str | None) -> list[Timex]:
    """Find and value every expression; `anchor` says what each value rests on."""
    pub = _parse_iso(published) if published else None
    matches = find_timexes(text)
    partials = [interpret(m) for m in matches]
    # explicit full dates, in text order, are the context for undated day/month forms
    explicit: list[tuple[int, date]] = []
    for m, p in zip(matches, partials, strict=True):
        if p.value and p.year and p.month and p.day:
            explicit.append((m.start, date(p.year, p.month, p.day)))
    out: list[Timex] = []
    for m, p in zip(matches, partials, strict=True):
        value: str | None = p.value
        anchor: Anchor = "explicit" if value else "none"
        if value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
            anchor = "published" if pub else "none"
        if value is None and (p.relative or p.month):
            if pub is not None:
                value = _resolve_on(p, pub, nearest=True)
                anchor = "published" if value else "none"
            else:
                before = [d for pos, d in explicit if pos < m.start]
                after = [d for pos, d in explicit if pos > m.start]
                if p.month is not None and p.relative is None and (before or after):
                    if before:
                        value = _value_with_year(p, _forward_year(before[-1], p.month, p.day))
                    else:
                        value = _value_with_year(p, _backward_year(after[0], p.month, p.day))
                    anchor = "context" if value else "none"
        out.append(Timex(m.start, m.end, m.text, p.type, value, anchor))
    return out


def _resolve_on(p: Partial, ref: date, *, nearest: bool) -> str | None:
    if p.relative:
        return resolve_relative(p, ref)
    if p.month is not None:
        year = _nearest_year(ref, p.month, p.day) if nearest else ref.year
        return _value_with_year(p, year)
    return None


def timex_date(value: str | None) -> date | None:
    """A calendar day for comparisons, when the value names one."""
    if value and re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return _parse_iso(value)
    return None
