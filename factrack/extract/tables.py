"""The word tables one language's cue reading uses, and small token helpers shared by the
linear (``reporting``) and parsed (``parsed``) readings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Doc, Token

from factrack import lang
from factrack.normalize import fold

CLITICS = ("و", "ف")
BREAK_PUNCT = frozenset(",،.:;!?؟؛")
DASHES = frozenset("-–—")


@dataclass(frozen=True)
class Tables:
    """The word tables one language's extraction reads, in folded form."""

    code: str
    cues: frozenset[str]
    continuations: frozenset[str]
    object_cues: frozenset[str]
    complementizers: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]  # attribution phrases as folded word sequences
    stops: frozenset[str]
    stop_phrases: tuple[tuple[str, ...], ...]
    openers: frozenset[str]
    pronouns: frozenset[str]
    prepositions: frozenset[str]
    sources: frozenset[str]
    documents: frozenset[str]
    relations: frozenset[str]  # prepositions that end an untitled speaker phrase
    questions: frozenset[str]  # words opening an indirect question (whether), not a statement
    blockers: frozenset[str]  # words after which a cue word is a noun (عدم ذكر اسمه)
    object_openers: frozenset[str]  # words that open an object, never a speaker (هذا الخيار)
    complement_prefixes: tuple[str, ...]  # glued preposition + article opening the verb's complement (بال)
    report_nouns: frozenset[str]  # reports, التقارير: after a denial/describing cue they hold the claim
    relatives: frozenset[str]  # relative pronouns (التي): a cue word after "report noun + relative" is none


@cache
def tables(code: str) -> Tables:
    stops = [fold(e).split() for e in lang.lines(code, "speaker_stop_words")]
    return Tables(
        code=code,
        cues=(lang.words(code, "cue_verbs") | lang.words(code, "continuation_cues") | lang.words(code, "object_cues")
              | lang.words(code, "denial_cues") | lang.words(code, "doubt_cues") | lang.words(code, "question_cues")),
        continuations=lang.words(code, "continuation_cues"),
        object_cues=lang.words(code, "object_cues"),
        complementizers=lang.words(code, "complementizers"),
        phrases=tuple(sorted((_phrase(e) for e in lang.lines(code, "attribution_phrases")), key=len, reverse=True)),
        stops=frozenset(s[0] for s in stops if len(s) == 1),
        stop_phrases=tuple(tuple(s) for s in stops if len(s) > 1),
        openers=lang.words(code, "clause_openers"),
        pronouns=lang.words(code, "pronouns"),
        prepositions=lang.words(code, "cue_prepositions"),
        sources=lang.words(code, "source_markers"),
        documents=lang.words(code, "document_nouns"),
        questions=lang.words(code, "question_markers"),
        blockers=lang.words(code, "cue_blockers"),
        object_openers=lang.words(code, "object_openers"),
        complement_prefixes=tuple(lang.words(code, "complement_prefixes")),
        report_nouns=lang.words(code, "report_nouns"),
        relatives=lang.words(code, "relative_pronouns"),
        relations=(lang.words(code, "name_stops") & lang.words(code, "cue_prepositions"))
        | lang.words(code, "source_markers"),
    )


def _phrase(entry: str) -> tuple[str, ...]:
    """Folded words of a phrase; a last word written with a tatweel (لـ) is a glued prefix, "+ل"."""
    words = entry.split()
    last = "+" + fold(words[-1]) if words[-1].endswith("\u0640") else fold(words[-1])
    return (*(fold(w) for w in words[:-1]), last)


@lru_cache(maxsize=1 << 16)
def _fold_word(word: str) -> str:
    return fold(word)


def folded(tok: Token) -> str:
    """The token's folded text; cached by word, since cue and phrase matching fold every token
    many times over."""
    return _fold_word(tok.text)


def in_table(word: str, table: frozenset[str]) -> bool:
    """Is ``word`` in the table, as written or after a one-letter conjunction (وقال، فأكد)?"""
    return word in table or (len(word) > 2 and word[0] in CLITICS and word[1:] in table)


def tok_range(doc: Doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)
