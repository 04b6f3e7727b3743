"""What grouping statements into claims costs; figures go into docs/claims.md.

    .venv/bin/python scripts/bench_claims.py corpora             # index corpora/ without claims, then group
    .venv/bin/python scripts/bench_claims.py synthetic --n 10000  # grouping a 10k-statement synthetic store
    .venv/bin/python scripts/bench_claims.py lookup --n 100000    # lookup by claim vs by statement, warm store

corpora: the bundled corpora indexed into a fresh store (real extraction, bundled e5, no
contradiction scoring), then ``claims.assign`` over every statement: the two times side by side
are the index time without and with claims.
synthetic / lookup: statements in clusters of 1-5 paraphrases (384-d unit vectors at cosine 0.99
to their cluster's centre, ~0.98 to each other, texts sharing most of their Zipf-drawn words), bulk-loaded, then
grouped; ``lookup`` then times hybrid lookups by statement and by claim (p50/p95 over 200 queries).
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("bench_store", ROOT / "scripts" / "bench_store.py")
bs = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(bs)

from factrack import claims as cl  # noqa: E402
from factrack.records import Article, Kind, Statement  # noqa: E402
from factrack.search import lookup, lookup_claims  # noqa: E402
from factrack.store import Store  # noqa: E402


def corpora() -> None:
    from factrack.embed import get_embedder
    from factrack.index import index_paths

    with tempfile.TemporaryDirectory() as tmp, Store.open(tmp, write=True) as store:
        emb = get_embedder(None)
        t0 = time.perf_counter()
        summary = index_paths([str(ROOT / "corpora")], store, emb, claims=False)
        t1 = time.perf_counter()
        grouped = cl.assign(store)
        t2 = time.perf_counter()
    print(f"| corpora/ | {summary.statements_added} statements | index without claims {t1 - t0:.1f} s | "
          f"grouping {t2 - t1:.2f} s (+{100 * (t2 - t1) / (t1 - t0):.1f}%) | {grouped.started} claims, "
          f"{grouped.joined} joined |")


def clustered(path: Path, n: int, dim: int = 384, seed: int = 0) -> None:
    """A store of ``n`` statements in clusters of 1-5 paraphrases (see the module docstring)."""
    rng = np.random.default_rng(seed)
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(int(rng.integers(1, 6)))
    sizes[-1] -= sum(sizes) - n

    def items():  # type: ignore[no-untyped-def]
        k = 0
        per_article = 1000
        batch: list[tuple[str, np.ndarray]] = []
        for size in sizes:
            centre = rng.standard_normal(dim).astype(np.float32)
            centre /= np.linalg.norm(centre)
            words = [bs.WORDS[w] for w in rng.choice(len(bs.WORDS), size=12, p=bs.ZIPF)]
            for _ in range(size):
                noise = rng.standard_normal(dim).astype(np.float32)
                noise -= (noise @ centre) * centre
                noise /= np.linalg.norm(noise)
                v = 0.99 * centre + np.sqrt(1 - 0.99**2) * noise
                w = list(words)
                w[int(rng.integers(0, 12))] = bs.WORDS[int(rng.integers(0, 20_000))]
                batch.append((" ".join(w), v.astype(np.float32)))
                if len(batch) == per_article:
                    yield _article(k, batch)
                    k += 1
                    batch = []
        if batch:
            yield _article(k, batch)

    with Store.open(path, write=True) as store:
        store.set_model(f"synthetic-{dim}", dim)
        store.bulk_load(items())


def _article(k: int, batch: list[tuple[str, np.ndarray]]) -> tuple[Article, list[Statement], np.ndarray]:
    sts = [Statement(doc=f"doc{k}", text=t, start=0, end=len(t), kind=Kind.INDIRECT, lang="en",
                     speaker=f"Speaker {i % 50}") for i, (t, _) in enumerate(batch)]
    return Article(doc=f"doc{k}", text="", source="synthetic"), sts, np.stack([v for _, v in batch])


def synthetic(n: int) -> None:
    path = bs.WORK / f"claims-{n}"
    shutil.rmtree(path, ignore_errors=True)
    t0 = time.perf_counter()
    clustered(path, n)
    t1 = time.perf_counter()
    with Store.open(path, write=True) as store:
        grouped = cl.assign(store)
    t2 = time.perf_counter()
    print(f"| synthetic | {n:,} statements | bulk load {t1 - t0:.1f} s | grouping {t2 - t1:.1f} s "
          f"({n / (t2 - t1):,.0f} statements/s) | {grouped.started:,} claims, {grouped.joined:,} joined |")


def latency(n: int, queries: int = 200) -> None:
    path = bs.WORK / f"claims-{n}"
    if not (path / "store.sqlite").exists():
        synthetic(n)
    emb = bs.RandomEmbedder(384)
    with Store.open(path) as store:
        lookup_claims(store, "oil prices", embedder=emb)  # warm
        for name, fn in (("statements", lookup), ("claims", lookup_claims)):
            times = []
            for i in range(queries):
                q = f"{bs.REAL_WORDS[i % len(bs.REAL_WORDS)]} {bs.WORDS[50 + (37 * i) % 2000]}"
                t0 = time.perf_counter()
                fn(store, q, embedder=emb, k=10)
                times.append(time.perf_counter() - t0)
            p50, p95 = (1000 * np.percentile(times, p) for p in (50, 95))
            print(f"| {n:,} | lookup by {name} | p50 {p50:.1f} ms | p95 {p95:.1f} ms |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("corpora", "synthetic", "lookup"))
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    bs.WORK.mkdir(parents=True, exist_ok=True)
    {"corpora": corpora, "synthetic": lambda: synthetic(args.n), "lookup": lambda: latency(args.n)}[args.what]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
