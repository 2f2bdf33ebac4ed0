"""`casework eval`: extraction measured against annotated data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from casework.cli.base import cli
from casework.errors import InputRejected
from casework.evaluate.run import KINDS


@cli.command("eval")
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object with a key per measure.")
def eval_command(kind: str, path: Path, as_json: bool) -> None:
    """Measure extraction of KIND against annotated data at PATH.

    \b
    timex   TimeML files (TempEval-3): extent strict/relaxed, value and type
    claims  PolNeAR-style BRAT attributions: source, cue, content, exact and overlap
    names   latin<TAB>cyrillic name pairs: recall, and false matches on shuffled non-pairs
    cases   casework gold (articles/ + gold/): persons, events, claims, event dates, who has a
            case and its status; by fold when the folder has dev-gold's second-batch/
    kairos  WikiEvents JSON Lines (KAIROS events): events by type and sentence
    m2e2    M2E2's annotations zip (ACE events in VOA sentences): events by type and sentence
    """
    try:
        result = KINDS[kind](path)
    except InputRejected as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    table = Table(box=None, header_style="bold", title=f"casework eval {kind} {path}", title_justify="left")
    for column in ("measure", "precision", "recall", "f1", "other"):
        table.add_column(column, justify="left" if column in ("measure", "other") else "right")
    for name, value in _rows(result):
        if isinstance(value, dict) and "f1" in value:
            other = ", ".join(f"{k} {v}" for k, v in value.items() if k not in ("precision", "recall", "f1"))
            table.add_row(
                name, f"{value['precision']:.3f}", f"{value['recall']:.3f}", f"{value['f1']:.3f}", other
            )
        elif isinstance(value, dict):
            table.add_row(name, "", "", "", ", ".join(f"{k} {v}" for k, v in value.items()))
        else:
            table.add_row(name, "", "", "", str(value))
    Console(highlight=False).print(table)


def _rows(result: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """One row per measure; a group of measures ("out_of_fold", "by_type") is spelled out."""
    rows: list[tuple[str, Any]] = []
    for name, value in result.items():
        if isinstance(value, dict) and "f1" not in value and any(isinstance(v, dict) for v in value.values()):
            rows += _rows(value, f"{prefix}{name}.")
        else:
            rows.append((prefix + name, value))
    return rows
