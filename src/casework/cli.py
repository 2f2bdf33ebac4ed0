"""The command line: a thin layer over the library, one command per verb.

Errors from an input become one line on stderr naming the input and the
reason; the batch goes on; the exit code is 1 when anything was refused.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import date

import click
from rich.console import Console

from casework import __version__
from casework.errors import CaseworkError, InputRejected
from casework.ingest.loader import iter_inputs
from casework.model import Document
from casework.pipeline import process
from casework.render import render_document


def _check_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casework")
def cli() -> None:
    """casework: news reports about detained people in, sourced case facts out."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--published",
    callback=_check_date,
    metavar="YYYY-MM-DD",
    help="Publication date to resolve relative dates against (overrides the page's own).",
)
@click.option(
    "--raw",
    is_flag=True,
    help="Take text exactly as given: no title, byline or boilerplate handling, so offsets are the input's own.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "text"]),
    default="jsonl",
    show_default=True,
    help="JSON Lines in the casework.document/1 contract, or a readable summary.",
)
def extract(paths: tuple[str, ...], published: str | None, raw: bool, fmt: str) -> None:
    """Print the case facts of each report in PATHS (files, folders, or - for stdin).

    Text and HTML files are accepted. One JSON object per document is written
    to stdout; each input that cannot be read gets one line on stderr, the
    others are still processed, and the exit code is 1 if any failed.
    """
    console = Console(highlight=False, soft_wrap=False) if fmt == "text" else None
    skipped: Counter[str] = Counter()
    done = 0
    for item in iter_inputs(paths):
        if isinstance(item, InputRejected):
            _reject(item, skipped)
            continue
        try:
            doc = process(item, published=published, raw_text=raw)
        except InputRejected as exc:
            _reject(exc, skipped)
            continue
        except CaseworkError as exc:
            _reject(InputRejected(item.name, str(exc)), skipped)
            continue
        done += 1
        _emit(doc, console)
    if skipped:
        reasons = ", ".join(f"{n} {r}" for r, n in skipped.most_common())
        click.echo(f"casework: {done} processed, {sum(skipped.values())} skipped ({reasons})", err=True)
        sys.exit(1)


def _reject(exc: InputRejected, skipped: Counter[str]) -> None:
    click.echo(f"casework: skipped {exc.name}: {exc.reason}", err=True)
    skipped[re.sub(r"\s*\(.*", "", exc.reason)] += 1


def _emit(doc: Document, console: Console | None) -> None:
    if console is None:
        sys.stdout.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        render_document(doc, console)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except CaseworkError as exc:  # pragma: no cover - last resort at the edge
        click.echo(f"casework: error: {exc}", err=True)
        sys.exit(2)
