"""What a file's neighbours say about it: a `NAME.json` sidecar, and a date at the start of its name.

`--published` gives one date to a whole batch; a folder of saved reports needs
one per file. A sidecar `report.json` (or `report.txt.json`) beside `report.txt`
may give `published` (YYYY-MM-DD), `url`, `title` and `site`; a name such as
`2022-01-10-osh-blogger.txt` gives the date when nothing else does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casework.errors import InputRejected

MAX_SIDECAR = 65536  # a sidecar is a few fields, never a report
_NAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[-_ .]|$)")
_FIELDS = ("published", "url", "title", "site")


@dataclass
class FileMeta:
    published: str | None = None
    url: str | None = None
    title: str | None = None
    site: str | None = None
    name_date: str | None = None  # the date in the file's name: the last resort


def _day(value: str) -> str | None:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def sidecar_path(path: Path) -> Path | None:
    for candidate in (path.with_suffix(".json"), path.with_name(path.name + ".json")):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def file_meta(name: str, path: str | None) -> FileMeta:
    """The sidecar's fields and the name's date for the file at PATH; InputRejected (naming the
    sidecar) when a sidecar is there but unreadable, so a wrong date is never used quietly."""
    meta = FileMeta()
    if not path:
        return meta
    file = Path(path)
    found = _NAME_DATE.match(file.name)
    if found:
        meta.name_date = _day(found[1])
    side = sidecar_path(file)
    if side is None:
        return meta
    if side.stat().st_size > MAX_SIDECAR:
        raise InputRejected(name, f"sidecar {side.name} is over {MAX_SIDECAR} bytes")
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputRejected(name, f"sidecar {side.name} is not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise InputRejected(name, f"sidecar {side.name} is not a JSON object")
    for key in _FIELDS:
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise InputRejected(name, f"sidecar {side.name}: {key} must be a string")
        setattr(meta, key, " ".join(value.split()))
    if meta.published is not None:
        day = _day(meta.published)
        if day is None:
            raise InputRejected(name, f"sidecar {side.name}: published {meta.published!r} is not YYYY-MM-DD")
        meta.published = day
    return meta
