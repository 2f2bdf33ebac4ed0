"""Folders and glob patterns -> the files they name, each folder visited once.

`glob.glob(recursive=True)` follows symbolic links into folders with no memory of where it has
been: one `ln -s . x` repeats every file, a few loop links never end. Here a folder is known by
its device and inode, so a link back into one already walked is not followed again; a folder
that cannot be listed is said, not skipped in silence.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from casework.errors import InputRejected


def os_reason(exc: OSError) -> str:
    """Plain words for an OSError, without the path it carries (the input is named already)."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    return (exc.strerror or type(exc).__name__).lower()


def stat_or_reason(path: str) -> os.stat_result | str:
    """os.stat, or why it failed (Path.is_dir() raises on EACCES and ENAMETOOLONG)."""
    try:
        return os.stat(path)
    except OSError as exc:
        return os_reason(exc)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _entries(folder: Path, seen: set[tuple[int, int]]) -> list[os.DirEntry[str]] | InputRejected:
    """A folder's entries that are not hidden, sorted by name; none when the folder (known by its
    device and inode) was entered before, so a link back into it ends there."""
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return []
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as entries:
            return sorted((e for e in entries if not _hidden(e.name)), key=lambda e: e.name)
    except OSError as exc:
        return InputRejected(str(folder), f"unreadable folder ({os_reason(exc)})")


def walk(
    folder: Path, keep: Callable[[str], bool], seen: set[tuple[int, int]] | None = None
) -> Iterator[Path | InputRejected]:
    """Files under `folder` whose name `keep` accepts, in sorted order; hidden entries are passed over."""
    seen = set() if seen is None else seen
    listed = _entries(folder, seen)
    if isinstance(listed, InputRejected):
        yield listed
        return
    for entry in listed:
        path = folder / entry.name
        try:
            is_dir = entry.is_dir()  # follows a link; the inode check above stops loops
            is_file = not is_dir and entry.is_file()
        except OSError as exc:
            yield InputRejected(str(path), os_reason(exc))
            continue
        if is_dir:
            yield from walk(path, keep, seen)
        elif is_file and keep(entry.name):
            yield path


def _component_regex(part: str) -> str:
    """One path component of a glob as a regex: * and ? never cross a slash nor start a hidden name."""
    out = [] if part.startswith((".", "[.")) else [r"(?!\.)"]
    i = 0
    while i < len(part):
        c = part[i]
        if c == "*":
            out.append(r"[^/]*")
        elif c == "?":
            out.append(r"[^/]")
        elif c == "[" and (close := part.find("]", i + 2)) != -1:
            body = part[i + 1 : close].replace("\\", "\\\\")
            if body.startswith("!"):
                body = "^" + body[1:]
            elif body.startswith(("^", "[")):
                body = "\\" + body
            out.append(f"[{body}]")  # as fnmatch does it
            i = close
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def glob_regex(pattern: str) -> re.Pattern[str]:
    """The whole pattern, relative to its fixed prefix; `**` is any number of folders, none hidden."""
    parts = [p for p in pattern.split("/") if p]
    rx = ""
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            rx += r"(?:(?!\.)[^/]+/)*" if not last else r"(?:(?!\.)[^/]+(?:/|$))*"
        else:
            rx += _component_regex(part) + ("" if last else "/")
    return re.compile(rx + r"\Z")


def _glob_base(pattern: str) -> tuple[str, str]:
    """(the folders before the first glob character, the rest)."""
    parts = pattern.split("/")
    for i, part in enumerate(parts):
        if set(part) & set("*?["):
            base = "/".join(parts[:i]) or ("/" if pattern.startswith("/") else ".")
            return base, "/".join(parts[i:])
    return pattern, ""


def _tree(folder: Path, seen: set[tuple[int, int]]) -> Iterator[tuple[Path, bool] | InputRejected]:
    """Every non-hidden entry under folder as (path, is a folder), each folder entered once."""
    listed = _entries(folder, seen)
    if isinstance(listed, InputRejected):
        yield listed
        return
    for entry in listed:
        path = folder / entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        yield path, is_dir
        if is_dir:
            yield from _tree(path, seen)


def glob_paths(pattern: str) -> Iterator[Path | InputRejected]:
    """The paths a glob pattern matches (files and folders), sorted, with no folder walked twice."""
    base, rest = _glob_base(pattern)
    rx = glob_regex(rest)
    root = Path(base)
    info = stat_or_reason(base)
    if isinstance(info, str) or not stat.S_ISDIR(info.st_mode):
        return
    found: list[Path] = []
    for item in _tree(root, set()):
        if isinstance(item, InputRejected):
            yield item
            continue
        path, _is_dir = item
        relative = path.relative_to(root).as_posix()
        if rx.match(relative):
            found.append(path if base != "." or pattern.startswith("./") else Path(relative))
    yield from sorted(found)
