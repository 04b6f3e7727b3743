"""Extraction: quotes, reported speech and claims, with their speakers, as ``Statement`` records.

An article is cut into runs of paragraphs of one language (``factrack.lang.detect``); each run
goes through its language's spaCy pipeline (``pipeline``), whose components find candidates;
``coref`` then resolves speakers across the whole article, in reading order, and the registry
(``factrack.speakers``) gives registered speakers one canonical name in every language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from factrack import lang
from factrack.extract.attribution import Candidate
from factrack.extract.coref import Resolver
from factrack.extract.pipeline import CANDIDATES, ORGANISATIONS, PERSONS, get_nlp
from factrack.extract.stance import negated, question
from factrack.normalize import fold
from factrack.records import Article, Failure, Kind, Polarity, Statement
from factrack.speakers import Registry, load_registry

__all__ = ["extract", "extract_paths", "segments"]


@cache
def _default_registry() -> Registry:
    return load_registry()


def segments(text: str, default: str = "en") -> list[tuple[int, int, str]]:
    """Runs of consecutive paragraphs in one language: (start, end, language)."""
    out: list[list] = []
    pos = 0
    current = default
    for line in text.split("\n"):
        end = pos + len(line)
        code = lang.detect(line) or (out[-1][2] if out else None)
        if code is not None:
            current = code if code in lang.SUPPORTED else default
            if out and out[-1][2] == current:
                out[-1][1] = end
            else:
                out.append([pos, end, current])
        pos = end + 1
    return [(s, e, c) for s, e, c in out]


Names = list[tuple[int, int, str]]  # (start, end, language) in the article


def _candidates(article: Article) -> tuple[list[tuple[Candidate, str, int]], Names, Names]:
    """Candidates of every segment (with its language and offset), organisation and person names."""
    found: list[tuple[Candidate, str, int]] = []
    orgs: Names = []
    people: Names = []
    for start, end, code in segments(article.text):
        doc = get_nlp(code)(article.text[start:end])
        found.extend((c, code, start) for c in doc.user_data[CANDIDATES])
        orgs.extend((s + start, e + start, code) for s, e in doc.user_data[ORGANISATIONS])
        people.extend((s + start, e + start, code) for s, e in doc.user_data[PERSONS])
    return found, orgs, people


@cache
def _mute_words(code: str) -> frozenset[str]:
    words = lang.words(code, "not_speakers") | lang.words(code, "time_units") | lang.words(code, "months")
    return words | lang.words(code, "stop_words") | lang.words(code, "pronouns")


def can_speak(name: str, code: str) -> bool:
    """Is there a word in ``name`` that can name a speaker (not only pronouns, time or abstract words)?"""
    mute = _mute_words(code)
    words = [w for w in re.findall(r"\w+", fold(name)) if not w.isdigit()]
    return any(w not in mute and not (len(w) > 2 and w[0] in "وفبل" and w[1:] in mute) for w in words)


def extract(article: Article, registry: Registry | None = None) -> list[Statement]:
    """Every attributed statement and claim in the article, in reading order."""
    registry = registry if registry is not None else _default_registry()
    text = article.text
    found, orgs, people = _candidates(article)
    resolver = Resolver(text, registry, orgs, people)
    out: list[Statement] = []
    for c, code, shift in found:
        speaker = mention = None
        ms = me = None
        if c.kind != Kind.CLAIM:
            where = (c.mention[0] + shift, c.mention[1] + shift) if c.mention else None
            name = (c.name[0] + shift, c.name[1] + shift) if c.name else None
            resolved = resolver.resolve(where, code, name, c.cue)
            if resolved is None or c.note:
                continue  # reported speech whose speaker cannot be told, or only a speaker met
            speaker, mention, ms, me = resolved.speaker, resolved.mention, resolved.start, resolved.end
            if not can_speak(speaker, code):
                speaker = None  # "it", "demand", «الشهر الماضي»: the mention stays, no speaker is invented
        s, e = c.start + shift, c.end + shift
        polarity = Polarity.QUESTIONS if c.kind is not Kind.CLAIM and question(text[s:e]) else c.polarity
        statement = Statement(
            doc=article.doc, text=text[s:e], start=s, end=e, kind=c.kind, lang=code,
            speaker=speaker, mention=mention, cue=c.cue, mention_start=ms, mention_end=me,
            sentence_start=c.sentence[0] + shift, sentence_end=c.sentence[1] + shift,
            polarity=polarity, negated=negated(text[s:e], code),
        )
        statement.check(text)
        out.append(statement)
    return out


def extract_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Article, list[Statement]] | Failure]:
    """Read and extract articles; one that fails to extract becomes a ``Failure``, the batch goes on."""
    from factrack.ingest import read_articles

    for item in read_articles(paths):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield item, extract(item)
        except Exception as e:  # noqa: BLE001 - one bad article must not stop a nightly batch
            yield Failure(item.doc, f"extraction failed: {type(e).__name__}: {e}")
