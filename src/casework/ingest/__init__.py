"""Ingest: raw bytes from files or stdin -> cleaned text and metadata."""

from casework.ingest.decode import decode_bytes
from casework.ingest.loader import RawInput, iter_inputs, load_document
from casework.ingest.text import CleanText, clean_text

__all__ = ["CleanText", "RawInput", "clean_text", "decode_bytes", "iter_inputs", "load_document"]
