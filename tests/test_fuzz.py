"""Fuzz tests (issue 12): random and adversarial input through the extractor and the CLI.

Extractor: texts mixing Arabic (and, in the slow part, English) news words with unbalanced quote
marks, punctuation runs, control characters, bidi marks, zero-width joiners, diacritics, long words,
numbers and empty lines. Whatever comes in, ``extract`` must not raise and every statement must
satisfy the record invariant ``article.text[s.start:s.end] == s.text`` (mentions and sentences
too). Lone surrogates are left out: no decoder in ``factrack.ingest`` produces them.

CLI: odd arguments through typer's CliRunner against a small store (fake embedder, a sentence
extractor: no model). Whatever the arguments, no Python exception may escape (``result.exception``
is None or SystemExit), no traceback may be printed, and the exit code must be a documented one.
Cases that fail on today's code are marked xfail(strict=True) one by one, so that the fix of each
shows up as an XPASS failure to be unmarked.

Fixed seeds throughout; a failing case's id is its seed.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factrack.cli import app
from factrack.embed import FakeEmbedder
from factrack.extract import extract
from factrack.index import index_paths
from factrack.records import Article
from factrack.store import Store
from tests.support import sentence_extractor

SEED = 20261202
EXIT_CODES = {0, 1, 2, 3, 4, 75}  # README: ok, some inputs failed, bad usage, model, store, locked
ROOT = Path(__file__).resolve().parent.parent

AR_WORDS = ("قال", "وقال", "أكد", "أضاف", "إن", "أن", "الرئيس", "الوزير", "المتحدث", "باسم", "الحكومة", "بحسب",
            "القوات", "الأميركية", "العراق", "ستنسحب", "نفى", "مصدر", "مسؤول", "كبير", "2500", "٢٥٠٠", "%", "في",
            "جندي", "بنهاية", "العام", "لا", "لم", "يؤكد", "وأضافت", "وزيرة", "الخارجية", "فؤاد", "حسين", "بايدن")
EN_WORDS = ("said", "told", "denied", "that", "the", "minister", "President", "Biden", "Kirby", "according", "to",
            "officials", "troops", "will", "leave", "Iraq", "by", "end", "of", "year", "2,500", "4.5%", "he", "she",
            "added", "not", "Reuters", "spokesman", "John", "a", "senior", "official", "who", "asked")
MARKS = ("«", "»", '"', "“", "”", "„", "‘", "’", "'")
ODD = ("\u200d", "\u200c", "\u200f", "\u200e", "\u202b", "\u202c", "\u2066", "\u2067", "\u2069", "\ufeff", "\u0640",
       "\u064e", "\u0651", "\t", "\r", "\x0b", "\x0c", "\x00", "\x1c", "\x1f", "\x7f", "\x85", "\u2028", "\u2029",
       "\u00a0", "\u3000", "\U0001f600", "\u0301")
PUNCT = ".,،؛:;!?؟…-–—()[]/\\*#@&"


def fuzz_text(rng: random.Random, english: bool) -> str:
    """One random article: words in runs, with marks, odd characters and breaks scattered in."""
    words = AR_WORDS + (EN_WORDS if english else ())
    parts: list[str] = []
    for _ in range(rng.randint(0, 160)):
        r = rng.random()
        if r < 0.55:
            parts.append(rng.choice(words))
        elif r < 0.70:
            parts.append(rng.choice(MARKS))
        elif r < 0.78:
            parts.append(rng.choice(ODD))
        elif r < 0.84:
            parts.append(rng.choice(PUNCT) * rng.choice((1, 2, 3, 40, 200)))
        elif r < 0.90:
            parts.append("\n" * rng.choice((1, 2, 5)))
        elif r < 0.93:
            parts.append(rng.choice(("ب", "x" if english else "ت", "٣")) * rng.choice((30, 500, 3000)))
        elif r < 0.97:
            parts.append(str(rng.choice((0, 7, 1999, 2026, 10**12, -3))) + rng.choice(("", "%", ".5", ",000")))
        else:
            parts.append(rng.choice(MARKS) + " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
                         + rng.choice(MARKS + ("",)))
    glue = rng.choice((" ", "", " ", "  "))
    return glue.join(parts)


ADVERSARIAL = {
    "empty": "",
    "spaces": "   \n\n \t ",
    "only-marks": "«»«»\"\"“”‘’''" * 20,
    "open-guillemets": "قال الوزير «" + "«" * 300 + " القوات ستنسحب",
    "never-closed": "قال الوزير «إن القوات ستنسحب\n\nوأضاف «إن الجيش جاهز\n\n«وسنبقى هنا",
    "close-before-open": "» قال الوزير « إن القوات » ستنسحب «",
    "quote-spans-paragraphs": "قال الرئيس «إن القوات\n\n«ستبقى حتى نهاية العام\n\n«وهذا نهائي»",
    "punct-run": "قال الوزير إن " + "،" * 300 + " القوات ستنسحب.",
    "long-word": "قال الوزير إن " + "ب" * 5000,
    "bidi-and-joiners": "\u202bقال\u200d الوزير\u200f «إن\u200c القوات»\u202c ستنسحب\u2069 بنهاية\ufeff العام.",
    "control-chars": "قال\x00 الوزير\x1c إن\x0b القوات\x0c «ستنسحب\x7f» بنهاية\x85 العام\u2028.",
    "diacritics-only": "\u064e\u0651\u064b" * 100,
    "tatweel-speaker": "قال ـــــ «إن القوات ستنسحب بنهاية العام»",
    "digits": "٢٥٠٠ 2500 4.5% 10,000,000 ١٩٩٩ " * 30,
    "empty-lines": "\n" * 500 + "قال الوزير إن القوات ستنسحب." + "\n" * 500,
    "cue-storm": "قال " * 400 + "إن القوات ستنسحب",
}
ADVERSARIAL_EN = {
    "en-unbalanced": 'He said "the troops will leave. She said “no. “They won\'t,” he added "',
    "en-mixed-lines": "Biden said «القوات ستنسحب» on Monday.\nقال بايدن \"troops will leave\" by the end of the year.",
    "en-cue-storm": "said " * 300 + "that troops will leave",
    "en-apostrophes": "'90s Iraq's don't '' ' ‘ ’ \"" * 40,
    "en-long-word": "The minister said that " + "x" * 5000,
}


def check(article: Article) -> None:
    """The record invariant for every statement the extractor returns."""
    text = article.text
    for s in extract(article):
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start : s.end] == s.text
        if s.mention_start is not None:
            assert s.mention_end is not None and 0 <= s.mention_start <= s.mention_end <= len(text)
        if s.sentence_start is not None:
            assert s.sentence_end is not None and 0 <= s.sentence_start <= s.sentence_end <= len(text)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_arabic_article(name: str) -> None:
    check(Article(doc=f"{name}.txt", text=ADVERSARIAL[name]))


@pytest.mark.parametrize("case", range(80))
def test_random_arabic_article(case: int) -> None:
    check(Article(doc=f"fuzz-{case}.txt", text=fuzz_text(random.Random(SEED + case), english=False)))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ADVERSARIAL_EN))
def test_adversarial_english_article(name: str) -> None:
    check(Article(doc=f"{name}.txt", text=ADVERSARIAL_EN[name]))


@pytest.mark.slow
@pytest.mark.parametrize("case", range(60))
def test_random_mixed_article(case: int) -> None:
    check(Article(doc=f"fuzz-en-{case}.txt", text=fuzz_text(random.Random(SEED + 1000 + case), english=True)))


def test_fuzz_texts_cover_what_they_claim() -> None:
    """The generator really produces the odd inputs this file is about (else the fuzz is idle)."""
    texts = [fuzz_text(random.Random(SEED + case), english=False) for case in range(80)]
    joined = "".join(texts)
    assert all(ch in joined for ch in ("«", "»", '"', "\u200d", "\u200f", "\x00", "\n\n"))
    assert not re.search("[A-Za-z]", joined)  # the fast part never loads the English pipeline
    assert max(len(t) for t in texts) > 3000 and min(len(t) for t in texts) < 50
    found = [extract(Article(doc="f.txt", text=t)) for t in texts[:20]]
    assert sum(1 for f in found if f) >= 10  # statements are found, so their offsets are really checked


# ---------------------------------------------------------------------------- CLI
runner = CliRunner()


@pytest.fixture(scope="module")
def cli_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A small store built with a fake embedder, plus a file, an empty folder and a missing one."""
    base = tmp_path_factory.mktemp("cli")
    corpus = base / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("قال الرئيس إن القوات ستنسحب بنهاية العام. وأكد الوزير أن 2500 جندي سيبقون.",
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("Oil prices rose 4% in May. The minister denied that 3000 troops would stay.",
                                  encoding="utf-8")
    db = base / "db"
    with Store.open(db, write=True) as store:
        index_paths([corpus], store, FakeEmbedder(32), extractor=sentence_extractor)
    (base / "file.txt").write_text("not a store", encoding="utf-8")
    (base / "empty").mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("factrack.index._default_extractor", lambda: sentence_extractor)
        mp.setattr("factrack.index._contradiction_hook", lambda embedder, pair_model=None, **kw: None)
        mp.setenv("FACTRACK_HOME", str(base / "home"))
        yield {"db": str(db), "corpus": str(corpus), "file": str(base / "file.txt"), "empty": str(base / "empty"),
               "missing": str(base / "missing" / "deeper"), "base": str(base)}


def assert_clean(args: list[str]) -> None:
    result = runner.invoke(app, args)
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), f"{args[:4]}: {type(exc).__name__}: {exc}"
    assert "Traceback" not in result.output
    assert result.exit_code in EXIT_CODES, (args[:4], result.exit_code, result.output[-300:])


LONG_QUERY = ("الانسحاب troops «جدول» " * 100)[:2000]
FAKE = ["--model", "fake:32", "--pair-model", "none"]

CLI_CASES = [
    pytest.param(["lookup", "", "--db", "{db}"], id="lookup-empty-query"),
    pytest.param(["lookup", LONG_QUERY, "--db", "{db}"], id="lookup-2k-query"),
    pytest.param(["lookup", LONG_QUERY, "--statements", "--db", "{db}"], id="lookup-2k-query-statements"),
    pytest.param(["lookup", 'AND OR NOT "( NEAR * ^', "--db", "{db}"], id="lookup-fts-syntax"),
    pytest.param(["lookup", "troops", "-k", "0", "--db", "{db}"], id="lookup-k-0"),
    pytest.param(["lookup", "troops", "-k", "-1", "--db", "{db}"], id="lookup-k-negative"),
    pytest.param(["lookup", "troops", "-k", "99999999999999999999", "--db", "{db}"], id="lookup-k-20-digits"),
    pytest.param(["lookup", "troops", "--since", "garbage", "--db", "{db}"], id="lookup-since-garbage"),
    pytest.param(["lookup", "troops", "--until", "2026-13-45", "--db", "{db}"], id="lookup-until-bad-date"),
    pytest.param(["lookup", "troops", "--lang", "xx", "--kind", "foo", "--db", "{db}"], id="lookup-unknown-filters"),
    pytest.param(["lookup", "troops", "--polarity", "maybe", "--db", "{db}"], id="lookup-bad-polarity"),
    pytest.param(["lookup", "troops", "--speaker", "", "--db", "{db}"], id="lookup-empty-speaker"),
    pytest.param(["lookup", "troops", "--db", "{file}"], id="lookup-db-file"),
    pytest.param(["lookup", "troops", "--db", "{missing}"], id="lookup-db-missing"),
    pytest.param(["lookup", "troops", "--db", "{empty}"], id="lookup-db-empty"),
    pytest.param(["claims", "--db", "{db}", "--", "-1"], id="claims-id-negative"),
    pytest.param(["claims", "0", "--db", "{db}"], id="claims-id-0"),
    pytest.param(["claims", "abc", "--db", "{db}"], id="claims-id-not-numeric"),
    pytest.param(["claims", "99999999999999999999", "--db", "{db}"], id="claims-id-20-digits"),
    pytest.param(["claims", "--limit", "0", "--db", "{db}"], id="claims-limit-0"),
    pytest.param(["claims", "--db", "{file}"], id="claims-db-file"),
    pytest.param(["claims", "--db", "{missing}"], id="claims-db-missing"),
    pytest.param(["claims", "--db", "{empty}"], id="claims-db-empty"),
    pytest.param(["speakers", "", "--db", "{db}"], id="speakers-empty-name"),
    pytest.param(["speakers", LONG_QUERY, "--db", "{db}"], id="speakers-2k-name"),
    pytest.param(["speakers", "--db", "{empty}"], id="speakers-db-empty"),
    pytest.param(["compare", "--db", "{db}", *FAKE, "--", "-1", "1"], id="compare-id-negative"),
    pytest.param(["compare", "123456", "1", "--db", "{db}", *FAKE], id="compare-id-absent"),
    pytest.param(["compare", "99999999999999999999", "1", "--db", "{db}", *FAKE], id="compare-id-20-digits"),
    pytest.param(["compare", "", "", *FAKE], id="compare-empty-texts"),
    pytest.param(["compare", "1", "2", "--db", "{missing}", *FAKE], id="compare-ids-db-missing"),
    pytest.param(["compare", "only one"], id="compare-one-argument"),
    pytest.param(["contradictions", "--since", "garbage", "--db", "{db}"], id="contradictions-since-garbage"),
    pytest.param(["contradictions", "--limit", "-1", "--db", "{db}"], id="contradictions-limit-negative"),
    pytest.param(["contradictions", "--limit", "99999999999999999999", "--db", "{db}"], id="contradictions-limit-20-digits"),
    pytest.param(["contradictions", "--min-score", "2", "--db", "{db}"], id="contradictions-min-score-2"),
    pytest.param(["contradictions", "--db", "{file}", "--pair-model", "none"], id="contradictions-db-file"),
    pytest.param(["contradictions", "--db", "{empty}", "--pair-model", "none"], id="contradictions-db-empty"),
    pytest.param(["extract", "{missing}"], id="extract-missing-path"),
    pytest.param(["extract", "{empty}"], id="extract-empty-folder"),
    pytest.param(["index", "{corpus}", "--db", "{file}", *FAKE], id="index-db-file"),
    pytest.param(["index", "{corpus}", "--db", "{missing}", *FAKE], id="index-db-missing-folder"),
    pytest.param(["index", "{missing}", "--db", "{base}/db2", *FAKE], id="index-missing-input"),
    pytest.param(["index", "{corpus}", "--db", "{base}/db3", "--model", "fake:abc"], id="index-bad-model"),
    pytest.param(["index", "{corpus}", "--db", "{db}", "--wait", "-1", *FAKE], id="index-wait-negative"),
    pytest.param(["reindex", "--db", "{file}", "--model", "fake:32"], id="reindex-db-file"),
    pytest.param([], id="no-command"),
    pytest.param(["frobnicate"], id="unknown-command"),
]


@pytest.mark.parametrize("args", CLI_CASES)
def test_cli_odd_arguments(args: list[str], cli_env: dict[str, str]) -> None:
    assert_clean([a.format(**cli_env) if a.startswith("{") else a for a in args])


def _odd_string(rng: random.Random) -> str:
    """A command-line string: random words, marks, odd characters (no NUL: argv cannot hold one)."""
    text = fuzz_text(rng, english=True).replace("\x00", "")
    return text[: rng.choice((0, 1, 10, 200, 2000))]


@pytest.mark.parametrize("case", range(30))
def test_cli_random_queries(case: int, cli_env: dict[str, str]) -> None:
    rng = random.Random(SEED + 5000 + case)
    db = cli_env["db"]
    assert_clean(["lookup", _odd_string(rng), "--db", db, "-k", str(rng.randint(1, 50))])
    assert_clean(["lookup", _odd_string(rng), "--statements", "--db", db, "-f", "jsonl"])
    assert_clean(["speakers", _odd_string(rng), "--db", db])
    assert_clean(["lookup", "troops", "--since", _odd_string(rng)[:12] or "x", "--db", db])
    assert_clean(["claims", "--db", db, "--", str(rng.randint(-10**6, 10**6))])


def test_cli_huge_k_does_not_abort_the_process(cli_env: dict[str, str]) -> None:
    def limit_memory() -> None:  # fail the big allocation at once instead of paging in gigabytes first
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    p = subprocess.run([sys.executable, "-m", "factrack", "lookup", "troops", "-k", "100000000", "--db", cli_env["db"]],
                       capture_output=True, text=True, timeout=120, check=False, preexec_fn=limit_memory,
                       env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "FACTRACK_HOME": cli_env["base"],
                            "OMP_NUM_THREADS": "1"})
    assert "Traceback" not in p.stderr
    assert p.returncode in EXIT_CODES, (p.returncode, p.stderr[-300:])
