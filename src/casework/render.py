"""A readable terminal view of one document's case facts.

Report text is untrusted: it is always passed to rich as plain `Text`, never
as markup, so square brackets in a report cannot restyle or hide output.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from casework.model import Case, CaseClaim, Document, ReviewMark
from casework.status import CUSTODY

_EXCERPT = 160


def _excerpt(text: str, span: tuple[int, int]) -> str:
    s = " ".join(text[span[0] : span[1]].split())
    return s if len(s) <= _EXCERPT else s[: _EXCERPT - 1] + "…"


def render_document(doc: Document, console: Console) -> None:
    name = {e.id: e.name for e in doc.entities}
    head = Text(doc.title or doc.source.path or doc.id, style="bold")
    console.rule(head)
    meta = [f"id {doc.id}", f"format {doc.source.format}"]
    if doc.byline:
        meta.append("by " + ", ".join(doc.byline))
    if doc.published:
        meta.append(f"published {doc.published}")
    console.print(Text(" · ".join(meta), style="dim"))

    people = Table(title="Entities", show_lines=False, title_justify="left")
    for col in ("id", "kind", "name", "also written", "attributes"):
        people.add_column(col)
    for e in doc.entities:
        attrs = "; ".join(f"{k}: {v}" for k, v in e.attributes.items() if k != "head")
        people.add_row(e.id, e.kind, Text(e.name), Text(", ".join(e.aliases)), Text(attrs))
    console.print(people)

    console.print(Text("Events", style="bold"))
    for ev in doc.events:
        who = ", ".join(name.get(s, s) for s in ev.subject) or "-"
        bits = [f"{ev.id} {ev.type}", who]
        if ev.date:
            bits.append(f"{ev.date.value or '?'} (\u201c{ev.date.text}\u201d)")
        if ev.place:
            bits.append(f"in {ev.place}")
        if ev.agent:
            bits.append("by " + ", ".join(name.get(a, a) for a in ev.agent))
        if ev.source:
            bits.append(f"according to {name.get(ev.source, ev.source)}")
        console.print(Text("  " + " · ".join(bits)))
        console.print(Text(f"      \u201c{_excerpt(doc.text, ev.sentence)}\u201d", style="dim"))
    console.print(Text("Claims", style="bold"))
    for c in doc.claims:
        flags = f" [{', '.join(c.flags)}]" if c.flags else ""
        speaker = name.get(c.speaker or "", c.speaker_text)
        console.print(Text(f"  {c.id} {speaker} \u2014 {c.cue}{flags}"))
        console.print(Text(f"      \u201c{_excerpt(doc.text, c.span)}\u201d", style="dim"))
    if doc.timexes:
        dates = ", ".join(f"{t.text} → {t.value or '?'} [{t.anchor}]" for t in doc.timexes)
        console.print(Text("Dates: ", style="bold") + Text(dates))
    if doc.findings:
        console.print(Text("Findings", style="bold red"))
        for f in doc.findings:
            console.print(Text(f"  • {f.kind}: ") + Text(f.message))
    console.print()


def _short(text: str) -> str:
    s = " ".join(text.split())
    return s if len(s) <= _EXCERPT else s[: _EXCERPT - 1] + "…"


def _support(groups: int, account_of: str | None) -> str:
    """ "1 source" facts apart from corroborated ones, and whose account a fact is."""
    said = f"{groups} sources" if groups > 1 else "1 source"
    return said + (f", {account_of}'s account" if account_of else "")


def _mark(review: ReviewMark) -> str:
    """ "; corrected by amina (date was 2024-03-04)" beside a reviewed fact."""
    if review.state == "extracted":
        return ""
    was = ", ".join(f"{k} was {v}" for k, v in review.original.items())
    return f"; {review.state} by {', '.join(review.by)}" + (f" ({was})" if was else "")


def _review_lines(case: Case) -> list[str]:
    r = case.review
    out = [f"{k.replace('_', ' ')}: {f.text} (by {f.by})" for k, f in r.fields.items()]
    if r.status_by:
        out.append(f"status set by {r.status_by}")
    if r.tags:
        out.append("tags: " + ", ".join(t.text for t in r.tags))
    out += [f"note by {n.by}, {n.at[:10]}: {n.text}" for n in r.notes]
    if r.rejected:  # hidden from the case; the history lists each with its reason
        out.append(
            f"{len(r.rejected)} fact(s) rejected by reviewers (`casework history {case.id}` lists them)"
        )
    return out


def render_case(case: Case, console: Console) -> None:
    """The case file: profile, timeline, claims by speaker, findings with evidence, sources."""
    current = case.current
    console.rule(Text(f"{case.name} · {current.label}", style="bold"))
    meta = [f"case {case.id}", f"{case.source_groups} independent sources", *current.notes]
    if case.where:
        meta.append(f"{'held' if case.status in CUSTODY else 'last held'} in {case.where}")
    console.print(Text(" · ".join(meta), style="dim"))
    if case.consular:
        clock = case.consular
        lines = [
            f"consular clock · {p.what}: {p.day or p.note or 'no date'}"
            + (f" ({p.note})" if p.day and p.note else "")
            + (f" — {_short(p.evidence.text)} [{p.evidence.document_id[:8]}]" if p.evidence else "")
            for p in (clock.detained, clock.knew, clock.acted)
            if p
        ]
        if case.consular_days is not None:
            lines.append(
                f"consular clock · {case.consular_days} days from detention to the first that the home state knew or acted"
            )
        console.print(Text("\n".join(lines)))
    profile = [f"also written: {', '.join(n for n in case.names if n != case.name) or '-'}"]
    profile += [f"{k}: {', '.join(v)}" for k, v in case.profile.items() if v]
    if case.officials:
        profile.append(f"officials and institutions: {', '.join(case.officials)}")
    profile += _review_lines(case)
    console.print(Text("\n".join(profile)))

    timeline = Table(title="Timeline", title_justify="left")
    for col in ("date", "event", "place", "who says", "sources", "evidence"):
        timeline.add_column(col, overflow="fold")
    for ev in case.timeline:
        when = ev.when_label
        timeline.add_row(
            Text(when), Text(ev.type), Text(ev.place or ""), Text(ev.stated_by or "the report"),
            Text(_support(ev.support, ev.stated_by) + _mark(ev.review)),
            Text(f"{_short(ev.evidence.text)} [{ev.evidence.document_id[:8]}]"),
        )  # fmt: skip
    console.print(timeline)

    by_speaker: dict[str, list[CaseClaim]] = {}
    for c in case.claims:
        by_speaker.setdefault(c.speaker, []).append(c)
    claims = Table(title="Claims by speaker", title_justify="left")
    for col in ("speaker", "says", "flags", "source"):
        claims.add_column(col, overflow="fold")
    for speaker, items in by_speaker.items():
        for c in items:
            claims.add_row(
                Text(speaker),
                Text(_short(c.content)),
                Text(", ".join(c.flags) + _mark(c.review)),
                Text(c.evidence.document_id[:8]),
            )
    console.print(claims)

    findings = Table(title="Findings", title_justify="left")
    for col in ("finding", "what", "evidence"):
        findings.add_column(col, overflow="fold")
    for f in case.findings:
        evidence = "\n".join(
            f"[{e.document_id[:8]}] {(f.sides[i] + ': ') if i < len(f.sides) else ''}{_short(e.text)}"
            for i, e in enumerate(f.evidence)
        )
        findings.add_row(Text(f.kind), Text(f.message), Text(evidence))
    console.print(findings)

    sources = Table(title="Sources", title_justify="left")
    for col in ("document", "published", "title", "copy of"):
        sources.add_column(col, overflow="fold")
    for s in case.sources:
        copy = s.source_group[:8] if s.source_group != s.document_id else ""
        sources.add_row(Text(s.document_id), Text(s.published or ""), Text(s.text), Text(copy))
    console.print(sources)
