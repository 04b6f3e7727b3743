"""What the store hands back: stored statements, and row conversion."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from factrack.records import Kind, Polarity, Statement
from factrack.store.schema import _ARTICLE_COLS, _STATEMENT_COLS


@dataclass(frozen=True, kw_only=True)
class StoredStatement(Statement):
    """A statement as stored: the ``Statement`` fields plus its id and its article's metadata."""

    id: int
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    sentence: str | None = None  # the sentence around the statement, kept for display

    @property
    def statement(self) -> Statement:
        return Statement(**{c: getattr(self, c) for c in _STATEMENT_COLS})

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        return {"id": d.pop("id"), **d}


def _row_to_stored(row: Sequence[Any]) -> StoredStatement:
    names = ("id", *_STATEMENT_COLS, *_ARTICLE_COLS, "sentence")
    d = dict(zip(names, row, strict=True))
    d["kind"] = Kind(d["kind"])
    d["polarity"] = Polarity(d["polarity"])
    d["negated"] = bool(d["negated"])
    return StoredStatement(**d)
