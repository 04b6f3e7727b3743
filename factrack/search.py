"""Hybrid lookup: dense (FAISS) and lexical (FTS5/BM25) retrieval fused by reciprocal rank,
answered by claim.

Dense retrieval crosses languages (an Arabic query finds English statements) and paraphrase;
lexical retrieval catches exact names and figures that embeddings blur. Reciprocal rank fusion
needs no score calibration between the two, which matters because e5 squeezes cosine scores
into a narrow band. The lexical side only ever matches the query's own language, so plain fusion
pushes the other language's statements down (on 30 translation queries every miss was one): a
statement in another language than the query's gets its dense rank a second time in place of
the lexical rank it cannot have. Filters are applied inside both retrievers, not after, so a
selective filter still returns k hits.

``lookup_claims`` groups the fused ranking by claim (``factrack.claims``): each hit is a claim
with its best-matching statement first and the claim's other statements (other outlets, the
other language) under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factrack.dates import date_range
from factrack.errors import InputError
from factrack.records import Polarity
from factrack.store import SearchFilter, Store, StoredStatement

if TYPE_CHECKING:
    from factrack.claims import Claim

RRF_K = 60  # the usual constant: damps the weight of the very first ranks
POLARITIES = tuple(str(p) for p in Polarity)
MIN_DEPTH = 50  # candidates taken from each retriever, at least
# Bounds on a query: embedding and full-text cost grow with its length (5,000 characters took
# 41 s), and the retrievers allocate for 5k candidates (k = 10^9 asked for 37 GiB).
MAX_QUERY_CHARS = 1000
MAX_K = 1000


@dataclass(frozen=True)
class Hit:
    """One lookup result: the stored statement, its fused score, and who contradicts it."""

    statement: StoredStatement
    score: float  # reciprocal-rank-fusion score (higher is better; not a probability)
    similarity: float | None = None  # cosine with the query when the dense retriever found it
    contradicted_by: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = self.statement.to_dict()
        d.update(score=round(self.score, 6), similarity=None if self.similarity is None else round(self.similarity, 4),
                 contradicted_by=list(self.contradicted_by))
        return d


def rrf(rankings: list[list[int]], k: int = RRF_K) -> dict[int, float]:
    """Reciprocal rank fusion: each list adds 1/(k + rank) to the ids it ranks (rank from 1)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, i in enumerate(ranking, 1):
            fused[i] = fused.get(i, 0.0) + 1.0 / (k + rank)
    return fused


def lookup(
    store: Store,
    query: str,
    *,
    embedder: Any = None,
    k: int = 10,
    speaker: str | None = None,
    lang: str | None = None,
    kind: str | None = None,
    polarity: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Hit]:
    """The ``k`` statements best matching ``query`` under the filters.

    ``embedder`` defaults to the fast query embedder for the store's model; ``speaker`` matches
    any alias of a speaker in either language.
    """
    _check_k(k)
    fused, similarity = _ranked(store, query, embedder=embedder, depth=max(MIN_DEPTH, 5 * k), speaker=speaker,
                                lang=lang, kind=kind, polarity=polarity, source=source, since=since, until=until)
    best = sorted(fused, key=lambda i: (-fused[i], i))[:k]
    against = store.contradicted_by(best)
    return [
        Hit(statement=s, score=fused[s.id], similarity=similarity.get(s.id), contradicted_by=against.get(s.id, []))
        for s in store.statements(best)
    ]


def _ranked(store: Store, query: str, *, embedder: Any = None, depth: int, speaker: str | None = None,
            lang: str | None = None, kind: str | None = None, polarity: str | None = None, source: str | None = None,
            since: str | None = None, until: str | None = None) -> tuple[dict[int, float], dict[int, float]]:
    """(fused score by statement id, cosine with the query by id) of the statements matching ``query``.

    ``since`` and ``until`` take any form of ``factrack.dates``; statements of undated articles
    are left out when either is given."""
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"the query has {len(query):,} characters; at most {MAX_QUERY_CHARS:,} are accepted "
                         "(look up a sentence or a claim, not an article)")
    since, until = date_range(since, until)
    model = store.model()
    if model is None or depth <= 0 or not query.strip():
        return {}, {}
    if embedder is None:
        from factrack.embed import query_embedder

        embedder = query_embedder(model[0])
    store.check_model(embedder.name)
    if polarity is not None and polarity not in POLARITIES:
        raise InputError(f"unknown polarity {polarity!r} (expected one of {', '.join(POLARITIES)})")
    flt = SearchFilter(
        speakers=store.resolve_speaker(speaker) if speaker else None,
        lang=lang, kind=kind, polarity=polarity, source=source, since=since, until=until,
    )
    allowed = None if flt.is_empty() else store.filtered_ids(flt)
    if allowed is not None and not allowed:
        return {}, {}

    from factrack.lang import detect

    query_lang = detect(query)
    # centred on the query's language like the index (an undetected language is left uncentred)
    scores, ids = store.nearest(embedder.embed([query]), depth, allowed=allowed, langs=[query_lang])
    dense = [int(i) for i in ids[0] if i >= 0]
    similarity = {int(i): float(s) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0}
    lexical = [i for i, _ in store.lexical(query, depth, flt)]
    fused = rrf([dense, lexical])
    if query_lang is not None:  # the other language cannot match words: its dense rank counts twice
        for rank, (i, code) in enumerate(zip(dense, store.langs(dense), strict=True), 1):
            if code is not None and code != query_lang:
                fused[i] += 1.0 / (RRF_K + rank)
    return fused, similarity


@dataclass(frozen=True)
class ClaimHit:
    """One claim matching a lookup: its best-matching statement, then the claim's other statements."""

    claim: Claim
    best: Hit
    score: float  # the best-matching statement's fused score

    def to_dict(self) -> dict[str, Any]:
        others = [m.to_dict() for m in self.claim.members if m.statement.id != self.best.statement.id]
        best_stance = next((m.stance for m in self.claim.members if m.statement.id == self.best.statement.id), None)
        return {**self.claim.to_dict(members=False), "score": round(self.score, 6),
                "best": {**self.best.to_dict(), "stance": best_stance}, "others": others}


def lookup_claims(store: Store, query: str, *, k: int = 10, **options: Any) -> list[ClaimHit]:
    """The ``k`` claims best matching ``query``: the fused statement ranking grouped by claim.

    The filters (as in ``lookup``) choose which statements may match; each claim then shows all its
    statements, in both languages."""
    from factrack.claims import load_claims

    _check_k(k)
    # several statements of one claim compete for the top ranks: look as deep as a statement
    # lookup of 5k statements would
    fused, similarity = _ranked(store, query, depth=5 * max(MIN_DEPTH, 5 * k), **options)
    ranked = sorted(fused, key=lambda i: (-fused[i], i))[: max(MIN_DEPTH, 5 * k)]
    claim_of = store.claim_of(ranked)
    best: dict[int, int] = {}  # claim id -> its best-matching statement id, in rank order
    for i in ranked:
        cid = claim_of.get(i)
        if cid is not None and cid not in best:
            best[cid] = i
            if len(best) >= k:
                break
    claims = {c.id: c for c in load_claims(store, list(best))}
    against = store.contradicted_by(list(best.values()))
    out = []
    for cid, sid in best.items():
        claim = claims.get(cid)
        statement = next((m.statement for m in claim.members if m.statement.id == sid), None) if claim else None
        if claim is None or statement is None:
            continue
        hit = Hit(statement=statement, score=fused[sid], similarity=similarity.get(sid),
                  contradicted_by=against.get(sid, []))
        out.append(ClaimHit(claim, hit, fused[sid]))
    return out


def speaker_statements(store: Store, name: str, *, since: str | None = None,
                       until: str | None = None) -> list[StoredStatement]:
    """All statements of the speaker ``name`` (any alias), oldest first; ``since``/``until`` (any
    form of ``factrack.dates``) keep those of articles published in the range, undated ones left out."""
    since, until = date_range(since, until)
    names = store.resolve_speaker(name)
    return store.filtered_statements(SearchFilter(speakers=names, since=since, until=until), by_date=True)


def _check_k(k: int) -> None:
    if not 1 <= k <= MAX_K:
        raise InputError(f"-k must be between 1 and {MAX_K:,} (got {k:,})")
