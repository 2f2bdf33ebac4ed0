"""HTML -> body text and metadata, through trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import trafilatura
from lxml import html as lxml_html

from casework.errors import InputRejected
from casework.ingest.sniff import starts_with

_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
_CLOSING = re.compile(r"</(?:p|div|span|a|li|h\d)>", re.I)


def looks_like_html(text: str) -> bool:
    if starts_with(text[:2048], _HTML_TAG):
        return True
    return len(_CLOSING.findall(text[:20000])) >= 3


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


_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
}


def fragment_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's content): blocks become paragraphs; scripts and styles go."""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on broken markup; the text is then taken as is
        return fragment
    for bad in root.xpath("//script|//style|//noscript|//iframe"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)
