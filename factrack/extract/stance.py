"""The speaker's stance toward what a statement reports, and whether the claim negates itself.

"Mansour denied that the loaf's weight had changed" is stored as the claim *the loaf's weight had
changed* with polarity ``denies``: the text stays the claim, so that it can be grouped with
"the loaf shrank" and compared as one claim with opposite stances. Polarity is read from the
reporting cue, never from the claim's own words:

- a denial cue (denied, rejected, نفى، كذّب، فنّد، استبعد) denies; a doubt cue (questioned
  whether, تساءل، شكك في) questions;
- a negated cue (did not confirm, لم يؤكد) denies (a negated denial, "did not rule out",
  questions);
- a describing cue followed by a falsity word (called the reports baseless, وصف ... بأنها عارية
  عن الصحة) denies;
- a clause that opens with a denial ("there is no truth to reports that P", "لا صحة لما تردد من
  أن P") denies P, and the opening is cut off the statement.

A negation inside the claim's own words ("we never shut the plant") is not the speaker denying
anything: it is recorded separately as ``negated`` (a negation particle in the words), so the
claim grouping can put "the plant was not shut" with "the plant was shut" and the comparison can
tell the two apart (docs/claims.md).

Every word list is a per-language table in ``factrack/data/lang/<code>/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from factrack import lang
from factrack.extract.tables import Tables, folded, in_table, tok_range
from factrack.normalize import fold
from factrack.records import Polarity

CUE_NEGATION_WINDOW = 2  # tokens before a cue that may negate it (did not | confirm)
REPORT_OPENING_WORDS = 6  # a report noun's complementizer comes within this many words (reports that …)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True)
class StanceTables:
    denials: frozenset[str]
    doubts: frozenset[str]
    asks: frozenset[str]  # asked, سأل: a question when the clause opens with whether / إذا
    cue_negations: frozenset[str]
    falsity: tuple[tuple[str, ...], ...]
    falsity_links: frozenset[str]  # the word before a falsity phrase at a clause's end (as baseless)
    copulas: frozenset[str]  # was, is, كان: before a falsity phrase that closes a clause
    report_links: frozenset[str]  # what a report is about: عن (الأنباء عن إغلاق المصنع), of, about
    denial_openers: tuple[tuple[str, ...], ...]
    report_openers: tuple[tuple[str, ...], ...]
    particles: frozenset[str]
    bounds: tuple[tuple[str, ...], ...]  # "no more than", «لا يتجاوز»: negation words that bound a figure


def _phrases(code: str, table: str) -> tuple[tuple[str, ...], ...]:
    found = {tuple(fold(e).split()) for e in lang.lines(code, table)}
    return tuple(sorted(found, key=len, reverse=True))  # the longest opening wins


@cache
def stance_tables(code: str) -> StanceTables:
    return StanceTables(
        denials=lang.words(code, "denial_cues"),
        doubts=lang.words(code, "doubt_cues"),
        asks=lang.words(code, "question_cues"),
        cue_negations=lang.words(code, "cue_negations"),
        falsity=_phrases(code, "falsity"),
        falsity_links=lang.words(code, "falsity_links"),
        copulas=lang.words(code, "copulas"),
        report_links=lang.words(code, "report_links"),
        denial_openers=_phrases(code, "denial_openers"),
        report_openers=_phrases(code, "report_openers"),
        particles=lang.words(code, "negation_particles"),
        bounds=_phrases(code, "bound_phrases"),
    )


def cue_polarity(sent: Span, first: int, t: Tables) -> Polarity:
    """Polarity given by the cue word at token ``first`` and the words around it."""
    doc = sent.doc
    st = stance_tables(t.code)
    word = folded(doc[first])
    if in_table(word, st.denials):
        polarity = Polarity.DENIES
    elif in_table(word, st.doubts):
        polarity = Polarity.QUESTIONS
    else:
        polarity = Polarity.ASSERTS
    before = range(max(sent.start, first - CUE_NEGATION_WINDOW), first)
    if any(in_table(folded(doc[j]), st.cue_negations) for j in before):
        return Polarity.QUESTIONS if polarity is Polarity.DENIES else Polarity.DENIES
    if (polarity is Polarity.ASSERTS and in_table(word, t.object_cues)
            and _has_phrase(doc, first + 1, sent.end, st.falsity)):
        return Polarity.DENIES
    return polarity


def _has_phrase(doc: Doc, start: int, end: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    words = [folded(doc[i]) for i in range(start, end)]
    return any(_starts(words, i, p) for i in range(len(words)) for p in phrases)


def _starts(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if i + n > len(words):
        return False
    got = words[i : i + n]
    if got[0] != phrase[0] and not (len(got[0]) > 2 and got[0][0] in "وف" and got[0][1:] == phrase[0]):
        return False
    return got[1:] == list(phrase[1:])


def falsity_link(sent: Span, start: int, t: Tables) -> int | None:
    """Token index of the word that links a described claim to a falsity phrase after it
    (… بأنه عار عن الصحة, … as baseless), searching from ``start``."""
    st = stance_tables(t.code)
    doc = sent.doc
    words = [folded(doc[i]) for i in range(start, sent.end)]
    for k, w in enumerate(words):
        if w in st.falsity_links and any(_starts(words, k + 1, p) for p in st.falsity):
            return start + k
    return None


def strip_opening(
    doc: Doc, content: tuple[int, int], polarity: Polarity, t: Tables
) -> tuple[tuple[int, int], Polarity]:
    """The reported clause as the claim it carries, and the speaker's stance toward it.

    - A clause that closes with a falsity phrase denies what it holds ("said the claim that P was
      false", «قال إن ما يروج عن أن P لا أساس له من الصحة»): the phrase (and a copula or link word
      before it) is cut off.
    - A clause that opens with a denial ("there is no truth to reports that P") denies P.
    - A clause that opens with a report noun and its complementizer ("reports that P",
      «ما تردد من أن P») carries P: the opening is cut off when the speaker denies, doubts, or
      has just been found to deny by the two rules above."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None or len(span) < 2:
        return content, polarity
    st = stance_tables(t.code)
    words = [folded(tok) for tok in span]
    first, last = 0, len(words)
    for phrase in st.falsity:
        n = len(phrase)
        at = last - n
        if at > 1 and _starts(words, at, phrase):
            while at > 1 and (words[at - 1] in st.falsity_links or words[at - 1] in st.copulas):
                at -= 1
            last = at
            polarity = Polarity.DENIES if polarity is Polarity.ASSERTS else polarity
            break
    for phrase in st.denial_openers:
        if _starts(words, first, phrase) and first + len(phrase) < last:
            first += len(phrase)
            polarity = Polarity.DENIES if polarity is Polarity.ASSERTS else polarity
            break
    if polarity is not Polarity.ASSERTS:
        first = _after_report_opening(words, first, last, st, t)
    if (first, last) == (0, len(words)):
        return content, polarity
    return tok_range(doc, span.start + first, span.start + last - 1), polarity


def _after_report_opening(words: list[str], first: int, last: int, st: StanceTables, t: Tables) -> int:
    """Skip an opening like "reports that", «صحة ما تردد من أن», «الأنباء عن»: a report noun, then
    within a few words a complementizer (or the preposition naming what the report is about)."""
    for phrase in st.report_openers:
        if _starts(words, first, phrase) and first + len(phrase) < last:
            return first + len(phrase)
    if first < last and in_table(words[first], t.report_nouns):
        for k in range(first + 1, min(first + REPORT_OPENING_WORDS, last - 1)):
            if words[k] in t.complementizers or words[k] in st.report_links:
                return k + 1
    return first


def negated(text: str, code: str) -> bool:
    """Does the claim negate itself in its own words? Any negation particle counts (double
    negations are rare in news, while "neither … nor" and «لا … ولا» are common and negate once),
    except inside a bound on a figure ("no more than 120", «لا يتجاوز 600»)."""
    st = stance_tables(code)
    words = _WORD.findall(fold(text))
    bound: set[int] = set()
    for i in range(len(words)):
        for phrase in st.bounds:
            if _starts(words, i, phrase):
                bound.update(range(i, i + len(phrase)))
    return any((in_table(w, st.particles) or (w.endswith("n't") and "n't" in st.particles)) and i not in bound
               for i, w in enumerate(words))


def question(text: str) -> bool:
    """A quoted question asks rather than asserts."""
    return text.rstrip().endswith(("?", "؟"))
