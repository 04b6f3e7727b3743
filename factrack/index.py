"""The nightly job: ingest → extract → embed → store, incrementally.

An article is identified by its ``doc``: the resolved path of its file, or for a row of a
JSON-lines feed the feed's resolved path and the row's id, URL or content hash (so the same file
reached by another path is the same article, and a line added to a feed changes no other row).
It is compared by content hash and pipeline version: an unchanged article costs one dictionary
look-up, so a re-run over an unchanged corpus reads the files, hashes them and stops, without
importing spaCy or loading a model (the embedder loads lazily, on the first non-empty batch).

A run is resumable: articles are committed in batches, each statement is put on the store's
to-score list in the transaction that adds it, and scoring takes it off in the transaction that
stores its verdicts; whatever a killed run left (unclaimed or unscored statements) the next run
finishes.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from factrack import faults
from factrack.errors import StoreError
from factrack.ingest import file_of
from factrack.records import Article, Failure, Statement
from factrack.speakers import merge_across_languages
from factrack.store import Store

if TYPE_CHECKING:
    from factrack.compare.contradictions import Scored
    from factrack.embed import Embedder

# Bump when extraction's code changes what it finds (its data tables are hashed into the
# fingerprint by themselves): every article then counts as changed and is redone.
# 2: polarity and negation on every statement.
PIPELINE_VERSION = "2"
# A batch of articles is embedded and committed in one SQLite transaction when it holds this many
# statements, this many articles, or has been gathering this long: a killed run loses at most one
# batch, and transactions are still not the bottleneck.
COMMIT_EVERY = 256
COMMIT_ARTICLES = 8
COMMIT_SECONDS = 20.0

Extractor = Callable[[Article], list[Statement]]
Progress = Callable[[int, int], None]
ScoreHook = Callable[[Store], "Scored | None"]


@dataclass(frozen=True)
class RunSummary:
    """What one index run did; also stored in the store's ``runs`` table and printed by
    ``index --format json`` for a monitor."""

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
    statements_scored: int = 0  # statements whose contradiction candidates were scored (this run's and left-overs)
    contradictions_added: int = 0  # pairs newly judged contradictory
    still_to_score: int = 0  # statements left unscored (scoring off, or it failed): the next run scores them
    started: str = ""  # UTC, ISO 8601
    finished: str = ""
    seconds: float = 0.0
    store: str = ""
    model: str = ""

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


@cache
def extraction_fingerprint() -> str:
    """What the extraction of an article depends on besides its text: the code's version, the
    per-language tables and the speaker registry (bundled and the user's). Stored with every
    article; an article extracted under another fingerprint is extracted again."""
    from factrack.speakers import user_file

    h = hashlib.sha256(PIPELINE_VERSION.encode())
    data = Path(str(resources.files("factrack") / "data"))
    files = sorted((data / "lang").rglob("*")) + [data / "speakers.json"]
    user = user_file()
    for f in [*files, *([user] if user else [])]:
        if f.is_file():
            h.update(str(f.relative_to(data) if f.is_relative_to(data) else "user:speakers.json").encode())
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return f"{PIPELINE_VERSION}-{h.hexdigest()[:12]}"


def _is_legacy(doc: str) -> bool:
    """A doc named the way stores before stable identity named it: the path as given (relative),
    or a JSON-lines row by its line number. Such an article is adopted by the first new-style doc
    with the same content, keeping its statement ids."""
    file = file_of(doc)
    if not os.path.isabs(file):
        return True
    return file != doc and doc[len(file) + 1 :].isdigit()


def _input_files(given: Sequence[str], failed: list[Failure]) -> list[tuple[str, tuple[int, int] | None]]:
    """The files ``read_articles`` would read for ``given`` (resolved paths), each with
    (size, mtime_ns) if it exists; what cannot be looked at in a folder goes to ``failed``."""
    from factrack.ingest import folder_items

    out: list[tuple[str, tuple[int, int] | None]] = []
    for g in given:
        p = Path(g)
        files: list[str] = []
        for item in folder_items(p) if p.is_dir() else [os.path.realpath(g)]:
            if isinstance(item, Failure):
                failed.append(item)
            else:
                files.append(item)
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
        if doc == root or doc.startswith(root.rstrip("/") + "/") or doc.startswith(root + "#"):
            return True
    return False


def _is_gone(path: str) -> bool:
    """True only when ``path`` is known not to exist: a file that cannot be read now (permissions,
    an unreadable folder above it, an I/O error) is not gone, and its articles are kept."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


@dataclass
class _Plan:
    """What a run must do, decided before any extraction."""

    todo: list[Article] = field(default_factory=list)  # new or changed articles
    failed: list[Failure] = field(default_factory=list)
    unchanged: int = 0
    seen: set[str] = field(default_factory=set)  # docs present in the inputs (read or skipped as unchanged)
    read_files: set[str] = field(default_factory=set)  # files read whole this run (their docs are all in seen)
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)  # (size, mtime_ns) of files read
    adopt: dict[str, str] = field(default_factory=dict)  # legacy doc -> its new name


def _plan(given: Sequence[str], store: Store, refresh: bool = True) -> _Plan:
    """Sort the inputs into unchanged, new or changed, and failed.

    Files whose size and mtime are as last indexed are not even read; the others are read and
    hashed, and only new and changed articles are kept in memory. An article reached twice (two
    overlapping paths) is taken once. An article extracted under another fingerprint counts as
    changed, unless ``refresh`` is off.
    """
    from factrack.ingest import read_articles

    plan = _Plan()
    current = extraction_fingerprint()
    states = store.article_states()

    def up_to_date(pipeline: str) -> bool:
        return pipeline == current or not refresh

    by_file: dict[str, list[str]] = {}
    for doc in states:
        by_file.setdefault(file_of(doc), []).append(doc)
    known = store.file_states()
    to_read: list[str] = []
    for path, file_stat in dict(_input_files(given, plan.failed)).items():
        docs = by_file.get(path)
        if (file_stat is not None and known.get(path) == file_stat and docs
                and all(up_to_date(states[d][1]) for d in docs)):
            plan.seen.update(docs)
            plan.unchanged += len(docs)
            continue
        to_read.append(path)
        if file_stat is not None:
            plan.stats[path] = file_stat
    legacy: dict[str, str] = {}  # content hash -> the legacy doc that holds it
    for doc, (content, _) in states.items():
        if _is_legacy(doc):
            legacy.setdefault(content, doc)
    failed_files: set[str] = set()
    for item in read_articles(to_read):
        if isinstance(item, Failure):
            plan.failed.append(item)
            failed_files.add(file_of(item.doc))
            continue
        if item.doc in plan.seen:
            continue
        plan.seen.add(item.doc)
        old = None if item.doc in states else legacy.pop(item.content_hash, None)
        if old is not None:
            plan.adopt[old] = item.doc
        state = states.get(old or item.doc)
        if state is not None and state[0] == item.content_hash and up_to_date(state[1]):
            plan.unchanged += 1
        else:
            plan.todo.append(item)
    plan.read_files = {p for p in to_read if p not in failed_files}
    return plan


@dataclass
class _Counts:
    added: int = 0
    changed: int = 0
    statements_added: int = 0
    statements_removed: int = 0


def _extract_and_commit(
    plan: _Plan, store: Store, embedder: Embedder, extract: Extractor, progress: Progress | None, batch_size: int,
) -> _Counts:
    """Extract each new or changed article and store it, committing in batches (each one
    transaction: statements, vectors, and their place on the to-score list), so a killed run
    keeps what it committed and the next run does only what is left."""
    from factrack.embed import embed_by_length

    counts = _Counts()
    known = set(store.article_states())
    batch: list[tuple[Article, list[Statement]]] = []
    pending = 0
    last = time.monotonic()

    def commit() -> None:
        texts = [s.text for _, sts in batch for s in sts]
        vectors = embed_by_length(embedder, texts, batch_size)
        if len(vectors):
            _record_model(store, embedder.name, vectors.shape[1])
        offset = 0
        with store.transaction():
            for article, sts in batch:
                ids, removed = store.put_article(
                    article, sts, vectors[offset : offset + len(sts)], pipeline=extraction_fingerprint()
                )
                offset += len(sts)
                counts.statements_added += len(ids)
                counts.statements_removed += removed
                if article.doc in known:
                    counts.changed += 1
                else:
                    counts.added += 1
                known.add(article.doc)
        faults.point("after_commit")
        batch.clear()

    for done, article in enumerate(plan.todo, 1):
        try:
            statements = extract(article)
        except Exception as e:  # noqa: BLE001 - one article's bug must not stop the night's run
            plan.failed.append(Failure(article.doc, f"extraction failed: {type(e).__name__}: {e}"))
            statements = None
        if statements is not None:
            batch.append((article, statements))
            pending += len(statements)
        if pending >= COMMIT_EVERY or len(batch) >= COMMIT_ARTICLES or time.monotonic() - last >= COMMIT_SECONDS:
            if batch:
                commit()
            pending, last = 0, time.monotonic()
        if progress is not None:
            progress(done, len(plan.todo))
    if batch:
        commit()
    return counts


def _prune(plan: _Plan, store: Store, given: Sequence[str]) -> tuple[int, int, set[str]]:
    """Drop stored articles under ``given`` that are gone: their file no longer exists, or their
    file was read whole and no longer holds them. Returns (articles, statements, files dropped).

    What merely could not be read this run (an unreadable folder or file, a feed that failed as
    a whole) is kept."""
    roots = [os.path.realpath(p) for p in given if os.path.exists(p)]
    gone = []
    for doc in store.docs():
        if doc in plan.seen or not _under(doc, roots):
            continue
        file = file_of(doc)
        if _is_gone(file) or (file != doc and file in plan.read_files):
            gone.append(doc)
    if not gone:
        return 0, 0, set()
    removed = store.remove_articles(gone)
    return len(gone), removed, {file_of(d) for d in gone if _is_gone(file_of(d))}


def index_paths(
    paths: Iterable[str | Path],
    store: Store,
    embedder: Embedder,
    *,
    prune: bool = False,
    progress: Progress | None = None,
    score: ScoreHook | None = None,
    extractor: Extractor | None = None,
    batch_size: int = 64,
    claims: bool = True,
    refresh: bool = True,
) -> RunSummary:
    """Index articles under ``paths`` into ``store``; returns what was done.

    Three steps: plan (what is new, changed, unchanged or unreadable), extract and commit in
    batches, prune (with ``prune``). Then every statement in no claim yet (this run's, or one an
    interrupted run left) is put in one, and ``score(store)`` scores what the store still has to
    score for contradictions. Articles whose extraction raises become failures and the run goes
    on. ``progress(done, total)`` is called per new or changed article. Without ``refresh``,
    articles extracted under another extraction fingerprint are left as they are.
    """
    started = _utc_now()
    t0 = time.perf_counter()
    given = [str(p) for p in paths]
    store.check_model(embedder.name)
    plan = _plan(given, store, refresh)
    if plan.adopt:
        store.rename_articles(plan.adopt)
    counts = _Counts()
    if plan.todo:
        _load_registry_into(store)
        counts = _extract_and_commit(plan, store, embedder, extractor or _default_extractor(), progress, batch_size)

    pruned, removed, dropped_files = _prune(plan, store, given) if prune else (0, 0, set())
    bad_files = {file_of(f.doc) for f in plan.failed}
    dropped_files |= {file_of(old) for old in plan.adopt}
    store.put_file_states(((p, *st) for p, st in plan.stats.items() if p not in bad_files), drop=dropped_files)
    faults.point("before_flush")
    store.flush()
    grouped = assign_claims(store) if claims else None
    # every run, not only one that added statements: a killed run may have grouped its claims
    # and died before merging (one grouped query over the speakers; cheap)
    merged = merge_across_languages(store) if claims else []
    scored = score(store) if score is not None else None
    summary = RunSummary(
        articles_added=counts.added,
        changed=counts.changed,
        unchanged=plan.unchanged,
        failed=plan.failed,
        statements_added=counts.statements_added,
        statements_removed=counts.statements_removed + removed,
        articles_pruned=pruned,
        claims_joined=grouped.joined if grouped else 0,
        claims_started=grouped.started if grouped else 0,
        speakers_merged=[f"{m.alias} = {m.name}" for m in merged],
        statements_scored=scored.statements if scored else 0,
        contradictions_added=scored.contradictions if scored else 0,
        still_to_score=store.unscored_count(),
        started=started,
        finished=_utc_now(),
        seconds=time.perf_counter() - t0,
        store=str(store.path),
        model=embedder.name,
    )
    if counts.added or counts.changed or pruned or plan.failed or scored or merged:
        store.record_run(summary.to_dict())
    return summary


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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
        store.set_model(name, dim, extraction_fingerprint())
    else:
        store.check_model(name, dim)


def reindex(store: Store, embedder: Embedder, *, progress: Progress | None = None, batch_size: int = 64) -> int:
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


def _contradiction_hook(embedder: Embedder, pair_model: str | None = None, *, refresh: bool = True,
                        progress: Progress | None = None) -> ScoreHook | None:
    """Score what the store still has to score (and, with ``refresh``, what another scorer
    scored), when the compare stage is installed; see ``contradictions.refresh_and_score``."""

    def hook(store: Store) -> Scored | None:
        try:
            from factrack.compare import contradictions
        except ImportError:  # without the compare stage the statements stay on the to-score list
            return None
        return contradictions.refresh_and_score(store, pair_model=pair_model, embedder=embedder,
                                                refresh=refresh, progress=progress)

    return hook
