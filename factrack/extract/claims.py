"""Unattributed check-worthy sentences: the writer's own figures and quantities.

A sentence is a claim when nobody is said to have said it (no cue, no quote) and it states a
quantity: a figure that is not a year or a day of a month, a percentage, or a number word, not
counting durations ("three months before").
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span

from factrack import lang
from factrack.extract.reporting import folded

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_DIGIT = re.compile(r"\d")
_PREFIXES = ("و", "ب", "ل", "ف", "ك")


@cache
def _tables(code: str) -> tuple[frozenset[str], frozenset[str], frozenset[str], tuple[tuple[str, ...], ...]]:
    words = lang.words(code, "quantity_words")
    phrases = tuple(tuple(w.split()) for w in words if " " in w)
    return (
        frozenset(w for w in words if " " not in w),
        lang.words(code, "months"),
        lang.words(code, "time_units"),
        phrases,
    )


def _bare(word: str, table: frozenset[str]) -> bool:
    if word in table:
        return True
    return len(word) > 2 and word[0] in _PREFIXES and word[1:] in table


def _is_date_part(sent: Span, i: int, months: frozenset[str]) -> bool:
    doc = sent.doc
    for j in (i - 2, i - 1, i + 1, i + 2):
        if sent.start <= j < sent.end and _bare(folded(doc[j]), months):
            return True
    return False


def is_claim(sent: Span, code: str) -> bool:
    """Does this sentence state a quantity (not merely a date)?"""
    quantities, months, units, phrases = _tables(code)
    doc = sent.doc
    if sent.text.rstrip().endswith(("?", "؟")):
        return False
    if len([t for t in sent if not (t.is_punct or t.is_space)]) < 4:
        return False
    for i in range(sent.start, sent.end):
        f = folded(doc[i])
        nxt = folded(doc[i + 1]) if i + 1 < sent.end else ""
        if _DIGIT.search(f):
            if _YEAR.match(f) or _is_date_part(sent, i, months) or _bare(nxt, units):
                continue
            return True
        if "%" in f or (_bare(f, quantities) and not _bare(nxt, units)):
            return True
        if any(tuple(folded(t) for t in doc[i : i + len(p)]) == p for p in phrases):
            return True
    return False
