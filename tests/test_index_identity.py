"""Which articles a nightly run takes for the same, for new and for gone: one article whatever
path reaches it, feed rows by id, an older store's docs adopted, and prune only what is gone."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factrack.embed import FakeEmbedder
from factrack.index import index_paths
from factrack.store import Store
from tests.support import sentence_extractor

EMB = FakeEmbedder(32)


def run(paths: list, db: Path, **kw):  # type: ignore[no-untyped-def]
    with Store.open(db, write=True) as store:
        kw.setdefault("extractor", sentence_extractor)
        return index_paths([str(p) for p in paths], store, EMB, **kw)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    (c / "sub").mkdir(parents=True)
    (c / "a.txt").write_text("قال الرئيس إن القوات ستنسحب. وأكد الوزير ذلك.", encoding="utf-8")
    (c / "b.txt").write_text("Oil prices rose. The minister denied it.", encoding="utf-8")
    (c / "sub" / "c.md").write_text("Exports fell by 20 percent.", encoding="utf-8")
    return c


def test_the_same_files_by_another_path_are_not_new(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "db"
    monkeypatch.chdir(tmp_path)
    first = run(["corpus"], db)
    (tmp_path / "link").symlink_to(corpus)
    for other in (corpus.resolve(), tmp_path / "link", "corpus/../corpus/"):
        again = run([other], db)
        assert (again.articles_added, again.changed, again.unchanged) == (0, 0, 3), other
    with Store.open(db) as store:
        assert store.count() == first.statements_added
        assert all(os.path.isabs(d) for d in store.docs())


def test_a_line_inserted_at_the_top_of_a_feed_changes_no_other_article(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": n, "text": f"Article {n} says exports fell by {n} percent."} for n in range(1, 6)]
    rows.append({"url": "https://news.example/6", "text": "Oil prices rose."})
    rows.append({"text": "A row with neither id nor URL."})
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "db"
    run([feed], db)
    with Store.open(db) as store:
        before = {s.doc: s.id for s in store.statements(store.ids().tolist())}
    feed.write_text(json.dumps({"id": 0, "text": "A new first row."}) + "\n" + feed.read_text(encoding="utf-8"),
                    encoding="utf-8")
    again = run([feed], db)
    assert (again.articles_added, again.changed, again.unchanged) == (1, 0, 7)
    with Store.open(db) as store:
        after = {s.doc: s.id for s in store.statements(store.ids().tolist())}
    assert {d: after[d] for d in before} == before  # same docs, same statement ids


def test_an_older_store_s_relative_docs_are_adopted_without_re_extraction(corpus: Path, tmp_path: Path,
                                                                          monkeypatch) -> None:
    db = tmp_path / "db"
    run([corpus], db)
    with Store.open(db, write=True) as store:  # as a store before stable identity named its docs
        ids = store.ids().tolist()
        store.rename_articles({d: os.path.relpath(d, tmp_path) for d in store.docs()})
        assert not any(os.path.isabs(d) for d in store.docs())
    monkeypatch.chdir(tmp_path)
    calls: list[str] = []

    def counting(article):  # type: ignore[no-untyped-def]
        calls.append(article.doc)
        return sentence_extractor(article)

    again = run(["corpus"], db, extractor=counting)
    assert calls == [] and again.unchanged == 3
    with Store.open(db) as store:
        assert store.ids().tolist() == ids and all(os.path.isabs(d) for d in store.docs())


def test_prune_drops_what_is_gone_and_keeps_what_could_not_be_read(corpus: Path, tmp_path: Path) -> None:
    feed = corpus / "feed.jsonl"
    feed.write_text(json.dumps({"id": 1, "text": "One."}) + "\n" + json.dumps({"id": 2, "text": "Two."}) + "\n",
                    encoding="utf-8")
    db = tmp_path / "db"
    run([corpus], db)
    (corpus / "b.txt").unlink()  # gone
    feed.write_bytes(b"\x00\x01binary now")  # unreadable as a whole: its two rows are kept
    summary = run([corpus], db, prune=True)
    assert summary.articles_pruned == 1 and summary.failed
    with Store.open(db) as store:
        names = sorted(d.rsplit("/", 1)[-1] for d in store.docs())
    assert names == ["a.txt", "c.md", "feed.jsonl#id=1", "feed.jsonl#id=2"]
    feed.write_text(json.dumps({"id": 1, "text": "One."}) + "\n", encoding="utf-8")  # row 2 removed
    assert run([corpus], db, prune=True).articles_pruned == 1


def test_prune_keeps_the_articles_of_a_folder_that_cannot_be_listed(corpus: Path, tmp_path: Path,
                                                                    monkeypatch) -> None:
    db = tmp_path / "db"
    run([corpus], db)
    real_scandir = os.scandir
    blocked = str(corpus / "sub")

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.fspath(path).rstrip("/") == blocked:
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    summary = run([corpus], db, prune=True)
    assert summary.articles_pruned == 0
    assert any("cannot read folder" in f.reason for f in summary.failed)
    with Store.open(db) as store:
        assert any(d.endswith("c.md") for d in store.docs())
