"""Is statement B a contradiction of statement A, the same claim, related, or unrelated?

No NLI model can be had offline and embedding similarity alone cannot tell "will leave" from
"will not leave", so the default scorer combines the shared embedding space (which aligns Arabic
and English) with checkable cues (``cues``, over the texts' ``analysis``) in a small learned classifier
(``classifier``, JSON weights trained by ``scripts/train_compare.py``). A real NLI cross-encoder
plugs in through ``get_scorer(embedder, nli_model=...)``. ``Verdict``, ``Scorer`` and the one
verdict builder live in ``scoring``; this module holds the cue scorer and ``get_scorer``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from factrack.compare.cues import PairCues, pair_cues
from factrack.compare.features import FEATURES, feature_matrix, vector_features
from factrack.compare.scoring import (
    ALIGNED_ABOVE,
    FIGURE_P,
    RELATIONS,
    Scorer,
    Verdict,
    build_verdict,
    strength,
    with_polarity,
)

if TYPE_CHECKING:
    from factrack.compare.classifier import Classifier
    from factrack.embed import Embedder

# Rule thresholds for multilingual-e5-small, used only when no learned weights are available.
# e5 squeezes cosines into 0.7-1.0: translations score 0.93-0.94, unrelated news at most 0.82.
UNRELATED_BELOW = 0.82
AGREEMENT_ABOVE = 0.92


class CueScorer:
    """Embedding similarity + cues, decided by the learned classifier (or by rules without one)."""

    def __init__(self, embedder: Embedder | None, classifier: Classifier | None = None, model_name: str | None = None):
        self.embedder = embedder
        self.classifier = classifier
        # which embedding model the vectors come from: the learned vector features only fit e5's
        self.model_name = model_name or getattr(embedder, "name", None)
        self.name = "cues+classifier:v1" if classifier is not None else "cues+rules:v1"

    def score(self, a: str, b: str) -> Verdict:
        return self.score_pairs([(a, b)])[0]

    def _vectors(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
        if self.embedder is None:
            raise ValueError("a scorer without an embedder needs the pairs' vectors")
        texts = sorted({t for p in pairs for t in p})
        vecs = self.embedder.embed(texts)
        row = {t: i for i, t in enumerate(texts)}
        return vecs[[row[a] for a, _ in pairs]], vecs[[row[b] for _, b in pairs]]

    def probabilities(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(similarities, probabilities over RELATIONS) for many pairs."""
        sims, probs, _ = self.assess(pairs, vectors)
        return sims, probs

    def assess(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None
    ) -> tuple[np.ndarray, np.ndarray, list[PairCues]]:
        """(similarities, probabilities over RELATIONS, each pair's cues): the cues are found once
        and serve both the features and the verdicts."""
        pairs = list(pairs)
        va, vb = vectors if vectors is not None else self._vectors(pairs)
        sims = np.sum(np.asarray(va, dtype=np.float32) * np.asarray(vb, dtype=np.float32), axis=1)
        cues = [pair_cues(a, b) for a, b in pairs]
        x = feature_matrix(pairs, sims, cues)
        if self.classifier is not None:
            model = self.classifier.for_model(self.model_name, np.shape(va)[1])
            if model.vector_dim:
                x = np.hstack([x, vector_features(va, vb)])
            p = model.predict_proba(x)
            order = [model.classes.index(r) for r in RELATIONS]
            return sims, p[:, order], cues
        return sims, np.stack([_rule_probs(row) for row in x]), cues

    def score_pairs(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None,
        *, floor: float | None = None,
    ) -> list[Verdict]:
        if not pairs:
            return []
        sims, probs, cues = self.assess(pairs, vectors)
        return [build_verdict(a, b, float(s), p, c) for (a, b), s, p, c in zip(pairs, sims, probs, cues, strict=True)]


def _rule_probs(row: np.ndarray) -> np.ndarray:
    """Hand-set probabilities from the features, for when no trained weights are present."""
    f = dict(zip(FEATURES, row, strict=False))
    sim = f["sim"]
    cues = f["neg_flip"] + f["stance_opposed"] + f["modality_opposed"] + min(f["number_differs"], 1) + f["date_differs"]
    if sim < UNRELATED_BELOW:
        return np.array([0.05, 0.05, 0.2, 0.7])
    if cues:
        c = min(0.55 + 0.15 * cues, 0.9)
        return np.array([c, (1 - c) * 0.3, (1 - c) * 0.7, 0.0])
    if sim >= AGREEMENT_ABOVE:
        return np.array([0.1, 0.6, 0.3, 0.0])
    return np.array([0.15, 0.2, 0.6, 0.05])


# The shipped pair model's share of the vote when blended with the cue classifier, set on the
# development pairs (docs/compare.md); the cues keep the rest and every reason.
PAIR_WEIGHT = 0.5


def get_scorer(
    embedder: Embedder | None = None,
    nli_model: str | None = None,
    *,
    model_name: str | None = None,
    weights: str | None = None,
    rules: bool = False,
    pair_model: str | None = None,
) -> Scorer:
    """The default scorer: the cue classifier (shipped weights) blended with the default shipped
    pair model, when the vectors are the bundled e5's (another embedding model, a fake one in
    tests, keeps the classifier alone). ``pair_model``: a shipped model's name (``research``,
    ``clean``), a pair-model file, or ``none`` for the classifier alone; ``nli_model``: a user's
    CrossEncoder; ``rules``: the rule fallback without learned weights.

    ``model_name`` names the embedding model of vectors passed in later (stored vectors), when no
    embedder is given.
    """
    from factrack.compare import classifier as clf

    model = None
    if not rules and (weights is not None or clf.shipped_available()):
        model = clf.load(weights)
    base = CueScorer(embedder, model, model_name)
    if nli_model:
        from factrack.compare.nli import NLIScorer

        return NLIScorer(nli_model, base)
    if rules or pair_model == "none":
        return base
    from factrack.compare.nli import NLIScorer, PairModelBackend

    path = _pair_model_file(pair_model, model_name or getattr(embedder, "name", None))
    if path is None:
        return base
    return NLIScorer(PairModelBackend(path), base, PAIR_WEIGHT, label="pair model")


def _pair_model_file(pair_model: str | None, model_name: str | None) -> Path | None:
    """The pair-model file a scorer blends in, or None: ``none``, vectors of another model than the
    bundled e5 with no model asked for (the shipped pair model goes with the bundled e5, like the
    classifier's vector part), or the shipped file not installed."""
    from factrack.compare.pairmodel import resolve
    from factrack.embed import BUNDLED_ALIASES

    if pair_model == "none" or (pair_model is None and model_name not in BUNDLED_ALIASES):
        return None
    return resolve(pair_model)


# Bump when compare's code changes the verdicts it gives; its data files (classifier weights,
# word tables, the pair model in use) are hashed into the fingerprint by themselves.
SCORER_VERSION = "1"


def scorer_fingerprint(pair_model: str | None = None, nli_model: str | None = None, *,
                       model_name: str | None = None) -> str:
    """What the verdicts of ``get_scorer(..., nli_model, pair_model=pair_model)`` depend on, from
    files alone (no model is loaded): stored with the verdicts, so verdicts made by another scorer
    are made again."""
    h = hashlib.sha256(SCORER_VERSION.encode())
    data = resources.files("factrack") / "data" / "compare"
    for f in sorted(data.iterdir(), key=lambda f: f.name):
        if f.is_file() and f.name.endswith((".json", ".txt")):
            h.update(f.name.encode() + hashlib.sha256(f.read_bytes()).digest())
    if nli_model:
        h.update(f"nli:{nli_model}".encode())
        label = "nli"
    else:
        path = _pair_model_file(pair_model, model_name)
        h.update(_file_digest(path) if path is not None else b"no pair model")
        label = "cues" if path is None else f"cues+{path.stem}"
    return f"{label}-{h.hexdigest()[:12]}"


def _file_digest(path: Path) -> bytes:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.digest()


__all__ = [
    "ALIGNED_ABOVE",
    "FIGURE_P",
    "RELATIONS",
    "CueScorer",
    "Scorer",
    "Verdict",
    "build_verdict",
    "get_scorer",
    "scorer_fingerprint",
    "strength",
    "with_polarity",
]
