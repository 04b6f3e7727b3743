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

from factrack import faults
from factrack.compare import with_polarity
from factrack.compare.cues import analyse
from factrack.normalize import fold

if TYPE_CHECKING:
    from factrack.claims import Claim
    from factrack.compare import Scorer
    from factrack.embed import Embedder
    from factrack.store import Store, StoredStatement

NEIGHBOURS = 20  # dense neighbours per statement
LEXICAL_NEIGHBOURS = 3  # full-text neighbours sharing a figure, per statement with figures
MIN_SIMILARITY = 0.80  # e5: unrelated news scores at most ~0.82; below 0.80 nothing is about the same thing
BATCH = 512
PENDING_CHUNK = 256  # statements whose verdicts are committed together by score_pending
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
    return sorted(_candidates(store, ids, k=k, lexical_k=lexical_k, min_similarity=min_similarity))


def _candidates(store: Store, ids: Sequence[int], *, k: int = NEIGHBOURS, lexical_k: int = LEXICAL_NEIGHBOURS,
                min_similarity: float = MIN_SIMILARITY) -> dict[tuple[int, int], int]:
    """``candidate_pairs`` with, for each pair, the first of ``ids`` whose search found it
    (neighbourhoods are not symmetric: b may be among a's neighbours and not a among b's)."""
    out: dict[tuple[int, int], int] = {}
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
                    out.setdefault((min(i, j), max(i, j)), i)
    if lexical_k:
        order = {i: n for n, i in enumerate(ids)}
        for st in store.statements(ids):
            query = _figures(st.text)
            for j, _ in store.lexical(query, lexical_k + 1) if query else ():
                if j != st.id:
                    pair = (min(st.id, j), max(st.id, j))
                    if pair not in out or order[st.id] < order[out[pair]]:
                        out[pair] = st.id
    return out


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
            verdicts = scorer.score_pairs([(by_id[a].text, by_id[b].text) for a, b in keep], (va, vb),
                                          floor=DEFAULT_MIN_STRENGTH)
            for (a, b), v in zip(keep, verdicts, strict=True):
                v = with_polarity(v, by_id[a], by_id[b])
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
    faults.point("during_scoring")
    store.put_verdicts(rows, scored=new_ids)
    return len(rows)


@dataclass(frozen=True)
class Scored:
    """What one ``score_pending`` call did."""

    statements: int = 0  # statements taken off the to-score list
    pairs: int = 0  # candidate pairs scored
    contradictions: int = 0  # of them judged contradictory


def score_pending(store: Store, scorer: Scorer, progress: Callable[[int, int], None] | None = None,
                  *, chunk: int = PENDING_CHUNK) -> Scored:
    """Score every statement the store still has to score (this run's, or a killed run's).

    Candidate pairs are found once for all of them; each pair belongs to the chunk of the
    statement whose search found it first, and a chunk's verdicts are stored in the transaction
    that takes its statements off the list. A run killed midway keeps the chunks it finished; the
    next run searches again from the statements left, which finds every pair a finished chunk
    did not own (some it did own are found and scored again, to the same verdict): the same
    verdicts as a run never interrupted.
    """
    pending = store.unscored_ids()
    if not pending:
        return Scored()
    order = {i: n for n, i in enumerate(pending)}
    owned: dict[int, list[tuple[int, int]]] = {}
    for pair, finder in sorted(_candidates(store, pending).items()):
        owned.setdefault(order[finder] // chunk, []).append(pair)
    pairs = contradictions = 0
    total = sum(len(p) for p in owned.values())
    for c in range(0, (len(pending) + chunk - 1) // chunk):
        rows = score_store_pairs(store, owned.get(c, []), scorer)
        faults.point("during_scoring")
        store.put_verdicts(rows, scored=pending[c * chunk : (c + 1) * chunk])
        pairs += len(owned.get(c, []))
        contradictions += sum(1 for r in rows if r[2] == "contradiction")
        if progress is not None:
            progress(pairs, total)
    return Scored(len(pending), pairs, contradictions)


def _scoring_plan(store: Store, pair_model: str | None, nli_model: str | None,
                  embedder: Embedder | None) -> tuple[dict[str, Any], str, str | None, bool]:
    """(the scorer's spec, its fingerprint, the store's model name, whether the stored verdicts
    were made by another scorer)."""
    from factrack.compare import scorer_fingerprint

    had = store.scoring()
    spec: dict[str, Any] = {"pair_model": pair_model, "nli_model": nli_model}
    if pair_model is None and nli_model is None and had is not None:
        spec = had[0]  # as the store was built
    model_name = (store.model() or (getattr(embedder, "name", None), 0))[0]
    fingerprint = scorer_fingerprint(spec["pair_model"], spec["nli_model"], model_name=model_name)
    # a store from before fingerprints has verdicts by an unknown scorer
    stale = had[1] != fingerprint if had is not None else has_verdicts(store)
    return spec, fingerprint, model_name, stale


def needs_scoring(store: Store, *, pair_model: str | None = None, nli_model: str | None = None,
                  refresh: bool = True) -> bool:
    """Whether ``refresh_and_score`` has anything to do (a reader asks before taking the lock)."""
    stale = _scoring_plan(store, pair_model, nli_model, None)[3]
    return bool(store.unscored_count()) or (refresh and stale)


def refresh_and_score(store: Store, *, pair_model: str | None = None, nli_model: str | None = None,
                      embedder: Embedder | None = None, refresh: bool = True,
                      progress: Callable[[int, int], None] | None = None) -> Scored:
    """Score what the store has to score, with the scorer the store was built with (or the one
    asked for: ``pair_model``/``nli_model``, which then becomes the store's).

    When that scorer's fingerprint differs from the one the stored verdicts were made with (new
    weights, a new scorer version, another pair model asked for), every verdict is made again,
    resumably, unless ``refresh`` is off. Nothing is loaded when nothing is to score.
    """
    from factrack.compare import get_scorer

    spec, fingerprint, model_name, stale = _scoring_plan(store, pair_model, nli_model, embedder)
    if store.scoring() is None or (stale and refresh):
        store.set_scoring(spec, fingerprint, restart=stale)
    if not store.unscored_count():
        return Scored()
    scorer = get_scorer(embedder, spec["nli_model"], model_name=model_name, pair_model=spec["pair_model"])
    return score_pending(store, scorer, progress)


def dated_within(statements: Iterable[StoredStatement], since: str | None, until: str | None) -> bool:
    """Is any of ``statements`` published within [since, until] (ISO days, either open)? An
    undated statement is in no range: a pair or claim with no dated statement is left out."""
    for s in statements:
        day = (s.published or "")[:10]
        if day and (since is None or day >= since[:10]) and (until is None or day <= until[:10]):
            return True
    return False


def find(store: Store, *, speaker: str | None = None, since: str | None = None, until: str | None = None,
         min_score: float = 0.0, limit: int | None = None) -> list[ContradictionPair]:
    """Stored contradictions, strongest first; ``since``/``until`` (ISO days) keep pairs with a
    statement published in that range; ``speaker`` matches either side (any alias)."""
    dated = since is not None or until is not None
    rows = store.verdicts(relation="contradiction", min_score=min_score, speaker=speaker,
                          limit=None if dated else limit)
    by_id = {s.id: s for s in store.statements(sorted({i for r in rows for i in r[:2]}))}
    out = []
    for a, b, _, score, reasons, name in rows:
        sa, sb = by_id.get(a), by_id.get(b)
        if sa is None or sb is None:
            continue
        if dated and not dated_within((sa, sb), since, until):
            continue
        out.append(ContradictionPair(sa, sb, float(score), tuple(reasons), name))
        if limit is not None and len(out) >= limit:
            break
    return out


def has_verdicts(store: Store) -> bool:
    return bool(store.verdicts(relation=None, limit=1))


def all_ids(store: Store) -> list[int]:
    return [int(i) for i in np.asarray(store.ids()).tolist()]


# ---------------------------------------------------------------------------- claim-level listing
STANCE_SCORE = 0.95  # one claim asserted by some and denied by others: the plainest contradiction there is


@dataclass(frozen=True)
class Side:
    """One side of a claim-level contradiction: the members of a claim that hold one stance."""

    claim: Claim
    stance: str  # toward the claim's label text: for, against
    statements: tuple[StoredStatement, ...]
    best: StoredStatement  # the statement the reason is about

    @property
    def sources(self) -> list[str]:
        return sorted({s.source or s.doc.rsplit("/", 1)[-1] for s in self.statements})

    @property
    def speakers(self) -> list[str]:
        return sorted({s.speaker for s in self.statements if s.speaker})

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim.id, "label": self.claim.label.text, "stance": self.stance,
                "statements": len(self.statements), "sources": self.sources, "speakers": self.speakers,
                "best": self.best.to_dict()}


@dataclass(frozen=True)
class ClaimContradiction:
    """Two sides that cannot both be right: one claim's supporters against its deniers, or two
    claims judged contradictory (a figure, an opposed outcome …), each listed once."""

    a: Side
    b: Side
    score: float
    reasons: tuple[str, ...]
    kind: str  # "stance" (one claim, both sides) or "claims" (two claims)

    def to_dict(self) -> dict[str, Any]:
        return {"score": round(self.score, 4), "kind": self.kind, "reasons": list(self.reasons),
                "a": self.a.to_dict(), "b": self.b.to_dict()}


def _side(claim: Claim, stance: str, best_id: int | None = None) -> Side:
    members = [m.statement for m in claim.members if m.stance == stance]
    best = next((s for s in members if s.id == best_id), members[0])
    return Side(claim, stance, tuple(members), best)


NEGATION_SCORE = 0.9  # one claim, asserted by some and negated in the words of others


def _stance_opposition(claim: Claim, include_self: bool = False) -> tuple[int, int, float, str] | None:
    """The clearest pair of members on opposite sides of a claim, with a reason a reader can check:
    one denies what the other asserts, or the comparison's negation cue finds the predicate the
    other negates. Opposite sides read only from two ``negated`` flags across languages are not
    listed: too often both say the same thing in two ways ("not a gram more" / «لم تصل إلى الألف»)."""
    from factrack.compare.cues import analyse, negation_cues

    def speaker(s: StoredStatement) -> str:
        return s.speaker or s.mention or "one side"

    pro = [m.statement for m in claim.members
           if m.stance == "for" and len(analyse(m.statement.text).tokens) >= MIN_TOKENS]
    con = [m.statement for m in claim.members
           if m.stance == "against" and len(analyse(m.statement.text).tokens) >= MIN_TOKENS]
    best: tuple[int, int, float, str] | None = None
    for a in pro:
        for b in con:
            if a.speaker and a.speaker == b.speaker and not include_self:
                continue
            if (str(a.polarity) == "denies") != (str(b.polarity) == "denies"):
                denier, asserter = (a, b) if str(a.polarity) == "denies" else (b, a)
                return a.id, b.id, STANCE_SCORE, f"{speaker(denier)} denies what {speaker(asserter)} asserts"
            cues = negation_cues(analyse(a.text), analyse(b.text))
            if cues and best is None:
                best = (a.id, b.id, NEGATION_SCORE, f"{speaker(b)} says the opposite of {speaker(a)}: {cues[0]}")
    return best


def _self_only(a: Side, b: Side) -> bool:
    """Both sides are one and the same speaker (a speaker repeating or rephrasing themself)."""
    speakers = set(a.speakers) | set(b.speakers)
    return len(speakers) == 1 and bool(a.speakers) and bool(b.speakers)


def find_claims(store: Store, *, speaker: str | None = None, since: str | None = None, until: str | None = None,
                min_score: float = 0.0, limit: int | None = None,
                include_self: bool = False) -> list[ClaimContradiction]:
    """Claim-level contradictions, strongest first, each pair of sides listed once.

    Two sources: a claim whose members take both stances ("Mansour denies what Fathy asserts"),
    and stored statement verdicts between two different claims, the strongest verdict standing
    for the pair. Verdicts between members of one claim are left out: the claim judge holds them
    to make the same claim. Unless ``include_self``, a speaker is never listed against themself.
    """
    from factrack.claims import load_claims

    rows = store.verdicts(relation="contradiction", min_score=min_score)
    ids = sorted({i for r in rows for i in r[:2]})
    claim_of = store.claim_of(ids)
    split = [c for c, _ in store.claim_ids(min_statements=2)]
    wanted = sorted(set(claim_of.values()) | set(split))
    claims = {c.id: c for c in load_claims(store, wanted)}
    stance_of = {m.statement.id: m.stance for c in claims.values() for m in c.members}
    out: list[ClaimContradiction] = []
    for claim in claims.values():
        found = _stance_opposition(claim, include_self)
        if found is not None and found[2] >= min_score:
            a_id, b_id, score, reason = found
            out.append(ClaimContradiction(_side(claim, "for", a_id), _side(claim, "against", b_id), score, (reason,),
                                          "stance"))
    best: dict[tuple, tuple] = {}  # (side, side) -> the strongest verdict between them
    for a_id, b_id, _, score, reasons, _scorer in rows:
        ca, cb = claim_of.get(a_id), claim_of.get(b_id)
        if ca is None or cb is None or ca == cb or ca not in claims or cb not in claims:
            continue
        key = tuple(sorted(((ca, stance_of.get(a_id) or ""), (cb, stance_of.get(b_id) or ""))))  # the two sides
        if key not in best or score > best[key][0]:
            best[key] = (score, reasons, a_id, b_id)
    for score, reasons, a_id, b_id in best.values():
        claim_a, claim_b = claims[claim_of[a_id]], claims[claim_of[b_id]]
        a, b = _side(claim_a, stance_of[a_id], a_id), _side(claim_b, stance_of[b_id], b_id)
        shown = tuple(r for r in reasons if not r.startswith("similarity"))
        out.append(ClaimContradiction(a, b, float(score), shown, "claims"))
    if not include_self:
        out = [c for c in out if not _self_only(c.a, c.b)]
    if speaker:
        names = set(store.resolve_speaker(speaker))
        out = [c for c in out if names & (set(c.a.speakers) | set(c.b.speakers))]
    if since is not None or until is not None:
        out = [c for c in out if dated_within((*c.a.statements, *c.b.statements), since, until)]
    out.sort(key=lambda c: (-c.score, c.a.claim.id, c.b.claim.id))
    return out[:limit] if limit is not None else out
