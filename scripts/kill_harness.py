"""Kill -9 harness: does an index run killed at any moment, then run again to completion, leave
the same store as one uninterrupted run?

1. A reference store: one uninterrupted ``factrack index CORPUS --db REF``.
2. For each run: ``factrack index CORPUS --db RUN_i`` killed with SIGKILL, either at a random time
   (uniform between 20% and 100% of the reference run's duration) or at an injected point
   (``FACTRACK_KILL_AT=NAME:N``, see ``factrack/faults.py``); then the same command again, to
   completion. One more run, not killed (``--no-control`` to skip it), is compared the same way:
   it shows that the comparison finds nothing between two uninterrupted runs.
3. Each finished store is compared with the reference: articles (doc, hash); statements (doc,
   start, end, text, speaker, kind, polarity); claims as sets of statement keys; contradiction
   verdicts as pairs of statement keys with relation and score (3 decimals); and the FAISS file of
   the current generation holding as many vectors as there are statements.

Docs are compared relative to the corpus folder (the store may keep them as given or as absolute
paths). The real CLI runs as a subprocess (``python -m factrack``), with a fake embedder and no
pair model by default so that a run costs little more than loading spaCy.

    .venv/bin/python scripts/kill_harness.py CORPUS [--runs 10] [--points after_commit:1 before_flush ...]
        [--seed 0] [--work DIR] [--json]

Prints one line per run and the differences found; exit 0 when every run matches, 1 when any
differs, 2 when the reference run itself fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_POINTS = ("after_commit:1", "before_flush", "before_faiss_write", "during_scoring")
StatementKey = tuple[str, int, int]


@dataclass
class Snapshot:
    """What a finished store holds, keyed so that two stores built apart can be compared."""

    articles: Counter[tuple[str, str]]
    statements: Counter[tuple[Any, ...]]
    claims: Counter[frozenset[StatementKey]]
    verdicts: dict[tuple[StatementKey, StatementKey], tuple[str, float]]
    statement_count: int
    faiss_count: int | None  # vectors in the current generation's FAISS file; None when there is none


@dataclass
class Outcome:
    """One kill and re-run, and how its store differs from the reference."""

    name: str
    killed: bool  # the process died of the kill (False: it had finished first, or the point was not reached)
    kill_rc: int
    finish_rc: int
    differences: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"run": self.name, "killed": self.killed, "kill_rc": self.kill_rc, "finish_rc": self.finish_rc,
                "differences": self.differences}


def _relative(doc: str, root: Path) -> str:
    """A stored doc relative to the corpus folder ("x.jsonl#3" keeps its line), else its name."""
    path, sep, line = doc.partition("#")
    p = Path(path)
    for base in (root, root.resolve()):
        try:
            return p.relative_to(base).as_posix() + sep + line
        except ValueError:
            continue
    try:
        return p.resolve().relative_to(root.resolve()).as_posix() + sep + line
    except (ValueError, OSError):
        return p.name + sep + line


def snapshot(db: Path, root: Path) -> Snapshot:
    """Read a closed store's tables directly (no repair on open, unlike ``Store.open``)."""
    conn = sqlite3.connect(db / "store.sqlite")
    try:
        articles = Counter((_relative(d, root), h) for d, h in conn.execute("SELECT doc, hash FROM articles"))
        keys: dict[int, StatementKey] = {}
        statements: Counter[tuple[Any, ...]] = Counter()
        rows = conn.execute('SELECT id, doc, "start", "end", text, speaker, kind, polarity FROM statements')
        for sid, doc, start, end, text, speaker, kind, polarity in rows:
            keys[sid] = (_relative(doc, root), start, end)
            statements[(*keys[sid], text, speaker, kind, polarity)] += 1
        groups: dict[int, set[StatementKey]] = {}
        for sid, cid in conn.execute("SELECT statement_id, claim_id FROM claim_members"):
            groups.setdefault(cid, set()).add(keys.get(sid, ("?", sid, -1)))
        claims = Counter(frozenset(g) for g in groups.values())
        verdicts: dict[tuple[StatementKey, StatementKey], tuple[str, float]] = {}
        for a, b, relation, score in conn.execute("SELECT a_id, b_id, relation, score FROM verdicts"):
            ka, kb = sorted((keys.get(a, ("?", a, -1)), keys.get(b, ("?", b, -1))))
            verdicts[(ka, kb)] = (relation, round(float(score), 3))
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()
    return Snapshot(articles, statements, claims, verdicts, len(keys), _faiss_count(db, meta.get("generation")))


def _faiss_count(db: Path, generation: str | None) -> int | None:
    import faiss

    path = db / f"vectors-{generation or 0}.faiss"
    if not path.exists():
        return None
    return int(faiss.read_index(str(path)).ntotal)


def _counter_diff(label: str, ref: Counter, got: Counter, limit: int = 3) -> list[str]:
    missing, extra = ref - got, got - ref
    out = []
    if missing:
        out.append(f"{label}: {sum(missing.values())} missing, e.g. {_show(list(missing)[:limit])}")
    if extra:
        out.append(f"{label}: {sum(extra.values())} extra, e.g. {_show(list(extra)[:limit])}")
    return out


def _show(items: list[Any]) -> str:
    text = "; ".join(repr(sorted(i) if isinstance(i, frozenset) else i) for i in items)
    return text if len(text) < 300 else text[:297] + "..."


def compare(ref: Snapshot, got: Snapshot) -> list[str]:
    """Human-readable differences between a run's store and the reference; empty when equal."""
    out = _counter_diff("articles", ref.articles, got.articles)
    out += _counter_diff("statements", ref.statements, got.statements)
    out += _counter_diff("claims", ref.claims, got.claims)
    missing = [k for k in ref.verdicts if k not in got.verdicts]
    extra = [k for k in got.verdicts if k not in ref.verdicts]
    changed = [k for k in ref.verdicts if k in got.verdicts and ref.verdicts[k] != got.verdicts[k]]
    if missing:
        out.append(f"verdicts: {len(missing)} of {len(ref.verdicts)} missing, e.g. {_show(missing[:2])}")
    if extra:
        out.append(f"verdicts: {len(extra)} extra, e.g. {_show(extra[:2])}")
    if changed:
        k = changed[0]
        out.append(f"verdicts: {len(changed)} changed, e.g. {k}: {ref.verdicts[k]} -> {got.verdicts[k]}")
    if got.faiss_count != got.statement_count:
        out.append(f"faiss: {got.faiss_count} vectors in the current file for {got.statement_count} statements")
    return out


class Harness:
    """Runs the CLI on one corpus into fresh stores under ``work``."""

    def __init__(self, corpus: Path, work: Path, model: str, pair_model: str, timeout: float) -> None:
        self.corpus = corpus
        self.work = work
        self.model = model
        self.pair_model = pair_model
        self.timeout = timeout
        self.home = work / "home"  # an empty FACTRACK_HOME: no user speakers.json
        self.home.mkdir(parents=True, exist_ok=True)

    def command(self, db: Path) -> list[str]:
        return [sys.executable, "-m", "factrack", "index", str(self.corpus), "--db", str(db), "--model", self.model,
                "--pair-model", self.pair_model, "--json"]

    def env(self, kill_at: str | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k != "FACTRACK_KILL_AT"}
        env["FACTRACK_HOME"] = str(self.home)
        if kill_at:
            env["FACTRACK_KILL_AT"] = kill_at
        return env

    def run(self, db: Path, kill_at: str | None = None) -> tuple[int, float, str]:
        """Run to the end (or to an injected kill): (return code, seconds, stderr tail)."""
        t0 = time.perf_counter()
        p = subprocess.run(self.command(db), env=self.env(kill_at), capture_output=True, text=True,
                           timeout=self.timeout, check=False)
        return p.returncode, time.perf_counter() - t0, p.stderr[-2000:]

    def run_killed_after(self, db: Path, delay: float) -> int:
        """Start a run and SIGKILL it after ``delay`` seconds (if it is still running)."""
        p = subprocess.Popen(self.command(db), env=self.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
        return p.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="folder of articles to index")
    ap.add_argument("--runs", type=int, default=10, help="runs killed at a random time (default 10)")
    ap.add_argument("--points", nargs="*", default=list(DEFAULT_POINTS),
                    help="injected kill points NAME[:N], one run each (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--work", type=Path, help="folder for the stores (default: a temporary one, removed)")
    ap.add_argument("--model", default="fake:64", help="embedding model passed to index (default fake:64)")
    ap.add_argument("--pair-model", default="none", help="pair model passed to index (default none)")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds one index run may take")
    ap.add_argument("--control", action=argparse.BooleanOptionalAction, default=True,
                    help="also one run not killed, compared like the others (default on)")
    ap.add_argument("--json", action="store_true", help="one JSON object per run, then a summary object")
    args = ap.parse_args(argv)

    if not args.corpus.is_dir():
        print(f"kill_harness: {args.corpus} is not a folder", file=sys.stderr)
        return 2
    tmp = None
    if args.work is None:
        tmp = tempfile.TemporaryDirectory(prefix="factrack-kill-")
        args.work = Path(tmp.name)
    try:
        return _run(args)
    finally:
        if tmp is not None:
            tmp.cleanup()


def _run(args: argparse.Namespace) -> int:
    rng = random.Random(args.seed)
    h = Harness(args.corpus, args.work, args.model, args.pair_model, args.timeout)
    ref_db = args.work / "ref"
    rc, seconds, err = h.run(ref_db)
    if rc not in (0, 1):
        print(f"kill_harness: the reference run failed (exit {rc}):\n{err}", file=sys.stderr)
        return 2
    ref = snapshot(ref_db, args.corpus)
    say = (lambda o: print(json.dumps(o, ensure_ascii=False), flush=True)) if args.json else None
    if not args.json:
        print(f"reference: exit {rc}, {seconds:.1f} s, {sum(ref.articles.values())} articles, {ref.statement_count} "
              f"statements, {len(ref.claims)} claims, {len(ref.verdicts)} verdicts, faiss {ref.faiss_count}", flush=True)

    plan: list[tuple[str, float | None, str | None]] = []
    if args.control:
        plan.append(("control", None, ""))  # not killed: shows the comparison itself finds nothing
    plan += [(f"random-{i + 1}", rng.uniform(0.2, 1.0) * seconds, None) for i in range(args.runs)]
    plan += [(f"at-{p}", None, p) for p in args.points]
    outcomes: list[Outcome] = []
    for n, (name, delay, point) in enumerate(plan):
        db = args.work / f"run{n}"
        if point == "":
            kill_rc, label = 0, name
        elif point is None:
            kill_rc = h.run_killed_after(db, delay or 0.0)
            label = f"{name} (kill after {delay:.1f} s)"
        else:
            kill_rc = h.run(db, kill_at=point)[0]
            label = name
        killed = kill_rc == -signal.SIGKILL
        finish_rc, _, err = h.run(db)
        o = Outcome(label, killed, kill_rc, finish_rc)
        if finish_rc != rc:
            o.differences.append(f"the finishing run exited {finish_rc} (reference {rc}): {err.strip()[-300:]}")
        if (db / "store.sqlite").exists():
            o.differences += compare(ref, snapshot(db, args.corpus))
        else:
            o.differences.append("no store after the finishing run")
        outcomes.append(o)
        if say:
            say(o.to_dict())
        else:
            state = ("not killed" if point == "" else "killed" if killed
                     else "finished before the kill" if point is None else "point not reached")
            print(f"{label}: {state} (exit {kill_rc}), finished with exit {finish_rc}: "
                  f"{len(o.differences)} difference(s)", flush=True)
            for d in o.differences:
                print(f"    {d}", flush=True)
    bad = [o for o in outcomes if o.differences]
    if say:
        say({"runs": len(outcomes), "killed": sum(o.killed for o in outcomes), "with_differences": len(bad)})
    else:
        print(f"{len(outcomes)} run(s), {sum(o.killed for o in outcomes)} killed, {len(bad)} with differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
