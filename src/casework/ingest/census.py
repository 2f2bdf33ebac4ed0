"""A batch counted before it is read: how many reports it holds (for the progress line), and which
files in its folders no reader takes (counted in the summary with their suffix, not failed).

Only names are looked at, never contents; the suffixes are the ones the folder walk of sources.py
picks up, so both agree on what is a report.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from casework.ingest.sidecar import sidecar_path
from casework.ingest.sources import _SUFFIXES, _suffix
from casework.ingest.walk import walk
from casework.ingest.web import is_url

# Files that hold one report each; a container (WARC, feed, JSON Lines) holds an unknown number.
ONE_REPORT = {".txt", ".text", ".html", ".htm", ".xhtml", ".pdf", ".docx", ".eml"}


def _files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(files a folder walk reads, files it passes over), hidden ones left out of both; walked as
    the batch walks it (walk.py: each folder once, links back into a folder not followed, and an
    unreadable folder left to the batch to report)."""
    read: list[Path] = []
    other: list[Path] = []
    for p in walk(folder, lambda name: True):
        if isinstance(p, Path):
            (read if _suffix(p) in _SUFFIXES else other).append(p)
    return read, other


def _local(arg: str) -> Path | None:
    return None if arg == "-" or is_url(arg) or not Path(arg).exists() else Path(arg)


def expected_reports(sources: tuple[str, ...]) -> int | None:
    """How many reports SOURCES hold, when that is known before reading them (files, and folders of
    one-report files); None for stdin, URLs, globs and containers."""
    count = 0
    for arg in sources:
        path = _local(arg)
        if path is None:
            return None
        files = _files(path)[0] if path.is_dir() else [path]
        if any(_suffix(f) not in ONE_REPORT for f in files):
            return None
        count += len(files)
    return count or None


def unread_files(sources: tuple[str, ...], *, store: Path | None = None) -> Counter[str]:
    """Files in the folders named that no reader takes, by suffix; the sidecars beside reports
    (sidecar.py) and the store's own files (a SQLite store kept beside its reports) are not counted."""
    out: Counter[str] = Counter()
    own = (
        {store.resolve(), *(Path(f"{store}{tail}").resolve() for tail in ("-wal", "-shm", "-journal"))}
        if store
        else set()
    )
    for arg in sources:
        folder = _local(arg)
        if folder is None or not folder.is_dir():
            continue
        read, other = _files(folder)
        sidecars = {sidecar_path(r) for r in read}
        out.update(p.suffix.lower() for p in other if p not in sidecars and p.resolve() not in own)
    return out
