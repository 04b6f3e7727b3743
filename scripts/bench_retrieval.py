"""Retrieval quality of factrack's embeddings and hybrid search.

(a) Cross-lingual: XNLI dev premises, Arabic retrieving its English translation among all English
    premises and back (P@1). (b) CheckThat! 2022 task 2A English dev-test: tweets retrieving the
    fact-checked claim they match among 14k (MAP@5), with the project's own BM25 (``Store.lexical``),
    dense (FAISS through ``Store.nearest``) and hybrid (``search.lookup``, reciprocal rank fusion).

Statements are embedded as the index does (``get_embedder``), queries as ``factrack lookup`` does
(``query_embedder``). Vectors are cached under --cache (default /tmp/factrack-bench), never in the
repository. The datasets are read from ../shared/datasets next to the repository; when absent the
script says so and exits 0.

    .venv/bin/python scripts/bench_retrieval.py [--model e5-small] [--only xnli|checkthat] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO.parent / "shared" / "datasets"
sys.path.insert(0, str(REPO))

from factrack.embed import Embedder, embed_batches, get_embedder, query_embedder  # noqa: E402


def cached_embed(embedder: Embedder, texts: Sequence[str], cache: Path, tag: str) -> np.ndarray:
    """Embed ``texts``, reusing vectors cached for exactly this model and these texts."""
    h = hashlib.sha256(embedder.name.encode())
    for t in texts:
        h.update(t.encode("utf-8") + b"\x00")
    path = cache / f"{tag}-{embedder.name}-{h.hexdigest()[:16]}.npy"
    if path.exists():
        return np.load(path)
    started = time.perf_counter()
    vectors = np.concatenate(list(embed_batches(embedder, list(texts), 64))) if texts else np.zeros((0, embedder.dim), np.float32)
    seconds = time.perf_counter() - started
    print(f"  embedded {len(texts)} {tag} texts with {type(embedder).__name__} in {seconds:.1f} s "
          f"({len(texts) / max(seconds, 1e-9):.0f}/s)", file=sys.stderr)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


# ---------------------------------------------------------------------------- XNLI


def xnli_premises(folder: Path, limit: int | None) -> tuple[list[str], list[str]]:
    """Line-aligned (Arabic, English) premises, each distinct pair once (the files repeat each 3x)."""
    def column(lang: str) -> list[str]:
        with open(folder / f"dev-{lang}.tsv", encoding="utf-8", newline="") as f:
            return [row[0] for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]

    seen: set[tuple[str, str]] = set()
    ar_out, en_out = [], []
    for ar, en in zip(column("ar"), column("en"), strict=True):
        if (ar, en) not in seen:
            seen.add((ar, en))
            ar_out.append(ar)
            en_out.append(en)
    if limit:
        ar_out, en_out = ar_out[:limit], en_out[:limit]
    return ar_out, en_out


def precision_at_1(queries: np.ndarray, targets: np.ndarray) -> float:
    best = np.argmax(queries @ targets.T, axis=1)
    return float(np.mean(best == np.arange(len(queries))))


def centred(vectors: np.ndarray) -> np.ndarray:
    """Subtract the set's mean vector and renormalise (removes a shared per-language direction)."""
    v = vectors - vectors.mean(axis=0)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def corpus_language_means(embedder: Embedder, cache: Path) -> tuple[dict[str, np.ndarray], dict[str, int]]:
    """Mean vector per language over the sentences of the bundled ``corpora/`` articles, and counts.

    Out-of-sample for XNLI: what a store could estimate from what it has indexed.
    """
    from factrack import lang
    from factrack.ingest import read_articles
    from factrack.records import Article

    by_lang: dict[str, list[str]] = {}
    for item in read_articles([REPO / "corpora"]):
        if not isinstance(item, Article):
            continue
        for sentence in re.split(r"(?<=[.!?؟])\s+|\n+", item.text):
            code = lang.detect(sentence)
            if code and len(sentence.split()) >= 5:
                by_lang.setdefault(code, []).append(sentence.strip())
    means = {code: cached_embed(embedder, texts, cache, f"corpora-{code}").mean(axis=0) for code, texts in by_lang.items()}
    return means, {code: len(texts) for code, texts in by_lang.items()}


def centred_on(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    v = vectors - mean
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def bench_xnli(index_embedder: Embedder, query_emb: Embedder, cache: Path, limit: int | None) -> dict[str, object]:
    folder = DATASETS / "xnli-dev"
    if not folder.exists():
        return {"skipped": f"{folder} not found"}
    with open(folder / "dev-en.tsv", encoding="utf-8") as f:
        lines = sum(1 for _ in f)
    ar, en = xnli_premises(folder, limit)
    idx_ar = cached_embed(index_embedder, ar, cache, "xnli-ar")
    idx_en = cached_embed(index_embedder, en, cache, "xnli-en")
    q_ar = cached_embed(query_emb, ar, cache, "xnli-ar-q")
    q_en = cached_embed(query_emb, en, cache, "xnli-en-q")
    means, counts = corpus_language_means(index_embedder, cache)
    return {
        "lines": lines,
        "distinct_premises": len(ar),
        "p@1_ar_to_en": round(precision_at_1(q_ar, idx_en), 4),
        "p@1_en_to_ar": round(precision_at_1(q_en, idx_ar), 4),
        "mean_cos_translation": round(float(np.mean(np.sum(idx_ar * idx_en, axis=1))), 4),
        "wrong_ar_to_en_distinct_targets": int(len(set(np.argmax(q_ar @ idx_en.T, axis=1)[
            np.argmax(q_ar @ idx_en.T, axis=1) != np.arange(len(ar))]))),
        # exploratory, not what factrack does: language means estimated on these same premises
        # (no labels used, but in-sample)
        "explore_p@1_ar_to_en_language_centred": round(precision_at_1(centred(q_ar), centred(idx_en)), 4),
        "explore_p@1_en_to_ar_language_centred": round(precision_at_1(centred(q_en), centred(idx_ar)), 4),
        # exploratory, out-of-sample: language means estimated on the sentences of corpora/
        "explore_p@1_ar_to_en_centred_on_corpora": round(
            precision_at_1(centred_on(q_ar, means["ar"]), centred_on(idx_en, means["en"])), 4),
        "explore_p@1_en_to_ar_centred_on_corpora": round(
            precision_at_1(centred_on(q_en, means["en"]), centred_on(idx_ar, means["ar"])), 4),
        "corpora_sentences_for_means": counts,
    }


def bench_xnli_store(index_embedder: Embedder, query_emb: Embedder, cache: Path, limit: int | None) -> dict[str, object]:
    """XNLI cross-lingual P@1 through the product: the premises of both languages in one real
    Store (which centres its FAISS index on the language means it computes from them), each
    query searched as ``search.lookup`` does, restricted to the other language (``lang=``)."""
    from factrack import lang
    from factrack.records import Article, Kind, Statement
    from factrack.search import lookup
    from factrack.store import SearchFilter, Store

    folder = DATASETS / "xnli-dev"
    if not folder.exists():
        return {"skipped": f"{folder} not found"}
    ar, en = xnli_premises(folder, limit)
    vecs = {"ar": cached_embed(index_embedder, ar, cache, "xnli-ar"), "en": cached_embed(index_embedder, en, cache, "xnli-en")}
    qvecs = {"ar": cached_embed(query_emb, ar, cache, "xnli-ar-q"), "en": cached_embed(query_emb, en, cache, "xnli-en-q")}
    texts = {"ar": ar, "en": en}
    out: dict[str, object] = {"distinct_premises": len(ar)}
    with tempfile.TemporaryDirectory(prefix="factrack-bench-") as tmp:
        ids: dict[str, list[int]] = {"ar": [], "en": []}
        with Store.open(Path(tmp) / "db", write=True) as store:
            store.set_model(index_embedder.name, int(vecs["en"].shape[1]))
            with store.transaction():
                for code in ("ar", "en"):
                    for n, (text, vec) in enumerate(zip(texts[code], vecs[code], strict=True)):
                        doc = f"{code}-{n}"
                        st = Statement(doc=doc, text=text, start=0, end=len(text), kind=Kind.CLAIM, lang=code)
                        got, _ = store.put_article(Article(doc=doc, text=text, lang=code), [st], vec[None, :])
                        ids[code].append(got[0])
        with Store.open(Path(tmp) / "db") as store:
            out["store_languages_centred"] = sorted(store.lang_means())
            fixed = _Fixed(index_embedder.name, {t: v for c in ("ar", "en") for t, v in zip(texts[c], qvecs[c], strict=True)})
            for src, dst in (("ar", "en"), ("en", "ar")):
                allowed = store.filtered_ids(SearchFilter(lang=dst))
                dense = hybrid = 0
                for n, text in enumerate(texts[src]):
                    _, got = store.nearest(qvecs[src][n][None, :], 1, allowed=allowed, langs=[lang.detect(text)])
                    dense += int(got[0][0]) == ids[dst][n]
                    hits = lookup(store, text, embedder=fixed, k=1, lang=dst)  # type: ignore[arg-type]
                    hybrid += bool(hits) and hits[0].statement.id == ids[dst][n]
                out[f"p@1_{src}_to_{dst}_dense"] = round(dense / len(ar), 4)
                out[f"p@1_{src}_to_{dst}_hybrid_lookup"] = round(hybrid / len(ar), 4)
    return out


# ---------------------------------------------------------------------------- CheckThat


def average_precision_at_k(gold: set[str], ranked: Sequence[str], k: int = 5) -> float:
    """CheckThat! 2022's AP@k: precision at each relevant rank within k, over the number of gold claims."""
    found, total = 0, 0.0
    for i, doc in enumerate(ranked[:k], 1):
        if doc in gold:
            found += 1
            total += found / i
    return total / len(gold) if gold else 0.0


def load_checkthat(folder: Path, limit: int | None) -> tuple[list[tuple[str, str]], dict[str, set[str]], list[tuple[str, str, str]]]:
    with open(folder / "CT2022-Task2A-EN-Dev-Test_Queries.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    queries = [(r[0], r[1]) for r in rows[1:] if len(r) >= 2]
    qrels: dict[str, set[str]] = {}
    with open(folder / "CT2022-Task2A-EN-Dev-Test_QRELs.tsv", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 4 and parts[3] != "0":
                qrels.setdefault(parts[0], set()).add(parts[2])
    claims = []
    with gzip.open(folder / "vclaims.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            text = " ".join(x for x in (d.get("title"), d.get("subtitle"), d.get("vclaim")) if x)
            claims.append((d["vclaim_id"], d.get("title") or "", text))
    queries = [q for q in queries if q[0] in qrels]
    if limit:
        queries = queries[:limit]
    return queries, qrels, claims


def build_store(folder: Path, claims: list[tuple[str, str, str]], vectors: np.ndarray, model: str) -> tuple[object, dict[int, str]]:
    """A factrack Store holding each verified claim as one statement (through the public API)."""
    from factrack.records import Article, Kind, Statement
    from factrack.store import Store

    store = Store.open(folder, write=True)
    store.set_model(model, int(vectors.shape[1]))
    id_to_claim: dict[int, str] = {}
    with store.transaction():
        for (claim_id, title, text), vec in zip(claims, vectors, strict=True):
            article = Article(doc=claim_id, text=text, title=title, lang="en")
            statement = Statement(doc=claim_id, text=text, start=0, end=len(text), kind=Kind.CLAIM, lang="en")
            ids, _ = store.put_article(article, [statement], vec[None, :])
            id_to_claim[ids[0]] = claim_id
    store.flush()
    return store, id_to_claim


class _Fixed:
    """An embedder that answers with precomputed query vectors (so lookup needs no model)."""

    def __init__(self, name: str, vectors: dict[str, np.ndarray]) -> None:
        self.name, self._vectors = name, vectors
        self.dim = len(next(iter(vectors.values())))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vectors[t] for t in texts])


def bench_checkthat(index_embedder: Embedder, query_emb: Embedder, cache: Path, limit: int | None) -> dict[str, object]:
    from factrack.lang import detect
    from factrack.search import lookup

    folder = DATASETS / "checkthat2022-en"
    if not folder.exists():
        return {"skipped": f"{folder} not found"}
    queries, qrels, claims = load_checkthat(folder, limit)
    claim_vecs = cached_embed(index_embedder, [c[2] for c in claims], cache, "ct-claims")
    query_vecs = cached_embed(query_emb, [q[1] for q in queries], cache, "ct-queries")
    with tempfile.TemporaryDirectory(prefix="factrack-bench-") as tmp:
        started = time.perf_counter()
        store, id_to_claim = build_store(Path(tmp) / "db", claims, claim_vecs, index_embedder.name)
        build_s = time.perf_counter() - started
        fixed = _Fixed(index_embedder.name, {q[1]: v for q, v in zip(queries, query_vecs, strict=True)})
        scores: dict[str, list[float]] = {"lexical": [], "dense": [], "hybrid": []}
        started = time.perf_counter()
        with store:  # type: ignore[attr-defined]
            for (qid, text), qv in zip(queries, query_vecs, strict=True):
                gold = qrels[qid]
                lexical = [id_to_claim[i] for i, _ in store.lexical(text, 5)]  # type: ignore[attr-defined]
                _, ids = store.nearest(qv[None, :], 5, langs=[detect(text)])  # type: ignore[attr-defined]
                dense = [id_to_claim[int(i)] for i in ids[0] if i >= 0]
                hybrid = [id_to_claim[h.statement.id] for h in lookup(store, text, embedder=fixed, k=5)]  # type: ignore[arg-type]
                scores["lexical"].append(average_precision_at_k(gold, lexical))
                scores["dense"].append(average_precision_at_k(gold, dense))
                scores["hybrid"].append(average_precision_at_k(gold, hybrid))
        query_s = time.perf_counter() - started
    return {
        "queries": len(queries),
        "claims": len(claims),
        **{f"map@5_{name}": round(float(np.mean(v)), 4) for name, v in scores.items()},
        "official_bm25_baseline": 0.8179,
        "store_build_s": round(build_s, 1),
        "ms_per_query_three_ways": round(1000 * query_s / max(len(queries), 1), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="embedder spec for get_embedder (default: bundled e5-small)")
    parser.add_argument("--only", choices=["xnli", "checkthat"], default=None)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N premises / queries (smoke test)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "factrack-bench")
    args = parser.parse_args()
    if not DATASETS.exists():
        print(f"skipped: {DATASETS} not found")
        return 0
    index_embedder = get_embedder(args.model)
    query_emb = query_embedder(index_embedder.name)
    result: dict[str, object] = {"model": index_embedder.name, "query_embedder": type(query_emb).__name__}
    if args.only in (None, "xnli"):
        result["xnli"] = bench_xnli(index_embedder, query_emb, args.cache, args.limit)
        result["xnli_store"] = bench_xnli_store(index_embedder, query_emb, args.cache, args.limit)
    if args.only in (None, "checkthat"):
        result["checkthat"] = bench_checkthat(index_embedder, query_emb, args.cache, args.limit)
    result["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]  # others' jobs slow the timings
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
