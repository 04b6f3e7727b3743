"""Reading articles from files and folders: txt/md, HTML and JSON lines.

Every input either becomes an ``Article`` whose ``text`` is the decoded content, untouched (gold
offsets and statement offsets index it), or a ``Failure`` with a one-line reason; one bad file,
line, name or folder never stops a batch.

Identity (``Article.doc``, what the indexer keys on): a txt/md/html file is its resolved absolute
path (``os.path.realpath``), whatever route reached it (relative, absolute, through a symlinked
folder); a JSON line is ``"<resolved .jsonl path>#<key>"`` with key ``id=<id>`` (the row's
``"id"``, string or integer), else ``url=<url>``, else ``sha=<16 hex of the content hash>``, so
inserting a line at the top of a feed renames nothing. ``file_of(doc)`` gives the file back.

Decoding is strict: UTF-8 (BOM dropped), UTF-16/UTF-32 with a BOM, and Windows-1256 — which old
Arabic news sites still serve — only on evidence: the bytes are mostly invalid as UTF-8 and read as
Arabic in Windows-1256. A UTF-8 file with a defect fails naming the byte; a JSON-lines file is
decoded line by line, so a line caught mid-append fails alone.

Limits: a file is not read past ``DEFAULT_MAX_BYTES`` (20 MiB, ``max_bytes``), and an article's
text may hold at most ``MAX_CHARS`` (1,000,000, ``max_chars``) characters, spaCy's ``max_length``,
which is the limit that binds: 20 MiB of text is far more than a million characters.
"""

from __future__ import annotations

import email.utils
import errno
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from factrack import lang
from factrack.records import Article, Failure

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_CHARS = 1_000_000  # spaCy's default nlp.max_length: a longer text cannot be parsed whole
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# An article is "mixed" when the minority script holds at least this share of its letters.
MIXED_SHARE = 0.2
# Share of control bytes (other than whitespace) above which a file is taken for binary.
_BINARY_SHARE = 0.1
_WHITESPACE_CONTROLS = frozenset(b"\t\n\r\f\v")
_JSONL_META = ("title", "url", "source")
# "published" first; the others are what common feed exporters call it.
_DATE_KEYS = ("published", "date", "published_at", "datePublished")
_UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
# Windows-1256 Arabic is taken only when invalid UTF-8 bytes outnumber valid multibyte UTF-8
# characters this many times. Real Windows-1256 text has a few pairs that happen to be valid UTF-8
# (ع before the Arabic comma, 0xDA 0xA1; news text: 60-90 invalid bytes to 1 such pair, a text
# crowded with them 3 to 1); a UTF-8 file with a defect has far more valid characters than bad bytes.
_CP1256_EVIDENCE = 2
_ESCAPED = re.compile("[\udc80-\udcff]")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_FORMATS = ("%Y/%m/%d", "%Y.%m.%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y")


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


def file_of(doc: str) -> str:
    """The file a doc (of an article or a failure) comes from: ``"/a/x.jsonl#id=7"`` -> ``"/a/x.jsonl"``."""
    i = doc.lower().find(".jsonl#")
    return doc if i < 0 else doc[: i + len(".jsonl")]


def read_articles(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = MAX_CHARS
) -> Iterator[Article | Failure]:
    """Articles from files and folders (recursive, sorted), a ``Failure`` for each bad input.

    Inside folders, files with an unknown extension, hidden files and annotation files are
    skipped silently, and an unreadable folder is a ``Failure`` (``"cannot read folder: ..."``);
    a file named explicitly is read as plain text whatever its extension, except an annotation
    file, which is reported rather than silently dropped. A file reached twice (symlinks, a file
    and its folder both given) is read once: its docs would be the same. Failure docs follow the
    article contract: the resolved path, with ``#id=``/``#url=``
    when a JSON line's key is known, else ``#line=N``; a whole-file failure's doc is the path.
    """
    done: set[str] = set()
    for given in paths:
        name = os.fsdecode(os.fspath(given))
        if not _utf8_ok(name):
            yield Failure(_safe(name), "file name is not valid UTF-8")
            continue
        real = os.path.realpath(name)
        if not _utf8_ok(real):
            yield Failure(_safe(real), "file name is not valid UTF-8")
            continue
        try:
            mode = os.stat(name).st_mode
        except OSError as e:
            yield Failure(real, _os_reason(e))
            continue
        if stat.S_ISDIR(mode):
            for item in folder_items(name):
                if isinstance(item, Failure):
                    yield item
                elif item not in done:
                    done.add(item)
                    yield from _read_file(item, max_bytes, max_chars)
        elif not stat.S_ISREG(mode):
            yield Failure(real, "not a regular file")
        elif _is_annotation_name(os.path.basename(name)):
            yield Failure(real, "an annotation or README file, not an article")
        elif real not in done:
            done.add(real)
            yield from _read_file(real, max_bytes, max_chars)


def folder_files(folder: Path, unreadable: list[str] | None = None) -> list[Path]:
    """The article files inside ``folder``, in reading order; the one definition of what counts."""
    return [Path(f) for f in folder_file_names(folder, unreadable)]


def folder_file_names(folder: str | Path, unreadable: list[str] | None = None) -> list[str]:
    """``folder_files`` as resolved absolute path strings (the docs they give), for callers with
    many files.

    Order: sorted by the path as reached under ``folder``. Symlinked folders are followed once
    (a folder already walked, a loop among them, is skipped); a file reached twice is listed once.
    When ``unreadable`` is given, the paths of what could not be listed are appended to it: folders
    that cannot be read (permissions, symlink loops), broken symlinks with an article's name, and
    entries whose names are not valid UTF-8 (backslash-escaped, as in the ``Failure`` docs).
    Nothing at or under those paths can be told gone, so an indexer must not
    prune there.
    """
    out: list[str] = []
    for item in folder_items(folder):
        if isinstance(item, Failure):
            if unreadable is not None:
                unreadable.append(item.doc)
        else:
            out.append(item)
    return out


def folder_items(folder: str | Path) -> list[str | Failure]:
    """What ``read_articles`` finds in ``folder``, in its order: each article file's resolved path,
    and a ``Failure`` (with its reason) for each folder or entry that could not be looked at; for
    an indexer that wants the reasons ``folder_file_names(..., unreadable)`` leaves out."""
    folder = os.fspath(folder)
    # os.scandir, not Path.rglob: the nightly re-run walks tens of thousands of files and
    # rglob's per-file Path work dominated it. A stack of sorted listings, not recursion (depth is
    # unbounded), visited depth first so the order is that of the sorted relative paths.
    out: list[str | Failure] = []
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    stack: list[Iterator[os.DirEntry[str]]] = []

    def enter(directory: str) -> None:
        real_dir = os.path.realpath(directory)
        if real_dir in seen_dirs:
            return  # a symlink back up the tree, or a second route to a walked folder
        seen_dirs.add(real_dir)
        try:
            with os.scandir(directory) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            out.append(Failure(_safe(real_dir), f"cannot read folder: {_os_reason(e)}"))
            return
        stack.append(iter(entries))

    enter(folder)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        article_name = os.path.splitext(entry.name)[1].lower() in KNOWN_SUFFIXES and not _is_annotation_name(
            entry.name
        )
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
            is_link = entry.is_symlink()
        except OSError as e:  # a symlink loop, a permission problem
            out.append(Failure(_safe(_entry_path(entry.path)), f"cannot read: {_os_reason(e)}"))
            continue
        if (is_dir or (is_file and article_name)) and not _utf8_ok(entry.path):
            kind = "folder" if is_dir else "file"
            out.append(Failure(_safe(_entry_path(entry.path)), f"{kind} name is not valid UTF-8"))
        elif is_dir:
            enter(entry.path)
        elif is_file and article_name:
            real = os.path.realpath(entry.path)
            if not _utf8_ok(real):
                out.append(Failure(_safe(real), "file name is not valid UTF-8"))
            elif real not in seen_files:
                seen_files.add(real)
                out.append(real)
        elif article_name and is_link:
            out.append(Failure(_safe(_entry_path(entry.path)), "broken symbolic link"))
    return out


def _entry_path(path: str) -> str:
    """The resolved path of a directory entry itself (its folder resolved, not the link)."""
    return os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))


def _utf8_ok(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _safe(name: str) -> str:
    """A str that SQLite can store for a name that is not valid UTF-8 (its bytes backslash-escaped)."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _os_reason(e: OSError) -> str:
    words = {
        errno.ENOENT: "no such file or directory",
        errno.ELOOP: "symbolic link loop",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
    }
    return words.get(e.errno or 0) or (e.strerror or str(e)).lower()


def _read_file(path: str, max_bytes: int, max_chars: int) -> Iterator[Article | Failure]:
    """The article(s) of one resolved path; it is also the doc, or the doc's file for JSON lines."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise _Unreadable(f"too large ({size:,} bytes; the limit is {max_bytes:,})")
            data = fh.read(max_bytes + 1)
        if len(data) > max_bytes:  # it grew while being read
            raise _Unreadable(f"too large (over {max_bytes:,} bytes; the limit is {max_bytes:,})")
        suffix = os.path.splitext(path)[1].lower()
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_articles(data, path, max_chars)
            return
        text = decode(data)
        if suffix in HTML_SUFFIXES:
            article = _html_article(text, path, max_chars)
        else:
            _check_length(text, max_chars)
            article = _text_article(text, path, suffix)
    except _Unreadable as e:
        yield Failure(path, str(e))
        return
    except OSError as e:  # vanished or locked between listing and reading
        yield Failure(path, _os_reason(e))
        return
    yield article


def _check_length(text: str, max_chars: int) -> None:
    if len(text) > max_chars:
        raise _Unreadable(f"too long: {len(text):,} characters; the limit is {max_chars:,}")


def decode(data: bytes) -> str:
    """The text of a file's bytes: UTF-8 (BOM dropped), UTF-16 or UTF-32 with a BOM, else
    Windows-1256 on evidence (see the module docstring).

    Raises ``_Unreadable`` for empty, binary and undecodable content; the reason names the byte
    offset of the first invalid byte.
    """
    if not data:
        raise _Unreadable("empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _non_blank(data[len(bom) :].decode(codec))
            except UnicodeDecodeError as e:
                raise _Unreadable(f"invalid {name} text at byte {e.start + len(bom)}") from None
    if _looks_binary(data):
        raise _Unreadable("binary file, not text")
    skip = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        return _non_blank(data[skip:].decode("utf-8"))
    except UnicodeDecodeError as e:
        first = e.start + skip
    if not skip:
        text = _as_cp1256(data)
        if text is not None:
            return _non_blank(text)
    raise _Unreadable(f"cannot decode: invalid UTF-8 at byte {first:,} (and not Windows-1256 Arabic)")


def _as_cp1256(data: bytes) -> str | None:
    """The Windows-1256 reading of bytes that are not UTF-8, when the evidence says they are that:
    invalid UTF-8 bytes far outnumber valid multibyte characters, and the reading is Arabic."""
    lenient = data.decode("utf-8", "surrogateescape")  # one U+DCxx per invalid byte
    invalid = len(_ESCAPED.findall(lenient))
    multibyte = sum(1 for ch in lenient if ch > "\x7f") - invalid
    if invalid < _CP1256_EVIDENCE * max(multibyte, 1):
        return None
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        return None
    return text if _mostly_arabic(text) else None


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


def _html_article(html: str, doc: str, max_chars: int = MAX_CHARS) -> Article:
    """Main text of a news page via trafilatura; offsets then index the extracted text."""
    import trafilatura  # heavy import, needed only for HTML

    # extensive_search off: otherwise a "Copyright 2021" footer becomes a publication date.
    try:
        page = trafilatura.bare_extraction(
            html, with_metadata=True, date_extraction_params={"extensive_search": False, "original_date": True}
        )
    except RecursionError:
        raise _Unreadable("HTML nested too deep") from None
    except Exception as e:  # noqa: BLE001 - a parser bug on one page must not stop the batch
        raise _Unreadable(f"HTML extraction failed: {type(e).__name__}: {e}") from None
    text = getattr(page, "text", None) if page is not None else None
    if not text or not text.strip() or page is None or isinstance(page, dict):  # a page with text is a Document
        raise _Unreadable("no main text found in the HTML page")
    _check_length(text, max_chars)
    return Article(
        doc=doc,
        text=text,
        title=page.title or _first_line(text),
        url=page.url,
        source=page.sitename,
        published=page.date,
        lang=detect_language(text),
    )


def _jsonl_lines(data: bytes) -> Iterator[tuple[int, str | None, str]]:
    """(1-based line number, text or None, why not) for each line of a JSON-lines file.

    Split on "\\n" only (a raw U+2028 inside a JSON string is valid JSON, and str.splitlines
    would cut it), "\\r" stripped. UTF-8 is decoded line by line, so one bad line fails alone;
    raises ``_Unreadable`` when the file as a whole is unreadable.
    """
    if not data:
        raise _Unreadable("empty file")
    skip = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    lines: list[str] | None = None
    if data.startswith(tuple(bom for bom, _, _ in _BOMS)):
        lines = decode(data).split("\n")
    elif _looks_binary(data):
        raise _Unreadable("binary file, not text")
    else:
        try:
            lines = data[skip:].decode("utf-8").split("\n")
        except UnicodeDecodeError:
            text = None if skip else _as_cp1256(data)  # a BOM says UTF-8
            lines = text.split("\n") if text is not None else None
    if lines is not None:
        if not any(line.strip() for line in lines):
            raise _Unreadable("empty (whitespace only)")
        for n, line in enumerate(lines, start=1):
            yield n, line.removesuffix("\r"), ""
        return
    offset = skip
    for n, raw in enumerate(data[skip:].split(b"\n"), start=1):
        try:
            yield n, raw.decode("utf-8").removesuffix("\r"), ""
        except UnicodeDecodeError as e:
            yield n, None, f"invalid UTF-8 at byte {offset + e.start:,}"
        offset += len(raw) + 1


def _jsonl_articles(data: bytes, path: str, max_chars: int) -> Iterator[Article | Failure]:
    """One article per line; a bad line is a Failure and the other lines are read."""
    owners: dict[str, int] = {}  # key -> the line that has it
    for n, line, why in _jsonl_lines(data):
        line_doc = f"{path}#line={n}"
        if line is None:
            yield Failure(line_doc, f"line {n}: {why}")
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            yield Failure(line_doc, f"line {n}: invalid JSON: {e.msg} (column {e.colno})")
            continue
        except RecursionError:
            yield Failure(line_doc, f"line {n}: invalid JSON: nested too deep")
            continue
        except ValueError as e:  # e.g. an integer of more digits than Python converts
            yield Failure(line_doc, f"line {n}: invalid JSON: {e}")
            continue
        key: str | None = None
        try:
            if not isinstance(row, dict):
                raise _Unreadable("a line must be a JSON object")
            key = _row_key(row)
            article = _json_article(row, path, key, n, max_chars)
        except _Unreadable as e:
            yield Failure(f"{path}#{key}" if key and key not in owners else line_doc, f"line {n}: {e}")
            if key:
                owners.setdefault(key, n)
            continue
        key = article.doc[len(path) + 1 :]
        if key in owners:
            yield Failure(line_doc, f"line {n}: duplicate {key} (first at line {owners[key]})")
            continue
        owners[key] = n
        yield article


def _row_key(row: dict[str, Any]) -> str | None:
    """``id=<id>`` or ``url=<url>``; None when the row has neither (its content hash keys it)."""
    ident = row.get("id")
    if ident is not None and ident != "":
        if isinstance(ident, bool) or not isinstance(ident, int | str):
            raise _Unreadable('"id" must be a string or an integer')
        _check_string("id", str(ident))
        return f"id={ident}"
    url = row.get("url")
    if isinstance(url, str) and url:
        _check_string("url", url)
        return f"url={url}"
    return None


def _check_string(key: str, value: str) -> None:
    """JSON lets a string hold a lone surrogate ("\\ud800"), which no UTF-8 store can hold."""
    if not _utf8_ok(value):
        raise _Unreadable(f'"{key}" holds a lone surrogate (\\ud800-\\udfff), not text')


def _json_article(row: dict[str, Any], path: str, key: str | None, line: int, max_chars: int) -> Article:
    text = row.get("text")
    if not isinstance(text, str):
        raise _Unreadable('missing "text" string')
    _non_blank(text)
    _check_string("text", text)
    _check_length(text, max_chars)
    meta: dict[str, str | None] = {}
    for name in _JSONL_META:
        value = row.get(name)
        if value is not None and not isinstance(value, str):
            raise _Unreadable(f'"{name}" must be a string')
        if value:
            _check_string(name, value)
        meta[name] = value or None
    published = None
    for name in _DATE_KEYS:
        value = row.get(name)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise _Unreadable(f'"{name}" must be a string')
        _check_string(name, value)
        published = normalize_date(value)
        break
    given_lang = row.get("lang")
    known = given_lang in (*lang.SUPPORTED, "mixed")
    article_lang = given_lang if known else detect_language(text)
    article = Article(doc=path, text=text, lang=article_lang, published=published, line=line, **meta)
    if key is None:
        key = f"sha={article.content_hash[:16]}"
    return replace(article, doc=f"{path}#{key}")


def normalize_date(value: str) -> str:
    """An ISO date for a feed's date: ``YYYY-MM-DD`` for a day, an ISO datetime kept as given
    (rewritten to ISO when it was in another form, e.g. RFC 2822); unparseable: kept as given, so
    nothing is lost and nothing fails on it."""
    s = value.strip()
    try:
        return date.fromisoformat(s).isoformat()
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(s)
    except ValueError:
        pass
    else:
        return s if _ISO_DAY.match(s) else moment.isoformat()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(s).isoformat()
    except (TypeError, ValueError, IndexError):
        return value
