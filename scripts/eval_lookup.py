"""Measure lookup across languages, by statement and by claim; prints Markdown for docs/claims.md.

Queries: ``queries.labels.jsonl`` of corpora/claims/ and corpora/claims2/ (written blind, each a
paraphrase or translation aimed at a claim with statements in both languages; nothing in lookup
was tuned on them). The store: every gold statement of corpora/ (top level, claims/, claims2/;
batch2/ and heldout/ as distractors) with its bundled-e5 vector, grouped by ``claims.assign``.

Reported per query set:
- by statement: recall@5 and @10 of the claim's gold statements in a flat ranking, for the dense
  half alone, plain reciprocal rank fusion with the full-text half, and factrack's fusion (the
  other language's statements keep their dense rank twice);
- by claim (``lookup_claims``, k=10): recall of the claim's statements among everything shown
  (each hit's best statement and the claim's other statements), and the share of queries whose
  claim is shown in both languages.

    .venv/bin/python scripts/eval_lookup.py
"""

from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("eval_claims", ROOT / "scripts" / "eval_claims.py")
ec = importlib.util.module_from_spec(spec)
assert spec.loader is not None
sys.modules["eval_claims"] = ec  # its dataclasses look their module up
spec.loader.exec_module(ec)

from factrack import claims as cl  # noqa: E402
from factrack.embed import BUNDLED_NAME  # noqa: E402
from factrack.lang import detect  # noqa: E402
from factrack.search import MIN_DEPTH, lookup, lookup_claims, rrf  # noqa: E402
from factrack.store import Store  # noqa: E402

SETS = {"claims/ (45 queries)": ROOT / "corpora" / "claims", "claims2/ (blind)": ROOT / "corpora" / "claims2"}


class _Queries:
    """The evaluation's query vectors, embedded once with the bundled e5 (cached by text)."""

    name = BUNDLED_NAME
    dim = 384

    def __init__(self, emb) -> None:  # type: ignore[no-untyped-def]
        self.emb = emb

    def embed(self, texts):  # type: ignore[no-untyped-def]
        return self.emb.embed(list(texts))


def gold_statements() -> list:
    out = list(ec.load_dev())
    for folder in SETS.values():
        if folder.exists():
            out += [g for g in ec.load_blind(folder)]
    for sub in ("batch2", "heldout"):
        out += [g for g in ec.load_blind(ROOT / "corpora" / sub)]  # distractors (no claim labels: own ids)
    return out


def _prefix(gold: list) -> list:
    """Claim ids made unique per set (two sets may both use "plant-closed")."""
    from dataclasses import replace

    return [replace(g, claim=f"{Path(g.article.doc).parent.name}:{g.claim}") for g in gold]


def flat_rankings(store: Store, query: str, emb) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    q = emb.embed([query])
    code = detect(query)
    scores, ids = store.nearest(q, MIN_DEPTH, langs=[code])
    dense = [int(i) for i in ids[0] if i >= 0]
    lexical = [i for i, _ in store.lexical(query, MIN_DEPTH)]
    plain = rrf([dense, lexical])
    return {"dense only": dense, "plain fusion": sorted(plain, key=lambda i: (-plain[i], i)),
            "factrack fusion": [h.statement.id for h in lookup(store, query, embedder=emb, k=MIN_DEPTH)]}


def main() -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=("claims", "claims2", "both"), default="both")
    args = ap.parse_args()
    chosen = {k: v for k, v in SETS.items() if args.set == "both" or v.name == args.set}
    gold = _prefix(gold_statements())
    emb = ec.tc.CachedEmbedder()
    qemb = _Queries(emb)
    vecs = emb.embed([g.statement.text for g in gold])
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(tmp, write=True) as store:
        store.set_model(BUNDLED_NAME, vecs.shape[1])
        by_doc: dict[str, list[int]] = defaultdict(list)
        for i, g in enumerate(gold):
            by_doc[g.article.doc].append(i)
        sid: dict[int, int] = {}
        for rows in by_doc.values():
            ids, _ = store.put_article(gold[rows[0]].article, [gold[i].statement for i in rows], vecs[rows])
            sid.update(zip(rows, ids, strict=True))
        store.flush()
        cl.assign(store)
        claim_ids: dict[str, set[int]] = defaultdict(set)
        lang_of: dict[int, str] = {}
        for i, g in enumerate(gold):
            claim_ids[g.claim].add(sid[i])
            lang_of[sid[i]] = g.statement.lang
        for name, folder in chosen.items():
            path = folder / "queries.labels.jsonl"
            if not path.exists():
                out += [f"### {name}: no queries, skipped", ""]
                continue
            queries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            flat: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
            shown_recall, both = [], 0
            for q in queries:
                target = claim_ids[f"{folder.name}:{q['claim']}"]
                for variant, ranking in flat_rankings(store, q["query"], qemb).items():
                    for k in (5, 10):
                        flat[variant][k].append(len(target & set(ranking[:k])) / len(target))
                hits = lookup_claims(store, q["query"], embedder=qemb, k=10)
                shown = {m.statement.id for h in hits for m in h.claim.members} | {h.best.statement.id for h in hits}
                shown_recall.append(len(target & shown) / len(target))
                langs_target = {lang_of[i] for i in target}
                both += {lang_of[i] for i in target & shown} >= langs_target
            n = len(queries)
            out += [f"### {name}: {n} queries ({sum(q['lang'] == 'ar' for q in queries)} Arabic, "
                    f"{sum(q['lang'] == 'en' for q in queries)} English)", "",
                    "| ranking | recall@5 of the claim's statements | recall@10 |", "|---|---|---|"]
            for variant, by_k in flat.items():
                out.append(f"| {variant} | {np.mean(by_k[5]):.3f} | {np.mean(by_k[10]):.3f} |")
            out += ["", f"By claim (k=10 claims, every statement of each shown): recall of the claim's statements "
                        f"**{np.mean(shown_recall):.3f}** (target >= 0.90); claim shown in both languages for "
                        f"**{both}/{n} = {both / n:.1%}** of queries (target >= 90%).", ""]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
