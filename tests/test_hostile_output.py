"""Output that could fool the reader: forged lines on the terminal, names hidden by invisible characters."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from markupsafe import Markup

from casework.cli import cli
from casework.ingest.loader import RawInput, load_document
from casework.printable import escape_controls
from casework.web.templating import templates


def test_a_file_name_cannot_forge_a_line_or_drive_the_terminal(tmp_path: Path) -> None:
    evil = tmp_path / "in" / "x\ncasework: 5 ingested, 0 skipped\x1b[2K.txt"
    evil.parent.mkdir()
    evil.write_bytes(b"")
    result = CliRunner().invoke(cli, ["ingest", "--quiet", "--db", str(tmp_path / "s.db"), str(evil.parent)])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert not any(line.startswith("casework: 5 ingested") for line in result.stderr.splitlines())
    assert "x\\ncasework: 5 ingested, 0 skipped\\x1b[2K.txt: empty input" in result.stderr


def test_escape_controls_keeps_letters_and_shows_the_rest() -> None:
    assert escape_controls("Жапаров r.txt") == "Жапаров r.txt"
    assert escape_controls("a\tb\rc\u202ed\u200be\x85") == "a\\x09b\\x0dc\\u202ed\\u200be\\x85"


def test_bidi_and_zero_width_characters_are_folded_out_of_report_text() -> None:
    text = "Police detained Nur\u200blan Abdy\u202ekadyrov\u2066 in Osh on Monday, his sister said."
    doc = load_document(RawInput("r.txt", text.encode(), "r.txt"))
    assert "Nurlan Abdykadyrov in Osh" in doc.text


def test_the_browser_shows_invisible_characters() -> None:
    env = templates()
    shown = env.from_string("<p>{{ name }}</p>{{ safe }}").render(
        name="Nur\u202elan", safe=Markup("<b>A\u200bB</b>")
    )
    assert shown == "<p>Nur⟦U+202E⟧lan</p><b>A⟦U+200B⟧B</b>"
