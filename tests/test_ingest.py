"""Reading articles: formats, encodings, bad input, folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factrack.ingest import detect_language, read_articles
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
    assert [i.doc for i in items] == [f"{f}#{n}" for n in (1, 2, 4, 5, 6, 7)]
    first, bad, second, no_text, not_obj, bad_url = items
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
        f"{tmp_path / 'c.jsonl'}#1",
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
