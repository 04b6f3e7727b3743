"""The README's cron line, run as cron would run it (a shell, stdout and stderr appended to two
logs), and the exit codes it documents."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The CLI with extraction and scoring replaced by fast stand-ins: this is about the job's contract.
LAUNCHER = """
import sys
sys.path.insert(0, {repo!r})
import factrack.index as ix
from tests.support import sentence_extractor
ix._default_extractor = lambda: sentence_extractor
from factrack.cli import app
app(sys.argv[1:], prog_name="factrack")
"""


def cron_command() -> list[str]:
    """The command of the README's cron line (after the five time fields), as words."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```cron\n(.+?)\n```", readme, re.S)
    assert block, "the README shows a cron line"
    return shlex.split(block.group(1))[5:]


def run_cron(tmp_path: Path, news: Path, db: Path) -> tuple[int, list[dict], str]:
    words = cron_command()
    out_at, err_at = words.index(">>"), words.index("2>>")
    args = words[1:out_at]
    args[args.index("/srv/news")] = str(news)
    args[args.index("/srv/factrack")] = str(db)
    args += ["--model", "fake:32", "--pair-model", "none"]
    launcher = tmp_path / "factrack_cli.py"
    launcher.write_text(LAUNCHER.format(repo=str(REPO)), encoding="utf-8")
    log, err = tmp_path / Path(words[out_at + 1]).name, tmp_path / Path(words[err_at + 1]).name
    line = " ".join(shlex.quote(w) for w in [sys.executable, str(launcher), *args]) + f" >> {log} 2>> {err}"
    code = subprocess.run(["sh", "-c", line], timeout=300).returncode
    rows = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    return code, rows, err.read_text(encoding="utf-8") if err.exists() else ""


@pytest.fixture
def news(tmp_path: Path) -> Path:
    n = tmp_path / "news"
    n.mkdir()
    (n / "a.txt").write_text("US forces will leave Iraq by the end of the year.", encoding="utf-8")
    (n / "b.txt").write_text("قال الوزير إن القوات ستنسحب.", encoding="utf-8")
    return n


def test_the_readme_cron_line_logs_a_summary_a_monitor_can_read(tmp_path: Path, news: Path) -> None:
    db = tmp_path / "db"
    code, rows, err = run_cron(tmp_path, news, db)
    assert code == 0, err
    (summary,) = rows
    assert summary["articles_added"] == 2 and summary["failed"] == []
    assert summary["started"].endswith("+00:00") and summary["finished"] >= summary["started"]
    assert summary["store"] == str(db) and summary["model"] == "fake-32"
    for key in ("seconds", "statements_added", "claims_started", "contradictions_added", "still_to_score"):
        assert key in summary

    # bad inputs up to --max-failed: still 0, the reasons in the summary and in the error log
    for n in range(3):
        (news / f"bad{n}.txt").write_bytes(b"\x00\x01\x02 binary")
    code, rows, err = run_cron(tmp_path, news, db)
    assert code == 0 and len(rows[-1]["failed"]) == 3 and "binary" in err

    # more than --max-failed (5 in the README): exit 1, the good articles still indexed
    for n in range(3, 6):
        (news / f"bad{n}.txt").write_bytes(b"\x00\x01\x02 binary")
    (news / "c.txt").write_text("Exports fell by 20 percent.", encoding="utf-8")
    code, rows, _ = run_cron(tmp_path, news, db)
    assert code == 1 and rows[-1]["articles_added"] == 1 and len(rows[-1]["failed"]) == 6


def test_exit_codes_for_nothing_readable_and_a_store_problem(tmp_path: Path, news: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, rows, _ = run_cron(tmp_path, empty, tmp_path / "db")
    assert code == 2 and rows[-1]["articles_added"] == 0  # the summary still says what happened
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    code, rows, err = run_cron(tmp_path, news, not_a_folder)
    assert code == 4 and len(rows) == 1 and "Traceback" not in err and "is a file" in err  # no summary added
