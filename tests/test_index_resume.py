"""The nightly job after a crash: a killed run keeps what it committed, and the next run does
only what is left, contradiction scoring included, ending where an uninterrupted run ends."""

from __future__ import annotations

from pathlib import Path

import pytest

from factrack.compare import contradictions, get_scorer
from factrack.embed import FakeEmbedder
from factrack.index import index_paths
from factrack.records import Article, Statement
from factrack.store import Store
from tests.support import sentence_extractor

EMB = FakeEmbedder(32)
SENTENCES = ["US forces will leave Iraq by the end of the year.", "US forces will not leave Iraq by the end of the year.",
             "حوالي 2500 عسكري أميركي في العراق.", "حوالي 3500 عسكري أميركي في العراق.",
             "The plant was shut down last week.", "The plant was not shut down last week."]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    c.mkdir()
    for n in range(40):
        (c / f"{n:02d}.txt").write_text(f"{SENTENCES[n % 6]} {SENTENCES[(n * 5 + 1) % 6]}", encoding="utf-8")
    return c


class Killed(BaseException):
    """Stands in for SIGKILL: not an Exception, so nothing on the way catches it."""


def scorer_hook(store: Store) -> contradictions.Scored:
    return contradictions.score_pending(store, get_scorer(EMB, pair_model="none"), chunk=8)


def run(corpus: Path, db: Path, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("extractor", sentence_extractor)
    kw.setdefault("score", scorer_hook)
    with Store.open(db, write=True) as store:
        return index_paths([corpus], store, EMB, **kw)


def snapshot(db: Path) -> tuple:
    """What a build ends with, independent of statement ids."""
    with Store.open(db) as store:
        sts = store.statements(store.ids().tolist())
        key = {s.id: (Path(s.doc).name, s.start, s.end) for s in sts}
        verdicts = sorted((tuple(sorted((key[a], key[b]))), rel, round(score, 4))
                          for a, b, rel, score, _, _ in store.verdicts(relation=None))
        members: dict[int, set] = {}
        for sid, claim in store.claim_of(list(key)).items():
            members.setdefault(claim, set()).add(key[sid])
        claims = sorted(sorted(v) for v in members.values())
        return sorted(key.values()), verdicts, claims, store.unscored_count(), store.check()


def test_a_run_killed_midway_keeps_its_batches_and_the_next_run_does_the_rest(corpus: Path, tmp_path: Path) -> None:
    ref = tmp_path / "ref"
    run(corpus, ref)
    done: list[str] = []

    def dies_at_article_17(article: Article) -> list[Statement]:
        if len(done) == 16:
            raise Killed
        done.append(article.doc)
        return sentence_extractor(article)

    db = tmp_path / "db"
    with pytest.raises(Killed):
        run(corpus, db, extractor=dies_at_article_17)
    with Store.open(db) as store:
        kept = store.article_count()
    assert kept >= 8, "whole batches of articles were committed before the kill"
    again = run(corpus, db)
    assert again.unchanged == kept and again.articles_added == 40 - kept
    assert snapshot(db) == snapshot(ref)


def test_a_run_killed_while_scoring_loses_no_verdict(corpus: Path, tmp_path: Path) -> None:
    ref = tmp_path / "ref"
    run(corpus, ref)
    calls = []

    class DiesOnThirdChunk:
        def __init__(self) -> None:
            self.inner = get_scorer(EMB, pair_model="none")
            self.name = self.inner.name

        def score_pairs(self, *a, **kw):  # type: ignore[no-untyped-def]
            calls.append(1)
            if len(calls) == 3:
                raise Killed
            return self.inner.score_pairs(*a, **kw)

    db = tmp_path / "db"
    with pytest.raises(Killed):
        run(corpus, db, score=lambda s: contradictions.score_pending(s, DiesOnThirdChunk(), chunk=8))  # type: ignore[arg-type]
    with Store.open(db) as store:
        left = store.unscored_count()
        assert 0 < left < store.count()
    again = run(corpus, db)
    assert again.articles_added == 0 and again.statements_scored == left
    got, want = snapshot(db), snapshot(ref)
    assert set(got[1]) - set(want[1]) == set() and set(want[1]) - set(got[1]) == set()
    assert got == want
    assert want[1] and want[2], "the corpus has verdicts to lose and claims"


def test_a_run_without_scoring_leaves_the_statements_for_the_next(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    first = run(corpus, db, score=None)
    assert first.still_to_score == first.statements_added > 0
    second = run(corpus, db)
    assert second.statements_scored == first.statements_added and second.still_to_score == 0
