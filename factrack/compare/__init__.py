"""Is statement B a contradiction of statement A, the same claim, related, or unrelated?

No NLI model can be had offline and embedding similarity alone cannot tell "will leave" from
"will not leave", so the default scorer combines the shared embedding space (which aligns Arabic
and English) with checkable cues (``cues``) in a small learned classifier (``classifier``, JSON
weights trained by ``scripts/train_compare.py``). A real NLI cross-encoder plugs in through
``get_scorer(embedder, nli_model=...)``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from factrack.compare.cues import Analysis, analyse, find_cues
from factrack.compare.features import FEATURES, feature_matrix, vector_features
from factrack.records import Polarity, Statement

if TYPE_CHECKING:
    from factrack.compare.classifier import Classifier
    from factrack.embed import Embedder

RELATIONS = ("contradiction", "agreement", "neutral", "unrelated")

# Rule thresholds for multilingual-e5-small, used only when no learned weights are available.
# e5 squeezes cosines into 0.7-1.0: translations score 0.93-0.94, unrelated news at most 0.82.
UNRELATED_BELOW = 0.82
AGREEMENT_ABOVE = 0.92


@dataclass(frozen=True)
class Verdict:
    """The relation of a pair, the probability of that relation, and reasons a person can check."""

    relation: str
    score: float
    reasons: tuple[str, ...]
    p_contradiction: float = 0.0  # available whatever the chosen relation
    strength: float = 0.0  # for ranking: p_contradiction discounted without a cue or alignment
    similarity: float = 0.0  # the pair's e5 cosine (also in the reasons, for a reader)

    def to_dict(self) -> dict:
        return {
            "relation": self.relation,
            "score": round(self.score, 4),
            "p_contradiction": round(self.p_contradiction, 4),
            "strength": round(self.strength, 4),
            "reasons": list(self.reasons),
        }


class Scorer(Protocol):
    name: str

    def score(self, a: str, b: str) -> Verdict: ...

    def score_pairs(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None,
        *, floor: float | None = None,
    ) -> list[Verdict]:
        """Verdicts for many pairs. ``floor``: only contradictions (or, with a denial, agreements)
        at least this probable matter to the caller, so work that cannot lift a pair to it may be
        skipped (the pair model, for pairs the cues leave far below it)."""
        ...


MAX_OWN_WORDS = 8  # more content words than this on one side only: two different texts, no swap to name


def _own_phrases(x: Analysis, other: frozenset[str]) -> tuple[list[str], int]:
    """The phrases of ``x`` made of content words the other side lacks (runs of such words,
    with the small words between them), as written, and how many such words there are."""
    def own(i: int) -> bool:
        w, k = x.words[i], x.keys[i]
        return bool(k & x.content) and not (k & other) and len(w) > 2 and not any(ch.isdigit() for ch in w)

    phrases: list[str] = []
    run: list[int] = []
    count = 0
    for i in range(len(x.words)):
        if own(i):
            count += 1
            run.append(i)
        elif x.keys[i] & x.content or any(ch.isdigit() for ch in x.words[i]):  # a shared word ends the run
            if run:
                phrases.append(" ".join(x.words[run[0] : run[-1] + 1]))
            run = []
    if run:
        phrases.append(" ".join(x.words[run[0] : run[-1] + 1]))
    return phrases, count


def _word_reasons(a: str, b: str) -> list[str]:
    """Same-language pairs: what was swapped, as each side's own phrases ('A says "occupying
    forces" where B says "withdrawal timetable"'); nothing when the texts share too little for a
    swap to mean anything, or one side only adds words."""
    x, y = analyse(a), analyse(b)
    if x.lang != y.lang:
        return []
    only_a, n_a = _own_phrases(x, y.content)
    only_b, n_b = _own_phrases(y, x.content)
    if not only_a or not only_b or n_a + n_b > MAX_OWN_WORDS:
        return []

    def said(phrases: list[str]) -> str:
        return " … ".join(f'"{p}"' for p in phrases[:2]) + (" …" if len(phrases) > 2 else "")

    return [f"wording differs: A says {said(only_a)} where B says {said(only_b)}"]


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
        pairs = list(pairs)
        va, vb = vectors if vectors is not None else self._vectors(pairs)
        sims = np.sum(np.asarray(va, dtype=np.float32) * np.asarray(vb, dtype=np.float32), axis=1)
        x = feature_matrix(pairs, sims)
        if self.classifier is not None:
            model = self.classifier.for_model(self.model_name, np.shape(va)[1])
            if model.vector_dim:
                x = np.hstack([x, vector_features(va, vb)])
            p = model.predict_proba(x)
            order = [model.classes.index(r) for r in RELATIONS]
            return sims, p[:, order]
        return sims, np.stack([_rule_probs(row) for row in x])

    def score_pairs(
        self, pairs: Sequence[tuple[str, str]], vectors: tuple[np.ndarray, np.ndarray] | None = None,
        *, floor: float | None = None,
    ) -> list[Verdict]:
        if not pairs:
            return []
        sims, probs = self.probabilities(pairs, vectors)
        return [verdict(a, b, float(s), p) for (a, b), s, p in zip(pairs, sims, probs)]


# Ranking store-wide contradictions: the strongest are explained by a checkable cue (negation
# flip, differing figure or date, opposed stance or modality) and about the same claim (close in
# e5's meaning space). Pairs judged contradictory without a cue, or far apart, keep their
# relation but rank lower (a hard cue requirement lost half the contradictions of the
# development pairs, which often oppose without any table word).
NO_CUE_KEEP = 0.5
ALIGNED_ABOVE = 0.84  # e5 cosine: below it two statements are rarely about the same claim
UNALIGNED_KEEP = 0.6


def strength(p_contradiction: float, has_cue: bool, sim: float) -> float:
    """The contradiction probability discounted when no cue explains it or the pair is not aligned."""
    return p_contradiction * (1.0 if has_cue else NO_CUE_KEEP) * (1.0 if sim >= ALIGNED_ABOVE else UNALIGNED_KEEP)


def _rule_probs(row: np.ndarray) -> np.ndarray:
    """Hand-set probabilities from the features, for when no trained weights are present."""
    f = dict(zip(FEATURES, row))
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


# Two statements close in meaning that give different figures for the same measured thing
# (the cue checks the unit, the measure and the entities) contradict, whatever the learned parts
# say: "2,500 vs 3,500 troops" is what a fact-checker wants listed, and both the classifier and
# the pair model read such pairs as paraphrases (docs/compare.md, round 6).
FIGURE_P = 0.85


def verdict(a: str, b: str, sim: float, p: np.ndarray) -> Verdict:
    cues = find_cues(a, b)
    if sim >= ALIGNED_ABOVE and any(c.kind == "number" for c in cues) and p[0] < FIGURE_P:
        p = np.asarray(p, dtype=float).copy()
        p *= (1 - FIGURE_P) / max(1 - p[0], 1e-9)
        p[0] = FIGURE_P
    i = int(np.argmax(p))
    relation = RELATIONS[i]
    reasons = [str(c) for c in cues]
    has_cue = bool(reasons)
    if relation == "contradiction" and not reasons:
        reasons += _word_reasons(a, b) or ["no cue word: judged from meaning by the classifier"]
    reasons.append(f"similarity {sim:.2f}")
    return Verdict(relation, float(p[i]), tuple(reasons), float(p[0]), strength(float(p[0]), has_cue, sim), sim)


def with_polarity(v: Verdict, a: Statement, b: Statement) -> Verdict:
    """The verdict on two statements' texts, turned by their speakers' stances.

    A statement's text is the claim its speaker reports, also when the speaker denies it
    ("Mansour denied that the loaf's weight had changed" is stored as "the loaf's weight had
    changed", polarity denies). So when exactly one side denies, agreement of the texts is a
    contradiction of the speakers and the other way round; a question takes no side (a
    contradiction becomes neutral)."""
    pa, pb = a.polarity, b.polarity
    if Polarity.QUESTIONS in (pa, pb):
        if v.relation != "contradiction":
            return v
        who = a if pa is Polarity.QUESTIONS else b
        return replace(v, relation="neutral", strength=0.0,
                       reasons=(f"{who.speaker or 'one side'} only questions it", *v.reasons))
    if (pa is Polarity.DENIES) == (pb is Polarity.DENIES):
        return v
    denier, asserter = (a, b) if pa is Polarity.DENIES else (b, a)
    reason = f"{denier.speaker or 'one side'} denies what {asserter.speaker or 'the other'} asserts"
    if v.relation == "agreement":
        return replace(v, relation="contradiction", reasons=(reason, *v.reasons), p_contradiction=v.score,
                       strength=strength(v.score, True, v.similarity))
    if v.relation == "contradiction":
        return replace(v, relation="agreement", score=v.p_contradiction, reasons=(f"{reason}: both reject it", *v.reasons),
                       p_contradiction=0.0, strength=0.0)
    return v


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


__all__ = ["RELATIONS", "CueScorer", "Scorer", "Verdict", "get_scorer", "scorer_fingerprint", "with_polarity"]
