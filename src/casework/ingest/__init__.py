"""Ingest: files, folders, archives, feeds, exports and URLs -> cleaned text and metadata."""

from casework.ingest.decode import decode_bytes
from casework.ingest.loader import RawInput, load_document
from casework.ingest.sources import iter_sources
from casework.ingest.text import CleanText, clean_text

__all__ = ["CleanText", "RawInput", "clean_text", "decode_bytes", "iter_sources", "load_document"]
