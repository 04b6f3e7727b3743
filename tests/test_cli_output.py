"""The command line's shared behaviour: one --format everywhere (csv included), --version, show,
compare by id, dates, query limits, huge ids, --db help, Arabic table cells. A hand-made store
(fake embedder, so lookups load no model) with Arabic and English speakers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factrack import claims as cl
from factrack import cli
from factrack.cli import app
from factrack.compare import scorer_fingerprint
from factrack.embed import FakeEmbedder
from factrack.records import Article, Kind, Polarity, Statement
from factrack.store import Store

runner = CliRunner()
EMB = FakeEmbedder(32)
ISOLATES = "\u2068\u2069"

# (doc, text, speaker, polarity, source, published, url)
ROWS = [
    ("a.txt", "US combat forces will leave Iraq by the end of the year", "Joe Biden", Polarity.ASSERTS,
     "Reuters", "2021-07-26", "https://example.com/a"),
    ("b.txt", "القوات الأمريكية ستنسحب من العراق بنهاية العام", "مصطفى الكاظمي", Polarity.ASSERTS,
     "الجزيرة", "2021-07-27", None),
    ("c.txt", "US combat forces will not leave Iraq by the end of the year", "محمّد الحلبوسي", Polarity.ASSERTS,
     None, None, None),
]
REASONS = ["negation flipped on 'leave': will leave vs will not leave", "similarity 0.91"]


def plain(text: str) -> str:
    return text.translate({ord(c): None for c in ISOLATES})


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "db"
    with Store.open(path, write=True) as store:
        store.set_model(EMB.name, EMB.dim)
        ids = []
        for doc, text, speaker, polarity, source, published, url in ROWS:
            lang = "ar" if any("\u0600" <= ch <= "\u06ff" for ch in text) else "en"
            st = Statement(doc=doc, text=text, start=0, end=len(text), kind=Kind.DIRECT, lang=lang, speaker=speaker,
                           polarity=polarity)
            got, _ = store.put_article(Article(doc=doc, text=text, source=source, published=published, url=url),
                                       [st], EMB.embed([text]))
            ids += got
        store.flush()
        cl.assign(store)
        store.put_verdicts([(ids[0], ids[2], "contradiction", 0.9, REASONS, "test")], scored=ids)
        store.set_scoring({"pair_model": None, "nli_model": None}, scorer_fingerprint(model_name=EMB.name))
    return str(path)


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


# ---------------------------------------------------------------------------- --format everywhere
@pytest.mark.parametrize("command", [
    ["lookup", "combat forces leave Iraq", "--statements"],
    ["lookup", "combat forces leave Iraq"],
    ["claims", "--min-statements", "1"],
    ["speakers"],
    ["speakers", "Joe Biden"],
    ["contradictions", "--min-score", "0.5", "--statements"],
    ["show", "1"],
])
def test_every_listing_prints_json_jsonl_and_csv_alike(db: str, command: list[str]) -> None:
    records = {}
    for fmt in ("json", "jsonl", "csv"):
        r = invoke(*command, "--db", db, "--format", fmt)
        assert r.exit_code == 0, r.output
        records[fmt] = r.stdout
    js = json.loads(records["json"])
    js = js if isinstance(js, list) else [js]
    lines = [json.loads(line) for line in records["jsonl"].splitlines()]
    rows = list(csv.DictReader(io.StringIO(records["csv"])))
    assert js and js == lines
    assert len(rows) == len(lines)
    first = cli.flatten(lines[0])
    assert set(rows[0]) == set(first) and rows[0] == first  # every column, nested ones dotted


def test_csv_flattens_nested_fields_and_keeps_arabic(db: str) -> None:
    r = invoke("contradictions", "--db", db, "--min-score", "0.5", "--statements", "--format", "csv")
    row = next(csv.DictReader(io.StringIO(r.stdout)))
    assert row["a.speaker"] == "Joe Biden" and row["b.speaker"] == "محمّد الحلبوسي"
    assert row["reasons"] == "; ".join(REASONS)
    r = invoke("speakers", "--db", db, "--format", "csv")
    assert r.stdout.splitlines()[0] == "name,aliases,count"
    assert "مصطفى الكاظمي" in r.stdout


def test_flatten_and_empty_csv() -> None:
    assert cli.flatten({"a": {"id": 1, "tags": ["x", "y"]}, "ok": True, "none": None, "members": [{"id": 2}]}) == {
        "a.id": "1", "a.tags": "x; y", "ok": "true", "none": "", "members": '[{"id": 2}]'}


def test_empty_results_in_each_format(db: str) -> None:
    for fmt, want in (("json", "[]\n"), ("jsonl", ""), ("csv", "")):
        r = invoke("lookup", "combat forces", "--db", db, "--speaker", "nobody", "--format", fmt)
        assert r.exit_code == 0 and r.stdout == want, (fmt, r.stdout)
    r = invoke("lookup", "combat forces", "--db", db, "--speaker", "nobody", "--since", "2021", "--format", "table")
    assert "no matching claims" in r.stdout and "--speaker, --since" in r.stdout
    r = invoke("speakers", "nobody", "--db", db, "--format", "table")
    assert "no statements by nobody" in r.stdout and "factrack speakers" in r.stdout


def test_index_and_compare_keep_json_as_an_alias(tmp_path: Path) -> None:
    a, b = "US forces will leave Iraq", "US forces will not leave Iraq"
    r1 = invoke("compare", a, b, "--model", "fake", "--json")
    r2 = invoke("compare", a, b, "--model", "fake", "--format", "json")
    assert r1.exit_code == 0 and json.loads(r1.stdout) == json.loads(r2.stdout)
    r = invoke("compare", a, b, "--model", "fake", "--json", "--format", "csv")
    assert r.exit_code == 2 and "disagree" in r.stderr
    r = invoke("compare", a, b, "--model", "fake", "--format", "csv")
    row = next(csv.DictReader(io.StringIO(r.stdout)))
    assert row["a.text"] == a and row["relation"]
    r = invoke("index", "--help")
    assert "--format" in r.stdout and "--json" in r.stdout


# ---------------------------------------------------------------------------- --version
def test_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    import factrack

    r = invoke("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"factrack {version('factrack')}"
    assert factrack.__version__ == version("factrack")


# ---------------------------------------------------------------------------- show
def test_show_a_statement_with_its_claim_and_contradiction(db: str) -> None:
    r = invoke("show", "1", "--db", db, "--format", "json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["type"] == "statement" and d["id"] == 1 and d["speaker"] == "Joe Biden"
    assert d["location"] == f"a.txt:0-{len(ROWS[0][1])}" and d["url"] == "https://example.com/a"
    assert d["claim"]["id"] and d["claim"]["stance"] == "for"
    (c,) = d["contradictions"]
    assert c["other"]["id"] == 3 and c["other"]["speaker"] == "محمّد الحلبوسي" and c["reasons"] == REASONS
    r = invoke("show", "#3", "--db", db, "--format", "table")
    out = plain(r.stdout)
    assert r.exit_code == 0 and "statement #3" in out and "محمّد الحلبوسي" in out
    assert "A #1 Joe Biden" in out and "B #3" in out and "(this one)" in out
    assert "negation flipped" in out and "c.txt:0-" in out


def test_show_a_claim(db: str) -> None:
    cid = json.loads(invoke("show", "1", "--db", db, "--format", "json").stdout)["claim"]["id"]
    for args in (["show", f"claim:{cid}"], ["show", str(cid), "--claim"]):
        r = invoke(*args, "--db", db, "--format", "json")
        assert r.exit_code == 0, r.output
        d = json.loads(r.stdout)
        assert d["type"] == "claim" and d["id"] == cid and 1 in [m["id"] for m in d["members"]]
        assert d["contradictions"] and d["contradictions"][0]["other"]["id"] == 3
    r = invoke("show", f"claim:{cid}", "--db", db, "--format", "table")
    assert f"claim #{cid}" in r.stdout and "contradictions: 1" in r.stdout


def test_show_unknown_bad_and_huge_ids(db: str) -> None:
    for ref, message in (("99", "no statement #99"), ("99999999999999999999", "no statement #99999999999999999999"),
                         ("claim:99999999999999999999", "no claim #99999999999999999999"), ("abc", "not a statement id")):
        r = invoke("show", ref, "--db", db)
        assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.output, (ref, r.output)


# ---------------------------------------------------------------------------- compare ids
def test_compare_ids_prints_both_texts_and_speakers(db: str) -> None:
    r = invoke("compare", "1", "3", "--db", db)
    assert r.exit_code == 0, r.output
    out = plain(r.stdout)
    assert "A #1 Joe Biden (asserts) | Reuters | 2021-07-26 [en]" in out
    assert "B #3 محمّد الحلبوسي" in out and ROWS[2][1] in out and ROWS[0][1] in out
    d = json.loads(invoke("compare", "1", "#3", "--db", db, "--json").stdout)
    assert d["a"]["speaker"] == "Joe Biden" and d["b"]["id"] == 3 and d["relation"]


@pytest.mark.parametrize("args", [["compare", "1", "99999999999999999999"], ["claims", "99999999999999999999"]])
def test_huge_ids_are_absent_not_a_traceback(db: str, args: list[str]) -> None:
    r = invoke(*args, "--db", db)
    assert r.exit_code == 2 and "no " in r.stderr and "99999999999999999999" in r.stderr
    assert "Traceback" not in r.output and "Overflow" not in r.output


# ---------------------------------------------------------------------------- dates
def test_since_until_accept_months_years_and_relative_forms(db: str) -> None:
    def docs(*args: str) -> set[str]:
        r = invoke("lookup", "combat forces leave Iraq", "--statements", "--db", db, "--format", "jsonl", *args)
        assert r.exit_code == 0, r.output
        return {json.loads(line)["doc"] for line in r.stdout.splitlines()}

    assert docs("--since", "2021-07") == {"a.txt", "b.txt"}  # the undated c.txt is left out
    assert docs("--until", "2021-07-26") == {"a.txt"}
    assert docs("--since", "2021", "--until", "2021") == {"a.txt", "b.txt"}
    assert docs("--since", "2021-07-27") == {"b.txt"}
    assert docs("--since", "yesterday") == set()  # accepted now; nothing that recent
    assert docs("--until", "2w") == {"a.txt", "b.txt"}
    r = invoke("lookup", "x", "--db", db, "--since", "last tuesday")
    assert r.exit_code == 2 and "YYYY-MM" in r.stderr and "7d" not in r.stderr and "Nd" in r.stderr
    r = invoke("contradictions", "--db", db, "--since", "soon", "--statements")
    assert r.exit_code == 2 and "ISO date" in r.stderr
    r = invoke("contradictions", "--db", db, "--min-score", "0.5", "--statements", "--until", "2021-07-25",
               "--format", "jsonl")
    assert r.exit_code == 0 and r.stdout == ""  # a.txt is the pair's only dated side, and it is later
    r = invoke("contradictions", "--db", db, "--min-score", "0.5", "--statements", "--until", "2021-07",
               "--format", "jsonl")
    assert len(r.stdout.splitlines()) == 1


def test_since_help_says_how_undated_articles_are_treated() -> None:
    for command in ("lookup", "contradictions", "claims", "speakers"):
        r = invoke(command, "--help")
        assert "undated" in r.stdout.lower() and "yesterday" in r.stdout, command


# ---------------------------------------------------------------------------- limits
def test_long_queries_and_huge_k_are_refused(db: str) -> None:
    r = invoke("lookup", "oil " * 400, "--db", db)
    assert r.exit_code == 2 and "1,000" in r.stderr and "Traceback" not in r.output
    r = invoke("lookup", "oil", "--db", db, "-k", "1000000000")
    assert r.exit_code == 2 and "1000" in r.output


def test_library_limits_match_the_cli() -> None:
    from factrack import search
    from factrack.errors import InputError

    assert (cli.MAX_K, cli.MAX_QUERY_CHARS) == (search.MAX_K, search.MAX_QUERY_CHARS)
    with pytest.raises(InputError, match="-k"):
        search.lookup(None, "oil", k=search.MAX_K + 1)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="-k"):
        search.lookup_claims(None, "oil", k=0)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- --db help
def test_db_help_names_the_default_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from factrack.store import default_path

    assert cli.default_store() == default_path()
    where = "".join(str(default_path()).split())
    monkeypatch.setenv("COLUMNS", "200")  # a path is one word: rich would cut it at 80 columns
    for command in ("lookup", "claims", "show", "contradictions", "speakers", "index", "reindex", "compare"):
        r = invoke(command, "--help")
        flat = "".join(r.stdout.replace("│", "").split())  # rich wraps long paths inside its box
        assert "$FACTRACK_HOME" in flat and where in flat, command
    monkeypatch.setenv("FACTRACK_HOME", str(tmp_path / "home"))
    assert cli.default_store() == default_path() == tmp_path / "home"


# ---------------------------------------------------------------------------- Arabic cells
def _columns(line: str, cells: list[str]) -> list[int]:
    """The visible column at which each cell starts on ``line``."""
    return [cli._visible(line[: line.index(c)]) for c in cells]


def test_member_rows_align_with_arabic_speakers_and_marks(monkeypatch: pytest.MonkeyPatch, db: str) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    r = invoke("claims", "--db", db, "--min-statements", "1", "--format", "json")
    ids = [c["id"] for c in json.loads(r.stdout)]
    lines = []
    for cid in ids:
        out = invoke("claims", str(cid), "--db", db, "--format", "table").stdout
        lines += [line for line in out.splitlines() if line.lstrip().startswith(("for ", "against "))]
    assert len(lines) == 3
    # the source column and the id column start at the same visible place on every row, shadda or not
    starts = {tuple(_columns(line, [" [", " #"])) for line in lines}
    assert len(starts) == 1, lines
    assert all(cli._visible(line) <= 120 for line in lines)


def test_visible_width_ignores_marks_and_isolates() -> None:
    assert cli._visible("\u2068محمّد\u2069") == 4  # the shadda takes no column
    assert cli._visible(cli._pad("محمّد", 10)) == 10
    assert cli._visible(cli._shorten("كلمة " * 30, 20)) <= 20


@pytest.mark.parametrize("columns", [80, 120])
def test_no_table_line_is_wider_than_the_terminal(monkeypatch: pytest.MonkeyPatch, db: str, columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    for command in (["lookup", "combat forces leave Iraq", "--statements"], ["lookup", "combat forces leave Iraq"],
                    ["claims", "--min-statements", "1"], ["claims", "1"], ["speakers"], ["speakers", "Joe Biden"],
                    ["contradictions", "--min-score", "0.5", "--statements"], ["contradictions", "--min-score", "0"],
                    ["show", "1"], ["show", "claim:1"], ["compare", "1", "3"]):
        r = invoke(*command, "--db", db, "--format", "table")
        assert r.exit_code == 0, (command, r.output)
        wide = [line for line in r.stdout.splitlines() if cli._visible(line) > columns]
        assert not wide, (command, wide)


def test_reindex_summary_as_json(db: str) -> None:
    r = invoke("reindex", "--db", db, "--model", "fake:32", "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == {"reembedded": len(ROWS)}


def test_claims_and_a_speakers_statements_take_dates_too(db: str) -> None:
    def ids(*args: str) -> list[int]:
        r = invoke(*args, "--db", db, "--format", "jsonl")
        assert r.exit_code == 0, r.output
        return [json.loads(line)["id"] for line in r.stdout.splitlines()]

    by_date = ids("claims", "--min-statements", "1", "--since", "2021-07-27")
    assert by_date and all(c in ids("claims", "--min-statements", "1") for c in by_date)
    assert len(by_date) < len(ids("claims", "--min-statements", "1"))  # the 26 July claim and the undated one go
    assert ids("speakers", "Joe Biden", "--until", "2021-07") == [1]
    assert ids("speakers", "Joe Biden", "--since", "2021-08") == []
    r = invoke("speakers", "--db", db, "--since", "2021")
    assert r.exit_code == 2 and "NAME" in r.stderr
    r = invoke("claims", "--db", db, "--until", "whenever")
    assert r.exit_code == 2 and "yesterday" in r.stderr
    r = invoke("speakers", "Joe Biden", "--db", db, "--since", "2021-08", "--format", "table")
    assert "no statements by Joe Biden (try without --since" in r.stdout
