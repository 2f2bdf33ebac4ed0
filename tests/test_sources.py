"""Every kind of source becomes one input per report, and every bad one a one-line reason."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from casework.errors import InputRejected
from casework.ingest.loader import RawInput, load_document
from casework.ingest.sources import iter_sources
from reports import report


def _page(title: str, body: str) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Copyright 2024 Example News</footer></body></html>"
    ).encode()


def _warc(records: list[tuple[str, str, bytes, str]], *, gz: bool = True) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, ctype, body, status in records:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),  # a known length keeps warcio from spooling to an unclosed temp file
            http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-03-12T08:30:00Z"},
        )
        writer.write_record(rec)
    return out.getvalue()


def _inputs(*args: str) -> tuple[list[RawInput], list[InputRejected]]:
    items = list(iter_sources(args))
    return [i for i in items if isinstance(i, RawInput)], [i for i in items if isinstance(i, InputRejected)]


def test_warc_html_responses_become_documents_with_url_and_capture_date(tmp_path: Path) -> None:
    data = _warc(
        [
            ("https://news.example/a", "text/html; charset=utf-8", _page("First", report(1)), "200 OK"),
            ("https://news.example/logo.png", "image/png", b"\x89PNG....", "200 OK"),
            ("https://news.example/gone", "text/html", b"<html>not found</html>", "404 Not Found"),
            ("https://news.example/b", "text/html", _page("Second", report(2)), "200 OK"),
        ]
    )
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    good, bad = _inputs(str(tmp_path))
    assert not bad
    assert [g.url for g in good] == ["https://news.example/a", "https://news.example/b"]
    assert all(g.kind == "warc" and g.captured == "2024-03-12T08:30:00Z" for g in good)
    doc = load_document(good[0])
    assert doc.source.url == "https://news.example/a" and doc.source.format == "html"
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert "detained" in doc.text


@pytest.mark.parametrize("gz", [False, True])
def test_a_truncated_warc_yields_what_came_before_and_says_why(tmp_path: Path, gz: bool) -> None:
    records = [
        (f"https://news.example/{i}", "text/html", _page(f"T{i}", report(i)), "200 OK") for i in range(3)
    ]
    data = _warc(records, gz=gz)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 300])
    good, bad = _inputs(str(cut))
    assert [g.url for g in good] == ["https://news.example/0", "https://news.example/1"]
    assert len(bad) == 1 and bad[0].reason.startswith("truncated WARC record")
    assert bad[0].name.endswith("#https://news.example/2")
    empty = tmp_path / "images.warc"
    empty.write_bytes(_warc([("https://x.example/i.png", "image/png", b"png", "200 OK")], gz=False))
    good, bad = _inputs(str(empty))
    assert not good and bad[0].reason == "WARC holds no HTML responses"


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
<item><title>Blogger detained</title><link>https://wire.example/1</link>
<pubDate>Tue, 12 Mar 2024 10:00:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[{full}]]></content:encoded></item>
<item><title>Second</title><link>https://wire.example/2</link><description>{summary}</description></item>
</channel></rss>"""


def test_feed_items_carry_link_date_title_and_full_content(tmp_path: Path) -> None:
    full = "".join(f"<p>{p}</p>" for p in report(3).split("\n\n") if p.strip()) + "<script>alert(1)</script>"
    feed = tmp_path / "wire.rss"
    feed.write_text(RSS.format(full=full, summary="Police detained a farmer in Naryn, his wife said."))
    good, bad = _inputs(str(feed))
    assert not bad and len(good) == 2
    first = load_document(good[0])
    assert first.title == "Blogger detained" and first.published == "2024-03-12"
    assert first.source.url == "https://wire.example/1"
    assert "alert" not in first.text and "detained" in first.text
    assert load_document(good[1]).text == "Police detained a farmer in Naryn, his wife said."


def test_a_feed_with_no_items_is_one_line(tmp_path: Path) -> None:
    feed = tmp_path / "empty.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    good, bad = _inputs(str(feed))
    assert not good and bad[0].reason == "feed has no items"


def test_json_lines_objects_and_their_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "text": report(4),
                "title": "Four",
                "url": "https://x.example/4",
                "published": "2024-05-01T10:00",
            }
        ),
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"html": _page("Five", report(5)).decode()}),
        "[1, 2]",
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(lines) + "\n")
    good, bad = _inputs(str(export))
    assert [g.name for g in good] == [f"{export}:1", f"{export}:4"]
    assert good[0].published == "2024-05-01" and good[0].title == "Four" and good[1].format == "html"
    assert [(b.name.rsplit(":", 1)[1], b.reason.split(" (")[0]) for b in bad] == [
        ("2", "not JSON"),
        ("3", "object has neither 'text' nor 'html'"),
        ("5", "not a JSON object"),
    ]


def test_globs_folders_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(report(6))
    (tmp_path / "b.html").write_bytes(_page("B", report(7)))
    (tmp_path / "notes.md").write_text("not a report format")
    good, bad = _inputs(str(tmp_path / "*.txt"), str(tmp_path / "*.pdf"), str(tmp_path / "nothing.txt"))
    assert [Path(g.name).name for g in good] == ["a.txt"]
    assert [b.reason for b in bad] == ["pattern matches no file", "no such file"]
    good, _ = _inputs(str(tmp_path))
    assert sorted(Path(g.name).name for g in good) == ["a.txt", "b.html"]


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-16", "latin-1"])
def test_encodings_are_detected_and_kept(tmp_path: Path, encoding: str) -> None:
    text = (
        "Задержанный журналист Нурлан Касымов находится в следственном изоляторе, сообщили родственники."
        if encoding != "latin-1"
        else "The café owner José Martín was detained in Osh on Friday, his brother said to reporters."
    )
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    doc = load_document(_inputs(str(path))[0][0])
    assert doc.text == text
    assert doc.meta["encoding"].replace("-", "_").lower() in {encoding.replace("-", "_"), "utf_16", "cp1252"}
    assert doc.language == ("ru" if encoding != "latin-1" else "en")


def test_gzip_text_is_not_mistaken_for_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(gzip.compress(b"hello"))
    good, _bad = _inputs(str(path))
    with pytest.raises(InputRejected, match="binary data"):
        load_document(good[0])
