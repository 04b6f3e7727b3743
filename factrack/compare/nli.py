"""A real NLI cross-encoder, for users who have one, combined with the cue scorer.

The label order of NLI models differs from model to model, so it is read from the model's
config (``id2label``), never assumed. The cross-encoder decides between contradiction,
entailment (agreement) and neutral; the cue scorer still supplies the "unrelated" mass, the
reasons, and half of the vote, so the cues keep their say when the model is weak.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from factrack.errors import ModelError

if TYPE_CHECKING:
    from factrack.compare import CueScorer, Verdict

NLI_WEIGHT = 0.5  # share of the cross-encoder in the combined probabilities
_LABEL_WORDS = {
    "contradiction": ("contradict",),
    "agreement": ("entail", "agree", "paraphrase"),
    "neutral": ("neutral",),
    "unrelated": ("unrelated",),  # optional: factrack's own pair model has it, NLI models do not
}
_REQUIRED = ("contradiction", "agreement", "neutral")


def label_map(id2label: dict) -> dict[int, str]:
    """Model output index → factrack relation, from the config's label names."""
    out: dict[int, str] = {}
    for i, name in id2label.items():
        low = str(name).lower()
        for relation, words in _LABEL_WORDS.items():
            if any(w in low for w in words):
                out[int(i)] = relation
    if not set(_REQUIRED) <= set(out.values()):
        raise ModelError(f"cannot read NLI labels from id2label {dict(id2label)}: need contradiction, entailment, neutral")
    return out


def is_adapter(model: str) -> bool:
    """A pair-adapter file rather than a CrossEncoder folder or name."""
    return model.endswith(".safetensors") and Path(model).is_file()


class NLIScorer:
    """CrossEncoder probabilities blended with the cue scorer's.

    ``model`` is a CrossEncoder path or name, or a pair-adapter file (``*.safetensors``) made by
    ``scripts/train_adapter.py``, built into a CrossEncoder on first use (``compare/adapter.py``).
    ``weight`` is the cross-encoder's share of the vote. A model with an ``unrelated`` label votes
    on all four relations; an NLI model on three, and the cue scorer alone says how much is
    unrelated.
    """

    def __init__(self, model: str, base: CueScorer, weight: float = NLI_WEIGHT):
        self.model_name = model
        self.base = base
        self.weight = weight
        self.name = f"nli:{model}+{base.name}"
        self._model = None
        self._labels: dict[int, str] | None = None

    def _load(self):
        if self._model is None:
            try:
                from sentence_transformers import CrossEncoder

                path = self.model_name
                if is_adapter(path):
                    from factrack.compare.adapter import ensure_built

                    path = str(ensure_built(Path(path)))
                m = CrossEncoder(path, local_files_only=True)
            except ModelError:
                raise
            except Exception as e:  # missing path, bad config, no weights: one clear message
                raise ModelError(f"cannot load NLI model {self.model_name!r}: {e}") from None
            self._labels = label_map(m.model.config.id2label)
            self._model = m
        return self._model

    @property
    def four_way(self) -> bool:
        self._load()
        return "unrelated" in (self._labels or {}).values()

    def nli_probs(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Cross-encoder probabilities in RELATIONS order (the unrelated column is 0 for NLI models)."""
        from factrack.compare import RELATIONS

        model = self._load()
        assert self._labels is not None
        order = np.argsort([len(a) + len(b) for a, b in pairs], kind="stable")  # batches of like length pad less
        raw = model.predict([pairs[i] for i in order], apply_softmax=False, show_progress_bar=False)
        raw = np.asarray(raw, dtype=np.float64).reshape(len(pairs), -1)
        logits = np.empty_like(raw)
        logits[order] = raw
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        out = np.zeros((len(pairs), len(RELATIONS)))
        for i, rel in self._labels.items():
            out[:, RELATIONS.index(rel)] += p[:, i]
        return out

    def probabilities(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(similarities, blended probabilities, the cross-encoder's own) over RELATIONS."""
        sims, base = self.base.probabilities(pairs, vectors)
        nli = self.nli_probs(pairs)
        w = self.weight
        if self.four_way:
            return sims, w * nli + (1 - w) * base, nli
        related = 1.0 - base[:, 3:4]
        three = base[:, :3] / np.maximum(base[:, :3].sum(axis=1, keepdims=True), 1e-9)
        return sims, np.hstack([related * (w * nli[:, :3] + (1 - w) * three), base[:, 3:4]]), nli

    def score(self, a: str, b: str) -> Verdict:
        return self.score_pairs([(a, b)])[0]

    def score_pairs(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None
    ) -> list[Verdict]:
        from factrack.compare import RELATIONS, Verdict, strength
        from factrack.compare import _verdict as base_verdict

        if not pairs:
            return []
        sims, probs, nli = self.probabilities(pairs, vectors)
        who = "pair model" if is_adapter(self.model_name) else "NLI model"
        out = []
        for (a, b), s, p, pn in zip(pairs, sims, probs, nli):
            v = base_verdict(a, b, float(s), p)
            nli_reason = f"{who}: {RELATIONS[int(np.argmax(pn))]} {pn.max():.2f}"
            # the model is itself a reason: no table cue is required for a strong contradiction
            out.append(Verdict(v.relation, v.score, v.reasons[:-1] + (nli_reason,) + v.reasons[-1:], v.p_contradiction,
                               strength(v.p_contradiction, True, float(s))))
        return out
