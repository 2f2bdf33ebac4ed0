"""Turn one raw input (bytes and what is known of its origin) into a Document shell."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from casework.errors import InputRejected
from casework.ingest.decode import decode_bytes
from casework.ingest.html import extract_html, fragment_text, looks_like_html
from casework.ingest.language import detect_language
from casework.ingest.packaged import unpack
from casework.ingest.sidecar import FileMeta, file_meta
from casework.ingest.text import clean_text
from casework.model import Document, Source

MAX_BYTES = 20 * 1024 * 1024  # a giant page is refused, not read into memory whole


@dataclass
class RawInput:
    """One report's bytes as found, and what its container said about it.

    `name` is what error lines print (a path, a URL, `feed.xml#3`); `format` is
    "html" or "text" when the container says so, else None (sniffed).
    """

    name: str
    data: bytes
    path: str | None
    url: str | None = None
    kind: str = "file"  # file, stdin, url, warc, feed, jsonl
    format: str | None = None
    title: str | None = None
    published: str | None = None
    captured: str | None = None
    encoding: str | None = None  # set when the container already decoded the text


def normalise_for_id(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def document_id(text: str) -> str:
    """Documents are keyed by a hash of their normalised text (same text, same id)."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


def load_document(raw: RawInput, *, published: str | None = None, raw_text: bool = False) -> Document:
    """Decode, detect the format, clean, and return a Document with no annotations yet."""
    if len(raw.data) > MAX_BYTES:
        raise InputRejected(raw.name, f"too large (over {MAX_BYTES} bytes)")
    # a PDF, Word file or e-mail is bytes that are not text: unpacked first (packaged.py)
    unpacked = unpack(raw.name, raw.data) if raw.encoding is None and raw.data else None
    if unpacked is not None:
        text, encoding = unpacked.text, "utf-8"
    elif raw.encoding is not None:
        text, encoding = raw.data.decode("utf-8"), raw.encoding
        if not text.strip():
            raise InputRejected(raw.name, "empty input")
    else:
        text, encoding = decode_bytes(raw.name, raw.data)
    # A NUL in text is never content (and PostgreSQL text cannot hold it): it goes before any offset is taken.
    text = text.replace("\x00", "")
    meta: dict[str, object] = {"encoding": encoding, "kind": raw.kind}
    if raw.captured:
        meta["captured"] = raw.captured
    source_path = raw.path if raw.url is None else None
    if raw_text:
        doc = Document(id="", source=Source(path=source_path, url=raw.url, format="text"), text=text)
    elif unpacked is not None:
        cleaned = clean_text(text)
        body = cleaned.body
        if unpacked.format == "email" and cleaned.title:  # an e-mail's title is its subject
            body = f"{cleaned.title}\n\n{body}"
        doc = Document(
            id="",
            source=Source(path=source_path, url=raw.url, format=unpacked.format),
            text=body,
            title=unpacked.title if unpacked.format == "email" else cleaned.title or unpacked.title,
            byline=cleaned.byline,
            published=unpacked.published,
        )
    elif raw.format == "fragment":
        # A feed item's HTML: short and without page furniture, so no boilerplate detection.
        doc = Document(
            id="",
            source=Source(path=source_path, url=raw.url, format="html"),
            text=clean_text(fragment_text(text)).body,
        )
    elif raw.format == "html" or (raw.format is None and looks_like_html(text)):
        page = extract_html(raw.name, text, url=raw.url)
        cleaned = clean_text(page.text)
        doc = Document(
            id="",
            source=Source(path=source_path, url=raw.url, format="html"),
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
            source=Source(path=source_path, url=raw.url, format="text"),
            text=cleaned.body,
            title=cleaned.title,
            byline=cleaned.byline,
        )
    if not doc.text.strip():
        raise InputRejected(raw.name, "no report text after clean-up")
    # a file's sidecar and its name (sidecar.py): the user's word beats the page's, a name's date comes last
    side = file_meta(raw.name, raw.path) if raw.kind == "file" else FileMeta()
    doc.title = side.title or doc.title or raw.title
    doc.published = published or side.published or raw.published or doc.published or side.name_date
    if side.url and doc.source.url is None:
        doc.source.url = side.url
    if side.site:
        meta["site"] = side.site
    doc.language = detect_language(doc.text)
    doc.id = document_id(doc.text)
    doc.meta = meta
    return doc
