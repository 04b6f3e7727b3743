"""The store's record of speakers found to be one person under two spellings (ليلى نصار = Leila
Nassar). A mixin of ``Store``; the decision is ``factrack.speakers.merge_across_languages``'s."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from factrack.normalize import fold
from factrack.store.schema import _now


class SpeakerMerges:
    """Speaker merges of the store (mixed into ``Store``)."""

    _conn: sqlite3.Connection

    def speaker_profiles(self) -> dict[str, tuple[dict[str, int], set[int]]]:
        """speaker -> (statements per language, claim ids), for every speaker with statements."""
        out: dict[str, tuple[dict[str, int], set[int]]] = {}
        rows = self._conn.execute(
            "SELECT s.speaker, s.lang, m.claim_id FROM statements s LEFT JOIN claim_members m ON m.statement_id = s.id "
            "WHERE s.speaker IS NOT NULL")
        for name, code, claim in rows:
            langs, claims = out.setdefault(name, ({}, set()))
            langs[code] = langs.get(code, 0) + 1
            if claim is not None:
                claims.add(claim)
        return out

    def speaker_merges(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """alias -> (the speaker it is stored as, the evidence)."""
        return {a: (n, tuple(json.loads(e))) for a, n, e in self._conn.execute(
            "SELECT alias, name, evidence FROM speaker_merges")}

    def merge_speaker(self, alias: str, name: str, evidence: Sequence[str]) -> int:
        """Record that ``alias`` is ``name`` and restate its statements; returns statements changed.
        Called inside a transaction."""
        self._conn.execute("INSERT OR REPLACE INTO speaker_merges VALUES (?, ?, ?, ?)",
                           (alias, name, json.dumps(list(evidence), ensure_ascii=False), _now()))
        self._conn.execute("INSERT OR IGNORE INTO speakers (name, role) VALUES (?, NULL)", (name,))
        self._conn.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?, ?)", (fold(alias), alias, name))
        return self.apply_speaker_merges({alias: name})

    def apply_speaker_merges(self, merges: dict[str, str] | None = None) -> int:
        """Restate statements extracted under a merged alias (new articles by ليلى نصار) as the
        speaker it was merged into; returns statements changed."""
        merges = merges if merges is not None else {a: n for a, (n, _) in self.speaker_merges().items()}
        changed = 0
        for alias, name in merges.items():
            cur = self._conn.execute("UPDATE statements SET speaker=?, speaker_folded=? WHERE speaker=?",
                                     (name, fold(name), alias))
            changed += cur.rowcount
            # the alias was a speaker of its own: its spellings now find the merged speaker only
            self._conn.execute("UPDATE OR IGNORE aliases SET name=? WHERE name=?", (name, alias))
            self._conn.execute("DELETE FROM aliases WHERE name=?", (alias,))
            self._conn.execute("DELETE FROM speakers WHERE name=?", (alias,))
        return changed
