"""Verdicts: what the scorers return, and how one is built from a pair's probabilities and cues.

``build_verdict`` is the one builder every scorer uses (the cue scorer, and the blend with a
pair model in ``nli``): the likeliest relation, its probability, the checkable reasons (the
pair's cues, else the swapped wording), and the ranking strength that discounts a contradiction
no cue explains. ``with_polarity`` turns a verdict on two texts by their speakers' stances.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

import numpy as np

from factrack.compare.analysis import Analysis, analyse
from factrack.compare.cues import PairCues, pair_cues
from factrack.records import Polarity, Statement

RELATIONS = ("contradiction", "agreement", "neutral", "unrelated")


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


# Two statements close in meaning that give different figures for the same measured thing
# (the cue checks the unit, the measure and the entities) contradict, whatever the learned parts
# say: "2,500 vs 3,500 troops" is what a fact-checker wants listed, and both the classifier and
# the pair model read such pairs as paraphrases (docs/compare.md, round 6).
FIGURE_P = 0.85


def build_verdict(a: str, b: str, sim: float, p: np.ndarray, cues: PairCues | None = None) -> Verdict:
    """The verdict on a pair from its similarity and relation probabilities (``RELATIONS`` order):
    the likeliest relation, with the pair's cues as reasons. ``cues``: the pair's cues when the
    caller has found them already (the features did), else they are found here."""
    found = (cues if cues is not None else pair_cues(a, b)).all()
    if sim >= ALIGNED_ABOVE and any(c.kind == "number" for c in found) and p[0] < FIGURE_P:
        p = np.asarray(p, dtype=float).copy()
        p *= (1 - FIGURE_P) / max(1 - p[0], 1e-9)
        p[0] = FIGURE_P
    i = int(np.argmax(p))
    relation = RELATIONS[i]
    reasons = [str(c) for c in found]
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
        return replace(v, relation="agreement", score=v.p_contradiction,
                       reasons=(f"{reason}: both reject it", *v.reasons),
                       p_contradiction=0.0, strength=0.0)
    return v
