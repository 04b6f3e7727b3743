"""``factrack report``: self-contained HTML, Markdown, CSV and ClaimReview JSON-LD, with the review
marks applied, and the command's errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factrack import review
from factrack.cli import app
from factrack.commands.report import run_report
from factrack.errors import InputError
from factrack.report import build_report
from factrack.store import Store


@pytest.fixture
def db(pages_store: tuple[Path, dict[str, int]]) -> tuple[Path, dict[str, int]]:
    return pages_store


def mark(db: Path, target: str, ids: list[int], value: str, **kw: str) -> None:
    with Store.open(db, write=True) as store:
        review.set_mark(store, target, ids, value, **kw)


def claim(db: Path, sid: int) -> int:
    with Store.open(db) as s:
        return s.claim_of([sid])[sid]


def test_html_is_self_contained_escaped_and_applies_marks(db: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    path, ids = db
    bread = claim(path, ids["fathy"])
    mark(path, "contradiction", [bread, bread], "false_positive")
    kirby, hussein = claim(path, ids["kirby"]), claim(path, ids["hussein_3500"])
    mark(path, "contradiction", [kirby, hussein], "confirmed", reviewer="Mona", note="Iraqi figure")
    summary = run_report(tmp_path / "r.html", "html", db=path, min_score=0.0)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert summary.bytes == len(html.encode()) and summary.contradictions == 1
    # nothing fetched: no external stylesheet, script, image or font
    assert "<style>" in html and not re.search(r"<(link|script|img|iframe)\b", html) and "@import" not in html
    assert "url(" not in html
    assert "number differs: 2,500 vs 3500 (troops)" in html and "mark-confirmed" in html and "Iraqi figure" in html
    assert "Ali Mansour denies" not in html  # the false positive is left out
    assert "حوالي 3500 جندي أمريكي" in html and 'dir="auto"' in html
    assert "<b>Evil</b>" not in html and "&lt;b&gt;Evil&lt;/b&gt;" in html  # markup from articles is text
    assert "Fuad Hussein" in html and "فؤاد حسين" in html  # speakers with aliases


def test_markdown_and_csv(db: tuple[Path, dict[str, int]]) -> None:
    path, ids = db
    with Store.open(path) as store:
        md, _ = build_report(store, "md", min_score=0.0)
        text, _ = build_report(store, "csv", min_score=0.0)
    assert md.startswith("# factrack report") and "## Top contradictions (2)" in md
    assert "Ali Mansour denies what Samir Fathy asserts" in md and "| Fuad Hussein | فؤاد حسين | 3 |" in md
    # the claim with two sources comes first among claims
    first_row = md.split("## Claims with the most sources")[1].splitlines()[4]
    assert first_row.startswith(f"| #{claim(path, ids['fathy'])} |")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2 and rows[0]["kind"] == "stance" and float(rows[0]["score"]) == pytest.approx(0.95)
    assert {rows[1]["a_text"], rows[1]["b_text"]} == {"about 2,500 US troops are in Iraq now",
                                                      "حوالي 3500 جندي أمريكي موجودون في العراق الآن"}
    assert rows[0]["review"] == ""


def test_claimreview_has_the_required_fields(db: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    path, ids = db
    bread = claim(path, ids["fathy"])
    mark(path, "claim", [bread], "needs_checking", reviewer="Omar", note="weigh a loaf")
    mark(path, "statement", [ids["kirby"]], "confirmed", reviewer="Mona")
    r = CliRunner().invoke(app, ["report", "--db", str(path), "--out", str(tmp_path / "cr.json"),
                                 "--format", "claimreview", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["claims"] == 2
    reviews = json.loads((tmp_path / "cr.json").read_text(encoding="utf-8"))
    assert len(reviews) == 2
    for cr in reviews:
        assert cr["@context"] == "https://schema.org" and cr["@type"] == "ClaimReview"
        assert cr["claimReviewed"]
        assert cr["itemReviewed"]["@type"] == "Claim" and cr["itemReviewed"]["author"]["@type"] == "Person"
        assert cr["itemReviewed"]["author"]["name"] and cr["itemReviewed"]["datePublished"]
        rating = cr["reviewRating"]
        assert rating["@type"] == "Rating" and rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert cr["author"]["@type"] == "Person" and re.fullmatch(r"\d{4}-\d\d-\d\d", cr["datePublished"])
    by_mark = {cr["reviewRating"]["alternateName"]: cr for cr in reviews}
    bread_cr = by_mark["needs_checking"]
    assert bread_cr["claimReviewed"] == "the loaf's weight has changed since January"
    assert bread_cr["itemReviewed"]["author"]["name"] == "Samir Fathy"  # who asserts it, not who denies it
    assert bread_cr["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": "https://example.org/bread"}]
    assert bread_cr["author"]["name"] == "Omar" and bread_cr["reviewBody"] == "weigh a loaf"
    kirby_cr = by_mark["confirmed"]
    assert kirby_cr["itemReviewed"]["author"]["name"] == "John Kirby" and kirby_cr["reviewRating"]["ratingValue"] == 3
    assert kirby_cr["itemReviewed"]["datePublished"] == "2026-04-02"


def test_filters_and_errors(db: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    path, _ = db
    with Store.open(path) as store:
        _, data = build_report(store, "md", min_score=0.0, speaker="Kirby")
        assert [r.kind for r in data.contradictions] == ["claims"] and [s[0] for s in data.speakers] == ["John Kirby"]
        _, data = build_report(store, "md", min_score=0.0, since="2026-04-01")
        assert [r.kind for r in data.contradictions] == ["claims"]
        _, data = build_report(store, "md", min_score=0.0, reviewed=True)
        assert data.contradictions == [] and data.claims == []
        with pytest.raises(InputError, match="unknown report format"):
            build_report(store, "pdf")
        with pytest.raises(InputError, match="ISO date"):
            build_report(store, "md", since="March")
    r = CliRunner().invoke(app, ["report", "--db", str(tmp_path / "none"), "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 4 and "no store" in r.output
    r = CliRunner().invoke(app, ["report", "--db", str(path), "--out", str(tmp_path / "no" / "dir" / "x.md"), "-f", "md"])
    assert r.exit_code == 2 and "cannot write" in r.output
    r = CliRunner().invoke(app, ["report", "--db", str(path), "--out", str(tmp_path / "x.md"), "-f", "md"])
    assert r.exit_code == 0 and "wrote" in r.output and (tmp_path / "x.md").stat().st_size > 0
