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

from casework.citations import ReportRef
from casework.model import Case, Evidence, ReviewMark
from casework.review.record import CASE_FIELDS
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


def in_report_order(cases: list[Case]) -> list[Case]:
    """Cases as a report lists them: by name, then id, so two exports of one store read alike."""
    return sorted(cases, key=lambda c: (c.name.casefold(), c.id))


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def summary_line(case: Case) -> str:
    """One line about a case for a table of contents: status and since, where, sources, findings."""
    parts = [case.current.label]
    if case.where:
        parts.append(f"{'held' if case.status in CUSTODY else 'last held'} in {case.where}")
    parts.append(plural(case.source_groups, "independent source"))
    parts.append(plural(len(case.findings), "finding"))
    return " · ".join(parts)


def consular_line(case: Case) -> str:
    clock = case.consular
    if clock is not None and clock.days_to_act is not None:
        return f"{plural(clock.days_to_act, 'day')} from detention to the first act of the person's own state"
    if case.consular_days is not None:
        return f"{plural(case.consular_days, 'day')} from detention to the first report that the person's own state acted"
    if clock is not None and (clock.knew or clock.acted):
        return "days not counted: " + (clock.detained.note or "the detention has no date")
    return "no report yet says when the person's own state knew or acted"


class _Footnotes:
    """One numbered footnote per report cited, in the order first cited: outlet, date, title, URL."""

    def __init__(self, refs: dict[str, ReportRef]) -> None:
        self.refs = refs
        self.number: dict[str, int] = {}

    def mark(self, doc_id: str) -> str:
        return f"[^{self.number.setdefault(doc_id, len(self.number) + 1)}]"

    def attribution(self, doc_id: str, published: str | None) -> str:
        ref = self.refs.get(doc_id)
        label = ref.label if ref else (f"report {doc_id[:8]}" + (f", {published}" if published else ""))
        return f"{md(label)}{self.mark(doc_id)}"

    def lines(self) -> list[str]:
        out = []
        for doc_id, n in self.number.items():
            ref = self.refs.get(doc_id)
            parts = [md(ref.outlet) if ref else "report"]
            if ref and ref.published:
                parts.append(ref.published)
            if ref and ref.title and ref.title != ref.outlet:
                parts.append(f"“{md(ref.title)}”")
            url = safe_url(ref.url) if ref else None
            if url:
                parts.append(f"<{url}>")
            parts.append(f"casework report {doc_id}")
            out.append(f"[^{n}]: " + ", ".join(parts))
        return out


def _markdown_case(case: Case, notes: _Footnotes) -> list[str]:
    def cite(ev: Evidence) -> str:
        return f"“{md(ev.text)}” — {notes.attribution(ev.document_id, ev.published)}"

    current = case.current
    status = md(current.label) + "".join(f" · {md(n)}" for n in current.notes)
    if case.where:
        status += f" · {'held' if case.status in CUSTODY else 'last held'} in {md(case.where)}"
    lines = [f'<a id="case-{case.id}"></a>', "", f"## {md(case.name)}", ""]
    lines.append(f"- **Status:** {status}")
    lines.append(
        f"- **Sources:** {plural(case.source_groups, 'independent source')} (near-duplicates counted once)"
    )
    lines.append("- **Spellings:** " + " · ".join(md(n) for n in case.names))
    for key, values in case.profile.items():
        lines.append(f"- **{key.replace('_', ' ').capitalize()}:** " + ", ".join(md(v) for v in values))
    if case.officials:
        lines.append("- **Officials and bodies:** " + ", ".join(md(o) for o in case.officials))
    lines.append(f"- **Consular clock:** {consular_line(case)}")
    if case.consular:
        for point in (case.consular.detained, case.consular.knew, case.consular.acted):
            if point:
                day = (
                    point.day + (f" ({md(point.note)})" if point.note else "")
                    if point.day
                    else md(point.note or "no date")
                )
                lines.append(
                    f"  - {md(point.what)}: {day}" + (f" — {cite(point.evidence)}" if point.evidence else "")
                )
    lines.append(f"- **Case id:** {case.id}")
    lines += _markdown_review(case)
    disputed = disputed_evidence(case)
    lines += [
        "",
        "### Timeline",
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
            f"{plural(ev.support, 'source')}{md(_reviewed(ev.review))} | {cite(ev.evidence)} |"
        )
    lines += ["", "### Claims, by speaker", ""]
    for speaker, claims in case.claims_by_speaker.items():
        lines += [f"#### {md(speaker)}", ""]
        for c in claims:
            flags = "".join(f"\\[{md(f.replace('_', ' '))}\\] " for f in c.flags)
            lines.append(f"- {flags}({plural(c.support, 'source')}) {cite(c.evidence)}")
        lines.append("")
    if not case.claims:
        lines += ["No claim about this person.", ""]
    lines += ["### Findings", ""]
    for f in case.findings:
        lines += [f"#### {md(f.kind.replace('_', ' '))}: {md(f.message)}", ""]
        lines.extend(
            f"- {md(f.sides[i]) + ': ' if i < len(f.sides) else ''}{cite(ev)}"
            for i, ev in enumerate(f.evidence)
        )
        lines.append("")
    if not case.findings:
        lines += ["No finding.", ""]
    lines += ["### Sources", ""]
    for src in case.sources:
        lines.append(f"- {md(src.text)} — {notes.attribution(src.document_id, src.published)}")
    return [*lines, ""]


def _reviewed(mark: ReviewMark) -> str:
    """ "; corrected by amina (date was 2024-03-04)": how a fact stands, beside its sources."""
    if mark.state == "extracted":
        return ""
    was = ", ".join(f"{k} was {v}" for k, v in mark.original.items())
    return f"; {mark.state} by {', '.join(mark.by)}" + (f" ({was})" if was else "")


def _markdown_review(case: Case) -> list[str]:
    """The fields, tags and notes reviewers gave the case, each with who and when."""
    r, lines = case.review, []
    if r.status_by:
        lines.append(f"- **Status set by:** {md(r.status_by)}")
    for key, label in CASE_FIELDS.items():
        if key in r.fields:
            f = r.fields[key]
            lines.append(f"- **{label}:** {md(f.text)} ({md(f.by)}, {f.at[:10]})")
    if r.tags:
        lines.append("- **Tags:** " + ", ".join(md(t.text) for t in r.tags))
    for n in r.notes:
        lines.append(f"- **Note** ({md(n.by)}, {n.at[:10]}): {md(n.text)}")
    for x in r.rejected:
        lines.append(f"- **Rejected** {md(x.fact)} {md(x.label)} ({md(x.reason)}; {md(x.by)})")
    return lines


def markdown_report(cases: list[Case], refs: dict[str, ReportRef] | None = None) -> str:
    """A report to send a colleague: title, contents with a line per case, sections, footnoted sources."""
    cases = in_report_order(cases)
    notes = _Footnotes(refs or {})
    title = md(cases[0].name) if len(cases) == 1 else plural(len(cases), "case")
    out = [f"<!-- casework case report, {datetime.now(UTC):%Y-%m-%d} -->", "", f"# Case report: {title}", ""]
    out += [
        f"Written by casework on {datetime.now(UTC):%Y-%m-%d}. Every quotation is the sentence of the "
        "report cited; the footnotes name each report's outlet, date and address.",
        "",
    ]
    if len(cases) > 1:
        out += ["## Contents", ""]
        out += [
            f"{n}. [{md(c.name)}](#case-{c.id}): {md(summary_line(c))}" for n, c in enumerate(cases, start=1)
        ]
        out.append("")
    for case in cases:
        out.extend(_markdown_case(case, notes))
    if notes.number:
        out += ["## Reports cited", "", *notes.lines(), ""]
    return "\n".join(out)


def html_report(cases: list[Case], refs: dict[str, ReportRef] | None = None) -> str:
    """One HTML file, no outside resource: print it, mail it, open it offline."""
    css = (files("casework.web") / "static" / "casework.css").read_text(encoding="utf-8")
    cases = in_report_order(cases)
    return (
        templates()
        .get_template("report.html")
        .render(
            cases=[(c, layout(c, _anchors(c)), _anchors(c), summary_line(c)) for c in cases],
            refs=refs or {},
            css=css,
            created=f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            safe_url=safe_url,
        )
    )
