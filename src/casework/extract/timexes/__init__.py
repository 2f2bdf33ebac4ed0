"""Date and time expressions: find them, then give each a TimeML value.

Two passes, kept apart on purpose, in four modules:

* `tables`: the English words and patterns;
* `find`: `find_timexes` is pure pattern matching over the text;
* `interpret`: what each expression says on its own;
* `anchor`: `resolve_timexes` gives each expression its value. Explicit dates stand on their own;
  everything else is resolved against the publication date, or, when there is none, against the
  explicit dates in the text.
"""

from casework.extract.timexes.anchor import (
    _QUARTERLY,
    BACK_BIAS,
    resolve_relative,
    resolve_timexes,
    timex_date,
)
from casework.extract.timexes.find import Match, find_timexes
from casework.extract.timexes.interpret import Partial, interpret
from casework.extract.timexes.tables import _COMPILED, HOLIDAYS, MONTHS, NUMBERS, SEASONS, UNITS, WEEKDAYS

__all__ = [
    "BACK_BIAS",
    "HOLIDAYS",
    "MONTHS",
    "NUMBERS",
    "SEASONS",
    "UNITS",
    "WEEKDAYS",
    "_COMPILED",
    "_QUARTERLY",
    "Match",
    "Partial",
    "find_timexes",
    "interpret",
    "resolve_relative",
    "resolve_timexes",
    "timex_date",
]  # fmt: skip
