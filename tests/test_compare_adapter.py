"""Pair adapters: the file format, the merge, and the CrossEncoder built from one (--nli-model FILE)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from helpers import tiny_bert

from factrack.compare import RELATIONS, get_scorer
from factrack.compare import adapter as ad
from factrack.compare.nli import NLIScorer
from factrack.embed import FakeEmbedder
from factrack.errors import ModelError

LABELS = list(RELATIONS)
Q = "encoder.layer.0.attention.self.query"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return tiny_bert(tmp_path_factory.mktemp("tiny-base"))


def adapter_tensors(rank: int = 2, hidden: int = 16) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {
        f"{Q}.lora_A": rng.normal(size=(rank, hidden)).astype(np.float32),
        f"{Q}.lora_B": rng.normal(size=(hidden, rank)).astype(np.float32),
        "pooler.dense.weight": rng.normal(size=(hidden, hidden)).astype(np.float32),
        "pooler.dense.bias": np.zeros(hidden, np.float32),
        "classifier.weight": rng.normal(size=(len(LABELS), hidden)).astype(np.float32),
        "classifier.bias": np.zeros(len(LABELS), np.float32),
    }


def test_merge_adds_the_low_rank_update_and_the_head() -> None:
    t = adapter_tensors()
    base = {f"{Q}.weight": np.eye(16, dtype=np.float32), f"{Q}.bias": np.zeros(16, np.float32)}
    merged = ad.merge(base, t, scale=2.0)
    assert np.allclose(merged[f"bert.{Q}.weight"], np.eye(16) + 2.0 * t[f"{Q}.lora_B"] @ t[f"{Q}.lora_A"])
    assert np.array_equal(merged[f"bert.{Q}.bias"], base[f"{Q}.bias"])
    assert np.array_equal(merged["classifier.weight"], t["classifier.weight"])
    assert "bert.pooler.dense.weight" in merged


def test_merge_refuses_an_update_of_a_layer_the_base_lacks() -> None:
    with pytest.raises(ModelError, match="lacks"):
        ad.merge({}, adapter_tensors(), scale=1.0)


def test_built_folder_is_a_four_way_cross_encoder_with_the_merged_weights(base: Path, tmp_path: Path) -> None:
    from safetensors.numpy import load_file
    from sentence_transformers import CrossEncoder

    t = adapter_tensors()
    ad.save(tmp_path / "a.safetensors", t, LABELS, scale=0.5, max_length=64)
    folder = ad.build(base, tmp_path / "a.safetensors", tmp_path / "ce")
    config = json.loads((folder / "config.json").read_text())
    assert config["id2label"] == {str(i): r for i, r in enumerate(LABELS)}
    assert not (tmp_path / "ce.partial").exists()
    w = load_file(str(folder / "model.safetensors"))
    b = load_file(str(base / "model.safetensors"))
    lora = t[f"{Q}.lora_B"].astype(np.float16).astype(np.float32) @ t[f"{Q}.lora_A"].astype(np.float16).astype(np.float32)
    assert np.allclose(w[f"bert.{Q}.weight"], b[f"{Q}.weight"] + 0.5 * lora, atol=1e-5)
    ce = CrossEncoder(str(folder), local_files_only=True)
    assert ce.predict([("the troops will leave", "the troops will stay")]).shape == (1, 4)


def test_four_way_model_votes_on_unrelated_too(base: Path, tmp_path: Path, monkeypatch) -> None:
    ad.save(tmp_path / "a.safetensors", adapter_tensors(), LABELS, scale=1.0, max_length=64)
    folder = ad.build(base, tmp_path / "a.safetensors", tmp_path / "ce")
    scorer = get_scorer(FakeEmbedder(), nli_model=str(folder))
    assert isinstance(scorer, NLIScorer) and scorer.four_way
    pairs = [("the troops will leave", "the troops will not leave")]
    _, blended, own = scorer.probabilities(pairs)
    _, base_p = scorer.base.probabilities(pairs)
    assert np.allclose(blended, scorer.weight * own + (1 - scorer.weight) * base_p)
    assert own[0, 3] > 0  # the unrelated column comes from the model itself


def test_an_adapter_file_as_nli_model_is_built_once_and_used(base: Path, tmp_path: Path, monkeypatch) -> None:
    ad.save(tmp_path / "a.safetensors", adapter_tensors(), LABELS, scale=1.0, max_length=64)
    monkeypatch.setenv("FACTRACK_MODELS", str(tmp_path / "models"))
    monkeypatch.setattr("factrack.embed.models.bundled_folder", lambda: base)
    first = ad.ensure_built(tmp_path / "a.safetensors")
    assert first.parent == tmp_path / "models" and first.name.startswith(ad.FOLDER_PREFIX)
    assert ad.ensure_built(tmp_path / "a.safetensors") == first  # built once, then reused
    scorer = get_scorer(FakeEmbedder(), nli_model=str(tmp_path / "a.safetensors"))
    v = scorer.score("the troops will leave", "لن تنسحب القوات")
    assert any(r.startswith("pair model: ") for r in v.reasons)


def test_a_missing_adapter_file_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="pair adapter"):
        ad.ensure_built(tmp_path / "nope.safetensors")


def test_a_broken_adapter_file_is_a_model_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"not a safetensors file")
    with pytest.raises(ModelError, match="pair adapter"):
        ad.read(bad)
