"""The index, lookup, speakers and reindex commands: exit codes, formats, lock, crash recovery."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factrack.cli import app
from factrack.store import Store

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def fake_extraction(monkeypatch, sentences_by_default):
    # The CLI tests are about indexing, not extraction: one claim per sentence, no spaCy.
    monkeypatch.setattr("factrack.index._contradiction_hook", lambda embedder, pair_model=None, **kw: None)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    c.mkdir()
    (c / "a.txt").write_text("قال الرئيس إن القوات ستنسحب. وأكّد الوزير ذلك.", encoding="utf-8")
    (c / "b.txt").write_text("Oil prices rose. The minister denied it.", encoding="utf-8")
    return c


def index(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["index", *args, "--model", "fake:32"])


def test_index_json_summary_and_rerun(corpus, tmp_path):
    db = str(tmp_path / "db")
    r = index(str(corpus), "--db", db, "--json")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert (summary["articles_added"], summary["statements_added"], summary["failed"]) == (2, 4, [])
    r = index(str(corpus), "--db", db, "--json")
    assert json.loads(r.stdout)["unchanged"] == 2 and json.loads(r.stdout)["statements_added"] == 0


def test_exit_codes_for_partial_and_total_failure(corpus, tmp_path):
    db = str(tmp_path / "db")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    r = index(str(corpus), "--db", db)
    assert r.exit_code == 1 and "empty.txt" in r.stderr and "2 added" in r.stdout
    r = index(str(tmp_path / "nowhere"), "--db", db)
    assert r.exit_code == 2 and "no article could be read" in r.stderr


def test_second_writer_exits_75_with_a_message(corpus, tmp_path):
    db = tmp_path / "db"
    with Store.open(db, write=True):
        r = index(str(corpus), "--db", str(db))
    assert r.exit_code == 75
    assert "another factrack process" in r.stderr and "Traceback" not in r.output


def test_model_mismatch_is_a_clean_error(corpus, tmp_path):
    db = str(tmp_path / "db")
    index(str(corpus), "--db", db)
    r = runner.invoke(app, ["index", str(corpus), "--db", db, "--model", "fake:16"])
    assert r.exit_code == 4 and "factrack reindex" in r.stderr
    r = runner.invoke(app, ["reindex", "--db", db, "--model", "fake:16"])
    assert r.exit_code == 0 and "4 statement" in r.stdout
    r = runner.invoke(app, ["lookup", "oil", "--db", db, "--format", "jsonl", "--statements"])
    assert r.exit_code == 0 and json.loads(r.stdout.splitlines()[0])["text"] == "Oil prices rose."


def test_lookup_jsonl_and_table(corpus, tmp_path):
    db = str(tmp_path / "db")
    index(str(corpus), "--db", db)
    r = runner.invoke(app, ["lookup", "اكد الوزير", "--db", db, "-k", "1", "--format", "jsonl", "--statements"])
    assert r.exit_code == 0, r.output
    row = json.loads(r.stdout)
    assert row["text"] == "وأكّد الوزير ذلك." and row["lang"] == "ar" and row["contradicted_by"] == []
    assert {"speaker", "doc", "start", "end", "kind", "score", "polarity", "negated"} <= set(row)
    r = runner.invoke(app, ["lookup", "اكد الوزير", "--db", db, "-k", "1", "--format", "jsonl"])
    claim = json.loads(r.stdout)  # by claim: the best statement, then the claim's others
    assert claim["best"]["text"] == "وأكّد الوزير ذلك." and claim["statements"] >= 1 and "others" in claim
    r = runner.invoke(app, ["lookup", "oil prices", "--db", db, "--format", "table", "--lang", "en", "--statements"])
    assert r.exit_code == 0 and "Oil prices rose." in r.stdout and "CONTRADICTED" not in r.stdout
    with Store.open(db, write=True) as s:
        a, b = (s.statements_where("s.text = ?", [t])[0].id for t in ("Oil prices rose.", "The minister denied it."))
        s.put_verdicts([(a, b, "contradiction", 0.9, ["test"], "test")])
    r = runner.invoke(app, ["lookup", "oil prices", "--db", db, "--format", "table", "--lang", "en", "-k", "1",
                            "--statements"])
    header, first = r.stdout.splitlines()[:2]
    assert "speaker" in header and "source" in header and "score" in header
    assert first.startswith(" 1. ") and f"#{a}" in first
    assert f"CONTRADICTED by #{b}" in r.stdout
    r = runner.invoke(app, ["lookup", "oil", "--db", db, "--since", "last week"])
    assert r.exit_code == 2 and "ISO date" in r.stderr and "yesterday" in r.stderr
    r = runner.invoke(app, ["lookup", "oil", "--db", str(tmp_path / "none")])
    assert r.exit_code == 4 and "factrack index" in r.stderr


def plain(text: str) -> str:
    """Terminal text without the bidi isolates around table cells."""
    return text.replace("\u2068", "").replace("\u2069", "")


def test_speakers_lists_names_and_statements(tmp_path):
    from factrack.embed import FakeEmbedder
    from factrack.records import Article, Kind, Polarity, Statement

    emb = FakeEmbedder(32)
    with Store.open(tmp_path, write=True) as s:
        s.set_model(emb.name, emb.dim)
        s.add_speakers([("Joe Biden", ["بايدن"], None)])
        for doc, date, polarity in (("x", "2021-07-27", Polarity.DENIES), ("y", "2021-07-01", Polarity.ASSERTS)):
            text = f"statement {doc}"
            st = Statement(doc=doc, text=text, start=0, end=len(text), kind=Kind.DIRECT, lang="en", speaker="Joe Biden",
                           polarity=polarity)
            s.put_article(Article(doc=doc, text=text, published=date), [st], emb.embed([text]))
    r = runner.invoke(app, ["speakers", "--db", str(tmp_path), "--format", "jsonl"])
    assert json.loads(r.stdout) == {"name": "Joe Biden", "aliases": ["بايدن"], "count": 2}
    r = runner.invoke(app, ["speakers", "بايدن", "--db", str(tmp_path), "--format", "jsonl"])
    assert [json.loads(line)["doc"] for line in r.stdout.splitlines()] == ["y", "x"]
    r = runner.invoke(app, ["speakers", "--db", str(tmp_path), "--format", "table"])
    assert plain(r.stdout).split() == ["count", "speaker", "aliases", "2", "Joe", "Biden", "بايدن"]
    r = runner.invoke(app, ["speakers", "Biden", "--db", str(tmp_path), "--format", "table"])
    lines = plain(r.stdout).splitlines()
    assert lines[1].startswith("2021-07-01 | y | direct, asserts, en, #") and lines[2].strip() == "statement y"
    assert lines[3].startswith("2021-07-27 | x | direct, denies, en, #")
    assert "Biden denied 1 claim(s):" in lines[-2] and lines[-1].endswith("statement x")
    r = runner.invoke(app, ["speakers", "nobody", "--db", str(tmp_path), "--format", "table"])
    assert r.exit_code == 0 and "no statements by nobody" in r.stdout


CHILD = """
import sys, time
import factrack.index as ix
from factrack.records import Kind, Statement

def extract(article):  # one claim per line, a little slow so the parent can kill us mid-run
    time.sleep(0.002)
    out, pos = [], 0
    for line in article.text.split("\\n"):
        out.append(Statement(doc=article.doc, text=line, start=pos, end=pos + len(line), kind=Kind.CLAIM, lang="en"))
        pos += len(line) + 1
    return out

ix._default_extractor = lambda: extract
ix._contradiction_hook = lambda embedder, pair_model=None, **kw: None
from factrack.cli import app
app(sys.argv[1:], prog_name="factrack")
"""


def _statement_count(db: Path) -> int:
    try:
        with sqlite3.connect(db / "store.sqlite", timeout=0.1) as c:
            return int(c.execute("SELECT count(*) FROM statements").fetchone()[0])
    except sqlite3.Error:
        return 0


def test_killed_run_leaves_a_consistent_store_and_the_rerun_completes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        lines = [f"Article {n} line {j}: the figure was {n * 10 + j}." for j in range(8)]
        (corpus / f"{n:04}.txt").write_text("\n".join(lines), encoding="utf-8")
    db = tmp_path / "db"
    cmd = [sys.executable, "-c", CHILD, "index", str(corpus), "--db", str(db), "--model", "fake:32"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _statement_count(db) < 300 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    with Store.open(db) as store:  # a reader repairs in memory
        stored = store.count()
        assert 0 < stored < 3200 and store.check() == []
        per_article = store._conn.execute("SELECT count(*) FROM statements GROUP BY article_id").fetchall()
        assert {n for (n,) in per_article} == {8}  # articles are stored whole or not at all
    r = subprocess.run(cmd + ["--json"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    summary = json.loads(r.stdout)
    assert summary["unchanged"] == stored // 8 and summary["articles_added"] == 400 - stored // 8
    with Store.open(db) as store:
        assert store.count() == 3200 and store.check() == []
        assert len(list(db.glob("vectors-*.faiss"))) == 1
