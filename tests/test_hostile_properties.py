"""Random and adversarial bytes into every loader and sniffer: each ends in time, with a document or
an InputRejected, never another exception."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casework.errors import InputRejected
from casework.extract.timexes import find_timexes
from casework.ingest.decode import decode_bytes
from casework.ingest.feeds import looks_like_feed
from casework.ingest.html import looks_like_html
from casework.ingest.jsonl import looks_like_jsonl
from casework.ingest.loader import RawInput, load_document
from casework.ingest.sources import expand
from casework.ingest.text import clean_text
from casework.ingest.warc import looks_like_warc
from casework.nlp import split_sentences

# Pieces of every format casework sniffs, and of the attacks found so far, to be strung together.
PIECES = [
    b"<!--", b"-->", b"<!---->", b"<?xml version='1.0'?>", b"<?xml-stylesheet?>", b"<!DOCTYPE rss [",
    b"]>", b"<rss>", b"<item><title>", b"</title></item>", b"</rss>", b"<html>", b"<p>", b"</p>",
    b"WARC/1.0\r\n", b"WARC-Type: response\r\n", b"Content-Length: 5\r\n", b"\r\n", b"\x1f\x8b",
    b'{"text": "', b'"}\n', b"\x00", b"\xff", b"\xd0\x96", b"Mr. ", b"The ", b"May 4, 2024 ",
    b"\n \n", b"   ", b"\xe2\x80\xae", b"By A. Smith", b"\t", b"a",
]  # fmt: skip
ADVERSARIAL = st.lists(st.sampled_from(PIECES), max_size=120).map(b"".join)
BYTES = st.one_of(st.binary(max_size=3000), ADVERSARIAL)
FAST = settings(max_examples=60, deadline=timedelta(seconds=3), suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(BYTES)
def test_sniffers_answer_every_input(data: bytes) -> None:
    text = data.decode("latin-1")
    for answer in (
        looks_like_html(text),
        looks_like_feed(data),
        looks_like_warc(data),
        looks_like_jsonl(data),
    ):
        assert isinstance(answer, bool)


@FAST
@given(BYTES)
def test_containers_and_loading_end_in_documents_or_reasons(data: bytes) -> None:
    for item in expand(RawInput("x", data, "x")):
        if isinstance(item, InputRejected):
            continue
        try:
            doc = load_document(item)
        except InputRejected:
            continue
        assert doc.id and "\x00" not in doc.text


@FAST
@given(BYTES)
def test_decoding_gives_text_or_a_reason(data: bytes) -> None:
    try:
        text, encoding = decode_bytes("x", data)
    except InputRejected:
        return
    assert isinstance(text, str) and encoding


@FAST
@given(st.one_of(st.text(max_size=3000), ADVERSARIAL.map(lambda b: b.decode("utf-8", "replace"))))
def test_text_stages_take_any_text(text: str) -> None:
    spans = split_sentences(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)
    matches = find_timexes(text)
    assert all(m.start < m.end for m in matches)
    clean_text(text)
