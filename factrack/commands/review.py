"""What ``factrack review`` and the reviewed ``factrack contradictions`` listing call."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factrack.errors import InputError
from factrack.review import Marks, ReviewedContradiction, clear_mark, set_mark, with_marks
from factrack.store.reviewtable import MARKS, ReviewMark


def run_review(action: str, target: str | None = None, ids: Sequence[int] = (), *, db: Path | str | None = None,
               mark: str | None = None, note: str = "", reviewer: str = "", wait: float = 5.0) -> list[ReviewMark]:
    """The ``factrack review`` command: ``set`` (returns the new mark), ``clear`` (the marks left of
    that target kind) or ``list`` (every mark, or those of ``target``)."""
    from factrack.store import Store, default_path

    path = db or default_path()
    if action == "list":
        with Store.open(path) as store:
            return store.reviews(target)
    if target is None:
        raise InputError("say what to mark: --statement ID, --claim ID or --contradiction ID ID")
    with Store.open(path, write=True, timeout=wait) as store:
        if action == "set":
            if mark is None:
                raise InputError(f"--mark is needed ({', '.join(MARKS)})")
            return [set_mark(store, target, ids, mark, note=note, reviewer=reviewer)]
        if action == "clear":
            if not clear_mark(store, target, ids):
                raise InputError(f"that {target} has no review mark")
            return store.reviews(target)
    raise InputError(f"unknown review action {action!r} (expected set, clear or list)")


def run_reviewed_contradictions(*, db: Path | str | None = None, show_false_positives: bool = False,
                                reviewed: bool | None = None, limit: int | None = None,
                                **options: Any) -> list[ReviewedContradiction]:
    """The ``factrack contradictions`` listing (claim pairs) with review marks applied: false
    positives hidden unless asked for, confirmed first, the mark on each row."""
    from factrack.commands.compare import run_contradictions
    from factrack.store import Store, default_path

    found = run_contradictions(db=db, limit=None, **options)
    with Store.open(db or default_path()) as store:
        rows = with_marks(found, Marks.load(store), show_false_positives=show_false_positives, reviewed=reviewed)
    return rows[:limit] if limit is not None else rows
