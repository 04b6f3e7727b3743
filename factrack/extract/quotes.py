"""Finding quoted spans by their marks, at the character level.

Quote marks are paired per paragraph with a stack, so a quote inside a quote belongs to the outer
one. Straight marks are both opening and closing, told apart by what stands next to them;
a single mark between letters or before a decade (don't, Iraq's, '90s) is an apostrophe. A quote
left open at the end of a paragraph continues when the next paragraph opens with a mark again
(the English convention) or closes one before opening any; otherwise it is unbalanced and only
that mark is ignored, the rest of the paragraph is paired again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factrack import lang
from factrack.extract.spans import strip_span

_TRIM = " \t\r\n,،."
_DECADE = re.compile(r"\d\d?s?\b")


@dataclass(frozen=True)
class Quote:
    """The text inside one pair of marks (one piece per paragraph of a multi-paragraph quote)."""

    start: int  # first character inside the marks, whitespace and trailing commas trimmed
    end: int
    open_at: int  # offset of the opening mark (or of the paragraph for a continued piece)
    close_at: int | None  # offset of the closing mark; None when the quote goes on
    group: int  # pieces of one quote share a group


@dataclass(frozen=True)
class _Marks:
    closers: dict[str, frozenset[str]]  # opening mark -> marks that close it
    closing: frozenset[str]
    symmetric: frozenset[str]  # marks that both open and close
    single: frozenset[str]  # marks that can also be apostrophes


@cache
def _marks(code: str) -> _Marks:
    closers: dict[str, set[str]] = {}
    for line in lang.lines(code, "quote_marks"):
        opening, _, closing = line.partition("\t")
        opening, closing = opening.strip(), (closing.strip() or opening.strip())
        closers.setdefault(opening, set()).add(closing)
    closing_marks = {c for cs in closers.values() for c in cs}
    symmetric = {o for o, cs in closers.items() if o in cs}
    return _Marks(
        closers={o: frozenset(cs) for o, cs in closers.items()},
        closing=frozenset(closing_marks),
        symmetric=frozenset(symmetric),
        single=frozenset({"'", "\u2018", "\u2019"}),
    )


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _apostrophe(text: str, i: int, m: _Marks) -> bool:
    if text[i] not in m.single:
        return False
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if _is_word(prev) and _is_word(nxt):
        return True  # don't, Iraq's
    return not _is_word(prev) and bool(_DECADE.match(text, i + 1))  # the '90s


def _can_open(text: str, i: int, start: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if i == start:
        return True
    prev = text[i - 1]
    # an Arabic preposition may be glued to the mark: بـ"انسحاب القوات"
    return not _is_word(prev) or prev in "\u0640" or (i - 1 == start or not _is_word(text[i - 2]))


def _can_close(text: str, i: int, end: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < end else " "
    return not prev.isspace() and not _is_word(nxt)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _pair(text: str, start: int, end: int, m: _Marks, ignored: set[int], carried: str | None):
    """Pair the marks of one paragraph; returns (pairs, the outermost mark left open or None)."""
    stack: list[tuple[str, int]] = [(carried, start - 1)] if carried else []
    pairs: list[tuple[int, int]] = []
    for i in range(start, end):
        ch = text[i]
        if i in ignored or (ch not in m.closers and ch not in m.closing) or _apostrophe(text, i, m):
            continue
        if stack and ch in m.closers[stack[-1][0]] and _can_close(text, i, end):
            _, at = stack.pop()
            if not stack:
                pairs.append((at, i))
        elif ch in m.closers and _can_open(text, i, start):
            if stack and ch in m.single and stack[-1][0] in m.single:
                continue  # a stray single mark inside a single-quoted span
            stack.append((ch, i))
    return pairs, (stack[0] if stack else None)


def _reopens(text: str, nxt: tuple[int, int], m: _Marks) -> bool:
    """Does the next paragraph open with a quote mark (the English way of going on)?"""
    body = text[nxt[0] : nxt[1]].lstrip()
    return body[:1] in m.closers


def _closes_first(text: str, nxt: tuple[int, int], mark: str, m: _Marks) -> bool:
    """Does the next paragraph close ``mark`` before opening any double mark?"""
    s, e = nxt
    for i in range(s, e):
        ch = text[i]
        if ch in m.closers[mark] and _can_close(text, i, e):
            return True
        if ch in m.closers and ch not in m.single and _can_open(text, i, s):
            return False
    return False


def find_quotes(text: str, code: str) -> list[Quote]:
    """All outermost quotes in ``text`` with the marks of language ``code``, in text order."""
    m = _marks(code)
    paras = _paragraphs(text)
    quotes: list[Quote] = []
    group = 0
    carried: str | None = None  # the mark of a quote going on into this paragraph
    pending: int | None = None  # the group a quote going on into this paragraph belongs to
    for n, (ps, pe) in enumerate(paras):
        nxt = paras[n + 1] if n + 1 < len(paras) else None
        ignored: set[int] = set()
        goes_on = False
        while True:
            pairs, left_open = _pair(text, ps, pe, m, ignored, carried)
            if left_open is None:
                break
            mark, at = left_open
            if nxt and (_reopens(text, nxt, m) or _closes_first(text, nxt, mark, m)):
                goes_on = True
                break
            if at < ps:  # the quote carried into this paragraph does not close: give it up
                carried, pending = None, None
            else:
                ignored.add(at)
        first_at = text[ps:pe].find(text[ps:pe].lstrip()[:1]) + ps
        spans = [(at, close) for at, close in pairs]
        if goes_on:
            spans.append((left_open[1], None))
        next_pending: int | None = None
        for at, close in spans:
            g = pending if (pending is not None and at <= first_at) else group
            s, e = strip_span(text, max(at + 1, ps), close if close is not None else pe, _TRIM)
            if s < e:
                quotes.append(Quote(s, e, max(at, ps), close, g))
            if g == group:
                group += 1
            if close is None:
                next_pending = g
        carried = left_open[0] if goes_on and not _reopens(text, nxt, m) else None  # type: ignore[arg-type]
        pending = next_pending
    return quotes
