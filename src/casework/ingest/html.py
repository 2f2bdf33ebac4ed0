"""HTML -> body text and metadata, through trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import trafilatura

from casework.errors import InputRejected

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(text: str) -> bool:
    if _HTML_START.match(text[:2048]):
        return True
    return len(re.findall(r"</(?:p|div|span|a|li|h\d)>", text[:20000], re.I)) >= 3


@dataclass
class HtmlExtract:
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site: str | None = None


def extract_html(name: str, html: str, url: str | None = None) -> HtmlExtract:
    """The article body as paragraphs separated by blank lines, and its metadata."""
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputRejected(name, "no article text found in HTML")
    title = getattr(result, "title", None) or None
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0] == title.strip():
        paragraphs.pop(0)
    author = getattr(result, "author", None) or ""
    authors = [a.strip() for a in re.split(r";|\band\b", author) if a.strip()]
    date = getattr(result, "date", None)
    published = date if isinstance(date, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", date) else None
    return HtmlExtract(
        text="\n\n".join(paragraphs),
        title=title,
        authors=authors,
        published=published,
        site=getattr(result, "sitename", None) or None,
    )
