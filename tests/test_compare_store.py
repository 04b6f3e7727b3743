"""Store-wide contradictions: candidate pairs, incremental scoring, listing."""

from __future__ import annotations

from pathlib import Path

import pytest

from factrack.compare import CueScorer, get_scorer
from factrack.compare import contradictions as contra
from factrack.store import Store
from tests.support import index_line_claims as index


class CountingScorer(CueScorer):
    """The rule scorer, recording every pair it is asked to score."""

    def __init__(self) -> None:
        super().__init__(None, None)
        self.seen: list[tuple[str, str]] = []

    def score_pairs(self, pairs, vectors=None, *, floor=None):  # type: ignore[no-untyped-def]
        self.seen.extend(pairs)
        assert vectors is not None, "stored statements must be scored from stored vectors"
        return super().score_pairs(pairs, vectors)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "a.txt").write_text(
        "US forces will leave Iraq by the end of the year\nحوالي 2500 عسكري أميركي في العراق\n"
        "US forces will leave Iraq by the end of the year\n", encoding="utf-8")
    (c / "b.txt").write_text("US forces will not leave Iraq by the end of the year\nThe football team won the cup\nwill not leave\n",
                             encoding="utf-8")
    return c


def test_update_scores_only_pairs_with_new_statements(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    first = CountingScorer()
    index(corpus, db, score=lambda store: contra.score_pending(store, first))
    assert first.seen, "the first run scores pairs"
    # identical statements of one article are never compared with each other, nor fragments
    assert all(not (a == b) for a, b in first.seen)
    assert not any("will not leave" in (a, b) for a, b in first.seen)
    with Store.open(db) as store:
        found = contra.find(store)
    assert found and found[0].score > 0
    texts = {found[0].a.text, found[0].b.text}
    assert texts == {"US forces will leave Iraq by the end of the year", "US forces will not leave Iraq by the end of the year"}
    assert any(r.startswith("negation flipped") for r in found[0].reasons)

    # a new article: only pairs involving its statements are scored
    (corpus / "c.txt").write_text("حوالي 3500 عسكري أميركي في العراق\n", encoding="utf-8")
    second = CountingScorer()
    index(corpus, db, score=lambda store: contra.score_pending(store, second))
    assert second.seen and all("3500" in a or "3500" in b for a, b in second.seen)
    with Store.open(db) as store:
        reasons = [r for c in contra.find(store) for r in c.reasons]
        assert "number differs: 2500 vs 3500 (troops)" in reasons
        # filters
        assert contra.find(store, limit=1) == contra.find(store)[:1]
        assert contra.find(store, min_score=1.01) == []
        assert contra.find(store, speaker="nobody at all") == []

    # an unchanged run adds nothing and scores nothing
    third = CountingScorer()
    index(corpus, db, score=lambda store: contra.score_pending(store, third))
    assert third.seen == []


def test_candidate_pairs_involve_given_ids(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    index(corpus, db)
    with Store.open(db) as store:
        ids = contra.all_ids(store)
        pairs = contra.candidate_pairs(store, ids[:1])
        assert pairs and all(ids[0] in p and p[0] < p[1] for p in pairs)


def test_run_contradictions_scores_a_store_that_has_none(corpus: Path, tmp_path: Path) -> None:
    from factrack.commands.compare import run_contradictions

    db = tmp_path / "db"
    index(corpus, db)
    with Store.open(db) as store:
        assert not contra.has_verdicts(store)
    found = run_contradictions(db=db, statements=True)
    assert found and all(c.scorer == get_scorer(None).name for c in found)
    assert run_contradictions(db=db)  # the same verdicts, listed by claim
    with Store.open(db) as store:
        assert contra.has_verdicts(store)
