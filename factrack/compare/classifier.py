"""The small learned part: a softmax model over pair features, read from shipped JSON weights.

JSON, not pickle: the weights are data a person can read and diff, and loading them runs no code.
The file holds the class order, the feature names (checked against ``features.FEATURES`` so that
a stale file fails loudly), the standardisation, and one or more dense layers (ReLU between
them; one layer is plain multinomial logistic regression).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from factrack.compare.features import FEATURES
from factrack.errors import ModelError

WEIGHTS_FILE = "contradiction-v1.json"


@dataclass(frozen=True)
class Classifier:
    classes: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]  # (W: in x out, b: out)
    temperature: float = 1.0
    meta: dict | None = None
    vector_dim: int = 0  # >0: the input also holds vector_features of this embedding size
    embedder: str | None = None  # the embedding model the vector part was trained on
    cues_only: Classifier | None = None  # for any other embedding model

    def for_model(self, name: str | None, dim: int) -> Classifier:
        """This model when the vectors are the ones it was trained on, else its cues-only part."""
        if self.vector_dim == 0 or (name in _aliases(self.embedder) and dim == self.vector_dim):
            return self
        if self.cues_only is None:
            raise ModelError(f"contradiction weights need {self.embedder} vectors, got {name}")
        return self.cues_only

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities, one row per pair (columns in ``classes`` order)."""
        h = (np.asarray(x, dtype=np.float64) - self.mean) / self.scale
        for i, (w, b) in enumerate(self.layers):
            h = h @ w + b
            if i < len(self.layers) - 1:
                h = np.maximum(h, 0.0)
        h = h / self.temperature
        h -= h.max(axis=1, keepdims=True)
        e = np.exp(h)
        return e / e.sum(axis=1, keepdims=True)

    def to_dict(self) -> dict:
        extra: dict = {}
        if self.vector_dim:
            extra = {"vector_dim": self.vector_dim, "embedder": self.embedder}
        if self.cues_only is not None:
            extra["cues_only"] = self.cues_only.to_dict()
        return extra | {
            "classes": list(self.classes),
            "features": list(FEATURES),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "layers": [{"W": w.tolist(), "b": b.tolist()} for w, b in self.layers],
            "temperature": self.temperature,
            "meta": self.meta or {},
        }


def from_dict(d: dict) -> Classifier:
    if list(d.get("features", [])) != list(FEATURES):
        raise ModelError("contradiction weights were trained on other features; run scripts/train_compare.py")
    return Classifier(
        vector_dim=int(d.get("vector_dim", 0)),
        embedder=d.get("embedder"),
        cues_only=from_dict(d["cues_only"]) if d.get("cues_only") else None,
        classes=tuple(d["classes"]),
        mean=np.asarray(d["mean"], dtype=np.float64),
        scale=np.asarray(d["scale"], dtype=np.float64),
        layers=tuple((np.asarray(layer["W"], dtype=np.float64), np.asarray(layer["b"], dtype=np.float64))
                     for layer in d["layers"]),
        temperature=float(d.get("temperature", 1.0)),
        meta=d.get("meta"),
    )


def _aliases(name: str | None) -> frozenset[str]:
    from factrack.embed import BUNDLED_ALIASES

    if name is None:
        return frozenset()
    return BUNDLED_ALIASES | {name} if name in BUNDLED_ALIASES else frozenset({name})


def load(path: Path | str | None = None) -> Classifier:
    """The shipped classifier, or one from ``path``."""
    if path is None:
        return _shipped()
    try:
        return from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as e:
        raise ModelError(f"cannot read contradiction weights {path}: {e}") from None


@cache
def _shipped() -> Classifier:
    res = resources.files("factrack") / "data" / "compare" / WEIGHTS_FILE
    try:
        return from_dict(json.loads(res.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as e:
        raise ModelError(f"shipped contradiction weights unreadable: {e}") from None


def shipped_available() -> bool:
    return (resources.files("factrack") / "data" / "compare" / WEIGHTS_FILE).is_file()
