"""Find inputs (files, folders, stdin) and turn each into a Document shell."""

from __future__ import annotations

import hashlib
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from casework.errors import InputRejected
from casework.ingest.decode import decode_bytes
from casework.ingest.html import extract_html, looks_like_html
from casework.ingest.language import detect_language
from casework.ingest.text import clean_text
from casework.model import Document, Source

MAX_BYTES = 20 * 1024 * 1024  # a giant page is refused, not read into memory whole
TEXT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml"}


@dataclass
class RawInput:
    name: str
    data: bytes
    path: str | None


def iter_inputs(paths: Sequence[str]) -> Iterator[RawInput | InputRejected]:
    """Yield each input's bytes, or a rejection saying why it cannot be read."""
    for arg in paths:
        if arg == "-":
            yield RawInput("<stdin>", sys.stdin.buffer.read(MAX_BYTES + 1), None)
            continue
        path = Path(arg)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                yield InputRejected(arg, "folder holds no .txt or .html files")
            for file in files:
                yield _read_file(file)
        else:
            yield _read_file(path)


def _read_file(path: Path) -> RawInput | InputRejected:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return InputRejected(name, f"too large ({size} bytes, limit {MAX_BYTES})")
        return RawInput(name, path.read_bytes(), name)
    except FileNotFoundError:
        return InputRejected(name, "no such file")
    except IsADirectoryError:
        return InputRejected(name, "is a directory")
    except PermissionError:
        return InputRejected(name, "permission denied")
    except OSError as exc:
        return InputRejected(name, f"unreadable ({exc.strerror or exc})")


def normalise_for_id(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def document_id(text: str) -> str:
    """Documents are keyed by a hash of their normalised text (same text, same id)."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


def load_document(raw: RawInput, *, published: str | None = None, raw_text: bool = False) -> Document:
    """Decode, detect the format, clean, and return a Document with no annotations yet."""
    if len(raw.data) > MAX_BYTES:
        raise InputRejected(raw.name, f"too large (over {MAX_BYTES} bytes)")
    text, encoding = decode_bytes(raw.name, raw.data)
    meta: dict[str, object] = {"encoding": encoding}
    if raw_text:
        doc = Document(id="", source=Source(path=raw.path, format="text"), text=text)
    elif looks_like_html(text):
        page = extract_html(raw.name, text)
        cleaned = clean_text(page.text)
        doc = Document(
            id="",
            source=Source(path=raw.path, format="html"),
            text=cleaned.body,
            title=page.title or cleaned.title,
            byline=page.authors or cleaned.byline,
            published=page.published,
        )
        if page.site:
            meta["site"] = page.site
    else:
        cleaned = clean_text(text)
        doc = Document(
            id="",
            source=Source(path=raw.path, format="text"),
            text=cleaned.body,
            title=cleaned.title,
            byline=cleaned.byline,
        )
    if not doc.text.strip():
        raise InputRejected(raw.name, "no report text after clean-up")
    if published is not None:
        doc.published = published
    doc.language = detect_language(doc.text)
    doc.id = document_id(doc.text)
    doc.meta = meta
    return doc
