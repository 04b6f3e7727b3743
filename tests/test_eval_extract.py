"""The extraction evaluation's matching and brat parsing (scripts/eval_extract.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from factrack.records import Kind, Statement

_PATH = Path(__file__).resolve().parent.parent / "scripts" / "eval_extract.py"
_spec = importlib.util.spec_from_file_location("eval_extract", _PATH)
assert _spec and _spec.loader
ev = importlib.util.module_from_spec(_spec)
sys.modules["eval_extract"] = ev
_spec.loader.exec_module(ev)


def stmt(start: int, end: int, speaker: str | None = None, kind: Kind = Kind.DIRECT, **kw: object) -> Statement:
    return Statement(doc="d", text="x" * (end - start), start=start, end=end, kind=kind, lang="ar", speaker=speaker, **kw)


def gold(start: int, end: int, *speakers: str) -> object:
    return ev.Gold(((start, end),), "direct", speakers)


def test_overlap_must_cover_half_of_the_shorter() -> None:
    g = [gold(0, 100)]
    assert len(ev.match([stmt(60, 100)], g)) == 1  # 40 chars, fully inside
    assert len(ev.match([stmt(80, 200)], g)) == 0  # 20 of 120 and of 100: under half
    assert len(ev.match([stmt(50, 150)], g)) == 1  # exactly half of both


def test_matching_is_one_to_one_by_largest_overlap() -> None:
    golds = [gold(0, 50), gold(50, 100)]
    assert len(ev.match([stmt(0, 100)], golds)) == 1  # one prediction cannot take two gold
    pairs = ev.match([stmt(0, 60), stmt(55, 100)], golds)
    assert {(p.start, g.spans[0][0]) for p, g in pairs} == {(0, 0), (55, 50)}
    assert len(ev.match([stmt(0, 50), stmt(0, 49)], [gold(0, 50)])) == 1


def test_tally_excludes_claims_and_scores_speakers() -> None:
    t = ev.Tally()
    judge = ev.speaker_judge()
    preds = [stmt(0, 10, "جو بايدن"), stmt(20, 30, "Someone"), stmt(40, 50, kind=Kind.CLAIM), stmt(80, 90, "وزير الدفاع لويد أوستن")]
    golds = [gold(0, 10, "جو بايدن", "Joe Biden"), gold(20, 30, "Lloyd Austin"), gold(60, 70), gold(80, 90, "لويد اوستن")]
    ev.tally(t, preds, golds, judge)
    f = t.figures()
    assert (f["gold"], f["pred"], f["matched"]) == (4, 3, 3)
    assert f["precision"] == 1.0 and f["recall"] == 0.75
    assert f["speaker_acc"] == 0.333 and f["speaker_acc_loose"] == 0.667


def test_parse_ann_joins_fragments_and_links_source() -> None:
    ann = "\n".join(
        [
            "T1\tSource 0 6\tBiden",
            "T2\tCue 7 11\tsaid",
            "T3\tContent 12 20;25 30\tabcdefgh vwxyz",
            "T4\tAttribution 7 11\tsaid",
            "T5\tContent 40 45\tmore",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T5",
            "T6\tContent 50 60\tnobody",
            "T7\tAttribution-no-source 61 64\tcue",
            "E2\tAttribution-no-source:T7 Content:T6",
        ]
    )
    first, second = ev.parse_ann(ann)
    assert first.spans == ((12, 20), (25, 30), (40, 45))
    assert first.source == ((0, 6),) and first.source_text == "Biden"
    assert second.spans == ((50, 60),) and second.source == ()


def test_source_ok_by_offsets_or_text() -> None:
    g = ev.Gold(((10, 20),), "attribution", (), ((0, 5),), "Biden")
    assert ev.source_ok(stmt(10, 20, mention_start=3, mention_end=8), g) == (True, True)
    assert ev.source_ok(stmt(10, 20, mention="biden", mention_start=30, mention_end=35), g) == (True, True)
    assert ev.source_ok(stmt(10, 20, mention="President Biden", mention_start=30, mention_end=45), g) == (False, True)
    assert ev.source_ok(stmt(10, 20, mention="Austin", mention_start=30, mention_end=36), g) == (False, False)
