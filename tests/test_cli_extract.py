"""The `factrack extract` command: formats, failures on stderr, exit codes.

Most tests replace the extractor with a fake (one statement per line holding a cue word) so they
test the command, not the extraction; one slow test runs the real extractor end to end.
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factrack.cli import app
from factrack.ingest import read_articles
from factrack.records import Article, Failure, Kind, Statement

AR = "عنوان الخبر\n\nوقال الوزير إن القوات ستبقى في العراق.\n"
EN = "Headline here\n\nThe minister said troops would stay in Iraq for a long time to come.\n"
CUES = ("قال", "said")


def fake_extract(article: Article) -> list[Statement]:
    if "explode" in article.text:
        raise RuntimeError("extractor crashed")
    out = []
    pos = 0
    for line in article.text.splitlines(keepends=True):
        body = line.rstrip("\n")
        if any(cue in body for cue in CUES):
            out.append(
                Statement(
                    doc=article.doc, text=body, start=pos, end=pos + len(body), kind=Kind.INDIRECT,
                    lang=article.lang or "en", speaker="Minister", mention="the minister", cue="said",
                )
            )
        pos += len(line)
    return out


def fake_extract_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Article, list[Statement]] | Failure]:
    for item in read_articles(paths):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield item, fake_extract(item)
        except Exception as e:  # noqa: BLE001 - mirrors the contract: a crash is one Failure
            yield Failure(item.doc, f"extraction failed: {e}")


@pytest.fixture
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("factrack.extract")
    module.extract = fake_extract  # type: ignore[attr-defined]
    module.extract_paths = fake_extract_paths  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "factrack.extract", module)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    (tmp_path / "ar.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    return tmp_path


def run(*args: str):  # noqa: ANN201 - click's Result
    return CliRunner().invoke(app, ["extract", *args])


def test_jsonl_is_default_off_terminal(fake_extractor: None, articles: Path) -> None:
    result = run(str(articles))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc"] for r in rows] == [str(articles / "ar.txt"), str(articles / "en.txt")]
    for key in ("doc", "text", "start", "end", "kind", "speaker", "mention", "cue", "lang"):
        assert all(key in r for r in rows)
    ar = rows[0]
    assert ar["text"] == "وقال الوزير إن القوات ستبقى في العراق."  # not escaped
    assert AR[ar["start"] : ar["end"]] == ar["text"]
    assert ar["kind"] == "indirect" and ar["lang"] == "ar"


def test_json_is_one_array(fake_extractor: None, articles: Path) -> None:
    result = run(str(articles / "en.txt"), "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 1
    assert rows[0]["speaker"] == "Minister"


def test_csv_has_a_header_and_one_row_a_statement(fake_extractor: None, articles: Path) -> None:
    import csv
    import io

    result = run(str(articles), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["doc"] for r in rows] == [str(articles / "ar.txt"), str(articles / "en.txt")]
    assert rows[0]["text"] == "وقال الوزير إن القوات ستبقى في العراق." and rows[0]["speaker"] == "Minister"
    assert rows[0]["negated"] == "false"


def test_table_is_readable(fake_extractor: None, articles: Path) -> None:
    result = run(str(articles), "-f", "table")
    assert result.exit_code == 0
    out = result.stdout
    assert str(articles / "ar.txt") in out and "1 statement" in out
    assert "indirect" in out and "Minister" in out
    assert "The minister said troops would stay" in out


def test_failures_go_to_stderr_and_batch_goes_on(fake_extractor: None, articles: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "crash.txt").write_text("This will explode, he said.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run(str(missing), str(tmp_path))
    assert result.exit_code == 0
    err = result.stderr
    assert f"factrack: skipped {missing}: no such file or directory" in err
    assert f"factrack: skipped {tmp_path / 'bad.txt'}: binary" in err
    assert "extraction failed: extractor crashed" in err
    assert "Traceback" not in result.output
    docs = {json.loads(line)["doc"] for line in result.stdout.splitlines()}
    assert docs == {str(articles / "ar.txt"), str(articles / "en.txt")}


def test_all_inputs_failed_exits_2(fake_extractor: None, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    result = run(str(tmp_path / "empty.txt"), str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "skipped" in result.stderr and "error:" in result.stderr


def test_bad_format_is_a_usage_error(fake_extractor: None, articles: Path) -> None:
    result = run(str(articles), "--format", "xml")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_real_extractor_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("factrack.extract")
    (tmp_path / "ar.txt").write_text(
        "عنوان\n\nوقال الرئيس الأميركي جو بايدن «لن نكون مع نهاية العام في مهمة قتالية».\n", encoding="utf-8"
    )
    (tmp_path / "en.txt").write_text(
        'Headline\n\n"We will not be in a combat mission by the end of the year," President Joe Biden said.\n',
        encoding="utf-8",
    )
    result = run(str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    texts = {r["doc"]: (tmp_path / Path(r["doc"]).name).read_text(encoding="utf-8") for r in rows}
    for r in rows:
        assert texts[r["doc"]][r["start"] : r["end"]] == r["text"]
    quotes = {(Path(r["doc"]).name, r["kind"]) for r in rows if "مهمة قتالية" in r["text"] or "combat mission" in r["text"]}
    assert ("ar.txt", "direct") in quotes and ("en.txt", "direct") in quotes
