"""Quantities in a sentence: digits (ASCII or Arabic-Indic), number words and scale words.

Two statements about the same thing often differ only in a figure ("2,500 troops" vs "3500
soldiers", "٢٥٠٠ عسكري"). Each number keeps the words around it (its *unit keys*) so that only
figures about the same thing are compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factrack import lang

# A folded token that is a figure: 2500, 2,500, 2.5, ٢٬٥٠٠ (digits are already ASCII after fold).
_FIGURE = re.compile(r"^\d+(?:[.,\u066b\u066c]\d+)*$")
YEAR_RANGE = (1900, 2100)
PERCENT = "PERCENT"  # unit key shared by "%", "٪", "percent", "في المئة"
PERCENT_SIGNS = frozenset({"%", "\u066a"})
PERCENT_SCALE = 0.01  # a scale word with this multiplier names a percentage
CONCEPT_WINDOW = 3  # concepts this many words before a figure say what it is about ("بزيادة تقارب 20")


@dataclass(frozen=True)
class Number:
    """A figure found in a text: its value, how it was written, and the words next to it."""

    value: float
    raw: str
    index: int  # token index of the figure
    unit: str | None  # the first word after it, as a label for reasons ("troops")
    keys: frozenset[str]  # forms and concept ids of the neighbouring words, to pair like with like
    is_year: bool
    after: frozenset[str] = frozenset()  # the keys of the words after it only: what it counts


@cache
def _table(code: str, table: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for word, value in lang.pairs(code, table):
        try:
            out[word] = float(value)
        except ValueError:
            continue
    return out


def parse_figure(token: str) -> float | None:
    """The value of a written figure; ``,`` and ``٬`` group thousands, ``.`` and ``٫`` mark decimals."""
    if not _FIGURE.match(token):
        return None
    t = token.replace("\u066c", ",").replace("\u066b", ".")
    groups = t.split(",")
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and "." not in "".join(groups[:-1]):
        t = "".join(groups)
    else:
        t = t.replace(",", ".")
    if t.count(".") > 1:  # 1.000.000 written European style
        t = t.replace(".", "")
    try:
        return float(t)
    except ValueError:
        return None


def find_numbers(
    code: str, tokens: list[str], keys_at: list[frozenset[str]], words: list[str] | None = None
) -> list[Number]:
    """Numbers in a tokenised, folded text; ``keys_at[i]`` are the matching keys of token ``i``,
    ``words[i]`` the token as written (for display)."""
    words = words or tokens
    named = _table(code, "number_words")
    scales = _table(code, "number_scales")
    out: list[Number] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        value = parse_figure(tok)
        span = 1
        if value is None:
            two = f"{tok} {tokens[i + 1]}" if i + 1 < len(tokens) else None
            if two in named:
                value, span = named[two], 2
            elif tok in named:
                value = named[tok]
            else:
                stripped = [f for f in keys_at[i] if f in named]
                value = named[stripped[0]] if stripped else None
        if value is None:
            i += 1
            continue
        is_figure = parse_figure(tok) is not None
        j = i + span
        scaled = False
        keys: set[str] = set()
        if j < len(tokens):
            nxt = f"{tokens[j]} {tokens[j + 1]}" if j + 1 < len(tokens) else ""
            scale = scales.get(nxt) or scales.get(tokens[j])
            width = 2 if nxt in scales else 1
            if scale == PERCENT_SCALE:
                # "20 في المئة", "20 percent" and "20%" are one kind of figure, in any language
                keys.add(PERCENT)
                j += width
            elif scale:
                value *= scale
                j, scaled = j + width, True
        # what the number counts: the next two words, and the concepts of the words before it
        unit = None
        taken = 0
        for k in range(j, min(j + 4, len(tokens))):
            if parse_figure(tokens[k]) is not None or taken == 2:
                break
            if tokens[k] in PERCENT_SIGNS:
                keys.add(PERCENT)
                continue
            if len(tokens[k]) == 1:  # the letters of "U.S." say nothing of what is counted
                continue
            keys |= keys_at[k]
            unit = unit or words[k]
            taken += 1
        if PERCENT in keys and unit is None:
            unit = "%"
        after = frozenset(keys)
        for k in range(max(i - CONCEPT_WINDOW, 0), i):
            keys |= {key for key in keys_at[k] if key.isupper()}
        is_year = (
            is_figure and not scaled and value.is_integer() and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]
            and "," not in tok
        )
        out.append(Number(value, " ".join(words[i:j]), i, unit, frozenset(keys), is_year, after))
        i = j
    return _join_compounds(out, tokens)


def _join_compounds(numbers: list[Number], tokens: list[str]) -> list[Number]:
    """One figure from number words written in parts: "ألفين وخمسمئة" (2000 + 500), "two thousand
    five hundred", "خمسة آلاف ومئتي" — a smaller written-out number right after a round one."""
    out: list[Number] = []
    for n in numbers:
        prev = out[-1] if out else None
        if (
            prev is not None and not prev.is_year and parse_figure(tokens[n.index]) is None
            and prev.index + len(prev.raw.split()) == n.index and 0 < n.value < prev.value
            and prev.value % 10 ** len(str(int(n.value))) == 0
        ):
            out[-1] = Number(prev.value + n.value, f"{prev.raw} {n.raw}", prev.index, n.unit, n.keys, False, n.after)
            continue
        out.append(n)
    return out


def same_value(a: float, b: float) -> bool:
    """Equal up to rounding (1%), so "2,500" and "2500" and "2.5 thousand" agree."""
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


def show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
