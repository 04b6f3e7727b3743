"""What ``factrack show`` calls; the views it returns are re-exported for the CLI."""

from __future__ import annotations

from pathlib import Path

from factrack.show import DEFAULT_MIN_SCORE, ClaimView, StatementView, parse_ref, show_claim, show_statement

__all__ = ["ClaimView", "StatementView", "run_show"]


def run_show(ref: str, *, db: Path | str | None = None, claim: bool = False,
             min_score: float = DEFAULT_MIN_SCORE) -> StatementView | ClaimView:
    """The ``factrack show`` command: open the store read-only and gather one statement or claim."""
    from factrack.store import Store, default_path

    kind, n = parse_ref(ref, claim)
    with Store.open(db or default_path()) as store:
        if kind == "claim":
            return show_claim(store, n, min_score=min_score)
        return show_statement(store, n, min_score=min_score)
