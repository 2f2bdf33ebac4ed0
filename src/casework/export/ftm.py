"""Cases as FollowTheMoney entities, the format Aleph and the OpenSanctions tools load.

Person for each case, Organization for each body that acted, Event for each
dated or undated event (proof: the report), Article for each report, Mention
for each name as a report writes it, Note for claims and findings. Every entity
is validated against the FtM schema before it is written; ids are deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from followthemoney import model
from followthemoney.proxy import EntityProxy

from casework.citations import ReportRef
from casework.model import Case, Evidence, ReviewMark
from casework.review.record import CASE_FIELDS
from casework.web.templating import safe_url

NAMESPACE = "casework"


def _entity(schema: str, *key: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id(NAMESPACE, schema, *key)
    return proxy


def _checked(proxy: EntityProxy) -> dict[str, Any]:
    data = proxy.to_dict()
    proxy.schema.validate(cast(Any, data))  # raises InvalidData naming the property
    return data


def _quote(ev: Evidence) -> str:
    return " ".join(ev.text.split())


# FtM's limit on one text value: a longer report is cut, its URL (when it has one) leads to the rest.
BODY_MAX = 65000


def ftm_entities(cases: list[Case], refs: dict[str, ReportRef] | None = None) -> Iterator[dict[str, Any]]:
    """Each entity once, as FtM JSON, in a stable order. REFS give each Article its text, publisher,
    URL and language."""
    refs = refs or {}
    seen: set[str] = set()

    def emit(proxy: EntityProxy) -> Iterator[dict[str, Any]]:
        if proxy.id and proxy.id not in seen:
            seen.add(proxy.id)
            yield _checked(proxy)

    for case in cases:
        person = _entity("Person", case.id)
        person.add("name", case.name)
        person.add("alias", [n for n in case.names if n != case.name])
        person.add("nationality", case.profile.get("nationality", []), quiet=True, fuzzy=True)
        person.add("profession", case.profile.get("occupation", []))
        person.add("ethnicity", case.profile.get("ethnicity", []))
        person.add("notes", f"status: {case.current.label}")
        person.add("notes", _case_review(case))
        # No topic: in Aleph and OpenSanctions "crime" flags the person as a criminal, and a
        # detained person is not one (many are held for their work or their words).
        yield from emit(person)

        articles: dict[str, EntityProxy] = {}
        for src in case.sources:
            article = _entity("Article", src.document_id)
            ref = refs.get(src.document_id)
            article.add("title", ref.title if ref and ref.title else src.text)
            article.add("publishedAt", src.published)
            if ref is not None:
                article.add("publisher", ref.site or ref.outlet)
                article.add("sourceUrl", safe_url(ref.url))
                article.add("bodyText", (ref.text or "")[:BODY_MAX] or None)
                article.add("language", ref.language, quiet=True, fuzzy=True)
            articles[src.document_id] = article
            yield from emit(article)
        for doc_id, written in case.mentions:
            mention = _entity("Mention", doc_id, case.id, written)
            mention.add("document", articles[doc_id].id if doc_id in articles else None)
            mention.add("resolved", person.id)
            mention.add("name", written)
            mention.add("detectedSchema", "Person")
            yield from emit(mention)

        for n, ev in enumerate(case.timeline):
            event = _entity("Event", case.id, str(n), ev.type, ev.evidence.document_id)
            event.add("name", f"{ev.type.replace('_', ' ')} of {case.name}")
            event.add("date", ev.date, quiet=True)
            event.add("location", ev.place)
            event.add("involved", person.id)
            event.add("summary", _quote(ev.evidence))
            event.add(
                "description",
                " · ".join(x for x in (ev.grounds, ev.stated_by and f"according to {ev.stated_by}") if x),
            )
            event.add(
                "proof", articles[ev.evidence.document_id].id if ev.evidence.document_id in articles else None
            )
            event.add("notes", _reviewed(ev.review))
            for agent in ev.agents:
                body = _entity("Organization", agent.casefold())
                body.add("name", agent)
                yield from emit(body)
                event.add("organizer", body.id)
            yield from emit(event)

        for n, claim in enumerate(case.claims):
            note = _entity("Note", case.id, "claim", str(n), claim.evidence.document_id)
            note.add("entity", person.id)
            note.add("name", f"claim by {claim.speaker}")
            note.add("description", _quote(claim.evidence))
            note.add("keywords", claim.flags)
            note.add("notes", _reviewed(claim.review))
            note.add(
                "proof",
                articles[claim.evidence.document_id].id if claim.evidence.document_id in articles else None,
            )
            yield from emit(note)
        for n, finding in enumerate(case.findings):
            note = _entity("Note", case.id, "finding", str(n))
            note.add("entity", person.id)
            note.add("name", finding.kind.replace("_", " "))
            note.add("description", finding.message)
            note.add(
                "proof", [articles[e.document_id].id for e in finding.evidence if e.document_id in articles]
            )
            yield from emit(note)


def _reviewed(mark: ReviewMark) -> str | None:
    """ "review: corrected by amina; date was 2024-03-04" (nothing for a fact no one reviewed)."""
    if mark.state == "extracted":
        return None
    was = "; ".join(f"{k} was {v}" for k, v in mark.original.items())
    return f"review: {mark.state} by {', '.join(mark.by)}" + (f"; {was}" if was else "")


def _case_review(case: Case) -> list[str]:
    r = case.review
    out = [f"{CASE_FIELDS.get(k, k)}: {f.text} ({f.by}, {f.at[:10]})" for k, f in r.fields.items()]
    out += [f"note ({n.by}, {n.at[:10]}): {n.text}" for n in r.notes]
    out += [f"tag: {t.text}" for t in r.tags]
    out += [f"rejected {x.fact} {x.label} ({x.reason}; {x.by})" for x in r.rejected]
    if r.status_by:
        out.append(f"status set by {r.status_by}")
    return out
