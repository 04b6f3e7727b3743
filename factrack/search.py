"""Hybrid lookup: dense (FAISS) and lexical (FTS5/BM25) retrieval fused by reciprocal rank.

Dense retrieval crosses languages (an Arabic query finds English statements) and paraphrase;
lexical retrieval catches exact names and figures that embeddings blur. Reciprocal rank fusion
needs no score calibration between the two, which matters because e5 squeezes cosine scores
into a narrow band. Filters are applied inside both retrievers, not after, so a selective filter
still returns k hits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from factrack.errors import InputError
from factrack.store import SearchFilter, Store, StoredStatement, default_path

RRF_K = 60  # the usual constant: damps the weight of the very first ranks
MIN_DEPTH = 50  # candidates taken from each retriever, at least


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
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Hit]:
    """The ``k`` statements best matching ``query`` under the filters.

    ``embedder`` defaults to the fast query embedder for the store's model; ``speaker`` matches
    any alias of a speaker in either language.
    """
    for d in (since, until):
        _check_date(d)
    model = store.model()
    if model is None or k <= 0 or not query.strip():
        return []
    if embedder is None:
        from factrack.embed import query_embedder

        embedder = query_embedder(model[0])
    store.check_model(embedder.name)
    flt = SearchFilter(
        speakers=store.resolve_speaker(speaker) if speaker else None,
        lang=lang, kind=kind, source=source, since=since, until=until,
    )
    allowed = None if flt.is_empty() else store.filtered_ids(flt)
    if allowed is not None and not allowed:
        return []
    depth = max(MIN_DEPTH, 5 * k)

    from factrack.lang import detect

    # centred on the query's language like the index (an undetected language is left uncentred)
    scores, ids = store.nearest(embedder.embed([query]), depth, allowed=allowed, langs=[detect(query)])
    dense = [int(i) for i in ids[0] if i >= 0]
    similarity = {int(i): float(s) for s, i in zip(scores[0], ids[0], strict=True) if i >= 0}
    where, params = store.filter_sql(flt)
    lexical = [i for i, _ in store.lexical(query, depth, where=where, params=params)]

    fused = rrf([dense, lexical])
    best = sorted(fused, key=lambda i: (-fused[i], i))[:k]
    against = store.contradicted_by(best)
    return [
        Hit(statement=s, score=fused[s.id], similarity=similarity.get(s.id), contradicted_by=against.get(s.id, []))
        for s in store.statements(best)
    ]


def speaker_statements(store: Store, name: str) -> list[StoredStatement]:
    """All statements of the speaker ``name`` (any alias), oldest first."""
    names = store.resolve_speaker(name)
    where, params = store.filter_sql(SearchFilter(speakers=names))
    return store.statements_where(where, params, order="coalesce(a.published, ''), a.doc, s.start")


def _check_date(value: str | None) -> None:
    if value is None:
        return
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"not an ISO date: {value!r} (expected YYYY-MM-DD)") from None


def run_lookup(query: str, *, db: Path | str | None = None, **options: Any) -> list[Hit]:
    """The ``factrack lookup`` command: open the store read-only and look ``query`` up."""
    with Store.open(db or default_path()) as store:
        return lookup(store, query, **options)


def run_speakers(name: str | None = None, *, db: Path | str | None = None) -> Any:
    """The ``factrack speakers`` command: all speakers (name, aliases, count), or one speaker's statements."""
    with Store.open(db or default_path()) as store:
        return store.speakers() if name is None else speaker_statements(store, name)
