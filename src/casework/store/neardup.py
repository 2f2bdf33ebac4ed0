"""Near-duplicates (a story republished with small edits): MinHash signatures, LSH bands kept in the store.

The bands live in an indexed table, so finding candidates is one query however
large the store grows, and a new process needs nothing rebuilt in memory.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from sqlalchemy import Connection, func, insert, select, tuple_

from casework.store import schema as t

NUM_PERM = 128
BANDS, ROWS = 32, 4  # generous candidates (about J >= 0.42); the threshold below decides
THRESHOLD = 0.7  # estimated Jaccard of word 3-grams: wire copies with light edits score 0.8-0.95
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Signature:
    values: np.ndarray  # uint64, NUM_PERM long

    def bands(self) -> list[tuple[int, str]]:
        return [
            (b, hashlib.blake2b(self.values[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).hexdigest())
            for b in range(BANDS)
        ]

    def similarity(self, other: Signature) -> float:
        return float(np.mean(self.values == other.values))


def signature(text: str) -> Signature:
    words = _WORD.findall(text.casefold())
    shingles = [" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1))] if words else [""]
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return Signature(np.asarray(mh.hashvalues, dtype=np.uint64))


MAX_CANDIDATES = 64  # templated short reports share bands by the thousand: only the closest are compared


def candidates(conn: Connection, sig: Signature) -> list[str]:
    """Stored documents sharing a band with `sig`, those sharing the most first, at most MAX_CANDIDATES."""
    b = t.lsh_bands.c
    shared = func.count().label("shared")
    return list(
        conn.execute(
            select(b.document_id)
            .where(tuple_(b.band, b.key).in_(sig.bands()))
            .group_by(b.document_id)
            .order_by(shared.desc(), b.document_id)
            .limit(MAX_CANDIDATES)
        ).scalars()
    )


def find_first_copy(conn: Connection, sig: Signature) -> tuple[str, float] | None:
    """The earliest stored document this one nearly duplicates, with the estimated similarity."""
    found = candidates(conn, sig)
    if not found:
        return None
    d = t.documents.c
    rows = conn.execute(
        select(d.id, d.near_duplicate_of, d.ingested_at, t.minhashes.c.signature)
        .join(t.minhashes, t.minhashes.c.document_id == d.id)
        .where(d.id.in_(found))
        .order_by(d.ingested_at, d.id)
    ).all()
    for doc_id, first, _when, blob in rows:
        score = sig.similarity(Signature(np.frombuffer(blob, dtype=np.uint64)))
        if score >= THRESHOLD:
            # Link to the root of the group, so every copy points at one first copy.
            return (first or doc_id), score
    return None


def save_signature(conn: Connection, doc_id: str, sig: Signature) -> None:
    conn.execute(insert(t.minhashes).values(document_id=doc_id, signature=sig.values.tobytes()))
    conn.execute(insert(t.lsh_bands), [{"band": b, "key": k, "document_id": doc_id} for b, k in sig.bands()])
