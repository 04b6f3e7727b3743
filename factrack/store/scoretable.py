"""The store's record of statements still to score for contradictions.

A mixin of ``Store``. A statement enters ``unscored`` in the transaction that inserts it and
leaves it in the transaction that stores its verdicts, so no crash between the two (a kill, a
full disk) can leave a statement stored but never compared: the next run scores what is left.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any


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

    def scoring(self) -> tuple[dict[str, Any], str] | None:
        """(the scorer's spec, its fingerprint) the stored verdicts were made with; None before
        the first scoring (or in a store from before fingerprints)."""
        row = self._conn.execute("SELECT value FROM meta WHERE key='scoring'").fetchone()
        if row is None:
            return None
        got = json.loads(row[0])
        return got["spec"], got["fingerprint"]

    def set_scoring(self, spec: dict[str, Any], fingerprint: str, *, restart: bool = False) -> None:
        """Record the scorer; with ``restart``, in the same transaction, drop every verdict and put
        every statement back on the to-score list (verdicts of another scorer are made again, by
        the same resumable path as new statements)."""
        with self.transaction(bump=False):  # type: ignore[attr-defined]
            if restart:
                self._conn.execute("DELETE FROM verdicts")
                self._conn.execute("INSERT OR IGNORE INTO unscored SELECT id FROM statements")
            self._conn.execute("INSERT OR REPLACE INTO meta VALUES ('scoring', ?)",
                               (json.dumps({"spec": spec, "fingerprint": fingerprint}),))
