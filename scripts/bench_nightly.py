"""The nightly job on a synthetic corpus: first run, no-change re-run, killed-and-resumed, 1% new.

    .venv/bin/python scripts/bench_nightly.py --articles 2000               # real extraction, bundled e5
    .venv/bin/python scripts/bench_nightly.py --articles 2000 --pair-model clean
    .venv/bin/python scripts/bench_nightly.py --articles 200 --model fake:384   # the job's own overhead

Articles are made from the bundled corpora's paragraphs (3-6 drawn per article, with their figures
changed, so extraction meets real news prose in both languages and no two articles are the same),
written as .txt files under a temporary folder. Every run is the real CLI (`factrack index ...
--format json`) in a subprocess, timed from outside. The killed run is a `kill -9` at half the
first run's duration; the resumed store is then compared with the first run's store (articles,
statements, claims, verdicts). Figures go into docs/store.md ("The nightly job").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FACTRACK = [sys.executable, "-c", "from factrack.cli import app; app(prog_name='factrack')"]


def paragraphs() -> list[str]:
    """Paragraphs of the bundled plain-text articles (titles left out)."""
    out = []
    for f in sorted((ROOT / "corpora").rglob("*.txt")):
        lines = [line.strip() for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        out += [line for line in lines[1:] if len(line) > 60]
    return out


def make_corpus(folder: Path, n: int, seed: int = 0, start: int = 0) -> None:
    rng = random.Random(seed + start)
    paras = paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        picked = rng.sample(paras, rng.randint(3, 6))
        text = "\n\n".join(re.sub(r"\d+", lambda m: str(rng.randint(2, 9) * 10 ** (len(m.group()) - 1)), p)
                           for p in picked)
        (folder / f"{i:05d}.txt").write_text(f"Synthetic article {i}\n\n{text}\n", encoding="utf-8")


def index(corpus: Path, db: Path, args: argparse.Namespace, kill_after: float | None = None) -> tuple[float, dict]:
    cmd = [*FACTRACK, "index", str(corpus), "--db", str(db), "--json", "--model", args.model,
           "--pair-model", args.pair_model]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            return time.perf_counter() - t0, {"killed": True}
    out, _ = proc.communicate()
    seconds = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"index exited {proc.returncode}")
    return seconds, json.loads(out)


def contents(db: Path) -> dict[str, object]:
    """What a build ends with, independent of statement ids."""
    with sqlite3.connect(db / "store.sqlite") as conn:
        key = {i: (Path(d).name, s, e) for i, d, s, e in conn.execute('SELECT id, doc, "start", "end" FROM statements')}
        verdicts = sorted((tuple(sorted((key[a], key[b]))), r, round(sc, 4))
                          for a, b, r, sc in conn.execute("SELECT a_id, b_id, relation, score FROM verdicts"))
        claims: dict[int, list] = {}
        for sid, cid in conn.execute("SELECT statement_id, claim_id FROM claim_members"):
            claims.setdefault(cid, []).append(key[sid])
        return {"statements": sorted(key.values()), "verdicts": verdicts,
                "claims": sorted(sorted(v) for v in claims.values()),
                "unscored": conn.execute("SELECT count(*) FROM unscored").fetchone()[0]}


def row(name: str, seconds: float, s: dict) -> str:
    if s.get("killed"):
        return f"| {name} | {seconds:.1f} s | killed (kill -9) |"
    return (f"| {name} | {seconds:.1f} s | {s['articles_added']} added, {s['changed']} changed, {s['unchanged']} "
            f"unchanged, {len(s['failed'])} failed | {s['statements_added']} statements, "
            f"{s['contradictions_added']} contradictions |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--model", default="e5-small")
    ap.add_argument("--pair-model", default="none")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db, db2 = Path(tmp) / "news", Path(tmp) / "db", Path(tmp) / "db2"
        make_corpus(corpus, args.articles, args.seed)
        print(f"{args.articles} articles, model {args.model}, pair model {args.pair_model}")
        print("| run | wall | articles | added |\n|---|---|---|---|")
        first_s, first = index(corpus, db, args)
        print(row("first run", first_s, first), flush=True)
        print(row("no-change re-run", *index(corpus, db, args)), flush=True)
        reference = contents(db)
        print(row("killed at half the first run's time", *index(corpus, db2, args, kill_after=first_s / 2)), flush=True)
        with sqlite3.connect(db2 / "store.sqlite") as conn:
            kept = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"| (articles the killed run kept) | | {kept} | |")
        print(row("resumed", *index(corpus, db2, args)), flush=True)
        make_corpus(corpus, max(1, args.articles // 100), args.seed, start=args.articles)
        print(row("1% new", *index(corpus, db, args)), flush=True)
        resumed = contents(db2)
        diff = {k: "same" if resumed[k] == reference[k] else "DIFFERENT" for k in reference}
        print(f"killed-and-resumed store vs uninterrupted store: {diff}")

if __name__ == "__main__":
    main()
