"""Untrusted names (file names, WARC URIs, feed labels) made safe to print on a terminal and to read.

A file name can hold a newline and forge a whole "ingested" line, or an escape sequence that
rewrites the terminal; bidi controls (U+202E) and zero-width characters (U+200B) make one name look
like another. Printed, each becomes a visible escape; matched, the invisible ones are dropped.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides and isolates, zero-width characters, the BOM as a word joiner.
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """Control, format and invisible characters as visible escapes (\\n, \\x1b, \\u202e); the rest kept."""
    out = []
    for ch in text:
        if ch in INVISIBLE or (unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != " "):
            out.append("\\n" if ch == "\n" else _escape(ch))
        else:
            out.append(ch)
    return "".join(out)


# ZWNJ and ZWJ spell words in Persian and Indic scripts (and emoji): they are kept in report text.
_FOLDED = re.compile(f"[{INVISIBLE.replace(chr(0x200C), '').replace(chr(0x200D), '')}]")


def fold_invisible(text: str) -> str:
    """The text without bidi controls and zero-width spaces, so that names in it are found and matched."""
    return _FOLDED.sub("", text)


def reveal_invisible(text: str) -> str:
    """Invisible characters shown as their code point in brackets, for pages (⟦U+202E⟧)."""
    return _INVISIBLE.sub(lambda m: f"⟦U+{ord(m.group(0)):04X}⟧", text)
