"""Small helpers shared by several test modules (pytest puts this folder on sys.path)."""

from __future__ import annotations

from factrack.compare.cues import find_cues
from factrack.extract import extract
from factrack.records import Article, Kind, Statement


def run(text: str) -> list[Statement]:
    """Extract from a one-off article, checking every statement's offsets on the way."""
    statements = extract(Article(doc="t", text=text))
    for s in statements:
        assert text[s.start : s.end] == s.text
    return statements


def run_attributed(text: str) -> list[Statement]:
    """Like ``run``, without the unattributed claims."""
    return [s for s in run(text) if s.kind != Kind.CLAIM]


def kinds(a: str, b: str) -> list[str]:
    """The kinds of contradiction cues found between two statements."""
    return [c.kind for c in find_cues(a, b)]


def reasons(a: str, b: str) -> list[str]:
    """The cues found between two statements, as the reasons shown to a user."""
    return [str(c) for c in find_cues(a, b)]
