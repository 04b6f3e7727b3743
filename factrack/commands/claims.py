"""What ``factrack claims`` calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factrack.claims import Claim, list_claims, load_claims


def run_claims(claim_id: int | None = None, *, db: Path | str | None = None, **options: Any) -> list[Claim]:
    """The ``factrack claims`` command: the claims of the store (``list_claims`` options), or one."""
    from factrack.errors import InputError
    from factrack.show import MAX_ID
    from factrack.store import Store, default_path

    with Store.open(db or default_path()) as store:
        if claim_id is None:
            return list_claims(store, **options)
        found = load_claims(store, [claim_id]) if 0 <= claim_id <= MAX_ID else []
        if not found:
            raise InputError(f"no claim #{claim_id} in the store")
        return found
