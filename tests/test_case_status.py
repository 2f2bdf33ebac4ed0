"""A case's status from its events: the order the reports tell, the state after the latest event,
the dates it is known for, disputes, death in custody, quashed convictions, unknown whereabouts."""

from __future__ import annotations

from casework.model import Case, CaseEvent, Evidence
from casework.status import assess_status, order_events


def _ev(
    kind: str,
    date: str | None,
    doc: str,
    *,
    at: int = 0,
    published: str | None = None,
    placed: str | None = None,
    by: str | None = None,
    text: str = "",
) -> CaseEvent:
    evidence = Evidence(doc, (at, at + 10), text or f"{kind} in {doc}", published, doc)
    return CaseEvent(
        kind, date, None, [], evidence, stated_by=by, placed=placed or (None if date else published)
    )


def _case(*events: CaseEvent) -> Case:
    return Case("P1", "A B", ["A B"], {}, list(events), [], [], [])


def test_undated_events_stand_at_their_reports_date_not_after_everything() -> None:
    held = _ev("detention", "2022-01-06", "a", published="2022-01-07")
    told = _ev("charge", None, "b", published="2022-01-11")
    freed = _ev("release", "2022-01-12", "c", published="2022-01-13")
    assert [e.type for e in order_events([told, freed, held])] == ["detention", "charge", "release"]
    case = _case(held, told, freed)
    assert case.status == "released" and case.since == "2022-01-12"
    assert case.current.label == "released on 2022-01-12"


def test_unknown_whereabouts_beside_custody_is_a_note_not_the_status() -> None:
    # the seed's shape: arrested (no date) and the relatives do not know where he is, in one report
    held = _ev("detention", None, "seed", at=582, by="relatives")
    lost = _ev("disappearance", None, "seed", at=664, by="relatives", published="2022-01-09")
    current = assess_status(order_events([lost, held]))
    assert current.state == "detained" and current.since is None
    assert current.notes == ["whereabouts unknown (per relatives, 9 Jan 2022)"]
    # ... and a later release wins over it, whatever the order of the reports, and answers it
    freed = _ev("release", "2022-01-10", "later", published="2022-01-13")
    after = assess_status(order_events([freed, lost, held]))
    assert after.state == "released" and after.notes == []


def test_missing_heads_the_status_only_after_the_last_custody_event() -> None:
    held = _ev("detention", "2022-01-06", "a", published="2022-01-07")
    lost = _ev("disappearance", None, "b", published="2022-02-01", by="his wife")
    current = assess_status(order_events([held, lost]))
    assert current.state == "missing" and current.by == "2022-02-01"
    assert assess_status(order_events([lost])).state == "missing"  # no custody reported at all


def test_custody_dates_and_labels() -> None:
    first = _ev("detention", "2022-01-06", "a", published="2022-01-07")
    again = _ev("detention", "2022-01-05", "b", published="2022-01-11")
    assert _case(first, again).current.label == "detained since at least 2022-01-05"
    undated = _ev("detention", None, "c", published="2022-01-11")
    assert _case(undated).current.label == "detained, by 2022-01-11"
    assert _case(_ev("detention", None, "d")).current.label == "detained (no report dates it)"
    assert _case().status == "unknown"


def test_death_in_custody_is_dead() -> None:
    sentenced = _ev("sentence", "2002", "a")
    died = _ev("killing", "2002-03", "a", at=200)
    assert _case(sentenced, died).status == "dead"
    # a death told without a date in a report that also dates a later hearing still ends the case
    hearing = _ev("trial", "2004-05-01", "b", published="2004-05-02")
    assert _case(sentenced, died, hearing).status == "dead"


def test_a_quashed_conviction_ends_sentenced() -> None:
    convicted = _ev(
        "sentence",
        "2003",
        "a",
        text="In 2003 he was found guilty of murder, but that decision was thrown out.",
    )
    charged = _ev("charge", None, "a", at=300, placed="2003")
    held = _ev("detention", None, "a", at=10, placed="2003")
    assert _case(held, convicted, charged).status == "charged"
    plain = _ev("sentence", "2003", "b", text="In 2003 he was found guilty of murder.")
    assert _case(held, plain).status == "sentenced"
    # the quashing told in a sentence of its own takes the earlier conviction with it
    quashed = _ev("sentence", "2004-04", "c", text="His conviction was quashed on appeal in April 2004.")
    assert _case(held, plain, quashed).status == "detained"


def test_sources_that_disagree_on_the_current_state_make_it_disputed() -> None:
    freed = _ev("release", "2022-01-10", "a", by="the ministry")
    held = _ev(
        "detention", "2022-01-10", "b", by="his lawyer", text="He remains in custody, his lawyer said."
    )
    current = _case(freed, held).current
    assert current.state == "disputed"
    assert sorted(s for s, _ in current.sides) == ["detained", "released"]
    assert {e.document_id for _, e in current.sides} == {"a", "b"}
    # a past arrest told by another source is the release's past, not a dispute of it
    arrested = _ev("detention", "2022-01-10", "c", by="police", text="He was arrested on 10 January.")
    assert _case(freed, arrested).status == "released"
    # two outcomes from two sources are
    deported = _ev("deportation", "2022-01-10", "d", by="border guards")
    assert _case(freed, deported).status == "disputed"
    # one source telling the arrest and the release of one day is no dispute
    same = _ev("detention", "2022-01-10", "a", by="the ministry", at=50)
    assert _case(freed, same).status == "released"


def test_days_counted_from_another_event_of_the_case() -> None:
    from casework.check.relative import date_from_other_events

    held = _ev("detention", "2022-01-06", "a")
    charged = _ev(
        "charge", None, "b", text="He was charged three days after he was detained, his lawyer said."
    )
    freed = _ev("release", None, "b", at=100, text="He was freed two weeks after his arrest.")
    alone = _ev("trial", None, "c", text="The trial opened two days after the election.")
    case = _case(held, charged, freed, alone)
    date_from_other_events(case)
    assert (charged.date, charged.anchor) == ("2022-01-09", "detention 2022-01-06")
    assert (freed.date, freed.anchor) == ("2022-01-20", "detention 2022-01-06")
    assert alone.date is None and alone.anchor is None  # an election is no event of the case
    assert case.status == "released" and case.since == "2022-01-20"


def test_the_case_checks_patterns_read_the_sentences_they_are_for() -> None:
    from casework.ontology import load_ontology

    checks = load_ontology().case_checks

    def says(kind: str, text: str) -> bool:
        return any(p.search(text) for p in checks[kind])

    for kind, yes, no in (
        ("ill_treatment_denied", ["“Nobody beat me,” he said.", "The police said no force was used.",
                                  "He had not been beaten, the ministry said."],
         ["He was beaten in custody.", "Nobody knows where he is."]),
        ("recantation", ["“What I said on camera was not true,” he said.", "He retracted his confession.",
                         "I was forced to say it."],
         ["He confessed on camera.", "He said he was paid."]),
        ("home_state_knew", ["The ministry learned of his arrest only on March 12.",
                             "It was not informed of the detention until 8 January."],
         ["The ministry summoned the ambassador."]),
        ("no_consular_access", ["Diplomats have been denied consular access.",
                                "The consul was not allowed to see him."],
         ["A consul visited him on Monday."]),
        ("still_held", ["He remains in custody in Almaty.", "She is still being held."],
         ["He was held for two days and released."]),
    ):  # fmt: skip
        assert all(says(kind, t) for t in yes), kind
        assert not any(says(kind, t) for t in no), kind


def test_support_counts_independent_groups_and_tells_a_denial_apart() -> None:
    from casework.check.support import count_support
    from casework.model import CaseClaim

    a = _ev("detention", "2022-01-06", "a")
    copy = _ev("detention", "2022-01-06", "a-copy")
    copy.evidence.source_group = "a"  # a near-duplicate of a: the same source
    b = _ev("detention", None, "b")  # an undated telling corroborates a dated one
    c = _ev("detention", "2022-02-01", "c")  # another day: not the same fact
    freed = _ev("release", "2022-01-10", "b", by="the ministry")

    def claim(doc: str, content: str) -> CaseClaim:
        return CaseClaim("Ruzahunov", content, [], Evidence(doc, (0, 5), content, None, doc))

    paid = claim("a", "someone had paid him 200 dollars to enter Kazakhstan")
    again = claim("b", "someone paid him 200 dollars to enter Kazakhstan")
    never = claim("c", "he had never been paid 200 dollars to enter Kazakhstan")
    case = _case(a, copy, b, c, freed)
    case.claims = [paid, again, never]
    count_support(case)
    assert (a.support, copy.support, b.support, c.support, freed.support) == (2, 2, 3, 2, 1)
    assert (paid.support, again.support, never.support) == (2, 2, 1)
    assert freed.to_json()["account_only"] and not a.to_json()["account_only"]


def test_a_week_or_month_that_holds_the_day_is_no_date_conflict() -> None:
    from casework.check.findings import conflicting_dates
    from casework.model import Document, Entity, Event, EventDate, Source

    def doc(first: str, second: str) -> Document:
        events = [
            Event(f"e{i}", "detention", ["p1"], [], None, EventDate(v, v), (i * 10, i * 10 + 9))
            for i, v in enumerate((first, second))
        ]
        return Document(
            "d", Source(path="x"), "x" * 30, entities=[Entity("p1", "person", "A B")], events=events
        )

    assert conflicting_dates(doc("2023-W10", "2023-03-10")) == []  # "last week" holds 10 March
    assert conflicting_dates(doc("2023-03", "2023-03-10")) == []
    assert len(conflicting_dates(doc("2023-W10", "2023-03-14"))) == 1
    assert len(conflicting_dates(doc("2023-03-09", "2023-03-10"))) == 1
