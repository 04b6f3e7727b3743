"""FAISS side of the store: index building, IVF sizing, id extraction, generation-named files
written atomically (temporary file, fsync, rename)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import faiss

# Past this many vectors a trained IVF index replaces exact search. Measured on bundled-e5
# vectors (`scripts/bench_store.py ivf`, table in docs/store.md): exact search takes ~21 ms at
# 100k and ~56 ms at 300k (single thread), where IVF answers in ~10 ms with recall@10 >= 0.95;
# below ~250k the few ms saved do not pay for the lost recall and the training time.
IVF_THRESHOLD = 250_000
# Lists an IVF search visits: the smallest nprobe reaching recall@10 >= 0.95 against exact was
# at most 96 at every measured size from 100k to 1M; 128 leaves a margin.
IVF_NPROBE = 128
# A filtered lookup over an IVF index scores up to this many allowed statements exactly.
EXACT_FILTERED_MAX = 50_000


def faiss_files(folder: Path) -> list[Path]:
    """Every generation-named FAISS file in a store folder."""
    return sorted(folder.glob("vectors-*.faiss"))


def faiss_path(folder: Path, gen: int) -> Path:
    """The FAISS file that matches SQLite generation ``gen``."""
    return folder / f"vectors-{gen}.faiss"


def new_ivf_index(dim: int, nlist: int, sample: np.ndarray, nprobe: int) -> faiss.Index:
    """An empty IVF index over ``nlist`` lists, trained on ``sample``."""
    import faiss

    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
    index.cp.min_points_per_centroid = 5  # a sample of 32 per list is enough; no warning
    index.train(sample)
    index.nprobe = nprobe  # saved with the index
    return index


def write_index_atomic(index: faiss.Index, folder: Path, gen: int) -> Path:
    """Write ``index`` as generation ``gen``'s file: temporary file, fsync, rename, fsync the folder."""
    import faiss

    target = faiss_path(folder, gen)
    tmp = folder / f".vectors-{gen}.faiss.tmp"
    faiss.write_index(index, str(tmp))
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    _fsync_dir(folder)
    return target


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ivf_nprobe(nlist: int) -> int:
    """Lists an IVF search visits by default (see IVF_NPROBE); never more than there are."""
    return min(IVF_NPROBE, nlist)


def ivf_nlist(n: int) -> int:
    """Number of IVF lists for ``n`` vectors (the usual 4·sqrt(n), within bounds)."""
    return int(min(max(4 * np.sqrt(n), 64), 16_384))


def _index_ids(index: faiss.Index) -> np.ndarray:
    import faiss

    ivf = faiss.try_extract_index_ivf(index)
    if ivf is None:
        return faiss.vector_to_array(faiss.downcast_index(index).id_map).astype(np.int64)
    invlists = ivf.invlists
    parts = []
    for lst in range(ivf.nlist):
        size = invlists.list_size(lst)
        if size:
            parts.append(faiss.rev_swig_ptr(invlists.get_ids(lst), size).copy())
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)


def _gen_of(path: Path) -> int:
    try:
        return int(path.stem.split("-", 1)[1])
    except (IndexError, ValueError):
        return -1


# FAISS holds each vector minus its language's mean, renormalised: e5 gives every language a
# shared offset that keeps raw nearest neighbours within a language (XNLI dev ar→en P@1 0.93 raw,
# 0.99 centred; docs/retrieval.md). Stored blobs stay raw (compare's classifier wants raw vectors).
INDEX_FORMAT = "centred-1"  # a store whose FAISS file has another format is rebuilt on open
MIN_LANG_STATEMENTS = 20  # fewer statements in a language: its mean is too noisy, no centring
MEANS_DRIFT_COS = 0.999  # a language mean moving further than this since the build: rebuild


def centre(vectors: np.ndarray, langs: Sequence[str | None] | None, means: dict[str, np.ndarray]) -> np.ndarray:
    """Rows minus their language's mean (none for unknown languages), renormalised.

    ``langs=None`` leaves rows uncentred (only renormalised).
    """
    v = np.array(np.atleast_2d(vectors), dtype=np.float32)
    if langs is not None:
        if len(langs) != len(v):
            raise ValueError("one language per vector")
        for i, code in enumerate(langs):
            m = means.get(code) if code else None
            if m is not None:
                v[i] -= m
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return np.ascontiguousarray(v / np.where(norms > 0, norms, 1.0), dtype=np.float32)


def means_drifted(old: dict[str, np.ndarray], new: dict[str, np.ndarray]) -> bool:
    """Whether the index's means no longer stand for the stored vectors: a language gained or
    lost its mean, or one turned by more than MEANS_DRIFT_COS."""
    if old.keys() != new.keys():
        return True
    for code, a in old.items():
        b = new[code]
        cos = float(a @ b) / max(float(np.linalg.norm(a) * np.linalg.norm(b)), 1e-12)
        if cos < MEANS_DRIFT_COS:
            return True
    return False
