"""Hostile or odd sources: each is read, or refused with one line naming it and why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casework.errors import InputRejected
from casework.ingest.loader import RawInput
from casework.ingest.sources import expand, iter_sources

NETSCAPE_RSS = b"""<?xml version="1.0"?>
<?xml-stylesheet type="text/xsl" href="feed.xsl"?>
<!-- generated -->
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd" [ <!ENTITY nbsp "&#160;"> ]>
<rss version="0.91"><channel><title>T</title><link>http://x.example/</link><description>d</description>
<item><title>A</title><link>http://x.example/a</link><description>Police detained a man.</description></item>
<item><title>B</title><link>http://x.example/b</link><description>A second item.</description></item>
</channel></rss>"""


def test_a_feed_with_a_doctype_and_a_stylesheet_is_read_as_items() -> None:
    got = list(expand(RawInput("old.xml", NETSCAPE_RSS, "old.xml")))
    assert [g.name for g in got] == ["old.xml#1", "old.xml#2"]
    assert not any(isinstance(g, InputRejected) for g in got)


def _names(args: list[str]) -> list[str]:
    return [g.name for g in iter_sources(args)]


def _tree_with_loops(tmp_path: Path) -> Path:
    root = tmp_path / "saved"
    (root / "a" / "b").mkdir(parents=True)
    (root / "one.txt").write_text("first report")
    (root / "a" / "b" / "two.txt").write_text("second report")
    os.symlink(".", root / "x")  # each of these makes glob.glob(recursive=True) go round
    os.symlink("..", root / "a" / "up")
    os.symlink("../..", root / "a" / "b" / "top")
    os.symlink(str(root), root / "a" / "again")
    return root


def test_recursive_globs_and_folders_never_follow_a_link_back_into_a_folder(tmp_path: Path) -> None:
    root = _tree_with_loops(tmp_path)
    want = [str(root / "a" / "b" / "two.txt"), str(root / "one.txt")]
    assert sorted(_names([f"{root}/**/*.txt"])) == want
    assert sorted(_names([str(root)])) == want
    # the same file named twice, directly and through a folder and a link, is read once
    assert sorted(_names([str(root / "one.txt"), str(root), str(root / "x" / "one.txt")])) == want


def test_a_glob_keeps_glob_semantics(tmp_path: Path) -> None:
    (tmp_path / "d" / ".hidden").mkdir(parents=True)
    for name in ("a1.txt", "b2.txt", ".dot.txt", "c.html"):
        (tmp_path / "d" / name).write_text("x")
    (tmp_path / "d" / ".hidden" / "h.txt").write_text("x")
    assert _names([f"{tmp_path}/d/[a-b]?.txt"]) == [str(tmp_path / "d" / n) for n in ("a1.txt", "b2.txt")]
    assert _names([f"{tmp_path}/**/*.txt"]) == [str(tmp_path / "d" / n) for n in ("a1.txt", "b2.txt")]
    assert _names([f"{tmp_path}/d/[!a]*"]) == [str(tmp_path / "d" / n) for n in ("b2.txt", "c.html")]


def test_devices_and_fifos_are_refused_before_they_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: opening it for a blocking read would wait for ever
    got = list(iter_sources(["/dev/zero", str(fifo)]))
    assert [(g.name, g.reason) for g in got if isinstance(g, InputRejected)] == [
        ("/dev/zero", "not a regular file (a device, pipe or socket)"),
        (str(fifo), "not a regular file (a device, pipe or socket)"),
    ]


def test_names_too_long_and_unreadable_folders_are_one_line_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_name = str(tmp_path / ("n" * 300 + ".txt"))
    got = {g.name: g.reason for g in iter_sources([long_name]) if isinstance(g, InputRejected)}
    assert got == {long_name: "unreadable (file name too long)"}

    locked = tmp_path / "in" / "locked"
    locked.mkdir(parents=True)
    (locked / "r.txt").write_text("x")
    (tmp_path / "in" / "ok.txt").write_text("x")
    # What a folder of mode 000 does to a user who is not root (the tests may run as root).
    real_scandir, real_stat, real_open = os.scandir, os.stat, os.open

    def denied(path: object) -> None:
        if str(path).startswith(str(locked)) and str(path) != str(locked):
            raise PermissionError(13, "Permission denied", str(path))

    def scandir(path: object) -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload]

    def stat(path: object, *a: object, **k: object) -> object:
        denied(path)
        return real_stat(path, *a, **k)  # type: ignore[arg-type]

    def open_(path: object, *a: object, **k: object) -> int:
        denied(path)
        return real_open(path, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "open", open_)
    got = {g.name: g.reason for g in iter_sources([str(tmp_path / "in")]) if isinstance(g, InputRejected)}
    assert got == {str(locked): "unreadable folder (permission denied)"}
    got = {g.name: g.reason for g in iter_sources([str(locked / "r.txt")]) if isinstance(g, InputRejected)}
    assert got == {str(locked / "r.txt"): "permission denied"}


def _warc_record(n: int, *, uri: bool = True) -> bytes:
    body = f"<html><body><p>Police detained teacher number {n} in Osh.</p></body></html>".encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\n" % n
    head += b"WARC-Date: 2024-01-01T00:00:00Z\r\n"
    if uri:
        head += b"WARC-Target-URI: http://x.example/%d\r\n" % n
    head += b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(http)
    return head + http + b"\r\n\r\n"


def test_a_warc_response_without_a_target_uri_is_one_line_and_the_archive_goes_on() -> None:
    data = _warc_record(1, uri=False) + _warc_record(2)
    got = [(g.name, getattr(g, "reason", None)) for g in expand(RawInput("a.warc", data, "a.warc"))]
    assert got == [
        ("a.warc#1", "WARC response record without WARC-Target-URI"),
        ("a.warc#http://x.example/2", None),
    ]


def test_a_warc_cut_anywhere_loses_no_record_in_silence() -> None:
    records = [_warc_record(i) for i in range(3)]
    whole = b"".join(records)
    ends = {sum(len(r) for r in records[: i + 1]) for i in range(3)}
    silent = []
    for cut in range(len(b"WARC/1.0"), len(whole)):  # shorter is not sniffed as a WARC
        got = list(expand(RawInput("c.warc", whole[:cut], "c.warc")))
        pages = sum(1 for g in got if isinstance(g, RawInput))
        complete = sum(1 for e in ends if e - 4 <= cut)  # a record is whole once its body is
        lost = pages < complete or (pages < 3 and not any(isinstance(g, InputRejected) for g in got))
        if lost and not any(e - 4 <= cut <= e for e in ends):  # not a cut in the blank lines after a record
            silent.append(cut)
    assert silent == []


def test_a_warc_file_is_streamed_not_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casework.ingest import sources

    seen: list[type] = []
    real = sources.read_warc

    def spy(name: str, data: object) -> object:
        seen.append(type(data))
        return real(name, data)  # type: ignore[arg-type]

    monkeypatch.setattr(sources, "read_warc", spy)
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc_record(1))
    assert [g.name for g in iter_sources([str(path)])] == [f"{path}#http://x.example/1"]
    assert seen and bytes not in seen


def test_almost_valid_utf8_is_read_as_utf8_with_the_bad_bytes_counted() -> None:
    from casework.ingest.decode import decode_bytes

    good = "Садыр Жапаров заявил, что задержанный журналист будет освобожден. ".encode() * 3
    text, encoding = decode_bytes("r.txt", good + b"\xff " + good)  # one stray byte
    assert "Жапаров" in text and "\ufffd" in text
    assert encoding == "utf-8 (1 bad bytes)"
    text, encoding = decode_bytes("mix.txt", good * 4 + "Привет".encode("cp1251"))  # a cp1251 tail
    assert "Жапаров" in text and encoding.startswith("utf-8 (")
    assert decode_bytes("old.txt", "Привет мир, это тест. ".encode("cp1251") * 5)[1] == "cp1251"
