"""The ``Store`` class: opening and closing, transactions, articles and statements, lookups,
speakers, verdicts and runs.

The pieces it builds on live beside it: ``schema`` (SQLite), ``rows`` (what it returns),
``vectorindex`` (the FAISS index's life cycle: load, repair, build, flush, nearest), ``vectors``
(FAISS helpers) and ``lock`` (the writer lock).
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from factrack.errors import StoreError
from factrack.normalize import fold
from factrack.records import Article, Statement
from factrack.store.claimtable import ClaimTables
from factrack.store.filters import SearchFilter, filter_sql
from factrack.store.lock import LOCK_NAME, _take_lock
from factrack.store.reviewtable import ReviewTables
from factrack.store.rows import StoredStatement, _row_to_stored
from factrack.store.schema import (
    _ARTICLE_COLS,
    _STATEMENT_COLS,
    DB_NAME,
    MIGRATIONS,
    SCHEMA_VERSION,
    VerdictRow,
    _cols,
    _now,
    _q,
    fts_query,
)
from factrack.store.scoretable import PendingScores
from factrack.store.speakertable import SpeakerMerges
from factrack.store.vectorindex import VectorIndex

if TYPE_CHECKING:
    import faiss


def default_path() -> Path:
    """The user's data folder: ``$FACTRACK_HOME``, else the platform's user data directory."""
    env = os.environ.get("FACTRACK_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("factrack"))


class Store(ClaimTables, SpeakerMerges, PendingScores, ReviewTables):
    """Records, full text and vectors of one factrack data folder. Open with ``Store.open``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock_fd: int | None) -> None:
        self.path = path
        self._conn = conn
        self._lock_fd = lock_fd
        self._in_tx = False
        self._vectors = VectorIndex(path, _IndexRows(self))

    @property
    def ivf_threshold(self) -> int:
        """Vectors past which flushing switches the FAISS index to IVF."""
        return self._vectors.ivf_threshold

    @ivf_threshold.setter
    def ivf_threshold(self, value: int) -> None:
        self._vectors.ivf_threshold = value

    @property
    def nprobe(self) -> int | None:
        """Lists an IVF search visits; None: the nprobe saved in the IVF index."""
        return self._vectors.nprobe

    @nprobe.setter
    def nprobe(self, value: int | None) -> None:
        self._vectors.nprobe = value

    # ------------------------------------------------------------------ opening and closing
    @classmethod
    def open(cls, path: Path | str, *, write: bool = False, timeout: float = 0.0) -> Store:
        """Open the store in ``path``; ``write=True`` creates it and takes the writer lock.

        A reader never blocks and never changes files; it repairs a stale FAISS index in memory.
        """
        path = Path(path).expanduser()
        lock_fd = None
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store folder; give --db a folder (created if missing)")
        if write:
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create store folder {path}: {e.strerror or e}") from None
            lock_fd = _take_lock(path / LOCK_NAME, timeout)
        elif not (path / DB_NAME).exists():
            raise StoreError(f"no store at {path}; run `factrack index PATH --db {path}` first")
        try:
            conn = _connect(path / DB_NAME, write)
            version = _schema_version(conn)
            if version > SCHEMA_VERSION:
                raise StoreError(f"store {path} has schema {version}, newer than this factrack's ({SCHEMA_VERSION}); "
                                 "upgrade factrack to read it")
            if version < SCHEMA_VERSION:
                if write:
                    _migrate(conn, path, version, lock_fd)
                else:  # the reader's connection is read-only: the upgrade gets one of its own
                    upgrade = _connect(path / DB_NAME, True)
                    try:
                        _migrate(upgrade, path, version, lock_fd)
                    finally:
                        upgrade.close()
        except sqlite3.DatabaseError as e:
            if lock_fd is not None:
                os.close(lock_fd)
            raise StoreError(f"cannot open store {path}: {e}") from None
        except StoreError:
            if lock_fd is not None:
                os.close(lock_fd)
            raise
        store = cls(path, conn, lock_fd)
        if write:
            try:
                store._vectors.tidy_files()
                if store.count() > 0 and not store._vectors.file_sound():
                    store._vectors.load()  # repairs from stored vectors; an older format is rebuilt, centred
                    store.flush()
            except BaseException as e:
                store._abandon()
                raise _store_error(path, e) if _is_file_trouble(e) else e from None
        return store

    @property
    def writable(self) -> bool:
        return self._lock_fd is not None

    def close(self) -> None:
        """Flush the FAISS index (writers), release the lock."""
        if self._conn is None:
            return
        try:
            if self.writable:
                self.flush()
        finally:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        """Close; a damaged SQLite file or a full disk met inside the block becomes a StoreError."""
        if exc is None:
            try:
                self.close()
            except BaseException as e:
                self._abandon()
                raise _store_error(self.path, e) if _is_file_trouble(e) else e from None
            return
        self._abandon()
        if _is_file_trouble(exc):
            raise _store_error(self.path, exc) from None

    def _abandon(self) -> None:
        """Close without flushing (after an error: what was committed is in SQLite, and the next
        writer repairs FAISS from it)."""
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None  # type: ignore[assignment]
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # ------------------------------------------------------------------ meta
    def _meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        return int(self._meta("generation") or 0)

    def model(self) -> tuple[str, int] | None:
        """The embedding model (name, dimension) the stored vectors come from, if any."""
        name, dim = self._meta("model"), self._meta("dim")
        return (name, int(dim)) if name and dim else None

    def pipeline_version(self) -> str | None:
        return self._meta("pipeline")

    def _check_ready(self) -> None:
        if self._meta("reindexing"):
            raise StoreError(f"store {self.path} was left half re-embedded by an interrupted reindex; "
                             "run `factrack reindex` again")

    def begin_reindex(self) -> None:
        with self.transaction(bump=False):
            self._set_meta("reindexing", "1")

    def end_reindex(self) -> None:
        with self.transaction(bump=False):
            self._conn.execute("DELETE FROM meta WHERE key='reindexing'")

    def check_model(self, name: str, dim: int | None = None) -> None:
        """Refuse vectors from another model than the one the store was built with."""
        self._check_ready()
        have = self.model()
        if have is None:
            return
        if have[0] != name or (dim is not None and have[1] != dim):
            raise StoreError(
                f"store {self.path} holds vectors from model {have[0]!r} ({have[1]}-d), not {name!r}"
                f"{f' ({dim}-d)' if dim else ''}; run `factrack reindex --model {name}` to re-embed, "
                f"or use --model {have[0]}"
            )

    def set_model(self, name: str, dim: int, pipeline: str | None = None) -> None:
        """Record the model (and pipeline version) for a store; checks it first."""
        self._require_write()
        self.check_model(name, dim)
        with self.transaction(bump=False):
            self._set_meta("model", name)
            self._set_meta("dim", str(dim))
            if pipeline is not None:
                self._set_meta("pipeline", pipeline)

    # ------------------------------------------------------------------ transactions
    def _require_write(self) -> None:
        if not self.writable:
            raise StoreError("store opened read-only")

    @contextmanager
    def transaction(self, *, bump: bool = True) -> Iterator[None]:
        """One SQLite transaction; FAISS changes made inside are applied only after it commits."""
        self._require_write()
        if self._in_tx:
            yield
            return
        self._in_tx = True
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            if bump and self._vectors.has_staged():
                self._set_meta("generation", str(self.generation() + 1))
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:  # SQLite has already rolled back after a full disk or I/O error
                try:
                    self._conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            self._vectors.discard_staged()
            raise
        finally:
            self._in_tx = False
        self._vectors.apply_staged()

    # ------------------------------------------------------------------ articles and statements
    def article_states(self) -> dict[str, tuple[str, str]]:
        """doc -> (content hash, pipeline version), for deciding what is unchanged."""
        return {d: (h, p) for d, h, p in self._conn.execute("SELECT doc, hash, pipeline FROM articles")}

    def file_states(self) -> dict[str, tuple[int, int]]:
        """path -> (size, mtime_ns) of input files fully indexed, so unchanged files need no reading."""
        return {p: (sz, mt) for p, sz, mt in self._conn.execute("SELECT path, size, mtime_ns FROM files")}

    def put_file_states(self, rows: Iterable[tuple[str, int, int]], *, drop: Iterable[str] = ()) -> None:
        with self.transaction(bump=False):
            self._conn.executemany("DELETE FROM files WHERE path=?", ((p,) for p in drop))
            self._conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", rows)

    def docs(self) -> list[str]:
        return [d for (d,) in self._conn.execute("SELECT doc FROM articles ORDER BY doc")]

    def put_article(
        self,
        article: Article,
        statements: Sequence[Statement],
        vectors: np.ndarray,
        *,
        pipeline: str = "",
    ) -> tuple[list[int], int]:
        """Insert or replace an article with its statements; returns (new ids, statements removed)."""
        if len(statements) != len(vectors):
            raise ValueError("one vector per statement")
        with self.transaction():
            removed = self.remove_articles([article.doc])
            ids, vecs = self._insert_article(article, statements, vectors, pipeline)
            if ids:
                self._vectors.stage_add(np.asarray(ids, dtype=np.int64), vecs)
        return ids, removed

    def _next_statement_id(self) -> int:
        row = self._conn.execute("SELECT seq FROM sqlite_sequence WHERE name='statements'").fetchone()
        top = self._conn.execute("SELECT max(id) FROM statements").fetchone()[0]
        return max(row[0] if row else 0, top or 0) + 1

    def _insert_article(
        self, article: Article, statements: Sequence[Statement], vectors: np.ndarray, pipeline: str,
        first_id: int | None = None,
    ) -> tuple[list[int], np.ndarray]:
        """Insert one article and its statements (SQLite and FTS only); returns (ids, vectors).

        Ids are given explicitly (``first_id`` onwards, else the next free one) so that rows go in
        with one ``executemany`` each; ``AUTOINCREMENT`` still never hands them out again.
        """
        cur = self._conn.execute(
            "INSERT INTO articles (doc, hash, pipeline, title, url, source, published, lang, indexed_at)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            (article.doc, article.content_hash, pipeline, article.title, article.url, article.source,
             article.published, article.lang, _now()),
        )
        article_id = cur.lastrowid
        vecs = np.ascontiguousarray(vectors, dtype=np.float32)
        if not len(statements):
            return [], vecs
        self._check_dim(vecs.shape[1])
        first = self._next_statement_id() if first_id is None else first_id
        ids = list(range(first, first + len(statements)))
        kind_at = _STATEMENT_COLS.index("kind")
        polarity_at, negated_at = _STATEMENT_COLS.index("polarity"), _STATEMENT_COLS.index("negated")
        rows = []
        for sid, st, vec in zip(ids, statements, vecs, strict=True):
            sentence = None
            if st.sentence_start is not None and st.sentence_end is not None:
                sentence = article.text[st.sentence_start : st.sentence_end]
            row = [getattr(st, c) for c in _STATEMENT_COLS]
            row[kind_at] = str(st.kind)
            row[polarity_at] = str(st.polarity)
            row[negated_at] = int(st.negated)
            rows.append((sid, article_id, *row, fold(st.speaker) if st.speaker else None, sentence, vec.tobytes()))
        self._conn.executemany(
            f"INSERT INTO statements (id, article_id, {_cols(_STATEMENT_COLS)}, speaker_folded, sentence, vector)"
            f" VALUES (?, ?, {','.join('?' * len(_STATEMENT_COLS))}, ?, ?, ?)",
            rows,
        )
        self._conn.executemany("INSERT INTO statements_fts (rowid, folded) VALUES (?, ?)",
                               ((sid, fold(st.text)) for sid, st in zip(ids, statements, strict=True)))
        self._note_unscored(ids)
        for name in dict.fromkeys(st.speaker for st in statements if st.speaker):
            self._note_speaker(name)
        return ids, vecs

    def bulk_load(
        self,
        items: Iterable[tuple[Article, Sequence[Statement], np.ndarray]],
        *,
        pipeline: str = "",
        batch: int = 50_000,
        progress: Callable[[int], None] | None = None,
    ) -> np.ndarray:
        """Insert or replace many articles fast: SQLite in transactions of ~``batch`` statements,
        FAISS built (or brought up to date) once at the end. Returns the new statement ids.

        For first loads of large corpora, benchmarks and the nightly job's big runs: per-article
        transactions and FAISS adds cost more than the work. Crash-safe like the rest: a run killed
        midway leaves whole articles in SQLite and a stale FAISS file, which the next open repairs.
        """
        self._require_write()
        self._check_ready()
        known = {d for (d,) in self._conn.execute("SELECT doc FROM articles")}
        self._vectors.unload()  # reloaded (and repaired from SQLite) at the end
        new_ids: list[np.ndarray] = []
        it = iter(items)
        done = 0
        while True:
            pending = 0
            with self.transaction(bump=False):
                next_id = self._next_statement_id()
                for article, statements, vectors in it:
                    if len(statements) != len(vectors):
                        raise ValueError("one vector per statement")
                    if article.doc in known:
                        self.remove_articles([article.doc])
                    known.add(article.doc)
                    ids, _ = self._insert_article(article, statements, vectors, pipeline, next_id)
                    next_id += len(ids)
                    new_ids.append(np.asarray(ids, dtype=np.int64))
                    pending += len(ids)
                    if pending >= batch:
                        break
                self._set_meta("generation", str(self.generation() + 1))
                self._vectors.discard_staged()
            done += pending
            if progress is not None:
                progress(done)
            if pending < batch:
                break
        self._vectors.mark_stale()
        self._vectors.get()  # the old file is stale now: repaired from the stored vectors, or built afresh
        self.flush()
        return np.concatenate(new_ids) if new_ids else np.zeros(0, np.int64)

    def _check_dim(self, dim: int) -> None:
        model = self.model()
        if model is not None and model[1] != dim:
            raise StoreError(f"vectors of dimension {dim} do not fit store model {model[0]!r} ({model[1]}-d); "
                             "run `factrack reindex`")

    def remove_articles(self, docs: Iterable[str]) -> int:
        """Drop articles, their statements, vectors and verdicts; returns statements removed."""
        removed = 0
        with self.transaction():
            for doc in docs:
                row = self._conn.execute("SELECT id FROM articles WHERE doc=?", (doc,)).fetchone()
                if row is None:
                    continue
                ids = [i for (i,) in self._conn.execute("SELECT id FROM statements WHERE article_id=?", row)]
                self._delete_statement_rows(ids)
                self._conn.execute("DELETE FROM articles WHERE id=?", row)
                removed += len(ids)
        return removed

    def rename_articles(self, names: dict[str, str]) -> None:
        """Give stored articles new docs (old -> new), keeping their statements and ids: an older
        store's relative-path docs become the stable ones without re-extraction."""
        with self.transaction(bump=False):
            for old, new in names.items():
                self._conn.execute("UPDATE statements SET doc=? WHERE article_id=(SELECT id FROM articles WHERE doc=?)",
                                   (new, old))
                self._conn.execute("UPDATE articles SET doc=? WHERE doc=?", (new, old))

    def _delete_statement_rows(self, ids: list[int]) -> None:
        claims = self._claims_before_delete(ids)
        for i in ids:
            self._conn.execute("DELETE FROM statements_fts WHERE rowid=?", (i,))
            self._conn.execute("DELETE FROM verdicts WHERE a_id=? OR b_id=?", (i, i))
            self._conn.execute("DELETE FROM statements WHERE id=?", (i,))  # its claim membership goes with it
        self._tidy_claims(claims)
        self._vectors.stage_remove(ids)

    def count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM statements").fetchone()[0])

    def article_count(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def ids(self) -> np.ndarray:
        return np.fromiter((i for (i,) in self._conn.execute("SELECT id FROM statements ORDER BY id")), dtype=np.int64)

    _SELECT = (
        f"SELECT s.id, {', '.join('s.' + _q(c) for c in _STATEMENT_COLS)}, "
        f"{', '.join('a.' + c for c in _ARTICLE_COLS)}, s.sentence "
        "FROM statements s JOIN articles a ON a.id = s.article_id"
    )

    def statement(self, id: int) -> StoredStatement:
        got = self.statements([id])
        if not got:
            raise StoreError(f"no statement with id {id}")
        return got[0]

    def statements(self, ids: Sequence[int]) -> list[StoredStatement]:
        """Statements by id, in the order asked; unknown ids are left out."""
        by_id: dict[int, StoredStatement] = {}
        for chunk in _chunks(list(ids), 500):
            q = f"{self._SELECT} WHERE s.id IN ({','.join('?' * len(chunk))})"
            for row in self._conn.execute(q, chunk):
                by_id[row[0]] = _row_to_stored(row)
        return [by_id[i] for i in ids if i in by_id]

    def statements_where(
        self, where: str = "1", params: Sequence[Any] = (), order: str = "s.id"
    ) -> list[StoredStatement]:
        """Statements matching an SQL condition over ``s`` (statements) and ``a`` (articles)."""
        return [_row_to_stored(r) for r in self._conn.execute(f"{self._SELECT} WHERE {where} ORDER BY {order}", params)]

    def vectors(self, ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of ``ids``, in order (rows for unknown ids raise StoreError)."""
        dim = (self.model() or ("", 0))[1]
        found: dict[int, bytes] = {}
        for chunk in _chunks(list(ids), 500):
            q = f"SELECT id, vector FROM statements WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(self._conn.execute(q, chunk).fetchall())
        missing = [i for i in ids if i not in found]
        if missing:
            raise StoreError(f"no statement with id {missing[0]}")
        if not ids:
            return np.zeros((0, dim), dtype=np.float32)
        return np.stack([np.frombuffer(found[i], dtype=np.float32) for i in ids])

    def iter_vectors(self, batch: int = 10_000) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """All (ids, vectors) in id order, in batches: the source for rebuilding FAISS."""
        last = -1
        while True:
            rows = self._conn.execute(
                "SELECT id, vector FROM statements WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
            yield ids, vecs
            last = int(ids[-1])

    def replace_vectors(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Overwrite stored vectors (reindex); FAISS is rebuilt on the next flush."""
        with self.transaction():
            self._conn.executemany(
                "UPDATE statements SET vector=? WHERE id=?",
                ((v.tobytes(), int(i)) for i, v in zip(ids, np.asarray(vectors, dtype=np.float32), strict=True)),
            )
            self._vectors.stage_remove([int(i) for i in ids])
            self._vectors.stage_add(np.asarray(ids, dtype=np.int64), np.ascontiguousarray(vectors, np.float32))

    def reset_model(self, name: str, dim: int) -> None:
        """Declare a new model before re-embedding everything (used by reindex only)."""
        with self.transaction(bump=False):
            self._set_meta("model", name)
            self._set_meta("dim", str(dim))
        self._vectors.unload()
        self._vectors.mark_stale()

    # ------------------------------------------------------------------ FAISS (store/vectorindex.py)
    def vector_index(self) -> faiss.Index:
        """The FAISS index, loaded on first use and repaired if it does not match SQLite."""
        return self._vectors.get()

    def lang_means(self) -> dict[str, np.ndarray]:
        """The language means the FAISS index is centred on (languages with too few statements
        have none and are left uncentred)."""
        return self._vectors.lang_means()

    def langs(self, ids: Sequence[int]) -> list[str | None]:
        """The language of each statement of ``ids`` (None for unknown ids)."""
        found: dict[int, str] = {}
        for chunk in _chunks([int(i) for i in ids], 500):
            q = f"SELECT id, lang FROM statements WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(self._conn.execute(q, chunk).fetchall())
        return [found.get(int(i)) for i in ids]

    def is_ivf(self) -> bool:
        return self._vectors.is_ivf()

    def flush(self) -> None:
        """Write FAISS atomically if it changed; switch to IVF once the store has outgrown exact search."""
        self._require_write()
        self._vectors.flush()

    def rebuild_index(self) -> None:
        """Throw the FAISS index away and build it again from the stored vectors."""
        self._vectors.rebuild()

    def nearest(
        self, vectors: np.ndarray, k: int, *, allowed: Sequence[int] | None = None,
        langs: Sequence[str | None] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Inner-product nearest neighbours: (scores, ids), shape (n, k); id -1 where none.

        ``allowed`` restricts the search to those statement ids (a filtered lookup). ``langs``
        (one code per query row) centres each query on its language's mean like the index;
        without it queries are only renormalised, which crosses languages worse.
        """
        self._check_ready()
        return self._vectors.nearest(vectors, k, allowed=allowed, langs=langs)

    # ------------------------------------------------------------------ lexical
    def lexical(self, query: str, k: int, flt: SearchFilter | None = None) -> list[tuple[int, float]]:
        """FTS5 BM25 over folded statement text: (id, score), best first (higher is better);
        ``flt`` restricts it to the statements a lookup may return."""
        match = fts_query(query)
        if match is None or k <= 0:
            return []
        where, params = filter_sql(flt) if flt is not None else ("1", [])
        if where == "1":  # no filter: the joins would cost more than the full-text search itself
            sql = ("SELECT rowid, -bm25(statements_fts) FROM statements_fts WHERE statements_fts MATCH ? "
                   "ORDER BY bm25(statements_fts) LIMIT ?")
            return [(int(i), float(s)) for i, s in self._conn.execute(sql, (match, k))]
        sql = (
            "SELECT f.rowid, -bm25(statements_fts) AS score FROM statements_fts f "
            "JOIN statements s ON s.id = f.rowid JOIN articles a ON a.id = s.article_id "
            f"WHERE statements_fts MATCH ? AND ({where}) ORDER BY bm25(statements_fts) LIMIT ?"
        )
        return [(int(i), float(s)) for i, s in self._conn.execute(sql, (match, *params, k))]

    def filtered_ids(self, flt: SearchFilter) -> list[int]:
        """Ids of the statements a filter lets through."""
        where, params = filter_sql(flt)
        if not flt.needs_articles():  # no article column needed
            sql = f"SELECT s.id FROM statements s WHERE {where}"
        else:
            sql = f"SELECT s.id FROM statements s JOIN articles a ON a.id = s.article_id WHERE {where}"
        return [i for (i,) in self._conn.execute(sql, params)]

    def filtered_statements(self, flt: SearchFilter, *, by_date: bool = False) -> list[StoredStatement]:
        """The statements a filter lets through, by id, or with ``by_date`` oldest article first
        (undated ones first, then by doc and offset)."""
        where, params = filter_sql(flt)
        order = "coalesce(a.published, ''), a.doc, s.start" if by_date else "s.id"
        return self.statements_where(where, params, order=order)

    # ------------------------------------------------------------------ speakers
    def _note_speaker(self, name: str, aliases: Iterable[str] = (), role: str | None = None) -> None:
        self._conn.execute("INSERT OR IGNORE INTO speakers (name, role) VALUES (?, ?)", (name, role))
        if role:
            self._conn.execute("UPDATE speakers SET role=? WHERE name=?", (role, name))
        for alias in (name, *aliases):
            self._conn.execute("INSERT OR IGNORE INTO aliases VALUES (?, ?, ?)", (fold(alias), alias, name))

    def add_speakers(self, speakers: Iterable[tuple[str, Sequence[str], str | None]]) -> None:
        """Register (name, aliases, role) so that any alias finds the speaker's statements."""
        with self.transaction(bump=False):
            for name, aliases, role in speakers:
                self._note_speaker(name, aliases, role)

    def resolve_speaker(self, name: str) -> tuple[str, ...]:
        """Canonical names that ``name`` may mean: exact alias match, else a word-part match."""
        f = fold(name).strip()
        rows = self._conn.execute("SELECT DISTINCT name FROM aliases WHERE folded=?", (f,)).fetchall()
        if not rows:
            rows = self._conn.execute(
                "SELECT DISTINCT name FROM aliases WHERE folded LIKE ? ESCAPE '\\'",
                ("%" + f.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
            ).fetchall()
        return tuple(sorted({r[0] for r in rows})) or (name,)

    def speakers(self) -> list[tuple[str, tuple[str, ...], int]]:
        """(name, aliases, statement count) for every speaker with statements, most quoted first."""
        counts = dict(self._conn.execute(
            "SELECT speaker, count(*) FROM statements WHERE speaker IS NOT NULL GROUP BY speaker"
        ).fetchall())
        aliases: dict[str, list[str]] = {}
        for alias, name in self._conn.execute("SELECT alias, name FROM aliases ORDER BY alias"):
            if alias != name:
                aliases.setdefault(name, []).append(alias)
        rows = [(n, tuple(aliases.get(n, ())), c) for n, c in counts.items()]
        return sorted(rows, key=lambda r: (-r[2], r[0]))

    # ------------------------------------------------------------------ verdicts
    def put_verdicts(self, rows: Iterable[VerdictRow], *, scored: Iterable[int] = ()) -> int:
        """Upsert contradiction-scoring results (pairs stored with a_id < b_id) and, in the same
        transaction, take the ``scored`` statements off the to-score list."""
        n = 0
        with self.transaction(bump=False):
            self._mark_scored(scored)
            for a, b, relation, score, reasons, scorer in rows:
                a, b = (a, b) if a < b else (b, a)
                self._conn.execute(
                    "INSERT OR REPLACE INTO verdicts VALUES (?,?,?,?,?,?,?)",
                    (int(a), int(b), relation, float(score), json.dumps(list(reasons), ensure_ascii=False),
                     scorer, _now()),
                )
                n += 1
        return n

    def verdicts(
        self,
        *,
        statement_id: int | None = None,
        relation: str | None = "contradiction",
        min_score: float = 0.0,
        speaker: str | None = None,
        since: str | None = None,
        limit: int | None = None,
    ) -> list[VerdictRow]:
        """Stored verdicts, best score first; ``speaker`` matches any alias, ``since`` the creation date."""
        conds: list[str] = ["v.score >= ?"]
        params: list[str | float] = [min_score]
        if relation is not None:
            conds.append("v.relation = ?")
            params.append(relation)
        if statement_id is not None:
            conds.append("(v.a_id = ? OR v.b_id = ?)")
            params += [statement_id, statement_id]
        if speaker is not None:
            names = [fold(n) for n in self.resolve_speaker(speaker)]
            marks = ",".join("?" * len(names))
            conds.append(f"(sa.speaker_folded IN ({marks}) OR sb.speaker_folded IN ({marks}))")
            params += names + names
        if since is not None:
            conds.append("substr(v.created, 1, 10) >= ?")
            params.append(since[:10])
        sql = (
            "SELECT v.a_id, v.b_id, v.relation, v.score, v.reasons, v.scorer FROM verdicts v "
            "JOIN statements sa ON sa.id = v.a_id JOIN statements sb ON sb.id = v.b_id "
            f"WHERE {' AND '.join(conds)} ORDER BY v.score DESC, v.a_id, v.b_id"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [(a, b, r, s, json.loads(rs), sc) for a, b, r, s, rs, sc in self._conn.execute(sql, params)]

    def contradicted_by(self, ids: Sequence[int]) -> dict[int, list[int]]:
        """For each id, the statements with a stored contradiction verdict against it."""
        out: dict[int, list[int]] = {i: [] for i in ids}
        for chunk in _chunks(list(ids), 400):
            marks = ",".join("?" * len(chunk))
            sql = (f"SELECT a_id, b_id FROM verdicts WHERE relation='contradiction' "
                   f"AND (a_id IN ({marks}) OR b_id IN ({marks})) ORDER BY score DESC")
            for a, b in self._conn.execute(sql, (*chunk, *chunk)):
                if a in out:
                    out[a].append(b)
                if b in out:
                    out[b].append(a)
        return out

    # ------------------------------------------------------------------ runs
    def record_run(self, summary: dict[str, Any]) -> None:
        with self.transaction(bump=False):
            self._conn.execute("INSERT INTO runs (started, summary) VALUES (?, ?)",
                               (_now(), json.dumps(summary, ensure_ascii=False)))

    def runs(self, limit: int = 10) -> list[dict[str, Any]]:
        rows = self._conn.execute("SELECT started, summary FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [{"started": s, **json.loads(j)} for s, j in rows]

    def check(self) -> list[str]:
        """Consistency problems between SQLite, FTS and FAISS (empty when all is well)."""
        n = self.count()
        problems = self._vectors.problems(self.ids())
        nfts = self._conn.execute("SELECT count(*) FROM statements_fts").fetchone()[0]
        if nfts != n:
            problems.append(f"FTS holds {nfts} rows, SQLite {n} statements")
        orphans = self._conn.execute(
            "SELECT count(*) FROM statements s LEFT JOIN articles a ON a.id=s.article_id WHERE a.id IS NULL"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} statements without an article")
        return problems


class _IndexRows:
    """The store's SQLite as the FAISS index sees it (``vectorindex.VectorRows``): vectors, ids,
    languages and the meta keys, nothing else."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def count(self) -> int:
        return self._store.count()

    def ids(self) -> np.ndarray:
        return self._store.ids()

    def vectors(self, ids: Sequence[int]) -> np.ndarray:
        return self._store.vectors(ids)

    def iter_vectors(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        return self._store.iter_vectors()

    def langs(self, ids: Sequence[int]) -> list[str | None]:
        return self._store.langs(ids)

    def lang_vectors(self) -> Iterator[list[tuple[str, bytes]]]:
        cur = self._store._conn.execute("SELECT lang, vector FROM statements")
        while rows := cur.fetchmany(10_000):
            yield rows

    def sample(self, n: int) -> list[tuple[str, bytes]]:
        sql = "SELECT lang, vector FROM statements ORDER BY random() LIMIT ?"
        return list(self._store._conn.execute(sql, (n,)).fetchall())

    def model(self) -> tuple[str, int] | None:
        return self._store.model()

    def generation(self) -> int:
        return self._store.generation()

    def meta(self, key: str) -> str | None:
        return self._store._meta(key)

    def write_meta(self, values: Mapping[str, str], *, new_generation: bool = False) -> None:
        store = self._store
        with store.transaction(bump=False):
            if new_generation:
                gen = store.generation() + 1
                store._set_meta("generation", str(gen))
                store._set_meta("means_gen", str(gen))
            for key, value in values.items():
                store._set_meta(key, value)


def _connect(file: Path, write: bool) -> sqlite3.Connection:
    """A connection for the writer, or for a reader: read-only, and on a store whose folder the
    reader may not write (a shared, read-only copy), without the WAL side files."""
    if write:
        conn = sqlite3.connect(file, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    else:
        uri = file.resolve().as_uri()
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            conn.close()  # cannot create the -shm file next to it: read the file as it is
            conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None,
                                   check_same_thread=False)
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _is_file_trouble(exc: BaseException) -> bool:
    """SQLite errors and OS errors (a full disk, an unreadable file), not factrack's own."""
    return isinstance(exc, sqlite3.Error | OSError) and not isinstance(exc, StoreError)


def _store_error(path: Path, exc: BaseException) -> StoreError:
    """A StoreError saying what went wrong with the store's files, in one line."""
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "database or disk is full" in str(exc):
        return StoreError(f"store {path}: the disk is full; what was committed is kept, free space and run again")
    if isinstance(exc, sqlite3.DatabaseError):
        return StoreError(f"store {path} is damaged or unreadable ({exc}); restore it from a backup or index again "
                          "into a new --db")
    return StoreError(f"store {path}: {getattr(exc, 'strerror', None) or exc}")


def _schema_version(conn: sqlite3.Connection) -> int:
    """The last migration applied to the file (0: a new, empty file)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone() is None:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
    return int(row[0]) if row else 0


def _migrate(conn: sqlite3.Connection, path: Path, version: int, lock_fd: int | None) -> None:
    """Apply the migrations after ``version``, all in one transaction, under the writer lock.

    A reader that meets an older store takes the lock for the upgrade (and gives it back), so
    that an old store is upgraded rather than refused; if a writer holds it, the reader is told
    to try again.
    """
    own_lock = None
    if lock_fd is None:
        try:
            own_lock = _take_lock(path / LOCK_NAME, 0.0)
        except StoreError:
            raise StoreError(f"store {path} needs an upgrade (schema {version} -> {SCHEMA_VERSION}) and another "
                             "process is writing to it; try again when it is done") from None
    try:
        script = "".join(MIGRATIONS[version:])
        fresh = "INSERT OR IGNORE INTO meta VALUES ('generation', '0');" if version == 0 else ""
        try:
            conn.executescript(f"BEGIN IMMEDIATE;{script}{fresh}"
                               f"INSERT OR REPLACE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');COMMIT;")
        except sqlite3.DatabaseError:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    finally:
        if own_lock is not None:
            os.close(own_lock)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    """``items`` in lists of ``size``; ids SQLite cannot hold (a 20-digit id typed by hand) are
    left out, since no statement can have them."""
    items = [i for i in items if not isinstance(i, int) or SQLITE_MIN <= i <= SQLITE_MAX]
    for i in range(0, len(items), size):
        yield items[i : i + size]


SQLITE_MIN, SQLITE_MAX = -(2**63), 2**63 - 1
