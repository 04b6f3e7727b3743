"""What ``factrack index`` and ``factrack reindex`` call (the job itself is ``factrack.index``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from factrack import index as job
from factrack.index import Progress, RunSummary
from factrack.store import Store


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
    refresh: bool = True,
) -> RunSummary:
    """The ``factrack index`` job: open the store for writing, index, score contradictions, close.

    ``pair_model`` None scores with the pair model the store was built with (the default for a
    new store); naming one makes it the store's. Without ``refresh``, articles extracted and
    verdicts made by an older pipeline are kept as they are.
    """
    from factrack.embed import get_embedder
    from factrack.store import default_path

    embedder = get_embedder(model)
    with Store.open(db or default_path(), write=True, timeout=wait) as store:
        hook = job._contradiction_hook(embedder, pair_model, refresh=refresh) if compare else None
        return job.index_paths(paths, store, embedder, prune=prune, progress=progress, score=hook, refresh=refresh)


def run_reindex(
    *, db: Path | str | None = None, model: str | None = None, wait: float = 0.0, progress: Progress | None = None
) -> int:
    """The ``factrack reindex`` job: re-embed every statement with ``model`` (default bundled e5)."""
    from factrack.embed import get_embedder
    from factrack.store import default_path

    embedder = get_embedder(model)
    with Store.open(db or default_path(), write=True, timeout=wait) as store:
        return job.reindex(store, embedder, progress=progress)
