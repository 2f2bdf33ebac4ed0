"""Run every evaluation on the shared corpus; print each measure next to its pin and its floor.

python tools/quality.py            # what `make eval` runs
python tools/quality.py --pin      # also raise the pins to what was measured (never lowers one)
"""

from __future__ import annotations

import json
import sys
import time
from importlib.resources import files
from pathlib import Path

from casework.evaluate.run import CORPUS_PATHS, FLOORS, KINDS, LOWER_IS_BETTER, load_pins, measure, meets

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
PINNED_MEASURES = {
    "timex": ["extent_strict.f1", "extent_relaxed.f1", "value.f1", "type.f1"],
    "claims": [f"{r}_{h}.f1" for r in ("source", "cue", "content") for h in ("exact", "overlap")],
    "names": [
        "names_unseen.recall",
        "names_unseen.false_match_rate",
        "names.recall",
        "names.false_match_rate",
    ],
    "cases": [
        f"out_of_fold.{m}"
        for m in (
            "persons.f1",
            "events.f1",
            "claims.f1",
            "case_people.precision",
            "case_people.recall",
            "case_status.accuracy",
            "negative_detention_events",
        )
    ]
    # dates: over all 59 articles (out of fold only three matched events have a gold date)
    + ["event_dates.accuracy", "negative_detention_events"],
    "kairos": [f"out_of_fold.{m}" for m in ("events.f1", "with_participant.recall")],
    "m2e2": [f"out_of_fold.events.{m}" for m in ("f1", "recall")],
}
# Printed beside an out-of-fold measure: the same measure on the articles the rules were written on.
IN_FOLD = ("out_of_fold.", "in_fold.")


def main(pin: bool) -> int:
    pins = load_pins()
    new_pins: dict[str, dict[str, float]] = {k: dict(v) for k, v in pins.items()}
    short = 0
    for kind, evaluate in KINDS.items():
        path = CORPUS / CORPUS_PATHS[kind]
        if not path.exists():
            print(f"{kind}: skipped, {path} not found")
            continue
        start = time.perf_counter()
        result = evaluate(path)
        print(f"{kind} ({path.relative_to(CORPUS)}, {time.perf_counter() - start:.1f} s)")
        for name in PINNED_MEASURES[kind]:
            value = measure(result, name)
            pinned = pins.get(kind, {}).get(name)
            floor = FLOORS[kind].get(name)
            status = "" if floor is None else ("meets floor" if meets(name, value, floor) else "BELOW FLOOR")
            short += status == "BELOW FLOOR"
            beside = ""
            if name.startswith(IN_FOLD[0]):
                beside = f"   in-fold {measure(result, name.replace(*IN_FOLD, 1)):.4f}"
            print(
                f"  {name:<40} {value:8.4f}{beside}   pinned {'-' if pinned is None else f'{pinned:.4f}':>7}"
                f"   floor {'-' if floor is None else floor:>5}   {status}"
            )
            better = pinned is None or (
                value < pinned if name.rsplit(".", 1)[-1] in LOWER_IS_BETTER else value > pinned
            )
            if better:
                new_pins.setdefault(kind, {})[name] = value
    if pin:
        target = Path(str(files("casework").joinpath("data", "quality_pins.json")))
        data = json.loads(target.read_text(encoding="utf-8"))
        data["pins"] = new_pins
        target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"pins written to {target}")
    print(f"{short} measures below their floor")
    return 0


if __name__ == "__main__":
    sys.exit(main("--pin" in sys.argv[1:]))
