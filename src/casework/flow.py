"""casework's two flows, in order, each step a named function: the one place they are written.

The document flow, for one report (pipeline.py runs its middle steps as registered components):

    load      bytes from a file, URL, archive or feed -> a Document with clean text  (ingest/loader.py)
    read      sentences, tokens, parse                                               (stage "read")
    extract   entities, dates, claims, events                                        (stages "entities" ... "events")
    link      who says each event, what is said under duress, accounts               (stages "sources", "duress", "accounts")
    check     findings within the report                                             (stage "findings")

The corpus flow, for every report in a store:

    store     each new document written once, with its extraction                    (batch.py)
    resolve   who is who across reports, the user's judgements kept                   (store/people.py rows, resolve/ matching)
    assemble  a case for each person held somewhere, from every report naming them   (case_files.py)
    check     findings across the case's reports: conflicts, disputes, the clock      (check/case_checks.py)
    summarise one row per case for fast listing, and the mark that the cases are current

After an ingest only the reports stored since the last update are resolved, and only the cases they
touch are rebuilt (`update_changed_cases`, incremental.py); the result equals a full rebuild
(`update_cases`), which `casework resolve --all`, merge, split and reextract run. Either logs what
moved in each case and fires the alerts (changes.py, alerting.py).

The command line, the web app, `--workers` and `--dask` call these functions only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from casework.batch import Batch, Outcome, StoreFull, Summary, WorkerDied
from casework.batch import reextract as _reextract
from casework.budget import DEFAULT_SECONDS
from casework.case_files import summarise_cases
from casework.errors import InputRejected
from casework.incremental import Update
from casework.incremental import update_changed_cases as incremental_update
from casework.ingest.loader import RawInput, load_document
from casework.model import Document
from casework.pipeline import DEFAULT, PipelineConfig, annotate
from casework.resolve.organizations import link_bodies
from casework.resolve.people import Resolution, resolve_people
from casework.store.database import Store
from casework.store.people import (
    body_mentions,
    lock_resolution,
    person_mentions,
    save_body_links,
    save_resolution,
    user_judgements,
)
from casework.store.person_blocks import fill_blocks
from casework.store.resolution_mark import cases_are_current, mark_cases_current, mark_full_rebuild

# --- the document flow ---------------------------------------------------------------------


def extract_report(
    raw: RawInput, *, published: str | None = None, raw_text: bool = False, config: PipelineConfig = DEFAULT
) -> Document:
    """load -> read -> extract -> link -> check, for one report."""
    return annotate(load_document(raw, published=published, raw_text=raw_text), config=config)


# --- the corpus flow -----------------------------------------------------------------------


def store_reports(
    store: Store,
    sources: Iterable[RawInput | InputRejected],
    *,
    published: str | None = None,
    budget: float | None = DEFAULT_SECONDS,
    config: PipelineConfig = DEFAULT,
    workers: int = 1,
    dask: str | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> tuple[Summary, WorkerDied | StoreFull | None]:
    """store: every report of SOURCES through the document flow (here, in worker processes or on a
    Dask cluster) and into the store once. A batch a dead worker or a full disk stopped gives what
    it stored so far and the reason it stopped."""
    batch = Batch(store, published=published, budget=budget, config=config)
    try:
        return batch.run(sources, workers=workers, dask=dask, on_outcome=on_outcome), None
    except (WorkerDied, StoreFull) as exc:
        return batch.summary, exc


def reextract_reports(
    store: Store, ids: Iterable[str] | None = None, config: PipelineConfig = DEFAULT
) -> Summary:
    """store, again: the stored reports (all, or IDS) through the document flow, their text kept."""
    return _reextract(store, ids, config)


def resolve(store: Store) -> Resolution:
    """resolve: who is who across every stored report (people, organisations, places), the user's
    judgements kept. The store gives the mentions and keeps the judgements; resolve/ does the matching."""
    with store.write() as conn:
        lock_resolution(conn)
        mentions = person_mentions(conn)
        resolution = resolve_people(mentions, user_judgements(conn))
        save_resolution(conn, resolution, {m.key: m.name for m in mentions})
        fill_blocks(conn, mentions)  # what an incremental update finds people by, afresh too
        save_body_links(conn, link_bodies(body_mentions(conn)))
    return resolution


def assemble_check_and_summarise(store: Store) -> int:
    """assemble, check, summarise: every case rebuilt from the store and its row rewritten; the
    number of cases."""
    count = summarise_cases(store)
    mark_cases_current(store)
    return count


def _rebuild(store: Store) -> tuple[Resolution, int]:
    """resolve, assemble, check, summarise: every report, every case. A mark says a full rebuild is
    under way, so one a kill cuts short is finished by the next run."""
    mark_full_rebuild(store)
    resolution = resolve(store)
    return resolution, assemble_check_and_summarise(store)


def resolve_all(store: Store) -> Resolution:
    """The corpus flow after the store step, in full; who is who, as it was worked out."""
    return _rebuild(store)[0]


def update_cases(store: Store) -> int:
    """The corpus flow after the store step, in full; the number of cases."""
    return _rebuild(store)[1]


def update_changed_cases(store: Store) -> Update:
    """The corpus flow after an ingest: only the reports stored since the last update, and the cases
    they touch; a full rebuild when one was left unfinished."""
    return incremental_update(store)


def cases_need_update(store: Store, summary: Summary) -> bool:
    """New reports were stored, or an earlier run was killed between storing and resolving."""
    return bool(summary.counts["ingested"] + summary.counts["near_duplicate"]) or not cases_are_current(store)
