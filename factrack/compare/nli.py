"""A pair model (factrack's own, or a user's NLI cross-encoder) combined with the cue scorer.

Two kinds of pair model plug in here, both behind one small interface (``PairBackend``: label
probabilities in ``RELATIONS`` order):

- factrack's pair model (``compare/pairmodel.py``), a ``.safetensors`` file of trained e5 layers
  made by ``scripts/train_pair_model.py``; the shipped one is the default scorer's;
- any sentence-transformers ``CrossEncoder`` NLI model, by path or name.

The label order of NLI models differs from model to model, so it is read from the model (the
config's ``id2label``, the pair-model file's metadata), never assumed. The pair model decides
between contradiction, entailment (agreement) and neutral; the cue scorer still supplies the
"unrelated" mass, the reasons, and its share of the vote, so the cues keep their say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from factrack.errors import ModelError

if TYPE_CHECKING:
    from factrack.compare import CueScorer
    from factrack.compare.cues import PairCues
    from factrack.compare.scoring import Verdict

NLI_WEIGHT = 0.5  # share of a user's cross-encoder in the combined probabilities
_LABEL_WORDS = {
    "contradiction": ("contradict",),
    "agreement": ("entail", "agree", "paraphrase"),
    "neutral": ("neutral",),
    "unrelated": ("unrelated",),  # optional: NLI models do not have it
}
_REQUIRED = ("contradiction", "agreement", "neutral")


def label_map(id2label: dict) -> dict[int, str]:
    """Model output index → factrack relation, from the model's label names."""
    out: dict[int, str] = {}
    for i, name in id2label.items():
        low = str(name).lower()
        for relation, words in _LABEL_WORDS.items():
            if any(w in low for w in words):
                out[int(i)] = relation
    if not set(_REQUIRED) <= set(out.values()):
        raise ModelError(f"cannot read NLI labels from id2label {dict(id2label)}: "
                         "need contradiction, entailment, neutral")
    return out


def to_relations(p: np.ndarray, labels: dict[int, str]) -> np.ndarray:
    """Model probabilities (its own column order) as columns in ``RELATIONS`` order."""
    from factrack.compare.scoring import RELATIONS

    out = np.zeros((len(p), len(RELATIONS)))
    for i, rel in labels.items():
        out[:, RELATIONS.index(rel)] += p[:, i]
    return out


class PairBackend(Protocol):
    """What the scorer needs of a pair model."""

    name: str
    four_way: bool  # it has an "unrelated" label of its own

    def relation_probs(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray: ...


def is_pair_model(model: str) -> bool:
    """A factrack pair-model file rather than a CrossEncoder folder or name."""
    return model.endswith(".safetensors") and Path(model).is_file()


class CrossEncoderBackend:
    """A sentence-transformers CrossEncoder, loaded on first use; label order from its config."""

    four_way = False

    def __init__(self, model: str) -> None:
        self.name = model
        self._model = None
        self._labels: dict[int, str] = {}

    def _load(self):
        if self._model is None:
            try:
                from sentence_transformers import CrossEncoder

                m = CrossEncoder(self.name, local_files_only=True)
            except Exception as e:  # missing path, bad config, no weights: one clear message
                raise ModelError(f"cannot load NLI model {self.name!r}: {e}") from None
            self._labels = label_map(m.model.config.id2label)
            self.four_way = "unrelated" in self._labels.values()
            self._model = m
        return self._model

    def relation_probs(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        model = self._load()
        order = np.argsort([len(a) + len(b) for a, b in pairs], kind="stable")  # batches of like length pad less
        raw = model.predict([pairs[i] for i in order], apply_softmax=False, show_progress_bar=False)
        raw = np.asarray(raw, dtype=np.float64).reshape(len(pairs), -1)
        logits = np.empty_like(raw)
        logits[order] = raw
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        return to_relations(e / e.sum(axis=1, keepdims=True), self._labels)


class PairModelBackend:
    """factrack's own pair model (``compare.pairmodel``), labels from its file."""

    four_way = False

    def __init__(self, path: str | Path | None = None, quantize: bool = False) -> None:
        from factrack.compare.pairmodel import PairModel

        self.model = PairModel(path, quantize=quantize)
        self.name = self.model.name

    def relation_probs(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        p = self.model.probs(pairs)
        labels = label_map(dict(enumerate(self.model.labels)))
        self.four_way = "unrelated" in labels.values()
        return to_relations(p, labels)


def backend(model: str | PairBackend) -> PairBackend:
    if not isinstance(model, str):
        return model
    return PairModelBackend(model) if is_pair_model(model) else CrossEncoderBackend(model)


class NLIScorer:
    """Pair-model probabilities blended with the cue scorer's.

    ``weight`` is the pair model's share of the vote. A model with an ``unrelated`` label votes
    on all four relations; an NLI model on three, and the cue scorer alone says how much is
    unrelated.
    """

    def __init__(self, model: str | PairBackend, base: CueScorer, weight: float = NLI_WEIGHT, *,
                 label: str = "NLI model") -> None:
        self.backend = backend(model)
        self.base = base
        self.weight = weight
        self.label = label  # how the reasons name the model
        self.name = f"nli:{self.backend.name}+{base.name}"

    def nli_probs(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """The pair model's probabilities in RELATIONS order (unrelated is 0 for NLI models)."""
        return self.backend.relation_probs(pairs)

    def reachable(self, base: np.ndarray, floor: float) -> np.ndarray:
        """Pairs whose blend could reach ``floor`` as a contradiction (or an agreement, which a
        denial turns into one): with the model's whole vote, w + (1 - w) * p >= floor."""
        need = (floor - self.weight) / (1 - self.weight) if self.weight < 1 else -1.0
        return (base[:, 0] >= need) | (base[:, 1] >= need)

    def probabilities(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None,
        *, floor: float | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(similarities, blended probabilities, the pair model's own) over RELATIONS. With
        ``floor``, the pair model reads only the pairs that could reach it (the others keep the
        cue scorer's probabilities and a model row of zeros)."""
        sims, blended, nli, _ = self.assess(pairs, vectors, floor=floor)
        return sims, blended, nli

    def assess(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None,
        *, floor: float | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[PairCues]]:
        """``probabilities`` and each pair's cues (found once, for the features and the verdicts)."""
        sims, base, cues = self.base.assess(pairs, vectors)
        nli = np.zeros_like(base)
        run = np.ones(len(pairs), dtype=bool) if floor is None else self.reachable(base, floor)
        if run.any():
            nli[run] = self.nli_probs([p for p, r in zip(pairs, run, strict=True) if r])
        blended = self._blend(base, nli)
        blended[~run] = base[~run]
        return sims, blended, nli, cues

    def _blend(self, base: np.ndarray, nli: np.ndarray) -> np.ndarray:
        w = self.weight
        if self.backend.four_way:
            return w * nli + (1 - w) * base
        related = 1.0 - base[:, 3:4]
        three = base[:, :3] / np.maximum(base[:, :3].sum(axis=1, keepdims=True), 1e-9)
        return np.hstack([related * (w * nli[:, :3] + (1 - w) * three), base[:, 3:4]])

    def score(self, a: str, b: str) -> Verdict:
        return self.score_pairs([(a, b)])[0]

    def score_pairs(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None,
        *, floor: float | None = None,
    ) -> list[Verdict]:
        from factrack.compare.scoring import RELATIONS, build_verdict

        if not pairs:
            return []
        sims, probs, nli, cues = self.assess(pairs, vectors, floor=floor)
        out = []
        for (a, b), s, p, pn, c in zip(pairs, sims, probs, nli, cues, strict=True):
            v = build_verdict(a, b, float(s), p, c)
            if not pn.any():  # not read by the model: the cue scorer's verdict stands
                out.append(v)
                continue
            reason = f"{self.label}: {RELATIONS[int(np.argmax(pn))]} {pn.max():.2f}"
            # ranked like the cue scorer's verdicts: a contradiction no checkable cue explains is
            # discounted even when the model is sure (on corpora/ its surest calls without a cue
            # were mostly pairs from different stories)
            out.append(replace(v, reasons=v.reasons[:-1] + (reason,) + v.reasons[-1:]))
        return out
