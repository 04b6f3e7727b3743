"""What ``factrack serve`` calls: the web app over a store (the CLI runs it with uvicorn)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def run_serve(db: Path | str | None = None, *, read_only: bool = False,
              article_files: bool = True) -> tuple[Path, Any]:
    """The store's folder and the app serving it, its store opened once now (a bad ``--db`` fails
    here, before the server starts)."""
    from factrack.serve import create_app
    from factrack.store import default_path

    path = Path(db or default_path())
    return path, create_app(path, read_only=read_only, warm=True, article_files=article_files)
