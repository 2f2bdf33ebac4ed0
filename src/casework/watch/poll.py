"""One look at one source: the items it holds now, each with the key the watcher remembers it by.

A feed item is known by its id (else its link); any other item by its name and a hash of its bytes,
so a file or page that changes is a new item and one that does not is skipped. A URL is fetched
with the ETag / Last-Modified its server gave last time: a 304 costs no download and no item.
A whole source that cannot be read (a URL that times out, a folder that is gone) is a SourceFailed:
the watcher logs it and backs off, and never stops for it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from casework.errors import CaseworkError, InputRejected
from casework.ingest.loader import RawInput
from casework.ingest.sources import expand, iter_sources
from casework.ingest.web import FetchPolicy, fetch_if_changed, is_url
from casework.watch.memory import SourceState

URL_LIST = "@"  # `@urls.txt`: a file of URLs, one a line, each watched as its own source


class SourceFailed(CaseworkError):
    """A source that could not be read this time; it is tried again after a wait."""


@dataclass
class Look:
    items: list[tuple[str, RawInput | InputRejected]] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None


def item_key(raw: RawInput) -> str:
    if raw.item_id:
        return f"id:{raw.item_id}"
    digest = hashlib.sha256(raw.data).hexdigest()[:32]
    return f"{raw.name}@{digest}"


def rejected_key(item: InputRejected) -> str:
    """A refused item is remembered with its reason: said once, tried again only when it changes."""
    return f"{item.name}!{item.reason}"


def watched_sources(args: list[str]) -> Iterator[str]:
    """The sources named: an `@FILE` names the URLs it lists (read again at each look)."""
    for arg in args:
        if not arg.startswith(URL_LIST) or is_url(arg):
            yield arg
            continue
        path = arg[len(URL_LIST) :]
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            yield f"{URL_LIST}{path}"  # looked at (and failed, backing off) as a source of its own
            continue
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def look(source: str, state: SourceState, policy: FetchPolicy) -> Look:
    """The items SOURCE holds now (or SourceFailed)."""
    if source.startswith(URL_LIST):
        raise SourceFailed(f"{source}: cannot read the URL list")
    if is_url(source):
        try:
            got = fetch_if_changed(source, policy, state.etag, state.last_modified)
        except InputRejected as exc:
            raise SourceFailed(str(exc)) from None
        out = Look(etag=got.etag, last_modified=got.last_modified)
        if got.raw is not None:
            out.items = [(_key(x), x) for x in expand(got.raw)]
        return out
    if not _exists(source):
        raise SourceFailed(f"{source}: no such file or folder")
    return Look(items=[(_key(x), x) for x in iter_sources([source], policy)])


def _key(item: RawInput | InputRejected) -> str:
    return rejected_key(item) if isinstance(item, InputRejected) else item_key(item)


def _exists(source: str) -> bool:
    if set("*?[") & set(source):
        return True  # a glob: what it matches may come and go
    return os.path.exists(source)
