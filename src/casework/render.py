"""A readable terminal view of one document's case facts.

Report text is untrusted: it is always passed to rich as plain `Text`, never
as markup, so square brackets in a report cannot restyle or hide output.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from casework.model import Document

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
