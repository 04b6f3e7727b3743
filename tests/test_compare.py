"""Contradiction cues and the default scorer, on hand-made Arabic, English and mixed pairs."""

from __future__ import annotations

import json

import numpy as np
import pytest

from factrack.compare import RELATIONS, CueScorer, Verdict, get_scorer
from factrack.compare import classifier as clf
from factrack.compare.cues import analyse, find_cues
from factrack.compare.features import FEATURES, pair_features
from factrack.compare.numbers import parse_figure
from factrack.embed import FakeEmbedder
from factrack.errors import ModelError
from tests.support import kinds, reasons


# --------------------------------------------------------------------------- negation
@pytest.mark.parametrize(
    "a,b",
    [
        ("US forces will leave Iraq by the end of the year", "US forces will not leave Iraq by the end of the year"),
        ("ستغادر القوات الأميركية العراق", "لن تغادر القوات الأميركية العراق"),
        ("لن نكون مع نهاية العام في مهمة قتالية", "The troops are capable of combat operations"),
    ],
)
def test_negation_flip_on_shared_predicate(a: str, b: str) -> None:
    assert "negation" in kinds(a, b)
    assert "negation" in kinds(b, a)


def test_negation_reason_names_both_sides_as_written() -> None:
    (r,) = reasons("لن نكون في مهمة قتالية", "القوات قادرة على القيام بعمليات قتالية")
    assert "لن" in r and "قتالية" in r  # original letters (ة), not the folded form


def test_fixed_phrases_are_not_negations() -> None:
    # "لا يزال" means "still", "من غير المرجح" is a modality: neither negates the sentence
    assert analyse("ولا يزال حوالي 2500 عسكري أميركي في العراق").negations == ()
    assert analyse("من غير المرجح أن ينخفض العدد").negations == ()
    assert kinds("لا يزال الجنود في العراق", "الجنود في العراق") == []


def test_same_polarity_is_no_cue() -> None:
    assert kinds("The troops will not leave", "The troops will not leave soon") == []


# --------------------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    "a,b,expected",
    [
        ("About 2,500 US troops remain in Iraq", "About 3,500 US troops remain in Iraq", "number differs: 2500 vs 3500 (troops)"),
        ("ولا يزال حوالي ٢٥٠٠ عسكري أميركي في العراق", "ولا يزال حوالي 3500 عسكري أميركي في العراق", "number differs: 2500 vs 3500 (troops)"),
        ("ولا يزال حوالي 2500 عسكري أميركي في العراق", "About 3,500 US soldiers are in Iraq", "number differs: 2500 vs 3500 (troops)"),
        ("The ministry said 36 people were killed", "قالت الوزارة إن ثلاثين شخصا قتلوا", "number differs: 36 vs 30 (people)"),
        ("أسفر الهجوم عن مقتل 3 آلاف شخص", "The attack killed 5,000 people", "number differs: 3000 vs 5000 (people)"),
    ],
)
def test_number_differs_with_both_values(a: str, b: str, expected: str) -> None:
    assert expected in reasons(a, b)


def test_same_number_in_other_script_or_words_is_no_cue() -> None:
    assert kinds("ولا يزال حوالي ٢٥٠٠ عسكري أميركي", "ولا يزال حوالي 2500 عسكري أميركي") == []
    assert kinds("About 2,500 US troops", "نحو 2500 جندي أميركي") == []
    assert kinds("Three thousand people fled", "3000 people fled") == []


def test_numbers_about_different_things_are_not_compared() -> None:
    assert "number" not in kinds("36 people were killed", "The army sent 500 troops")


def test_dates_differ() -> None:
    assert "date differs: 2014 vs 2017" in reasons("The group rose in 2014", "The group rose in 2017")
    assert "date" in kinds("ظهر التنظيم في العام 2014", "The group emerged in 2017")


@pytest.mark.parametrize("raw,value", [("2,500", 2500.0), ("2.5", 2.5), ("2\u066c500", 2500.0), ("1.000.000", 1e6), ("x", None)])
def test_parse_figure(raw: str, value: float | None) -> None:
    assert parse_figure(raw) == value


# --------------------------------------------------------------------------- stance
@pytest.mark.parametrize(
    "a,b",
    [
        ("US troops will withdraw from Iraq", "US troops will remain in Iraq"),
        ("ستنسحب القوات الأميركية من العراق", "ستبقى القوات الأميركية في العراق"),
        ("ستنسحب القوات الأميركية من العراق", "US troops will stay in Iraq"),
        ("تحديد جدول زمني لانسحاب القوات الأميركية", "الانسحاب سيكون في الواقع إعادة تحديد لمهام القوات"),
        ("The combat mission ends this year", "The combat mission will continue next year"),
        ("Oil prices rose sharply", "انخفاض أسعار النفط"),
        ("The troops have a combat role", "The troops have an advisory role"),
    ],
)
def test_opposed_stance(a: str, b: str) -> None:
    assert "stance" in kinds(a, b)


def test_negated_opposite_is_agreement_not_stance() -> None:
    assert "stance" not in kinds("US troops will not withdraw", "US troops will stay")


# --------------------------------------------------------------------------- modality
@pytest.mark.parametrize(
    "a,b",
    [
        ("The US will withdraw its troops", "It is unlikely that the US will withdraw its troops"),
        ("سوف تنسحب القوات", "من غير المرجح أن تنسحب القوات"),
        ("من غير المرجح أن ينخفض عدد العسكريين الأميركيين", "The number of US troops will fall"),
    ],
)
def test_opposed_modality(a: str, b: str) -> None:
    assert "modality" in kinds(a, b)


def test_modality_about_different_predicates_is_no_cue() -> None:
    a = "It is unlikely that the number of US troops will decrease"
    assert "modality" not in kinds(a, "Combat troops will leave Iraq by December")
    assert "modality" in kinds(a, "The number of US troops will decrease")


def test_paraphrase_and_translation_have_no_cues() -> None:
    assert find_cues("The president met the prime minister in Washington", "The prime minister met the president in Washington") == []
    assert find_cues("التقى الرئيس رئيس الوزراء في واشنطن", "The president met the prime minister in Washington") == []


# --------------------------------------------------------------------------- features and scorer
def test_features_match_names() -> None:
    row = pair_features("US forces will leave", "US forces will not leave", 0.97)
    f = dict(zip(FEATURES, row, strict=True))
    assert f["neg_flip"] == 1.0 and f["cross_lang"] == 0.0 and f["close_x_neg_flip"] > 0
    assert dict(zip(FEATURES, pair_features("ستنسحب القوات", "troops will stay", 0.9), strict=True))["cross_lang"] == 1.0


def test_rule_scorer_relations_and_reasons() -> None:
    s = get_scorer(FakeEmbedder(), rules=True)
    assert s.name == "cues+rules:v1"
    v = s.score("US forces will leave Iraq by the end of the year", "US forces will not leave Iraq by the end of the year")
    assert v.relation == "contradiction"
    assert any(r.startswith("negation flipped") for r in v.reasons)
    same = s.score("US forces will leave Iraq", "US forces will leave Iraq")
    assert same.relation == "agreement"


def test_scores_are_probabilities() -> None:
    s = get_scorer(FakeEmbedder())
    pairs = [
        ("About 2,500 US troops remain in Iraq", "About 3,500 US troops remain in Iraq"),
        ("ستنسحب القوات الأميركية من العراق", "US troops will remain in Iraq"),
        ("Oil prices rose", "The football team won the cup"),
        ("same words here", "same words here"),
    ]
    verdicts = s.score_pairs(pairs)
    assert len(verdicts) == 4
    for v in verdicts:
        assert isinstance(v, Verdict) and v.relation in RELATIONS
        assert 0.0 <= v.p_contradiction <= 1.0 and 0.25 <= v.score <= 1.0  # argmax of 4 classes
        assert v.reasons[-1].startswith("similarity ")
    assert verdicts[0].p_contradiction > verdicts[3].p_contradiction


def test_given_vectors_are_used_instead_of_embedding() -> None:
    s = CueScorer(None, None)  # no embedder: must not embed
    va = np.eye(4, dtype=np.float32)[:2]
    v = s.score_pairs([("a b", "a b"), ("x", "y")], (va, va))
    assert v[0].reasons[-1] == "similarity 1.00"
    with pytest.raises(ValueError):
        s.score("a", "b")


def test_classifier_json_round_trip_and_stale_features(tmp_path) -> None:
    rng = np.random.default_rng(0)
    model = clf.Classifier(
        RELATIONS[::-1], np.zeros(len(FEATURES)), np.ones(len(FEATURES)),
        ((rng.normal(size=(len(FEATURES), 4)), np.zeros(4)),),
    )
    path = tmp_path / "w.json"
    path.write_text(json.dumps(model.to_dict()))
    loaded = clf.load(path)
    x = rng.normal(size=(3, len(FEATURES)))
    p = loaded.predict_proba(x)
    assert np.allclose(p, model.predict_proba(x)) and np.allclose(p.sum(axis=1), 1)
    # class order is read from the file, not assumed
    s = CueScorer(FakeEmbedder(), loaded)
    sims, probs = s.probabilities([("a", "b")])
    raw = loaded.predict_proba(np.asarray([pair_features("a", "b", float(sims[0]))]))
    assert probs[0][0] == pytest.approx(raw[0][loaded.classes.index("contradiction")])
    stale = model.to_dict()
    stale["features"] = stale["features"][:-1]
    path.write_text(json.dumps(stale))
    with pytest.raises(ModelError):
        clf.load(path)


def test_vector_part_only_for_the_model_it_was_trained_on() -> None:
    from factrack.compare.features import vector_features
    from factrack.embed import BUNDLED_NAME

    rng = np.random.default_rng(1)
    n = len(FEATURES)
    cues_only = clf.Classifier(RELATIONS, np.zeros(n), np.ones(n), ((rng.normal(size=(n, 4)), np.zeros(4)),))
    full = clf.Classifier(
        RELATIONS, np.zeros(n + 8), np.ones(n + 8), ((rng.normal(size=(n + 8, 4)), np.zeros(4)),),
        vector_dim=4, embedder=BUNDLED_NAME, cues_only=cues_only,
    )
    restored = clf.from_dict(json.loads(json.dumps(full.to_dict())))
    assert restored.for_model("e5-small", 4).vector_dim == 4
    assert restored.for_model("fake-4", 4) is restored.cues_only  # same size, other model
    assert restored.for_model(BUNDLED_NAME, 64) is restored.cues_only
    va = np.eye(4, dtype=np.float32)[:1]
    vb = np.eye(4, dtype=np.float32)[1:2]
    assert vector_features(va, vb).shape == (1, 8)
    s = CueScorer(None, restored, BUNDLED_NAME)
    _, p = s.probabilities([("a", "b")], (va, vb))
    x = np.hstack([np.asarray([pair_features("a", "b", 0.0)]), vector_features(va, vb)])
    assert np.allclose(p[0], restored.predict_proba(x)[0])


def test_cross_language_negation_reason_shows_the_same_predicate() -> None:
    (r,) = [x for x in reasons("US forces will leave Iraq by the end of the year", "لن تغادر القوات الأميركية العراق بنهاية العام")
            if x.startswith("negation")]
    assert "'leave'" in r and "لن … تغادر" in r


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("الجانب الجزائري طالب بزيادة تقارب 20 في المئة", "الجانب الجزائري طالب بزيادة 8 في المئة فقط", "20% vs 8%"),
        ("meat prices are up nearly 30% since January", "أسعار اللحوم ارتفعت بأكثر من ٢٠٪ منذ بداية العام", "30% vs 20%"),
        ("prices rose 12 percent this year", "prices rose 9 per cent this year", "12% vs 9%"),
    ],
)
def test_percentages_compare_in_any_language_and_spelling(a: str, b: str, expected: str) -> None:
    reasons = [str(c) for c in find_cues(a, b)]
    assert any(expected in r for r in reasons), reasons


def test_percentage_alone_does_not_make_figures_comparable() -> None:
    assert not find_cues("Brent crude rose 1.4 per cent on Thursday", "inflation stood at 4.9%")
    # a percentage and a count are not the same kind of figure
    assert not any(c.kind == "number" for c in find_cues("unemployment rose 20% this year", "unemployment rose by 20 thousand this year"))


def test_letters_of_an_abbreviation_do_not_hide_what_is_counted() -> None:
    cues = [str(c) for c in find_cues("About 2,500 U.S. troops are in Iraq", "يوجد 3500 جندي أميركي في العراق")]
    assert "number differs: 2500 vs 3500 (troops)" in cues


def test_strength_ranks_explained_aligned_contradictions_first() -> None:
    from factrack.compare import strength

    assert strength(0.9, True, 0.9) == pytest.approx(0.9)
    assert strength(0.9, False, 0.9) < strength(0.9, True, 0.9)
    assert strength(0.9, True, 0.80) < strength(0.9, True, 0.9)
    assert 0.0 <= strength(0.9, False, 0.5) <= 1.0


def test_every_contradiction_verdict_has_a_reason() -> None:
    from factrack.compare.scoring import build_verdict as verdict

    v = verdict("The deal was signed yesterday", "Nothing has been agreed by anyone", 0.9, np.array([0.7, 0.1, 0.1, 0.1]))
    assert v.relation == "contradiction"
    assert len(v.reasons) >= 2  # something besides the similarity
    assert v.strength < v.p_contradiction  # no cue word: ranked below cue-explained pairs
    w = verdict("US forces will leave Iraq", "US forces will not leave Iraq", 0.95, np.array([0.7, 0.1, 0.1, 0.1]))
    assert w.strength == pytest.approx(w.p_contradiction)


def test_translation_with_the_same_governing_modality_is_no_cue() -> None:
    en = "It is unlikely that the number of US troops in Iraq will decrease significantly"
    ar = "من غير المرجّح أن ينخفض عدد العسكريين الأميركيين في العراق"
    assert "modality" not in kinds(en, ar)


def test_another_figure_for_the_same_thing_is_a_contradiction_whatever_the_model_says() -> None:
    from factrack.compare.scoring import FIGURE_P
    from factrack.compare.scoring import build_verdict as verdict

    paraphrase = np.array([0.05, 0.8, 0.1, 0.05])  # what the learned parts say of 2,500 vs 3,500
    v = verdict("About 2,500 US troops are in Iraq", "About 3,500 US troops are in Iraq", 0.95, paraphrase)
    assert v.relation == "contradiction" and v.p_contradiction == pytest.approx(FIGURE_P)
    assert any(r.startswith("number differs") for r in v.reasons)
    far = verdict("About 2,500 US troops are in Iraq", "About 3,500 US troops are in Iraq", 0.70, paraphrase)
    assert far.relation == "agreement"  # not about the same claim: the rule does not apply
    same = verdict("About 2,500 US troops are in Iraq", "2,500 American troops remain in Iraq", 0.95, paraphrase)
    assert same.relation == "agreement"
