"""The kill -9 harness (scripts/kill_harness.py): its comparison of stores, and a short run of it
on a small corpus through the real CLI (slow: each index run loads spaCy)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("kill_harness", ROOT / "scripts" / "kill_harness.py")
assert _spec and _spec.loader
kh = importlib.util.module_from_spec(_spec)
sys.modules["kill_harness"] = kh
_spec.loader.exec_module(kh)

# a small corpus: both languages, a claims story (contradictions to score), 10 articles
SMALL = [
    "biden-kadhimi-white-house-en.txt", "egypt-inflation-ar.txt", "egypt-inflation-en.txt",
    "iraq-troop-numbers-en.txt", "kadhimi-washington-ar.txt", "pentagon-kirby-ar.txt",
    "claims/damascus-bread-daily-ar.txt", "claims/damascus-bread-weekly-en.txt",
    "claims/gabes-plant-daily-ar.txt", "claims/gabes-plant-wire-en.txt",
]


def _snapshot() -> kh.Snapshot:
    a, b, c = ("a.txt", 0, 10), ("a.txt", 20, 30), ("b.txt", 5, 9)
    return kh.Snapshot(
        articles=Counter({("a.txt", "h1"): 1, ("b.txt", "h2"): 1}),
        statements=Counter({(*a, "x", "S", "direct", "asserts"): 1, (*b, "y", "S", "claim", "asserts"): 1,
                            (*c, "z", None, "indirect", "denies"): 1}),
        claims=Counter({frozenset({a, c}): 1, frozenset({b}): 1}),
        verdicts={(a, c): ("contradiction", 0.812)},
        statement_count=3,
        faiss_count=3,
    )


def test_compare_finds_nothing_between_equal_stores() -> None:
    assert kh.compare(_snapshot(), _snapshot()) == []


def test_compare_reports_each_kind_of_difference() -> None:
    ref = _snapshot()
    got = _snapshot()
    got.verdicts = {}
    got.faiss_count = 2
    got.claims = Counter({frozenset({("a.txt", 0, 10)}): 1, frozenset({("b.txt", 5, 9)}): 1, frozenset({("a.txt", 20, 30)}): 1})
    got.statements = got.statements - Counter({("b.txt", 5, 9, "z", None, "indirect", "denies"): 1}) + Counter(
        {("b.txt", 5, 9, "z", None, "indirect", "asserts"): 1})
    found = kh.compare(ref, got)
    assert any(d.startswith("verdicts: 1 of 1 missing") for d in found)
    assert any(d.startswith("faiss: 2 vectors") for d in found)
    assert any(d.startswith("claims: 1 missing") for d in found) and any(d.startswith("claims: 2 extra") for d in found)
    assert any(d.startswith("statements: 1 missing") for d in found)
    changed = _snapshot()
    changed.verdicts = {k: ("contradiction", 0.5) for k in changed.verdicts}
    assert any("changed" in d for d in kh.compare(ref, changed))


def test_docs_are_compared_relative_to_the_corpus(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    assert kh._relative(str(root / "sub" / "a.txt"), root) == "sub/a.txt"
    assert kh._relative(str((root / "feed.jsonl").resolve()) + "#3", root) == "feed.jsonl#3"
    assert kh._relative("elsewhere/b.txt", root) == "b.txt"


@pytest.fixture(scope="module")
def harness_runs(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """One harness run: a control, 3 random kills and 3 injected ones (each: kill, then finish)."""
    corpus = tmp_path_factory.mktemp("corpus")
    for name in SMALL:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "corpora" / name, corpus / name)
    work = tmp_path_factory.mktemp("stores")
    out = work / "harness.jsonl"
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "kill_harness.py"), str(corpus), "--work", str(work / "w"),
                        "--runs", "3", "--points", "after_commit:1", "before_flush", "during_scoring", "--seed", "7",
                        "--json"], capture_output=True, text=True, timeout=1500, check=False,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    out.write_text(p.stdout)
    assert p.returncode in (0, 1), p.stderr[-2000:]
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


@pytest.mark.slow
def test_harness_kills_land_and_runs_finish(harness_runs: list[dict]) -> None:
    runs = [r for r in harness_runs if "run" in r]
    assert len(runs) == 7
    control = runs[0]
    assert control["run"] == "control" and control["differences"] == []  # two uninterrupted runs agree
    injected = [r for r in runs if r["run"].startswith("at-")]
    assert len(injected) == 3 and all(r["killed"] and r["kill_rc"] == -9 for r in injected)  # every point reached
    assert all(r["finish_rc"] == 0 for r in runs)


@pytest.mark.slow
def test_a_killed_run_finished_again_equals_an_uninterrupted_one(harness_runs: list[dict]) -> None:
    bad = {r["run"]: r["differences"] for r in harness_runs if r.get("differences")}
    assert bad == {}
