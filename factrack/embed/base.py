"""The embedding interface, batching, and a deterministic fake for tests.

Everything that turns text into vectors goes through ``Embedder`` so that the index, search and
compare stages never know which model sits behind it, and unit tests run without loading one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from factrack.normalize import fold


@runtime_checkable
class Embedder(Protocol):
    """Texts in, float32 rows out, shape (n, dim), each row of unit length."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    """L2-normalise each row; all-zero rows stay zero instead of becoming NaN."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms).astype(np.float32)


def empty(dim: int) -> np.ndarray:
    return np.zeros((0, dim), dtype=np.float32)


def embed_batches(embedder: Embedder, texts: Sequence[str], batch_size: int = 64) -> Iterator[np.ndarray]:
    """Embed ``texts`` in consecutive batches, one array per batch, in order.

    A pure function of its inputs (no state kept between batches), so the batches could be sent
    to other workers; yields nothing for no texts, so no model is loaded for an empty run.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    for i in range(0, len(texts), batch_size):
        yield embedder.embed(texts[i : i + batch_size])


def embed_by_length(embedder: Embedder, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """All ``texts`` embedded, rows in the given order, batched among texts of similar length.

    A transformer pads every text of a batch to the longest one; batching by length is what
    ``SentenceTransformer.encode`` does within one call, and what indexing in chunks would lose.
    Returns an empty (0, 0) array for no texts, without touching the model.
    """
    if not texts:
        return np.zeros((0, 0), np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    sorted_vectors = np.concatenate(list(embed_batches(embedder, [texts[i] for i in order], batch_size)))
    out = np.empty_like(sorted_vectors)
    out[order] = sorted_vectors
    return out


_WORD = re.compile(r"\w+")


class FakeEmbedder:
    """Deterministic, model-free vectors: hashed bag of folded words plus character trigrams.

    Texts that share words (or word pieces, across Arabic letter variants once folded) get
    similar vectors, which is all that index/search/compare tests need. Hashing is blake2b,
    not Python's ``hash``, so vectors are the same in every process.
    """

    def __init__(self, dim: int = 64) -> None:
        if dim < 2:
            raise ValueError("dim must be at least 2")
        self.dim = dim
        self.name = f"fake-{dim}"

    def _features(self, text: str) -> list[tuple[str, float]]:
        words = _WORD.findall(fold(text))
        feats: list[tuple[str, float]] = [("w:" + w, 1.0) for w in words]
        for w in words:
            padded = f"<{w}>"
            feats.extend(("c:" + padded[i : i + 3], 0.3) for i in range(len(padded) - 2))
        return feats

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for feat, weight in self._features(text):
            h = hashlib.blake2b(feat.encode("utf-8"), digest_size=8).digest()
            n = int.from_bytes(h, "little")
            v[n % self.dim] += weight if (n >> 63) & 1 else -weight
        return v

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return empty(self.dim)
        return normalize_rows(np.stack([self._vector(t) for t in texts]))
