"""The words and patterns of a language's date expressions, built from its pack (the `timex` section
of data/lang/CODE.yaml) once per language: `tables(code)`.

The pack gives the words and the pattern of each kind; the code knows the kinds and what they mean
(`find`, `interpret`, `anchor`). TimeML codes (P3Y, the unit letters) are the same in every language,
so they are here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from casework.errors import ConfigError
from casework.languages import LanguageWords, words

# a unit's TimeML letter; decades and centuries are written in years (DE and CE say how many)
UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W",
              "month": "M", "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE"}  # fmt: skip
# the rules that give a movable holiday its day in a year (anchor.py)
MOVABLE_RULES = frozenset({"easter", "thanksgiving", "election"})

_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # {month}; not a quantifier such as {1,2}


def alternation(items: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """One group that matches any of ITEMS, longer ones tried first; an apostrophe matches ' or ’."""
    ordered = sorted(dict.fromkeys(items), key=len, reverse=True)  # stable: ties keep their order
    return "(?:" + "|".join("[’']".join(re.escape(p) for p in w.split("'")) for w in ordered) + ")"


@dataclass(frozen=True)
class Tables:
    """A language's date words and compiled patterns, read by find, interpret and anchor."""

    patterns: list[tuple[str, re.Pattern[str]]]  # (kind, pattern), in order
    capitalised: frozenset[str]
    not_timexes: dict[str, list[re.Pattern[str]]]
    leading: re.Pattern[str]
    year_context: re.Pattern[str]
    counted: re.Pattern[str]
    month_of: dict[str, int]  # a written form, lower case and without its dot -> 1..12
    month_word: re.Pattern[str]
    weekday_of: dict[str, int]  # lower case -> 0 (Monday) .. 6
    weekday: re.Pattern[str]
    bare_weekday: re.Pattern[str]
    leading_weekday: re.Pattern[str]
    numbers: dict[str, float]
    unit_of: dict[str, str]  # a written form, lower case -> the unit
    relative_units: list[tuple[str, str]]
    relative_count: re.Pattern[str]
    plural_ending: str
    shifts: dict[str, int]
    ago: dict[str, int]
    counted_from_before: frozenset[str]
    amount_unit: re.Pattern[str]  # groups: amount, unit
    ago_amount_unit: re.Pattern[str]  # the same after an optional word of approximation, at the start
    duration_amount_unit: re.Pattern[str]  # groups: amount, "and a half", unit
    deictic: dict[str, int]
    parts_of_day: dict[str, str]
    holidays: dict[str, tuple[int, int]]
    movable_holidays: dict[str, str]
    seasons: dict[str, str]
    season: re.Pattern[str]
    centuries: dict[str, int]
    quarters: dict[str, int]
    relative_quarters: dict[str, str]
    vague: dict[str, str]
    sets: dict[str, str]
    set_unit: re.Pattern[str]
    clock_words: dict[str, int]
    after_noon: re.Pattern[str]
    before_noon: re.Pattern[str]
    quarterly: re.Pattern[str]
    future: re.Pattern[str]
    prospect: re.Pattern[str]
    clause_end: re.Pattern[str]


def _mapping(pack: LanguageWords, key: str) -> dict[str, Any]:
    node = pack.node(f"timex.{key}")
    if not isinstance(node, dict):
        raise ConfigError(f"language pack {pack.code!r}: timex.{key} should be a mapping")
    return {str(k): v for k, v in node.items()}


def _pieces(pack: LanguageWords) -> dict[str, str]:
    """What a pattern may name in braces: every list, mapping and string of the timex section, and the
    pieces built from them (month forms, amounts, units, ...)."""
    section = pack.node("timex")
    if not isinstance(section, dict):
        raise ConfigError(f"language pack {pack.code!r}: timex should be a mapping")
    pieces: dict[str, str] = {}
    for key, value in section.items():
        if isinstance(value, dict):
            pieces[str(key)] = alternation([str(k) for k in value])
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            pieces[str(key)] = alternation([str(v) for v in value])
        elif isinstance(value, str):
            pieces[str(key)] = value
    months = _months(pack)
    months_in_context = pack.list("timex.months_in_context")
    seasons_in_context = pack.list("timex.seasons_in_context")
    units = _mapping(pack, "units")
    amounts = [*_mapping(pack, "numbers"), *pack.list("timex.unknown_amounts")]
    return pieces | {
        "day": rf"{_DAY}(?:{alternation(pack.list('timex.day_suffixes'))})?",
        "year": _YEAR,
        "month": alternation([f for forms in months for f in forms]),
        "month_names": alternation([forms[0] for forms in months if forms[0] not in months_in_context]),
        "seasons": alternation([s for s in _mapping(pack, "seasons") if s not in seasons_in_context]),
        "holidays": alternation([*_mapping(pack, "holidays"), *_mapping(pack, "movable_holidays")]),
        "unit": alternation([str(f) for forms in units.values() for f in forms]),
        "amount": rf"(?:\d+(?:\.\d+)?|{alternation(amounts)})",
        "approx": rf"{alternation(pack.list('timex.approximately'))}\s+",
        "deictic": alternation([*_mapping(pack, "deictic"), *_mapping(pack, "parts_of_day")]),
    }


def _months(pack: LanguageWords) -> list[list[str]]:
    months = [[str(f) for f in forms] for forms in pack.node("timex.months")]
    if len(months) != 12 or not all(months):
        raise ConfigError(f"language pack {pack.code!r}: timex.months should give the forms of 12 months")
    return months


def build_tables(pack: LanguageWords) -> Tables:
    """Compile PACK's timex section; a missing word list or pattern names the key."""
    pieces = _pieces(pack)
    months = _months(pack)
    seasons = {k: str(v) for k, v in _mapping(pack, "seasons").items()}
    # whole numbers stay int: a relative value such as "ago:year:-1" is compared as text
    numbers = {k: v if isinstance(v, int) else float(v) for k, v in _mapping(pack, "numbers").items()}
    units = {unit: [str(f) for f in forms] for unit, forms in _mapping(pack, "units").items()}
    movable = {k: str(v) for k, v in _mapping(pack, "movable_holidays").items()}
    if not set(movable.values()) <= MOVABLE_RULES:
        raise ConfigError(f"language pack {pack.code!r}: movable holidays follow {sorted(MOVABLE_RULES)}")

    def compile_(template: str) -> re.Pattern[str]:
        def piece(m: re.Match[str]) -> str:
            if m.group(1) not in pieces:
                raise ConfigError(f"language pack {pack.code!r}: a timex pattern names no {{{m.group(1)}}}")
            return pieces[m.group(1)]

        return re.compile(_PLACEHOLDER.sub(piece, template), re.IGNORECASE)

    def pattern(key: str) -> re.Pattern[str]:
        return compile_(str(pack.node(f"timex.{key}")))

    weekdays = pack.list("timex.weekdays")
    return Tables(
        patterns=[(str(kind), compile_(str(template))) for kind, template in pack.node("timex.patterns")],
        capitalised=pack.set("timex.capitalised"),
        not_timexes={k: [re.compile(str(p)) for p in v] for k, v in _mapping(pack, "not_timexes").items()},
        leading=re.compile(rf"{alternation(pack.list('timex.leading_words'))}\s+", re.IGNORECASE),
        year_context=compile_(r"(?:\b{year_context}\s*-?\s*)$"),
        counted=compile_(r"\s+{counted_nouns}\b"),
        month_of={f.lower().rstrip("."): n for n, forms in enumerate(months, 1) for f in forms},
        month_word=re.compile(r"[^\W\d_]+"),
        weekday_of={w.lower(): i for i, w in enumerate(weekdays)},
        weekday=compile_("{weekdays}"),
        bare_weekday=compile_("^{weekdays}$"),
        leading_weekday=compile_(r"^{weekdays},?\s+"),
        numbers=numbers,
        unit_of={f.lower(): unit for unit, forms in units.items() for f in forms},
        relative_units=[(k, str(v)) for k, v in _mapping(pack, "relative_units").items()],
        relative_count=compile_(r"\b({relative_counts})\b"),
        plural_ending=str(pack.node("timex.plural_ending")),
        shifts={k: int(v) for k, v in _mapping(pack, "shifts").items()},
        ago={k: int(v) for k, v in _mapping(pack, "ago").items()},
        counted_from_before=pack.set("timex.counted_from_before"),
        amount_unit=compile_(r"({amount})\s+({unit})"),
        ago_amount_unit=compile_(r"(?:{approx})?({amount})\s+({unit})"),
        duration_amount_unit=compile_(r"({amount})[ -]({and_a_half})?({unit})"),
        deictic={k: int(v) for k, v in _mapping(pack, "deictic").items()},
        parts_of_day={k: str(v) for k, v in _mapping(pack, "parts_of_day").items()},
        holidays={k: (int(v[0]), int(v[1])) for k, v in _mapping(pack, "holidays").items()},
        movable_holidays=movable,
        seasons=seasons,
        season=re.compile(alternation(list(seasons))),
        centuries={k: int(v) for k, v in _mapping(pack, "centuries").items()},
        quarters={k: int(v) for k, v in _mapping(pack, "quarters").items()},
        relative_quarters={k: str(v) for k, v in _mapping(pack, "relative_quarters").items()},
        vague={k: str(v) for k, v in _mapping(pack, "vague").items()},
        sets={k: str(v) for k, v in _mapping(pack, "sets").items()},
        set_unit=re.compile(alternation(list(_mapping(pack, "sets")))),
        clock_words={k: int(v) for k, v in _mapping(pack, "clock_words").items()},
        after_noon=pattern("after_noon"),
        before_noon=pattern("before_noon"),
        quarterly=pattern("quarterly"),
        future=pattern("future"),
        prospect=pattern("prospect"),
        clause_end=pattern("clause_end"),
    )


@lru_cache(maxsize=8)
def _tables_of(pack: LanguageWords) -> Tables:
    return build_tables(pack)


def tables(language: str = "en") -> Tables:
    """The date tables of LANGUAGE, built from its pack on first use."""
    return _tables_of(words(language))


def is_year(t: Tables, text: str, start: int, end: int, frag: str) -> bool:
    """A four-digit number is a year when the words around it do not count things with it."""
    if t.year_context.search(text[max(0, start - 12) : start]):
        return True
    digits = re.search(r"\d{4}", frag)
    if digits is None or not 1900 <= int(digits.group(0)) <= 2039:
        return False
    return not t.counted.match(text, end)
