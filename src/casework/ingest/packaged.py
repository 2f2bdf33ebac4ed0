"""Reports that arrive packaged: a PDF's text layer (pypdf), a Word file's paragraphs (python-docx), and
an e-mail's text part (the standard library's email package). Each becomes plain text, title and date.

These files are bytes that are not text, so they are recognised by their
signature before any decoding, and refused with a plain reason when they hold
no text (a scanned PDF has no text layer; casework does no OCR).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from casework.errors import InputRejected

SUFFIXES = (".pdf", ".docx", ".eml")  # what a folder walk picks up besides text, HTML and containers
MAX_PAGES = 500  # a longer PDF is a book or a report collection, not a news report
_EMAIL_HEADER = re.compile(rb"^(?:Return-Path|Received|From|To|Subject|Date|Message-ID|MIME-Version):", re.I)


@dataclass
class Unpacked:
    text: str
    format: str  # pdf, docx or email
    title: str | None = None
    published: str | None = None


def kind_of(name: str, data: bytes) -> str | None:
    """pdf, docx or email when the bytes are one, by their signature (an e-mail also by its name)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return "docx" if "word/document.xml" in z.namelist() else None
        except zipfile.BadZipFile:
            return None
    if name.lower().endswith(".eml") or _looks_like_email(data):
        return "email"
    return None


def _looks_like_email(data: bytes) -> bool:
    """Headers first (two or more of the usual ones, nothing else), then a blank line: a report that
    merely starts with "Date: ..." is not taken for an e-mail."""
    head = data[:65536].replace(b"\r\n", b"\n").split(b"\n\n", 1)
    if len(head) < 2:
        return False
    lines = head[0].split(b"\n")
    known = sum(1 for ln in lines if _EMAIL_HEADER.match(ln))
    headers = all(re.match(rb"^[\w-]+:|^[ \t]", ln) for ln in lines)
    return known >= 2 and headers


def _pdf(name: str, data: bytes) -> Unpacked:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise InputRejected(name, "PDF is encrypted")
        if len(reader.pages) > MAX_PAGES:
            raise InputRejected(name, f"PDF has more than {MAX_PAGES} pages")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except PdfReadError as exc:
        raise InputRejected(name, f"unreadable PDF ({exc})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise InputRejected(name, "PDF has no text layer (a scan? casework does no OCR)")
    return Unpacked(text, "pdf", title=str(title).strip() or None if title else None)


def _docx(name: str, data: bytes) -> Unpacked:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputRejected(name, f"unreadable Word file ({exc})") from None
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    title = (document.core_properties.title or "").strip() or None
    published = document.core_properties.created
    return Unpacked(
        "\n\n".join(paragraphs),
        "docx",
        title=title,
        published=published.date().isoformat() if published else None,
    )


def _email(name: str, data: bytes) -> Unpacked:
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage):
        raise InputRejected(name, "unreadable e-mail")
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise InputRejected(name, "e-mail has no text part")
    try:
        body = part.get_content()
    except (LookupError, UnicodeDecodeError) as exc:
        raise InputRejected(name, f"e-mail text cannot be decoded ({exc})") from None
    if part.get_content_type() == "text/html":
        from casework.ingest.html import fragment_text

        body = fragment_text(body)
    published = None
    if message["date"]:
        try:
            published = parsedate_to_datetime(str(message["date"])).date().isoformat()
        except (TypeError, ValueError):
            published = None
    subject = " ".join(str(message["subject"] or "").split()) or None
    return Unpacked(str(body), "email", title=subject, published=published)


def unpack(name: str, data: bytes) -> Unpacked | None:
    """The text of a PDF, Word file or e-mail; None for bytes that are none of these."""
    kind = kind_of(name, data)
    if kind == "pdf":
        return _pdf(name, data)
    if kind == "docx":
        return _docx(name, data)
    if kind == "email":
        return _email(name, data)
    return None
