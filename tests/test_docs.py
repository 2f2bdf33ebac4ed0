"""A command that is not in the README does not exist for its users: every one must be documented."""

from __future__ import annotations

import click
import pytest

from casework.cli import cli
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "casework") -> list[str]:
    out = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out.extend(_commands(command, f"{prefix} {name}"))
        else:
            out.append(f"{prefix} {name}")
    return out


@pytest.mark.parametrize("command", _commands(cli))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert command in README, f"{command} is not documented in README.md"


def test_links_point_inside_the_repository() -> None:
    """A link to a sibling folder or a missing file works on no one else's clone."""
    import re

    for target in re.findall(r"\]\(([^)\s]+)\)", README):
        if target.startswith(("http://", "https://", "#", "mailto:")):
            continue
        path = (ROOT / target.split("#", 1)[0]).resolve()
        assert path.is_relative_to(ROOT), f"README links outside the repository: {target}"
        assert path.exists(), f"README links to a missing file: {target}"
    assert "../shared/DESIGN.md" not in README


def test_the_readme_opens_with_what_casework_is_then_the_two_commands() -> None:
    first = README.index("casework turns news reports")
    shot = README.index("](docs/screenshot-case.png)")
    commands = README.index("make demo")
    own = README.index("## Your own reports in three lines")
    limits = README.index("## Limitations")
    assert first < shot < commands < own < limits < README.index("## Commands")
    assert (ROOT / "docs" / "screenshot-case.png").stat().st_size > 10_000
