"""Plain-text clean-up: title line, byline and trailing boilerplate kept out of the body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|al|el|bin|ibn)){0,4}"
_BYLINE = re.compile(rf"^\s*(?:by|By|BY)[:\s]\s*(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)")
_BOILERPLATE = re.compile(
    r"^\s*(?:you may also like|you might also like|related(?: stories| articles| topics| content"
    r"| coverage| links| news)?\s*:?$|read more\b|more on this story|more from\b|share this\b"
    r"|share on\b|follow us\b|sign up\b|subscribe\b|advertisement\s*$|recommended\b"
    r"|most (?:read|popular)\b|top stories\s*$|tags?:|comments?\s*(?:\(\d+\))?\s*$"
    r"|click here\b|©|copyright\b|all rights reserved)",
    re.IGNORECASE,
)
_BLOCK_SPLIT = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")
_MAX_TITLE = 250


@dataclass
class CleanText:
    body: str
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks, separated by blank lines; lines inside a block are joined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = []
    for raw in _BLOCK_SPLIT.split(text):
        lines = [ln.strip() for ln in raw.split("\n")]
        block = " ".join(ln for ln in lines if ln)
        if block:
            blocks.append(block)
    return blocks


def parse_byline(line: str) -> list[str] | None:
    """Names in a byline such as 'by Anne Kader' or 'By A. Smith and B. Jones, Moscow'."""
    if len(line) > 120:
        return None
    m = _BYLINE.match(line)
    if not m:
        return None
    rest = line[m.end() :].strip()
    if rest and not rest.startswith((",", "|", "-", "–", "—", "(")):
        return None  # "By the time..." is a sentence, not a byline
    listed = m.group("names")
    if "," in listed and not re.search(r"\band\b|&", listed.split(",")[-1]):
        listed = listed.rsplit(",", 1)[0]  # "A and B, Bishkek": the tail is a place or desk
    names = [n.strip() for n in re.split(r"\s*(?:,|\band\b|&)\s*", listed) if n.strip()]
    return names or None


_HEADLINE_WORDS = 20  # a longer first line is a sentence of the report, whatever its punctuation
# "..., her lawyer said" / "according to police": a sentence that reports speech is not a headline
_SAYS = re.compile(r"[,;]\s+(?:\w+\s+){0,4}(?:said|says|told|reported|added)\b|\baccording to\b", re.I)


def _is_title(block: str, following: list[str]) -> bool:
    if not following or len(block) > _MAX_TITLE:
        return False
    if re.search(r"[.!?:;,]['\"’”)]?$", block) and not block.endswith("..."):
        return False
    if len(block.split()) > _HEADLINE_WORDS or _SAYS.search(block) or block.count(",") > 1:
        return False  # only a line that looks like a headline is taken as the title
    return parse_byline(block) is None


def clean_text(text: str) -> CleanText:
    """Separate title, byline and trailing boilerplate from the report body."""
    blocks = split_blocks(text)
    out = CleanText(body="")
    if blocks and _is_title(blocks[0], blocks[1:]):
        out.title = blocks.pop(0)
    for i, block in enumerate(blocks[:3]):
        names = parse_byline(block)
        if names:
            out.byline = names
            del blocks[i]
            break
    cut = len(blocks)
    floor = max(1, len(blocks) - max(5, len(blocks) // 3))
    for i in range(len(blocks) - 1, floor - 1, -1):
        if _BOILERPLATE.match(blocks[i]) and len(blocks[i]) < 200:
            cut = i
    out.removed = blocks[cut:]
    out.body = "\n\n".join(blocks[:cut])
    return out
