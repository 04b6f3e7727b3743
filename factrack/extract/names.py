"""The person's name inside a speaker phrase, and whether the phrase describes a person.

The gold convention (and what a reader wants) is the name without its title: "وزير الدفاع
الأميركي لويد أوستن" is "لويد أوستن", "Energy Minister Nabil Haddad" is "Nabil Haddad"; a phrase
with no name keeps its description ("مسؤول كبير في إدارة بايدن").

With a parse, the name is the run of proper nouns after the last title word. Without one (Arabic),
it is read from the shape of the phrase: a title opens it, the title's modifiers are definite
("الدفاع الأميركي", "للسلع"), and the name is the first run of indefinite words after a definite
one (a family name with the article, "الخطيب", may end it). A phrase that ends in a prepositional
description ("الباحث في معهد واشنطن حمدي مالك") gives its last two words when they look like one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from factrack import lang
from factrack.normalize import fold

MAX_NAME_WORDS = 4
_NISBA = "ي"  # family names with the article are mostly nisbas (الكاظمي، الشمري)
_GLUED = "لب"  # one-letter prepositions written on the next word


@dataclass(frozen=True)
class NameTables:
    titles: frozenset[str]  # title words, bare (no article)
    stops: frozenset[str]  # words that are never part of a name (prepositions, "باسم")
    institutions: frozenset[str]  # heads of organisation names (إدارة، شركة، group)
    honorifics: frozenset[str]  # Mr, Ms, Dr
    article_words: frozenset[str]
    article_prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]  # possessive suffixes a title may carry (رئيسه)
    particles: frozenset[str]  # words binding the next into a compound name (عبد الكريم)
    given: frozenset[str]  # given names written with the article (الحسن)


@cache
def name_tables(code: str) -> NameTables:
    entries = lang.words(code, "articles")
    prefixes = tuple(sorted((e[:-1] for e in entries if e.endswith("-")), key=len, reverse=True))
    words = frozenset(e for e in entries if not e.endswith("-"))
    titles = {_strip(w, prefixes) for e in lang.words(code, "titles") for w in e.split()}
    return NameTables(
        titles=frozenset(titles),
        stops=lang.words(code, "name_stops"),
        institutions=frozenset(_strip(w, prefixes) for w in lang.words(code, "institutions")),
        honorifics=lang.words(code, "honorifics"),
        article_words=words,
        article_prefixes=prefixes,
        suffixes=tuple(sorted(lang.words(code, "possessive_suffixes"), key=len, reverse=True)),
        particles=lang.words(code, "name_particles"),
        given=lang.words(code, "given_names"),
    )


def _strip(word: str, prefixes: tuple[str, ...]) -> str:
    for p in prefixes:
        if word.startswith(p) and len(word) > len(p) + 1:
            return word[len(p) :]
    return word


def bare(word: str, code: str) -> str:
    """The folded word without its article prefix (الخبيرة -> خبيره, للسلع -> سلع)."""
    return _strip(fold(word), name_tables(code).article_prefixes)


def definite(word: str, code: str) -> bool:
    nt = name_tables(code)
    w = fold(word)
    return w in nt.article_words or _strip(w, nt.article_prefixes) != w


def is_title(word: str, code: str) -> bool:
    """A title word, also behind و/ف or a glued preposition, or with a possessive suffix
    (رئيسه الحسن أيت باها, المستشار الإعلامي لقائدها)."""
    nt = name_tables(code)
    w = fold(word)
    if w in nt.article_words:
        return False
    b = _strip(w, nt.article_prefixes)
    if b in nt.titles or (len(b) > 2 and b[0] in "وف" and _strip(b[1:], nt.article_prefixes) in nt.titles):
        return True
    return possessed_title(word, code) is not None


def possessed_title(word: str, code: str) -> str | None:
    """The title inside a word carrying a possessive suffix (رئيسه, لقائدها), else None."""
    nt = name_tables(code)
    w = fold(word)
    for suffix in nt.suffixes:
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            for cand in (stem, stem[1:] if stem[0] in _GLUED + "وف" else None):
                if cand and cand in nt.titles:
                    return cand
    return None


def is_given(word: str, code: str) -> bool:
    """A given name written with the article (الحسن، الطاهر)."""
    return fold(word) in name_tables(code).given


def titled(text: str, code: str) -> bool:
    """Does the phrase open with a title, after any article (الخبيرة الاقتصادية, the official)?"""
    nt = name_tables(code)
    for w in text.split():
        if fold(w) in nt.article_words:
            continue
        return is_title(w, code)
    return False


def _words(doc: Doc, start: int, end: int) -> list[int]:
    return [i for i in range(start, end) if not (doc[i].is_punct or doc[i].is_space)]


def is_institution(word: str, code: str) -> bool:
    """An institution word, also behind a glued preposition (لمؤسسة، بجامعة)."""
    nt = name_tables(code)
    b = bare(word, code)
    return b in nt.institutions or (len(b) > 3 and b[0] in _GLUED and b[1:] in nt.institutions)


def _described(word: str, code: str) -> bool:
    """Does the word open a prepositional description (في، of, لمؤسسة)?"""
    f = fold(word)
    return f in name_tables(code).stops or (len(f) > 3 and f[0] in _GLUED and is_institution(word, code))


def _may_be_name(word: str, code: str) -> bool:
    nt = name_tables(code)
    f = fold(word)
    return not (definite(word, code) or f in nt.stops or is_institution(word, code) or is_title(word, code))


def linear_name(doc: Doc, start: int, end: int, code: str) -> tuple[int, int] | None:
    """Token range of the name inside the titled phrase [start, end), read without a parse."""
    words = _words(doc, start, end)
    if len(words) < 2 or not is_title(doc[words[0]].text, code):
        return None
    nt = name_tables(code)
    for n in range(1, len(words)):
        k, prev = words[n], words[n - 1]
        pw = doc[prev].text
        opens = _may_be_name(doc[k].text, code) and (definite(pw, code) or possessed_title(pw, code) is not None)
        if not opens and not (is_given(doc[k].text, code) and (definite(pw, code) or is_title(pw, code))):
            continue
        last = n
        for m in range(n + 1, min(len(words), n + MAX_NAME_WORDS)):
            w = doc[words[m]].text
            if fold(w) in nt.stops or is_institution(w, code):
                break
            if fold(doc[words[m - 1]].text) in nt.particles:
                last = m  # عبد الكريم، أبو شامة: the particle binds the next word
                continue
            if definite(w, code):
                if m == len(words) - 1 or fold(w).endswith(_NISBA):
                    last = m  # الخطيب at the end, الشمري anywhere
                break
            last = m
        return k, words[last] + 1
    # ... في معهد واشنطن حمدي مالك: a description, then the name
    if len(words) >= 5 and any(_described(doc[i].text, code) for i in words[1:-2]):
        a, b = words[-2], words[-1]
        if all(_may_be_name(doc[i].text, code) for i in (a, b)) and fold(doc[words[-3]].text) not in nt.stops:
            return a, b + 1
    return None


def parsed_name(doc: Doc, start: int, end: int, code: str) -> tuple[int, int] | None:
    """Token range of the proper nouns ending the parsed phrase [start, end), after any title
    ("Energy Minister Nabil Haddad" -> "Nabil Haddad"); None when the phrase is only a name."""
    j = end
    while j > start and (doc[j - 1].pos_ == "PROPN" or (doc[j - 1].text == "-" and j - 1 > start)):
        j -= 1
    if j == end:
        return None
    if j > start and (doc[j - 1].text in ("'s", "’s") or doc[j - 1].pos_ in ("DET", "ADP")):
        return None  # part of a longer name (the Committee of the Iraqi Resistance)
    nt = name_tables(code)
    k = j
    for i in range(j, end):
        if is_title(doc[i].text, code) or fold(doc[i].text) in nt.honorifics:
            k = i + 1
    if k >= end:
        return None
    after_head = j > start and (is_title(doc[j - 1].text, code) or is_institution(doc[j - 1].text, code))
    if k == start or (k == j and not after_head and (end - j < 2 or j == start)):
        return None  # nothing to drop: the phrase is the name
    return k, end


def organisations(doc: Doc, code: str, stops: frozenset[str]) -> list[tuple[int, int]]:
    """Character ranges of organisation names: the parser's ORG entities when there is a
    parser, else phrases headed by an institution word (تحالف «أوبك+»، كتائب حزب الله)."""
    if doc.has_annotation("ENT_IOB"):
        return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"]
    nt = name_tables(code)
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if bare(doc[i].text, code) not in nt.institutions:
            i += 1
            continue
        j, words = i + 1, 1
        while j < len(doc) and words < 5:
            tok = doc[j]
            f = fold(tok.text)
            if tok.is_quote or tok.text in "«»":
                j += 1
                continue
            if tok.is_punct or tok.is_space or f in stops or f in nt.stops or is_title(tok.text, code):
                break
            j, words = j + 1, words + 1
        while j > i + 1 and doc[j - 1].text in "«“„":
            j -= 1  # a mark that opens what follows
        if words >= 2:
            out.append((doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)))
        i = j
    return out



def persons(doc: Doc, code: str, stops: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Character ranges of people's names met anywhere in the doc, speakers or not, so that a
    surname later ("Hosseini", "عثمان") resolves to the full name: the parser's PERSON entities
    when there is a parser, else the names read after title words (الباحث … مجدي عثمان)."""
    if doc.has_annotation("ENT_IOB"):
        return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        i = sent.start
        while i < sent.end:
            if not is_title(doc[i].text, code):
                i += 1
                continue
            end = i + 1
            while end < sent.end and end - i < 10 and not (doc[end].is_punct or doc[end].is_space):
                if fold(doc[end].text) in stops:
                    break
                end += 1
            found = linear_name(doc, i, end, code)
            if found and found[1] - found[0] > 1:
                out.append((doc[found[0]].idx, doc[found[1] - 1].idx + len(doc[found[1] - 1].text)))
                i = found[1]
            else:
                i += 1
    return out
