"""The store's claim tables: which claim each statement belongs to, and why.

A mixin of ``Store`` (it uses the store's connection and transactions); kept apart so that the
claim bookkeeping reads on its own. The judgment itself lives in ``factrack.claims``; the store
only records it: ``claims`` (id, the labelling member, the judge that made it) and
``claim_members`` (statement, claim, the member it was matched to, similarity, evidence).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from factrack.store.schema import _now


@dataclass(frozen=True)
class Membership:
    """Why a statement is in its claim: the member it was judged the same as, and the checks."""

    statement_id: int
    claim_id: int
    via: int | None
    similarity: float | None
    evidence: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim_id, "via": self.via,
                "similarity": None if self.similarity is None else round(self.similarity, 4),
                "evidence": list(self.evidence)}


def _chunked(ids: Sequence[int], size: int = 500) -> Iterable[list[int]]:
    ids = [int(i) for i in ids if -(2**63) <= int(i) < 2**63]  # no row has an id SQLite cannot hold
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


class ClaimTables:
    """Claim rows of the store (mixed into ``Store``)."""

    _conn: sqlite3.Connection

    def unassigned_ids(self) -> list[int]:
        """Statements in no claim yet (new ones, or ones a crash left unassigned), in id order."""
        rows = self._conn.execute(
            "SELECT s.id FROM statements s LEFT JOIN claim_members m ON m.statement_id = s.id "
            "WHERE m.statement_id IS NULL ORDER BY s.id")
        return [i for (i,) in rows]

    def new_claim(self, label_id: int, judge: str) -> int:
        cur = self._conn.execute("INSERT INTO claims (label_id, judge, created) VALUES (?, ?, ?)",
                                 (int(label_id), judge, _now()))
        assert cur.lastrowid is not None
        return int(cur.lastrowid)

    def put_members(self, rows: Iterable[Membership]) -> None:
        self._conn.executemany(
            "INSERT OR REPLACE INTO claim_members VALUES (?, ?, ?, ?, ?)",
            ((m.statement_id, m.claim_id, m.via, m.similarity, json.dumps(list(m.evidence), ensure_ascii=False))
             for m in rows))

    def _mapping(self, select: str, key: str, ids: Sequence[int]) -> dict[int, int]:
        """``{key: value}`` rows of ``select`` (two columns) for the keys in ``ids``, in chunks."""
        out: dict[int, int] = {}
        for chunk in _chunked(ids):
            out.update(self._conn.execute(f"{select} WHERE {key} IN ({','.join('?' * len(chunk))})", chunk).fetchall())
        return out

    def claim_of(self, ids: Sequence[int]) -> dict[int, int]:
        """statement id -> claim id, for those of ``ids`` in a claim."""
        return self._mapping("SELECT statement_id, claim_id FROM claim_members", "statement_id", ids)

    def memberships(self, claim_ids: Sequence[int]) -> dict[int, list[Membership]]:
        """claim id -> its members' records, in statement id order."""
        out: dict[int, list[Membership]] = {int(c): [] for c in claim_ids}
        for chunk in _chunked(claim_ids):
            q = ("SELECT statement_id, claim_id, via, similarity, evidence FROM claim_members "
                 f"WHERE claim_id IN ({','.join('?' * len(chunk))}) ORDER BY statement_id")
            for sid, cid, via, sim, ev in self._conn.execute(q, chunk):
                out[cid].append(Membership(sid, cid, via, sim, tuple(json.loads(ev))))
        return out

    def claim_labels(self, claim_ids: Sequence[int]) -> dict[int, int]:
        """claim id -> the statement id that labels it."""
        return self._mapping("SELECT id, label_id FROM claims", "id", claim_ids)

    def claim_ids(self, *, min_statements: int = 1,
                  statement_ids: Sequence[int] | None = None) -> list[tuple[int, int]]:
        """(claim id, statement count) of claims with at least ``min_statements``, largest first;
        ``statement_ids`` keeps the claims holding any of them."""
        sql = "SELECT claim_id, count(*) AS n FROM claim_members"
        params: list[Any] = []
        if statement_ids is not None:
            ids = [int(i) for i in statement_ids] or [-1]
            sql += (" WHERE claim_id IN (SELECT claim_id FROM claim_members WHERE statement_id IN "
                    f"({','.join('?' * len(ids))}))")
            params += ids
        sql += " GROUP BY claim_id HAVING n >= ? ORDER BY n DESC, claim_id"
        return [(int(c), int(n)) for c, n in self._conn.execute(sql, (*params, min_statements))]

    def claim_count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM claims").fetchone()[0])

    def _claims_before_delete(self, ids: Sequence[int]) -> set[int]:
        found: set[int] = set()
        for chunk in _chunked(ids):
            q = f"SELECT DISTINCT claim_id FROM claim_members WHERE statement_id IN ({','.join('?' * len(chunk))})"
            found.update(c for (c,) in self._conn.execute(q, chunk))
        return found

    def _tidy_claims(self, claim_ids: Iterable[int]) -> None:
        """After members were deleted: drop claims left empty, relabel those that lost their label."""
        for cid in claim_ids:
            first = self._conn.execute("SELECT min(statement_id) FROM claim_members WHERE claim_id=?",
                                       (cid,)).fetchone()[0]
            if first is None:
                self._conn.execute("DELETE FROM claims WHERE id=?", (cid,))
            else:
                self._conn.execute(
                    "UPDATE claims SET label_id=? WHERE id=? AND label_id NOT IN "
                    "(SELECT statement_id FROM claim_members WHERE claim_id=?)", (first, cid, cid))
