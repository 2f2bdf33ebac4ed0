"""A user's own judgements on who is who: merge two people, split mentions off one.

Shared by the CLI (`casework merge`, `casework split`) and the web browser's
write actions; both then rebuild the cases so every view agrees at once.
"""

from __future__ import annotations

from sqlalchemy import Connection

from casework.errors import BadRequest, NotFound
from casework.flow import update_cases
from casework.lookup import one_case
from casework.review.judgement_log import judgement_change, user_judgement_rows
from casework.store.database import Store
from casework.store.people import (
    add_user_judgement,
    entity_exists,
    forget_splits,
    mentions_of_person,
    person_of_mention,
)


class UnknownReference(NotFound):
    """A person or mention the store does not hold."""


def merge_people(store: Store, first: str, second: str, *, reviewer: str | None = None) -> int:
    """FIRST and SECOND (person ids, id prefixes, names, or mentions as DOCUMENT:ENTITY) are one person
    from now on. Logged as a decision (returned) that `casework undo` can take back."""
    from casework.review.decide import log_decision
    from casework.review.users import local_reviewer

    with store.write() as conn:
        before = user_judgement_rows(conn)
        left, right = _mention_of(conn, first), _mention_of(conn, second)
        if (person_of_mention(conn, left) or left) == (person_of_mention(conn, right) or right):
            raise BadRequest(f"{first} and {second} are one person already: nothing to merge")
        sides = _cluster_of(conn, left), _cluster_of(conn, right)
        forget_splits(conn, *sides)
        add_user_judgement(conn, left, right, "same")
        payload = {"refs": [first, second], "mentions": sorted({*sides[0], *sides[1]})}
        payload |= judgement_change(before, user_judgement_rows(conn))
        decision = log_decision(
            conn, "merge", person_of_mention(conn, left), payload, reviewer or local_reviewer()
        )
    update_cases(store)
    return decision


def split_person(store: Store, person: str, mentions: list[str], *, reviewer: str | None = None) -> int:
    """MENTIONS (DOCUMENT:ENTITY) are not PERSON: they are kept apart from now on. Logged as a decision
    (returned) that `casework undo` can take back."""
    from casework.review.decide import log_decision
    from casework.review.users import local_reviewer

    with store.write() as conn:
        before = user_judgement_rows(conn)
        person = _person_of(conn, person)
        keys = mentions_of_person(conn, person)
        if not keys:
            raise UnknownReference(f"no person {person!r} in the store")
        for mention in mentions:
            if mention not in keys:
                raise UnknownReference(f"{mention} is not a mention of {person}")
        rest = [k for k in keys if k not in mentions]
        for mention in mentions:
            for other in rest:
                add_user_judgement(conn, other, mention, "different")
        payload = {"refs": [person, *mentions], "mentions": keys}
        payload |= judgement_change(before, user_judgement_rows(conn))
        decision = log_decision(conn, "split", person, payload, reviewer or local_reviewer())
    update_cases(store)
    return decision


def _cluster_of(conn: Connection, mention: str) -> list[str]:
    pid = person_of_mention(conn, mention)
    return mentions_of_person(conn, pid) if pid else [mention]


def _mention_of(conn: Connection, ref: str) -> str:
    if ":" in ref:
        doc_id, _, ent_id = ref.partition(":")
        if not entity_exists(conn, doc_id, ent_id):
            raise UnknownReference(f"no mention {ref!r} in the store")
        return ref
    keys = mentions_of_person(conn, _person_of(conn, ref))
    if not keys:
        raise UnknownReference(f"no person {ref!r} in the store")
    return keys[0]


def _person_of(conn: Connection, ref: str) -> str:
    """A person id as given, else the one person an id prefix or a name means (see lookup.py)."""
    if mentions_of_person(conn, ref):
        return ref
    try:
        return one_case(conn, ref, cases_only=False)
    except NotFound:
        raise UnknownReference(f"no person {ref!r} in the store") from None
