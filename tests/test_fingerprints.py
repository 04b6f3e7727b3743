"""What built a store is recorded, and a changed pipeline re-does what it must: articles
extracted by another extraction fingerprint are extracted again, verdicts made by another
scorer are made again; --no-refresh keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest

import factrack.compare as compare
import factrack.index as ix
from factrack.compare import contradictions, scorer_fingerprint
from factrack.embed import FakeEmbedder
from factrack.index import extraction_fingerprint, index_paths
from factrack.store import Store
from tests.support import sentence_extractor

EMB = FakeEmbedder(32)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "a.txt").write_text("US forces will leave Iraq by the end of the year. حوالي 2500 عسكري أميركي في العراق.",
                             encoding="utf-8")
    (c / "b.txt").write_text("US forces will not leave Iraq by the end of the year. حوالي 3500 عسكري أميركي في العراق.",
                             encoding="utf-8")
    return c


def run(corpus: Path, db: Path, *, refresh: bool = True, pair_model: str | None = "none"):  # type: ignore[no-untyped-def]
    calls: list[str] = []

    def counting(article):  # type: ignore[no-untyped-def]
        calls.append(article.doc)
        return sentence_extractor(article)

    hook = ix._contradiction_hook(EMB, pair_model, refresh=refresh)
    with Store.open(db, write=True) as store:
        summary = index_paths([corpus], store, EMB, extractor=counting, score=hook, refresh=refresh)
    return summary, calls


def test_the_extraction_fingerprint_follows_the_language_tables_and_the_speaker_list(tmp_path, monkeypatch):
    base = extraction_fingerprint()
    assert base.startswith(ix.PIPELINE_VERSION + "-")
    extraction_fingerprint.cache_clear()
    monkeypatch.setenv("FACTRACK_HOME", str(tmp_path))
    (tmp_path / "speakers.json").write_text('[{"name": "Leila Nassar", "aliases": ["ليلى نصار"]}]', encoding="utf-8")
    try:
        assert extraction_fingerprint() != base
    finally:
        extraction_fingerprint.cache_clear()


def test_articles_extracted_by_another_fingerprint_are_extracted_again(corpus, tmp_path, monkeypatch):
    db = tmp_path / "db"
    run(corpus, db)
    assert run(corpus, db)[1] == []  # nothing changed, nothing extracted
    monkeypatch.setattr(ix, "extraction_fingerprint", lambda: "3-newtables")
    kept, calls = run(corpus, db, refresh=False)
    assert calls == [] and kept.unchanged == 2
    again, calls = run(corpus, db)
    assert len(calls) == 2 and again.changed == 2
    with Store.open(db) as store:
        assert set(store.article_states().values()) == {(h, "3-newtables") for h, _ in store.article_states().values()}


def test_verdicts_made_by_another_scorer_are_made_again(corpus, tmp_path, monkeypatch):
    db = tmp_path / "db"
    first, _ = run(corpus, db)
    assert first.contradictions_added > 0
    with Store.open(db) as store:
        spec, made_by = store.scoring()
        before = store.verdicts(relation=None)
    assert spec == {"pair_model": "none", "nli_model": None} and made_by == scorer_fingerprint("none")
    assert run(corpus, db)[0].statements_scored == 0  # the same scorer: nothing scored again

    monkeypatch.setattr(compare, "SCORER_VERSION", "2")  # as new weights or new scorer code would
    assert scorer_fingerprint("none") != made_by
    kept, _ = run(corpus, db, refresh=False)
    assert kept.statements_scored == 0
    again, _ = run(corpus, db, pair_model=None)  # None: the store's own scorer, "none"
    assert again.statements_scored == first.statements_scored
    with Store.open(db) as store:
        assert store.scoring()[1] == scorer_fingerprint("none") and store.unscored_count() == 0
        assert store.verdicts(relation=None) == before  # same scorer code here, so the same verdicts


def test_a_store_from_before_fingerprints_is_scored_again_once(corpus, tmp_path):
    db = tmp_path / "db"
    run(corpus, db)
    with Store.open(db, write=True) as store:
        store._conn.execute("DELETE FROM meta WHERE key='scoring'")
    with Store.open(db) as store:
        assert contradictions.needs_scoring(store)
    assert run(corpus, db)[0].statements_scored > 0
    with Store.open(db) as store:
        assert not contradictions.needs_scoring(store)
