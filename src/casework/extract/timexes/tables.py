"""The words and patterns of English date expressions: month, weekday, number and unit names,
holidays, seasons, and the patterns `find` matches with."""

from __future__ import annotations

import re

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
    r"|Halloween|Valentine[’']s Day|May Day|Nowruz|Navruz|International Women[’']s Day"
    r"|Thanksgiving(?: Day)?|Election Day)"
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
        rf"\b(?:(?:last|next|this|early|late)\s+)?(?:spring|summer|autumn|winter)(?:\s+(?:of\s+)?{_YEAR})?\b"
        rf"|\b(?:last|next|this|early|late|the)\s+fall(?:\s+(?:of\s+)?{_YEAR})?\b",
    ),
    (
        "month",
        r"\b(?:(?:early|late|mid-?|last|next|this)\s+)?(?:January|February|March|April|June|July|August|September|October|November|December)\b"
        r"|\b(?:(?:early|late|mid-?|last|next|this)\s+|(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s))May\b(?!\s+(?:be|have|not)\b)",
    ),
    ("weekend", r"\b(?:the|this|last|next)\s+weekend\b"),
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
        rf"\b(?:the\s+)?(?:first|second|third|fourth|final|last)[\s-]+quarter(?:\s+of\s+{_YEAR})?\b",
    ),
    (
        "quarter_rel",
        r"\b(?:the\s+)?(?:latest|current|most recent|year-ago|year-earlier)\s+(?:quarter|period)\b"
        r"|\bthe\s+quarter\b|\byear-(?:ago|earlier)\b",
    ),
    (
        "past_units",
        rf"\b(?:the\s+)?(?:past|last|next|previous|coming|first|final)\s+{_NUMW}\s+{_UNIT}\b",
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
        r"\b(?:recently|currently|now|the past|nowadays|the future|current(?=\s+[a-z])|in recent (?:weeks|months|years|days)|for years|for months|for decades|for weeks|for days|years|months|decades)\b",
    ),
    (
        "time",
        r"(?:\b(?:[01]?\d|2[0-3]):[0-5]\d\s*(?:[ap]\.?m\.?(?![a-z]))?(?:\s*(?:GMT|UTC|BST|EST|EDT|local time))?"
        r"|\b(?:[01]?\d|2[0-3])\.[0-5]\d\s*(?:[ap]\.?m\.?(?![a-z])|GMT|UTC|BST|local time)"
        r"|\b(?:[01]?\d)\s*[ap]\.?m\.?(?![a-z])(?:\s*(?:GMT|UTC|BST|EST|EDT))?"
        r"|\b(?:[01]\d|2[0-3])[0-5]\d\s+(?:GMT|UTC|BST)\b|\bmidnight\b|\bnoon\b)"
        rf"(?:,?\s+(?:on\s+)?{_WD})?",
    ),
    (
        "set",
        r"\b(?:every|each)\s+(?:day|week|month|year|morning|night|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
        r"|\b(?:daily|weekly|monthly|annually|yearly)\b",
    ),
]
_COMPILED = [(kind, re.compile(pat, re.IGNORECASE)) for kind, pat in _PATTERNS]
_CASE_SENSITIVE = {"md", "dm", "my", "mdy", "dmy", "month", "wd", "holiday"}
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|during|before|after|of|to|and|between|through|"
    r"early|late|mid|year|years|the|fiscal|summer|winter|spring|autumn)\s*-?\s*)$",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"\s+(?:people|persons|men|women|children|troops|soldiers|police|officers|employees|workers|jobs|votes|"
    r"cases|deaths|shares|units|cars|homes|houses|members|students|residents|refugees|prisoners|detainees|"
    r"tonnes|tons|miles|kilometres|kilometers|metres|meters|feet|acres|hectares|pounds|dollars|euros|barrels|"
    r"points|rooms|beds|pages|copies|signatures)\b",
    re.IGNORECASE,
)


def _is_year(text: str, start: int, end: int, frag: str) -> bool:
    """A four-digit number is a year when the words around it do not count things with it."""
    if _YEAR_CONTEXT.search(text[max(0, start - 12) : start]):
        return True
    digits = re.search(r"\d{4}", frag)
    if digits is None or not 1900 <= int(digits.group(0)) <= 2039:
        return False
    return not _COUNTED.match(text, end)


_VAGUE_KEEP = {"recently": "PAST_REF", "the past": "PAST_REF",
               "nowadays": "PRESENT_REF", "now": "PRESENT_REF", "currently": "PRESENT_REF",
               "current": "PRESENT_REF", "the future": "FUTURE_REF"}  # fmt: skip
