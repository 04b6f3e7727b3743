"""Embedder interface, FakeEmbedder, batching and lazy loading (no real model loaded here)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from factrack.embed import (
    BUNDLED_NAME,
    Embedder,
    FakeEmbedder,
    SentenceTransformerEmbedder,
    embed_batches,
    get_embedder,
    query_embedder,
)
from factrack.errors import ModelError


def test_fake_is_deterministic_normalised_float32() -> None:
    e = FakeEmbedder(32)
    texts = ["قال الرئيس إن القوات ستنسحب", "The president said troops will leave", ""]
    a, b = e.embed(texts), FakeEmbedder(32).embed(texts)
    assert a.dtype == np.float32 and a.shape == (3, 32)
    assert np.array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(a[:2], axis=1), 1.0, rtol=1e-5)
    assert not np.isnan(a).any()  # a text without words gives a zero row, not NaN


def test_fake_is_same_in_another_process() -> None:
    # blake2b, not hash(): vectors must not change with PYTHONHASHSEED
    code = "from factrack.embed import FakeEmbedder; print(FakeEmbedder(16).embed(['troops leave Iraq'])[0].tolist())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert np.allclose(eval(out), FakeEmbedder(16).embed(["troops leave Iraq"])[0])


@pytest.mark.parametrize(
    ("text", "near", "far"),
    [
        ("US forces will leave Iraq by the end of the year", "US forces will leave Iraq next year", "The football match ended in a draw"),
        ("أكّد الوزير أن القوات الأميركية ستغادر العراق", "اكد الوزير ان القوات الاميركية ستغادر العراق قريبا", "فاز الفريق بالمباراة النهائية"),
    ],
)
def test_fake_similar_texts_score_higher(text: str, near: str, far: str) -> None:
    v = FakeEmbedder(256).embed([text, near, far])
    assert v[0] @ v[1] > 0.6
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3


def test_fake_satisfies_protocol_and_name() -> None:
    e = get_embedder("fake:48")
    assert isinstance(e, Embedder) and isinstance(e, FakeEmbedder)
    assert (e.name, e.dim) == ("fake-48", 48)
    assert get_embedder("fake").dim == 64
    assert get_embedder(e.name).dim == 48  # the stored name finds the same embedder again
    assert query_embedder("fake-48").embed(["x y"]).shape == (1, 48)
    with pytest.raises(ModelError):
        get_embedder("fake:x")


def test_embed_batches_concatenate_to_whole() -> None:
    e = FakeEmbedder(16)
    texts = [f"statement number {i} about troops" for i in range(10)]
    batches = list(embed_batches(e, texts, batch_size=4))
    assert [len(b) for b in batches] == [4, 4, 2]
    assert np.array_equal(np.vstack(batches), e.embed(texts))
    assert list(embed_batches(e, [], batch_size=4)) == []
    with pytest.raises(ValueError):
        list(embed_batches(e, texts, batch_size=0))


class _CountingST(SentenceTransformerEmbedder):
    """Counts loads instead of loading torch."""

    loads = 0

    def _load_model(self) -> object:
        type(self).loads += 1

        class _Model:
            def encode(self, texts: list[str], **_: object) -> np.ndarray:
                return np.ones((len(texts), 8), dtype=np.float32)

        return _Model()


def test_model_loads_lazily_and_once() -> None:
    e = _CountingST("some/model", dim=8)
    assert e.embed([]).shape == (0, 8)
    assert list(embed_batches(e, [])) == []
    assert _CountingST.loads == 0 and not e.loaded
    v = e.embed(["a", "b"])
    e.embed(["c"])
    assert _CountingST.loads == 1
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-6)


def test_bundled_embedder_touches_nothing_until_used(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("FACTRACK_MODELS", str(tmp_path / "models"))
    e = get_embedder()
    assert (e.name, e.dim) == (BUNDLED_NAME, 384)
    assert get_embedder("e5-small").name == BUNDLED_NAME
    assert e.embed([]).shape == (0, 384)
    assert not (tmp_path / "models").exists()  # nothing converted for nothing


def test_import_does_not_pull_torch() -> None:
    code = (
        "import sys, factrack.embed as e; e.get_embedder(); e.query_embedder(); "
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_cpu_threads_is_bounded_and_overridable(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from factrack.embed.models import cpu_threads

    monkeypatch.delenv("FACTRACK_THREADS", raising=False)
    assert 1 <= cpu_threads() <= len(os.sched_getaffinity(0))
    monkeypatch.setattr(os, "getloadavg", lambda: (50.0, 50.0, 50.0))
    assert cpu_threads() == 1  # a saturated machine gets one thread, never zero
    monkeypatch.setenv("FACTRACK_THREADS", "3")
    assert cpu_threads() == 3


def test_embed_by_length_keeps_order_and_batches_similar_lengths():
    from factrack.embed import FakeEmbedder, embed_by_length

    class Recording(FakeEmbedder):
        def __init__(self) -> None:
            super().__init__(16)
            self.batches: list[list[str]] = []

        def embed(self, texts):  # type: ignore[override]
            self.batches.append(list(texts))
            return super().embed(texts)

    texts = ["a much longer sentence about the withdrawal of forces", "short", "قال الوزير", "mid length text"]
    e = Recording()
    vectors = embed_by_length(e, texts, batch_size=2)
    assert np.allclose(vectors, FakeEmbedder(16).embed(texts))
    assert [len(t) for b in e.batches for t in b] == sorted(len(t) for t in texts)
    assert embed_by_length(e, [], 2).shape == (0, 0)
