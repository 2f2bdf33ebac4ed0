"""The review queue: the facts of open cases no one has reviewed yet, most consequential first (how they
are weighed: weigh.py). Of the whole store it is read from the `review_queue` table; of one case it is
weighed from the case as it stands.
"""

from __future__ import annotations

from sqlalchemy import Connection

from casework.case_files import load_case
from casework.review.weigh import CLOSED, QueueItem, case_queue, read_queue

__all__ = ["CLOSED", "QueueItem", "case_queue", "review_queue"]


def review_queue(conn: Connection, *, case: str | None = None, limit: int | None = None) -> list[QueueItem]:
    """Unreviewed facts of open cases (or of CASE, a case id, whatever its status), most consequential first."""
    if case is None:
        return read_queue(conn, limit)
    one = load_case(conn, case)
    items = case_queue(one) if one is not None else []
    items.sort(key=lambda i: (-i.score, i.case_name, i.evidence.document_id, i.evidence.span[0]))
    return items[:limit] if limit else items
