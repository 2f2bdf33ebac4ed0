"""Pure layout for the pages: the SVG timeline and the marked-up report text."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from casework.model import Case, CaseEvent, CaseFinding, Document, Entity, Evidence, Source, Timex
from casework.web.highlight import pieces
from casework.web.timeline import LABEL_GAP, event_day, layout


def _event(kind: str, date: str | None, doc: str, start: int = 0) -> CaseEvent:
    return CaseEvent(kind, date, None, [], Evidence(doc, (start, start + 10), f"sentence {doc}"))


def _case(events: list[CaseEvent], findings: list[CaseFinding] | None = None) -> Case:
    return Case("P1", "A B", ["A B"], {}, events, [], [], [], findings=findings or [])


def test_marks_sit_on_the_axis_in_date_order_and_link_to_their_evidence() -> None:
    events = [
        _event("detention", "2023-03-09", "d1"),
        _event("release", "2023-06-01", "d2"),
        _event("trial", None, "d3"),
    ]
    tl = layout(_case(events), lambda ev: f"#{ev.document_id}")
    xs = {m.type: m.x for m in tl.marks}
    assert tl.left <= xs["detention"] < xs["release"] <= tl.right
    assert [m.href for m in tl.marks] == ["#d1", "#d2"]
    assert [(e.type, href) for e, href in tl.undated] == [("trial", "#d3")]
    for span in (["2023-03-01", "2023-03-04"], ["2023-03-09", "2023-06-01"], ["2020-01-01", "2023-12-31"],
                 ["1990-05-01", "2024-01-01"]):  # fmt: skip
        ticks = layout(_case([_event("detention", d, "d") for d in span]), lambda ev: "#").ticks
        xs = [x for x, _ in ticks]
        assert 2 <= len(xs) <= 8 and all(b - a >= 70 for a, b in itertools.pairwise(xs)), (span, ticks)


def test_disputed_dates_are_marked_and_joined_and_same_day_marks_do_not_hide_each_other() -> None:
    a, b, copy = (
        _event("detention", "2023-03-09", "d1"),
        _event("detention", "2023-03-10", "d2"),
        _event("detention", "2023-03-09", "d3"),
    )
    conflict = CaseFinding("date_conflict", "dated differently", [a.evidence, b.evidence])
    tl = layout(_case([a, b, copy], [conflict]), lambda ev: "#")
    assert all(m.disputed for m in tl.marks)  # the copy states the same disputed date
    assert len(tl.disputes) == 1 and tl.disputes[0][0] < tl.disputes[0][1]
    same_day = [(m.x, m.y) for m in tl.marks if m.date == "2023-03-09"]
    assert len(set(same_day)) == 2


def test_partial_dates_land_on_their_first_day() -> None:
    assert str(event_day("2023-03")) == "2023-03-01" and str(event_day("2023")) == "2023-01-01"
    assert event_day("XXXX-03-09") is None and event_day(None) is None and event_day("2023-02-30") is None


@given(
    st.text(min_size=1, max_size=200),
    st.lists(st.tuples(st.integers(0, 220), st.integers(0, 220)), max_size=12),
)
def test_pieces_give_back_the_text_exactly(text: str, spans: list[tuple[int, int]]) -> None:
    doc = Document("d", Source(), text)
    doc.entities = [Entity("e1", "person", "X", mentions=[(a, b) for a, b in spans[:6]])]
    doc.timexes = [Timex(a, b, "t", "DATE", None, "none") for a, b in spans[6:]]
    out = pieces(doc, spans[0] if spans else None)
    assert "".join(p.text for p in out) == text
    for p in out:
        assert p.text and (not p.classes or p.notes)


def test_timeline_labels_do_not_overlap_and_name_the_years_at_their_january() -> None:
    a, b = _event("detention", "2023-03-09", "d1"), _event("detention", "2023-03-10", "d2")
    conflict = CaseFinding("date_conflict", "dated differently", [a.evidence, b.evidence])
    tl = layout(_case([a, b], [conflict]), lambda ev: "#")
    left, right = sorted(tl.marks, key=lambda m: m.x)
    # side by side: one label ends at its mark, the other starts at its own, so they cannot cross
    assert (left.label_anchor, right.label_anchor) == ("end", "start") and left.label_x < right.label_x
    assert right.label_x - left.label_x >= 2 * LABEL_GAP  # a gap between them: "09?  10?", never "09?10?"
    # a span of years: each year's label at its 1 January, the last event's year named too
    events = [_event("detention", "2002-03", "d1"), _event("release", "2022-01-10", "d2")]
    tl = layout(_case(events), lambda ev: "#")
    labels = [text for _, text in tl.ticks]
    assert "2022" in labels and all(len(t) == 4 for t in labels)
    day = {m.date: m for m in tl.marks}
    x2022 = next(x for x, text in tl.ticks if text == "2022")
    assert day["2022-01-10"].x >= x2022  # January 2022 is right of "2022", not read as 2021
    # a month-only date is drawn as its month, a day as a point
    assert day["2002-03"].x2 is not None and day["2002-03"].x2 > day["2002-03"].x
    assert day["2022-01-10"].x2 is None
    # the last tick label near the right edge ends at its tick instead of running off the drawing
    short = layout(_case([_event("detention", "2023-03-01", "d"), _event("release", "2023-03-20", "e")]),
                   lambda ev: "#")  # fmt: skip
    for (x, _), anchor in zip(short.ticks, short.anchors, strict=True):
        assert (x + 32 <= short.width) or anchor == "end"
