"""The command line: a thin layer over the library, one command per verb.

Errors from an input become one line on stderr naming the input and the
reason; the batch goes on; the exit code is 1 when anything was refused.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from sqlalchemy import Connection, select

from casework import __version__
from casework.batch import Batch, Outcome
from casework.batch import reextract as reextract_store
from casework.cases import load_cases
from casework.errors import CaseworkError, ConfigError, InputRejected
from casework.evaluate.run import KINDS
from casework.ingest.sources import iter_sources
from casework.ingest.web import FetchPolicy
from casework.model import Document
from casework.pipeline import process
from casework.render import render_case, render_document
from casework.store import schema as t
from casework.store.database import Store, open_store
from casework.store.documents import document_ids, list_documents
from casework.store.documents import load_document as load_stored
from casework.store.people import add_user_judgement, forget_splits, resolve_store
from casework.store.schema import SCHEMA_VERSION
from casework.store.search import search


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


DB_OPTION = click.option(
    "--db",
    envvar="CASEWORK_DB",
    metavar="PATH|URL",
    help="The store: a SQLite file path (default ./casework.db) or a database URL. Also $CASEWORK_DB.",
)


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
    callback=_check_date,
    metavar="YYYY-MM-DD",
    help="Publication date for every report (overrides the page's own).",
)
@click.option("--allow-private", is_flag=True, help="Let URLs reach loopback and private network addresses.")
@click.option(
    "--timeout", type=click.FloatRange(0.1, 600), default=20.0, show_default=True, help="Seconds per URL."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-input lines except errors.")
def ingest(
    sources: tuple[str, ...],
    db: str | None,
    workers: int,
    dask: str | None,
    published: str | None,
    allow_private: bool,
    timeout: float,
    quiet: bool,
) -> None:
    """Read, extract and store every report in SOURCES.

    SOURCES are files, folders, glob patterns, - for stdin, and http(s) URLs;
    HTML, text, WARC archives, RSS/Atom feeds and JSON Lines exports are read.
    A report already stored is not stored again; a near-copy is linked to its
    first copy. Each input that cannot be read gets one line on stderr and the
    batch goes on; the exit code is 1 if any failed.
    """
    store = _open(db)
    policy = FetchPolicy(timeout=timeout, allow_private=allow_private)
    batch = Batch(store, published=published)
    show = not quiet and sys.stderr.isatty()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} inputs"),
        TimeElapsedColumn(),
        console=Console(stderr=True, soft_wrap=True),
        disable=not show,
        transient=True,
    ) as progress:
        task = progress.add_task("ingesting", total=None)

        def report(outcome: Outcome) -> None:
            progress.advance(task)
            if outcome.status == "skipped":
                progress.console.print(
                    f"casework: skipped {outcome.name}: {outcome.reason}", markup=False, highlight=False
                )
            elif outcome.status == "not_extracted" and not quiet:
                progress.console.print(
                    f"casework: stored without extraction {outcome.name}: {outcome.reason}",
                    markup=False,
                    highlight=False,
                )

        summary = batch.run(iter_sources(sources, policy), workers=workers, dask=dask, on_outcome=report)
    if summary.counts["ingested"] + summary.counts["near_duplicate"]:
        resolve_store(store)  # who is who across reports, with the new ones in
    store.close()
    click.echo(f"casework: {summary.line()}", err=True)
    if summary.failed:
        sys.exit(1)


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document instead of a table.")
def documents(db: str | None, as_json: bool) -> None:
    """List the stored documents: id, title, site, date, language, near-duplicate of."""
    store = _open(db)
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
    cases   casework gold (articles/ + gold/): persons, events, claims, event dates
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
    for name, value in result.items():
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


@cli.command()
@click.argument("ids", nargs=-1)
@DB_OPTION
def reextract(ids: tuple[str, ...], db: str | None) -> None:
    """Extract the stored reports (all, or IDS) again with this casework, then resolve who is who again."""
    store = _open(db)
    summary = reextract_store(store, ids or None)
    resolve_store(store)
    store.close()
    c = summary.counts
    click.echo(
        f"casework: {c['ingested']} re-extracted, {c['not_extracted']} not extracted, {c['skipped']} failed"
    )
    if summary.failed:
        sys.exit(1)


@cli.command()
@DB_OPTION
def resolve(db: str | None) -> None:
    """Work out again who is who across all stored reports (your merge/split judgements are kept)."""
    store = _open(db)
    result = resolve_store(store)
    store.close()
    people = len(set(result.person_of.values()))
    click.echo(
        f"casework: {len(result.person_of)} person mentions, {people} people, {result.compared} pairs compared"
    )


@cli.command()
@DB_OPTION
@click.option(
    "--status", help="Only cases with this status (detained, charged, sentenced, released, missing, ...)."
)
@click.option("--country", help="Only people of this nationality (a country name).")
@click.option(
    "--since",
    callback=_check_date,
    metavar="YYYY-MM-DD",
    help="Only cases whose status dates from this day on.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per case (casework.case/1).")
def cases(db: str | None, status: str | None, country: str | None, since: str | None, as_json: bool) -> None:
    """List the cases: person, status, since, where, sources, open findings."""
    store = _open(db)
    with store.read() as conn:
        found = load_cases(conn)
    store.close()
    found = [
        c for c in found
        if (status is None or c.status == status.lower())
        and (country is None or country.casefold() in (n.casefold() for n in c.profile.get("nationality", [])))
        and (since is None or (c.since or "") >= since)
    ]  # fmt: skip
    if as_json:
        for c in found:
            sys.stdout.write(json.dumps(c.to_json(), ensure_ascii=False) + "\n")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("case", "person", "status", "since", "where", "sources", "findings"):
        table.add_column(column, no_wrap=column != "person")
    for c in found:
        cells = (
            c.id,
            c.name,
            c.status,
            c.since or "",
            c.where or "",
            str(c.source_groups),
            str(len(c.findings)),
        )
        table.add_row(*(Text(x) for x in cells))
    Console(highlight=False).print(table)
    click.echo(f"{len(found)} cases", err=True)


@cli.command()
@click.argument("case")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="The case file as one JSON object.")
def show(case: str, db: str | None, as_json: bool) -> None:
    """The case file of CASE (its id, or the person's name): profile, timeline, claims, findings, sources."""
    store = _open(db)
    with store.read() as conn:
        found = load_cases(conn, only=case)
    store.close()
    if not found:
        raise click.ClickException(f"no case {case!r} in the store (see `casework cases`)")
    if as_json:
        click.echo(json.dumps(found[0].to_json(), ensure_ascii=False))
        return
    render_case(found[0], Console(highlight=False, soft_wrap=False))


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one finding per line, with its case.")
def check(db: str | None, as_json: bool) -> None:
    """Every finding across the cases: conflicting accounts, single sources, duress, open questions, consular clock."""
    store = _open(db)
    with store.read() as conn:
        found = load_cases(conn)
    store.close()
    rows = [(c, f) for c in found for f in c.findings]
    if as_json:
        for c, f in rows:
            sys.stdout.write(
                json.dumps({"case": c.id, "person": c.name, **f.to_json()}, ensure_ascii=False) + "\n"
            )
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("case", "person", "finding", "message"):
        table.add_column(column, no_wrap=column != "message")
    for c, f in rows:
        table.add_row(*(Text(x) for x in (c.id, c.name, f.kind, f.message)))
    Console(highlight=False).print(table)
    click.echo(f"{len(rows)} findings in {len(found)} cases", err=True)


@cli.command()
@click.argument("first")
@click.argument("second")
@DB_OPTION
def merge(first: str, second: str, db: str | None) -> None:
    """Say that FIRST and SECOND are one person (person ids, or mentions as DOCUMENT:ENTITY)."""
    store = _open(db)
    with store.write() as conn:
        left, right = _mention_of(conn, first), _mention_of(conn, second)
        forget_splits(conn, _cluster_of(conn, left), _cluster_of(conn, right))
        add_user_judgement(conn, left, right, "same")
    resolve_store(store)
    store.close()
    click.echo(f"casework: {first} and {second} are now one person")


@cli.command()
@click.argument("person")
@click.argument("mentions", nargs=-1, required=True)
@DB_OPTION
def split(person: str, mentions: tuple[str, ...], db: str | None) -> None:
    """Say that MENTIONS (DOCUMENT:ENTITY) are not PERSON: they are kept apart from now on."""
    store = _open(db)
    with store.write() as conn:
        keys = _mentions_of_person(conn, person)
        if not keys:
            raise click.ClickException(f"no person {person!r} in the store")
        for mention in mentions:
            if mention not in keys:
                raise click.ClickException(f"{mention} is not a mention of {person}")
        rest = [k for k in keys if k not in mentions]
        for mention in mentions:
            for other in rest:
                add_user_judgement(conn, other, mention, "different")
    resolve_store(store)
    store.close()
    click.echo(f"casework: {len(mentions)} mention(s) split from {person}")


def _mentions_of_person(conn: Connection, person: str) -> list[str]:
    links = t.person_links.c
    rows = conn.execute(select(links.document_id, links.entity_id).where(links.person_id == person)).all()
    return sorted(f"{d}:{e}" for d, e in rows)


def _cluster_of(conn: Connection, mention: str) -> list[str]:
    links = t.person_links.c
    doc_id, _, ent_id = mention.partition(":")
    pid = conn.execute(
        select(links.person_id).where(links.document_id == doc_id, links.entity_id == ent_id)
    ).scalar()
    return _mentions_of_person(conn, pid) if pid else [mention]


def _mention_of(conn: Connection, ref: str) -> str:
    if ":" in ref:
        return ref
    keys = _mentions_of_person(conn, ref)
    if not keys:
        raise click.ClickException(f"no person {ref!r} in the store")
    return keys[0]


@cli.command("search")
@click.argument("query")
@DB_OPTION
@click.option(
    "--since", callback=_check_date, metavar="YYYY-MM-DD", help="Reports published on or after this day."
)
@click.option(
    "--until", callback=_check_date, metavar="YYYY-MM-DD", help="Reports published on or before this day."
)
@click.option("--site", help="Only reports from this site (as `casework documents` shows it).")
@click.option("--case", "case_id", metavar="CASE", help="Only reports about this case (its id).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per matching report.")
def search_command(
    query: str, db: str | None, since: str | None, until: str | None, site: str | None,
    case_id: str | None, limit: int, as_json: bool,
) -> None:  # fmt: skip
    """Find stored reports by their words and the names in them, best first."""
    store = _open(db)
    with store.read() as conn:
        hits = search(conn, query, since=since, until=until, site=site, person=case_id, limit=limit)
    store.close()
    if as_json:
        for h in hits:
            sys.stdout.write(json.dumps(asdict(h), ensure_ascii=False) + "\n")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("id", "date", "title", "where it says so"):
        table.add_column(column, no_wrap=column in ("id", "date"), overflow="fold")
    for h in hits:
        table.add_row(*(Text(x) for x in (h.document_id, h.published or "", h.title or "", h.snippet)))
    Console(highlight=False).print(table)
    click.echo(f"{len(hits)} reports", err=True)


@cli.group()
def db() -> None:
    """The store itself: its schema version and upgrades."""


@db.command("upgrade")
@DB_OPTION
def db_upgrade(db: str | None) -> None:
    """Upgrade an existing store to this casework's schema, in place (data kept)."""
    try:
        store = open_store(db, upgrade=True)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    before = store.upgraded_from
    store.close()
    if before is None:
        click.echo(f"casework: store is at schema version {SCHEMA_VERSION} already")
    else:
        click.echo(f"casework: store upgraded from schema version {before} to {SCHEMA_VERSION}")


def _open(db: str | None) -> Store:
    try:
        return open_store(db)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command()
@click.argument("paths", nargs=-1)
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
@click.option(
    "--db", "db", metavar="PATH|URL", help="Print documents from this store instead of reading PATHS."
)
def extract(paths: tuple[str, ...], published: str | None, raw: bool, fmt: str, db: str | None) -> None:
    """Print the case facts of each report in PATHS (files, folders, globs, - for stdin, URLs).

    One JSON object per document is written to stdout; each input that cannot
    be read gets one line on stderr, the others are still processed, and the
    exit code is 1 if any failed. With --db and no PATHS, every stored document
    is printed (PATHS may then be document ids).
    """
    console = Console(highlight=False, soft_wrap=False) if fmt == "text" else None
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


def _extract_stored(db: str, ids: tuple[str, ...], console: Console | None) -> None:
    store = _open(db)
    missing = 0
    with store.read() as conn:
        for doc_id in ids or tuple(document_ids(conn)):
            doc = load_stored(conn, doc_id)
            if doc is None:
                click.echo(f"casework: skipped {doc_id}: no such document in the store", err=True)
                missing += 1
                continue
            _emit(doc, console)
    store.close()
    if missing:
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
