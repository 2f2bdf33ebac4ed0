"""Incremental case updates against the full rebuild, side by side on one store.

Fills a store with synthetic copies of the bundled example reports (three per generated person,
as case_queries.py does), times the full rebuild (`update_cases`: resolve everything, rebuild
every case), then stores 100 more reports (half about new people, half naming people already in
the store) and times the incremental update (`update_changed_cases`). Each step runs in a fresh
process, so its peak memory (max RSS) is its own. The add is measured at a tenth of the size
first and then at the full size: memory that stays flat as the store grows shows there.

Usage: python benchmarks/incremental.py [DOCUMENTS] [DATABASE_URL]   (default 100000, a temp SQLite file)
A PostgreSQL database given is emptied first: point it at a scratch database.
"""

from __future__ import annotations

import copy
import json
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import machine

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ADD = 100
_SYL = ["ba", "da", "ka", "ma", "na", "ra", "sa", "ta", "zha", "kho", "nur", "bek", "tur", "gul", "ay", "er"]


def _name(rng: random.Random) -> str:
    first = "".join(rng.choice(_SYL) for _ in range(2)).capitalize()
    last = "".join(rng.choice(_SYL) for _ in range(3)).capitalize() + rng.choice(["ov", "ev", "uly", "bekov"])
    return f"{first} {last}"


def _copy(doc: object, doc_id: str, name: str) -> object:
    out = copy.deepcopy(doc)
    out.id = doc_id  # type: ignore[attr-defined]
    for ent in out.entities:  # type: ignore[attr-defined]
        if ent.kind == "person" and "Osmonov" in ent.name:
            ent.name, ent.aliases = name, [name.split()[-1]]
    return out


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step_fill(url: str, base_file: str, start: int, stop: int) -> dict[str, float]:
    """Documents [start, stop) as triples about one generated person each (no update)."""
    from casework.store.database import open_store
    from casework.store.documents import save_document
    from casework.store.resolution_mark import mark_pending

    base = pickle.loads(Path(base_file).read_bytes())
    store = open_store(url)
    rng = random.Random(start)
    t0 = time.perf_counter()
    people = range(start // 3, (stop + 2) // 3)
    for k in range(0, len(people), 100):
        with store.write() as conn:
            for i in people[k : k + 100]:
                name = _name(rng)
                for j, doc in enumerate(base):
                    doc_id = f"{i:013x}{j:03x}"
                    save_document(conn, _copy(doc, doc_id, name))
                    mark_pending(conn, doc_id)
    store.close()
    return {"seconds": time.perf_counter() - t0}


def step_full(url: str) -> dict[str, float]:
    from casework.case_files import update_cases
    from casework.store.database import open_store

    store = open_store(url)
    t0 = time.perf_counter()
    cases = update_cases(store)
    seconds = time.perf_counter() - t0
    store.close()
    return {"seconds": seconds, "cases": cases, "rss_mib": _maxrss_mib()}


def step_add(url: str, base_file: str, tag: int) -> dict[str, float]:
    """ADD reports: half about new people, half naming people the store holds; then the update."""
    from sqlalchemy import select

    from casework.incremental import update_changed_cases
    from casework.store import schema as t
    from casework.store.database import open_store
    from casework.store.documents import save_document
    from casework.store.resolution_mark import mark_pending

    base = pickle.loads(Path(base_file).read_bytes())
    store = open_store(url)
    rng = random.Random(10_000 + tag)
    with store.read() as conn:
        c = t.case_summaries.c
        known = [n for n in conn.execute(select(c.name).order_by(c.case_id).limit(5000)).scalars()]
    before = _maxrss_mib()
    with store.write() as conn:
        for n in range(ADD):
            name = _name(rng) if n % 2 == 0 else rng.choice(known)
            doc_id = f"f{tag:04x}{n:08x}{n % 3:03x}"
            save_document(conn, _copy(base[n % len(base)], doc_id, name))
            mark_pending(conn, doc_id)
    t0 = time.perf_counter()
    done = update_changed_cases(store)
    seconds = time.perf_counter() - t0
    store.close()
    return {
        "seconds": seconds,
        "rebuilt": done.cases,
        "mentions": done.mentions,
        "full": float(done.full),
        "rss_mib": _maxrss_mib(),
        "rss_before_mib": before,
    }


def _child(*args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--step", *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        name, *rest = sys.argv[2:]
        steps = {"fill": lambda: step_fill(rest[0], rest[1], int(rest[2]), int(rest[3])),
                 "full": lambda: step_full(rest[0]), "add": lambda: step_add(rest[0], rest[1], int(rest[2]))}  # fmt: skip
        print(json.dumps(steps[name]()))
        return 0
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    from casework.ingest.sources import iter_sources
    from casework.pipeline import process
    from casework.store.database import database_url

    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[2] if len(sys.argv) > 2 else str(Path(tmp) / "incremental.db")
        if "://" in url:
            from sqlalchemy import create_engine

            from casework.store.schema import metadata

            engine = create_engine(database_url(url))
            metadata.drop_all(engine)
            engine.dispose()
        base = [process(raw) for raw in iter_sources([str(EXAMPLES)]) if not isinstance(raw, Exception)]
        base_file = str(Path(tmp) / "base.pickle")
        Path(base_file).write_bytes(pickle.dumps(base))
        small = max(3, (n // 10) // 3 * 3)
        dialect = "sqlite" if "://" not in url else url.split(":", 1)[0]
        print(f"incremental case updates: {dialect}; {machine()}", flush=True)
        filled = 0
        for size, tag in ((small, 1), (n, 2)):
            fill = _child("fill", url, base_file, str(filled), str(size))
            filled = size
            full = _child("full", url)
            add = _child("add", url, base_file, str(tag))
            ratio = add["seconds"] / full["seconds"] * 100
            print(
                f"  {size:>7} documents, {int(full['cases'])} cases: full rebuild {full['seconds']:.1f} s "
                f"(max RSS {full['rss_mib']:.0f} MiB); +{ADD} reports, incremental {add['seconds']:.2f} s "
                f"({int(add['rebuilt'])} cases rebuilt, max RSS {add['rss_mib']:.0f} MiB); "
                f"ratio {ratio:.2f}% (target < 2%); fill {fill['seconds']:.0f} s",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
