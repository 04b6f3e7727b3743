"""Reading articles: formats, encodings, bad input, folders."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from factrack.ingest import (
    DEFAULT_MAX_BYTES,
    MAX_CHARS,
    decode,
    detect_language,
    file_of,
    folder_file_names,
    normalize_date,
    read_articles,
)
from factrack.records import Article, Failure

AR_TEXT = (
    "واشنطن تنهي المهام القتالية في العراق\n\n"
    "وقال الرئيس الأميركي جو بايدن «لن نكون مع نهاية العام في مهمة قتالية».\n"
)
EN_TEXT = 'Biden ends combat mission\n\nPresident Joe Biden said "we will not be in a combat mission".\r\n'


def read(*paths: Path | str, **kw: int) -> list[Article | Failure]:
    return list(read_articles(paths, **kw))


def one_article(path: Path) -> Article:
    [item] = read(path)
    assert isinstance(item, Article), item
    return item


def one_failure(path: Path | str) -> Failure:
    [item] = read(path)
    assert isinstance(item, Failure), item
    return item


def test_utf8_arabic_text_is_kept_whole(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(AR_TEXT, encoding="utf-8")
    a = one_article(f)
    assert a.text == AR_TEXT  # title line included, nothing normalised
    assert a.title == "واشنطن تنهي المهام القتالية في العراق"
    assert a.lang == "ar"
    assert a.doc == str(f)


def test_line_endings_and_bom(tmp_path: Path) -> None:
    f = tmp_path / "b.txt"
    f.write_bytes(b"\xef\xbb\xbf" + EN_TEXT.encode("utf-8"))
    a = one_article(f)
    assert a.text == EN_TEXT  # BOM dropped, \r\n kept
    assert a.lang == "en"
    assert a.title == "Biden ends combat mission"


def test_windows_1256_arabic(tmp_path: Path) -> None:
    f = tmp_path / "old-site.txt"
    f.write_bytes(AR_TEXT.encode("cp1256"))
    a = one_article(f)
    assert a.text == AR_TEXT
    assert a.lang == "ar"


def test_utf16_with_bom(tmp_path: Path) -> None:
    f = tmp_path / "u16.txt"
    f.write_bytes(AR_TEXT.encode("utf-16"))
    assert one_article(f).text == AR_TEXT


def test_undecodable_bytes(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes("Ça coûte très cher à Montréal, déjà.".encode("cp1252"))
    fail = one_failure(f)
    assert fail.doc == str(f)
    assert "decode" in fail.reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b" \n\t\r\n  ", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, reason: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    assert reason in one_failure(f).reason


def test_missing_path_and_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(EN_TEXT, encoding="utf-8")
    items = read(tmp_path / "nope.txt", good)
    assert isinstance(items[0], Failure) and "no such file" in items[0].reason
    assert isinstance(items[1], Article) and items[1].text == EN_TEXT


def test_too_large(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text("word " * 100, encoding="utf-8")
    [item] = read(f, max_bytes=100)
    assert isinstance(item, Failure) and "too large" in item.reason
    [item] = read(f, max_bytes=10_000)
    assert isinstance(item, Article)


def test_jsonl_lines_and_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    rows = [
        json.dumps({"text": AR_TEXT, "title": "عنوان", "url": "https://x.example/1", "source": "X"}),
        "{not json",
        "",
        json.dumps({"text": EN_TEXT, "published": "2021-07-26", "lang": "en"}),
        json.dumps({"title": "no text"}),
        json.dumps(["a list"]),
        json.dumps({"text": "ok", "url": 5}),
    ]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = read(f)
    first, bad, second, no_text, not_obj, bad_url = items
    assert first.doc == f"{f}#url=https://x.example/1"
    assert second.doc == f"{f}#sha={second.content_hash[:16]}"
    assert [i.doc for i in (bad, no_text, not_obj, bad_url)] == [f"{f}#line={n}" for n in (2, 5, 6, 7)]
    assert [i.reason.split(":")[0] for i in (bad, no_text, not_obj, bad_url)] == [f"line {n}" for n in (2, 5, 6, 7)]
    assert (first.line, second.line) == (1, 4)
    assert isinstance(first, Article) and first.text == AR_TEXT and first.lang == "ar"
    assert (first.title, first.url, first.source) == ("عنوان", "https://x.example/1", "X")
    assert isinstance(bad, Failure) and "invalid JSON" in bad.reason
    assert isinstance(second, Article) and second.published == "2021-07-26" and second.title is None
    assert isinstance(no_text, Failure) and '"text"' in no_text.reason
    assert isinstance(not_obj, Failure) and "object" in not_obj.reason
    assert isinstance(bad_url, Failure) and '"url"' in bad_url.reason


def test_html_main_text_without_boilerplate(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(
        """<html><head><title>Biden ends combat mission | Example News</title>
        <meta property="og:title" content="Biden ends combat mission"></head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a> Subscribe now</nav>
        <article><h1>Biden ends combat mission</h1>
        <p>US President Joe Biden said on Monday that "we will not be, by the end of the year,
        in a combat mission" in Iraq.</p>
        <p>Iraqi Foreign Minister Fuad Hussein said the talks included a timetable for the
        withdrawal of US forces from the country.</p>
        <p>Analysts said the change was largely a matter of wording, since most of the troops
        already train and advise the Iraqi army.</p></article>
        <footer>Copyright 2021 Example News. All rights reserved. Cookie policy.</footer>
        </body></html>""",
        encoding="utf-8",
    )
    a = one_article(f)
    assert a.title == "Biden ends combat mission"
    assert "timetable for the" in a.text
    assert "Fuad Hussein" in a.text
    for boilerplate in ("Subscribe", "Cookie", "All rights reserved", "<p>"):
        assert boilerplate not in a.text
    assert a.lang == "en"
    assert a.published is None  # the copyright year is not a publication date


def test_html_without_text(tmp_path: Path) -> None:
    f = tmp_path / "empty.html"
    f.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    assert "no main text" in one_failure(f).reason


def test_folder_recursion_sorted_skipping_annotations(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("# Title here\n\nBody text said.", encoding="utf-8")
    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "a.gold.jsonl").write_text('{"text": "gold"}\n', encoding="utf-8")
    (tmp_path / "pairs.jsonl").write_text('{"text": "pair"}\n', encoding="utf-8")
    (tmp_path / "x.pairs.jsonl").write_text('{"text": "pair"}\n', encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"text": "from jsonl"}\n', encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("hidden", encoding="utf-8")
    items = read(tmp_path)
    assert all(isinstance(i, Article) for i in items)
    assert [i.doc for i in items] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "z.md"),
        f"{tmp_path / 'c.jsonl'}#sha={items[2].content_hash[:16]}",
    ]
    assert items[1].title == "Title here"
    assert items[1].text.startswith("# Title here")


def test_named_file_with_unknown_extension_is_plain_text(tmp_path: Path) -> None:
    f = tmp_path / "article.news"
    f.write_text(AR_TEXT, encoding="utf-8")
    assert one_article(f).text == AR_TEXT


def test_named_annotation_file_is_reported_not_read(tmp_path: Path) -> None:
    f = tmp_path / "x.gold.jsonl"
    f.write_text('{"text": "gold"}\n', encoding="utf-8")
    (item,) = read(f)
    assert isinstance(item, Failure) and "annotation" in item.reason


def test_detect_language_mixed() -> None:
    assert detect_language("قال الوزير إن القوات ستبقى") == "ar"
    assert detect_language("The minister said troops would stay (CNN)") == "en"
    assert detect_language("The minister said: قال الوزير إن القوات ستبقى في العراق") == "mixed"
    assert detect_language("2021 - 07 - 26") is None


# --- identity: docs are resolved paths, JSON lines keyed by id / url / content -------------------


def real(p: Path | str) -> str:
    return os.path.realpath(p)


def docs(items: list[Article | Failure]) -> list[str]:
    return [i.doc for i in items]


def test_doc_is_the_resolved_path_whatever_the_route(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpora = tmp_path / "corpora"
    (corpora / "ar").mkdir(parents=True)
    (corpora / "ar" / "a.txt").write_text(AR_TEXT, encoding="utf-8")
    (corpora / "feed.jsonl").write_text(json.dumps({"id": 1, "text": EN_TEXT}) + "\n", encoding="utf-8")
    (tmp_path / "link").symlink_to(corpora, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    expected = [real(corpora / "ar" / "a.txt"), f"{real(corpora / 'feed.jsonl')}#id=1"]
    for route in ("corpora", f"{corpora}/", "link", "./corpora/../corpora"):
        assert docs(read(route)) == expected, route
    assert docs(read("link/ar/a.txt", "corpora/./feed.jsonl")) == expected
    assert folder_file_names("link") == [real(corpora / "ar" / "a.txt"), real(corpora / "feed.jsonl")]
    missing = one_failure("corpora/nope.txt")
    assert missing.doc == real(corpora / "nope.txt") and "no such file" in missing.reason


def test_jsonl_keys_survive_a_line_inserted_at_the_top(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    rows = [
        {"id": 7, "text": AR_TEXT},
        {"id": "wam-2021-07-26-0042", "text": EN_TEXT, "url": "https://x.example/ignored"},
        {"url": "https://x.example/1#frag", "text": "قال الوزير إن الاتفاق نهائي"},
        {"text": "The minister said the deal was final."},
    ]
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    before = read(f)
    assert all(isinstance(i, Article) for i in before)
    path = real(f)
    assert docs(before) == [
        f"{path}#id=7",
        f"{path}#id=wam-2021-07-26-0042",
        f"{path}#url=https://x.example/1#frag",
        f"{path}#sha={before[3].content_hash[:16]}",
    ]
    assert [i.line for i in before] == [1, 2, 3, 4]
    f.write_text(
        json.dumps({"text": "Breaking: a new first line."}) + "\n" + f.read_text(encoding="utf-8"), encoding="utf-8"
    )
    after = read(f)
    assert docs(after)[1:] == docs(before)
    assert [i.line for i in after] == [1, 2, 3, 4, 5]


def test_jsonl_duplicate_key_fails_the_second_row(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    rows = [{"id": 7, "text": AR_TEXT}, {"id": "7", "text": EN_TEXT}, {"text": "same"}, {"text": "same"}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    first, dup_id, plain, dup_sha = read(f)
    assert isinstance(first, Article) and first.text == AR_TEXT and isinstance(plain, Article)
    assert isinstance(dup_id, Failure) and "duplicate id=7" in dup_id.reason and "line 2" in dup_id.reason
    assert isinstance(dup_sha, Failure) and "duplicate sha=" in dup_sha.reason and "first at line 3" in dup_sha.reason
    assert dup_id.doc == f"{real(f)}#line=2"  # not the first row's doc: that one is an article


def test_jsonl_bad_id_and_keyed_failures(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    rows = [{"id": 1.5, "text": "x"}, {"id": True, "text": "x"}, {"id": 9, "title": "no text"}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    bad_float, bad_bool, no_text = read(f)
    assert isinstance(bad_float, Failure) and '"id" must be' in bad_float.reason
    assert isinstance(bad_bool, Failure) and '"id" must be' in bad_bool.reason
    # A row whose key is known fails under its own doc, so an indexer keeps what it had for it.
    assert isinstance(no_text, Failure) and no_text.doc == f"{real(f)}#id=9" and "line 3" in no_text.reason


def test_file_of() -> None:
    assert file_of("/c/feed.jsonl#id=7") == "/c/feed.jsonl"
    assert file_of("/c/FEED.JSONL#url=https://x.example/a.jsonl#b") == "/c/FEED.JSONL"
    assert file_of("/c/feed.jsonl#line=3") == "/c/feed.jsonl"
    assert file_of("/c/feed.jsonl") == "/c/feed.jsonl"
    assert file_of("/c/notes#1.txt") == "/c/notes#1.txt"


# --- decoding: strict, no silent mojibake ------------------------------------------------------


def test_utf8_with_one_bad_byte_is_a_failure_not_windows_1256(tmp_path: Path) -> None:
    data = AR_TEXT.encode("utf-8")
    cut = data.index("القتالية".encode())
    f = tmp_path / "a.txt"
    f.write_bytes(data[:cut] + b"\xff" + data[cut:])
    fail = one_failure(f)
    assert f"byte {cut}" in fail.reason and "UTF-8" in fail.reason
    with pytest.raises(Exception, match=f"byte {cut}"):
        decode(data[:cut] + b"\xff" + data[cut:])


@pytest.mark.parametrize(
    "text",
    [
        "قال مدير الموقع، إن الخدمة ستعود غداً، وإن الأعطال في الشبكة تُصلح الآن.\n",
        "هل تستطيع؟ قال مدير الموقع، والمربع، والشارع، ومع، ذلك\n",  # crowded with such pairs
    ],
)
def test_windows_1256_with_pairs_that_look_like_utf8(tmp_path: Path, text: str) -> None:
    # ع (0xDA) before the Arabic comma (0xA1) is a valid UTF-8 pair; a few pairs are not evidence.
    assert b"\xda\xa1" in text.encode("cp1256")
    f = tmp_path / "old.txt"
    f.write_bytes(text.encode("cp1256"))
    assert one_article(f).text == text


def test_jsonl_line_caught_mid_append_fails_alone(tmp_path: Path) -> None:
    good = [json.dumps({"id": n, "text": AR_TEXT}, ensure_ascii=False).encode("utf-8") for n in (1, 2)]
    partial = json.dumps({"id": 3, "text": "وأضاف الوزير"}, ensure_ascii=False).encode("utf-8")
    partial = partial[: partial.index("وأضاف".encode()) + 3]  # cut inside a two-byte letter
    f = tmp_path / "feed.jsonl"
    f.write_bytes(good[0] + b"\n" + good[1] + b"\n" + partial)
    first, second, bad = read(f)
    assert isinstance(first, Article) and first.text == AR_TEXT
    assert isinstance(second, Article) and second.text == AR_TEXT
    assert isinstance(bad, Failure) and bad.doc == f"{real(f)}#line=3"
    assert bad.reason == f"line 3: invalid UTF-8 at byte {len(good[0]) + len(good[1]) + 2 + len(partial) - 1:,}"


def test_jsonl_bad_byte_in_a_middle_line(tmp_path: Path) -> None:
    lines = [json.dumps({"text": t}, ensure_ascii=False).encode("utf-8") for t in (AR_TEXT, "ثم قال", EN_TEXT)]
    lines[1] = lines[1].replace("قال".encode(), b"\xd9" + "قال".encode())
    f = tmp_path / "feed.jsonl"
    f.write_bytes(b"\r\n".join(lines) + b"\r\n")
    first, bad, third = read(f)
    assert isinstance(first, Article) and first.text == AR_TEXT
    assert isinstance(third, Article) and third.text == EN_TEXT
    assert isinstance(bad, Failure) and bad.reason.startswith("line 2: invalid UTF-8 at byte")


def test_windows_1256_jsonl_feed(tmp_path: Path) -> None:
    f = tmp_path / "old.jsonl"
    rows = [{"text": AR_TEXT, "title": "عنوان"}, {"text": "قال المتحدث، إن الوفد وصل"}]
    f.write_bytes("\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("cp1256"))
    first, second = read(f)
    assert isinstance(first, Article) and first.text == AR_TEXT and first.title == "عنوان"
    assert isinstance(second, Article) and second.text == rows[1]["text"]


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"])
def test_utf16_and_utf32_boms(tmp_path: Path, codec: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("\ufeff".encode(codec) + AR_TEXT.encode(codec))
    assert one_article(f).text == AR_TEXT
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(("\ufeff" + json.dumps({"text": EN_TEXT}) + "\n").encode(codec))
    assert one_article(feed).text == EN_TEXT


# --- one bad entry never aborts the batch ------------------------------------------------------


def test_symlink_loops_inside_a_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)  # a loop through a folder
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")  # ELOOP
    (tmp_path / "selfdir").symlink_to(tmp_path / "selfdir")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "z.txt").write_text(AR_TEXT, encoding="utf-8")
    items = read(tmp_path)
    articles = [i for i in items if isinstance(i, Article)]
    assert docs(articles) == [real(tmp_path / "sub" / "a.txt"), real(tmp_path / "z.txt")]
    reasons = {os.path.basename(i.doc): i.reason for i in items if isinstance(i, Failure)}
    assert reasons == {
        "gone.txt": "broken symbolic link",
        "self.txt": "cannot read: symbolic link loop",
        "selfdir": "cannot read: symbolic link loop",
    }
    unreadable: list[str] = []
    assert folder_file_names(tmp_path, unreadable) == docs(articles)
    assert sorted(os.path.basename(u) for u in unreadable) == ["gone.txt", "self.txt", "selfdir"]


def test_symlinked_folder_is_followed_once(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "l1").symlink_to(outside, target_is_directory=True)
    (root / "l2").symlink_to(outside, target_is_directory=True)
    assert docs(read(root)) == [real(outside / "a.txt")]
    assert docs(read(root, outside / "a.txt", root / "l2" / "a.txt")) == [real(outside / "a.txt")]


def test_file_name_not_utf8(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as fh:
        fh.write(EN_TEXT.encode("utf-8"))
    (tmp_path / "ok.txt").write_text(AR_TEXT, encoding="utf-8")
    items = read(tmp_path)
    bad, ok = items
    assert isinstance(bad, Failure) and bad.reason == "file name is not valid UTF-8"
    assert bad.doc.encode("utf-8") and bad.doc.endswith("caf\\xe9.txt")
    assert isinstance(ok, Article) and ok.text == AR_TEXT
    named = one_failure(os.fsdecode(raw))
    assert named.doc == bad.doc and "not valid UTF-8" in named.reason
    unreadable: list[str] = []
    assert folder_file_names(tmp_path, unreadable) == [real(tmp_path / "ok.txt")]
    assert unreadable == [bad.doc]


def test_jsonl_lone_surrogate_nesting_and_big_numbers(tmp_path: Path) -> None:
    f = tmp_path / "feed.jsonl"
    lines = [
        '{"text": "\\ud800 said the minister"}',
        '{"text": "ok", "title": "\\udfff"}',
        "[" * 100_000 + "]" * 100_000,
        '{"text": "big", "n": ' + "9" * 5000 + "}",
        json.dumps({"text": EN_TEXT}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    surrogate, title, deep, big, ok = read(f)
    assert isinstance(surrogate, Failure) and "lone surrogate" in surrogate.reason and '"text"' in surrogate.reason
    assert isinstance(title, Failure) and "lone surrogate" in title.reason and '"title"' in title.reason
    assert isinstance(deep, Failure) and "nested too deep" in deep.reason and deep.reason.startswith("line 3")
    assert isinstance(big, Failure) and "invalid JSON" in big.reason
    assert isinstance(ok, Article) and ok.text == EN_TEXT


def test_jsonl_line_separator_inside_a_string_is_not_a_line_break(tmp_path: Path) -> None:
    text = "قال الوزير\u2028إن القوات ستبقى\u2029The minister said troops would stay."
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"text": text}, ensure_ascii=False) + "\n" + json.dumps({"text": EN_TEXT}), encoding="utf-8")
    first, second = read(f)
    assert isinstance(first, Article) and first.text == text
    assert isinstance(second, Article) and second.line == 2


def test_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "open.txt").write_text(AR_TEXT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: str) -> object:  # chmod 000 does not stop root, so refuse here
        if os.path.basename(path) == "locked":
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    locked, opened = read(tmp_path)
    assert isinstance(locked, Failure) and locked.doc == real(tmp_path / "locked")
    assert locked.reason == "cannot read folder: permission denied"
    assert isinstance(opened, Article)
    unreadable: list[str] = []
    assert folder_file_names(tmp_path, unreadable) == [real(tmp_path / "open.txt")]
    assert unreadable == [real(tmp_path / "locked")]


def test_file_vanishing_between_listing_and_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(EN_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(AR_TEXT, encoding="utf-8")
    real_scandir = os.scandir

    class Listing:
        def __init__(self, path: str) -> None:
            self.entries = list(real_scandir(path))
            (tmp_path / "a.txt").unlink()  # listed, then gone

        def __enter__(self) -> list[os.DirEntry[str]]:
            return self.entries

        def __exit__(self, *exc: object) -> None:
            return None

        def __iter__(self) -> Iterator[os.DirEntry[str]]:
            return iter(self.entries)

    monkeypatch.setattr(os, "scandir", Listing)
    gone, ok = read(tmp_path)
    assert isinstance(gone, Failure) and gone.reason == "no such file or directory"
    assert isinstance(ok, Article) and ok.text == AR_TEXT


# --- dates and limits ----------------------------------------------------------------------------


def test_jsonl_date_aliases_and_normalisation(tmp_path: Path) -> None:
    rows = [
        {"text": "a", "date": "2021/07/26"},
        {"text": "b", "published_at": "2021-07-26T10:00:00Z"},
        {"text": "c", "datePublished": "Mon, 26 Jul 2021 10:00:00 +0000"},
        {"text": "d", "published": "20210726", "date": "1999-01-01"},
        {"text": "e", "published": "الاثنين الماضي"},
        {"text": "f", "published": None, "date": "26 July 2021"},
        {"text": "g", "published": "2021-02-30"},
    ]
    f = tmp_path / "feed.jsonl"
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    items = read(f)
    assert all(isinstance(i, Article) for i in items)
    assert [i.published for i in items] == [
        "2021-07-26",
        "2021-07-26T10:00:00Z",
        "2021-07-26T10:00:00+00:00",
        "2021-07-26",
        "الاثنين الماضي",
        "2021-07-26",
        "2021-02-30",
    ]
    assert normalize_date(" 2021-07-26 ") == "2021-07-26"


def test_character_limit_is_the_binding_one(tmp_path: Path) -> None:
    assert MAX_CHARS == 1_000_000 and DEFAULT_MAX_BYTES > 2 * MAX_CHARS
    f = tmp_path / "long.txt"
    f.write_text("قال " * 250_001, encoding="utf-8")  # 1,000,004 characters, about 1.75 MB
    fail = one_failure(f)
    assert fail.reason == "too long: 1,000,004 characters; the limit is 1,000,000"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "word " * 20}) + "\n" + json.dumps({"text": "short"}) + "\n", encoding="utf-8")
    long_line, ok = read(feed, max_chars=50)
    assert isinstance(long_line, Failure) and long_line.reason == "line 1: too long: 100 characters; the limit is 50"
    assert isinstance(ok, Article)


def test_jsonl_with_utf8_bom_still_decodes_line_by_line(tmp_path: Path) -> None:
    good = json.dumps({"text": AR_TEXT}, ensure_ascii=False).encode("utf-8")
    f = tmp_path / "feed.jsonl"
    f.write_bytes(b"\xef\xbb\xbf" + good + b"\n" + b'{"text": "\xff"}\n')
    first, bad = read(f)
    assert isinstance(first, Article) and first.text == AR_TEXT
    assert isinstance(bad, Failure) and bad.reason == f"line 2: invalid UTF-8 at byte {3 + len(good) + 1 + 10}"
