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
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


@dataclass(frozen=True)
class StanceTables:
    denials: frozenset[str]
    doubts: frozenset[str]
    cue_negations: frozenset[str]
    falsity: tuple[tuple[str, ...], ...]
    falsity_links: frozenset[str]  # the word before a falsity phrase at a clause's end (as baseless)
    denial_openers: tuple[tuple[str, ...], ...]
    report_openers: tuple[tuple[str, ...], ...]
    particles: frozenset[str]


def _phrases(code: str, table: str) -> tuple[tuple[str, ...], ...]:
    found = {tuple(fold(e).split()) for e in lang.lines(code, table)}
    return tuple(sorted(found, key=len, reverse=True))  # the longest opening wins


@cache
def stance_tables(code: str) -> StanceTables:
    return StanceTables(
        denials=lang.words(code, "denial_cues"),
        doubts=lang.words(code, "doubt_cues"),
        cue_negations=lang.words(code, "cue_negations"),
        falsity=_phrases(code, "falsity"),
        falsity_links=lang.words(code, "falsity_links"),
        denial_openers=_phrases(code, "denial_openers"),
        report_openers=_phrases(code, "report_openers"),
        particles=lang.words(code, "negation_particles"),
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
    if polarity is Polarity.ASSERTS and in_table(word, t.object_cues) and _has_phrase(doc, first + 1, sent.end, st.falsity):
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


def strip_opening(doc: Doc, content: tuple[int, int], polarity: Polarity, t: Tables) -> tuple[tuple[int, int], Polarity]:
    """The reported clause without a denying opening ("there is no truth to reports that"), whose
    polarity then denies; with a denial or doubt cue, also without an opening that only carries the
    claim ("denied reports that P")."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    if span is None or len(span) < 2:
        return content, polarity
    st = stance_tables(t.code)
    words = [folded(tok) for tok in span]
    if polarity is Polarity.DENIES:  # dismissed reports that P | as baseless
        for phrase in st.falsity:
            n = len(phrase) + 1
            if len(words) > n + 1 and words[-n] in st.falsity_links and _starts(words, len(words) - n + 1, phrase):
                span = span[: len(span) - n]
                words = words[: len(words) - n]
                content = tok_range(doc, span.start, span.end - 1)
                break
    for phrase in st.denial_openers:
        if _starts(words, 0, phrase) and len(phrase) < len(span):
            flipped = Polarity.DENIES if polarity is Polarity.ASSERTS else polarity
            return tok_range(doc, span.start + len(phrase), span.end - 1), flipped
    if polarity is not Polarity.ASSERTS:
        for phrase in st.report_openers:
            if _starts(words, 0, phrase) and len(phrase) < len(span):
                return tok_range(doc, span.start + len(phrase), span.end - 1), polarity
    return content, polarity


def negated(text: str, code: str) -> bool:
    """Does the claim negate itself in its own words? Any negation particle counts: double
    negations are rare in news, while "neither … nor" and «لا … ولا» are common and negate once."""
    particles = stance_tables(code).particles
    return any(in_table(w, particles) or (w.endswith("n't") and "n't" in particles) for w in _WORD.findall(fold(text)))


def question(text: str) -> bool:
    """A quoted question asks rather than asserts."""
    return text.rstrip().endswith(("?", "؟"))
