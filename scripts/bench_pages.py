"""How fast the web pages render, and what a report costs; figures go into docs/pages.md.

    .venv/bin/python scripts/bench_pages.py pages --n 10000          # search and claim pages, warm app
    .venv/bin/python scripts/bench_pages.py pages --n 100000
    .venv/bin/python scripts/bench_pages.py report --db /tmp/pages-demo   # each format, on a real store

pages: a synthetic store of ``n`` statements in clusters of 1-5 paraphrases (384-d vectors at
cosine 0.99 to their cluster's centre, Zipf-drawn words, as in scripts/bench_claims.py), half
Arabic-labelled, 50 speakers, dates over a year, each statement in a sentence of its own; each
cluster written as one claim (``--assign``: grouped by ``claims.assign`` instead, minutes at 100k); one contradiction verdict for every 100 statements between two
random claims. The app (``create_app``) answers through Starlette's TestClient, so a time is the
whole request: routing, the store, the page's data, Jinja rendering. The contradictions page
(the store-wide listing, first 50 rows) is timed over requests/20 requests. Search queries are two words
with a random query vector (``RandomEmbedder``); claim pages are random claims with 2+ members.
p50 / p95 over ``--requests`` requests after one warm-up each (its time is printed first: for the
contradictions page it is the uncached listing).
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("bench_store", ROOT / "scripts" / "bench_store.py")
bs = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(bs)

from factrack import claims as cl
from factrack.records import Article, Kind, Statement
from factrack.store import Store

DIM = 384


def build(path: Path, n: int, seed: int = 0, group: bool = False) -> tuple[float, float]:
    """The synthetic store (see the module docstring); returns (load seconds, grouping seconds)."""
    rng = np.random.default_rng(seed)
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(int(rng.integers(1, 6)))
    sizes[-1] -= sum(sizes) - n

    def article(k: int, batch: list[tuple[str, np.ndarray]]) -> tuple[Article, list[Statement], np.ndarray]:
        text, sts, pos = [], [], 0
        lang = "ar" if k % 2 else "en"
        for i, (t, _) in enumerate(batch):
            sentence = f"Speaker {i % 50} said {t}."
            a = pos + len(f"Speaker {i % 50} said ")
            sts.append(Statement(doc=f"doc{k}", text=t, start=a, end=a + len(t), kind=Kind.INDIRECT, lang=lang,
                                 speaker=f"Speaker {i % 50}", sentence_start=pos, sentence_end=pos + len(sentence)))
            text.append(sentence)
            pos += len(sentence) + 1
        day = f"2025-{1 + k % 12:02d}-{1 + k % 28:02d}"
        return (Article(doc=f"doc{k}", text=" ".join(text), source=f"source{k % 20}", published=day, lang=lang), sts,
                np.stack([v for _, v in batch]))

    def items():  # type: ignore[no-untyped-def]
        k, batch = 0, []
        for size in sizes:
            centre = rng.standard_normal(DIM).astype(np.float32)
            centre /= np.linalg.norm(centre)
            words = [bs.WORDS[w] for w in rng.choice(len(bs.WORDS), size=12, p=bs.ZIPF)]
            for _ in range(size):
                noise = rng.standard_normal(DIM).astype(np.float32)
                noise -= (noise @ centre) * centre
                noise /= np.linalg.norm(noise)
                w = list(words)
                w[int(rng.integers(0, 12))] = bs.WORDS[int(rng.integers(0, 20_000))]
                batch.append((" ".join(w), (0.99 * centre + np.sqrt(1 - 0.99**2) * noise).astype(np.float32)))
                if len(batch) == 200:
                    yield article(k, batch)
                    k, batch = k + 1, []
        if batch:
            yield article(k, batch)

    t0 = time.perf_counter()
    with Store.open(path, write=True) as store:
        store.set_model(f"synthetic-{DIM}", DIM)
        store.bulk_load(items())
    t1 = time.perf_counter()
    with Store.open(path, write=True) as store:
        ids = store.ids()
        if group:
            cl.assign(store)
        else:  # the clusters are the claims: written directly (claims.assign takes minutes at 100k)
            from factrack.store import Membership

            with store.transaction(bump=False):
                at = 0
                for size in sizes:
                    members = [int(i) for i in ids[at : at + size]]
                    at += size
                    cid = store.new_claim(members[0], "bench:clusters")
                    store.put_members([Membership(m, cid, None if k == 0 else members[0], None, ("synthetic cluster",))
                                       for k, m in enumerate(members)])
        pairs = rng.choice(ids, size=(n // 100, 2))
        store.put_verdicts([(int(a), int(b), "contradiction", float(rng.uniform(0.7, 1.0)), ["number differs: 3 vs 4"], "bench")
                            for a, b in pairs if a != b])
    return t1 - t0, time.perf_counter() - t1


def pages(n: int, requests: int, assign: bool = False) -> None:
    from starlette.testclient import TestClient

    from factrack.serve import create_app

    path = bs.WORK / f"pages-{n}"
    if not (path / "store.sqlite").exists():
        shutil.rmtree(path, ignore_errors=True)
        load, group = build(path, n, group=assign)
        print(f"built {n:,} statements: bulk load {load:.1f} s, claims {group:.1f} s")
    with Store.open(path) as store:
        multi = [c for c, k in store.claim_ids(min_statements=2)]
    rng = np.random.default_rng(3)
    client = TestClient(create_app(path, embedder=bs.RandomEmbedder(DIM)))
    urls = {
        "search": [f"/?q={bs.REAL_WORDS[i % len(bs.REAL_WORDS)]}+{bs.WORDS[50 + (37 * i) % 2000]}" for i in range(requests)],
        "claim": [f"/claim/{int(c)}" for c in rng.choice(multi, size=requests)],
        "contradictions": ["/contradictions"] * max(3, requests // 20),  # the whole store's listing: few
    }
    for name, todo in urls.items():
        t0 = time.perf_counter()
        assert client.get(todo[0]).status_code == 200  # warm-up (the contradictions listing is then cached)
        first = 1000 * (time.perf_counter() - t0)
        times, sizes = [], []
        for url in todo:
            t0 = time.perf_counter()
            r = client.get(url)
            times.append(time.perf_counter() - t0)
            assert r.status_code == 200, (url, r.status_code)
            sizes.append(len(r.content))
        p50, p95 = (1000 * np.percentile(times, p) for p in (50, 95))
        print(f"| {n:,} | {name} | {first:.0f} | {p50:.0f} | {p95:.0f} | {np.median(sizes) / 1000:.0f} kB |")


def report(db: str) -> None:
    from factrack.commands.report import run_report
    from factrack.report import FORMATS

    out = bs.WORK / "report"
    out.mkdir(parents=True, exist_ok=True)
    for fmt in FORMATS:
        s = run_report(out / f"report.{fmt}", fmt, db=db)
        print(f"| {fmt} | {s.seconds:.2f} s | {s.bytes:,} B | {s.contradictions} contradictions, {s.claims} claims, "
              f"{s.speakers} speakers |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("pages", "report"))
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--db", default="/tmp/pages-demo")
    ap.add_argument("--assign", action="store_true", help="group the synthetic store with claims.assign")
    args = ap.parse_args()
    bs.WORK.mkdir(parents=True, exist_ok=True)
    if args.what == "pages":
        pages(args.n, args.requests, args.assign)
    else:
        report(args.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
