"""`casework ingest`, `documents`, `reextract`: reports into the store, and what it holds."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click
from rich.console import Console
from rich.progress import (
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from casework import flow
from casework.batch import Outcome, StoreFull
from casework.cli.base import DB_OPTION, PIPELINE_OPTION, check_date, cli, fetch_options, open_db
from casework.config import pipeline_config
from casework.flow import update_cases as rebuild_cases
from casework.flow import (
    update_changed_cases as update_cases,  # by name: a test stops the run right before it
)
from casework.ingest.census import expected_reports, unread_files
from casework.ingest.sources import iter_sources
from casework.ingest.web import FetchPolicy
from casework.printable import escape_controls
from casework.store.documents import list_documents


class RateColumn(ProgressColumn):
    """Reports a second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "", style="progress.data.speed")


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@DB_OPTION
@click.option(
    "--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="Extraction processes."
)
@click.option(
    "--dask",
    metavar="tcp://HOST:8786",
    help="Run extraction on this Dask scheduler's workers; reading and storing stay here.",
)
@click.option(
    "--published",
    callback=check_date,
    metavar="YYYY-MM-DD",
    help="Publication date for every report (overrides the page's own).",
)
@fetch_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-input lines except errors.")
@PIPELINE_OPTION
def ingest(
    sources: tuple[str, ...],
    db: str | None,
    workers: int,
    dask: str | None,
    published: str | None,
    allow_private: bool,
    timeout: float,
    budget: float,
    quiet: bool,
    pipeline: tuple[str, ...],
) -> None:
    """Read, extract and store every report in SOURCES.

    SOURCES are files, folders, glob patterns, - for stdin, and http(s) URLs;
    HTML, text, WARC archives, RSS/Atom feeds and JSON Lines exports are read.
    A report already stored is not stored again; a near-copy is linked to its
    first copy. Each input that cannot be read gets one line on stderr and the
    batch goes on; the exit code is 1 if any failed. Creates the store if need be.
    """
    config = pipeline_config(pipeline)
    store = open_db(db, create=True)
    policy = FetchPolicy(timeout=timeout, allow_private=allow_private)
    show = not quiet and sys.stderr.isatty()
    total = expected_reports(sources)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        MofNCompleteColumn() if total else TextColumn("{task.completed} reports"),
        RateColumn(),
        *([TextColumn("·"), TimeRemainingColumn(), TextColumn("left")] if total else [TimeElapsedColumn()]),
        console=Console(stderr=True, soft_wrap=True),
        disable=not show,
        transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=total)

        def report(outcome: Outcome) -> None:
            progress.advance(task)
            # names come from file names, URLs and archives: escaped, so none can forge a line
            name, reason = escape_controls(outcome.name), escape_controls(outcome.reason or "")
            if outcome.status == "skipped":
                progress.console.print(f"casework: skipped {name}: {reason}", markup=False, highlight=False)
            elif outcome.status == "not_extracted" and not quiet:
                progress.console.print(
                    f"casework: stored without extraction {name}: {reason}",
                    markup=False,
                    highlight=False,
                )

        summary, died = flow.store_reports(
            store,
            iter_sources(sources, policy),
            published=published,
            budget=budget,
            config=config,
            workers=workers,
            dask=dask,
            on_outcome=report,
        )
    if isinstance(died, StoreFull):
        pass  # resolution would write too; the next run finishes it
    elif flow.cases_need_update(store, summary):
        # who is who across reports, and their cases, with the new ones in (or with those a run
        # killed before its resolution left out): only what the new reports touch
        update_cases(store)
    store.close()
    unread = unread_files(sources, store=store.path)
    if unread:  # counted, not failed: a folder of saved pages holds images, styles and notes too
        kinds = ", ".join(
            f"{n} {suffix or 'without suffix'}"
            for suffix, n in sorted(unread.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        total = sum(unread.values())
        what = "1 file" if total == 1 else f"{total} files"
        click.echo(f"casework: {what} in the folders not read ({kinds}): not a report format", err=True)
    click.echo(f"casework: {summary.line()}", err=True)  # the last line but a stop: the batch's count
    if died is not None:
        click.echo(f"casework: stopped: {escape_controls(str(died))}", err=True)
    if summary.failed or died is not None:
        sys.exit(1)


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document instead of a table.")
def documents(db: str | None, as_json: bool) -> None:
    """List the stored documents: id, title, site, date, language, near-duplicate of."""
    store = open_db(db)
    with store.read() as conn:
        rows = list(list_documents(conn))
    store.close()
    if as_json:
        for row in rows:
            sys.stdout.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("lang", no_wrap=True)
    table.add_column("site", no_wrap=True, max_width=18, overflow="ellipsis")
    table.add_column("title", no_wrap=True, overflow="ellipsis", ratio=1, min_width=20)
    table.add_column("copy of", no_wrap=True)
    for r in rows:
        title = r.title or ""
        if r.status != "extracted":
            title = f"[not extracted: {r.skip_reason}] {title}"
        # Report text is untrusted: Text() cells are never read as rich markup.
        cells = (r.id, r.published or "", r.language, r.site or "", title, (r.near_duplicate_of or "")[:8])
        table.add_row(*(Text(c) for c in cells))
    Console(highlight=False).print(table)
    click.echo(f"{len(rows)} documents", err=True)


@cli.command()
@click.argument("ids", nargs=-1)
@DB_OPTION
@PIPELINE_OPTION
def reextract(ids: tuple[str, ...], db: str | None, pipeline: tuple[str, ...]) -> None:
    """Extract the stored reports (all, or IDS) again with this casework, then resolve who is who again."""
    config = pipeline_config(pipeline)
    store = open_db(db)
    summary = flow.reextract_reports(store, ids or None, config)
    rebuild_cases(store)
    store.close()
    c = summary.counts
    click.echo(
        f"casework: {c['ingested']} re-extracted, {c['not_extracted']} not extracted, {c['skipped']} failed"
    )
    if summary.failed:
        sys.exit(1)
