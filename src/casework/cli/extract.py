"""`casework extract`: the case facts of reports, printed, not stored."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter

import click
from rich.console import Console

from casework import flow
from casework.cli.base import PIPELINE_OPTION, check_date, cli, open_db
from casework.config import pipeline_config
from casework.errors import CaseworkError, InputRejected, NotFound
from casework.ingest.sources import iter_sources
from casework.lookup import one_document
from casework.model import Document
from casework.printable import escape_controls
from casework.render import render_document
from casework.store.documents import document_ids
from casework.store.documents import load_document as load_stored


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--published",
    callback=check_date,
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
@click.option(
    "--db", "db", metavar="PATH|URL", help="Print documents from this store instead of reading PATHS."
)
@PIPELINE_OPTION
def extract(
    paths: tuple[str, ...],
    published: str | None,
    raw: bool,
    fmt: str,
    db: str | None,
    pipeline: tuple[str, ...],
) -> None:
    """Print the case facts of each report in PATHS (files, folders, globs, - for stdin, URLs).

    One JSON object per document is written to stdout; each input that cannot
    be read gets one line on stderr, the others are still processed, and the
    exit code is 1 if any failed. With --db and no PATHS, every stored document
    is printed (PATHS may then be document ids or unambiguous id prefixes).
    """
    console = Console(highlight=False, soft_wrap=False) if fmt == "text" else None
    config = pipeline_config(pipeline)
    if db is not None:
        _extract_stored(db, paths, console)
        return
    if not paths:
        raise click.UsageError("give PATHS to read, or --db to print stored documents")
    skipped: Counter[str] = Counter()
    done = 0
    for item in iter_sources(paths):
        if isinstance(item, InputRejected):
            _reject(item, skipped)
            continue
        try:
            doc = flow.extract_report(item, published=published, raw_text=raw, config=config)
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


def _extract_stored(db: str, ids: tuple[str, ...], console: Console | None) -> None:
    store = open_db(db)
    missing = 0
    with store.read() as conn:
        for ref in ids or tuple(document_ids(conn)):
            reason = "no such document in the store"
            try:
                doc = load_stored(conn, one_document(conn, ref))  # an id or any unambiguous prefix of one
            except NotFound:
                doc = None
            except CaseworkError as exc:  # a prefix of several ids: the message lists them
                doc, reason = None, str(exc)
            if doc is None:
                click.echo(f"casework: skipped {escape_controls(ref)}: {reason}", err=True)
                missing += 1
                continue
            _emit(doc, console)
    store.close()
    if missing:
        sys.exit(1)


def _reject(exc: InputRejected, skipped: Counter[str]) -> None:
    click.echo(f"casework: skipped {escape_controls(exc.name)}: {escape_controls(exc.reason)}", err=True)
    skipped[re.sub(r"\s*\(.*", "", exc.reason)] += 1


def _emit(doc: Document, console: Console | None) -> None:
    if console is None:
        sys.stdout.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        render_document(doc, console)
