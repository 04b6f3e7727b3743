"""The FAISS index's life cycle, apart from the ``Store`` that owns SQLite.

``VectorIndex`` loads the generation-named FAISS file, repairs it from the vectors stored in
SQLite when it is stale or damaged, builds it (exact, or IVF past a threshold) centred on the
language means, answers nearest-neighbour queries and writes itself atomically on flush. It
reads SQLite only through the narrow ``VectorRows`` protocol, so the SQL stays in the store.

Changes made inside a store transaction are staged here (``stage_add``/``stage_remove``) and
applied only after SQLite commits (``apply_staged``), or dropped on rollback (``discard_staged``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from factrack import faults
from factrack.errors import StoreError
from factrack.store.vectors import (
    EXACT_FILTERED_MAX,
    INDEX_FORMAT,
    IVF_THRESHOLD,
    MIN_LANG_STATEMENTS,
    _gen_of,
    _index_ids,
    centre,
    faiss_files,
    faiss_path,
    ivf_nlist,
    ivf_nprobe,
    means_drifted,
    new_ivf_index,
    write_index_atomic,
)

if TYPE_CHECKING:
    import faiss


class VectorRows(Protocol):
    """What the FAISS index needs from SQLite: the stored vectors, their ids and languages, and
    the ``meta`` keys that record which file matches which SQLite state."""

    def count(self) -> int: ...

    def ids(self) -> np.ndarray: ...

    def vectors(self, ids: Sequence[int]) -> np.ndarray: ...

    def iter_vectors(self) -> Iterator[tuple[np.ndarray, np.ndarray]]: ...

    def langs(self, ids: Sequence[int]) -> list[str | None]: ...

    def lang_vectors(self) -> Iterator[list[tuple[str, bytes]]]:
        """Every (lang, vector blob), in batches (for the language means)."""
        ...

    def sample(self, n: int) -> list[tuple[str, bytes]]:
        """``n`` random (lang, vector blob) rows (IVF training)."""
        ...

    def model(self) -> tuple[str, int] | None: ...

    def generation(self) -> int: ...

    def meta(self, key: str) -> str | None: ...

    def write_meta(self, values: Mapping[str, str], *, new_generation: bool = False) -> None:
        """Set ``values`` in one transaction; ``new_generation`` also advances the generation and
        records it as ``means_gen`` (the new means and the file centred on them share it)."""
        ...


class VectorIndex:
    """The FAISS index of one store folder: loaded on first use, repaired to match SQLite."""

    def __init__(self, folder: Path, rows: VectorRows) -> None:
        self.folder = folder
        self._rows = rows
        self._index: faiss.Index | None = None
        self._dirty = False  # FAISS in memory differs from the file on disk
        self._pending_add: list[tuple[np.ndarray, np.ndarray]] = []
        self._pending_remove: list[int] = []
        self.ivf_threshold = IVF_THRESHOLD
        self.nprobe: int | None = None  # None: the nprobe saved in the IVF index (ivf_nprobe(nlist))
        self._means: dict[str, np.ndarray] = {}  # language means the in-memory FAISS index is centred on
        self._means_changed = False  # the index was rebuilt on new means not yet recorded in meta

    # ------------------------------------------------------------------ files
    def tidy_files(self) -> None:
        """Remove temporary FAISS files a killed writer left behind."""
        for tmp in self.folder.glob(".vectors-*.faiss.tmp"):
            tmp.unlink(missing_ok=True)

    def _files(self) -> list[Path]:
        return faiss_files(self.folder)

    def _file(self) -> Path | None:
        p = faiss_path(self.folder, self._rows.generation())
        return p if p.exists() else None

    def file_sound(self) -> bool:
        """The current FAISS file exists, is of this format and has the size it was written with
        (a damaged or truncated file is rebuilt from the stored vectors by the writer)."""
        file = self._file()
        if file is None or self._rows.meta("faiss_format") != INDEX_FORMAT:
            return False
        size = self._rows.meta("faiss_size")
        return size is None or file.stat().st_size == int(size)

    # ------------------------------------------------------------------ staged changes
    def stage_add(self, ids: np.ndarray, vecs: np.ndarray) -> None:
        """Raw vectors to add once the current transaction commits."""
        self._pending_add.append((ids, vecs))

    def stage_remove(self, ids: Iterator[int] | Sequence[int]) -> None:
        """Ids to remove once the current transaction commits."""
        self._pending_remove.extend(ids)

    def has_staged(self) -> bool:
        return bool(self._pending_add or self._pending_remove)

    def discard_staged(self) -> None:
        """The transaction rolled back (or bulk loading rebuilds from SQLite): forget its changes."""
        self._pending_add.clear()
        self._pending_remove.clear()

    def apply_staged(self) -> None:
        """SQLite committed: apply the staged changes to the index in memory (if loaded)."""
        if not (self._pending_add or self._pending_remove):
            return
        if self._index is not None:
            if self._pending_remove:
                self._index.remove_ids(np.asarray(self._pending_remove, dtype=np.int64))
            for ids, vecs in self._pending_add:
                self._index.add_with_ids(self._centred(ids, vecs), ids)
        self.discard_staged()
        self._dirty = True

    def unload(self) -> None:
        """Drop the index in memory; the next use loads (and repairs) it from disk and SQLite."""
        self._index = None

    def mark_stale(self) -> None:
        """The file on disk no longer matches: the next flush writes one."""
        self._dirty = True

    # ------------------------------------------------------------------ loading and building
    def get(self) -> faiss.Index:
        """The FAISS index, loaded on first use and repaired if it does not match SQLite."""
        if self._index is None:
            self.load()
        assert self._index is not None
        return self._index

    def load(self) -> None:
        """Load the current file, or repair the newest usable one, or build afresh."""
        import faiss

        # A file of another format, or older than the means it should be centred on, is rebuilt.
        current = self._rows.meta("faiss_format") == INDEX_FORMAT
        means_gen = int(self._rows.meta("means_gen") or 0)
        self._means = self._stored_means() if current else {}
        exact = self._file() if current else None
        if exact is not None:
            try:
                loaded = faiss.read_index(str(exact))
            except RuntimeError:  # damaged or truncated: rebuilt from the stored vectors below
                loaded, exact = None, None
            if loaded is not None and loaded.ntotal == self._rows.count() and self.file_sound():
                self._index = loaded
                self._dirty = False
                return
        # Stale or missing: start from the newest file there is and make it match SQLite.
        files = [p for p in self._files() if _gen_of(p) >= means_gen] if current else []
        index = None
        if files:
            try:
                index = faiss.read_index(str(max(files, key=lambda p: _gen_of(p))))
            except RuntimeError:
                index = None
        dim = self._dim()
        if index is None or index.d != dim:
            index = self._build(dim)
        else:
            self._repair(index)
        self._index = index
        self._dirty = True

    def _dim(self) -> int:
        return (self._rows.model() or ("", 0))[1]

    def _repair(self, index: faiss.Index) -> None:
        """Make ``index`` hold exactly SQLite's statement ids, re-adding vectors from SQLite."""
        in_faiss = _index_ids(index)
        in_db = self._rows.ids()
        extra = np.setdiff1d(in_faiss, in_db)
        missing = np.setdiff1d(in_db, in_faiss)
        if len(extra):
            index.remove_ids(extra)
        todo = missing.tolist()
        for start in range(0, len(todo), 10_000):
            chunk = todo[start : start + 10_000]
            ids = np.asarray(chunk, dtype=np.int64)
            index.add_with_ids(self._centred(ids, self._rows.vectors(chunk)), ids)
        # Ids present in both but with vectors changed (an interrupted reindex) are rare enough
        # that a reindex run is the fix; a count check cannot see them.

    def _build(self, dim: int) -> faiss.Index:
        """A fresh index over all stored vectors: exact when small, IVF past the threshold."""
        import faiss

        n = self._rows.count()
        self._means = self._compute_means()
        self._means_changed = True
        if n >= self.ivf_threshold and dim:
            nlist = ivf_nlist(n)
            sample = self._sample_vectors(min(n, nlist * 32))
            index = new_ivf_index(dim, nlist, sample, self.nprobe or ivf_nprobe(nlist))
        else:
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(max(dim, 1)))
        for ids, vecs in self._rows.iter_vectors():
            index.add_with_ids(self._centred(ids, vecs), ids)
        return index

    def rebuild(self) -> None:
        """Throw the index away and build it again from the stored vectors."""
        self._index = self._build(self._dim())
        self._dirty = True

    def _sample_vectors(self, n: int) -> np.ndarray:
        """A random sample of centred vectors (IVF training)."""
        rows = self._rows.sample(n)
        vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
        return centre(vecs, [r[0] for r in rows], self._means)

    # ------------------------------------------------------------------ language centring
    def lang_means(self) -> dict[str, np.ndarray]:
        """The language means the index is centred on (languages with too few statements have
        none and are left uncentred)."""
        self.get()
        return dict(self._means)

    def _stored_means(self) -> dict[str, np.ndarray]:
        raw = json.loads(self._rows.meta("lang_means") or "{}")
        return {code: np.asarray(v, dtype=np.float32) for code, v in raw.items()}

    def _compute_means(self) -> dict[str, np.ndarray]:
        """Mean raw vector per language of the stored statements, for languages with enough of them."""
        sums: dict[str, np.ndarray] = {}
        counts: dict[str, int] = {}
        for rows in self._rows.lang_vectors():
            by_lang: dict[str, list[bytes]] = {}
            for code, blob in rows:
                by_lang.setdefault(code, []).append(blob)
            for code, blobs in by_lang.items():
                block = np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)
                part = block.sum(axis=0, dtype=np.float64)
                sums[code] = sums[code] + part if code in sums else part
                counts[code] = counts.get(code, 0) + len(blobs)
        return {code: (sums[code] / n).astype(np.float32) for code, n in counts.items() if n >= MIN_LANG_STATEMENTS}

    def _centred(self, ids: np.ndarray, vecs: np.ndarray) -> np.ndarray:
        """Stored statements' raw vectors as the index holds them."""
        if not self._means:
            return np.ascontiguousarray(vecs, np.float32)
        return centre(vecs, self._rows.langs(ids.tolist()), self._means)

    # ------------------------------------------------------------------ flushing
    def is_ivf(self) -> bool:
        import faiss

        return faiss.try_extract_index_ivf(self.get()) is not None

    def flush(self) -> None:
        """Write FAISS atomically if it changed; switch to IVF once the store has outgrown exact search."""
        if not self._dirty and self._file() is not None:
            return
        if self._index is None and self._rows.count() == 0 and self._rows.model() is None:
            return
        import faiss

        index = self.get()
        if not self._means_changed and means_drifted(self._means, self._compute_means()):
            index = self._index = self._build(index.d)
        if index.ntotal >= self.ivf_threshold and faiss.try_extract_index_ivf(index) is None:
            index = self._index = self._build(index.d)
        if self._means_changed or self._rows.meta("faiss_format") != INDEX_FORMAT:
            # New means and the file centred on them share a new generation: a crash before the
            # file is written leaves only older files, which load() then refuses to repair.
            self._rows.write_meta(
                {"faiss_format": INDEX_FORMAT,
                 "lang_means": json.dumps({c: [float(x) for x in m] for c, m in self._means.items()})},
                new_generation=True,
            )
            self._means_changed = False
        faults.point("before_faiss_write")
        target = write_index_atomic(index, self.folder, self._rows.generation())
        self._rows.write_meta({"faiss_size": str(target.stat().st_size)})
        for old in self._files():
            if old != target:
                old.unlink(missing_ok=True)
        self._dirty = False

    # ------------------------------------------------------------------ searching
    def _nprobe(self, ivf: faiss.IndexIVF) -> int:
        return min(int(self.nprobe or ivf.nprobe), int(ivf.nlist))

    def nearest(
        self, vectors: np.ndarray, k: int, *, allowed: Sequence[int] | None = None,
        langs: Sequence[str | None] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Inner-product nearest neighbours: (scores, ids), shape (n, k); id -1 where none (see
        ``Store.nearest``)."""
        import faiss

        index = self.get()
        q = np.atleast_2d(vectors)
        if q.shape[1] == index.d:
            q = centre(q, langs, self._means)
        q = np.ascontiguousarray(q, dtype=np.float32)
        if index.ntotal == 0 or k <= 0 or (allowed is not None and len(allowed) == 0):
            return np.full((len(q), max(k, 0)), -np.inf, np.float32), np.full((len(q), max(k, 0)), -1, np.int64)
        if q.shape[1] != index.d:
            raise StoreError(f"query vectors are {q.shape[1]}-d, store holds {index.d}-d; run `factrack reindex`")
        params = None
        ivf = faiss.try_extract_index_ivf(index)
        if allowed is not None:
            sel = faiss.IDSelectorBatch(np.asarray(allowed, dtype=np.int64))
            if ivf is not None:
                # IVF would only visit nprobe lists and miss allowed ids elsewhere. A selective
                # filter visits every list: exact over the allowed ids, and cheap, since only they
                # are scored (reading their vectors from SQLite instead cost ~10x more at 1M).
                # A broad filter widens nprobe by the share filtered out.
                if len(allowed) <= EXACT_FILTERED_MAX:
                    nprobe = ivf.nlist
                else:
                    nprobe = min(ivf.nlist, int(self._nprobe(ivf) * max(1.0, index.ntotal / len(allowed))))
                params = faiss.SearchParametersIVF(sel=sel, nprobe=nprobe)
            else:
                params = faiss.SearchParameters(sel=sel)
        elif ivf is not None:
            params = faiss.SearchParametersIVF(nprobe=self._nprobe(ivf))
        threads = faiss.omp_get_max_threads()
        if len(q) == 1:  # one query: thread start-up costs more than it saves, worse on busy CPUs
            faiss.omp_set_num_threads(1)
        try:
            scores, ids = index.search(q, k, params=params)
        finally:
            faiss.omp_set_num_threads(threads)
        return scores, ids

    def problems(self, ids: np.ndarray) -> list[str]:
        """Where the index differs from SQLite's statement ids (empty when it matches)."""
        index = self.get()
        if index.ntotal != len(ids):
            return [f"FAISS holds {index.ntotal} vectors, SQLite {len(ids)} statements"]
        if not np.array_equal(np.sort(_index_ids(index)), ids):
            return ["FAISS ids differ from SQLite ids"]
        return []
