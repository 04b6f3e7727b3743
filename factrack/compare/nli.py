"""A real NLI cross-encoder, for users who have one, combined with the cue scorer.

The label order of NLI models differs from model to model, so it is read from the model's
config (``id2label``), never assumed. The cross-encoder decides between contradiction,
entailment (agreement) and neutral; the cue scorer still supplies the "unrelated" mass, the
reasons, and half of the vote, so the cues keep their say when the model is weak.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from factrack.errors import ModelError

if TYPE_CHECKING:
    from factrack.compare import CueScorer, Verdict

NLI_WEIGHT = 0.5  # share of the cross-encoder in the combined probabilities
_LABEL_WORDS = {"contradiction": ("contradict",), "agreement": ("entail", "agree", "paraphrase"), "neutral": ("neutral",)}


def label_map(id2label: dict) -> dict[int, str]:
    """Model output index → factrack relation, from the config's label names."""
    out: dict[int, str] = {}
    for i, name in id2label.items():
        low = str(name).lower()
        for relation, words in _LABEL_WORDS.items():
            if any(w in low for w in words):
                out[int(i)] = relation
    if sorted(set(out.values())) != sorted(_LABEL_WORDS):
        raise ModelError(f"cannot read NLI labels from id2label {dict(id2label)}: need contradiction, entailment, neutral")
    return out


class NLIScorer:
    """CrossEncoder probabilities blended with the cue scorer's."""

    def __init__(self, model: str, base: CueScorer):
        self.model_name = model
        self.base = base
        self.name = f"nli:{model}+{base.name}"
        self._model = None
        self._labels: dict[int, str] | None = None

    def _load(self):
        if self._model is None:
            try:
                from sentence_transformers import CrossEncoder

                m = CrossEncoder(self.model_name, local_files_only=True)
            except Exception as e:  # missing path, bad config, no weights: one clear message
                raise ModelError(f"cannot load NLI model {self.model_name!r}: {e}") from None
            self._labels = label_map(m.model.config.id2label)
            self._model = m
        return self._model

    def nli_probs(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Cross-encoder probabilities in the order (contradiction, agreement, neutral)."""
        model = self._load()
        assert self._labels is not None
        logits = np.asarray(model.predict(list(pairs), apply_softmax=False, show_progress_bar=False), dtype=np.float64)
        logits = logits.reshape(len(pairs), -1)
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
        out = np.zeros((len(pairs), 3))
        for i, rel in self._labels.items():
            out[:, ("contradiction", "agreement", "neutral").index(rel)] += p[:, i]
        return out

    def score(self, a: str, b: str) -> Verdict:
        return self.score_pairs([(a, b)])[0]

    def score_pairs(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None
    ) -> list[Verdict]:
        from factrack.compare import RELATIONS, Verdict, strength
        from factrack.compare import _verdict as base_verdict

        if not pairs:
            return []
        sims, base = self.base.probabilities(pairs, vectors)
        nli = self.nli_probs(pairs)
        out = []
        for (a, b), s, pb, pn in zip(pairs, sims, base, nli):
            related = 1.0 - pb[3]
            pb3 = pb[:3] / max(pb[:3].sum(), 1e-9)
            p = np.append(related * (NLI_WEIGHT * pn + (1 - NLI_WEIGHT) * pb3), pb[3])
            v = base_verdict(a, b, float(s), p)
            nli_reason = f"NLI model: {RELATIONS[int(np.argmax(pn))]} {pn.max():.2f}"
            # the NLI model is itself a reason: no table cue is required for a strong contradiction
            out.append(Verdict(v.relation, v.score, v.reasons[:-1] + (nli_reason,) + v.reasons[-1:], v.p_contradiction,
                               strength(v.p_contradiction, True, float(s))))
        return out
