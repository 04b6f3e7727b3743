"""The `compare` and `contradictions` commands (fake embedder; no model is loaded)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factrack.cli import app
from factrack.compare import RELATIONS
from tests.support import index_line_claims as index

runner = CliRunner()


def test_compare_json() -> None:
    r = runner.invoke(app, ["compare", "US forces will leave Iraq", "US forces will not leave Iraq", "--model", "fake", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["relation"] in RELATIONS and 0 <= d["score"] <= 1
    assert any(x.startswith("negation flipped") for x in d["reasons"])


def test_compare_text_output_arabic_english() -> None:
    r = runner.invoke(app, ["compare", "ولا يزال حوالي ٢٥٠٠ عسكري أميركي في العراق", "About 3,500 US troops are in Iraq",
                            "--model", "fake"])
    assert r.exit_code == 0, r.output
    assert "number differs: 2500 vs 3500 (troops)" in r.stdout


def test_compare_pairs_with_a_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "pairs.jsonl"
    f.write_text(
        json.dumps({"a": "Oil prices rose", "b": "انخفاض أسعار النفط"}, ensure_ascii=False) + "\n"
        "{not json\n"
        + json.dumps({"a": "x"}) + "\n"
        + json.dumps({"a": "The talks ended", "b": "The talks will continue"}) + "\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["compare", "--pairs", str(f), "--model", "fake"])
    assert r.exit_code == 1  # some lines were bad; the others were scored
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["line"] for row in rows] == [1, 2, 3, 4]
    assert "error" in rows[1] and "error" in rows[2]
    assert rows[0]["relation"] in RELATIONS and rows[3]["relation"] in RELATIONS
    assert any("opposed stance" in x for x in rows[0]["reasons"])


def test_compare_usage_errors(tmp_path: Path) -> None:
    r = runner.invoke(app, ["compare", "only one", "--model", "fake"])
    assert r.exit_code == 2 and "Traceback" not in r.output
    r = runner.invoke(app, ["compare", "--pairs", str(tmp_path / "missing.jsonl"), "--model", "fake"])
    assert r.exit_code == 2 and "cannot read" in r.output


def test_compare_ids_and_contradictions_from_store(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("US forces will leave Iraq by the end of the year\n", encoding="utf-8")
    (corpus / "b.txt").write_text("US forces will not leave Iraq by the end of the year\n", encoding="utf-8")
    db = tmp_path / "db"
    index(corpus, db)
    r = runner.invoke(app, ["compare", "1", "2", "--db", str(db), "--json"])
    assert r.exit_code == 0, r.output
    assert any(x.startswith("negation flipped") for x in json.loads(r.stdout)["reasons"])
    r = runner.invoke(app, ["compare", "1", "99", "--db", str(db)])
    assert r.exit_code == 2 and "no statement #99" in r.output
    r = runner.invoke(app, ["contradictions", "--db", str(db), "--format", "jsonl", "--min-score", "0.5", "--statements"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert rows and {rows[0]["a"]["id"], rows[0]["b"]["id"]} == {1, 2}
    r = runner.invoke(app, ["contradictions", "--db", str(db), "--format", "table", "--limit", "1", "--min-score", "0.5",
                            "--statements"])
    assert r.exit_code == 0 and "#1" in r.stdout and "negation flipped" in r.stdout
    # by claim (the default): one row, whichever way the claim judge grouped the two statements
    r = runner.invoke(app, ["contradictions", "--db", str(db), "--format", "jsonl", "--min-score", "0.5"])
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(rows) == 1 and {rows[0]["a"]["best"]["id"], rows[0]["b"]["best"]["id"]} == {1, 2}


def test_cli_listing_floor_is_the_library_default() -> None:
    from factrack import cli
    from factrack.compare import contradictions

    assert cli.DEFAULT_MIN_STRENGTH == contradictions.DEFAULT_MIN_STRENGTH
