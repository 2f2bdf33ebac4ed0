"""WARC archives: every HTML response record becomes one input, with its URL and capture date."""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from casework.errors import InputRejected
from casework.ingest.loader import MAX_BYTES, RawInput

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def looks_like_warc(data: bytes) -> bool:
    return data[:8].startswith(b"WARC/") or (data[:2] == b"\x1f\x8b" and b"WARC/" in _gunzip_head(data))


def _gunzip_head(data: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(31).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def read_warc(name: str, data: bytes) -> Iterator[RawInput | InputRejected]:
    """One RawInput per HTML response; a damaged archive yields what came before the damage, then why."""
    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data), arc2warc=True):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            label = f"{name}#{url or found}"
            http = record.http_headers
            if http is None:
                continue
            ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if ctype not in _HTML_TYPES:
                continue
            status = http.get_statuscode() or ""
            if not status.startswith("2"):
                continue
            body = record.content_stream().read(MAX_BYTES + 1)
            found += 1
            if len(body) > MAX_BYTES:
                yield InputRejected(label, f"too large (over {MAX_BYTES} bytes)")
                continue
            missing = getattr(record.raw_stream, "limit", 0)
            if isinstance(missing, int) and missing > 0:
                # The archive ends inside this record: a partial page is not stored as if whole.
                yield InputRejected(label, f"truncated WARC record ({missing} bytes missing)")
                return
            yield RawInput(
                name=label,
                data=body,
                path=name,
                url=url,
                kind="warc",
                format="html",
                captured=record.rec_headers.get_header("WARC-Date"),
            )
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        yield InputRejected(name, f"truncated or damaged WARC after {found} pages ({type(exc).__name__})")
        return
    if not found:
        yield InputRejected(name, "WARC holds no HTML responses")
