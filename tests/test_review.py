"""Review marks: stored in their own table, matched to claims and contradictions by anchors that
survive re-indexing, applied to the contradictions listing, and the ``factrack review`` CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from factrack import claims as cl
from factrack import review
from factrack.cli import app
from factrack.compare import contradictions as contra
from factrack.errors import InputError, StoreError
from factrack.records import Article, Kind, Polarity, Statement
from factrack.store import SCHEMA_VERSION, Store

DIM = 8


def vec(base: int, cosine: float = 1.0, towards: int = 7) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    t = float(np.arccos(cosine))
    v[base], v[towards] = np.cos(t), np.sin(t)
    return v


def put(store: Store, doc: str, text: str, v: np.ndarray, *, lang: str = "en", speaker: str | None = None,
        polarity: Polarity = Polarity.ASSERTS, published: str | None = None) -> int:
    st = Statement(doc=doc, text=text, start=0, end=len(text), kind=Kind.INDIRECT, lang=lang, speaker=speaker,
                   polarity=polarity)
    ids, _ = store.put_article(Article(doc=doc, text=text, source=doc.split(".")[0], published=published), [st],
                               v[None, :])
    return ids[0]


def build(store: Store) -> dict[str, int]:
    """Two contradictions: a stance one (Fathy asserts, Mansour denies) and a figure one between two claims."""
    ids = {
        "fathy": put(store, "bakery.txt", "The loaf's weight has changed", vec(5), speaker="Samir Fathy",
                     published="2026-03-01"),
        "mansour": put(store, "ministry.txt", "The loaf's weight has changed", vec(5, 0.99), speaker="Ali Mansour",
                       polarity=Polarity.DENIES, published="2026-03-02"),
        "kirby": put(store, "a.txt", "About 2,500 US troops are in Iraq", vec(0), speaker="Kirby"),
        "hussein": put(store, "b.txt", "حوالي 3500 جندي أمريكي في العراق", vec(0, 0.98, 5), lang="ar",
                       speaker="Fuad Hussein"),
    }
    cl.assign(store)
    store.put_verdicts([(ids["kirby"], ids["hussein"], "contradiction", 0.8, ["number differs: 2,500 vs 3500"], "t")])
    return ids


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "db", write=True) as s:
        s.set_model("hand-made", DIM)
        yield s


def listing(store: Store, **kw):  # type: ignore[no-untyped-def]
    return review.with_marks(contra.find_claims(store), review.Marks.load(store), **kw)


def test_schema_has_the_review_table(store: Store) -> None:
    assert SCHEMA_VERSION >= 3
    assert store.reviews() == []


def test_false_positive_hidden_confirmed_first_mark_on_the_row(store: Store) -> None:
    ids = build(store)
    rows = listing(store)
    assert [r.kind for r in rows] == ["stance", "claims"]  # strongest first when nothing is reviewed
    assert all(r.mark is None for r in rows)
    claim_of = store.claim_of(list(ids.values()))
    figure = (claim_of[ids["kirby"]], claim_of[ids["hussein"]])
    stance = (claim_of[ids["fathy"]], claim_of[ids["fathy"]])

    review.set_mark(store, "contradiction", figure[::-1], "confirmed", note="3,500 is the Iraqi figure", reviewer="Mona")
    rows = listing(store)
    assert [r.kind for r in rows] == ["claims", "stance"]  # confirmed first, whatever the score
    assert rows[0].mark.mark == "confirmed" and rows[0].mark.reviewer == "Mona"
    assert rows[0].to_dict()["review"]["note"] == "3,500 is the Iraqi figure"

    review.set_mark(store, "contradiction", stance, "false_positive", reviewer="Mona")
    assert [r.kind for r in listing(store)] == ["claims"]
    shown = listing(store, show_false_positives=True)
    assert [(r.kind, r.mark.mark) for r in shown] == [("claims", "confirmed"), ("stance", "false_positive")]
    assert [r.kind for r in listing(store, reviewed=False, show_false_positives=True)] == []
    # marking again replaces, never duplicates
    review.set_mark(store, "contradiction", figure, "needs_checking")
    assert [m.mark for m in store.reviews("contradiction")] == ["needs_checking", "false_positive"]
    assert review.clear_mark(store, "contradiction", stance) == 1
    assert [r.kind for r in listing(store)] == ["claims", "stance"]


def test_marks_survive_reindexing_a_changed_article(store: Store) -> None:
    """Re-extracting an article gives its statements new ids (and the claim a new label): the mark
    follows the doc and the words."""
    ids = build(store)
    cid = store.claim_of([ids["fathy"]])[ids["fathy"]]
    review.set_mark(store, "claim", [cid], "needs_checking", note="ask the bakery")
    review.set_mark(store, "statement", [ids["mansour"]], "confirmed")
    review.set_mark(store, "contradiction", [cid, cid], "false_positive")
    # both articles re-indexed (changed metadata), so every id of the claim is new
    new_f = put(store, "bakery.txt", "The loaf's weight has changed", vec(5), speaker="Samir Fathy", published="2026-03-05")
    new_m = put(store, "ministry.txt", "The loaf's weight has changed", vec(5, 0.99), speaker="Ali Mansour",
                polarity=Polarity.DENIES, published="2026-03-06")
    assert new_f not in ids.values() and new_m not in ids.values()
    cl.assign(store)
    marks = review.Marks.load(store)
    [claim] = cl.load_claims(store, [store.claim_of([new_f])[new_f]])
    assert claim.id != cid
    assert marks.for_claim(claim).note == "ask the bakery"
    assert marks.for_statement(store.statement(new_m)).mark == "confirmed"
    assert marks.for_statement(store.statement(new_f)) is None  # a mark on one statement is not on its twin
    assert [r.kind for r in listing(store)] == ["claims"]  # the stance pair is still a false positive


def test_a_statement_whose_words_changed_loses_its_mark(store: Store) -> None:
    ids = build(store)
    review.set_mark(store, "statement", [ids["kirby"]], "confirmed")
    new = put(store, "a.txt", "About 2,600 US troops are in Iraq", vec(0), speaker="Kirby")
    assert review.Marks.load(store).for_statement(store.statement(new)) is None
    assert len(store.reviews("statement")) == 1  # kept, listed with the text it had


def test_bad_targets_and_marks_are_refused(store: Store, tmp_path: Path) -> None:
    ids = build(store)
    with pytest.raises(InputError, match="unknown mark"):
        review.set_mark(store, "statement", [ids["kirby"]], "true")
    with pytest.raises(InputError, match="no claim #999"):
        review.set_mark(store, "claim", [999], "confirmed")
    with pytest.raises(InputError, match="2 id"):
        review.set_mark(store, "contradiction", [1], "confirmed")
    with Store.open(store.path) as reader, pytest.raises(StoreError, match="writing"):
        review.set_mark(reader, "statement", [ids["kirby"]], "confirmed")


def test_review_cli_set_list_clear_and_contradictions_listing(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store.open(db, write=True) as s:
        s.set_model("hand-made", DIM)
        ids = build(s)
        cid = s.claim_of([ids["fathy"]])[ids["fathy"]]
    runner = CliRunner()
    r = runner.invoke(app, ["review", "set", "--db", str(db), "--contradiction", str(cid), str(cid),
                            "--mark", "false_positive", "--note", "same claim, read wrong", "--reviewer", "Ali",
                            "--format", "json"])
    assert r.exit_code == 0, r.output
    [row] = json.loads(r.output)
    assert row["mark"] == "false_positive" and row["reviewer"] == "Ali" and row["refs"]["claims"] == [cid, cid]
    r = runner.invoke(app, ["contradictions", "--db", str(db), "--format", "jsonl", "--min-score", "0"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert [x["kind"] for x in rows] == ["claims"] and rows[0]["review"] is None
    r = runner.invoke(app, ["contradictions", "--db", str(db), "--format", "jsonl", "--min-score", "0",
                            "--show-false-positives"])
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert [x["review"] and x["review"]["mark"] for x in rows] == [None, "false_positive"]
    r = runner.invoke(app, ["contradictions", "--db", str(db), "--format", "table", "--min-score", "0",
                            "--show-false-positives"])
    assert "reviewed: false_positive by Ali" in r.output
    r = runner.invoke(app, ["review", "list", "--db", str(db)])
    assert r.exit_code == 0 and "false_positive" in r.output and "same claim, read wrong" in r.output
    r = runner.invoke(app, ["review", "clear", "--db", str(db), "--contradiction", str(cid), str(cid), "-f", "json"])
    assert r.exit_code == 0 and json.loads(r.output) == []
    r = runner.invoke(app, ["review", "clear", "--db", str(db), "--contradiction", str(cid), str(cid)])
    assert r.exit_code == 2 and "no review mark" in r.output
    r = runner.invoke(app, ["review", "set", "--db", str(db), "--claim", str(cid), "--mark", "nope"])
    assert r.exit_code == 2 and "unknown mark" in r.output
    r = runner.invoke(app, ["review", "list", "--db", str(tmp_path / "nothing")])
    assert r.exit_code == 4 and "no store" in r.output
