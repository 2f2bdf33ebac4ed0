"""Date and time expressions: find them, then give each a TimeML value.

Two passes, kept apart on purpose, in four modules:

* `tables`: a language's words and patterns, built from the `timex` section of its pack
  (data/lang/CODE.yaml);
* `find`: `find_timexes` is pure pattern matching over the text;
* `interpret`: what each expression says on its own;
* `anchor`: `value_timexes` gives each expression its value. Explicit dates stand on their own;
  everything else is counted from the publication date, or, when there is none, from the
  explicit dates in the text.
"""

from casework.extract.timexes.anchor import BACK_BIAS, relative_value, timex_date, value_timexes
from casework.extract.timexes.find import Match, find_timexes
from casework.extract.timexes.interpret import Partial, interpret
from casework.extract.timexes.tables import Tables, build_tables, tables

# The English patterns run over whole reports (tests/test_hostile_hangs.py times each one).
_COMPILED = tables("en").patterns
_QUARTERLY = tables("en").quarterly

__all__ = [
    "BACK_BIAS",
    "_COMPILED",
    "_QUARTERLY",
    "Match",
    "Partial",
    "Tables",
    "build_tables",
    "find_timexes",
    "interpret",
    "relative_value",
    "tables",
    "timex_date",
    "value_timexes",
]  # fmt: skip
