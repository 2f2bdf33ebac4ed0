"""A batch of sources into the store: read, extract (in one process or several), save each document whole.

The reading and the writing happen in this process, in input order; only the
extraction goes to worker processes. Each document is saved in one transaction
with all its rows, so a batch killed at any moment and run again finishes the
work with nothing lost and nothing stored twice.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Literal

from casework.budget import DEFAULT_SECONDS
from casework.errors import CaseworkError, InputRejected
from casework.ingest.loader import RawInput, load_document
from casework.model import Document
from casework.nlp import load_pipeline
from casework.pipeline import DEFAULT, PipelineConfig, annotate_many, unsupported
from casework.store.database import Store
from casework.store.documents import (
    AlreadyStored,
    document_ids,
    document_transaction,
    existing_ids,
    replace_extraction,
    save_document,
)
from casework.store.documents import StoreFull as StoreFull
from casework.store.documents import load_document as load_stored
from casework.store.neardup import Signature, find_first_copy, save_signature, signature
from casework.store.resolution_mark import mark_cases_stale, mark_full_rebuild, mark_pending

Status = Literal["ingested", "near_duplicate", "duplicate", "not_extracted", "skipped"]
CHUNK = 16  # documents per task: enough for nlp.pipe to batch, small enough to lose little on a kill


@dataclass
class Outcome:
    name: str
    status: Status
    reason: str | None = None
    doc_id: str | None = None


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status == "skipped" and outcome.reason:
            self.skipped[outcome.reason.split(" (")[0]] += 1

    @property
    def failed(self) -> bool:
        return self.counts["skipped"] > 0

    def line(self) -> str:
        c = self.counts
        parts = [
            f"{c['ingested'] + c['near_duplicate']} ingested",
            f"{c['near_duplicate']} near-duplicates",
            f"{c['duplicate']} duplicates",
        ]
        if c["not_extracted"]:
            parts.append(f"{c['not_extracted']} stored without extraction")
        skipped = f"{c['skipped']} skipped"
        if self.skipped:
            skipped += " (" + "; ".join(f"{n} {r}" for r, n in self.skipped.most_common()) + ")"
        return ", ".join([*parts, skipped])


# An item travelling to a worker: a Document to extract, or an outcome already decided.
Item = Document | Outcome


def _wanted(item: Item) -> bool:
    return isinstance(item, Document) and unsupported(item) is None


def _extract_chunk(
    items: list[Item], budget: float | None = None, config: PipelineConfig = DEFAULT
) -> list[Document | InputRejected | Outcome]:
    """Annotate the chunk's documents; outcomes and unsupported documents pass through unchanged."""
    docs = [i for i in items if isinstance(i, Document) and _wanted(i)]
    try:
        done: Iterator[Document | InputRejected] = iter(annotate_many(docs, budget=budget, config=config))
    except Exception as exc:  # one bad chunk must not end the run: it is said per document
        done = iter(
            [InputRejected(str(d.meta.get("name") or d.id), f"extraction failed ({exc})") for d in docs]
        )
    return [next(done) if _wanted(i) else i for i in items]


def _on_dask(
    address: str, chunks: Iterator[list[Item]], config: PipelineConfig
) -> Iterator[list[Document | InputRejected | Outcome]]:
    """Extraction on a Dask cluster; results come back in input order, a bounded number in flight.

    Each worker process loads the spaCy model once (load_pipeline is cached per process)."""
    from collections import deque

    from distributed import Client

    with Client(address) as client:  # type: ignore[no-untyped-call]
        window = max(2, 2 * sum(client.nthreads().values()))
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(client.submit(_extract_chunk, chunk, None, config, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class WorkerDied(CaseworkError):
    """A worker process ended without giving its results back (killed, e.g. by the OOM killer)."""

    def __init__(self, names: list[str]) -> None:
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        super().__init__(
            f"a worker process died while extracting {shown or 'nothing'}; "
            "what was stored is kept, run the same command again to finish"
        )
        self.names = names


def _names(chunk: list[Item]) -> list[str]:
    return [i.name if isinstance(i, Outcome) else str(i.meta.get("name") or i.id) for i in chunk]


def _on_processes(
    workers: int, chunks: Iterator[list[Item]], budget: float | None, config: PipelineConfig
) -> Iterator[list[Document | InputRejected | Outcome]]:
    """Extraction in worker processes, results in input order, a bounded number of chunks in flight.

    A concurrent.futures pool, not multiprocessing.Pool: when a worker dies the latter waits for its
    results for ever, while this one fails the pending tasks (BrokenProcessPool), said as WorkerDied."""
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = multiprocessing.get_context("spawn")  # no fork of a process holding threads and a DB handle
    pending: deque[tuple[list[Item], Future[list[Document | InputRejected | Outcome]]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_warm_worker) as pool:
        try:
            for chunk in chunks:
                pending.append((chunk, pool.submit(_extract_chunk, chunk, budget, config)))
                if len(pending) >= 2 * workers:
                    yield pending[0][1].result()
                    pending.popleft()
            while pending:
                yield pending[0][1].result()
                pending.popleft()
        except BrokenProcessPool:
            raise WorkerDied(_names(pending[0][0]) if pending else []) from None


def _warm_worker() -> None:
    load_pipeline()  # once per worker process, not per task


def _chunks(items: Iterator[Item]) -> Iterator[list[Item]]:
    while chunk := list(islice(items, CHUNK)):
        yield chunk


class Batch:
    def __init__(
        self,
        store: Store,
        *,
        published: str | None = None,
        raw_text: bool = False,
        budget: float | None = DEFAULT_SECONDS,
        config: PipelineConfig = DEFAULT,
    ) -> None:
        self.store = store
        self.budget = budget
        self.config = config
        self.published = published
        self.raw_text = raw_text
        self.summary = Summary()
        with store.read() as conn:
            self._seen: set[str] = set(document_ids(conn))

    def _prepare(self, sources: Iterable[RawInput | InputRejected]) -> Iterator[Item]:
        """Read each source; what is already stored or cannot be read is decided here, before extraction."""
        for item in sources:
            if isinstance(item, InputRejected):
                yield Outcome(item.name, "skipped", item.reason)
                continue
            try:
                doc = load_document(item, published=self.published, raw_text=self.raw_text)
            except InputRejected as exc:
                yield Outcome(exc.name, "skipped", exc.reason)
                continue
            except CaseworkError as exc:
                yield Outcome(item.name, "skipped", str(exc))
                continue
            doc.meta["name"] = item.name
            if doc.id in self._seen:
                yield Outcome(item.name, "duplicate", "already stored", doc.id)
                continue
            self._seen.add(doc.id)
            yield doc

    def _save(self, name: str, doc: Document, skip_reason: str | None) -> Outcome:
        sig = signature(doc.text)
        try:
            return self._write(name, doc, skip_reason, sig)
        except AlreadyStored:  # another process stored it between our check and our insert
            return Outcome(name, "duplicate", "already stored", doc.id)

    def _write(self, name: str, doc: Document, skip_reason: str | None, sig: Signature) -> Outcome:
        with document_transaction(self.store, name) as conn:
            if existing_ids(conn, [doc.id]):  # another writer got there first
                return Outcome(name, "duplicate", "already stored", doc.id)
            first = find_first_copy(conn, sig)
            doc.meta.pop("name", None)
            save_document(
                conn,
                doc,
                skip_reason=skip_reason,
                near_duplicate_of=first[0] if first else None,
                similarity=round(first[1], 3) if first else None,
            )
            save_signature(conn, doc.id, sig)
            mark_cases_stale(conn)
            mark_pending(conn, doc.id)
        if skip_reason:
            return Outcome(name, "not_extracted", skip_reason, doc.id)
        return Outcome(name, "near_duplicate" if first else "ingested", None, doc.id)

    def _finish(self, result: Document | InputRejected | Outcome) -> Outcome:
        if isinstance(result, Outcome):
            return result
        if isinstance(result, InputRejected):
            return Outcome(result.name, "skipped", result.reason)
        name = str(result.meta.get("name") or result.id)
        return self._save(name, result, unsupported(result) or result.meta.pop("not_extracted", None))

    def run(
        self,
        sources: Iterable[RawInput | InputRejected],
        *,
        workers: int = 1,
        dask: str | None = None,
        on_outcome: Callable[[Outcome], None] | None = None,
    ) -> Summary:
        chunks = _chunks(self._prepare(sources))
        if dask is not None:
            self._drain(_on_dask(dask, chunks, self.config), on_outcome)
        elif workers <= 1:
            results = (_extract_chunk(chunk, self.budget, self.config) for chunk in chunks)
            self._drain(results, on_outcome)
        else:
            self._drain(_on_processes(workers, chunks, self.budget, self.config), on_outcome)
        return self.summary

    def _drain(
        self,
        results: Iterator[list[Document | InputRejected | Outcome]],
        on_outcome: Callable[[Outcome], None] | None,
    ) -> None:
        for chunk in results:
            for result in chunk:
                outcome = self._finish(result)
                self.summary.add(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)


def reextract(store: Store, ids: Iterable[str] | None = None, config: PipelineConfig = DEFAULT) -> Summary:
    """Extract stored documents again with this casework (after an upgrade of the extractors).

    The stored text is kept, so ids, offsets into it and near-duplicate links do not change;
    each document's rows are swapped in one transaction."""
    summary = Summary()
    mark_full_rebuild(store)  # changed extractions change people anywhere: only a full rebuild follows
    with store.read() as conn:
        wanted = list(ids) if ids is not None else document_ids(conn)
    for start in range(0, len(wanted), CHUNK):
        with store.read() as conn:
            docs = [d for d in (load_stored(conn, i) for i in wanted[start : start + CHUNK]) if d is not None]
        for doc in docs:
            doc.entities, doc.timexes, doc.events, doc.claims, doc.findings, doc.accounts = (
                [],
                [],
                [],
                [],
                [],
                [],
            )
        ready = [d for d in docs if unsupported(d) is None]
        for result in annotate_many(ready, config=config):
            if isinstance(result, InputRejected):
                summary.add(Outcome(result.name, "skipped", result.reason))
                continue
            with store.write() as conn:
                replace_extraction(conn, result)
                mark_cases_stale(conn)
            summary.add(Outcome(result.id, "ingested", None, result.id))
        for doc in docs:
            if unsupported(doc) is not None:
                summary.add(Outcome(doc.id, "not_extracted", unsupported(doc), doc.id))
    return summary
