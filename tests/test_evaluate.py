"""The scorers themselves, on small made-up data: what they count must be what they claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.evaluate.attribution import read_brat
from casework.evaluate.gold_cases import names_match
from casework.evaluate.scores import Score
from casework.evaluate.timex import read_timeml
from casework.resolve.names import name_key, same_word

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>X</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>Police <EVENT eid="e1">held</EVENT> him on <TIMEX3 tid="t1" type="DATE" value="1998-01-05">Monday</TIMEX3> for
<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> &amp; more.</TEXT></TimeML>"""


def test_timeml_offsets_point_into_the_untagged_text(tmp_path: Path) -> None:
    path = tmp_path / "x.tml"
    path.write_text(TML)
    text, dct, gold = read_timeml(path)
    assert dct == "1998-01-08"
    assert [text[g.start : g.end] for g in gold] == ["Monday", "three days"]
    assert [(g.type, g.value) for g in gold] == [("DATE", "1998-01-05"), ("DURATION", "P3D")]
    assert text.endswith("& more.")


def test_brat_roles_come_only_from_linked_attributions(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text(
        "T1\tSource 0 6\tPolice\nT2\tCue 7 11\tsaid\nT3\tContent 12 20;25 30\tthe man was\n"
        "T4\tAttribution 7 11\tsaid\nE1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\n"
        "T5\tDiscuss 40 45\tnoise\nT6\tSource 50 55\tlonely\n"
    )
    got = read_brat(ann)
    assert got.spans == {"source": {(0, 6)}, "cue": {(7, 11)}, "content": {(12, 30)}}


def test_overlap_scores_count_precision_and_recall_apart() -> None:
    score = Score()
    score.add(2, 4, 3, gold_hits=1)
    assert (score.precision, round(score.recall, 4)) == (0.5, 0.3333)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Japarov", "Zhaparov"), ("Zhaparov", "Dzhaparov"), ("Dzhaparov", "Жапаров"),
        ("Joshybaev", "Zhoshybayev"), ("Zhoshybayev", "Жошыбаев"),
        ("Ruzahunov", "Ruzakhunov"), ("Ruzakhunov", "Рузахунов"),
        ("Tokayev", "Tokaev"), ("Tokaev", "Токаев"),
    ],
)  # fmt: skip
def test_spellings_of_this_region_are_one_name(a: str, b: str) -> None:
    assert same_word(a, b) and same_word(b, a)


@pytest.mark.parametrize(
    ("a", "b"), [("Tokayev", "Tokarev"), ("Zhaparov", "Zhumabaev"), ("Токаев", "Токарев")]
)
def test_near_neighbours_stay_apart(a: str, b: str) -> None:
    assert not same_word(a, b) and not same_word(b, a)


def test_keys_fold_digraphs_and_vowel_runs() -> None:
    assert name_key("Zhaparov") == name_key("Japarov") == name_key("Жапаров")
    assert name_key("Tokayev") == name_key("Tokaev")


def test_full_names_match_by_surname_unless_first_names_clash() -> None:
    assert names_match("Sadyr Japarov", "Japarov")
    assert names_match("Sadyr Japarov", "Sadyr Zhaparov")
    assert not names_match("Sadyr Japarov", "Kamchybek Japarov")
    assert not names_match("Otis Ferry", "Bryan Ferry")


@pytest.mark.slow
def test_m2e2_scores_each_sentence_by_type_and_reads_the_zip(tmp_path: Path) -> None:
    import json
    import zipfile

    from casework.evaluate.m2e2 import MEMBER, evaluate_m2e2

    def record(sid: str, sentence: str, types: list[str]) -> dict[str, object]:
        mentions = [
            {"event_type": t, "trigger": {"start": 0, "end": 1, "text": "x"}, "arguments": []} for t in types
        ]
        return {"sentence_id": sid, "sentence": sentence, "golden-event-mentions": mentions}

    records = [
        record("a1", "Police arrested the journalist Aida Usenova in Osh on Monday.", ["Justice:Arrest-Jail"]),
        record("a2", "Thousands of people marched through Bishkek to protest against the new law.", ["Conflict:Demonstrate"]),
        record("a3", "The minister opened a new school in Naryn on Monday.", []),
        record("a4", "The court heard that the company had paid its taxes.", ["Justice:Arrest-Jail"]),
    ]  # fmt: skip
    with zipfile.ZipFile(tmp_path / "m2e2_annotations.zip", "w") as archive:
        archive.writestr(MEMBER, json.dumps(records))
    result = evaluate_m2e2(tmp_path)
    assert result["sentences"] == 4
    arrests = result["by_type"]["Justice:Arrest-Jail"]
    assert (arrests["gold"], arrests["predicted"], arrests["recall"]) == (2, 1, 0.5)
    assert result["by_type"]["Conflict:Demonstrate"]["recall"] == 1.0
    assert result["in_fold"]["events"]["gold"] + result["out_of_fold"]["events"]["gold"] == 3
