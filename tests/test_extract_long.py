"""Extraction stays linear in article length (issue 12: a 300k-character article never finished).

No wall-clock assertions: the tests count work that a quadratic spot multiplies. The doc's text
is rebuilt by spaCy on every ``doc.text`` read and ``has_annotation`` scans every token, so both
must be asked a bounded number of times per doc, however long; the coref resolver must not fold
the text before every mention; and the Python lines run in the extraction modules must grow in
proportion to the article. Arabic runs through spaCy's blank pipeline: no model is loaded.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

import factrack.extract as fx
from factrack.extract import coref
from factrack.extract.pipeline import get_nlp
from factrack.records import Article

ROOT = Path(__file__).resolve().parent.parent
EXTRACT_DIR = str(Path(fx.__file__).resolve().parent)  # the extraction modules as imported


def _arabic(length: int) -> Article:
    """The bundled Arabic articles' paragraphs, repeated to ``length`` characters."""
    paras = [ln.strip() for p in sorted((ROOT / "corpora").glob("*-ar.txt"))
             for ln in p.read_text(encoding="utf-8").split("\n")[1:] if ln.strip()]
    parts, n = ["مقال طويل"], 0
    while sum(len(p) + 2 for p in parts) < length:
        parts.append(paras[n % len(paras)])
        n += 1
    return Article(doc=f"long-{length}.txt", text="\n\n".join(parts), lang="ar")


class CountingDoc(Doc):
    """A Doc that counts the reads that cost a pass over the whole doc."""

    text_reads = 0
    annotation_asks = 0

    @property
    def text(self) -> str:  # type: ignore[override]
        CountingDoc.text_reads += 1
        return Doc.text.__get__(self)

    def has_annotation(self, attr: Any, *, require_complete: bool = False) -> bool:  # type: ignore[override]
        CountingDoc.annotation_asks += 1
        return super().has_annotation(attr, require_complete=require_complete)


@pytest.fixture
def counting_pipeline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``extract`` runs each segment as a CountingDoc through the real pipeline."""
    def get(code: str) -> Any:
        nlp = get_nlp(code)

        def run(text: str) -> Doc:
            toks = nlp.tokenizer(text)
            doc = CountingDoc(nlp.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks])
            return nlp(doc)
        return run

    monkeypatch.setattr(fx, "get_nlp", get)
    CountingDoc.text_reads = CountingDoc.annotation_asks = 0
    yield


def _counts(article: Article) -> tuple[int, int, int]:
    CountingDoc.text_reads = CountingDoc.annotation_asks = 0
    found = fx.extract(article)
    assert found, "the long article must yield statements, or nothing is measured"
    return CountingDoc.text_reads, CountingDoc.annotation_asks, len(found)


def test_doc_text_and_annotations_are_read_a_bounded_number_of_times(counting_pipeline: None) -> None:
    short_reads, short_asks, short_found = _counts(_arabic(3_000))
    long_reads, long_asks, long_found = _counts(_arabic(12_000))
    assert long_found >= 3 * short_found  # the long article really has ~4 times the statements
    assert long_reads == short_reads <= 6, (short_reads, long_reads)  # per doc, not per token or quote
    assert long_asks == short_asks <= 8, (short_asks, long_asks)  # per doc, not per sentence


def test_coref_folds_a_bounded_amount_of_text(monkeypatch: pytest.MonkeyPatch) -> None:
    folded = {"chars": 0}
    real_fold = coref.fold
    from factrack.normalize import fold_with_map as real_map

    def fold(text: str) -> str:
        folded["chars"] += len(text)
        return real_fold(text)

    def fold_with_map(text: str) -> tuple[str, list[int]]:
        folded["chars"] += len(text)
        return real_map(text)

    monkeypatch.setattr(coref, "fold", fold)
    monkeypatch.setattr(coref, "fold_with_map", fold_with_map, raising=False)
    ratios = []
    for n in (3_000, 12_000):
        folded["chars"] = 0
        article = _arabic(n)
        fx.extract(article)
        ratios.append(folded["chars"] / len(article.text))
    # the resolver folds mentions and at most the whole text once: per character of article, the
    # same amount at both lengths (folding the text before each mention grows it with the length)
    assert ratios[1] <= 1.3 * ratios[0] + 0.5, ratios


def _lines_run(article: Article) -> int:
    """Python lines executed in factrack/extract while extracting ``article``."""
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(EXTRACT_DIR) else None

    sys.settrace(tracer)
    try:
        fx.extract(article)
    finally:
        sys.settrace(None)
    return count


def test_python_work_grows_in_proportion_to_the_article() -> None:
    fx.extract(_arabic(500))  # tables and pipeline built before counting
    small, large = _arabic(3_000), _arabic(24_000)
    ratio = _lines_run(large) / _lines_run(small)
    size = len(large.text) / len(small.text)
    # linear code gives ratio ≈ size (measured 0.97 × size); loops over tokens × quotes, sentences ×
    # quotes or mentions × speakers met gave 1.51 × size here before issue 12's fixes
    assert ratio <= 1.2 * size, (ratio, size)
