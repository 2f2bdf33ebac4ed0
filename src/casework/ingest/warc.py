"""WARC archives: every HTML response record becomes one input, with its URL and capture date.

An archive is read as a stream (from an open file, or bytes), record by record; every record that
cannot be read whole is said with its reason, never dropped in silence.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecordLoader

from casework.errors import InputRejected
from casework.ingest.loader import MAX_BYTES, RawInput

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_DRAIN = 1 << 16


def looks_like_warc(data: bytes) -> bool:
    return data[:8].startswith(b"WARC/") or (data[:2] == b"\x1f\x8b" and b"WARC/" in _gunzip_head(data))


def _gunzip_head(data: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(31).decompress(data[:4096], 64)
    except zlib.error:
        return b""


class _Loader(ArcWarcRecordLoader):  # type: ignore[misc]
    """warcio's loader, but a response record without WARC-Target-URI is read (without HTTP headers)
    instead of raising AttributeError inside warcio and ending the archive."""

    cut_in_headers = False

    def load_http_headers(self, rec_type: str, uri: str | None, stream: Any, length: int | None) -> Any:
        return super().load_http_headers(rec_type, uri or "", stream, length)

    def parse_record_stream(self, stream: Any, statusline: Any = None, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().parse_record_stream(stream, statusline, *args, **kwargs)
        except EOFError:
            # warcio ends the archive quietly here; after a record's first line it is a cut, not the end
            if statusline and statusline.strip():
                self.cut_in_headers = True
            raise


def _missing(record: Any) -> int:
    """Bytes the record's header promised that the archive does not have (read to its end first)."""
    stream = record.raw_stream
    while stream.read(_DRAIN):
        pass
    left = getattr(stream, "limit", 0)
    return left if isinstance(left, int) and left > 0 else 0


def read_warc(name: str, data: bytes | IO[bytes]) -> Iterator[RawInput | InputRejected]:
    """One RawInput per HTML response; each record that cannot be read is one InputRejected, with why."""
    found = records = 0
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    archive = ArchiveIterator(stream, arc2warc=True)
    archive.loader = loader = _Loader(verify_http=False, arc2warc=True)
    try:
        for record in archive:
            records += 1
            if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                # every WARC record says its length; without it the headers were cut or garbled
                yield InputRejected(
                    f"{name}#{records}", "truncated or damaged WARC record (no Content-Length)"
                )
                continue
            if record.rec_type != "response":
                if missing := _missing(record):
                    yield InputRejected(
                        f"{name}#{records}", f"truncated WARC record ({missing} bytes missing)"
                    )
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            label = f"{name}#{url or records}"
            if not url:
                _missing(record)
                yield InputRejected(label, "WARC response record without WARC-Target-URI")
                continue
            http = record.http_headers
            if http is None:
                continue
            ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
            status = http.get_statuscode() or ""
            if ctype not in _HTML_TYPES or not status.startswith("2"):
                if missing := _missing(record):
                    yield InputRejected(label, f"truncated WARC record ({missing} bytes missing)")
                continue
            body = record.content_stream().read(MAX_BYTES + 1)
            found += 1
            if len(body) > MAX_BYTES:
                _missing(record)
                yield InputRejected(label, f"too large (over {MAX_BYTES} bytes)")
                continue
            if missing := _missing(record):
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
    except Exception as exc:  # warcio raises many types on damaged input; each is the archive's end
        yield InputRejected(name, f"truncated or damaged WARC after {found} pages ({type(exc).__name__})")
        return
    if loader.cut_in_headers:
        yield InputRejected(
            f"{name}#{records + 1}", "truncated WARC record (the archive ends in its headers)"
        )
    elif not found:
        yield InputRejected(name, "WARC holds no HTML responses")
