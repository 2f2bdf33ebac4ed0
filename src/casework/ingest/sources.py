"""Expand what the user names (files, folders, globs, `-`, URLs) into one input per report.

Containers (WARC, RSS/Atom, JSON Lines) are opened here and yield one input
per record; what cannot be read yields an InputRejected naming it and why,
and the iteration goes on.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from casework.errors import InputRejected
from casework.ingest.feeds import looks_like_feed, read_feed
from casework.ingest.jsonl import looks_like_jsonl, read_jsonl
from casework.ingest.loader import MAX_BYTES, RawInput
from casework.ingest.warc import looks_like_warc, read_warc
from casework.ingest.web import FetchPolicy, fetch, is_url

Reader = Callable[[str, bytes], Iterator[RawInput | InputRejected]]

# Suffixes a folder walk picks up; a file named directly is read whatever its name.
_SUFFIXES = {
    ".txt": None, ".text": None, ".html": None, ".htm": None, ".xhtml": None,
    ".warc": read_warc, ".arc": read_warc, ".rss": read_feed, ".atom": read_feed, ".xml": read_feed,
    ".jsonl": read_jsonl, ".ndjson": read_jsonl,
}  # fmt: skip
_SUFFIXES.update(dict.fromkeys((".pdf", ".docx", ".eml")))  # read by loader.py (packaged.py: SUFFIXES)
_GLOB_CHARS = set("*?[")


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for packed in (".gz",):
        if name.endswith(packed):
            name = name[: -len(packed)]
    return Path(name).suffix


def _reader_for(name: str, data: bytes) -> Reader | None:
    """The container format, sniffed from the bytes (names lie; `-` and URLs have none)."""
    if looks_like_warc(data):
        return read_warc
    if looks_like_feed(data):
        return read_feed
    if looks_like_jsonl(data):
        return read_jsonl
    return None


def expand(raw: RawInput) -> Iterator[RawInput | InputRejected]:
    """A container's records, or the input itself when it is one report."""
    reader = _reader_for(raw.name, raw.data)
    if reader is None:
        yield raw
    else:
        yield from reader(raw.name, raw.data)


def _read_file(path: Path) -> RawInput | InputRejected:
    name = str(path)
    try:
        size = path.stat().st_size
        # WARC archives hold many pages; the per-page cap applies to each record instead.
        limit = MAX_BYTES * 50 if _suffix(path) in (".warc", ".arc") else MAX_BYTES
        if size > limit:
            return InputRejected(name, f"too large ({size} bytes, limit {limit})")
        return RawInput(name, path.read_bytes(), name)
    except FileNotFoundError:
        return InputRejected(name, "no such file")
    except IsADirectoryError:
        return InputRejected(name, "is a directory")
    except PermissionError:
        return InputRejected(name, "permission denied")
    except OSError as exc:
        return InputRejected(name, f"unreadable ({exc.strerror or exc})")


def _files_in(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and _suffix(p) in _SUFFIXES and not any(part.startswith(".") for part in p.parts[-1:])
    )


def _paths(arg: str) -> Iterator[Path | InputRejected]:
    path = Path(arg)
    if path.is_dir():
        files = _files_in(path)
        if not files:
            yield InputRejected(arg, "folder holds no report files (.txt, .html, .warc, .rss, .jsonl, ...)")
        yield from files
    elif not path.exists() and _GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            yield InputRejected(arg, "pattern matches no file")
        for match in matches:
            yield from _paths(match)
    else:
        yield path


def iter_sources(
    args: Iterable[str], policy: FetchPolicy | None = None
) -> Iterator[RawInput | InputRejected]:
    """Every report the arguments name, in order, each as bytes or as a reason it cannot be read."""
    policy = policy or FetchPolicy()
    for arg in args:
        if arg == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                yield InputRejected("<stdin>", f"too large (over {MAX_BYTES} bytes)")
                continue
            yield from expand(RawInput("<stdin>", data, None, kind="stdin"))
        elif is_url(arg):
            try:
                yield from expand(fetch(arg, policy))
            except InputRejected as exc:
                yield exc
        else:
            for item in _paths(arg):
                if isinstance(item, InputRejected):
                    yield item
                    continue
                got = _read_file(item)
                if isinstance(got, InputRejected):
                    yield got
                else:
                    yield from expand(got)
