"""What ``factrack lookup`` and ``factrack speakers`` call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factrack.errors import InputError
from factrack.search import ClaimHit, Hit, lookup, lookup_claims, speaker_statements
from factrack.store import Store, default_path


def run_lookup(query: str, *, db: Path | str | None = None, statements: bool = False,
               **options: Any) -> list[Hit] | list[ClaimHit]:
    """The ``factrack lookup`` command: open the store read-only and look ``query`` up, by claim
    (or, with ``statements``, as a flat list of statements)."""
    with Store.open(db or default_path()) as store:
        return lookup(store, query, **options) if statements else lookup_claims(store, query, **options)


def run_speakers(name: str | None = None, *, db: Path | str | None = None, since: str | None = None,
                 until: str | None = None) -> Any:
    """The ``factrack speakers`` command: all speakers (name, aliases, count), or one speaker's
    statements (``since``/``until``: published in that range)."""
    if name is None and (since is not None or until is not None):
        raise InputError("--since/--until need a speaker's NAME (the list of speakers is not dated)")
    with Store.open(db or default_path()) as store:
        return store.speakers() if name is None else speaker_statements(store, name, since=since, until=until)
