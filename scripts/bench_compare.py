"""Speed of the contradiction scorer, and of `contradictions` on a 10k-statement store.

    .venv/bin/python scripts/bench_compare.py                # 20k pairs, 10k statements
    .venv/bin/python scripts/bench_compare.py --pairs 2000 --statements 1000 --e5 200
    .venv/bin/python scripts/bench_compare.py --nli-model clean --nli-pairs 500   # + a pair model (or a CrossEncoder)

Synthetic statements (templates with random actors, verbs, numbers, negations, Arabic and
English) so that every text is new to the analysis cache. Store vectors come from the fake
embedder (384-d): the time measured is candidate search + scoring + storing, not embedding;
``--e5 N`` also times N pairs scored end to end with the bundled e5 engine embedding both sides.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from factrack.compare import contradictions as contra
from factrack.compare import get_scorer
from factrack.embed import FakeEmbedder

EN_ACTORS = ["The minister", "The army", "The president", "The central bank", "Officials", "The company", "Rebels"]
EN_VERBS = ["will withdraw", "will not withdraw", "will stay", "raised", "cut", "denied", "confirmed", "will end", "will continue"]
EN_OBJECTS = ["{n} troops from the north", "prices by {n} percent", "the talks in {c}", "{n} jobs in {c}", "the mission in {c}"]
AR_ACTORS = ["قال الوزير إن", "أعلن الجيش أن", "أكد الرئيس أن", "قالت الحكومة إن", "أفاد مسؤولون بأن"]
AR_VERBS = ["القوات ستنسحب", "القوات لن تنسحب", "القوات ستبقى", "الأسعار ارتفعت", "الأسعار انخفضت", "المهمة ستنتهي", "المهمة ستستمر"]
AR_OBJECTS = ["من {c}", "بنسبة {n} في المئة", "وعددها {n} جندي", "في {c} بحلول نهاية العام"]
PLACES = ["Iraq", "Syria", "Libya", "Mosul", "Basra", "Aleppo", "Tripoli", "Sanaa", "Cairo", "Beirut"]


def synthetic(n: int, rng: np.random.Generator) -> list[str]:
    out = []
    for i in range(n):
        num, place = int(rng.integers(10, 9000)), PLACES[int(rng.integers(len(PLACES)))]
        if i % 2:
            parts = [rng.choice(AR_ACTORS), rng.choice(AR_VERBS), rng.choice(AR_OBJECTS)]
        else:
            parts = [rng.choice(EN_ACTORS), rng.choice(EN_VERBS), rng.choice(EN_OBJECTS)]
        out.append(" ".join(str(p) for p in parts).format(n=num, c=place) + f" ({i})")
    return out


def bench_pairs(n: int, rng: np.random.Generator) -> str:
    texts = synthetic(2 * n, rng)
    pairs = list(zip(texts[::2], texts[1::2], strict=True))
    va = rng.normal(size=(n, 384)).astype(np.float32)
    vb = va + 0.3 * rng.normal(size=(n, 384)).astype(np.float32)
    va /= np.linalg.norm(va, axis=1, keepdims=True)
    vb /= np.linalg.norm(vb, axis=1, keepdims=True)
    scorer = get_scorer(None)
    t = time.perf_counter()
    scorer.score_pairs(pairs, (va, vb))
    dt = time.perf_counter() - t
    return f"| score pairs, vectors given (the store path) | {n} pairs | {dt:.1f} s | {n / dt:,.0f} pairs/s |"


def bench_e5(n: int, rng: np.random.Generator) -> str:
    from factrack.embed import query_embedder

    texts = synthetic(2 * n, rng)
    pairs = list(zip(texts[::2], texts[1::2], strict=True))
    scorer = get_scorer(query_embedder())
    scorer.score("warm", "up")
    t = time.perf_counter()
    scorer.score_pairs(pairs)
    dt = time.perf_counter() - t
    return f"| score pairs, texts embedded with e5 (engine) | {n} pairs | {dt:.1f} s | {n / dt:,.1f} pairs/s |"


def bench_nli(model: str, n: int, rng: np.random.Generator) -> list[str]:
    """A pair model or cross-encoder alone (``NLIScorer.nli_probs``): its load with one pair
    (what it adds to a cold ``compare``), then ``n`` pairs."""
    from factrack.compare.nli import NLIScorer
    from factrack.compare.pairmodel import SHIPPED, shipped_path

    path = str(shipped_path(model)) if model in SHIPPED else model
    texts = synthetic(2 * n, rng)
    pairs = list(zip(texts[::2], texts[1::2], strict=True))
    scorer = NLIScorer(path, get_scorer(None))
    t = time.perf_counter()
    scorer.nli_probs([("warm", "up")])
    load = time.perf_counter() - t
    t = time.perf_counter()
    scorer.nli_probs(pairs)
    dt = time.perf_counter() - t
    size = Path(path).stat().st_size / 1e6 if Path(path).is_file() else float("nan")
    return [f"| pair model `{Path(path).name}` ({size:.1f} MB): load and first pair | 1 pair | {load:.1f} s | |",
            f"| … then alone | {n} pairs | {dt:.1f} s | {n / dt:,.1f} pairs/s |"]


def bench_store(n: int, rng: np.random.Generator) -> list[str]:
    from factrack.index import index_paths
    from factrack.records import Article, Kind, Statement
    from factrack.store import Store

    def lines(article: Article) -> list[Statement]:
        return [Statement(doc=article.doc, text=m.group(), start=m.start(), end=m.end(), kind=Kind.CLAIM,
                          lang="ar" if re.search("[\u0600-\u06ff]", m.group()) else "en")
                for m in re.finditer(r"[^\n]+", article.text)]

    texts = synthetic(n, rng)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        per = 100
        for a in range(0, n, per):
            (corpus / f"a{a // per:05d}.txt").write_text("\n".join(texts[a : a + per]) + "\n", encoding="utf-8")
        db = Path(tmp) / "db"
        with Store.open(db, write=True) as store:
            index_paths([corpus], store, FakeEmbedder(384), extractor=lines)
            ids = contra.all_ids(store)
            scorer = get_scorer(None)
            t = time.perf_counter()
            pairs = contra.candidate_pairs(store, ids)
            t_cand = time.perf_counter() - t
            t = time.perf_counter()
            store.put_verdicts(contra.score_store_pairs(store, pairs, scorer))
            t_score = time.perf_counter() - t
            t = time.perf_counter()
            found = contra.find(store, limit=50)
            t_find = time.perf_counter() - t
    return [
        f"| `contradictions` on a new store: candidate pairs | {len(ids)} statements → {len(pairs)} pairs | {t_cand:.1f} s | |",
        f"| … scoring and storing them | {len(pairs)} pairs | {t_score:.1f} s | {len(pairs) / t_score:,.0f} pairs/s |",
        f"| `contradictions` listing (stored verdicts, top 50) | {len(found)} listed | {t_find:.2f} s | |",
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=20000)
    ap.add_argument("--statements", type=int, default=10000)
    ap.add_argument("--e5", type=int, default=0, help="also time N pairs with e5 embedding (0: skip)")
    ap.add_argument("--nli-model", help="also time a pair model (research, clean or a file) or a CrossEncoder on --nli-pairs pairs")
    ap.add_argument("--nli-pairs", type=int, default=500)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    rows = ["| what | size | time | rate |", "|---|---|---|---|", bench_pairs(args.pairs, rng)]
    if args.e5:
        rows.append(bench_e5(args.e5, rng))
    if args.nli_model:
        rows += bench_nli(args.nli_model, args.nli_pairs, rng)
    rows += bench_store(args.statements, rng)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
