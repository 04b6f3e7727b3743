"""Claims: incremental, stable grouping of stored statements, the judge's checks, stance, listing,
and claim-level contradictions. Vectors are made by hand so that similarities are known."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from factrack import claims as cl
from factrack.compare import contradictions as contra
from factrack.records import Article, Kind, Polarity, Statement
from factrack.store import Store

DIM = 8
MODEL = "hand-made"


def vec(base: int, turn: float = 0.0, towards: int = 7) -> np.ndarray:
    """A unit vector on axis ``base``, turned by ``turn`` (cosine = cos(turn)) towards another axis."""
    v = np.zeros(DIM, dtype=np.float32)
    v[base] = np.cos(turn)
    v[towards] = np.sin(turn)
    return v


def cos_turn(cosine: float) -> float:
    return float(np.arccos(cosine))


def put(store: Store, doc: str, text: str, v: np.ndarray, *, lang: str = "en", speaker: str | None = None,
        polarity: Polarity = Polarity.ASSERTS, negated: bool = False, published: str | None = None) -> int:
    st = Statement(doc=doc, text=text, start=0, end=len(text), kind=Kind.INDIRECT, lang=lang, speaker=speaker,
                   polarity=polarity, negated=negated)
    ids, _ = store.put_article(Article(doc=doc, text=text, source=doc.split(".")[0], published=published), [st],
                               v[None, :])
    return ids[0]


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "db", write=True) as s:
        s.set_model(MODEL, DIM)
        yield s


def test_a_translation_joins_and_another_figure_starts_its_own_claim(store: Store) -> None:
    a = put(store, "wire.txt", "The plant was shut on Sunday, the union said", vec(0), speaker="Union")
    b = put(store, "daily.txt", "أغلق المصنع يوم الأحد", vec(0, cos_turn(0.93)), lang="ar", speaker="Union")
    c = put(store, "site.txt", "Shelling hit 14 neighbourhoods overnight", vec(1))
    d = put(store, "radio.txt", "Shelling hit 9 neighbourhoods overnight", vec(1, cos_turn(0.99)))
    summary = cl.assign(store)
    assert (summary.started, summary.joined) == (3, 1)
    claim_of = store.claim_of([a, b, c, d])
    assert claim_of[a] == claim_of[b] and len({claim_of[a], claim_of[c], claim_of[d]}) == 3
    [m] = store.memberships([claim_of[b]])[claim_of[b]][1:]
    assert m.via == a and m.similarity == pytest.approx(0.93, abs=1e-4)
    assert any("across languages" in e for e in m.evidence)


def test_assignment_is_incremental_and_stable(store: Store) -> None:
    a = put(store, "a.txt", "The crossing reopened on Monday after two years", vec(2))
    cl.assign(store)
    first = store.claim_of([a])[a]
    assert cl.assign(store).to_dict() == {"joined": 0, "started": 0}  # nothing new: nothing moves
    b = put(store, "b.txt", "The crossing was reopened on Monday after two years", vec(2, cos_turn(0.97)))
    cl.assign(store)
    assert store.claim_of([a, b]) == {a: first, b: first}
    store.remove_articles(["a.txt"])  # the label goes: the claim keeps its id, relabelled
    assert store.claim_of([b]) == {b: first} and store.claim_labels([first]) == {first: b}
    store.remove_articles(["b.txt"])
    assert store.claim_count() == 0


def test_no_chaining_away_from_the_label(store: Store) -> None:
    """Each step is a close paraphrase, but the third is far from the first: it starts a claim."""
    a = put(store, "a.txt", "Aid trucks reached the town of Kadugli on Tuesday morning", vec(3, 0.0, 4))
    b = put(store, "b.txt", "Aid trucks reached the town of Kadugli on Tuesday", vec(3, 0.35, 4))
    c = put(store, "c.txt", "Trucks of aid reached Kadugli town Tuesday", vec(3, 0.70, 4))
    cl.assign(store, cl.SameClaimJudge(same_language=0.93, label_margin=0.0, min_overlap=0.0))
    ids = store.claim_of([a, b, c])
    assert ids[a] == ids[b] != ids[c]


def test_opposed_outcomes_are_two_claims_a_negation_is_one(store: Store) -> None:
    a = put(store, "a.txt", "The combat mission will continue next year", vec(4))
    b = put(store, "b.txt", "The combat mission will end next year", vec(4, cos_turn(0.97)))
    c = put(store, "c.txt", "The combat mission will not continue next year", vec(4, cos_turn(0.97), 6), negated=True)
    cl.assign(store)
    ids = store.claim_of([a, b, c])
    assert ids[a] != ids[b] and ids[a] == ids[c]
    [claim] = cl.load_claims(store, [ids[a]])
    assert {m.statement.id: m.stance for m in claim.members} == {a: "for", c: "against"}


def test_stance_reads_denial_and_negation() -> None:
    def st(text: str, polarity: Polarity = Polarity.ASSERTS, negated: bool = False) -> Statement:
        return Statement(doc="d", text=text, start=0, end=len(text), kind=Kind.INDIRECT, lang="en",
                         polarity=polarity, negated=negated)

    label = st("the plant was shut")
    assert cl.stance(st("the plant was shut", Polarity.DENIES), label) == "against"
    assert cl.stance(st("the plant was not shut", negated=True), label) == "against"
    assert cl.stance(st("the plant was not shut", Polarity.DENIES, negated=True), label) == "for"
    assert cl.stance(st("the plant was shut", Polarity.QUESTIONS), label) == "questions"
    # "end" negates like "not": the mission ending and "no combat mission" hold the same side
    mission = st("the combat mission will end by the end of the year")
    assert cl.stance(st("we will not be in a combat mission", negated=True), mission) == "for"


def test_claim_listing_and_stance_contradiction(store: Store) -> None:
    a = put(store, "bakery.txt", "The loaf's weight has changed", vec(5), speaker="Samir Fathy", published="2026-03-01")
    b = put(store, "ministry.txt", "The loaf's weight has changed", vec(5, cos_turn(0.99)), speaker="Ali Mansour",
            polarity=Polarity.DENIES, published="2026-03-02")
    cl.assign(store)
    [claim] = cl.list_claims(store)
    assert (claim.speakers("for"), claim.speakers("against")) == (["Samir Fathy"], ["Ali Mansour"])
    assert claim.dates == ("2026-03-01", "2026-03-02") and claim.sources == ["bakery", "ministry"]
    d = claim.to_dict()
    assert d["statements"] == 2 and d["languages"] == ["en"] and len(d["members"]) == 2
    [row] = contra.find_claims(store)
    assert row.kind == "stance" and row.reasons == ("Ali Mansour denies what Samir Fathy asserts",)
    assert {row.a.best.id, row.b.best.id} == {a, b}


def test_a_speaker_is_not_listed_against_themself(store: Store) -> None:
    put(store, "a.txt", "Troops will leave by December", vec(6), speaker="Joe Biden")
    put(store, "b.txt", "Troops will not leave by December", vec(6, cos_turn(0.99)), speaker="Joe Biden", negated=True)
    cl.assign(store)
    assert contra.find_claims(store) == []
    assert len(contra.find_claims(store, include_self=True)) == 1


def test_verdicts_between_claims_are_listed_once_per_pair_of_sides(store: Store) -> None:
    a1 = put(store, "a.txt", "About 2,500 US troops are in Iraq", vec(0), speaker="Pentagon")
    a2 = put(store, "a2.txt", "About 2,500 US troops are in Iraq today", vec(0, cos_turn(0.98)), speaker="Kirby")
    b = put(store, "b.txt", "About 3,500 US troops are in Iraq", vec(0, cos_turn(0.98), 5), speaker="Hussein")
    cl.assign(store)
    claim_of = store.claim_of([a1, a2, b])
    assert claim_of[a1] == claim_of[a2] != claim_of[b]
    store.put_verdicts([(a1, b, "contradiction", 0.8, ["number differs: 2,500 vs 3,500"], "t"),
                        (a2, b, "contradiction", 0.9, ["number differs: 2,500 vs 3,500"], "t"),
                        (a1, a2, "contradiction", 0.99, ["within one claim: never listed"], "t")])
    [row] = contra.find_claims(store)
    assert row.kind == "claims" and row.score == pytest.approx(0.9) and row.reasons == ("number differs: 2,500 vs 3,500",)
    assert {row.a.best.id, row.b.best.id} == {a2, b}
    assert sorted(len(side.statements) for side in (row.a, row.b)) == [1, 2]
