"""The one store: SQLite for records and full text, FAISS for vectors, in one folder.

Layout of a store folder::

    store.sqlite          articles, statements (with their vectors as float32 blobs), speakers,
                          aliases, runs, verdicts, meta, FTS5 index over folded statement text
    vectors-<gen>.faiss   the FAISS index, ids = statement ids; <gen> names the SQLite state it matches
    lock                  flock'ed by the one writer

Why vectors live twice: SQLite is the source of truth and commits in small transactions; the FAISS
file is rewritten atomically (temporary file, fsync, rename) only when a writer flushes. A process
killed between the two leaves a FAISS file whose generation is older than SQLite's; the next open
sees that and repairs the index from the stored vectors instead of trusting it.

Modules, one concept each: ``core`` (the ``Store`` class), ``vectorindex``
(``VectorIndex``: the FAISS index's load, repair, build, centring, search and atomic flush),
``rows`` (``StoredStatement``, row conversion), ``filters`` (``SearchFilter`` and its SQL),
``schema`` (SQL schema, column lists, FTS queries, stop words), ``vectors`` (FAISS index
building, IVF sizing, generation-named files, atomic writes) and ``lock`` (the flock writer lock).
Import from ``factrack.store``; the split is an implementation detail.
"""

from factrack.store.claimtable import Membership
from factrack.store.core import Store, default_path
from factrack.store.filters import SearchFilter
from factrack.store.lock import LOCK_NAME
from factrack.store.reviewtable import MARKS, TARGETS, ReviewMark
from factrack.store.rows import StoredStatement
from factrack.store.schema import DB_NAME, SCHEMA_VERSION, VerdictRow, fts_query
from factrack.store.vectors import EXACT_FILTERED_MAX, IVF_NPROBE, IVF_THRESHOLD, ivf_nlist, ivf_nprobe

__all__ = [
    "DB_NAME",
    "EXACT_FILTERED_MAX",
    "IVF_NPROBE",
    "IVF_THRESHOLD",
    "LOCK_NAME",
    "MARKS",
    "Membership",
    "ReviewMark",
    "SCHEMA_VERSION",
    "SearchFilter",
    "Store",
    "StoredStatement",
    "TARGETS",
    "VerdictRow",
    "default_path",
    "fts_query",
    "ivf_nlist",
    "ivf_nprobe",
]
