"""Measure the store, the index job and lookup; figures go into docs/store.md.

    .venv/bin/python scripts/bench_store.py latency --sizes 10000,100000,1000000
    .venv/bin/python scripts/bench_store.py rerun --articles 10000
    .venv/bin/python scripts/bench_store.py throughput --sentences 1000
    .venv/bin/python scripts/bench_store.py ivf --sizes 20000,100000,300000,1000000

latency: synthetic random unit 384-d vectors (and synthetic texts for FTS) bulk-loaded through the
Store API; warm-store lookup latency (hybrid: FAISS + FTS5 + fusion + fetching rows), p50/p95;
recall@10 of the dense path against brute force; bytes on disk and resident bytes per statement.
rerun: 10k small article files in /tmp, indexed once, then the time of `factrack index` over them
again with nothing new (a fresh process, as cron would run it).
throughput: the bundled e5, statements/s of index_paths (one statement per line, so extraction
costs nothing) against bare SentenceTransformer.encode on the same sentences. Sentences come from
../shared/datasets/xnli-dev when present, else from the seed article; the script says which.
ivf: where the store should switch from exact search to IVF. Bundled-e5 vectors of ~3,500 real
sentences (CheckThat-2022 English claims, XNLI Arabic premises; embedded once, cached in
BENCH_DIR), grown to each size by Gaussian perturbations; 300 held-out real sentences as queries.
Exact Flat vs IVF (nlist as the store picks it, smallest nprobe reaching recall@10 >= 0.95 against
exact): single-thread query latency p50/p95, training time, the nprobe found.
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


class ReplayEmbedder:
    """Hands out given query vectors in turn, under the synthetic store's model name."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.name, self.dim = f"synthetic-{vectors.shape[1]}", vectors.shape[1]
        self.vectors, self.i = vectors, 0

    def embed(self, texts):  # type: ignore[no-untyped-def]
        out = np.stack([self.vectors[(self.i + j) % len(self.vectors)] for j in range(len(texts))])
        self.i += len(texts)
        return out


def latency_vectors() -> tuple[np.ndarray | None, np.ndarray | None, str]:
    """(base, held-out queries, what they are): bundled-e5 vectors of real sentences when the
    datasets are there (see ``ivf``), else (None, None) for random unit vectors."""
    if not (DATASETS / "checkthat2022-en").exists():
        return None, None, "random unit 384-d vectors (datasets not found)"
    vecs, _, origin = real_vectors()
    order = np.random.default_rng(0).permutation(len(vecs))
    return vecs[order[300:]], vecs[order[:300]], f"bundled-e5 vectors of {origin}, grown by perturbation"


def build_synthetic(path: Path, n: int, base: np.ndarray | None, dim: int = 384, per_article: int = 1000) -> float:
    """A store of ``n`` synthetic statements, loaded through ``Store.bulk_load``; returns seconds.

    Vectors: the real ``base`` vectors grown by perturbation (see ``grow``), else random."""
    rng = np.random.default_rng(0)

    def items():  # type: ignore[no-untyped-def]
        for a in range(0, n, per_article):
            m = min(per_article, n - a)
            if base is None:
                vecs = rng.standard_normal((m, dim), dtype=np.float32)
                vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            elif a < len(base):
                vecs = grow(base[a : a + m], m, rng)
            else:
                vecs = grow(base, len(base) + m, rng)[len(base) :]
            words = rng.choice(len(WORDS), size=(m, 12), p=ZIPF)
            sts = []
            for j in range(m):
                text = " ".join(WORDS[w] for w in words[j]) + f" {a + j}."
                sts.append(Statement(doc=f"doc{a}", text=text, start=0, end=len(text), kind=Kind.CLAIM,
                                     lang="en", speaker=f"Speaker {j % 50}"))
            art = Article(doc=f"doc{a}", text="", published=f"2021-{1 + (a // per_article) % 12:02}-01",
                          source="synthetic")
            yield art, sts, vecs

    t0 = time.perf_counter()
    with Store.open(path, write=True) as store:
        store.set_model(f"synthetic-{dim}", dim)
        store.bulk_load(items())
    return time.perf_counter() - t0


def latency(sizes: list[int], queries: int, keep: bool = False) -> None:
    base, held_out, origin = latency_vectors()
    if held_out is not None:
        np.save(WORK / "latency-queries.npy", held_out)
    print(f"vectors: {origin}; texts: 12 Zipf-drawn words each; queries: {queries} hybrid lookups, warm store")
    print("| statements | index | build s | p50 ms | p95 ms | filtered p50 ms | dense recall@10 | disk B/stmt | resident B/stmt |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        path = WORK / f"store-{n}"
        shutil.rmtree(path, ignore_errors=True)
        build_s = build_synthetic(path, n, base)
        disk = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
        # measured in a fresh process, so resident memory is the store's alone
        r = subprocess.run([sys.executable, __file__, "_measure", str(path), str(queries)],
                           capture_output=True, text=True, check=True)
        m = json.loads(r.stdout)
        times, ftimes, recall, kind, resident = m["times"], m["ftimes"], m["recall"], m["kind"], m["resident"]
        p50, p95 = (1000 * np.percentile(times, p) for p in (50, 95))
        print(f"| {n:,} | {kind} | {build_s:.0f} | {p50:.1f} | {p95:.1f} | {1000 * np.median(ftimes):.1f} | "
              f"{recall:.3f} | {disk / n:,.0f} | {resident / n:,.0f} |", flush=True)
        if n >= 1_000_000 and not keep:  # ~4 GB
            shutil.rmtree(path, ignore_errors=True)


def measure(path: Path, queries: int) -> None:
    before = rss_bytes()
    qfile = WORK / "latency-queries.npy"
    with Store.open(path) as store:
        n = store.count()
        emb = ReplayEmbedder(np.load(qfile)) if qfile.exists() else RandomEmbedder(384)
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
        q = np.load(qfile)[:50] if qfile.exists() else RandomEmbedder(384, seed=7).embed(["q"] * 50)
        nq = len(q)
        best = np.full((nq, 10), -np.inf, np.float32)
        best_ids = np.zeros((nq, 10), np.int64)
        for bid, vecs in store.iter_vectors(50_000):
            s = q @ vecs.T
            allsc = np.concatenate([best, s], axis=1)
            allid = np.concatenate([best_ids, np.broadcast_to(bid, s.shape)], axis=1)
            top = np.argsort(-allsc, axis=1)[:, :10]
            best, best_ids = np.take_along_axis(allsc, top, 1), np.take_along_axis(allid, top, 1)
        _, got = store.nearest(q, 10)
        recall = float(np.mean([len(set(best_ids[i]) & set(got[i])) / 10 for i in range(nq)]))
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


def real_sentences(n_en: int, n_ar: int) -> tuple[list[str], str]:
    """English CheckThat! fact-checked claims and Arabic XNLI dev premises, deduplicated, in file order."""
    import gzip

    en: list[str] = []
    claims = DATASETS / "checkthat2022-en" / "vclaims.jsonl.gz"
    with gzip.open(claims, "rt", encoding="utf-8") as f:
        for line in f:
            t = " ".join(json.loads(line).get("vclaim", "").split())
            if t and t not in en:
                en.append(t)
            if len(en) >= n_en:
                break
    ar: list[str] = []
    with open(DATASETS / "xnli-dev" / "dev-ar.tsv", encoding="utf-8") as f:
        for line in f:
            t = " ".join(line.split("\t")[0].split())
            if t and t not in ar:
                ar.append(t)
            if len(ar) >= n_ar:
                break
    return en + ar, f"{len(en)} CheckThat-2022 vclaims (en) + {len(ar)} XNLI dev premises (ar)"


def real_vectors(n_en: int = 2700, n_ar: int = 800) -> tuple[np.ndarray, list[str], str]:
    """Bundled-e5 vectors of real sentences, cached in WORK (embedding takes minutes on 2 cores)."""
    texts, origin = real_sentences(n_en, n_ar)
    cache = WORK / f"ivf-e5-{len(texts)}.npy"
    if cache.exists():
        return np.load(cache), texts, origin
    from factrack.embed import embed_batches, get_embedder

    vecs = np.concatenate(list(embed_batches(get_embedder(None), texts, 64)))
    np.save(cache, vecs)
    return vecs, texts, origin


def grow(base: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` vectors: the real ones, then Gaussian perturbations of them (noise norm 0.2-0.6,
    i.e. cosine ~0.85-0.98 to their source), renormalised: near-paraphrases, as a news corpus
    that repeats the same claims in many articles holds."""
    if n <= len(base):
        return base[:n].copy()
    src = base[rng.integers(0, len(base), n - len(base))]
    sigma = rng.uniform(0.2, 0.6, size=(len(src), 1)).astype(np.float32) / np.sqrt(base.shape[1])
    extra = src + sigma * rng.standard_normal(src.shape, dtype=np.float32)
    extra /= np.linalg.norm(extra, axis=1, keepdims=True)
    return np.concatenate([base, extra])


def ivf(sizes: list[int], nprobes: list[int], target: float) -> None:
    """Exact Flat vs IVF (nlist = store.ivf_nlist(n)) on real-looking e5 vectors: latency, recall@10."""
    import faiss

    from factrack.store import ivf_nlist

    if not (DATASETS / "checkthat2022-en").exists():
        print(f"skipped: {DATASETS} not found")
        return
    vecs, texts, origin = real_vectors()
    rng = np.random.default_rng(0)
    order = rng.permutation(len(vecs))
    q_idx, b_idx = order[:300], order[300:]  # queries are held-out real sentences
    queries, base = vecs[q_idx], vecs[b_idx]
    print(f"vectors: bundled e5 of {origin}; {len(base)} real base vectors, {len(queries)} held-out "
          f"real queries; larger sets add perturbed copies (see grow())")
    print(f"single-thread search (as the store does for one query); target recall@10 >= {target}")
    print("| statements | exact p50 ms | exact p95 ms | nlist | train s | nprobe | IVF p50 ms | IVF p95 ms | recall@10 |")
    print("|---|---|---|---|---|---|---|---|---|")
    faiss.omp_set_num_threads(1)
    for n in sizes:
        data = grow(base, n, rng)
        flat = faiss.IndexFlatIP(data.shape[1])
        flat.add(data)
        ex_t = []
        for q in queries:
            t0 = time.perf_counter()
            flat.search(q[None], 10)
            ex_t.append(time.perf_counter() - t0)
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        _, truth = flat.search(queries, 10)
        nlist = ivf_nlist(n)
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(data.shape[1]), data.shape[1], nlist, faiss.METRIC_INNER_PRODUCT)
        index.cp.min_points_per_centroid = 5
        sample = data[rng.choice(n, size=min(n, nlist * 32), replace=False)]
        t0 = time.perf_counter()
        index.train(sample)
        train_s = time.perf_counter() - t0
        index.add(data)
        faiss.omp_set_num_threads(1)
        chosen = None
        for nprobe in [p for p in nprobes if p <= nlist]:
            index.nprobe = nprobe
            _, got = index.search(queries, 10)
            recall = float(np.mean([len(set(truth[i]) & set(got[i])) / 10 for i in range(len(queries))]))
            if recall >= target:
                chosen = (nprobe, recall)
                break
        if chosen is None:
            chosen = (index.nprobe, recall)
        index.nprobe = chosen[0]
        iv_t = []
        for q in queries:
            t0 = time.perf_counter()
            index.search(q[None], 10)
            iv_t.append(time.perf_counter() - t0)
        ms = lambda ts, p: 1000 * np.percentile(ts, p)  # noqa: E731
        print(f"| {n:,} | {ms(ex_t, 50):.1f} | {ms(ex_t, 95):.1f} | {nlist} | {train_s:.1f} | {chosen[0]} | "
              f"{ms(iv_t, 50):.2f} | {ms(iv_t, 95):.2f} | {chosen[1]:.3f} |", flush=True)
        del flat, index, data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    lat = sub.add_parser("latency")
    lat.add_argument("--sizes", default="10000,100000")
    lat.add_argument("--queries", type=int, default=100)
    lat.add_argument("--keep", action="store_true", help="keep stores of 1M statements and more (~4 GB each)")
    sub.add_parser("rerun").add_argument("--articles", type=int, default=10_000)
    sub.add_parser("throughput").add_argument("--sentences", type=int, default=1000)
    iv = sub.add_parser("ivf")
    iv.add_argument("--sizes", default="20000,100000,300000,1000000")
    iv.add_argument("--nprobes", default="1,2,4,8,12,16,24,32,48,64,96,128,192,256")
    iv.add_argument("--target", type=float, default=0.95)
    if sys.argv[1:2] == ["_measure"]:
        measure(Path(sys.argv[2]), int(sys.argv[3]))
        return
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if args.what == "latency":
        latency([int(s) for s in args.sizes.split(",")], args.queries, args.keep)
    elif args.what == "rerun":
        rerun(args.articles)
    elif args.what == "ivf":
        ivf([int(x) for x in args.sizes.split(",")], [int(x) for x in args.nprobes.split(",")], args.target)
    else:
        throughput(args.sentences)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"(took {time.perf_counter() - t0:.0f} s; peak resident {peak / 2**30:.2f} GiB)")


if __name__ == "__main__":
    main()
