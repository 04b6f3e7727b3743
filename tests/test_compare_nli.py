"""The CrossEncoder plug-in, with a tiny random cross-encoder built and saved by the test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from factrack.compare import RELATIONS, get_scorer
from factrack.compare.nli import NLIScorer, label_map
from factrack.embed import FakeEmbedder
from factrack.errors import ModelError
from tests.support import tiny_bert

# An unusual label order: a scorer that assumed (contradiction, entailment, neutral) would be wrong.
ID2LABEL = {0: "NEUTRAL", 1: "Contradiction", 2: "entailment"}


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    return tiny_bert(tmp_path_factory.mktemp("tiny-nli"), ID2LABEL)


def test_label_map_reads_names_not_positions() -> None:
    assert label_map(ID2LABEL) == {0: "neutral", 1: "contradiction", 2: "agreement"}
    with pytest.raises(ModelError):
        label_map({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})


def test_nli_plugin_uses_config_label_order(tiny_model: Path) -> None:
    scorer = get_scorer(FakeEmbedder(), nli_model=str(tiny_model))
    assert isinstance(scorer, NLIScorer)
    pairs = [("the troops will leave", "the troops will not leave"), ("لن تنسحب القوات", "the troops will stay")]
    # the mapped probabilities are the model's own softmax, reordered by id2label
    from sentence_transformers import CrossEncoder

    raw = np.asarray(CrossEncoder(str(tiny_model)).predict(pairs, apply_softmax=False))
    e = np.exp(raw - raw.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    mapped = scorer.nli_probs(pairs)
    assert np.allclose(mapped[:, 0], p[:, 1], atol=1e-5)  # contradiction is index 1 in this model
    assert np.allclose(mapped[:, 1], p[:, 2], atol=1e-5)  # entailment is index 2
    assert np.allclose(mapped[:, 2], p[:, 0], atol=1e-5)
    verdicts = scorer.score_pairs(pairs)
    for v in verdicts:
        assert v.relation in RELATIONS and 0 <= v.score <= 1
        assert any(r.startswith("NLI model: ") for r in v.reasons)
    assert any(r.startswith("negation flipped") for r in verdicts[0].reasons)  # cues still explain


def test_missing_nli_model_is_a_model_error(tmp_path: Path) -> None:
    scorer = get_scorer(FakeEmbedder(), nli_model=str(tmp_path / "nope"))
    with pytest.raises(ModelError):
        scorer.score("a", "b")


class _RecordingBackend:
    """A pair model that says "contradiction" to everything and records what it was asked."""

    name = "recording"
    four_way = False

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def relation_probs(self, pairs):  # type: ignore[no-untyped-def]
        self.seen.extend(pairs)
        return np.tile([1.0, 0.0, 0.0, 0.0], (len(pairs), 1))


def test_the_pair_model_reads_only_pairs_that_could_reach_the_floor() -> None:
    from factrack.compare import CueScorer

    backend = _RecordingBackend()
    scorer = NLIScorer(backend, CueScorer(FakeEmbedder()), 0.5)
    pairs = [("US forces will leave Iraq by the end of the year", "US forces will not leave Iraq by the end of the year"),
             ("Oil exports rose to 3 million barrels a day", "The football final was postponed")]
    _, base = scorer.base.probabilities(pairs)
    reach = scorer.reachable(base, 0.7)
    assert reach[0] and not reach[1]  # a negation flip is within reach, an unrelated pair is not
    verdicts = scorer.score_pairs(pairs, floor=0.7)
    assert backend.seen == pairs[:1]
    assert any(r.startswith("NLI model: contradiction") for r in verdicts[0].reasons)
    assert not any(r.startswith("NLI model") for r in verdicts[1].reasons)  # the cue verdict stands
    scorer.score_pairs(pairs)  # no floor: every pair is read
    assert backend.seen == pairs[:1] + pairs
