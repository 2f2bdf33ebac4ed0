"""What review costs: a case file with and without decisions on its reports, one decision, the queue.

Fills a store with synthetic copies of the example reports (as case_queries.py does), times `load_case`
for random cases, then records a confirmation on one event of every third case and a date correction on
every tenth, and times `load_case` again, each `decide` call, and the review queue (read from its table).

Usage: python benchmarks/review_cost.py [DOCUMENTS] [DATABASE_URL]   (default 3000, a temp SQLite file)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from case_queries import EXAMPLES, _copy, _name, _p
from common import machine
from sqlalchemy import create_engine

from casework.case_files import list_cases, load_case, update_cases
from casework.ingest.sources import iter_sources
from casework.pipeline import process
from casework.review.decide import decide
from casework.review.queue import review_queue
from casework.store.database import database_url, open_store
from casework.store.documents import save_document
from casework.store.schema import metadata


def _times(store: object, ids: list[str]) -> list[float]:
    out = []
    with store.read() as conn:  # type: ignore[attr-defined]
        for case_id in ids:
            t0 = time.perf_counter()
            load_case(conn, case_id)
            out.append(time.perf_counter() - t0)
    return out


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[2] if len(sys.argv) > 2 else str(Path(tmp) / "review.db")
        if "://" in url:
            engine = create_engine(database_url(url))
            metadata.drop_all(engine)
            engine.dispose()
        base = [process(raw) for raw in iter_sources([str(EXAMPLES)]) if not isinstance(raw, Exception)]
        store = open_store(url)
        rng = random.Random(7)
        taken: set[str] = set()
        with store.write() as conn:
            for i in range((n + 2) // 3):
                name = _name(rng, taken)
                for j, doc in enumerate(base):
                    save_document(conn, _copy(doc, f"{i:013x}{j:03x}", name))
        cases = update_cases(store)
        with store.read() as conn:
            ids = [c.id for c in list_cases(conn)]
        sample = rng.sample(ids, min(200, len(ids)))
        _times(store, sample)  # warm the caches, so both timings below run warm
        before = _times(store, sample)
        decide_times: list[float] = []
        for k, case_id in enumerate(ids):
            if k % 3:
                continue
            with store.read() as conn:
                case = load_case(conn, case_id)
            assert case is not None
            event = next(e for e in case.timeline if e.date)
            t0 = time.perf_counter()
            if k % 10 == 0:
                decide(store, "bench", "correct", event.ref, field="date", value="2023-01-01")
            else:
                decide(store, "bench", "confirm", event.ref)
            decide_times.append(time.perf_counter() - t0)
        after = _times(store, sample)
        t0 = time.perf_counter()
        with store.read() as conn:
            queue = review_queue(conn, limit=100)
        queued = time.perf_counter() - t0
        store.close()
        print(f"review cost: {n} documents, {cases} cases, {len(decide_times)} decisions, "
              f"{store.engine.dialect.name}; {machine()}")  # fmt: skip
        print(f"  case file, no decisions:   p50 {_p(before, 50):.1f} ms, p95 {_p(before, 95):.1f} ms")
        print(f"  case file, with decisions: p50 {_p(after, 50):.1f} ms, p95 {_p(after, 95):.1f} ms")
        print(
            f"  one decision (and its case rows): p50 {_p(decide_times, 50):.1f} ms, p95 {_p(decide_times, 95):.1f} ms"
        )
        print(f"  review queue (from its table, {len(queue)} facts shown): {queued:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
