"""What a document starts with, found in linear time.

A regex that skips any number of comments before the first tag backtracks
exponentially on a run of empty comments; here each comment, processing
instruction and DOCTYPE is stepped over once with `str.find`.
"""

from __future__ import annotations

import re

_SPACE = " \t\n\r\f\v"


def _skip_doctype(text: str, pos: int) -> int:
    """Past `<!DOCTYPE ...>`, including an internal subset in [...]; -1 when it does not end."""
    close = text.find(">", pos)
    bracket = text.find("[", pos)
    if bracket != -1 and (close == -1 or bracket < close):
        end = text.find("]", bracket)
        close = text.find(">", end) if end != -1 else -1
    return close + 1 if close != -1 else -1


def skip_prolog(text: str, *, declarations: bool = False) -> int:
    """Offset of the first tag after leading white space and comments, or -1 if a comment never ends.

    With `declarations`, XML processing instructions (`<?xml ...?>`, `<?xml-stylesheet ...?>`)
    and a DOCTYPE are stepped over too, as a feed may carry them before its root element.
    """
    pos, n = 0, len(text)
    while True:
        while pos < n and text[pos] in _SPACE:
            pos += 1
        if text.startswith("<!--", pos):
            end = text.find("-->", pos + 4)
            if end == -1:
                return -1
            pos = end + 3
        elif declarations and text.startswith("<?", pos):
            end = text.find("?>", pos + 2)
            if end == -1:
                return -1
            pos = end + 2
        elif declarations and text[pos : pos + 9].lower() == "<!doctype":
            pos = _skip_doctype(text, pos + 9)
            if pos == -1:
                return -1
        else:
            return pos


def starts_with(text: str, tag: re.Pattern[str], *, declarations: bool = False) -> bool:
    """Does `tag` match at the first tag after the prolog?"""
    pos = skip_prolog(text, declarations=declarations)
    return pos != -1 and tag.match(text, pos) is not None
