"""RSS and Atom feeds: each item one input (its full content when the feed carries it, else its summary)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from casework.errors import InputRejected
from casework.ingest.loader import RawInput
from casework.ingest.sniff import starts_with

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b")


def looks_like_feed(data: bytes) -> bool:
    # latin-1 maps each byte to one character, so offsets and ASCII markup are unchanged
    head = data[:4096].lstrip(b"\xef\xbb\xbf").decode("latin-1")
    return starts_with(head, _FEED_ROOT, declarations=True)


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed is None:
        return None
    return time.strftime("%Y-%m-%d", parsed)


def _body(entry: Any) -> tuple[str, str]:
    """(text, format): the longest content block, else the summary."""
    contents = entry.get("content") or []
    best = max(contents, key=lambda c: len(c.get("value") or ""), default=None)
    if best is not None and (best.get("value") or "").strip():
        value, ctype = best["value"], best.get("type", "text/html")
    else:
        value = entry.get("summary") or ""
        ctype = (entry.get("summary_detail") or {}).get("type", "text/html")
    return value, ("html" if "html" in ctype else "text")


def read_feed(name: str, data: bytes) -> Iterator[RawInput | InputRejected]:
    # feedparser never fetches here: it is given bytes, not a URL.
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = "feed has no items"
        if parsed.get("bozo") and not parsed.get("feed"):
            reason = f"not a readable feed ({type(parsed.get('bozo_exception')).__name__})"
        yield InputRejected(name, reason)
        return
    for i, entry in enumerate(entries, 1):
        label = f"{name}#{i}"
        value, fmt = _body(entry)
        if not value.strip():
            yield InputRejected(label, "feed item has neither content nor summary")
            continue
        yield RawInput(
            name=label,
            data=value.encode("utf-8"),
            path=name,
            url=entry.get("link") or None,
            kind="feed",
            format="fragment" if fmt == "html" else "text",
            title=entry.get("title") or None,
            published=_date(entry),
            encoding="utf-8",
            item_id=entry.get("id") or entry.get("link") or None,
        )
