"""Fixtures shared across test modules (pytest finds them here; no import needed). The plain
functions they build on are in ``tests.support``, for module-level helpers that cannot take a
fixture."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factrack.embed import FakeEmbedder
from factrack.records import Article, Statement
from tests import support


@pytest.fixture
def sentences_by_default(monkeypatch: pytest.MonkeyPatch) -> Callable[[Article], list[Statement]]:
    """Indexing without spaCy: the CLI's (and ``run_index``'s) default extractor becomes the
    one-claim-per-sentence stand-in, for tests about the job rather than about extraction."""
    monkeypatch.setattr("factrack.index._default_extractor", lambda: support.sentence_extractor)
    return support.sentence_extractor


@pytest.fixture
def pages_embedder() -> FakeEmbedder:
    """The fake embedder the pages' store was built with (its search embeds queries with it)."""
    return support.EMBEDDER


@pytest.fixture
def pages_store(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """The small hand-made store of ``support.build_store`` in ``tmp_path / "db"``, and its
    statement ids by short name. Built afresh for each test (about 0.1 s): tests mark and re-index it."""
    path = tmp_path / "db"
    return path, support.build_store(path)
