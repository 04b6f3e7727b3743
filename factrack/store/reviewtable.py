"""The store's review marks: what a reviewer said about a statement, a claim or a contradiction.

A mixin of ``Store``. Marks are keyed on statement *anchors* (a hash of the article's doc and the
statement's folded text, ``factrack.review.anchor``), not on ids: statement ids change when an
article is re-extracted and claim ids when statements are regrouped, but a statement's doc and
words do not. Nothing deletes a mark except ``clear_review``: re-indexing, pruning and
``reindex`` leave the table alone. The meaning of the anchors (which claim a mark applies to
now) is ``factrack.review``'s.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factrack.store.schema import _now

TARGETS = ("statement", "claim", "contradiction")
MARKS = ("confirmed", "false_positive", "needs_checking")


@dataclass(frozen=True)
class ReviewMark:
    """One stored review mark. ``anchors_a`` / ``anchors_b``: the anchors the mark applies to."""

    target: str
    key: str
    mark: str
    note: str
    reviewer: str
    created: str
    anchors_a: frozenset[str]
    anchors_b: frozenset[str] = frozenset()
    refs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"target": self.target, "key": self.key, "mark": self.mark, "note": self.note,
                "reviewer": self.reviewer, "created": self.created, "refs": dict(self.refs)}


class ReviewTables:
    """Review rows of the store (mixed into ``Store``)."""

    _conn: sqlite3.Connection

    def reviews(self, target: str | None = None) -> list[ReviewMark]:
        """Every mark (of one target kind), newest first."""
        sql = "SELECT target, key, mark, note, reviewer, created, anchors_a, anchors_b, refs FROM reviews"
        params: tuple[Any, ...] = ()
        if target is not None:
            sql += " WHERE target = ?"
            params = (target,)
        rows = self._conn.execute(sql + " ORDER BY created DESC, rowid DESC", params)
        return [ReviewMark(t, k, m, n, r, c, frozenset(json.loads(a)), frozenset(json.loads(b)), json.loads(refs))
                for t, k, m, n, r, c, a, b, refs in rows]

    def put_review(self, mark: ReviewMark, *, replaces: Sequence[str] = ()) -> None:
        """Insert or replace a mark; ``replaces``: keys of older marks of the same target it supersedes
        (the same claim under a key taken before it was relabelled)."""
        with self.transaction(bump=False):  # type: ignore[attr-defined]
            for key in replaces:
                self._conn.execute("DELETE FROM reviews WHERE target=? AND key=?", (mark.target, key))
            self._conn.execute(
                "INSERT OR REPLACE INTO reviews"
                " (target, key, mark, note, reviewer, created, anchors_a, anchors_b, refs)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (mark.target, mark.key, mark.mark, mark.note, mark.reviewer, mark.created or _now(),
                 json.dumps(sorted(mark.anchors_a)), json.dumps(sorted(mark.anchors_b)),
                 json.dumps(mark.refs, ensure_ascii=False)))

    def clear_review(self, target: str, keys: Sequence[str]) -> int:
        """Delete marks by key; returns how many went."""
        n = 0
        with self.transaction(bump=False):  # type: ignore[attr-defined]
            for key in keys:
                n += self._conn.execute("DELETE FROM reviews WHERE target=? AND key=?", (target, key)).rowcount
        return n

    def article_meta(self, doc: str) -> dict[str, Any] | None:
        """An article's stored metadata and content hash (no text: the store keeps only statements and
        their sentences)."""
        cols = ("doc", "title", "url", "source", "published", "lang", "indexed_at", "hash")
        row = self._conn.execute(f"SELECT {', '.join(cols)} FROM articles WHERE doc = ?", (doc,)).fetchone()
        return None if row is None else dict(zip(cols, row, strict=True))

    def speaker_record(self, name: str) -> tuple[str | None, tuple[str, ...]] | None:
        """(role, aliases) of a stored speaker, or None when the name is not one."""
        row = self._conn.execute("SELECT role FROM speakers WHERE name = ?", (name,)).fetchone()
        if row is None:
            return None
        aliases = tuple(a for (a,) in self._conn.execute(
            "SELECT alias FROM aliases WHERE name = ? AND alias != ? ORDER BY alias", (name, name)))
        return row[0], aliases
