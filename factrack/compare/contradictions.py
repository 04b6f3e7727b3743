"""Contradictions across the whole store, scored incrementally.

Scoring every pair of statements is quadratic; contradictions are about the same thing, so only
candidate pairs are scored: FAISS neighbours near in meaning (any language, any speaker) plus
full-text neighbours sharing a figure. The nightly ``index`` run calls
``update`` with the ids it just added, so only pairs involving new statements are scored; the
verdicts are stored and ``find`` lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from factrack.compare.cues import analyse
from factrack.normalize import fold

if TYPE_CHECKING:
    from factrack.compare import Scorer
    from factrack.store import Store, StoredStatement

NEIGHBOURS = 20  # dense neighbours per statement
LEXICAL_NEIGHBOURS = 3  # full-text neighbours sharing a figure, per statement with figures
MIN_SIMILARITY = 0.80  # e5: unrelated news scores at most ~0.82; below 0.80 nothing is about the same thing
BATCH = 512
MIN_TOKENS = 4  # a two-word fragment ("badly understate") is not a claim that can be contradicted
# The listing's default floor on strength: on corpora/ it lists 167 of the 1,862 pairs judged
# contradictory, the seed story's three among them (docs/compare.md); set on that development story.
DEFAULT_MIN_STRENGTH = 0.7


@dataclass(frozen=True)
class ContradictionPair:
    """Two stored statements judged contradictory, strongest first when listed."""

    a: StoredStatement
    b: StoredStatement
    score: float
    reasons: tuple[str, ...]
    scorer: str

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "reasons": list(self.reasons), "scorer": self.scorer,
                "a": self.a.to_dict(), "b": self.b.to_dict()}


def _comparable(a: StoredStatement, b: StoredStatement) -> bool:
    """Not the same words twice in one article (a repeated claim), and neither a mere fragment."""
    if len(analyse(a.text).tokens) < MIN_TOKENS or len(analyse(b.text).tokens) < MIN_TOKENS:
        return False
    return not (a.doc == b.doc and fold(a.text).strip() == fold(b.text).strip())


def candidate_pairs(store: Store, ids: Sequence[int], *, k: int = NEIGHBOURS, lexical_k: int = LEXICAL_NEIGHBOURS,
                    min_similarity: float = MIN_SIMILARITY) -> list[tuple[int, int]]:
    """Pairs (a < b) with at least one side in ``ids``: dense neighbours above ``min_similarity``
    and full-text neighbours sharing a figure."""
    out: set[tuple[int, int]] = set()
    ids = [int(i) for i in ids]
    for s in range(0, len(ids), BATCH):
        chunk = ids[s : s + BATCH]
        langs = {st.id: st.lang for st in store.statements(chunk)}
        vecs = store.vectors(chunk)
        # neighbours are found in the index's language-centred space (better across languages),
        # but the threshold is on the raw e5 cosine, the scale MIN_SIMILARITY was set on
        _, nbrs = store.nearest(vecs, k + 1, langs=[langs.get(i) for i in chunk])
        found = sorted({int(j) for row in nbrs for j in row if j >= 0})
        raw = dict(zip(found, store.vectors(found), strict=True))
        for i, v, row_n in zip(chunk, vecs, nbrs, strict=True):
            for j in (int(j) for j in row_n):
                if j >= 0 and j != i and float(v @ raw[j]) >= min_similarity:
                    out.add((min(i, j), max(i, j)))
    if lexical_k:
        for st in store.statements(ids):
            query = _figures(st.text)
            for j, _ in store.lexical(query, lexical_k + 1) if query else ():
                if j != st.id:
                    out.add((min(st.id, j), max(st.id, j)))
    return sorted(out)


def _figures(text: str) -> str:
    """The figures of a statement as a full-text query: statements giving the same figure
    are candidates even when far apart in meaning-space (a query of every word is slow
    and matches on common words)."""
    return " ".join(n.raw for n in analyse(text).numbers if not n.is_year)


def score_store_pairs(store: Store, pairs: Sequence[tuple[int, int]], scorer: Scorer,
                      progress: Callable[[int, int], None] | None = None) -> list[tuple]:
    """Verdict rows for pairs of stored statements, from their stored vectors (never re-embedded)."""
    rows: list[tuple] = []
    for s in range(0, len(pairs), BATCH):
        chunk = pairs[s : s + BATCH]
        need = sorted({i for p in chunk for i in p})
        by_id = {st.id: st for st in store.statements(need)}
        vecs = store.vectors(need)
        row = {i: n for n, i in enumerate(need)}
        keep = [(a, b) for a, b in chunk if a in by_id and b in by_id and _comparable(by_id[a], by_id[b])]
        if keep:
            va = vecs[[row[a] for a, _ in keep]]
            vb = vecs[[row[b] for _, b in keep]]
            verdicts = scorer.score_pairs([(by_id[a].text, by_id[b].text) for a, b in keep], (va, vb))
            for (a, b), v in zip(keep, verdicts):
                # contradictions are listed by strength: cue-explained, same-claim pairs first
                score = v.strength if v.relation == "contradiction" else v.score
                rows.append((a, b, v.relation, score, list(v.reasons), scorer.name))
        if progress:
            progress(min(s + BATCH, len(pairs)), len(pairs))
    return rows


def update(store: Store, new_ids: Iterable[int], scorer: Scorer,
           progress: Callable[[int, int], None] | None = None) -> int:
    """Score the candidate pairs that involve ``new_ids`` and store the verdicts; returns pairs scored."""
    new_ids = list(new_ids)
    if not new_ids:
        return 0
    rows = score_store_pairs(store, candidate_pairs(store, new_ids), scorer, progress)
    store.put_verdicts(rows)
    return len(rows)


def find(store: Store, *, speaker: str | None = None, since: str | None = None, min_score: float = 0.0,
         limit: int | None = None) -> list[ContradictionPair]:
    """Stored contradictions, strongest first; ``since`` keeps pairs with a statement published on or
    after that ISO date; ``speaker`` matches either side (any alias)."""
    rows = store.verdicts(relation="contradiction", min_score=min_score, speaker=speaker,
                          limit=None if since else limit)
    by_id = {s.id: s for s in store.statements(sorted({i for r in rows for i in r[:2]}))}
    out = []
    for a, b, _, score, reasons, name in rows:
        sa, sb = by_id.get(a), by_id.get(b)
        if sa is None or sb is None:
            continue
        if since and max((sa.published or "")[:10], (sb.published or "")[:10]) < since[:10]:
            continue
        out.append(ContradictionPair(sa, sb, float(score), tuple(reasons), name))
        if limit is not None and len(out) >= limit:
            break
    return out


def has_verdicts(store: Store) -> bool:
    return bool(store.verdicts(relation=None, limit=1))


def all_ids(store: Store) -> list[int]:
    return [int(i) for i in np.asarray(store.ids()).tolist()]
