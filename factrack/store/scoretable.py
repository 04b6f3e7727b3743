"""The store's record of statements still to score for contradictions.

A mixin of ``Store``. A statement enters ``unscored`` in the transaction that inserts it and
leaves it in the transaction that stores its verdicts, so no crash between the two (a kill, a
full disk) can leave a statement stored but never compared: the next run scores what is left.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable


class PendingScores:
    """``unscored``: statement ids whose contradiction candidates have not been scored yet."""

    _conn: sqlite3.Connection

    def unscored_ids(self) -> list[int]:
        """Statements still to score, in id order."""
        return [i for (i,) in self._conn.execute("SELECT statement_id FROM unscored ORDER BY statement_id")]

    def unscored_count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM unscored").fetchone()[0])

    def _note_unscored(self, ids: Iterable[int]) -> None:
        """Inside the inserting transaction."""
        self._conn.executemany("INSERT OR IGNORE INTO unscored VALUES (?)", ((int(i),) for i in ids))

    def _mark_scored(self, ids: Iterable[int]) -> None:
        """Inside the transaction that stores the verdicts of ``ids``."""
        self._conn.executemany("DELETE FROM unscored WHERE statement_id=?", ((int(i),) for i in ids))
