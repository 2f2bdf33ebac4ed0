"""JSON Lines exports: one object a line with `text` or `html`, and optional `title`, `url`, `published`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from casework.errors import InputRejected
from casework.ingest.loader import RawInput

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def looks_like_jsonl(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.startswith(b"{") and (b'"text"' in head or b'"html"' in head)


def _field(obj: dict[str, object], key: str) -> str | None:
    value = obj.get(key)
    return value.strip() or None if isinstance(value, str) else None


def read_jsonl(name: str, data: bytes) -> Iterator[RawInput | InputRejected]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield InputRejected(name, "JSON Lines must be UTF-8")
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputRejected(label, f"not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield InputRejected(label, "not a JSON object")
            continue
        html, body = _field(obj, "html"), _field(obj, "text")
        if html is None and body is None:
            yield InputRejected(label, "object has neither 'text' nor 'html'")
            continue
        published = _field(obj, "published")
        yield RawInput(
            name=label,
            data=(html if html is not None else body or "").encode("utf-8"),
            path=name,
            url=_field(obj, "url"),
            kind="jsonl",
            format="html" if html is not None else "text",
            title=_field(obj, "title"),
            published=published[:10] if published and _DATE.match(published) else None,
            encoding="utf-8",
        )
