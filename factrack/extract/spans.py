"""Character-span helpers shared by the quote finder, the attribution and the pipeline (plain
text, no spaCy: ``quotes`` works on strings alone)."""

from __future__ import annotations


def strip_span(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """``(start, end)`` narrowed past any of ``chars`` at either end, like ``str.strip`` on offsets
    (an empty span stays empty, at ``start``)."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end
