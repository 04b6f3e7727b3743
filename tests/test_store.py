"""The store: records round-trip, FAISS and SQLite agree, crashes and mismatches are repaired."""

from __future__ import annotations

import numpy as np
import pytest

from factrack.embed import FakeEmbedder
from factrack.errors import LockedError, StoreError
from factrack.records import Article, Kind, Polarity, Statement
from factrack.store import DB_NAME, SearchFilter, Store, fts_query, ivf_nprobe
from factrack.store.vectors import centre

EMB = FakeEmbedder(32)


def make_article(doc: str, sentences: list[str], **meta: str) -> tuple[Article, list[Statement]]:
    text = " ".join(sentences)
    statements, pos = [], 0
    for s in sentences:
        start = text.index(s, pos)
        pos = start + len(s)
        statements.append(Statement(doc=doc, text=s, start=start, end=pos, kind=Kind.CLAIM, lang="ar" if
                                    any("\u0600" <= c <= "\u06ff" for c in s) else "en",
                                    speaker=meta.get("speaker"), sentence_start=start, sentence_end=pos))
    article = Article(doc=doc, text=text, **{k: v for k, v in meta.items() if k != "speaker"})
    return article, statements


def put(store: Store, doc: str, sentences: list[str], **meta: str) -> list[int]:
    article, statements = make_article(doc, sentences, **meta)
    if store.model() is None:
        store.set_model(EMB.name, EMB.dim)
    ids, _ = store.put_article(article, statements, EMB.embed([s.text for s in statements]))
    return ids


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "db", write=True) as s:
        yield s


def test_round_trip_keeps_statement_fields_and_article_metadata(store):
    ids = put(store, "a.txt", ["قال الرئيس إن القوات ستنسحب.", "The army will leave."],
              title="T", source="Reuters", published="2021-07-26", speaker="Joe Biden")
    got = store.statements(ids[::-1])
    assert [g.id for g in got] == ids[::-1]
    assert got[1].text == "قال الرئيس إن القوات ستنسحب." and got[1].kind is Kind.CLAIM
    assert got[1].source == "Reuters" and got[1].published == "2021-07-26" and got[1].speaker == "Joe Biden"
    assert got[1].sentence == got[1].text
    assert got[0].statement.to_dict()["text"] == "The army will leave."
    np.testing.assert_allclose(store.vectors(ids), EMB.embed(["قال الرئيس إن القوات ستنسحب.", "The army will leave."]))
    assert store.count() == 2 and store.check() == []


def test_replacing_an_article_drops_old_statements_vectors_and_verdicts(store):
    old = put(store, "a.txt", ["one claim here.", "two claims here."])
    store.put_verdicts([(old[1], old[0], "contradiction", 0.9, ["negation"], "cues")])
    assert store.verdicts() == [(old[0], old[1], "contradiction", 0.9, ["negation"], "cues")]
    new = put(store, "a.txt", ["a different text entirely."])
    assert store.count() == 1 and store.verdicts() == []
    assert min(new) > max(old)  # ids are never reused: FAISS repair depends on it
    scores, ids = store.nearest(EMB.embed(["a different text entirely."]), 3)
    assert ids[0][0] == new[0] and list(ids[0][1:]) == [-1, -1]
    assert store.check() == []


def test_nearest_is_exact_and_respects_allowed_ids(store):
    a = put(store, "a.txt", ["oil prices rose sharply.", "the election is in May."])
    b = put(store, "b.txt", ["oil exports fell."])
    q = EMB.embed(["oil prices rose sharply."])
    _, ids = store.nearest(q, 3)
    assert ids[0][0] == a[0]
    _, ids = store.nearest(q, 3, allowed=b)
    assert list(ids[0]) == [b[0], -1, -1]


def test_flush_writes_faiss_that_a_reader_loads(tmp_path):
    with Store.open(tmp_path, write=True) as w:
        ids = put(w, "a.txt", ["first claim.", "second claim."])
    files = list(tmp_path.glob("vectors-*.faiss"))
    assert len(files) == 1
    with Store.open(tmp_path) as r:
        assert r.vector_index().ntotal == 2 and r.check() == []
        _, got = r.nearest(EMB.embed(["second claim."]), 1)
        assert got[0][0] == ids[1]


def test_stale_faiss_is_repaired_from_stored_vectors(tmp_path):
    # Simulate a crash after SQLite committed but before FAISS was written: keep the old file.
    with Store.open(tmp_path, write=True) as w:
        put(w, "a.txt", ["first claim."])
    old_file = next(tmp_path.glob("vectors-*.faiss"))
    saved = old_file.read_bytes()
    with Store.open(tmp_path, write=True) as w:
        w.remove_articles(["a.txt"])
        new = put(w, "b.txt", ["second claim.", "third claim."])
    for f in tmp_path.glob("vectors-*.faiss"):
        f.unlink()
    old_file.write_bytes(saved)  # FAISS now holds the removed statement and lacks the new ones
    with Store.open(tmp_path) as r:  # a reader repairs in memory, changes no file
        assert r.check() == []
        _, got = r.nearest(EMB.embed(["third claim."]), 3)
        assert set(got[0]) == {*new, -1}
    assert list(tmp_path.glob("vectors-*.faiss")) == [old_file]
    with Store.open(tmp_path, write=True) as w:  # a writer repairs and saves
        pass
    files = list(tmp_path.glob("vectors-*.faiss"))
    assert files != [old_file] and len(files) == 1
    with Store.open(tmp_path) as r:
        assert r.check() == []


def test_missing_faiss_file_is_rebuilt(tmp_path):
    with Store.open(tmp_path, write=True) as w:
        ids = put(w, "a.txt", ["first claim.", "second claim."])
    for f in tmp_path.glob("vectors-*.faiss"):
        f.unlink()
    with Store.open(tmp_path) as r:
        assert r.check() == []
        assert r.nearest(EMB.embed(["first claim."]), 1)[1][0][0] == ids[0]


def test_second_writer_gets_locked_error_and_reader_is_not_blocked(tmp_path):
    with Store.open(tmp_path, write=True) as w:
        put(w, "a.txt", ["a claim."])
        with pytest.raises(LockedError) as e:
            Store.open(tmp_path, write=True, timeout=0.2)
        assert e.value.exit_code == 75 and "--wait" in str(e.value)
        with Store.open(tmp_path) as r:
            assert r.count() == 1
    with Store.open(tmp_path, write=True):  # released on close
        pass


def test_model_mismatch_is_refused_with_a_reindex_hint(store):
    put(store, "a.txt", ["a claim."])
    assert store.model() == (EMB.name, EMB.dim)
    with pytest.raises(StoreError, match="factrack reindex"):
        store.check_model("other-model")
    with pytest.raises(StoreError, match="reindex"):
        store.check_model(EMB.name, EMB.dim + 1)
    store.check_model(EMB.name, EMB.dim)


def test_reading_a_missing_store_says_how_to_create_it(tmp_path):
    with pytest.raises(StoreError, match="factrack index"):
        Store.open(tmp_path / "none")


def test_lexical_folds_arabic_letter_forms(store):
    ids = put(store, "a.txt", ["أكّد الرئيس أن القوات ستغادر.", "Oil prices rose."])
    assert [i for i, _ in store.lexical("اكد الرئيس", 5)] == [ids[0]]  # plain alef, no shadda
    assert [i for i, _ in store.lexical("OIL", 5)] == [ids[1]]
    assert store.lexical("?!", 5) == []
    assert fts_query('"x" OR y') == '"x" OR "y"'


def test_lexical_queries_drop_stop_words_of_either_language(store):
    ids = put(store, "a.txt", ["The army will leave the country.", "قال الوزير إن النفط في ارتفاع.",
                               "It is what it is."])
    assert fts_query("what did the army say about the oil?") == '"army" OR "oil"'
    assert fts_query("قال الوزير إن النفط") == '"الوزير" OR "النفط"'
    assert fts_query("army في النفط") == '"army" OR "النفط"'  # a mixed query: both tables apply
    # stop words would have matched the other statements too; without them only one matches
    assert [i for i, _ in store.lexical("what is the army", 5)] == [ids[0]]
    assert [i for i, _ in store.lexical("ما قال الوزير", 5)] == [ids[1]]
    # a query made only of stop words keeps them rather than finding nothing
    assert [i for i, _ in store.lexical("it is what it is", 5)][0] == ids[2]


def test_filters_by_speaker_alias_lang_source_and_dates(store):
    store.add_speakers([("Joe Biden", ["بايدن", "Biden", "جو بايدن"], "US president")])
    a = put(store, "a.txt", ["القوات ستنسحب."], speaker="Joe Biden", source="Reuters", published="2021-07-26")
    b = put(store, "b.txt", ["Troops will stay."], speaker="Mustafa al-Kadhimi", source="AP", published="2021-08-01T10:00")
    assert set(store.resolve_speaker("بايدن")) == {"Joe Biden"}
    assert set(store.resolve_speaker("kadhimi")) == {"Mustafa al-Kadhimi"}  # part of a name
    f = store.filtered_ids
    assert f(SearchFilter(speakers=store.resolve_speaker("بايدن"))) == a
    assert f(SearchFilter(lang="en")) == b
    assert f(SearchFilter(source="reuters")) == a
    assert f(SearchFilter(since="2021-07-27")) == b
    assert f(SearchFilter(until="2021-08-01")) == a + b
    assert f(SearchFilter(until="2021-07-31")) == a
    assert f(SearchFilter(kind="direct")) == []
    names = {n: (aliases, c) for n, aliases, c in store.speakers()}
    assert names["Joe Biden"][1] == 1 and "بايدن" in names["Joe Biden"][0]


def test_verdicts_filter_and_contradicted_by(store):
    a = put(store, "a.txt", ["x rose.", "y fell."], speaker="A")
    b = put(store, "b.txt", ["x fell."], speaker="B")
    store.put_verdicts([(b[0], a[0], "contradiction", 0.8, ["antonym"], "s"), (a[1], b[0], "agreement", 0.7, [], "s")])
    assert store.verdicts(min_score=0.9) == []
    assert store.verdicts(speaker="B")[0][:2] == (a[0], b[0])
    assert store.verdicts(relation=None, statement_id=a[1])[0][2] == "agreement"
    assert store.contradicted_by([a[0], a[1]]) == {a[0]: [b[0]], a[1]: []}
    store.put_verdicts([(a[0], b[0], "neutral", 0.1, [], "s")])  # upsert
    assert store.verdicts() == []


def test_ivf_index_past_the_threshold_agrees_with_exact_search(tmp_path):
    rng = np.random.default_rng(0)
    # clustered vectors, as real sentence embeddings are (uniform random is IVF's worst case)
    centres = rng.normal(size=(40, 48)).astype(np.float32)
    vecs = centres[rng.integers(0, 40, 6000)] + 0.35 * rng.normal(size=(6000, 48)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    with Store.open(tmp_path, write=True) as w:
        w.ivf_threshold = 5000
        w.set_model("synthetic", 48)
        with w.transaction():
            for n in range(0, 6000, 100):
                art = Article(doc=f"d{n}", text="x" * 100)
                sts = [Statement(doc=art.doc, text=f"s{n + j}", start=0, end=1, kind=Kind.CLAIM, lang="en")
                       for j in range(100)]
                w.put_article(art, sts, vecs[n : n + 100])
    with Store.open(tmp_path) as r:
        assert r.is_ivf() and r.check() == []
        ids = r.ids()
        queries = vecs[rng.integers(0, 6000, 50)] + 0.1 * rng.normal(size=(50, 48)).astype(np.float32)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        # the index holds vectors centred on the language mean; queries are centred the same way
        means, en = r.lang_means(), ["en"] * 50
        cq = centre(queries, en, means)
        exact = np.argsort(-(cq @ centre(vecs, ["en"] * 6000, means).T), axis=1)[:, :10]
        _, got = r.nearest(queries, 10, langs=en)
        recall = np.mean([len(set(ids[exact[i]]) & set(got[i])) / 10 for i in range(50)])
        assert recall >= 0.9
        _, got = r.nearest(queries[:1], 5, allowed=[int(ids[7])], langs=en[:1])
        assert list(got[0]) == [ids[7], -1, -1, -1, -1]
        # the measured nprobe is saved in the index and used by searches
        import faiss

        ivf = faiss.extract_index_ivf(r.vector_index())
        assert ivf.nprobe == ivf_nprobe(ivf.nlist) < ivf.nlist
        _, own = r.vector_index().search(cq, 10, params=faiss.SearchParametersIVF(nprobe=ivf.nprobe))
        np.testing.assert_array_equal(r.nearest(queries, 10, langs=en)[1], own)
        r.nprobe = ivf.nlist  # an explicit override (every list) is exact
        _, everything = r.nearest(queries, 10, langs=en)
        assert np.mean([len(set(ids[exact[i]]) & set(everything[i])) / 10 for i in range(50)]) == 1.0


def _bulk_items(n_articles: int, per: int, prefix: str = "d"):  # type: ignore[no-untyped-def]
    for a in range(n_articles):
        art, sts = make_article(f"{prefix}{a}.txt", [f"claim {a} number {j} here." for j in range(per)],
                                speaker=f"Speaker {a % 3}")
        yield art, sts, EMB.embed([s.text for s in sts])


def test_bulk_load_matches_put_article_and_builds_faiss_once(tmp_path):
    with Store.open(tmp_path, write=True) as w:
        w.set_model(EMB.name, EMB.dim)
        first = put(w, "x.txt", ["a claim put the slow way."])
        done: list[int] = []
        ids = w.bulk_load(_bulk_items(30, 4), batch=25, progress=done.append)
        assert len(ids) == 120 and len(set(ids.tolist())) == 120 and ids.min() > max(first)
        assert done[-1] == 120 and len(done) >= 4  # several transactions
        assert w.count() == 121 and w.check() == []
        got = w.statements([int(ids[5])])[0]
        assert got.text == "claim 1 number 1 here." and got.speaker == "Speaker 1" and got.sentence == got.text
        # replacing: a doc loaded again loses its old statements; later ids stay fresh
        art, sts = make_article("d0.txt", ["a new text for d0."])
        again = w.bulk_load([(art, sts, EMB.embed([sts[0].text]))])
        assert w.count() == 118 and int(again[0]) > int(ids.max())
        later = put(w, "y.txt", ["put after a bulk load."])
        assert later[0] > int(again[0])
    with Store.open(tmp_path) as r:
        assert r.check() == [] and r.vector_index().ntotal == 119
        _, top = r.nearest(EMB.embed(["a new text for d0."]), 1)
        assert int(top[0][0]) == int(again[0])
        assert {s for s, _, _ in r.speakers()} >= {"Speaker 0", "Speaker 1", "Speaker 2"}
        assert [i for i, _ in r.lexical("number 29", 200)]  # FTS rows were written


def test_bulk_load_interrupted_leaves_whole_articles_and_a_repairable_index(tmp_path):
    def failing():  # type: ignore[no-untyped-def]
        yield from _bulk_items(10, 5)
        raise RuntimeError("killed")

    with Store.open(tmp_path, write=True) as w:
        w.set_model(EMB.name, EMB.dim)
        put(w, "x.txt", ["already there."])
        with pytest.raises(RuntimeError):
            w.bulk_load(failing(), batch=20)
    with Store.open(tmp_path) as r:
        # the transactions that committed (20 statements each) are kept; the open one is not
        assert r.count() == 1 + 40 and r.check() == []


# ---------------------------------------------------------------- language centring
def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=-1, keepdims=True)).astype(np.float32)


def _put_lang(store: Store, doc: str, lang: str, vecs: np.ndarray) -> list[int]:
    """One article of ``len(vecs)`` statements in ``lang`` with the given raw vectors."""
    if store.model() is None:
        store.set_model("synthetic", vecs.shape[1])
    art = Article(doc=doc, text="x" * 100, lang=lang)
    sts = [Statement(doc=doc, text=f"{doc} s{j}", start=0, end=1, kind=Kind.CLAIM, lang=lang) for j in range(len(vecs))]
    ids, _ = store.put_article(art, sts, vecs)
    return ids


def _in_index(store: Store, ids: list[int]) -> np.ndarray:
    return np.stack([store.vector_index().reconstruct(int(i)) for i in ids])


def test_centring_makes_the_translation_nearest_across_languages(tmp_path):
    # Each language shares a large offset (as e5 does), so raw neighbours stay within a language;
    # centring on the language means makes an Arabic "translation" find its English original.
    rng = np.random.default_rng(1)
    dim = 64
    off_en, off_ar = np.zeros(dim), np.zeros(dim)
    off_en[0], off_ar[1] = 3.0, 3.0
    content_en = rng.normal(size=(30, dim)) / np.sqrt(dim)
    content_ar = rng.normal(size=(30, dim)) / np.sqrt(dim)  # other Arabic statements
    en, ar = _unit(off_en + content_en), _unit(off_ar + content_ar)
    queries = _unit(off_ar + content_en + 0.02 * rng.normal(size=(30, dim)))  # Arabic translations
    with Store.open(tmp_path, write=True) as w:
        en_ids = _put_lang(w, "en", "en", en)
        _put_lang(w, "ar", "ar", ar)
    raw_best = np.argmax(queries @ np.concatenate([en, ar]).T, axis=1)
    assert (raw_best >= 30).all()  # without centring every query lands on an Arabic statement
    with Store.open(tmp_path) as r:
        _, got = r.nearest(queries, 1, langs=["ar"] * 30)
        assert list(got[:, 0]) == en_ids
        np.testing.assert_array_equal(r.vectors(en_ids), en)  # stored vectors stay raw


def test_language_means_are_stored_and_a_small_language_is_not_centred(tmp_path):
    rng = np.random.default_rng(2)
    en = _unit(rng.normal(size=(25, 16)) + 2.0)
    ar = _unit(rng.normal(size=(5, 16)) - 2.0)  # below the minimum: no mean
    with Store.open(tmp_path, write=True) as w:
        en_ids = _put_lang(w, "en", "en", en)
        ar_ids = _put_lang(w, "ar", "ar", ar)
    with Store.open(tmp_path) as r:
        means = r.lang_means()
        assert set(means) == {"en"}
        np.testing.assert_allclose(means["en"], en.mean(axis=0), atol=1e-6)
        np.testing.assert_allclose(_in_index(r, en_ids), centre(en, ["en"] * 25, means), atol=1e-6)
        np.testing.assert_allclose(_in_index(r, ar_ids), ar, atol=1e-6)
        np.testing.assert_array_equal(r.vectors(ar_ids), ar)


def test_index_is_rebuilt_when_language_means_drift_and_kept_when_they_do_not(tmp_path):
    rng = np.random.default_rng(3)
    base = _unit(rng.normal(size=(25, 16)) + 2.0)
    with Store.open(tmp_path, write=True) as w:
        first = _put_lang(w, "a", "en", base)
    with Store.open(tmp_path, write=True) as w:
        before = w.lang_means()["en"]
        _put_lang(w, "b", "en", base[:1])  # one more like the rest: the mean barely moves
        w.flush()
        np.testing.assert_array_equal(w.lang_means()["en"], before)
        far = _unit(rng.normal(size=(40, 16)) - 2.0)
        _put_lang(w, "c", "en", far)  # a different population: the mean turns
        w.flush()
        after = w.lang_means()["en"]
        assert float(_unit(after) @ _unit(before)) < 0.999
        # old vectors were re-centred on the new mean, not left on the old one
        np.testing.assert_allclose(_in_index(w, first), centre(base, ["en"] * 25, {"en": after}), atol=1e-6)
    with Store.open(tmp_path) as r:
        assert r.check() == []
        np.testing.assert_allclose(r.lang_means()["en"], after)
        np.testing.assert_allclose(_in_index(r, first), centre(base, ["en"] * 25, {"en": after}), atol=1e-6)


def test_an_uncentred_index_from_an_older_store_is_rebuilt_on_open(tmp_path):
    rng = np.random.default_rng(4)
    en = _unit(rng.normal(size=(25, 16)) + 2.0)
    with Store.open(tmp_path, write=True) as w:
        ids = _put_lang(w, "a", "en", en)
        with w.transaction(bump=False):  # what a store written before centring looks like
            w._conn.execute("DELETE FROM meta WHERE key IN ('faiss_format', 'lang_means', 'means_gen')")
        w._vectors._index = None
    with Store.open(tmp_path) as r:  # a reader rebuilds in memory
        np.testing.assert_allclose(_in_index(r, ids), centre(en, ["en"] * 25, r.lang_means()), atol=1e-6)
    with Store.open(tmp_path, write=True) as w:  # a writer rebuilds and saves
        pass
    with Store.open(tmp_path) as r:
        assert r._meta("faiss_format") is not None and r.check() == []
        np.testing.assert_allclose(_in_index(r, ids), centre(en, ["en"] * 25, r.lang_means()), atol=1e-6)


def test_repair_on_open_adds_missing_vectors_centred(tmp_path):
    rng = np.random.default_rng(5)
    en = _unit(rng.normal(size=(30, 16)) + 2.0)
    with Store.open(tmp_path, write=True) as w:
        _put_lang(w, "a", "en", en[:25])
    w = Store.open(tmp_path, write=True)
    more = _put_lang(w, "b", "en", en[25:])
    w._conn.close()  # a crash: SQLite committed, the FAISS file never written
    w._conn = None
    import os

    os.close(w._lock_fd)
    with Store.open(tmp_path) as r:
        assert r.check() == []
        np.testing.assert_allclose(_in_index(r, more), centre(en[25:], ["en"] * 5, r.lang_means()), atol=1e-6)


def test_an_older_store_is_migrated_on_open_and_a_newer_one_refused(tmp_path):
    import sqlite3

    from factrack.store.schema import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "old"
    path.mkdir()
    conn = sqlite3.connect(path / DB_NAME)
    conn.executescript(MIGRATIONS[0])  # a store as schema 1 left it
    conn.execute("INSERT INTO meta VALUES ('schema', '1'), ('generation', '0'), ('model', 'fake:8'), ('dim', '8')")
    conn.execute("INSERT INTO articles VALUES (1, 'a.txt', 'h', '1', NULL, NULL, NULL, NULL, 'en', '2021')")
    conn.execute("INSERT INTO statements (id, article_id, doc, text, start, end, kind, lang, vector) "
                 "VALUES (1, 1, 'a.txt', 'Oil rose.', 0, 9, 'claim', 'en', ?)", (np.zeros(8, np.float32).tobytes(),))
    conn.commit()
    conn.close()
    with Store.open(path) as s:  # a reader upgrades it (taking the writer lock for the moment)
        [st] = s.statements([1])
        assert (st.polarity, st.negated) == (Polarity.ASSERTS, False)
        assert s.unassigned_ids() == [1]  # old statements wait for the next index run's claims
    conn = sqlite3.connect(path / DB_NAME)
    assert conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone() == (str(SCHEMA_VERSION),)
    conn.execute("UPDATE meta SET value='99' WHERE key='schema'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this factrack"):
        Store.open(path)
