"""How a report is cited to a reader: its outlet (site, else its title) and date, with the id only in links.

Exports and pages cite facts as "Steppe Observer, 2023-03-15", never by a
16-hex id a colleague cannot look up; the URL goes with it when there is one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection

from casework.model import Case
from casework.store.report_rows import citations

TITLE_AS_OUTLET = 60  # a title standing in for a missing outlet name is cut to this many characters


@dataclass(frozen=True)
class ReportRef:
    id: str
    title: str | None
    site: str | None
    url: str | None
    published: str | None
    text: str | None = None  # the report's text, loaded only for exports that carry it (FtM)
    language: str | None = None

    @property
    def outlet(self) -> str:
        """The site the report comes from, else its title (shortened), else its id."""
        if self.site:
            return self.site
        if self.title:
            title = " ".join(self.title.split())
            return title if len(title) <= TITLE_AS_OUTLET else title[: TITLE_AS_OUTLET - 1].rstrip() + "…"
        return f"report {self.id[:8]}"

    @property
    def label(self) -> str:
        """Outlet and date: how a quotation is attributed."""
        return f"{self.outlet}, {self.published}" if self.published else self.outlet


def report_refs(conn: Connection, ids: Iterable[str], *, with_text: bool = False) -> dict[str, ReportRef]:
    """The citation of each report in IDS that the store holds (and its text, when asked)."""
    return {
        c.id: ReportRef(c.id, c.title, c.site, c.url, c.published, c.text, c.language)
        for c in citations(conn, ids, with_text=with_text)
    }


def cited_in(cases: Iterable[Case]) -> set[str]:
    """Every report id the cases cite (a case's sources hold each report it rests on)."""
    return {s.document_id for c in cases for s in c.sources}
