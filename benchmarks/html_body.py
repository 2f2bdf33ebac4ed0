"""Article-body extraction on the 181-page benchmark: casework's ingest next to trafilatura called directly.

The metric is the benchmark's own (described in its README): 4-token shingles
over `\\w+` tokens, per-page TP/FP/FN normalised to sum 1, precision and recall
averaged over pages, F1 of the averages.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Callable

import trafilatura
from common import CORPUS, machine, need

from casework.errors import InputRejected
from casework.ingest.loader import RawInput, load_document

_TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(len(tokens) - 3, 0)))


def page_scores(pred: str, gold: str) -> tuple[float, float]:
    p, g = shingles(pred), shingles(gold)
    if not p and not g:
        return 1.0, 1.0
    tp = sum((p & g).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    total = tp + fp + fn
    tp, fp, fn = tp / total, fp / total, fn / total
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def casework_body(html: str) -> str:
    try:
        return load_document(RawInput("page", html.encode("utf-8"), None, format="html")).text
    except InputRejected:
        return ""


def trafilatura_body(html: str) -> str:
    return trafilatura.extract(html) or ""


def evaluate(
    extract: Callable[[str], str], pages: dict[str, str], gold: dict[str, str]
) -> tuple[float, float, float]:
    ps, rs = [], []
    for key, html in pages.items():
        p, r = page_scores(extract(html), gold[key])
        ps.append(p)
        rs.append(r)
    precision, recall = sum(ps) / len(ps), sum(rs) / len(rs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    root = need(CORPUS / "html-extraction")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    gold = {k: v["articleBody"] for k, v in truth.items()}
    pages = {k: gzip.decompress((root / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8") for k in gold}
    print(f"html-extraction benchmark: {len(pages)} pages; {machine()}")
    ours = evaluate(casework_body, pages, gold)
    theirs = evaluate(trafilatura_body, pages, gold)
    for name, (p, r, f) in (("casework ingest", ours), (f"trafilatura {trafilatura.__version__}", theirs)):
        print(f"  {name:<22} F1 {f:.3f}  P {p:.3f}  R {r:.3f}")
    print(f"  casework - trafilatura: F1 {ours[2] - theirs[2]:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
