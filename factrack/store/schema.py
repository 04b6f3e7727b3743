"""What the SQLite side of the store looks like: file names, schema, column lists, FTS queries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache

from factrack.normalize import fold

DB_NAME = "store.sqlite"

VerdictRow = tuple[int, int, str, float, list[str], str]

_STATEMENT_COLS = (
    "doc", "text", "start", "end", "kind", "lang", "speaker", "mention", "cue",
    "mention_start", "mention_end", "sentence_start", "sentence_end", "polarity", "negated",
)
_ARTICLE_COLS = ("title", "url", "source", "published")

# Numbered migrations, applied in order on a writer's open; a store records the last one applied
# (meta 'schema'). Never edit a released step: add the next one.
MIGRATIONS: tuple[str, ...] = (
    # 1: articles, statements with vectors, full text, speakers, runs, verdicts
    """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, hash TEXT NOT NULL, pipeline TEXT NOT NULL,
    title TEXT, url TEXT, source TEXT, published TEXT, lang TEXT, indexed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS statements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: FAISS repair and verdicts rely on it
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    doc TEXT NOT NULL, text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
    kind TEXT NOT NULL, lang TEXT NOT NULL, speaker TEXT, speaker_folded TEXT, mention TEXT, cue TEXT,
    mention_start INTEGER, mention_end INTEGER, sentence_start INTEGER, sentence_end INTEGER,
    sentence TEXT, vector BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id);
CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker_folded);
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(folded);
CREATE TABLE IF NOT EXISTS speakers (name TEXT PRIMARY KEY, role TEXT);
CREATE TABLE IF NOT EXISTS aliases (
    folded TEXT NOT NULL, alias TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (folded, name));
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, summary TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS verdicts (
    a_id INTEGER NOT NULL, b_id INTEGER NOT NULL, relation TEXT NOT NULL, score REAL NOT NULL,
    reasons TEXT NOT NULL, scorer TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (a_id, b_id));
CREATE INDEX IF NOT EXISTS verdicts_b ON verdicts(b_id);
""",
    # 2: the speaker's stance on each statement; claims (statements grouped by proposition); one
    #    speaker under two scripts (speaker_merges)
    """
ALTER TABLE statements ADD COLUMN polarity TEXT NOT NULL DEFAULT 'asserts';
ALTER TABLE statements ADD COLUMN negated INTEGER NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS statements_polarity ON statements(polarity);
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, so a claim id in a note stays valid
    label_id INTEGER NOT NULL,  -- the member whose text names the claim (its first)
    judge TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claim_members (
    statement_id INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    via INTEGER,  -- the member it was judged to make the same claim as; NULL for the first
    similarity REAL, evidence TEXT NOT NULL);  -- JSON list of the checks passed
CREATE INDEX IF NOT EXISTS claim_members_claim ON claim_members(claim_id);
CREATE TABLE IF NOT EXISTS speaker_merges (
    alias TEXT PRIMARY KEY,  -- a speaker name as extracted (ليلى نصار) ...
    name TEXT NOT NULL,  -- ... stored as this speaker (Leila Nassar) from now on
    evidence TEXT NOT NULL, created TEXT NOT NULL);
""",
    # 3: statements still to score for contradictions, recorded in the transaction that adds
    #    them, so a run killed before or during scoring leaves them to the next run; a store
    #    never scored at all (no verdicts) has every statement still to score
    """
CREATE TABLE IF NOT EXISTS unscored (
    statement_id INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE);
INSERT OR IGNORE INTO unscored SELECT id FROM statements WHERE NOT EXISTS (SELECT 1 FROM verdicts);
""",
    # 4: review marks (a reviewer's confirmed / false_positive / needs_checking on a statement, a
    #    claim or a contradiction), keyed on statement anchors that survive re-indexing
    #    (factrack/store/reviewtable.py); no foreign key, so deleting statements keeps them
    """
CREATE TABLE IF NOT EXISTS reviews (
    target TEXT NOT NULL,  -- statement | claim | contradiction
    key TEXT NOT NULL,  -- the target's stable key, from anchors (factrack.review)
    mark TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', reviewer TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    anchors_a TEXT NOT NULL,  -- JSON list: anchors of the statement, or of the (first) claim's members
    anchors_b TEXT NOT NULL DEFAULT '[]',  -- JSON list: the other claim's, for a contradiction
    refs TEXT NOT NULL DEFAULT '{}',  -- JSON: ids and label texts when marked, for display only
    PRIMARY KEY (target, key));
""",
)
SCHEMA_VERSION = len(MIGRATIONS)


def _q(col: str) -> str:
    return f'"{col}"' if col in ("start", "end") else col


def _cols(cols: Sequence[str]) -> str:
    return ", ".join(_q(c) for c in cols)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@cache
def _stop_words() -> frozenset[str]:
    """Stop words of every supported language: a query may mix languages, and the tables do not
    overlap, so there is no need to guess the query's language."""
    from factrack import lang

    return frozenset().union(*(lang.words(code, "stop_words") for code in lang.SUPPORTED))


def fts_query(text: str) -> str | None:
    """An FTS5 OR-query of the folded words of ``text`` without stop words; None when no words.

    Stop words match most statements and only add noise to BM25; a query made only of stop
    words keeps them, so it still finds something.
    """
    words = []
    for raw in fold(text).split():
        w = "".join(ch for ch in raw if ch.isalnum())
        if w and w not in words:
            words.append(w)
    stop = _stop_words()
    content = [w for w in words if w not in stop]
    words = content or words
    if not words:
        return None
    return " OR ".join(f'"{w}"' for w in words)
