"""Per-language knowledge: word tables on disk, and language detection.

Each language has a folder ``factrack/data/lang/<code>/`` of plain-text tables, one entry a line,
``#`` starts a comment. Tab-separated lines are pairs. Code asks for a table by name
(``words("ar", "cue_verbs")``) and never branches on the language itself; adding a language means
adding a folder of tables.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from factrack.normalize import fold

SUPPORTED = ("ar", "en")


def _table_text(lang: str, table: str) -> str:
    path = resources.files("factrack") / "data" / "lang" / lang / f"{table}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


@cache
def lines(lang: str, table: str) -> tuple[str, ...]:
    """The table's entries as written (comments and blank lines dropped)."""
    out = []
    for raw in _table_text(lang, table).splitlines():
        entry = raw.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)


@cache
def words(lang: str, table: str) -> frozenset[str]:
    """The table's entries in folded (matching) form."""
    return frozenset(fold(e) for e in lines(lang, table))


@cache
def pairs(lang: str, table: str) -> tuple[tuple[str, str], ...]:
    """Tab-separated two-column table, both columns folded."""
    out = []
    for e in lines(lang, table):
        a, _, b = e.partition("\t")
        out.append((fold(a.strip()), fold(b.strip())))
    return tuple(out)


_ARABIC_LETTERS = re.compile(
    r"[\u0621-\u063a\u0641-\u064a\u066e-\u06d3\u06d5\u06ee-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"
)
_LATIN_LETTERS = re.compile(r"[A-Za-z]")


def letter_counts(text: str) -> tuple[int, int]:
    """(Arabic letters, Latin letters) in ``text``; ingest uses the shares to spot mixed articles."""
    return len(_ARABIC_LETTERS.findall(text)), len(_LATIN_LETTERS.findall(text))


def detect(text: str) -> str | None:
    """"ar" or "en" by the script of the letters, None when there are no letters.

    News in these two languages is told apart reliably by script alone; a sentence is Arabic
    when most of its letters are Arabic.
    """
    arabic, latin = letter_counts(text)
    if arabic == latin == 0:
        return None
    return "ar" if arabic >= latin else "en"
