"""The nightly job: ingest → extract → embed → store, incrementally.

An article is identified by its ``doc`` (path as given) and compared by content hash and pipeline
version: an unchanged article costs one dictionary look-up, so a re-run over an unchanged corpus
reads the files, hashes them and stops, without importing spaCy or loading a model (the embedder
loads lazily, on the first non-empty batch).
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from factrack import faults
from factrack.errors import StoreError
from factrack.records import Article, Failure, Statement
from factrack.speakers import merge_across_languages
from factrack.store import Store

# Bump when extraction changes what it finds: every article then counts as changed and is redone.
# 2: polarity and negation on every statement.
PIPELINE_VERSION = "2"
# Statements gathered before one embed + SQLite transaction: small enough that a killed run loses
# little, large enough that transactions are not the bottleneck.
COMMIT_EVERY = 256

Extractor = Callable[[Article], list[Statement]]
Progress = Callable[[int, int], None]
AfterAdd = Callable[[Store, list[int]], None]


@dataclass(frozen=True)
class RunSummary:
    """What one index run did; also stored in the store's ``runs`` table."""

    articles_added: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: list[Failure] = field(default_factory=list)
    statements_added: int = 0
    statements_removed: int = 0
    articles_pruned: int = 0
    claims_joined: int = 0  # statements that joined an existing claim
    claims_started: int = 0  # statements that started a new claim
    speakers_merged: list[str] = field(default_factory=list)  # "ليلى نصار = Leila Nassar": one speaker, two scripts
    seconds: float = 0.0

    @property
    def read(self) -> int:
        """Articles read successfully, whatever happened to them next."""
        return self.articles_added + self.changed + self.unchanged

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["failed"] = [{"doc": f.doc, "reason": f.reason} for f in self.failed]
        d["seconds"] = round(self.seconds, 3)
        return d


def _default_extractor() -> Extractor:
    from factrack.extract import extract  # spaCy: imported only when something must be extracted

    return extract


def _load_registry_into(store: Store) -> None:
    """Copy the speaker registry into the store so any alias finds a speaker's statements."""
    try:
        from factrack.speakers import load_registry

        registry = load_registry()
    except (ImportError, OSError):  # no registry installed: speakers are matched by name only
        return
    store.add_speakers((s.name, tuple(s.aliases), s.role) for s in registry.all())


def _file_of(doc: str) -> str:
    """The input file a doc comes from: "x.jsonl#3" comes from "x.jsonl"."""
    path, sep, line = doc.rpartition("#")
    if sep and line.isdigit() and path.lower().endswith(".jsonl"):
        return path
    return doc


def _input_files(given: Sequence[str]) -> list[tuple[str, tuple[int, int] | None]]:
    """The files ``read_articles`` would read for ``given``, each with (size, mtime_ns) if it exists."""
    from factrack.ingest import folder_file_names

    out: list[tuple[str, tuple[int, int] | None]] = []
    for g in given:
        p = Path(g)
        files = folder_file_names(p) if p.is_dir() else [g]
        for f in files:
            try:
                st = os.stat(f)
            except OSError:
                out.append((f, None))
                continue
            out.append((f, (st.st_size, st.st_mtime_ns)) if stat.S_ISREG(st.st_mode) else (f, None))
    return out


def _under(doc: str, roots: Sequence[str]) -> bool:
    for root in roots:
        if doc == root or doc.startswith(root + "/") or doc.startswith(root + "#"):
            return True
    return False


def index_paths(
    paths: Iterable[str | Path],
    store: Store,
    embedder: Any,
    *,
    prune: bool = False,
    progress: Progress | None = None,
    after_add: AfterAdd | None = None,
    extractor: Extractor | None = None,
    batch_size: int = 64,
    claims: bool = True,
) -> RunSummary:
    """Index articles under ``paths`` into ``store``; returns what was done.

    Articles whose extraction raises become failures and the run goes on. ``progress(done,
    total)`` is called per changed article; ``after_add(store, new_ids)`` once at the end with the
    ids of all statements added by this run (contradiction scoring hooks in there). With ``claims``,
    every statement in no claim yet (this run's, or one an interrupted run left) is put in one.
    """
    from factrack.embed import embed_by_length
    from factrack.ingest import read_articles

    t0 = time.perf_counter()
    given = [str(p) for p in paths]
    store.check_model(embedder.name)
    states = store.article_states()

    # Pass 1: files whose size and mtime are as last indexed are not even read; the others are
    # read and hashed, and only new and changed articles are kept in memory.
    by_file: dict[str, list[str]] = {}
    for doc in states:
        by_file.setdefault(_file_of(doc), []).append(doc)
    known = store.file_states()
    to_read: list[str] = []
    stats: dict[str, tuple[int, int]] = {}
    seen: set[str] = set()
    unchanged = 0
    for path, file_stat in _input_files(given):
        docs = by_file.get(path)
        if (file_stat is not None and known.get(path) == file_stat and docs
                and all(states[d][1] == PIPELINE_VERSION for d in docs)):
            seen.update(docs)
            unchanged += len(docs)
            continue
        to_read.append(path)
        if file_stat is not None:
            stats[path] = file_stat

    todo: list[Article] = []
    failed: list[Failure] = []
    for item in read_articles(to_read):
        seen.add(item.doc)
        if isinstance(item, Failure):
            failed.append(item)
        elif states.get(item.doc) == (item.content_hash, PIPELINE_VERSION):
            unchanged += 1
        else:
            todo.append(item)

    added = changed = st_added = st_removed = pruned = 0
    dropped_files: set[str] = set()
    new_ids: list[int] = []
    if todo:
        extract = extractor or _default_extractor()
        _load_registry_into(store)
        batch: list[tuple[Article, list[Statement]]] = []

        def commit() -> None:
            nonlocal added, changed, st_added, st_removed
            texts = [s.text for _, sts in batch for s in sts]
            vectors = embed_by_length(embedder, texts, batch_size)
            if len(vectors):
                _record_model(store, embedder.name, vectors.shape[1])
            offset = 0
            with store.transaction():
                for article, sts in batch:
                    ids, removed = store.put_article(
                        article, sts, vectors[offset : offset + len(sts)], pipeline=PIPELINE_VERSION
                    )
                    offset += len(sts)
                    new_ids.extend(ids)
                    st_added += len(ids)
                    st_removed += removed
                    if article.doc in states:
                        changed += 1
                    else:
                        added += 1
            faults.point("after_commit")
            batch.clear()

        pending = 0
        for done, article in enumerate(todo, 1):
            try:
                statements = extract(article)
            except Exception as e:  # noqa: BLE001 - one article's bug must not stop the night's run
                failed.append(Failure(article.doc, f"extraction failed: {type(e).__name__}: {e}"))
                statements = None
            if statements is not None:
                batch.append((article, statements))
                pending += len(statements)
            if pending >= COMMIT_EVERY:
                commit()
                pending = 0
            if progress is not None:
                progress(done, len(todo))
        if batch:
            commit()

    if prune:
        roots = [str(Path(p)) for p in given if Path(p).exists()]
        gone = [d for d in states if d not in seen and _under(d, roots)]
        if gone:
            st_removed += store.remove_articles(gone)
            pruned = len(gone)
            dropped_files = {_file_of(d) for d in gone}

    bad_files = {_file_of(f.doc) for f in failed}
    store.put_file_states(((p, *st) for p, st in stats.items() if p not in bad_files), drop=dropped_files)
    faults.point("before_flush")
    store.flush()
    grouped = assign_claims(store) if claims else None
    merged = merge_across_languages(store) if (claims and new_ids) else []
    if after_add is not None and new_ids:
        after_add(store, new_ids)
    summary = RunSummary(
        articles_added=added,
        changed=changed,
        unchanged=unchanged,
        failed=failed,
        statements_added=st_added,
        statements_removed=st_removed,
        articles_pruned=pruned,
        claims_joined=grouped.joined if grouped else 0,
        claims_started=grouped.started if grouped else 0,
        speakers_merged=[f"{m.alias} = {m.name}" for m in merged],
        seconds=time.perf_counter() - t0,
    )
    if added or changed or pruned or failed:
        store.record_run(summary.to_dict())
    return summary


def assign_claims(store: Store) -> Any:
    """Group the statements that are in no claim yet (``factrack.claims``); nothing (and no import)
    when all are."""
    todo = store.unassigned_ids()
    if not todo:
        return None
    from factrack.claims import assign

    return assign(store, todo=todo)


def _record_model(store: Store, name: str, dim: int) -> None:
    if store.model() is None:
        store.set_model(name, dim, PIPELINE_VERSION)
    else:
        store.check_model(name, dim)


def reindex(store: Store, embedder: Any, *, progress: Progress | None = None, batch_size: int = 64) -> int:
    """Re-embed every stored statement with ``embedder`` and rebuild FAISS; returns the count.

    While it runs the store is marked so that an interrupted reindex (mixed vectors from two
    models) is refused until reindex is run again.
    """
    from factrack.embed import embed_by_length

    store.begin_reindex()
    ids = store.ids()
    total = len(ids)
    dim: int | None = None
    for start in range(0, total, 1024):
        chunk = [int(i) for i in ids[start : start + 1024]]
        texts = [s.text for s in store.statements(chunk)]
        vectors = embed_by_length(embedder, texts, batch_size)
        if dim is None:
            dim = int(vectors.shape[1])
            store.reset_model(embedder.name, dim)
        store.replace_vectors(np.asarray(chunk, dtype=np.int64), vectors)
        if progress is not None:
            progress(min(start + 1024, total), total)
    if dim is None:
        if total:
            raise StoreError("reindex embedded nothing")
        dim = int(embedder.dim)
        store.reset_model(embedder.name, dim)
    store.rebuild_index()
    store.end_reindex()
    store.flush()
    return total


def _contradiction_hook(embedder: Any, pair_model: str | None = None) -> AfterAdd | None:
    """Score new statements against the store when the compare stage is installed.

    The compare stage is imported only when there are new statements, so a run with nothing
    new stays fast; without it installed the hook does nothing.
    """

    def hook(store: Store, new_ids: list[int]) -> None:
        try:
            from factrack.compare import contradictions, get_scorer
        except ImportError:
            return
        contradictions.update(store, new_ids, get_scorer(embedder, pair_model=pair_model))

    return hook


def run_index(
    paths: Sequence[str | Path],
    *,
    db: Path | str | None = None,
    model: str | None = None,
    prune: bool = False,
    wait: float = 0.0,
    progress: Progress | None = None,
    compare: bool = True,
    pair_model: str | None = None,
) -> RunSummary:
    """The ``factrack index`` job: open the store for writing, index, score contradictions, close."""
    from factrack.embed import get_embedder
    from factrack.store import default_path

    embedder = get_embedder(model)
    with Store.open(db or default_path(), write=True, timeout=wait) as store:
        hook = _contradiction_hook(embedder, pair_model) if compare else None
        return index_paths(paths, store, embedder, prune=prune, progress=progress, after_add=hook)


def run_reindex(
    *, db: Path | str | None = None, model: str | None = None, wait: float = 0.0, progress: Progress | None = None
) -> int:
    """The ``factrack reindex`` job: re-embed every statement with ``model`` (default bundled e5)."""
    from factrack.embed import get_embedder
    from factrack.store import default_path

    embedder = get_embedder(model)
    with Store.open(db or default_path(), write=True, timeout=wait) as store:
        return reindex(store, embedder, progress=progress)
