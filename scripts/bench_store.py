"""Measure the store, the index job and lookup; figures go into docs/store.md.

    .venv/bin/python scripts/bench_store.py latency --sizes 10000,100000,1000000
    .venv/bin/python scripts/bench_store.py rerun --articles 10000
    .venv/bin/python scripts/bench_store.py throughput --sentences 1000

latency: synthetic random unit 384-d vectors (and synthetic texts for FTS) bulk-loaded through the
Store API; warm-store lookup latency (hybrid: FAISS + FTS5 + fusion + fetching rows), p50/p95;
recall@10 of the dense path against brute force; bytes on disk and resident bytes per statement.
rerun: 10k small article files in /tmp, indexed once, then the time of `factrack index` over them
again with nothing new (a fresh process, as cron would run it).
throughput: the bundled e5, statements/s of index_paths (one statement per line, so extraction
costs nothing) against bare SentenceTransformer.encode on the same sentences. Sentences come from
../shared/datasets/xnli-dev when present, else from the seed article; the script says which.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/factrack-bench"))
sys.path.insert(0, str(REPO))

from factrack.index import index_paths  # noqa: E402
from factrack.records import Article, Kind, Statement  # noqa: E402
from factrack.search import lookup  # noqa: E402
from factrack.store import Store  # noqa: E402

REAL_WORDS = ("oil army forces withdraw iraq election minister said prices rose fell percent year deal talks "
              "النفط القوات انسحاب العراق الانتخابات الوزير قال الأسعار ارتفعت انخفضت اتفاق محادثات").split()
# A news-like vocabulary: 20k words drawn with Zipf frequencies, so full-text queries match
# a realistic share of statements (a 26-word vocabulary would make every query match a third).
WORDS = [f"w{i}" for i in range(100)] + REAL_WORDS + [f"w{i}" for i in range(100, 20_000)]  # real words: middling ranks
ZIPF = 1.0 / np.arange(1, len(WORDS) + 1) ** 1.05
ZIPF /= ZIPF.sum()


class RandomEmbedder:
    """Random unit query vectors under the synthetic store's model name."""

    def __init__(self, dim: int, seed: int = 1) -> None:
        self.name, self.dim = f"synthetic-{dim}", dim
        self.rng = np.random.default_rng(seed)

    def embed(self, texts):  # type: ignore[no-untyped-def]
        v = self.rng.normal(size=(len(texts), self.dim)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def build_synthetic(path: Path, n: int, dim: int = 384, per_article: int = 1000) -> float:
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    with Store.open(path, write=True) as store:
        store.set_model(f"synthetic-{dim}", dim)
        for start in range(0, n, per_article * 20):
            with store.transaction():
                for a in range(start, min(start + per_article * 20, n), per_article):
                    m = min(per_article, n - a)
                    vecs = rng.normal(size=(m, dim)).astype(np.float32)
                    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
                    words = rng.choice(len(WORDS), size=(m, 12), p=ZIPF)
                    sts = []
                    for j in range(m):
                        text = " ".join(WORDS[w] for w in words[j]) + f" {a + j}."
                        sts.append(Statement(doc=f"doc{a}", text=text, start=0, end=len(text), kind=Kind.CLAIM,
                                             lang="en", speaker=f"Speaker {j % 50}"))
                    art = Article(doc=f"doc{a}", text="", published=f"2021-{1 + a % 12:02}-01", source="synthetic")
                    store.put_article(art, sts, vecs)
    return time.perf_counter() - t0


def latency(sizes: list[int], queries: int) -> None:
    print("| statements | index | build s | p50 ms | p95 ms | filtered p50 ms | dense recall@10 | disk B/stmt | resident B/stmt |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        path = WORK / f"store-{n}"
        shutil.rmtree(path, ignore_errors=True)
        build_s = build_synthetic(path, n)
        disk = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
        # measured in a fresh process, so resident memory is the store's alone
        r = subprocess.run([sys.executable, __file__, "_measure", str(path), str(queries)],
                           capture_output=True, text=True, check=True)
        m = json.loads(r.stdout)
        times, ftimes, recall, kind, resident = m["times"], m["ftimes"], m["recall"], m["kind"], m["resident"]
        p50, p95 = (1000 * np.percentile(times, p) for p in (50, 95))
        print(f"| {n:,} | {kind} | {build_s:.0f} | {p50:.1f} | {p95:.1f} | {1000 * np.median(ftimes):.1f} | "
              f"{recall:.2f} | {disk / n:,.0f} | {resident / n:,.0f} |", flush=True)
        if n >= 1_000_000:
            shutil.rmtree(path, ignore_errors=True)


def measure(path: Path, queries: int) -> None:
    before = rss_bytes()
    with Store.open(path) as store:
        n = store.count()
        emb = RandomEmbedder(384)
        lookup(store, "oil prices", embedder=emb)  # warm: FAISS loaded, caches filled
        resident = rss_bytes() - before
        times, ftimes = [], []
        for i in range(queries):
            # query words of middling frequency, as a person would type
            q = f"{REAL_WORDS[i % len(REAL_WORDS)]} {WORDS[50 + (37 * i) % 2000]}"
            t0 = time.perf_counter()
            lookup(store, q, embedder=emb, k=10)
            times.append(time.perf_counter() - t0)
        for i in range(max(queries // 5, 5)):
            t0 = time.perf_counter()
            lookup(store, REAL_WORDS[i % len(REAL_WORDS)], embedder=emb, k=10, speaker=f"Speaker {i % 50}")
            ftimes.append(time.perf_counter() - t0)
        # dense recall against brute force over the stored vectors
        q = RandomEmbedder(384, seed=7).embed(["q"] * 20)
        best = np.full((20, 10), -np.inf, np.float32)
        best_ids = np.zeros((20, 10), np.int64)
        for bid, vecs in store.iter_vectors(50_000):
            s = q @ vecs.T
            allsc = np.concatenate([best, s], axis=1)
            allid = np.concatenate([best_ids, np.broadcast_to(bid, s.shape)], axis=1)
            top = np.argsort(-allsc, axis=1)[:, :10]
            best, best_ids = np.take_along_axis(allsc, top, 1), np.take_along_axis(allid, top, 1)
        _, got = store.nearest(q, 10)
        recall = float(np.mean([len(set(best_ids[i]) & set(got[i])) / 10 for i in range(20)]))
        kind = "IVF" if store.is_ivf() else "exact"
    print(json.dumps({"times": times, "ftimes": ftimes, "recall": recall, "kind": kind, "resident": resident, "n": n}))


def line_extractor(article: Article) -> list[Statement]:
    out, pos = [], 0
    for line in article.text.split("\n"):
        if line.strip():
            out.append(Statement(doc=article.doc, text=line, start=pos, end=pos + len(line), kind=Kind.CLAIM,
                                 lang="en"))
        pos += len(line) + 1
    return out


def rerun(articles: int) -> None:
    from factrack.embed import FakeEmbedder

    corpus = WORK / f"rerun-corpus-{articles}"
    db = WORK / f"rerun-db-{articles}"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(db, ignore_errors=True)
    for n in range(articles):
        d = corpus / f"{n // 1000:02}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{n:05}.txt").write_text(f"Article {n}.\nThe minister said prices rose by {n % 97} percent.\n"
                                       f"Exports fell in {2000 + n % 25}.\n", encoding="utf-8")
    with Store.open(db, write=True) as store:
        first = index_paths([corpus], store, FakeEmbedder(384), extractor=line_extractor)
    cmd = [sys.executable, "-m", "factrack", "index", str(corpus), "--db", str(db), "--model", "fake:384", "--json"]
    walls = []
    for _ in range(3):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=False)
        walls.append(time.perf_counter() - t0)
        summary = json.loads(r.stdout)
        assert summary["unchanged"] == articles and summary["statements_added"] == 0, r.stdout + r.stderr
    print(f"first run (fake embedder, line extractor): {first.articles_added} articles, "
          f"{first.statements_added} statements in {first.seconds:.1f} s")
    print(f"re-run, nothing new, {articles:,} articles: wall (fresh process) median {np.median(walls):.2f} s, "
          f"min {min(walls):.2f} s; inside index_paths {summary['seconds']:.2f} s")


def sentences(n: int) -> tuple[list[str], str]:
    xnli = DATASETS / "xnli-dev"
    if (xnli / "dev-ar.tsv").exists():
        out: list[str] = []
        for name in ("dev-ar.tsv", "dev-en.tsv"):
            with open(xnli / name, encoding="utf-8") as f:
                seen = []
                for line in f:
                    p = line.split("\t")[0].strip()
                    if p and p not in seen:
                        seen.append(p)
                    if len(seen) >= n // 2:
                        break
            out += seen
        return out, "XNLI dev premises (half Arabic, half English)"
    seed = (REPO.parent / "shared" / "seed" / "iraq-combat-mission-ar.txt").read_text(encoding="utf-8")
    lines = [s.strip() for s in seed.replace(".", ".\n").splitlines() if len(s.strip()) > 20]
    return (lines * (n // max(len(lines), 1) + 1))[:n], "seed article sentences, repeated"


def throughput(n: int) -> None:
    from factrack.embed import get_embedder

    texts, origin = sentences(n)
    texts = [" ".join(t.split()) for t in texts]
    emb = get_embedder(None)
    model = emb._load()  # load (and convert) outside both timings
    model.encode(texts[:32], batch_size=32)
    t0 = time.perf_counter()
    model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
    bare = time.perf_counter() - t0
    corpus = WORK / "throughput-corpus"
    db = WORK / "throughput-db"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(db, ignore_errors=True)
    corpus.mkdir(parents=True)
    for a in range(0, len(texts), 10):
        (corpus / f"{a:05}.txt").write_text("\n".join(texts[a : a + 10]), encoding="utf-8")
    with Store.open(db, write=True) as store:
        summary = index_paths([corpus], store, emb, extractor=line_extractor)
    idx = summary.seconds
    print(f"sentences: {len(texts)} ({origin}); torch threads {os.environ.get('FACTRACK_THREADS', 'default')}")
    print(f"bare encode: {len(texts) / bare:.1f} sentences/s; index_paths: {summary.statements_added / idx:.1f} "
          f"statements/s; ratio {bare / idx * summary.statements_added / len(texts):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    lat = sub.add_parser("latency")
    lat.add_argument("--sizes", default="10000,100000")
    lat.add_argument("--queries", type=int, default=100)
    sub.add_parser("rerun").add_argument("--articles", type=int, default=10_000)
    sub.add_parser("throughput").add_argument("--sentences", type=int, default=1000)
    if sys.argv[1:2] == ["_measure"]:
        measure(Path(sys.argv[2]), int(sys.argv[3]))
        return
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if args.what == "latency":
        latency([int(s) for s in args.sizes.split(",")], args.queries)
    elif args.what == "rerun":
        rerun(args.articles)
    else:
        throughput(args.sentences)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"(took {time.perf_counter() - t0:.0f} s; peak resident {peak / 2**30:.2f} GiB)")


if __name__ == "__main__":
    main()
