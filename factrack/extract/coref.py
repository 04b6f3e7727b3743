"""Who a mention means: resolving speakers across one article.

Mentions are resolved in reading order. The person's name inside a phrase ("لويد أوستن" in
"وزير الدفاع الأميركي لويد أوستن"), else a registered name anywhere in the phrase as its head
(not "إدارة بايدن", not "a Biden administration official"), gives the registry's canonical name.
A title, surname or shortened phrase ("الرئيس الأميركي", "Mr Kirby", "the official") means the
latest earlier speaker whose phrase contains all its words, or, failing that, the registered name
written right after the same words earlier in the article. "The group", "التحالف" mean the latest
organisation of that kind met before. Pronouns and subject-less verbs keep the last speaker whose
gender fits (she, قالت, وأضافت). Anything else is a new speaker, named as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from factrack import lang
from factrack.extract.names import bare, definite, name_tables, titled
from factrack.normalize import fold, fold_with_map
from factrack.speakers import Registry

_WORD = re.compile(r"\w+")
_EDGE = " \t\r\n,،.:;()«»\"'“”‘’-–—"
_QUOTES = re.compile("[«»\"“”„‘’]")
# a name followed by its abbreviation in parentheses: the National Oil Corporation (NOC)
NAMED_AFTER_WINDOW = 60  # folded characters after a phrase in which a registered name may follow it
_ABBREVIATED = re.compile(r"((?:[A-Z][\w’'-]*\s+(?:(?:of|for|and|the)\s+)?){1,7})\(([A-Z][A-Z0-9]{1,7})\)")


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
    person: bool
    gender: str | None


@cache
def _genders(code: str) -> dict[str, str]:
    return dict(lang.pairs(code, "gender"))


def _gender_of(text: str | None, code: str) -> str | None:
    """Gender told by a word of ``text`` (she, Ms, spokeswoman, قالت, الخبيرة), if any."""
    if not text:
        return None
    table = _genders(code)
    for w in _WORD.findall(fold(text)):
        g = table.get(w) or (table.get(w[1:]) if len(w) > 2 and w[0] in "وف" else None)
        if g:
            return g
    return None


def _definite(text: str, code: str) -> bool:
    """Does the phrase open with an article (the group, التحالف): it points back."""
    first = text.split()[0] if text.split() else ""
    return fold(first) in name_tables(code).article_words or definite(first, code)


def content_words(text: str, code: str) -> frozenset[str]:
    """Folded words without articles or honorifics: what two mentions of one speaker share."""
    nt = name_tables(code)
    return frozenset(
        bare(w, code) for w in _WORD.findall(fold(text)) if w not in nt.article_words and w not in nt.honorifics
    )


def _name_words(text: str, code: str) -> tuple[str, ...]:
    """Folded words of a name in order, without articles or honorifics (Mr Kirby -> kirby)."""
    nt = name_tables(code)
    return tuple(bare(w, code) for w in _WORD.findall(fold(text))
                 if w not in nt.article_words and w not in nt.honorifics)


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def display(text: str) -> str:
    """A name for display: without quote marks (تحالف «أوبك+» -> تحالف أوبك+)."""
    return " ".join(_QUOTES.sub("", text).split())


class Resolver:
    """Keeps the speakers (and organisations) met so far in one article."""

    def __init__(
        self, text: str, registry: Registry, orgs: list[tuple[int, int, str]] | None = None,
        people: list[tuple[int, int, str]] | None = None,
    ) -> None:
        self.text = text
        self.registry = registry
        self.known: list[_Known] = []
        self.last: Resolved | None = None
        self.orgs = sorted(orgs or [])  # (start, end, language) of organisation names in the text
        # abbreviations defined in the text (folded) -> the full name
        self.abbreviations = {fold(m.group(2)): display(m.group(1)) for m in _ABBREVIATED.finditer(text)}
        # people's names met anywhere in the text, speakers or not, with their name words
        self.people = [(ps, pe, _name_words(text[ps:pe], code)) for ps, pe, code in sorted(people or [])]
        # the same, by name (in text order) and by word: a mention looks at the names holding its
        # first word, not at every name in the article
        self._people_by_name: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        self._names_by_word: dict[str, list[tuple[str, ...]]] = {}
        for ps, pe, full in self.people:
            if full not in self._people_by_name:
                for w in dict.fromkeys(full):
                    self._names_by_word.setdefault(w, []).append(full)
            self._people_by_name.setdefault(full, []).append((ps, pe))
        self._by_word: dict[str, list[int]] = {}  # word -> indices into known holding it
        self._latest: dict[str, _Known] = {}  # speaker -> the latest known entry with that speaker
        self._folded: tuple[str, list[int]] | None = None  # the folded text, folded length of each prefix
        self._first_named: dict[str, tuple[int, str] | None] = {}

    def resolve(
        self, mention: tuple[int, int] | None, code: str, name: tuple[int, int] | None = None, cue: str | None = None
    ) -> Resolved | None:
        """The speaker of a statement whose speaker is written at ``mention`` (None: not written);
        ``name`` is the person's name inside the mention when one was found; ``cue`` the
        reporting word, whose form may tell the speaker's gender (قالت)."""
        if mention is None:
            return self._fitting(_gender_of(cue, code), None, None)
        s, e = clean_span(self.text, *mention)
        if s >= e:
            return self._fitting(_gender_of(cue, code), None, None)
        written = self.text[s:e]
        if fold(written) in lang.words(code, "pronouns"):
            return self._fitting(_gender_of(written, code), written, (s, e))
        words = content_words(written, code)
        gender = _gender_of(written, code) or _gender_of(cue, code)
        named = self.text[name[0] : name[1]] if name else None
        canonical = self._registered(named, code) if named else None
        canonical = canonical or (self._registered(written, code) if not named else None)
        expanded = self.abbreviations.get(next(iter(words))) if len(words) == 1 else None
        if canonical is None and expanded:  # the NOC
            speaker = self._registered(expanded, code) or expanded
            return self._remember(Resolved(speaker, written, s, e), words | content_words(expanded, code), False, None)
        if canonical is None and not titled(written, code):
            full = self._full_name(named or written, s, e, code)
            if full is not None:
                whole = display(self.text[full[0] : full[1]])
                speaker = self._registered(whole, code) or whole
                return self._remember(Resolved(speaker, written, s, e), words | content_words(whole, code), True,
                                      gender)
        if canonical is None:
            earlier = self._earlier(words)
            if earlier is not None:
                if gender and earlier.gender is None:
                    earlier.gender = gender
                return self._remember(Resolved(earlier.resolved.speaker, written, s, e), None, earlier.person, gender)
            org = self._organisation(words, s, code) if _definite(written, code) else None
            if org is not None:
                return self._remember(Resolved(org, written, s, e), words, False, None)
            canonical = self._named_after(written, s)
        person = named is not None or titled(written, code) or gender is not None or (
            not self._is_org(words, s, e, code) and (canonical is not None or len(words) > 1)
        )
        speaker = canonical or display(named or self._form(written, code))
        return self._remember(Resolved(speaker, written, s, e), words, person, gender)

    def _full_name(self, written: str, s: int, e: int, code: str) -> tuple[int, int] | None:
        """A person's full name met in the article that the mention opens with the end of:
        "Hosseini", "عثمان" (a surname), "أبو شامة الجيش" (a surname, then the verb's object).
        The latest such name before the mention, else the first after it (not overlapping it).
        Only names holding the mention's first word can match, and each name's places are
        searched by bisection."""
        words = _name_words(written, code)
        if not words:
            return None
        before: tuple[int, int] | None = None
        after: tuple[int, int] | None = None
        for full in self._names_by_word.get(words[0], ()):
            if len(full) < 2:
                continue
            k = min(len(words), len(full))
            while k > 0 and words[:k] != full[-k:]:
                k -= 1
            if k == 0 or (k == len(full) == len(words)):
                continue
            places = self._people_by_name[full]
            at = bisect_left(places, (s, -1))
            j = at - 1
            while j >= 0 and places[j][1] > s:  # overlaps the mention
                j -= 1
            if j >= 0 and (before is None or places[j] > before):
                before = places[j]
            j = at
            while j < len(places) and places[j][0] < e:
                j += 1
            if j < len(places) and (after is None or places[j] < after):
                after = places[j]
        return before or after

    def _form(self, written: str, code: str) -> str:
        """A new speaker's name: the phrase without its article."""
        first, _, rest = written.partition(" ")
        return rest if rest and fold(first) in name_tables(code).article_words else written

    def _remember(self, r: Resolved, words: frozenset[str] | None, person: bool, gender: str | None) -> Resolved:
        if words:
            known = _Known(words, r, person, gender)
            for w in words:
                self._by_word.setdefault(w, []).append(len(self.known))
            self.known.append(known)
            self._latest[r.speaker] = known
        self.last = r
        return r

    def _known(self, r: Resolved | None) -> _Known | None:
        return self._latest.get(r.speaker) if r is not None else None

    def _fitting(self, gender: str | None, written: str | None, where: tuple[int, int] | None) -> Resolved | None:
        """The last speaker, or when ``gender`` rules it out, the latest speaker that fits.
        A pronoun (``written``) means a person; a verb's gender also fits an organisation
        (Arabic gives them feminine verbs: قالت الوزارة)."""
        target = self.last
        if gender is not None:
            last = self._known(self.last)
            fits = last is not None and (
                (last.gender in (gender, None) and (last.person or written is None))
                or (not last.person and written is None)
            )
            if not fits:
                for k in reversed(self.known):
                    if k.person and k.gender in (gender, None):
                        target = k.resolved
                        break
            known = self._known(target)
            if known is not None and known.person and known.gender is None:
                known.gender = gender
        if target is None:
            return None
        if written is None or where is None:
            self.last = target
            return target
        return self._remember(Resolved(target.speaker, written, *where), None, True, gender)

    def _earlier(self, words: frozenset[str]) -> _Known | None:
        """The latest speaker whose phrase holds all ``words``: searched among those holding the
        rarest of them, not among all speakers met."""
        if not words:
            return None
        holding = [self._by_word.get(w, []) for w in words]
        for i in reversed(min(holding, key=len)):
            if words <= self.known[i].words:
                return self.known[i]
        return None

    def _is_org(self, words: frozenset[str], s: int, e: int, code: str) -> bool:
        if any(os < e and s < oe for os, oe, _ in self.orgs):
            return True
        return bool(words & name_tables(code).institutions)

    def _organisation(self, words: frozenset[str], start: int, code: str) -> str | None:
        """"The group", "التحالف": the latest organisation met before ``start`` (a speaker, or a
        name in the text), one whose name has that word first."""
        institutions = name_tables(code).institutions
        if len(words) != 1 or not words <= institutions:
            return None
        seen = [(k.resolved.start or 0, k.words, k.resolved.speaker) for k in self.known if not k.person]
        for os, oe, ocode in self.orgs:
            if oe <= start and ocode == code:
                written = self.text[os:oe]
                seen.append((os, content_words(written, code), self._registered(written, code) or display(written)))
        seen.sort(key=lambda x: x[0])
        best = next((x for x in reversed(seen) if words <= x[1]), None) or (seen[-1] if seen else None)
        return best[2] if best else None

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
        """Earlier in the article, the same words followed by a registered name (الرئيس الأميركي جو بايدن).

        The text is folded once per article, and the first place where a phrase is followed by a
        name is remembered per phrase: folding and searching the whole text before every mention
        made long articles quadratic."""
        key, n, w = fold(written), len(fold(written)), NAMED_AFTER_WINDOW
        folded, prefix = self._folded_text()
        limit = prefix[start]  # the folded text before the mention is folded[:limit]
        if key not in self._first_named:
            hit = None
            pos = folded.find(key)
            while pos >= 0 and pos + n + w <= len(folded):
                name = self._opening_name(folded[pos + n : pos + n + w])
                if name is not None:
                    hit = (pos, name)
                    break
                pos = folded.find(key, pos + 1)
            self._first_named[key] = hit
        hit = self._first_named[key]
        if hit is not None and hit[0] + n + w <= limit:
            return hit[1]  # every earlier place, read whole, names nobody
        # the places whose window the mention cuts short are read as cut
        pos = folded.find(key, max(0, limit - n - w + 1), limit)
        while pos >= 0:
            name = self._opening_name(folded[pos + n : min(pos + n + w, limit)])
            if name is not None:
                return name
            pos = folded.find(key, pos + 1, limit)
        return None

    def _opening_name(self, tail: str) -> str | None:
        for name, s, _ in self.registry.find(tail):
            if not tail[:s].strip():
                return name
        return None

    def _folded_text(self) -> tuple[str, list[int]]:
        if self._folded is None:
            folded, offsets = fold_with_map(self.text)
            counts = [0] * (len(self.text) + 1)
            for i in offsets:
                counts[i + 1] += 1
            self._folded = folded, list(accumulate(counts))
        return self._folded
