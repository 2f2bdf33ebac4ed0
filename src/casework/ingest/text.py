"""Plain-text clean-up: title line, byline and trailing boilerplate kept out of the body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

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


_MONTH_NAMES = "january february march april may june july august september october november december"
_MONTHS = {name[:n]: i + 1 for i, name in enumerate(_MONTH_NAMES.split()) for n in (3, len(name))} | {
    "sept": 9
}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# "OSH, March 4, 2021 —", "ALMATY, Jan 11 (Reuters) -", "ALMATY (Reuters) -", "NEW YORK, 4 March 2021 –"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*(?P<date>(?P<m1>"
    + _MONTH
    + r")\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?|(?P<d2>\d{1,2})\s+(?P<m2>"
    + _MONTH
    + r"))(?:,?\s+(?P<year>(?:19|20)\d{2}))?)?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?\s*[-–—]+\s+"
)


@dataclass
class Dateline:
    place: str
    published: str | None  # YYYY-MM-DD, when the dateline gives a day
    agency: str | None
    length: int  # characters of the body it takes up


def read_dateline(body: str) -> Dateline | None:
    """The dateline that opens a report ("OSH, March 4, 2021 —"): its place, day and agency.

    A dateline without a year takes the latest year the report writes out.
    """
    m = _DATELINE.match(body)
    if not m or not (m["date"] or m["agency"]):
        return None  # a capitalised word and a dash alone is not a dateline
    published = None
    if m["date"]:
        name = (m["m1"] or m["m2"]).rstrip(".").lower()
        month = _MONTHS.get(name) or _MONTHS.get(name[:3])
        day = int(m["d1"] or m["d2"])
        years = [int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", body)]
        year = int(m["year"]) if m["year"] else max(years) if years else None
        if month and year and 1 <= day <= 31:
            try:
                published = date(year, month, day).isoformat()
            except ValueError:
                published = None
    return Dateline(m["place"].title(), published, m["agency"], m.end())


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_./]?(0[1-9]|1[0-2])[-_./]?(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_name(name: str | None) -> str | None:
    """The day a file name or URL path carries ("2022-01-13-release.txt", ".../2022/01/13/...")."""
    for m in _NAME_DATE.finditer(name or ""):
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            continue
    return None
