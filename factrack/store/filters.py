"""Lookup filters as typed values; the store alone turns them into SQL.

Callers (``factrack.search``, the benchmarks) build a ``SearchFilter``; ``filter_sql`` is the
store's translation into a condition over ``s`` (statements) and ``a`` (articles).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from factrack.normalize import fold


@dataclass(frozen=True)
class SearchFilter:
    """Restrictions on which statements a lookup may return; all optional, combined with AND."""

    speakers: tuple[str, ...] | None = None  # canonical names (already resolved from aliases)
    lang: str | None = None
    kind: str | None = None
    polarity: str | None = None  # asserts, denies, questions
    source: str | None = None
    since: str | None = None  # ISO date, compared with the article's `published`
    until: str | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def needs_articles(self) -> bool:
        """Whether the condition reads article columns (so the query must join ``articles``)."""
        return not (self.source is None and self.since is None and self.until is None)


def filter_sql(flt: SearchFilter) -> tuple[str, list[Any]]:
    """SQL condition (over ``s`` and ``a``) and its parameters for a filter; ``"1"`` when it
    restricts nothing."""
    conds: list[str] = []
    params: list[Any] = []
    if flt.speakers is not None:
        conds.append(f"s.speaker_folded IN ({','.join('?' * len(flt.speakers)) or 'NULL'})")
        params.extend(fold(n) for n in flt.speakers)
    for column, value in (("lang", flt.lang), ("kind", flt.kind), ("polarity", flt.polarity)):
        if value:
            conds.append(f"s.{column} = ?")
            params.append(value)
    if flt.source:
        conds.append("lower(a.source) = lower(?)")
        params.append(flt.source)
    if flt.since:
        conds.append("a.published IS NOT NULL AND substr(a.published, 1, 10) >= ?")
        params.append(flt.since[:10])
    if flt.until:
        conds.append("a.published IS NOT NULL AND substr(a.published, 1, 10) <= ?")
        params.append(flt.until[:10])
    return (" AND ".join(conds) or "1"), params
