"""`casework eval timex`: temporal expressions against TimeML gold, scored as the TempEval-3 scorer does.

Each document's text is the content of <TEXT> with its tags removed; the
creation time (<DCT>) is the publication date the values are counted from.
Extent is scored strict (same span) and relaxed (overlapping spans); value and
type are scored over the relaxed matches: accuracy x relaxed F1.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casework.errors import InputRejected
from casework.evaluate.scores import Score, overlap
from casework.extract.timexes import value_timexes


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


def read_timeml(path: Path) -> tuple[str, str | None, list[GoldTimex]]:
    """(text, creation date, gold TIMEX3s with offsets into the text)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputRejected(str(path), f"not TimeML XML ({exc})") from None
    dct_el = root.find("DCT/TIMEX3")
    dct = (dct_el.get("value") or "")[:10] if dct_el is not None else None
    text_el = root.find("TEXT")
    if text_el is None:
        raise InputRejected(str(path), "no <TEXT> element")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    offset = 0

    def walk(el: ET.Element) -> None:
        nonlocal offset
        start = offset
        if el.text:
            parts.append(el.text)
            offset += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                offset += len(child.tail)
        if el.tag == "TIMEX3":
            gold.append(GoldTimex(start, offset, el.get("type", ""), el.get("value", "")))

    walk(text_el)
    return "".join(parts), dct, gold


def evaluate_timex(path: Path) -> dict[str, Any]:
    files = sorted(path.rglob("*.tml")) if path.is_dir() else [path]
    if not files:
        raise InputRejected(str(path), "no .tml files")
    strict, relaxed = Score(), Score()
    value_ok = type_ok = matched = 0
    for file in files:
        text, dct, gold = read_timeml(file)
        system = value_timexes(text, dct)
        strict.add(
            len({(t.start, t.end) for t in system} & {(g.start, g.end) for g in gold}), len(system), len(gold)
        )
        used: set[int] = set()
        hits = 0
        for t in system:
            for i, g in enumerate(gold):
                if i not in used and overlap((t.start, t.end), (g.start, g.end)):
                    used.add(i)
                    hits += 1
                    matched += 1
                    value_ok += (t.value or "") == g.value
                    type_ok += t.type == g.type
                    break
        relaxed.add(hits, len(system), len(gold))
    value_acc = value_ok / matched if matched else 0.0
    type_acc = type_ok / matched if matched else 0.0

    def scaled(acc: float) -> dict[str, float]:
        return {
            "precision": round(acc * relaxed.precision, 4),
            "recall": round(acc * relaxed.recall, 4),
            "f1": round(acc * relaxed.f1, 4),
            "accuracy": round(acc, 4),
        }

    return {
        "documents": len(files),
        "extent_strict": strict.to_json(),
        "extent_relaxed": relaxed.to_json(),
        "value": scaled(value_acc),
        "type": scaled(type_acc),
    }
