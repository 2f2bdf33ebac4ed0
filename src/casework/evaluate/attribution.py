"""`casework eval claims`: sources, cues and contents of attributions against PolNeAR (BRAT stand-off) gold.

What is measured is casework's attribution layer (`casework.attributions.v1`): every
attribution it finds, before the case file keeps those with an anchored speaker as claims.

One annotation file per article (the alphabetically first, as the corpus
README suggests). Each role is scored on its own, exact (same span) and
overlap (any shared character), as citron reports on PARC 3.0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casework.errors import InputRejected
from casework.evaluate.scores import Score, overlap
from casework.nlp import parse_many
from casework.pipeline import ATTRIBUTIONS, DEFAULT, ENTITIES

Span = tuple[int, int]
ROLES = ("source", "cue", "content")


@dataclass
class Attributions:
    """Spans per role; a role's spans are the union of each attribution's pieces."""

    spans: dict[str, set[Span]] = field(default_factory=lambda: {r: set() for r in ROLES})


def _pieces(offsets: str) -> list[Span]:
    out = []
    for piece in offsets.split(";"):
        start, end = piece.split()
        out.append((int(start), int(end)))
    return out


def read_brat(path: Path) -> Attributions:
    """Source/Cue/Content spans that some attribution (an E line) uses."""
    bound: dict[str, tuple[str, list[Span]]] = {}
    used: set[str] = set()
    for line in path.read_text(encoding="utf-8").split("\n"):
        cols = line.split("\t")
        if len(cols) >= 2 and re.match(r"^T\d+$", cols[0]):
            kind, _, offsets = cols[1].partition(" ")
            try:
                bound[cols[0]] = (kind, _pieces(offsets))
            except ValueError:
                raise InputRejected(str(path), f"bad offsets in {cols[0]}") from None
        elif len(cols) >= 2 and re.match(r"^E\d+$", cols[0]):
            used.update(arg.split(":", 1)[1] for arg in cols[1].split() if ":" in arg)
    out = Attributions()
    for tid in used:
        if tid in bound:
            kind, spans = bound[tid]
            role = {"Source": "source", "Cue": "cue", "Content": "content"}.get(kind)
            if role:
                # A discontinuous span counts as one, from its first to its last piece.
                out.spans[role].add((spans[0][0], spans[-1][1]))
    return out


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(overlap(span, o) for o in others)


def _articles(root: Path) -> list[tuple[Path, Path]]:
    texts = root / "text"
    anns = root / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise InputRejected(str(root), "expected text/ and attributions/ folders (PolNeAR layout)")
    pairs = []
    for text in sorted(texts.glob("*.txt")):
        candidates = sorted(anns.glob(f"{text.stem}_*.ann"))
        if candidates:
            pairs.append((text, candidates[0]))
    return pairs


def system_attributions(texts: list[str]) -> list[Attributions]:
    """casework's attribution layer (the claims before the case file's filter) on each text as given."""
    out = []
    for parsed in parse_many(texts):
        index = ENTITIES.get(DEFAULT.entities)(parsed, [])
        found = Attributions()
        for a in ATTRIBUTIONS.get(DEFAULT.attributions)(parsed, index):
            if a.source_span:
                found.spans["source"].add(a.source_span)
            found.spans["cue"].add(a.cue_span)
            # a quotation split by its cue is one content, from its first piece to its last
            found.spans["content"].add((a.content[0], a.continued[1]) if a.continued else a.content)
        out.append(found)
    return out


def evaluate_attribution(root: Path, *, limit: int | None = None) -> dict[str, Any]:
    articles = _articles(root)[:limit]
    if not articles:
        raise InputRejected(str(root), "no article has an annotation file")
    texts = [t.read_text(encoding="utf-8") for t, _ in articles]
    golds = [read_brat(a) for _, a in articles]
    systems = system_attributions(texts)
    scores = {f"{role}_{how}": Score() for role in ROLES for how in ("exact", "overlap")}
    for gold, system in zip(golds, systems, strict=True):
        for role in ROLES:
            g, s = gold.spans[role], system.spans[role]
            scores[f"{role}_exact"].add(len(g & s), len(s), len(g))
            scores[f"{role}_overlap"].add(
                sum(_overlaps(x, g) for x in s), len(s), len(g), sum(_overlaps(x, s) for x in g)
            )
    result: dict[str, Any] = {"documents": len(articles)}
    for name, score in scores.items():
        result[name] = score.to_json()
    return result
