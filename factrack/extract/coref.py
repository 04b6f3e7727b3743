"""Who a mention means: resolving speakers across one article.

Mentions are resolved in reading order. A registered name (anywhere in the phrase, as its head:
not "إدارة بايدن", not "a Biden administration official") gives the registry's canonical name. A
title, surname or shortened phrase ("الرئيس الأميركي", "Kirby", "the official") means the latest
earlier speaker whose phrase contains all its words, or, failing that, the registered name written
right after the same words earlier in the article. Pronouns and continuations (وأضاف، he added)
keep the last speaker. Anything else is a new speaker, named as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factrack import lang
from factrack.normalize import fold
from factrack.speakers import Registry

_WORD = re.compile(r"\w+")
_EDGE = " \t\r\n,،.:;()«»\"'“”‘’-–—"


@dataclass(frozen=True)
class Resolved:
    """A speaker: display/canonical name and the mention it was last written as."""

    speaker: str
    mention: str
    start: int | None
    end: int | None


@dataclass
class _Known:
    words: frozenset[str]
    resolved: Resolved


@cache
def _articles(code: str) -> tuple[frozenset[str], tuple[str, ...]]:
    entries = lang.words(code, "articles")
    return frozenset(e for e in entries if not e.endswith("-")), tuple(e[:-1] for e in entries if e.endswith("-"))


def content_words(text: str, code: str) -> frozenset[str]:
    """Folded words without articles: what two mentions of one speaker share."""
    whole, prefixes = _articles(code)
    out = set()
    for w in _WORD.findall(fold(text)):
        if w in whole:
            continue
        for p in prefixes:
            if w.startswith(p) and len(w) > len(p) + 1:
                w = w[len(p) :]
                break
        out.add(w)
    return frozenset(out)


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


class Resolver:
    """Keeps the speakers met so far in one article."""

    def __init__(self, text: str, registry: Registry) -> None:
        self.text = text
        self.registry = registry
        self.known: list[_Known] = []
        self.last: Resolved | None = None

    def resolve(
        self, mention: tuple[int, int] | None, code: str, name: tuple[int, int] | None = None
    ) -> Resolved | None:
        """The speaker of a statement whose speaker is written at ``mention`` (None: not written);
        ``name``, the person's name inside the mention when the parser found one, names a new speaker."""
        if mention is None:
            return self.last
        s, e = clean_span(self.text, *mention)
        if s >= e:
            return self.last
        written = self.text[s:e]
        if fold(written) in lang.words(code, "pronouns"):
            if self.last is None:
                return None
            return self._remember(Resolved(self.last.speaker, written, s, e), None)
        words = content_words(written, code)
        canonical = self._registered(written, code)
        if canonical is None:
            earlier = self._earlier(words)
            if earlier is not None:
                return self._remember(Resolved(earlier.speaker, written, s, e), None)
            canonical = self._named_after(written, s)
        return self._remember(Resolved(canonical or self._form(written, name, code), written, s, e), words)

    def _form(self, written: str, name: tuple[int, int] | None, code: str) -> str:
        """A new speaker's name: the person's name if found, else the phrase without its article."""
        if name is not None:
            return self.text[name[0] : name[1]]
        whole, _ = _articles(code)
        first, _, rest = written.partition(" ")
        return rest if rest and fold(first) in whole else written

    def _remember(self, r: Resolved, words: frozenset[str] | None) -> Resolved:
        if words:
            self.known.append(_Known(words, r))
        self.last = r
        return r

    def _earlier(self, words: frozenset[str]) -> Resolved | None:
        if not words:
            return None
        for k in reversed(self.known):
            if words <= k.words:
                return k.resolved
        return None

    def _registered(self, written: str, code: str) -> str | None:
        """A registered name in the phrase that is not owned by a noun (إدارة بايدن) and does not
        modify one (a Biden administration official)."""
        possessors = lang.words(code, "possessor_nouns")
        possessed = lang.words(code, "possessed_nouns")
        for name, s, e in self.registry.find(written):
            before = _WORD.findall(fold(written[:s]))
            if before and before[-1] in possessors:
                continue
            after = _WORD.findall(fold(written[e:]))
            if after and after[0] in possessed:
                continue  # "Biden administration official": the name modifies what follows
            return name
        return None

    def _named_after(self, written: str, start: int) -> str | None:
        """Earlier in the article, the same words followed by a registered name (الرئيس الأميركي جو بايدن)."""
        key = fold(written)
        folded_before = fold(self.text[:start])
        pos = folded_before.find(key)
        while pos >= 0:
            tail = folded_before[pos + len(key) : pos + len(key) + 60]
            for name, s, _ in self.registry.find(tail):
                if not tail[:s].strip():
                    return name
            pos = folded_before.find(key, pos + 1)
        return None
