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
