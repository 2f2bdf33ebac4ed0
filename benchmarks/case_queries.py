"""Case queries on a large store: `casework cases` (the list) and `casework show` (one case file).

Fills a fresh store with synthetic copies of the bundled example reports (each
set of three about a different generated person), then times the list query
with filters and the case page for random cases; prints p50 and p95.

Usage: python benchmarks/case_queries.py [DOCUMENTS] [DATABASE_URL]   (default 100000, a temp SQLite file)
A PostgreSQL database given is emptied first: point it at a scratch database.
"""

from __future__ import annotations

import copy
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import machine
from sqlalchemy import create_engine

from casework.case_files import CaseFilter, list_cases, load_case, update_cases
from casework.ingest.sources import iter_sources
from casework.model import Document
from casework.pipeline import process
from casework.store.database import database_url, open_store
from casework.store.documents import save_document
from casework.store.schema import metadata

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_SYL = ["ba", "da", "ka", "ma", "na", "ra", "sa", "ta", "zha", "kho", "nur", "bek", "tur", "gul", "ay", "er"]


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        first = "".join(rng.choice(_SYL) for _ in range(2)).capitalize()
        last = "".join(rng.choice(_SYL) for _ in range(3)).capitalize() + rng.choice(
            ["ov", "ev", "uly", "bekov"]
        )
        if (name := f"{first} {last}") not in taken:
            taken.add(name)
            return name


def _copy(doc: Document, doc_id: str, name: str) -> Document:
    out = copy.deepcopy(doc)
    out.id = doc_id
    for ent in out.entities:
        if ent.kind == "person" and "Osmonov" in ent.name:
            ent.name, ent.aliases = name, [name.split()[-1]]
    return out


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000


def _web_pages(store: object, ids: list[str], rng: random.Random) -> dict[str, list[float]]:
    """The browser's pages, rendered whole through the web app (HTTP in process, no network)."""
    from fastapi.testclient import TestClient

    from casework.web.app import create_app

    times: dict[str, list[float]] = {"web: cases page (50 rows)": [], "web: case page (SVG, findings)": [],
                                     "web: report page (highlighted)": [], "web: search (name or text)": []}  # fmt: skip
    with TestClient(create_app(store)) as client:  # type: ignore[arg-type]
        for case_id in rng.sample(ids, min(100, len(ids))):
            for label, url in (
                (
                    "web: cases page (50 rows)",
                    f"/?status=detained&sort={rng.choice(['name', 'since', 'sources'])}",
                ),
                ("web: case page (SVG, findings)", f"/cases/{case_id}"),
                ("web: search (name or text)", f"/?q={rng.choice(['festival', 'photographer', 'Tashkent'])}"),
            ):
                t0 = time.perf_counter()
                assert client.get(url).status_code == 200, url
                times[label].append(time.perf_counter() - t0)
            doc_id = client.get(f"/api/cases/{case_id}").json()["sources"][0]["document"]
            t0 = time.perf_counter()
            assert client.get(f"/documents/{doc_id}").status_code == 200
            times["web: report page (highlighted)"].append(time.perf_counter() - t0)
    return times


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        url = sys.argv[2] if len(sys.argv) > 2 else str(Path(tmp) / "cases.db")
        if "://" in url:
            engine = create_engine(database_url(url))
            metadata.drop_all(engine)
            engine.dispose()
        base = [process(raw) for raw in iter_sources([str(EXAMPLES)]) if not isinstance(raw, Exception)]
        store = open_store(url)
        rng = random.Random(5)
        taken: set[str] = set()
        start = time.perf_counter()
        for k in range(0, n, 3 * 100):
            with store.write() as conn:
                for i in range(k // 3, min((k + 300) // 3, (n + 2) // 3)):
                    name = _name(rng, taken)
                    for j, doc in enumerate(base):
                        save_document(conn, _copy(doc, f"{i:013x}{j:03x}", name))
        filled = time.perf_counter() - start
        start = time.perf_counter()
        cases = update_cases(store)
        summarised = time.perf_counter() - start
        print(f"case queries: {n} documents, {cases} cases, {store.engine.dialect.name}; {machine()}")
        print(f"  fill {filled:.0f} s, resolve and summarise {summarised:.0f} s")
        list_times, show_times = [], []
        with store.read() as conn:
            ids = [c.id for c in list_cases(conn)]
            for _ in range(200):
                t0 = time.perf_counter()
                where = CaseFilter(
                    status=rng.choice(["detained", None]),
                    country=rng.choice(["Kyrgyzstan", None]),
                    since=rng.choice(["2023-03-01", None]),
                )
                list_cases(conn, where, limit=50)
                list_times.append(time.perf_counter() - t0)
            for case_id in rng.sample(ids, min(200, len(ids))):
                t0 = time.perf_counter()
                load_case(conn, case_id)
                show_times.append(time.perf_counter() - t0)
        pages = _web_pages(store, ids, rng)
        store.close()
        print(
            f"  cases list (filters, 50 rows): p50 {_p(list_times, 50):.1f} ms, p95 {_p(list_times, 95):.1f} ms"
        )
        print(
            f"  case page (one case file):     p50 {_p(show_times, 50):.1f} ms, p95 {_p(show_times, 95):.1f} ms"
        )
        for label, times in pages.items():
            print(f"  {label:<31}p50 {_p(times, 50):.1f} ms, p95 {_p(times, 95):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
