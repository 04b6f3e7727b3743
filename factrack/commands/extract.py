"""What ``factrack extract`` calls (apart from ``indexing``: extracting needs no store)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factrack.records import Article, Failure, Statement


def run_extract(paths: Iterable[str | Path]) -> Iterator[tuple[Article, list[Statement]] | Failure]:
    """The ``factrack extract`` command: each article read from ``paths`` with its statements, or
    the file's failure, one at a time (spaCy is imported only here, on the first call)."""
    from factrack.extract import extract_paths

    return extract_paths(paths)
