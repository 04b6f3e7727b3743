"""Records passed between pipeline stages.

They are frozen dataclasses holding character offsets into the article's decoded text, never
spaCy objects, so they can be stored, hashed and compared. Invariant for every statement:
``article.text[statement.start:statement.end] == statement.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What sort of statement a span is."""

    DIRECT = "direct"  # a quoted sentence
    PARTIAL = "partial"  # a quoted fragment inside the writer's sentence
    INDIRECT = "indirect"  # reported speech without quote marks
    CLAIM = "claim"  # an unattributed, check-worthy sentence (figures, dates, quantities)


class Polarity(StrEnum):
    """The speaker's stance toward the claim a statement reports (read from the reporting cue)."""

    ASSERTS = "asserts"
    DENIES = "denies"  # X denied that P: the statement's text is P
    QUESTIONS = "questions"  # X questioned whether P


@dataclass(frozen=True)
class Article:
    """One news article: its original text, untouched, plus metadata."""

    # Identity, what the indexer keys on (see factrack.ingest): the file's resolved absolute path;
    # for a JSON line "<resolved path>#id=<id>", else "#url=<url>", else "#sha=<16 hex of content_hash>".
    doc: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime; an unparseable one as given
    lang: str | None = None  # "ar", "en" or "mixed" once detected
    line: int | None = None  # 1-based line in its JSON-lines file, for display; not part of identity

    @property
    def content_hash(self) -> str:
        """Identity of the content, for incremental indexing."""
        h = hashlib.sha256()
        for part in (self.text, self.title or "", self.url or "", self.source or "", self.published or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Failure:
    """An input that could not be read; the batch goes on without it."""

    doc: str
    reason: str


@dataclass(frozen=True)
class Statement:
    """An attributed statement or a claim, located by offsets in its article's text."""

    doc: str
    text: str
    start: int
    end: int
    kind: Kind
    lang: str
    speaker: str | None = None  # canonical name from the speaker registry, or as resolved
    mention: str | None = None  # the speaker as written in this article
    cue: str | None = None  # the reporting word or phrase (قال، بحسب، said, according to …)
    mention_start: int | None = None
    mention_end: int | None = None
    sentence_start: int | None = None  # the sentence the statement sits in, for display
    sentence_end: int | None = None
    polarity: Polarity = Polarity.ASSERTS  # the speaker's stance toward the text (which stays the claim)
    negated: bool = False  # the claim's own words negate it ("we never shut the plant")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["kind"] = str(self.kind)
        d["polarity"] = str(self.polarity)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Statement:
        fields = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        fields["kind"] = Kind(fields["kind"])
        fields["polarity"] = Polarity(fields.get("polarity") or Polarity.ASSERTS)
        fields["negated"] = bool(fields.get("negated", False))
        return cls(**fields)


    def check(self, article_text: str) -> None:
        """Raise ValueError unless the offsets point at exactly this text."""
        if article_text[self.start : self.end] != self.text:
            raise ValueError(f"offsets {self.start}:{self.end} do not match statement text in {self.doc}")
