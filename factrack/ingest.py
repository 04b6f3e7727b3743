"""Reading articles from files and folders: txt/md, HTML and JSON lines.

Every input either becomes an ``Article`` whose ``text`` is the decoded content, untouched (gold
offsets and statement offsets index it), or a ``Failure`` with a one-line reason; one bad file
never stops a batch. Old Arabic news sites still serve Windows-1256, so bytes that are not UTF-8
get a second chance as Windows-1256 when that decoding yields Arabic letters.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from factrack import lang
from factrack.records import Article, Failure

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# An article is "mixed" when the minority script holds at least this share of its letters.
MIXED_SHARE = 0.2
# Share of control bytes (other than whitespace) above which a file is taken for binary.
_BINARY_SHARE = 0.1
_WHITESPACE_CONTROLS = frozenset(b"\t\n\r\f\v")
_JSONL_META = ("title", "url", "source", "published")


class _Unreadable(Exception):
    """A reason, in words, why one input is not an article."""


def is_annotation(path: Path) -> bool:
    """Gold, label and pair files sit next to the articles they annotate, and a folder's README
    describes the folder; none of them is an article."""
    return _is_annotation_name(path.name)


def _is_annotation_name(name: str) -> bool:
    name = name.lower()
    return (
        name.endswith((".gold.jsonl", ".labels.jsonl"))
        or name == "pairs.jsonl"
        or name.endswith(".pairs.jsonl")
        or name.startswith("readme.")
    )


def read_articles(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Failure]:
    """Articles from files and folders (recursive, sorted), a ``Failure`` for each bad input.

    Inside folders, files with an unknown extension, hidden files and annotation files are
    skipped silently; a file named explicitly is read as plain text whatever its extension,
    except an annotation file, which is reported rather than silently dropped.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in folder_files(path):
                yield from _read_file(file, str(file), max_bytes)
        elif path.is_file():
            if is_annotation(path):
                yield Failure(str(given), "an annotation or README file, not an article")
            else:
                yield from _read_file(path, str(given), max_bytes)
        elif path.exists():
            yield Failure(str(given), "not a regular file")
        else:
            yield Failure(str(given), "no such file or directory")


def folder_files(folder: Path) -> list[Path]:
    """The article files inside ``folder``, in reading order; the one definition of what counts."""
    return [Path(f) for f in folder_file_names(folder)]


def folder_file_names(folder: Path) -> list[str]:
    """``folder_files`` as strings (``str(folder / relative path)``), for callers with many files."""
    # os.scandir, not Path.rglob: the nightly re-run walks tens of thousands of files and
    # rglob's per-file Path work dominated it.
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(directory: str, parts: tuple[str, ...]) -> None:
        try:
            entries = list(os.scandir(directory))
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, (*parts, entry.name))
            elif (
                os.path.splitext(entry.name)[1].lower() in KNOWN_SUFFIXES
                and not _is_annotation_name(entry.name)
                and entry.is_file()
            ):
                found.append(((*parts, entry.name), entry.path))

    walk(str(folder), ())
    found.sort(key=lambda t: t[0])
    return [f for _, f in found]


def _read_file(path: Path, doc: str, max_bytes: int) -> Iterator[Article | Failure]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Unreadable(f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
        text = decode(data)
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_articles(text, doc)
            return
        article = _html_article(text, doc) if suffix in HTML_SUFFIXES else _text_article(text, doc, suffix)
    except _Unreadable as e:
        yield Failure(doc, str(e))
        return
    except OSError as e:
        yield Failure(doc, e.strerror or str(e))
        return
    yield article


def decode(data: bytes) -> str:
    """The text of a file's bytes: UTF-8 (BOM dropped), UTF-16 with a BOM, else Windows-1256.

    Raises ``_Unreadable`` for empty, binary and undecodable content.
    """
    if not data:
        raise _Unreadable("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _non_blank(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise _Unreadable("invalid UTF-16 text") from None
    if _looks_binary(data):
        raise _Unreadable("binary file, not text")
    try:
        return _non_blank(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if _mostly_arabic(text):
        return _non_blank(text)
    raise _Unreadable("cannot decode: neither UTF-8 nor Windows-1256 Arabic text")


def _non_blank(text: str) -> str:
    if not text.strip():
        raise _Unreadable("empty (whitespace only)")
    return text


def _looks_binary(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in _WHITESPACE_CONTROLS)
    return controls > _BINARY_SHARE * len(head)


def _mostly_arabic(text: str) -> bool:
    """True when the non-ASCII letters of a Windows-1256 decoding are mostly Arabic.

    Windows-1256 maps nearly every byte to something, so a successful decode proves nothing;
    Latin-1 or Cyrillic bytes read this way come out as accented Latin or scattered symbols.
    """
    non_ascii = sum(1 for ch in text if not ch.isascii() and ch.isalpha())
    arabic, _ = lang.letter_counts(text)
    return non_ascii > 0 and arabic >= 0.8 * non_ascii


def detect_language(text: str) -> str | None:
    """"ar", "en" or "mixed" (both scripts hold a substantial share of letters); None: no letters."""
    arabic, latin = lang.letter_counts(text)
    if arabic and latin and min(arabic, latin) >= MIXED_SHARE * (arabic + latin):
        return "mixed"
    return lang.detect(text)


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def _text_article(text: str, doc: str, suffix: str) -> Article:
    title = _first_line(text)
    if title and suffix == ".md":
        title = title.lstrip("#").strip() or None
    return Article(doc=doc, text=text, title=title, lang=detect_language(text))


def _html_article(html: str, doc: str) -> Article:
    """Main text of a news page via trafilatura; offsets then index the extracted text."""
    import trafilatura  # heavy import, needed only for HTML

    # extensive_search off: otherwise a "Copyright 2021" footer becomes a publication date.
    page = trafilatura.bare_extraction(
        html, with_metadata=True, date_extraction_params={"extensive_search": False, "original_date": True}
    )
    text = getattr(page, "text", None) if page is not None else None
    if not text or not text.strip():
        raise _Unreadable("no main text found in the HTML page")
    return Article(
        doc=doc,
        text=text,
        title=page.title or _first_line(text),
        url=page.url,
        source=page.sitename,
        published=page.date,
        lang=detect_language(text),
    )


def _jsonl_articles(text: str, path: str) -> Iterator[Article | Failure]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        doc = f"{path}#{n}"
        try:
            yield _json_article(json.loads(line), doc)
        except json.JSONDecodeError as e:
            yield Failure(doc, f"invalid JSON: {e.msg} (column {e.colno})")
        except _Unreadable as e:
            yield Failure(doc, str(e))


def _json_article(row: Any, doc: str) -> Article:
    if not isinstance(row, dict):
        raise _Unreadable("a line must be a JSON object")
    text = row.get("text")
    if not isinstance(text, str):
        raise _Unreadable('missing "text" string')
    _non_blank(text)
    meta: dict[str, str | None] = {}
    for key in _JSONL_META:
        value = row.get(key)
        if value is not None and not isinstance(value, str):
            raise _Unreadable(f'"{key}" must be a string')
        meta[key] = value or None
    given_lang = row.get("lang")
    known = given_lang in (*lang.SUPPORTED, "mixed")
    article_lang = given_lang if known else detect_language(text)
    return Article(doc=doc, text=text, lang=article_lang, **meta)
