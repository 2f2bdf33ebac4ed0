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
from casework.ingest.text import clean_text, date_in_name, read_dateline
from casework.model import Document, Source
from casework.printable import fold_invisible

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
    item_id: str | None = None  # the container's own id for the item (a feed entry's id), if any


def normalise_for_id(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def document_id(text: str) -> str:
    """Documents are keyed by a hash of their normalised text (same text, same id)."""
    return hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:16]


def _no_nul(value: str | None) -> str | None:
    return value.replace("\x00", "") or None if value is not None else None


def _drop_nuls(doc: Document) -> None:
    """A NUL in a title, byline, date, URL or path (feed and JSON fields, file names) is never content,
    and PostgreSQL text cannot hold it: the store would refuse the whole document."""
    doc.title = _no_nul(doc.title)
    doc.published = _no_nul(doc.published)
    doc.byline = [b for b in (_no_nul(n) for n in doc.byline) if b]
    doc.source.url = _no_nul(doc.source.url)
    doc.source.path = _no_nul(doc.source.path)
    for key, value in list(doc.meta.items()):
        if isinstance(value, str):
            doc.meta[key] = value.replace("\x00", "")


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
    if not raw_text:
        # Bidi controls and zero-width spaces inside a name hide it from extraction ("Nur\u200blan");
        # like NULs they go before any offset is taken (raw text is kept as given: gold offsets).
        text = fold_invisible(text)
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
    dateline = None if raw_text else read_dateline(doc.text)
    if dateline:  # metadata, not the report's first sentence: its place and day go to the document
        doc.text = doc.text[dateline.length :]
        meta["dateline"] = dateline.place
    if not doc.text.strip():
        raise InputRejected(raw.name, "no report text after clean-up")
    # a file's sidecar (sidecar.py): the user's word beats the page's; then the page's metadata, the
    # report's dateline, and last a date in the file's name or URL
    side = file_meta(raw.name, raw.path) if raw.kind == "file" else FileMeta()
    doc.title = side.title or doc.title or raw.title
    doc.published = (
        published
        or side.published
        or raw.published
        or doc.published
        or (dateline.published if dateline else None)
        or side.name_date
        or date_in_name(raw.url or raw.path)
    )
    if side.url and doc.source.url is None:
        doc.source.url = side.url
    if side.site:
        meta["site"] = side.site
    doc.language = detect_language(doc.text)
    doc.id = document_id(doc.text)
    doc.meta = meta
    _drop_nuls(doc)
    return doc
