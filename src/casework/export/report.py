"""A case report to read, print and hand on: Markdown, or one standalone HTML file.

Report text is untrusted. In Markdown every punctuation mark that could start
markup (links, HTML, emphasis, tables) is backslash-escaped and line breaks are
folded; the HTML report is the browser's case page, escaped by Jinja2, with its
styles inline and a Content-Security-Policy that allows no script.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.resources import files

from casework.model import Case, Evidence
from casework.status import CUSTODY
from casework.web.templating import safe_url, templates
from casework.web.timeline import disputed_evidence, layout

# Inline markup only: every line starts with casework's own syntax, so line-start marks (#, -, +) are inert.
_MARKUP = re.compile(r"([\\`*_{}\[\]<>|~&])")


def md(text: str | None) -> str:
    """Untrusted text as inert inline Markdown: one line, every markup character escaped."""
    return _MARKUP.sub(r"\\\1", " ".join((text or "").split()))


def _anchors(case: Case) -> Callable[[Evidence], str]:
    """Links from a quotation to the report it comes from, in the list of reports cited."""
    return lambda ev: f"#{case.id}-source-{ev.document_id}"


def _cite(ev: Evidence) -> str:
    return f"“{md(ev.text)}” ({ev.document_id}{', ' + ev.published if ev.published else ''})"


def _markdown_case(case: Case) -> list[str]:
    lines = [f"# {md(case.name)}", ""]
    current = case.current
    status = f"**Status:** {md(current.label)}" + "".join(f" · {md(n)}" for n in current.notes)
    if case.where:
        status += f" · {'held' if case.status in CUSTODY else 'last held'} in {md(case.where)}"
    lines += [status + f" · {case.source_groups} independent source(s)", ""]
    lines.append("**Spellings:** " + " · ".join(md(n) for n in case.names))
    for key, values in case.profile.items():
        lines.append(f"**{key.replace('_', ' ').capitalize()}:** " + ", ".join(md(v) for v in values))
    if case.consular_days is not None:
        lines.append(
            f"**Consular clock:** {case.consular_days} days from detention to the first report that the "
            "person's own state knew or acted"
        )
    if case.consular:
        for p in (case.consular.detained, case.consular.knew, case.consular.acted):
            if p:
                day = p.day + (f" ({md(p.note)})" if p.note else "") if p.day else md(p.note or "no date")
                lines.append(f"- {md(p.what)}: {day}" + (f" — {_cite(p.evidence)}" if p.evidence else ""))
    disputed = disputed_evidence(case)
    lines += [
        "",
        "## Timeline",
        "",
        "| Date | Event | Place | According to | Sources | Evidence |",
        "|---|---|---|---|---|---|",
    ]
    for ev in case.timeline:
        when = ev.when_label + (
            " (disputed)" if (ev.evidence.document_id, ev.evidence.span) in disputed else ""
        )
        lines.append(
            f"| {md(when)} | {md(ev.type.replace('_', ' '))} | {md(ev.place)} | {md(ev.stated_by)} | "
            f"{'1 source' if ev.support < 2 else str(ev.support) + ' sources'} | {_cite(ev.evidence)} |"
        )
    lines += ["", "## Claims", ""]
    for speaker, claims in case.claims_by_speaker.items():
        lines.append(f"### {md(speaker)}")
        lines.append("")
        for c in claims:
            flags = "".join(f"\\[{md(f.replace('_', ' '))}\\] " for f in c.flags)
            support = "1 source" if c.support < 2 else f"{c.support} sources"
            lines.append(f"- {flags}({support}) {_cite(c.evidence)}")
        lines.append("")
    lines += ["## Findings", ""]
    for f in case.findings:
        lines.append(f"### {md(f.kind.replace('_', ' '))}: {md(f.message)}")
        lines.append("")
        lines.extend(
            f"- {md(f.sides[i]) + ': ' if i < len(f.sides) else ''}{_cite(ev)}"
            for i, ev in enumerate(f.evidence)
        )
        lines.append("")
    lines += ["## Sources", ""]
    for s in case.sources:
        lines.append(f"- {s.document_id}: {md(s.text)}{' (' + s.published + ')' if s.published else ''}")
    return [*lines, ""]


def markdown_report(cases: list[Case]) -> str:
    out = [f"<!-- casework case report, {datetime.now(UTC):%Y-%m-%d} -->", ""]
    for case in cases:
        out.extend(_markdown_case(case))
    return "\n".join(out)


def html_report(cases: list[Case]) -> str:
    """One HTML file, no outside resource: print it, mail it, open it offline."""
    css = (files("casework.web") / "static" / "casework.css").read_text(encoding="utf-8")
    return (
        templates()
        .get_template("report.html")
        .render(
            cases=[(c, layout(c, _anchors(c)), _anchors(c)) for c in cases],
            css=css,
            created=f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            safe_url=safe_url,
        )
    )
