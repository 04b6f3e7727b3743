"""factrack's pair model: the plain-torch encoder against the converted e5, mean pooling (not the
all-zero pooler), the file format and its label order, the blend with the cues, and the training
script on a tiny dataset. All load the real bundled e5, so all are slow."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from factrack.compare import RELATIONS, CueScorer
from factrack.compare import pairmodel as pm
from factrack.compare.nli import NLIScorer, PairModelBackend
from factrack.embed import FakeEmbedder

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
PAIRS = [("US forces will leave Iraq by the end of the year", "US forces will not leave Iraq by the end of the year"),
         ("ارتفعت أسعار الخبز", "the price of bread rose"),
         ("The plant was shut on Sunday", "Oil exports rose to 3 million barrels a day")]


@pytest.fixture(scope="module")
def base() -> Path:
    from factrack.embed.models import bundled_folder

    return bundled_folder()


@pytest.fixture(scope="module")
def model(base: Path):
    import torch

    torch.manual_seed(0)
    m = pm.new_classifier(base, 3, layers=2)
    torch.nn.init.normal_(m.head.weight, std=0.5)
    return m.eval()


def _batch(base: Path, pairs):
    import torch

    ids, mask = pm.pad(pm.encode_pairs(pm.tokenizer(base), pairs, 64))
    return torch.from_numpy(ids), torch.from_numpy(mask)


def test_the_encoder_reproduces_the_converted_e5(base: Path) -> None:
    import torch
    from sentence_transformers import SentenceTransformer

    texts = ["US forces will leave Iraq", "لن تغادر القوات الأميركية العراق"]
    ref = SentenceTransformer(str(base)).encode(texts, normalize_embeddings=True)
    m = pm.new_classifier(base).eval()
    ids, mask = pm.pad([e.ids for e in pm.tokenizer(base).encode_batch(["query: " + t for t in texts])])
    with torch.no_grad():
        m_ = torch.from_numpy(mask)
        v = m.pooled(m.hidden(m.embed(torch.from_numpy(ids)), m_), m_).numpy()
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    assert np.all(np.sum(v * ref, axis=1) > 0.9999)


def test_the_head_reads_a_mean_that_varies_not_the_zero_pooler(base: Path, model) -> None:
    import torch
    from safetensors.numpy import load_file

    weights = load_file(str(base / "model.safetensors"))
    assert not np.any(weights["pooler.dense.weight"])  # why the pooler is not used: it is all zeros
    ids, mask = _batch(base, PAIRS)
    with torch.no_grad():
        pooled = model.pooled(model.hidden(model.embed(ids), mask), mask).numpy()
    spread = np.linalg.norm(pooled - pooled.mean(axis=0), axis=1)
    assert np.all(spread > 1e-2)  # a pooler-based head would see one constant input here
    with torch.no_grad():
        logits = model(ids, mask).numpy()
    assert np.ptp(logits, axis=0).max() > 1e-3


def test_a_pair_model_file_keeps_its_label_order(base: Path, model, tmp_path: Path) -> None:
    import torch

    labels = ("neutral", "contradiction", "entailment")  # not the training script's order
    path = tmp_path / "m.safetensors"
    pm.save(path, pm.trained_tensors(model, 1), labels=labels, trained_layers=1, max_length=64, layers=2)
    loaded = PairModelBackend(path)
    probs = loaded.relation_probs(PAIRS)
    ids, mask = _batch(base, PAIRS)
    with torch.no_grad():
        raw = torch.softmax(model(ids, mask), -1).numpy()
    # columns come back in RELATIONS order, read through the file's label names
    assert np.allclose(probs[:, RELATIONS.index("contradiction")], raw[:, 1], atol=2e-3)
    assert np.allclose(probs[:, RELATIONS.index("agreement")], raw[:, 2], atol=2e-3)
    assert np.allclose(probs[:, RELATIONS.index("neutral")], raw[:, 0], atol=2e-3)
    assert np.allclose(probs[:, RELATIONS.index("unrelated")], 0.0)


def test_the_pair_model_votes_beside_the_cues(model, tmp_path: Path) -> None:
    path = tmp_path / "m.safetensors"
    pm.save(path, pm.trained_tensors(model, 1), labels=pm.LABELS, trained_layers=1, max_length=64, layers=2)
    scorer = NLIScorer(PairModelBackend(path), CueScorer(FakeEmbedder()), 0.5, label="pair model")
    v = scorer.score_pairs(PAIRS[:1])[0]
    assert v.relation in RELATIONS
    assert any(r.startswith("pair model: ") for r in v.reasons)
    assert any(r.startswith("negation flipped") for r in v.reasons)  # the cues still explain


def test_training_script_on_a_tiny_dataset_resumes_and_is_deterministic(tmp_path: Path) -> None:
    def train(work: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
        cmd = [sys.executable, str(ROOT / "scripts" / "train_pair_model.py"), "--limit", "48", "--epochs", "2",
               "--batch", "8", "--layers", "2", "--trained-layers", "1", "--val-limit", "8", "--threads", "1",
               "--data", str(tmp_path / "no-datasets"), "--work", str(work), "--out", str(out), *extra]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=600)

    whole = train(tmp_path / "w1", tmp_path / "a.safetensors")
    assert whole.returncode == 0, whole.stderr
    assert "epoch 2 done" in whole.stderr
    stopped = train(tmp_path / "w2", tmp_path / "b.safetensors", "--stop-after", "4")  # mid first epoch
    assert stopped.returncode == 0 and "stopped after 4 steps" in stopped.stderr
    resumed = train(tmp_path / "w2", tmp_path / "b.safetensors")
    assert resumed.returncode == 0 and "resumed at epoch 1, step 4" in resumed.stderr
    a, b = pm.read(tmp_path / "a.safetensors")[0], pm.read(tmp_path / "b.safetensors")[0]
    assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)  # as if never stopped
    again = train(tmp_path / "w1", tmp_path / "c.safetensors")  # a finished run: nothing left to do
    assert again.returncode == 0 and "epoch 1 done" not in again.stderr
