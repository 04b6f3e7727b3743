"""Pair features for the learned classifier: embedding similarity plus the cue signals.

Every feature is language-independent (token overlap is zero across languages, which the
``cross_lang`` feature lets the model account for), so one model serves Arabic, English and
mixed pairs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from factrack.compare.analysis import Analysis, analyse
from factrack.compare.cues import PairCues, pair_cues

FEATURES: tuple[str, ...] = (
    "sim",
    "sim_over_80",
    "sim_over_87",
    "sim_over_93",
    "cross_lang",
    "jaccard",
    "novel_a",
    "novel_b",
    "len_ratio",
    "neg_parity_differs",
    "neg_flip",
    "stance_opposed",
    "concepts_shared",
    "modality_opposed",
    "number_differs",
    "number_matches",
    "numbers_one_side",
    "date_differs",
    "close_x_neg_flip",
    "close_x_stance",
    "close_x_number",
    "close_x_novel",
)


def _relu(x: float) -> float:
    return x if x > 0 else 0.0


def _overlap(x: Analysis, y: Analysis) -> tuple[float, float, float]:
    cx, cy = x.content, y.content
    if not cx or not cy:
        return 0.0, 1.0, 1.0
    inter = len(cx & cy)
    return inter / len(cx | cy), 1 - inter / len(cx), 1 - inter / len(cy)


def pair_features(a: str, b: str, sim: float, cues: PairCues | None = None) -> list[float]:
    """The feature vector of one pair, in the order of ``FEATURES``; ``cues``: the pair's cues when
    the caller has them (the verdict reads the same ones), else they are found here."""
    x, y = analyse(a), analyse(b)
    found = cues if cues is not None else pair_cues(a, b)
    cross = float(x.lang != y.lang)
    jac, novel_a, novel_b = _overlap(x, y)
    if cross:  # words cannot overlap across scripts; leave it to the similarity
        jac, novel_a, novel_b = 0.0, 0.0, 0.0
    la, lb = max(len(x.tokens), 1), max(len(y.tokens), 1)
    nums = found.number
    num_diff = float(sum(c.kind == "number" for c in nums))
    date_diff = float(any(c.kind == "date" for c in nums))
    qa = {n.value for n in x.numbers if not n.is_year}
    qb = {n.value for n in y.numbers if not n.is_year}
    neg = float(bool(found.negation))
    stance = float(bool(found.stance))
    ids_a, ids_b = {c.id for c in x.concepts}, {c.id for c in y.concepts}
    shared = len(ids_a & ids_b) / len(ids_a | ids_b) if ids_a | ids_b else 0.0
    close = _relu(sim - 0.85) / 0.15
    return [
        sim,
        _relu(sim - 0.80),
        _relu(sim - 0.87),
        _relu(sim - 0.93),
        cross,
        jac,
        novel_a,
        novel_b,
        min(la, lb) / max(la, lb),
        float((len(x.negations) % 2) != (len(y.negations) % 2)),
        neg,
        stance,
        shared,
        float(bool(found.modality)),
        min(num_diff, 2.0),
        float(bool(qa & qb)),
        float(bool(qa) != bool(qb)),
        date_diff,
        close * neg,
        close * stance,
        close * min(num_diff, 1.0),
        close * max(novel_a, novel_b),
    ]


def vector_features(va: np.ndarray, vb: np.ndarray) -> np.ndarray:
    """|a-b| and a*b of the two embeddings: where in meaning-space the pair differs (InferSent-style).

    Only meaningful for the embedding model the classifier was trained with (the bundled e5).
    """
    va = np.asarray(va, dtype=np.float32)
    vb = np.asarray(vb, dtype=np.float32)
    return np.hstack([np.abs(va - vb), va * vb])


def feature_matrix(
    pairs: list[tuple[str, str]], sims: np.ndarray, cues: Sequence[PairCues] | None = None
) -> np.ndarray:
    """Features of many pairs, one row each (float32); ``cues``: each pair's, if found already."""
    found = cues if cues is not None else [None] * len(pairs)
    rows = [pair_features(a, b, float(s), c) for (a, b), s, c in zip(pairs, sims, found, strict=True)]
    out = np.asarray(rows, dtype=np.float32).reshape(len(rows), len(FEATURES))
    return np.nan_to_num(out)  # a NaN similarity from a broken model must not poison the scores


assert len(FEATURES) == len(pair_features("a", "b", 0.5)), "FEATURES and pair_features disagree"
