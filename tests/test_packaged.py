"""PDF (text layer), Word and e-mail files read as reports; a scan without text refused with the reason."""

from __future__ import annotations

import io
import json
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from casework.cli import cli
from casework.ingest.packaged import kind_of, unpack

pytestmark = pytest.mark.slow

# Written for these tests: no real report is copied.
LINES = [
    "Police in Osh detained the blogger Aida Usenova on Friday, her lawyer said.",
    "The lawyer said she had not been allowed to see her client since the arrest.",
]


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds LINES (Helvetica), written by hand with a correct xref."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "40 780 Td"]
    for ln in lines:
        ops.append("(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _docx(title: str, lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(title)
    for ln in lines:
        document.add_paragraph(ln)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _eml(subject: str, lines: list[str]) -> bytes:
    msg = EmailMessage()
    msg["From"] = "desk@news.example"
    msg["To"] = "researcher@example.org"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 10 Jan 2022 09:30:00 +0600"
    msg.set_content("\n\n".join(lines))
    return msg.as_bytes()


def test_each_package_gives_its_text() -> None:
    pdf = unpack("r.pdf", _pdf(LINES))
    assert (
        pdf is not None
        and pdf.format == "pdf"
        and "Aida Usenova" in pdf.text
        and "since the arrest" in pdf.text
    )
    word = unpack("r.docx", _docx("Blogger held in Osh", LINES))
    assert word is not None and word.format == "docx" and word.text.startswith("Blogger held in Osh")
    mail = unpack("r.eml", _eml("Blogger held in Osh", LINES))
    assert mail is not None and (mail.title, mail.published) == ("Blogger held in Osh", "2022-01-10")
    assert LINES[0] in mail.text
    assert unpack("r.txt", "\n".join(LINES).encode()) is None  # text stays text
    assert kind_of("note.txt", b"Date: March 3\n\nPolice detained a man.") is None  # not an e-mail


def test_a_folder_of_packaged_reports_is_read_and_a_scan_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(_pdf(LINES))
    (folder / "b.docx").write_bytes(
        _docx("Blogger held in Osh", [ln.replace("Friday", "Monday") for ln in LINES])
    )
    (folder / "c.eml").write_bytes(
        _eml("Blogger held in Osh", [ln.replace("Friday", "Sunday") for ln in LINES])
    )
    (folder / "scan.pdf").write_bytes(_pdf([]))
    result = CliRunner().invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 1
    assert "scan.pdf: PDF has no text layer" in result.stderr
    docs = {Path(d["source"]["path"]).name: d for d in map(json.loads, result.stdout.splitlines())}
    assert set(docs) == {"a.pdf", "b.docx", "c.eml"}
    assert {d["source"]["format"] for d in docs.values()} == {"pdf", "docx", "email"}
    assert docs["c.eml"]["title"] == "Blogger held in Osh" and docs["c.eml"]["published"] == "2022-01-10"
    assert docs["b.docx"]["title"] == "Blogger held in Osh"
    for d in docs.values():
        assert "Aida Usenova" in d["text"]
        assert any(e["type"] == "detention" for e in d["events"])
    named = CliRunner().invoke(cli, ["extract", str(folder / "a.pdf")])  # a PDF named directly: read too
    assert named.exit_code == 0 and "binary data" not in named.stderr


def test_ingest_counts_the_files_it_does_not_read_without_failing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "page_files").mkdir(parents=True)
    (folder / "r.txt").write_text("\n\n".join(LINES), encoding="utf-8")
    (folder / "r.json").write_text('{"site": "Osh Daily"}', encoding="utf-8")  # a sidecar: not counted
    (folder / "notes.md").write_text("to read later", encoding="utf-8")
    (folder / "page_files" / "logo.png").write_bytes(b"\x89PNG\r\n")
    (folder / ".hidden").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", "--quiet", "--db", str(tmp_path / "s.db"), str(folder)])
    assert result.exit_code == 0, result.output
    assert "2 files in the folders not read (1 .md, 1 .png): not a report format" in result.stderr


def test_the_folder_walk_picks_up_every_packaged_suffix() -> None:
    from casework.ingest.packaged import SUFFIXES
    from casework.ingest.sources import _SUFFIXES

    assert set(SUFFIXES) <= set(_SUFFIXES)
