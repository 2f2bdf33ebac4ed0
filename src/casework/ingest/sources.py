"""Expand what the user names (files, folders, globs, `-`, URLs) into one input per report.

Containers (WARC, RSS/Atom, JSON Lines) are opened here and yield one input
per record; what cannot be read yields an InputRejected naming it and why,
and the iteration goes on.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from casework.errors import InputRejected
from casework.ingest.feeds import looks_like_feed, read_feed
from casework.ingest.jsonl import looks_like_jsonl, read_jsonl
from casework.ingest.loader import MAX_BYTES, RawInput
from casework.ingest.walk import glob_paths, os_reason, stat_or_reason, walk
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


def _unreadable(name: str, exc: OSError) -> InputRejected:
    if isinstance(exc, IsADirectoryError):
        return InputRejected(name, "is a directory")
    reason = os_reason(exc)
    return InputRejected(
        name, reason if reason in ("no such file", "permission denied") else f"unreadable ({reason})"
    )


def _read_file(path: Path) -> Iterator[RawInput | InputRejected]:
    """The file's reports: a WARC streamed record by record, anything else read whole under the cap."""
    name = str(path)
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                # /dev/zero never ends and a FIFO may never answer: refused before one byte is read
                yield InputRejected(name, "not a regular file (a device, pipe or socket)")
                return
            head = handle.read(4096)
            if looks_like_warc(head):
                # An archive of many pages is never held whole; the per-page cap applies to each record.
                handle.seek(0)
                yield from read_warc(name, handle)
                return
            if info.st_size > MAX_BYTES:
                yield InputRejected(name, f"too large ({info.st_size} bytes, limit {MAX_BYTES})")
                return
            data = head + handle.read(MAX_BYTES + 1 - len(head))  # a file that grows is still capped
    except OSError as exc:
        yield _unreadable(name, exc)
        return
    if len(data) > MAX_BYTES:
        yield InputRejected(name, f"too large (over {MAX_BYTES} bytes)")
        return
    yield from expand(RawInput(name, data, name))


def _open_nonblocking(path: str, flags: int) -> int:
    """Opening a FIFO for reading blocks until a writer comes; O_NONBLOCK lets fstat refuse it first."""
    fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd


def _wanted_name(name: str) -> bool:
    return _suffix(Path(name)) in _SUFFIXES


def _paths(arg: str, seen: set[tuple[int, int]]) -> Iterator[Path | InputRejected]:
    info = stat_or_reason(arg)
    if not isinstance(info, str) and stat.S_ISDIR(info.st_mode):
        fresh = (info.st_dev, info.st_ino) not in seen
        files = list(walk(Path(arg), _wanted_name, seen))
        if fresh and not any(isinstance(f, Path) for f in files):
            yield InputRejected(arg, "folder holds no report files (.txt, .html, .warc, .rss, .jsonl, ...)")
        yield from files
    elif info == "no such file" and _GLOB_CHARS & set(arg):
        matches = list(glob_paths(arg))
        if not matches:
            yield InputRejected(arg, "pattern matches no file")
        for match in matches:
            yield from [match] if isinstance(match, InputRejected) else _paths(str(match), seen)
    else:
        yield Path(arg)


def iter_sources(
    args: Iterable[str], policy: FetchPolicy | None = None
) -> Iterator[RawInput | InputRejected]:
    """Every report the arguments name, in order, each as bytes or as a reason it cannot be read."""
    policy = policy or FetchPolicy()
    folders: set[tuple[int, int]] = set()  # (device, inode) of each folder walked
    files: set[tuple[int, int]] = set()  # and of each file read: none is read twice in one batch
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
            for item in _paths(arg, folders):
                if isinstance(item, InputRejected):
                    yield item
                    continue
                info = stat_or_reason(str(item))
                if not isinstance(info, str):
                    if (info.st_dev, info.st_ino) in files:
                        continue
                    files.add((info.st_dev, info.st_ino))
                yield from _read_file(item)
