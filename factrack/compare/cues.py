"""Checkable signals that two statements disagree: negation flips, differing figures, opposed
stance words, opposed modality.

Embedding similarity cannot tell "will leave" from "will not leave", so these signals are what
the scorer explains itself with. The four detectors compare two texts' analyses
(``compare.analysis``: tokens, table words, negation scope, figures); stance and modality words
map to language-independent concept ids and one shared table of opposed concepts, so an Arabic
"انسحاب" is caught against an English "remain". ``pair_cues`` runs all four once per pair; the
features and the verdict both read its result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from factrack.compare.analysis import (
    NEGATION_WINDOW,
    Analysis,
    Concept,
    NumberContext,
    analyse,
    opposites,
    predicate_keys,
    topic_concepts,
)
from factrack.compare.numbers import PERCENT, Number, same_value, show


@dataclass(frozen=True)
class Cue:
    """One reason, with the words from each side so that a person can check it."""

    kind: str  # "negation", "number", "date", "stance", "modality"
    a: str
    b: str
    detail: str = ""

    def __str__(self) -> str:
        if self.kind == "number":
            unit = f" ({self.detail})" if self.detail else ""
            return f"number differs: {self.a} vs {self.b}{unit}"
        if self.kind == "date":
            return f"date differs: {self.a} vs {self.b}"
        if self.kind == "negation":
            return f"negation flipped on '{self.detail}': {self.a} vs {self.b}"
        return f"opposed {self.kind}: {self.a} vs {self.b}"


def negation_cues(a: Analysis, b: Analysis) -> list[Cue]:
    """A predicate negated on one side and asserted on the other ("will not leave" / "will leave")."""
    out: list[Cue] = []
    for x, y, flip in ((a, b, False), (b, a, True)):
        if not x.governors:
            continue
        shared = (x.negated & predicate_keys(y)) - y.negated
        if not shared:
            continue
        # report the first shared predicate in reading order, as written, with what governs it:
        # the negation before it, or the ending after it ("the *combat* mission will *end*")
        target, word, matched = _first_in_order(x, shared)
        before = [n for n in x.governors if n < target]
        if before:
            phrase_x = f"'{x.words[before[-1]]} … {word}'"
        else:
            phrase_x = f"'{word} … {x.words[min(x.governors, key=lambda n: abs(n - target))]}'"
        word_y = _surface_of(y, matched) or word
        pair = (phrase_x, f"'{word_y}'")
        out.append(Cue("negation", *(pair[::-1] if flip else pair), detail=word))
        break
    return out


def _first_in_order(x: Analysis, keys: frozenset[str]) -> tuple[int, str, frozenset[str]]:
    """The first negated token of ``x`` carrying one of ``keys``: (index, word, its shared keys)."""
    concept_at = {i: c for c in x.concepts for i in range(c.start, c.end)}
    for i in range(len(x.tokens)):
        mine = x.keys[i] | ({concept_at[i].id} if i in concept_at else set())
        if i not in x.governors and keys & mine:
            return i, x.words[i], frozenset(keys & mine)
    return x.governors[0], x.words[x.governors[0]], keys


def _surface_of(y: Analysis, keys: frozenset[str]) -> str | None:
    for c in y.concepts:
        if c.id in keys:
            return c.surface
    for i, k in enumerate(y.keys):
        if k & keys:
            return y.words[i]
    return None


def _opposed(a: tuple[Concept, ...], b: tuple[Concept, ...], an: Analysis, bn: Analysis, kind: str,
             about_same: Callable[[Concept, Concept], bool] | None = None) -> list[Cue]:
    """Concepts opposed across the two texts, each new on its side, with the same polarity (and,
    with ``about_same``, said of the same thing)."""
    opp = opposites()
    ids_a = {c.id for c in a}
    ids_b = {c.id for c in b}
    for ca in a:
        for cb in b:
            if (ca.id, cb.id) not in opp:
                continue
            if cb.id in ids_a and ca.id in ids_b:
                continue  # both sides say both things
            if (ca.id in an.negated) != (cb.id in bn.negated):
                continue  # "will not leave" vs "will stay" agree
            if about_same is not None and not about_same(ca, cb):
                continue
            return [Cue(kind, ca.surface, cb.surface)]
    return []


def _rest(x: Analysis, c: Concept) -> frozenset[str]:
    """The content words and concepts of ``x`` besides the stance word ``c``."""
    own = {f for i in range(c.start, c.end) for f in x.keys[i]}
    return (x.content - own) | frozenset(k.id for k in x.concepts if k.start != c.start)


def _governed(x: Analysis, m: Concept) -> set[str]:
    """Predicate concepts in the window after a modality word: what it says is (un)likely."""
    return {c.id for c in x.concepts if m.end <= c.start < m.end + NEGATION_WINDOW} - topic_concepts()


def stance_cues(a: Analysis, b: Analysis) -> list[Cue]:
    """Opposed stance words ("rose" / "fell"). In one language the two texts must also share a
    word or concept besides them ("exports rose" / "imports fell" share none); across languages
    words cannot be matched, and the pair's closeness in meaning stands in for that test."""
    same_subject = None if a.lang != b.lang else (lambda ca, cb: bool(_rest(a, ca) & _rest(b, cb)))
    return _opposed(a.concepts, b.concepts, a, b, "stance", same_subject)


def modality_cues(a: Analysis, b: Analysis) -> list[Cue]:
    """Opposed modality about the same predicate ("will leave" / "unlikely to leave")."""
    # the first modal word governs the rest: "unlikely … will decrease" says unlikely
    for cue in _opposed(a.modality[:1], b.modality[:1], a, b, "modality"):
        ma = [m for m in a.modality if m.surface == cue.a]
        mb = [m for m in b.modality if m.surface == cue.b]
        if any(_governed(a, x) & _governed(b, y) for x in ma for y in mb):
            return [cue]
    return []


_UNIT_ONLY = frozenset({PERCENT, "%", "\u066a"})  # "a percentage" alone does not say of what


def _same_unit(na: Number, nb: Number) -> bool:
    """Both percentages or both counts, sharing a word or concept beyond the percent sign."""
    return (PERCENT in na.keys) == (PERCENT in nb.keys) and bool((na.keys & nb.keys) - _UNIT_ONLY)


def _same_measure(ca: NumberContext, cb: NumberContext) -> bool:
    """The same measured thing: the same measure ids in both clauses (output is not exports, a
    target is not an actual figure, "from 5,200" is not the figure now), no two different entities,
    no two different years."""
    if ca.measures != cb.measures:
        return False
    if ca.entities and cb.entities and not (ca.entities & cb.entities):
        return False
    return not (ca.years and cb.years and not (ca.years & cb.years))


def _comparable(a: Analysis, b: Analysis, na: Number, nb: Number) -> bool:
    return _same_unit(na, nb) and _same_measure(_context(a, na), _context(b, nb))


def _context(x: Analysis, n: Number) -> NumberContext:
    return x.contexts[x.numbers.index(n)]


def number_cues(a: Analysis, b: Analysis) -> list[Cue]:
    """Figures about the same thing (same unit and same measure, entity and time) that differ,
    each figure paired with its counterpart by context, not by order; years apart."""
    out: list[Cue] = []
    qa = [n for n in a.numbers if not n.is_year]
    qb = [n for n in b.numbers if not n.is_year]
    matched_b: set[int] = set()
    for na in qa:
        same_thing = [nb for nb in qb if _comparable(a, b, na, nb)]
        if not same_thing or any(same_value(na.value, nb.value) for nb in same_thing):
            continue
        ctx = _context(a, na).content
        nb = max(same_thing, key=lambda m: (len(ctx & _context(b, m).content), -abs(m.index - na.index)))
        if nb.index in matched_b:
            continue
        matched_b.add(nb.index)
        shared = sorted((na.keys & nb.keys) - _UNIT_ONLY, key=lambda k: (k not in na.after, k))
        label = next((k.lower() for k in shared if k.isupper()), None) or (shared[0] if shared else na.unit or "")
        pct = "%" if PERCENT in na.keys else ""
        out.append(Cue("number", show(na.value) + pct, show(nb.value) + pct, label))
    # a date differs only for the same event: the years' clauses measure the same thing
    ya = [n for n in a.numbers if n.is_year]
    yb = [n for n in b.numbers if n.is_year]
    if ya and yb and not ({n.value for n in ya} & {n.value for n in yb}):
        pair = next(
            ((x, y) for x in ya for y in yb
             if _same_measure(_without_years(_context(a, x)), _without_years(_context(b, y)))
             and (_context(a, x).content & _context(b, y).content or a.lang != b.lang)),
            None,
        )
        if pair:
            out.append(Cue("date", show(pair[0].value), show(pair[1].value)))
    return out


def _without_years(c: NumberContext) -> NumberContext:
    return NumberContext(c.measures, c.entities, frozenset(), c.content)


@dataclass(frozen=True)
class PairCues:
    """The cues of one pair, by detector: found once, read by the features and the verdict."""

    negation: tuple[Cue, ...]
    number: tuple[Cue, ...]  # differing figures, then a differing date
    stance: tuple[Cue, ...]
    modality: tuple[Cue, ...]

    def all(self) -> list[Cue]:
        """Every cue, in the fixed order the reasons list them."""
        return [*self.negation, *self.number, *self.stance, *self.modality]


def pair_cues(a: str, b: str) -> PairCues:
    """Run the four detectors on two texts."""
    x, y = analyse(a), analyse(b)
    return PairCues(tuple(negation_cues(x, y)), tuple(number_cues(x, y)), tuple(stance_cues(x, y)),
                    tuple(modality_cues(x, y)))


def find_cues(a: str, b: str) -> list[Cue]:
    """Every contradiction cue between two texts, in a fixed order."""
    return pair_cues(a, b).all()


# ``analyse`` and ``predicate_keys`` are read here by older callers (claims, scripts)
__all__ = [
    "Analysis",
    "Cue",
    "PairCues",
    "analyse",
    "find_cues",
    "modality_cues",
    "negation_cues",
    "number_cues",
    "pair_cues",
    "predicate_keys",
    "stance_cues",
]
